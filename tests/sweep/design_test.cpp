#include "sweep/design.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace defsim::sweep {
namespace {

void expect_in_unit_interval(const UnitPoints& x) {
  EXPECT_GE(x.minCoeff(), 0.0);
  EXPECT_LT(x.maxCoeff(), 1.0);
}

TEST(RandomPoints, AreDeterministicPerSeedAndExtendWithN) {
  const UnitPoints x = random_points(50, 4, 7);
  ASSERT_EQ(x.rows(), 50);
  ASSERT_EQ(x.cols(), 4);
  expect_in_unit_interval(x);
  EXPECT_EQ(x, random_points(50, 4, 7));
  EXPECT_EQ(random_points(20, 4, 7), x.topRows(20));
  const UnitPoints other = random_points(50, 4, 8);
  EXPECT_NE(x, other);
  EXPECT_GT((x - other).cwiseAbs().minCoeff(), 0.0);  // no coordinate shared by chance
}

TEST(LatinHypercube, EveryColumnHasOnePointInEachStratum) {
  for (std::int64_t n : {1, 2, 3, 7, 100, 1000}) {
    const UnitPoints x = latin_hypercube(n, 5, 11);
    ASSERT_EQ(x.rows(), n);
    expect_in_unit_interval(x);
    for (int j = 0; j < 5; ++j) {
      std::vector<int> hits(static_cast<std::size_t>(n), 0);
      for (std::int64_t i = 0; i < n; ++i)
        ++hits[static_cast<std::size_t>(std::floor(x(i, j) * static_cast<double>(n)))];
      for (std::int64_t s = 0; s < n; ++s)
        EXPECT_EQ(hits[s], 1) << "n=" << n << " column " << j << " stratum " << s;
    }
  }
}

TEST(LatinHypercube, IsDeterministicPerSeed) {
  const UnitPoints x = latin_hypercube(64, 3, 5);
  EXPECT_EQ(x, latin_hypercube(64, 3, 5));
  EXPECT_NE(x, latin_hypercube(64, 3, 6));
  // Columns are paired by independent permutations: neither in stratum order nor alike.
  std::vector<int> first(64);
  std::vector<int> second(64);
  std::vector<int> in_order(64);
  for (int i = 0; i < 64; ++i) {
    first[i] = static_cast<int>(std::floor(x(i, 0) * 64));
    second[i] = static_cast<int>(std::floor(x(i, 1) * 64));
    in_order[i] = i;
  }
  EXPECT_NE(first, second);
  EXPECT_NE(first, in_order);
}

TEST(SaltelliPoints, AbRowsAreARowsWithOneColumnFromB) {
  const std::int64_t n = 8;
  const int d = 4;
  const UnitPoints x = saltelli_points(n, d);
  ASSERT_EQ(x.rows(), saltelli_rows(n, d));
  ASSERT_EQ(x.rows(), n * (d + 2));
  ASSERT_EQ(saltelli_skip(n), 8);
  const UnitPoints base = sobol_points(n, 2 * d, saltelli_skip(n));
  for (std::int64_t j = 0; j < n; ++j) {
    const std::int64_t top = j * (d + 2);
    const Eigen::RowVectorXd a = x.row(top);
    const Eigen::RowVectorXd b = x.row(top + d + 1);
    EXPECT_EQ(a, base.row(j).head(d));
    EXPECT_EQ(b, base.row(j).tail(d));
    for (int i = 0; i < d; ++i) {
      for (int k = 0; k < d; ++k) {
        EXPECT_EQ(x(top + 1 + i, k), k == i ? b(k) : a(k))
            << "base row " << j << ", AB^(" << i << "), column " << k;
      }
    }
  }
  // No base row is the all-zero first point of the sequence.
  EXPECT_GT(x.rowwise().maxCoeff().minCoeff(), 0.0);
}

TEST(SaltelliPoints, SkipIsTheNextPowerOfTwo) {
  EXPECT_EQ(saltelli_skip(1), 1);
  EXPECT_EQ(saltelli_skip(2), 2);
  EXPECT_EQ(saltelli_skip(1000), 1024);
  EXPECT_EQ(saltelli_skip(4096), 4096);
  EXPECT_EQ(saltelli_skip(4097), 8192);
}

TEST(SaltelliPoints, BadSizesThrowWithTheirMessage) {
  const auto message = [](auto&& call) {
    try {
      call();
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no exception");
  };
  EXPECT_EQ(message([] { saltelli_points(1, 3); }), "saltelli_points: n = 1; need n >= 2");
  EXPECT_EQ(message([] { saltelli_points(8, 0); }), "saltelli_points: d = 0; need d >= 1");
  EXPECT_EQ(message([] { saltelli_points(8, 65); }),
            "saltelli_points: d = 65 needs a 130-dimensional Sobol' sequence; the table has 128 dimensions, "
            "so d <= 64");
  EXPECT_EQ(message([] { saltelli_rows(1, 3); }), "saltelli_rows: n = 1; need n >= 2");
  EXPECT_EQ(saltelli_points(2, 64).rows(), 2 * 66);
}

// Level index of a Morris coordinate; the coordinate must lie on the grid.
double level_of(double x, int levels) { return x * static_cast<double>(levels - 1); }

TEST(MorrisPoints, StepsMoveOneColumnByDeltaAndStayOnTheGrid) {
  for (int levels : {2, 3, 4, 5, 6}) {
    const int d = 5;
    const int r = 30;
    const UnitPoints x = morris_points(r, d, levels, 3);
    ASSERT_EQ(x.rows(), r * (d + 1));
    const double delta = morris_delta(levels);
    EXPECT_EQ(delta, levels % 2 == 0 ? levels / (2.0 * (levels - 1)) : 0.5);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      for (int j = 0; j < d; ++j) {
        const double level = level_of(x(i, j), levels);
        EXPECT_NEAR(level, std::round(level), 1e-12) << "off the grid at row " << i;
        EXPECT_GE(x(i, j), 0.0);
        EXPECT_LE(x(i, j), 1.0);
      }
    }
    for (int t = 0; t < r; ++t) {
      std::vector<int> moved(d, 0);
      for (int s = 0; s < d; ++s) {
        const Eigen::Index row = t * (d + 1) + s;
        int changes = 0;
        for (int j = 0; j < d; ++j) {
          const double step = x(row + 1, j) - x(row, j);
          if (step == 0.0) continue;
          ++changes;
          ++moved[j];
          EXPECT_NEAR(std::fabs(step), delta, 1e-15);
        }
        EXPECT_EQ(changes, 1) << "levels " << levels << " trajectory " << t << " step " << s;
      }
      for (int j = 0; j < d; ++j) EXPECT_EQ(moved[j], 1);
    }
  }
}

TEST(MorrisPoints, AreDeterministicPerSeedAndUseBothDirections) {
  const UnitPoints x = morris_points(20, 3, 4, 9);
  EXPECT_EQ(x, morris_points(20, 3, 4, 9));
  EXPECT_EQ(morris_points(5, 3, 4, 9), x.topRows(5 * 4));
  EXPECT_NE(x, morris_points(20, 3, 4, 10));
  int up = 0;
  int down = 0;
  for (Eigen::Index row = 0; row + 1 < x.rows(); ++row) {
    if (row % 4 == 3) continue;  // last row of a trajectory
    const double change = (x.row(row + 1) - x.row(row)).sum();
    (change > 0 ? up : down) += 1;
  }
  EXPECT_GT(up, 10);
  EXPECT_GT(down, 10);
}

TEST(MorrisPoints, BadArgumentsThrow) {
  EXPECT_THROW(morris_points(0, 3, 4, 1), std::invalid_argument);
  EXPECT_THROW(morris_points(4, 0, 4, 1), std::invalid_argument);
  try {
    morris_points(4, 3, 1, 1);
    FAIL() << "one level accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "morris: levels = 1; need levels >= 2");
  }
}

TEST(GridIndices, EnumeratesTheFactorialWithTheLastParameterFastest) {
  const std::vector<std::vector<int>> expected = {{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 1}, {1, 2}};
  EXPECT_EQ(grid_indices({2, 3}), expected);
  EXPECT_EQ(grid_indices({1}), (std::vector<std::vector<int>>{{0}}));
  EXPECT_EQ(grid_indices({3, 1, 2}).size(), 6u);
  EXPECT_EQ(grid_indices({3, 1, 2}).back(), (std::vector<int>{2, 0, 1}));
  try {
    grid_indices({2, 0});
    FAIL() << "zero levels accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "grid_indices: parameter 2 has 0 levels; need at least 1");
  }
  EXPECT_THROW(grid_indices({}), std::invalid_argument);
  EXPECT_THROW(grid_indices({65536, 65536}), std::invalid_argument);
}

}  // namespace
}  // namespace defsim::sweep
