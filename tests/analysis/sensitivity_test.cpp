#include "analysis/sensitivity.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

#include "sweep/design.hpp"
#include "sweep/marginal.hpp"

namespace defsim::sweep {
namespace {

constexpr double kA = 7.0;
constexpr double kB = 0.1;
constexpr double kPi = std::numbers::pi;

double ishigami(double x1, double x2, double x3) {
  return std::sin(x1) + kA * std::sin(x2) * std::sin(x2) + kB * std::pow(x3, 4) * std::sin(x1);
}

// Ishigami outputs over saltelli_points(n, 3), inputs uniform on [-π, π].
std::vector<double> ishigami_outputs(std::int64_t n) {
  const UnitPoints u = saltelli_points(n, 3);
  Marginal m;
  m.kind = Marginal::Kind::uniform;
  m.a = -kPi;
  m.b = kPi;
  std::vector<double> y(static_cast<std::size_t>(u.rows()));
  for (Eigen::Index r = 0; r < u.rows(); ++r) {
    y[static_cast<std::size_t>(r)] = ishigami(m.quantile(u(r, 0)), m.quantile(u(r, 1)), m.quantile(u(r, 2)));
  }
  return y;
}

// Ishigami and Homma (1990); Saltelli et al., Global Sensitivity Analysis: The Primer (2008).
struct Analytic {
  double s1[3], st[3];
};
Analytic ishigami_indices() {
  const double pi4 = std::pow(kPi, 4);
  const double pi8 = pi4 * pi4;
  const double v1 = 0.5 * (1.0 + kB * pi4 / 5.0) * (1.0 + kB * pi4 / 5.0);
  const double v2 = kA * kA / 8.0;
  const double v13 = kB * kB * pi8 * (1.0 / 18.0 - 1.0 / 50.0);
  const double v = v1 + v2 + v13;
  return {{v1 / v, v2 / v, 0.0}, {(v1 + v13) / v, v2 / v, v13 / v}};
}

TEST(SobolIndices, IshigamiAnalyticValuesLieInTheirIntervalsAtN4096) {
  const Analytic exact = ishigami_indices();
  // The rounded values everyone quotes.
  EXPECT_NEAR(exact.s1[0], 0.3139, 1e-4);
  EXPECT_NEAR(exact.s1[1], 0.4424, 1e-4);
  EXPECT_NEAR(exact.st[0], 0.5576, 1e-4);
  EXPECT_NEAR(exact.st[2], 0.2437, 1e-4);

  const SobolResult r = sobol_indices(ishigami_outputs(4096), 3);
  ASSERT_EQ(r.indices.size(), 3u);
  EXPECT_EQ(r.base_samples, 4096);
  const double pi4 = std::pow(kPi, 4);
  const double variance = kA * kA / 8.0 + kB * pi4 / 5.0 + kB * kB * pi4 * pi4 / 18.0 + 0.5;
  EXPECT_NEAR(r.variance, variance, 0.05 * variance);
  for (int i = 0; i < 3; ++i) {
    const SobolIndex& s = r.indices[i];
    SCOPED_TRACE("parameter " + std::to_string(i + 1));
    EXPECT_LE(s.first.low, exact.s1[i]);
    EXPECT_GE(s.first.high, exact.s1[i]);
    EXPECT_LE(s.total.low, exact.st[i]);
    EXPECT_GE(s.total.high, exact.st[i]);
    EXPECT_LT(s.first.high - s.first.low, 0.1);
    EXPECT_LT(s.total.high - s.total.low, 0.1);
    EXPECT_NEAR(s.first.estimate, exact.s1[i], 0.03);
    EXPECT_NEAR(s.total.estimate, exact.st[i], 0.03);
  }
  EXPECT_TRUE(r.warnings.empty()) << r.warnings.front();
}

TEST(SobolIndices, SmallSampleWarnsThatAnIntervalIncludesZero) {
  const SobolResult r = sobol_indices(ishigami_outputs(16), 3);
  ASSERT_FALSE(r.warnings.empty());
  bool third = false;
  for (const std::string& w : r.warnings) {
    EXPECT_EQ(w.rfind("n=16: the 95% interval of S", 0), 0u) << w;
    EXPECT_NE(w.find("includes 0 and is wider than 0.1; increase samples"), std::string::npos) << w;
    third = third || w.find("for parameter 3,") != std::string::npos;
  }
  EXPECT_TRUE(third);
  EXPECT_LE(r.indices[2].first.low, 0.0);
  EXPECT_GE(r.indices[2].first.high, 0.0);
}

TEST(SobolIndices, SameSeedGivesIdenticalIntervalsAndAnotherSeedDoesNot) {
  const std::vector<double> y = ishigami_outputs(256);
  const SobolResult a = sobol_indices(y, 3, 500, 0.9, 42);
  const SobolResult b = sobol_indices(y, 3, 500, 0.9, 42);
  const SobolResult c = sobol_indices(y, 3, 500, 0.9, 43);
  bool differs = false;
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(a.indices[i].first.low, b.indices[i].first.low);
    EXPECT_EQ(a.indices[i].first.high, b.indices[i].first.high);
    EXPECT_EQ(a.indices[i].total.low, b.indices[i].total.low);
    EXPECT_EQ(a.indices[i].total.high, b.indices[i].total.high);
    EXPECT_EQ(a.indices[i].first.estimate, c.indices[i].first.estimate);  // the seed only moves the bootstrap
    differs = differs || a.indices[i].first.low != c.indices[i].first.low;
  }
  EXPECT_TRUE(differs);
  EXPECT_EQ(a.warnings, b.warnings);
}

TEST(SobolIndices, AConstantAddedToTheOutputChangesNothing) {
  std::vector<double> y = ishigami_outputs(512);
  const SobolResult plain = sobol_indices(y, 3, 200);
  for (double& v : y) v += 1e6;
  const SobolResult shifted = sobol_indices(y, 3, 200);
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(shifted.indices[i].first.estimate, plain.indices[i].first.estimate, 1e-8);
    EXPECT_NEAR(shifted.indices[i].total.estimate, plain.indices[i].total.estimate, 1e-8);
    EXPECT_NEAR(shifted.indices[i].first.low, plain.indices[i].first.low, 1e-8);
  }
}

