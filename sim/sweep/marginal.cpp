#include "sweep/marginal.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace defsim::sweep {
namespace {

// Horner evaluation of c[0] + c[1] x + ... + c[7] x^7.
double poly7(const double (&c)[8], double x) {
  double v = c[7];
  for (int i = 6; i >= 0; --i) v = v * x + c[i];
  return v;
}

void require(bool ok, const char* message) {
  if (!ok) throw std::invalid_argument(std::string("Marginal: ") + message);
}

}  // namespace

// M. J. Wichura, "Algorithm AS 241: The percentage points of the normal distribution",
// Applied Statistics 37 (1988) 477-484: rational minimax approximations in three ranges.
double standard_normal_quantile(double p) {
  static constexpr double a[8] = {
      3.3871328727963666080e0,  1.3314166789178437745e+2, 1.9715909503065514427e+3, 1.3731693765509461125e+4,
      4.5921953931549871457e+4, 6.7265770927008700853e+4, 3.3430575583588128105e+4, 2.5090809287301226727e+3};
  static constexpr double b[8] = {1.0,
                                  4.2313330701600911252e+1,
                                  6.8718700749205790830e+2,
                                  5.3941960214247511077e+3,
                                  2.1213794301586595867e+4,
                                  3.9307895800092710610e+4,
                                  2.8729085735721942674e+4,
                                  5.2264952788528545610e+3};
  static constexpr double c[8] = {1.42343711074968357734e0,  4.63033784615654529590e0,
                                  5.76949722146069140550e0,  3.64784832476320460504e0,
                                  1.27045825245236838258e0,  2.41780725177450611770e-1,
                                  2.27238449892691845833e-2, 7.74545014278341407640e-4};
  static constexpr double d[8] = {1.0,
                                  2.05319162663775882187e0,
                                  1.67638483018380384940e0,
                                  6.89767334985100004550e-1,
                                  1.48103976427480074590e-1,
                                  1.51986665636164571966e-2,
                                  5.47593808499534494600e-4,
                                  1.05075007164441684324e-9};
  static constexpr double e[8] = {6.65790464350110377720e0,  5.46378491116411436990e0,
                                  1.78482653991729133580e0,  2.96560571828504891230e-1,
                                  2.65321895265761230930e-2, 1.24266094738807843860e-3,
                                  2.71155556874348757815e-5, 2.01033439929228813265e-7};
  static constexpr double f[8] = {1.0,
                                  5.99832206555887937690e-1,
                                  1.36929880922735805310e-1,
                                  1.48753612908506148525e-2,
                                  7.86869131145613259100e-4,
                                  1.84631831751005468180e-5,
                                  1.42151175831644588870e-7,
                                  2.04426310338993978564e-15};
  if (std::isnan(p) || p < 0.0 || p > 1.0) {
    throw std::invalid_argument("standard_normal_quantile: p must be in [0, 1]");
  }
  if (p == 0.0) return -std::numeric_limits<double>::infinity();
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  const double q = p - 0.5;
  if (std::fabs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q * poly7(a, r) / poly7(b, r);
  }
  double r = std::sqrt(-std::log(q < 0.0 ? p : 1.0 - p));
  double z;
  if (r <= 5.0) {
    r -= 1.6;
    z = poly7(c, r) / poly7(d, r);
  } else {
    r -= 5.0;
    z = poly7(e, r) / poly7(f, r);
  }
  return q < 0.0 ? -z : z;
}

double Marginal::quantile(double u) const {
  if (std::isnan(u)) throw std::invalid_argument("Marginal: u is NaN");
  const double bounded = std::clamp(u, 0.0, 1.0);
  constexpr double kTail = 0x1.0p-53;
  const double open = std::clamp(u, kTail, 1.0 - kTail);
  switch (kind) {
    case Kind::levels: {
      require(!levels.empty(), "levels is empty");
      const auto k = static_cast<double>(levels.size());
      const auto i = static_cast<std::size_t>(std::min(std::floor(bounded * k), k - 1.0));
      return levels[i];
    }
    case Kind::uniform:
      require(std::isfinite(a) && std::isfinite(b) && a <= b, "uniform needs finite a <= b");
      return a + bounded * (b - a);
    case Kind::log_uniform:
      require(std::isfinite(b) && 0.0 < a && a <= b, "log_uniform needs 0 < a <= b");
      // Clamped: exp(log(b)) can exceed b by an ulp.
      return std::clamp(std::exp(std::log(a) + bounded * (std::log(b) - std::log(a))), a, b);
    case Kind::normal:
      require(std::isfinite(a) && std::isfinite(b) && b > 0.0, "normal needs a finite mean a and sd b > 0");
      return a + b * standard_normal_quantile(open);
    case Kind::lognormal:
      require(std::isfinite(a) && std::isfinite(b) && b > 0.0,
              "lognormal needs a finite mu a and sigma b > 0");
      return std::exp(a + b * standard_normal_quantile(open));
    case Kind::triangular: {
      require(std::isfinite(a) && std::isfinite(b) && a <= c && c <= b && a < b,
              "triangular needs low a <= mode c <= high b with a < b");
      const double width = b - a;
      const double mode_at = (c - a) / width;  // F(c)
      if (bounded < mode_at) return a + std::sqrt(bounded * width * (c - a));
      return b - std::sqrt((1.0 - bounded) * width * (b - c));
    }
  }
  throw std::invalid_argument("Marginal: unknown kind");
}

}  // namespace defsim::sweep
