#include "sweep/marginal.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace defsim::sweep {
namespace {

Marginal make(Marginal::Kind kind, double a, double b, double c = 0.0) {
  Marginal m;
  m.kind = kind;
  m.a = a;
  m.b = b;
  m.c = c;
  return m;
}

TEST(StandardNormalQuantile, MatchesReferenceValues) {
  // Reference values: scipy.stats.norm.ppf (scipy 1.10), to 16 digits.
  EXPECT_NEAR(standard_normal_quantile(0.975), 1.959963984540054, 1e-12);
  EXPECT_NEAR(standard_normal_quantile(0.95), 1.644853626951472, 1e-12);
  EXPECT_NEAR(standard_normal_quantile(0.001), -3.090232306167813, 1e-12);
  EXPECT_NEAR(standard_normal_quantile(1e-10), -6.361340902404056, 1e-11);
  EXPECT_NEAR(standard_normal_quantile(1e-300), -37.0470962993612, 1e-10);
  EXPECT_EQ(standard_normal_quantile(0.5), 0.0);
  EXPECT_EQ(standard_normal_quantile(0.25), -standard_normal_quantile(0.75));
  EXPECT_EQ(standard_normal_quantile(0.0078125), -standard_normal_quantile(0.9921875));
  EXPECT_EQ(standard_normal_quantile(0.0), -std::numeric_limits<double>::infinity());
  EXPECT_THROW(standard_normal_quantile(1.5), std::invalid_argument);
}

TEST(Marginal, NormalAndLognormalTransformTheStandardQuantile) {
  const Marginal normal = make(Marginal::Kind::normal, 10.0, 2.0);
  EXPECT_NEAR(normal.quantile(0.975), 10.0 + 2.0 * 1.959963984540054, 1e-12);
  EXPECT_EQ(normal.quantile(0.5), 10.0);
  // The origin of a Sobol' sequence maps to a finite tail value, symmetric with u -> 1.
  EXPECT_TRUE(std::isfinite(normal.quantile(0.0)));
  EXPECT_NEAR(normal.quantile(0.0) - 10.0, -(normal.quantile(1.0) - 10.0), 1e-9);
  EXPECT_LT(normal.quantile(0.0), 10.0 - 2.0 * 8.0);
  const Marginal lognormal = make(Marginal::Kind::lognormal, 1.0, 0.5);
  EXPECT_NEAR(lognormal.quantile(0.5), std::exp(1.0), 1e-15);
  EXPECT_NEAR(lognormal.quantile(0.975), std::exp(1.0 + 0.5 * 1.959963984540054), 1e-12);
}

TEST(Marginal, UniformAndLogUniformInterpolate) {
  const Marginal uniform = make(Marginal::Kind::uniform, -2.0, 6.0);
  EXPECT_EQ(uniform.quantile(0.0), -2.0);
  EXPECT_EQ(uniform.quantile(0.25), 0.0);
  EXPECT_EQ(uniform.quantile(1.0), 6.0);
  EXPECT_EQ(uniform.quantile(1.5), 6.0);  // clamped
  const Marginal log_uniform = make(Marginal::Kind::log_uniform, 1.0, 100.0);
  EXPECT_NEAR(log_uniform.quantile(0.5), 10.0, 1e-13);  // geometric midpoint
  EXPECT_EQ(log_uniform.quantile(0.0), 1.0);
  EXPECT_EQ(log_uniform.quantile(1.0), 100.0);
}

TEST(Marginal, TriangularInvertsBothSidesOfTheMode) {
  const Marginal t = make(Marginal::Kind::triangular, 0.0, 3.0, 1.0);  // low 0, mode 1, high 3
  // F(x) = x²/3 below the mode, 1 - (3 - x)²/6 above it.
  EXPECT_NEAR(t.quantile(1.0 / 3.0), 1.0, 1e-15);
  EXPECT_NEAR(t.quantile(0.25 / 3.0), 0.5, 1e-15);
  EXPECT_NEAR(t.quantile(1.0 - 1.0 / 6.0), 2.0, 1e-15);
  EXPECT_EQ(t.quantile(0.0), 0.0);
  EXPECT_EQ(t.quantile(1.0), 3.0);
  const Marginal right = make(Marginal::Kind::triangular, 0.0, 2.0, 0.0);  // mode at the low end
  EXPECT_NEAR(right.quantile(0.75), 2.0 - 2.0 * 0.5, 1e-15);
}

TEST(Marginal, LevelsPickByEqualShares) {
  Marginal m;
  m.kind = Marginal::Kind::levels;
  m.levels = {10.0, 20.0, 30.0};
  EXPECT_EQ(m.quantile(0.0), 10.0);
  EXPECT_EQ(m.quantile(0.33), 10.0);
  EXPECT_EQ(m.quantile(0.34), 20.0);
  EXPECT_EQ(m.quantile(0.999), 30.0);
  EXPECT_EQ(m.quantile(1.0), 30.0);
  EXPECT_EQ(m.quantile(-0.5), 10.0);
}

TEST(Marginal, InvalidParametersThrowWithTheirMessage) {
  const auto message = [](const Marginal& m, double u) {
    try {
      m.quantile(u);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no exception");
  };
  EXPECT_EQ(message(make(Marginal::Kind::uniform, 2.0, 1.0), 0.5), "Marginal: uniform needs finite a <= b");
  EXPECT_EQ(message(make(Marginal::Kind::log_uniform, 0.0, 1.0), 0.5),
            "Marginal: log_uniform needs 0 < a <= b");
  EXPECT_EQ(message(make(Marginal::Kind::normal, 0.0, 0.0), 0.5),
            "Marginal: normal needs a finite mean a and sd b > 0");
  EXPECT_EQ(message(make(Marginal::Kind::triangular, 0.0, 1.0, 2.0), 0.5),
            "Marginal: triangular needs low a <= mode c <= high b with a < b");
  EXPECT_EQ(message(Marginal{Marginal::Kind::levels, {}, 0, 0, 0}, 0.5), "Marginal: levels is empty");
  EXPECT_EQ(message(make(Marginal::Kind::uniform, 0.0, 1.0), std::nan("")), "Marginal: u is NaN");
}

}  // namespace
}  // namespace defsim::sweep