TEST(SobolIndices, AnIdleParameterGetsZeroWithAZeroWidthInterval) {
  // y = x1 + 2 x2, x3 unused: S_i = c_i² / Σ c², no interactions.
  const UnitPoints u = saltelli_points(1024, 3);
  std::vector<double> y(static_cast<std::size_t>(u.rows()));
  for (Eigen::Index r = 0; r < u.rows(); ++r) y[static_cast<std::size_t>(r)] = u(r, 0) + 2.0 * u(r, 1);
  const SobolResult r = sobol_indices(y, 3);
  EXPECT_NEAR(r.indices[0].first.estimate, 0.2, 0.02);
  EXPECT_NEAR(r.indices[1].total.estimate, 0.8, 0.02);
  EXPECT_EQ(r.indices[2].first.estimate, 0.0);
  EXPECT_EQ(r.indices[2].first.low, 0.0);
  EXPECT_EQ(r.indices[2].first.high, 0.0);
  EXPECT_EQ(r.indices[2].total.estimate, 0.0);
  EXPECT_EQ(r.indices[2].total.high, 0.0);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(SobolIndices, ConstantOutputGivesZeroIndicesAndAWarning) {
  const std::vector<double> y(static_cast<std::size_t>(saltelli_rows(64, 2)), 0.1);
  const SobolResult r = sobol_indices(y, 2);
  EXPECT_EQ(r.variance, 0.0);
  for (const SobolIndex& s : r.indices) {
    EXPECT_EQ(s.first.estimate, 0.0);
    EXPECT_EQ(s.first.low, 0.0);
    EXPECT_EQ(s.total.high, 0.0);
  }
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0], "n=64: the output does not vary over the A and B samples; every index is 0");
}

