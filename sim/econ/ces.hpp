#pragma once
// Normalised CES capacity from capital and labour (model spec §2) and its inverse for the
// desired workforce (§4). Exact Leontief (σ = 0) and Cobb–Douglas (σ = 1) limits.
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/power.hpp"

namespace defsim {

struct CesPoint {
  double capacity_ref;  // Y_ref
  double capital_ref;   // K_ref (0: labour-only plant, α must be 0)
  double labour_ref;    // L_ref, effective workers
  double alpha;         // capital weight
  double sigma;         // elasticity of substitution
};

inline constexpr double kCobbDouglasTolerance = 1e-9;

// The capital side of both functions below, computed once when a plant needs capacity and
// the labour for its plan on the same day: k = K/K_ref and its power (k^α for Cobb–Douglas,
// k^ρ for CES). pow is most of the cost of planning, and this saves one of its calls.
struct CesCapital {
  double k = 0.0;
  double k_power = 0.0;
};

inline bool is_cobb_douglas(const CesPoint& p) { return std::abs(p.sigma - 1.0) < kCobbDouglasTolerance; }

inline CesCapital ces_capital(const CesPoint& p, double capital) {
  CesCapital c;
  if (p.alpha <= 0.0 || p.capital_ref <= 0.0) return c;
  c.k = capital / p.capital_ref;
  if (p.sigma <= 0.0) return c;
  if (is_cobb_douglas(p)) {
    if (c.k > 0.0) c.k_power = power(c.k, p.alpha);
    return c;
  }
  c.k_power = power(std::max(c.k, 0.0), (p.sigma - 1.0) / p.sigma);
  return c;
}

inline double ces_capacity(const CesPoint& p, const CesCapital& c, double labour) {
  const double l = labour / p.labour_ref;
  if (p.alpha <= 0.0 || p.capital_ref <= 0.0) return p.capacity_ref * std::max(0.0, l);
  const double k = c.k;
  if (p.sigma <= 0.0) return p.capacity_ref * std::max(0.0, std::min(k, l));
  if (is_cobb_douglas(p)) {
    if (k <= 0.0 || l <= 0.0) return 0.0;
    return p.capacity_ref * c.k_power * power(l, 1.0 - p.alpha);
  }
  const double rho = (p.sigma - 1.0) / p.sigma;
  if (rho < 0.0 && (k <= 0.0 || l <= 0.0)) return 0.0;  // a zero factor is essential when σ < 1
  const double inner = p.alpha * c.k_power + (1.0 - p.alpha) * power(std::max(l, 0.0), rho);
  return p.capacity_ref * power(inner, 1.0 / rho);
}

inline double ces_capacity(const CesPoint& p, double capital, double labour) {
  return ces_capacity(p, ces_capital(p, capital), labour);
}

// Effective labour needed for `output` at `capital`; +infinity when capital alone caps
// output below the target (σ < 1), 0 when capital alone suffices (σ > 1).
inline double ces_labour_for(const CesPoint& p, const CesCapital& c, double output) {
  if (output <= 0.0) return 0.0;
  const double y = output / p.capacity_ref;
  if (p.alpha <= 0.0 || p.capital_ref <= 0.0) return p.labour_ref * y;
  const double k = c.k;
  if (p.sigma <= 0.0) return k >= y ? p.labour_ref * y : std::numeric_limits<double>::infinity();
  if (is_cobb_douglas(p)) {
    if (k <= 0.0) return std::numeric_limits<double>::infinity();
    return p.labour_ref * power(y / c.k_power, 1.0 / (1.0 - p.alpha));
  }
  const double rho = (p.sigma - 1.0) / p.sigma;
  const double rest = (power(y, rho) - p.alpha * c.k_power) / (1.0 - p.alpha);
  if (rho > 0.0) return rest <= 0.0 ? 0.0 : p.labour_ref * power(rest, 1.0 / rho);
  // ρ < 0: y^ρ must exceed α k^ρ, otherwise no labour reaches y.
  if (rest <= 0.0 || k <= 0.0) return std::numeric_limits<double>::infinity();
  return p.labour_ref * power(rest, 1.0 / rho);
}

inline double ces_labour_for(const CesPoint& p, double capital, double output) {
  return ces_labour_for(p, ces_capital(p, capital), output);
}

}  // namespace defsim
