#include "sweep/sobol_sequence.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "sweep/design.hpp"

namespace defsim::sweep {
namespace {

TEST(SobolSequence, FirstPointsOfThreeDimensionsMatchJoeKuo) {
  // Joe and Kuo's sobol.cc (and scipy's unscrambled qmc.Sobol) with new-joe-kuo-6.21201.
  const double expected[10][3] = {{0, 0, 0},
                                  {0.5, 0.5, 0.5},
                                  {0.75, 0.25, 0.25},
                                  {0.25, 0.75, 0.75},
                                  {0.375, 0.375, 0.625},
                                  {0.875, 0.875, 0.125},
                                  {0.625, 0.125, 0.875},
                                  {0.125, 0.625, 0.375},
                                  {0.1875, 0.3125, 0.9375},
                                  {0.6875, 0.8125, 0.4375}};
  const UnitPoints x = sobol_points(10, 3);
  for (int i = 0; i < 10; ++i) {
    for (int j = 0; j < 3; ++j) EXPECT_EQ(x(i, j), expected[i][j]) << "point " << i << " dimension " << j + 1;
  }
}

// Σ_j (j+1) · 2^32 · x_j over all 128 dimensions of one point: a wrong direction number in any
// dimension changes it. Reference values from scipy 1.10, qmc.Sobol(128, scramble=False,
// bits=32) after fast_forward(index), an implementation independent of this one.
TEST(SobolSequence, EveryDimensionMatchesAnIndependentImplementation) {
  ASSERT_EQ(max_sobol_dimensions(), 128);
  struct Case {
    std::uint64_t index;
    std::uint64_t checksum;
    std::uint32_t first, d64, d128;
  };
  const Case cases[] = {{1023, 19054790180864ull, 4194304u, 171966464u, 3007315968u},
                        {65535, 20030285676544ull, 65536u, 1272905728u, 1032650752u},
                        {1060921, 19176354185216ull, 2752780288u, 1078331392u, 3085015040u},
                        {2147483655ull, 17832063253660ull, 536870915u, 1122296075u, 2768684165u},
                        {4294967295ull, 17055929117856ull, 1u, 303916897u, 2699379135u}};
  SobolSequence sequence(128);
  std::vector<double> point(128);
  for (const Case& c : cases) {
    sequence.seek(c.index);
    sequence.next(point.data());
    std::uint64_t checksum = 0;
    for (int j = 0; j < 128; ++j)
      checksum += static_cast<std::uint64_t>(j + 1) * static_cast<std::uint64_t>(std::ldexp(point[j], 32));
    EXPECT_EQ(checksum, c.checksum) << "point " << c.index;
    EXPECT_EQ(std::ldexp(point[0], 32), c.first);
    EXPECT_EQ(std::ldexp(point[63], 32), c.d64);
    EXPECT_EQ(std::ldexp(point[127], 32), c.d128);
  }
  // The last of the 2^32 points has been produced.
  EXPECT_THROW(sequence.next(point.data()), std::out_of_range);
}

TEST(SobolSequence, EveryPowerOfTwoPrefixIsStratifiedInEveryDimension) {
  const int d = max_sobol_dimensions();
  const UnitPoints x = sobol_points(1 << 10, d);
  for (int k = 0; k <= 10; ++k) {
    const int n = 1 << k;
    for (int j = 0; j < d; ++j) {
      std::vector<int> hits(static_cast<std::size_t>(n), 0);
      for (int i = 0; i < n; ++i) {
        ASSERT_GE(x(i, j), 0.0);
        ASSERT_LT(x(i, j), 1.0);
        ++hits[static_cast<std::size_t>(std::floor(x(i, j) * n))];
      }
      for (int s = 0; s < n; ++s) ASSERT_EQ(hits[s], 1) << "2^" << k << " points, dimension " << j + 1;
    }
  }
}

TEST(SobolSequence, SkipAndSeekGiveTheSamePointsAsStepping) {
  const UnitPoints all = sobol_points(300, 7);
  const UnitPoints skipped = sobol_points(100, 7, 200);
  EXPECT_EQ(skipped, all.bottomRows(100));
  EXPECT_EQ(sobol_points(5, 7, 0), all.topRows(5));
  SobolSequence sequence(7);
  std::vector<double> point(7);
  for (std::uint64_t i : {299u, 3u, 128u, 0u}) {
    sequence.seek(i);
    EXPECT_EQ(sequence.index(), i);
    sequence.next(point.data());
    for (int j = 0; j < 7; ++j) EXPECT_EQ(point[j], all(static_cast<Eigen::Index>(i), j));
  }
}

TEST(SobolSequence, TooManyDimensionsOrPointsThrow) {
  try {
    sobol_points(4, 129);
    FAIL() << "129 dimensions accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "sobol_points: d = 129; the Sobol' table has at most 128 dimensions");
  }
  try {
    SobolSequence sequence(0);
    FAIL() << "0 dimensions accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "Sobol' sequence: 0 dimensions requested; the direction-number table has 1 to 128");
  }
  try {
    sobol_points(2, 1, (std::int64_t{1} << 32) - 1);
    FAIL() << "a point past 2^32 accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "sobol_points: skip = 4294967295 and n = 2 reach past the 2^32 points of the sequence");
  }
  EXPECT_EQ(sobol_points(1, 1, (std::int64_t{1} << 32) - 1)(0, 0), std::ldexp(1.0, -32));
}

}  // namespace
}  // namespace defsim::sweep