std::string error_of(auto&& call) {
  try {
    call();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no exception";
}

TEST(SobolIndices, BadInputsThrowWithTheirMessage) {
  const std::vector<double> y(20, 1.0);
  EXPECT_EQ(
      error_of([&] { sobol_indices(std::vector<double>(21, 1.0), 3); }),
      "sobol_indices: y has 21 values, not a multiple of d + 2 = 5 (saltelli_points(n, 3) has n * 5 rows)");
  EXPECT_EQ(error_of([&] { sobol_indices(std::vector<double>(5, 1.0), 3); }),
            "sobol_indices: y has 5 values, 1 base sample(s) for d = 3; need n >= 2");
  EXPECT_EQ(error_of([&] { sobol_indices(y, 0); }), "sobol_indices: d = 0; need d >= 1");
  EXPECT_EQ(error_of([&] { sobol_indices(y, 3, 0); }), "sobol_indices: resamples = 0; need at least 1");
  EXPECT_EQ(error_of([&] { sobol_indices(y, 3, 100, 1.0); }),
            "sobol_indices: confidence = 1; need 0 < confidence < 1");
  std::vector<double> bad = y;
  bad[7] = std::nan("");
  EXPECT_EQ(error_of([&] { sobol_indices(bad, 3); }), "sobol_indices: y[7] is not finite");
}

std::vector<double> outputs(const UnitPoints& x, auto&& f) {
  std::vector<double> y(static_cast<std::size_t>(x.rows()));
  for (Eigen::Index r = 0; r < x.rows(); ++r) y[static_cast<std::size_t>(r)] = f(x.row(r));
  return y;
}

TEST(MorrisIndices, LinearFunctionHasConstantEffects) {
  const double c[4] = {3.0, -2.0, 0.5, 0.0};  // the fourth parameter is unused
  const UnitPoints x = morris_points(20, 4, 4, 5);
  const std::vector<double> y =
      outputs(x, [&](const auto& p) { return c[0] * p(0) + c[1] * p(1) + c[2] * p(2) + c[3] * p(3) + 10.0; });
  const MorrisResult r = morris_indices(x, y, 4);
  EXPECT_EQ(r.trajectories, 20);
  for (int i = 0; i < 4; ++i) {
    SCOPED_TRACE("parameter " + std::to_string(i + 1));
    EXPECT_NEAR(r.indices[i].mu, c[i], 1e-12);
    EXPECT_NEAR(r.indices[i].mu_star, std::fabs(c[i]), 1e-12);
    EXPECT_NEAR(r.indices[i].sigma, 0.0, 1e-12);
    EXPECT_NEAR(r.indices[i].mu_star_interval.low, std::fabs(c[i]), 1e-12);
    EXPECT_NEAR(r.indices[i].mu_star_interval.high, std::fabs(c[i]), 1e-12);
  }
  EXPECT_EQ(r.indices[3].mu_star, 0.0);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(MorrisIndices, InteractionsShowAsSpread) {
  // y = x1 x2 + x3²: the effect of x1 depends on x2 and vice versa, x3's on where it starts.
  const UnitPoints x = morris_points(40, 4, 6, 2);
  const std::vector<double> y = outputs(x, [](const auto& p) { return p(0) * p(1) + p(2) * p(2); });
  const MorrisResult r = morris_indices(x, y, 4, 500);
  EXPECT_GT(r.indices[0].sigma, 0.1);
  EXPECT_GT(r.indices[1].sigma, 0.1);
  EXPECT_GT(r.indices[2].sigma, 0.1);
  EXPECT_GT(r.indices[0].mu_star, 0.1);
  EXPECT_LE(r.indices[0].mu_star_interval.low, r.indices[0].mu_star);
  EXPECT_GE(r.indices[0].mu_star_interval.high, r.indices[0].mu_star);
  EXPECT_EQ(r.indices[3].mu_star, 0.0);
  EXPECT_EQ(r.indices[3].sigma, 0.0);
  // x3's effect (x+Δ)² - x² over Δ is 2x + Δ, always positive: mu = mu*.
  EXPECT_NEAR(r.indices[2].mu, r.indices[2].mu_star, 1e-12);
}

TEST(MorrisIndices, RareEffectsWarnThatTheIntervalReachesZero) {
  // Parameter 1 changes the output in the first of 10 trajectories only: a third of the
  // bootstrap resamples leave that trajectory out, so the interval of mu* reaches 0.
  const UnitPoints x = morris_points(10, 2, 4, 1);
  std::vector<double> y(static_cast<std::size_t>(x.rows()), 0.0);
  const int moves_first = x(1, 0) != x(0, 0) ? 1 : 2;  // the row after parameter 1's step
  for (Eigen::Index r = moves_first; r < 3; ++r) y[static_cast<std::size_t>(r)] = 1.0;
  const MorrisResult r = morris_indices(x, y, 2);
  ASSERT_GT(r.indices[0].mu_star, 0.0);
  ASSERT_EQ(r.indices[0].mu_star_interval.low, 0.0);
  EXPECT_EQ(r.indices[1].mu_star, 0.0);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].rfind("r=10: the 95% interval of mu* for parameter 1, [0, ", 0), 0u)
      << r.warnings[0];
}

TEST(MorrisIndices, BadInputsThrowWithTheirMessage) {
  const UnitPoints x = morris_points(3, 2, 4, 1);
  const std::vector<double> y(9, 1.0);
  EXPECT_EQ(error_of([&] { morris_indices(x, std::vector<double>(8, 1.0), 2); }),
            "morris_indices: y has 8 values but points have 9 rows");
  EXPECT_EQ(error_of([&] { morris_indices(x, y, 3); }), "morris_indices: points have 2 columns but d = 3");
  EXPECT_EQ(error_of([&] { morris_indices(x.topRows(8), std::vector<double>(8, 1.0), 2); }),
            "morris_indices: 8 rows is not a whole number of trajectories of d + 1 = 3 rows");
  EXPECT_EQ(error_of([&] { morris_indices(x.topRows(3), std::vector<double>(3, 1.0), 2); }),
            "morris_indices: 1 trajectory; need at least 2 for sigma and an interval");
  UnitPoints broken = x;
  broken(1, 0) = broken(0, 0);
  broken(1, 1) = broken(0, 1);
  EXPECT_EQ(error_of([&] { morris_indices(broken, y, 2); }),
            "morris_indices: rows 0 and 1 differ in 0 columns; a Morris step changes exactly one");
}

TEST(PercentileInterval, InterpolatesBetweenOrderStatistics) {
  std::vector<double> draws = {5.0, 1.0, 4.0, 2.0, 3.0};
  const Interval i = percentile_interval(draws, 3.0, 0.5);  // quantiles 0.25 and 0.75
  EXPECT_EQ(i.estimate, 3.0);
  EXPECT_EQ(i.low, 2.0);
  EXPECT_EQ(i.high, 4.0);
  std::vector<double> two = {10.0, 0.0};
  const Interval j = percentile_interval(two, 5.0, 0.8);
  EXPECT_NEAR(j.low, 1.0, 1e-12);
  EXPECT_NEAR(j.high, 9.0, 1e-12);
}

}  // namespace
}  // namespace defsim::sweep
