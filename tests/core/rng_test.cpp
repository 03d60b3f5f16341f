#include "core/rng.hpp"

#include <gtest/gtest.h>

namespace defsim {
namespace {

TEST(Rng, SameKeyAndCounterGiveTheSameNumbers) {
  const RngKey key{42, 3};
  RandomStream a(key, 17, 100, Purpose::interdiction);
  RandomStream b(key, 17, 100, Purpose::interdiction);
  for (int k = 0; k < 10; ++k) EXPECT_EQ(a.uniform(), b.uniform());
  RandomStream c(key, 18, 100, Purpose::interdiction);
  RandomStream d(key, 17, 100, Purpose::interdiction);
  EXPECT_NE(c.uniform(), d.uniform());
}

TEST(Rng, ThinningHasTheBinomialMean) {
  const RngKey key{1, 0};
  for (double n : {7.5, 400.0, 1.0e6}) {
    double total = 0.0;
    const int draws = 4000;
    for (int k = 0; k < draws; ++k) {
      RandomStream rng(key, 5, k, Purpose::interdiction);
      total += thin_quantity(rng, n, 0.1);
    }
    const double mean = total / draws;
    const double sd = std::sqrt(n * 0.1 * 0.9 / draws) + 0.05;
    EXPECT_NEAR(mean, 0.1 * n, 5 * sd) << n;
  }
}

TEST(Rng, ThinningNeverExceedsTheQuantity) {
  const RngKey key{9, 0};
  for (int k = 0; k < 1000; ++k) {
    RandomStream rng(key, 1, k, Purpose::payment_failure);
    const double x = 0.5 + k * 3.7;
    const double hit = thin_quantity(rng, x, 0.9);
    EXPECT_GE(hit, 0.0);
    EXPECT_LE(hit, x);
  }
}

TEST(Rng, StableIdsDependOnlyOnTheName) {
  static_assert(stable_id("chips/china_direct") == stable_id("chips/china_direct"));
  EXPECT_NE(stable_id("chips/china_direct"), stable_id("chips/kazakhstan"));
}

}  // namespace
}  // namespace defsim
