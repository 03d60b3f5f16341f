#include "econ/ces.hpp"

#include <gtest/gtest.h>

namespace defsim {
namespace {

TEST(Ces, ReferencePointGivesReferenceCapacityForEverySigma) {
  for (double sigma : {0.0, 0.3, 1.0, 2.0}) {
    const CesPoint p{100.0, 50.0, 1000.0, 0.4, sigma};
    EXPECT_NEAR(ces_capacity(p, 50.0, 1000.0), 100.0, 1e-12) << sigma;
  }
}

TEST(Ces, LeontiefLimitIsTheScarcerFactor) {
  const CesPoint p{100.0, 50.0, 1000.0, 0.4, 0.0};
  EXPECT_DOUBLE_EQ(ces_capacity(p, 25.0, 1000.0), 50.0);
  EXPECT_DOUBLE_EQ(ces_capacity(p, 50.0, 2000.0), 100.0);
  EXPECT_TRUE(std::isinf(ces_labour_for(p, 25.0, 60.0)));
}

TEST(Ces, CobbDouglasLimitIsExact) {
  const CesPoint p{100.0, 50.0, 1000.0, 0.3, 1.0};
  EXPECT_NEAR(ces_capacity(p, 100.0, 1000.0), 100.0 * std::pow(2.0, 0.3), 1e-12);
}

TEST(Ces, MoreCapitalNeedsLessLabourWhenFactorsSubstitute) {
  for (double sigma : {0.5, 1.0, 1.5}) {
    const CesPoint p{100.0, 50.0, 1000.0, 0.4, sigma};
    const double base = ces_labour_for(p, 50.0, 120.0);
    const double more_tools = ces_labour_for(p, 80.0, 120.0);
    EXPECT_LT(more_tools, base) << sigma;
    // The inverse really inverts.
    EXPECT_NEAR(ces_capacity(p, 80.0, more_tools), 120.0, 1e-9) << sigma;
  }
}

TEST(Ces, LabourOnlyPlantScalesLinearly) {
  const CesPoint p{10.0, 0.0, 500.0, 0.0, 0.5};
  EXPECT_DOUBLE_EQ(ces_capacity(p, 0.0, 750.0), 15.0);
  EXPECT_DOUBLE_EQ(ces_labour_for(p, 0.0, 15.0), 750.0);
}

}  // namespace
}  // namespace defsim
