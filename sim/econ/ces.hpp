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

inline double ces_capacity(const CesPoint& p, double capital, double labour) {
  const double l = labour / p.labour_ref;
  if (p.alpha <= 0.0 || p.capital_ref <= 0.0) return p.capacity_ref * std::max(0.0, l);
  const double k = capital / p.capital_ref;
  if (p.sigma <= 0.0) return p.capacity_ref * std::max(0.0, std::min(k, l));
  if (std::abs(p.sigma - 1.0) < kCobbDouglasTolerance) {
    if (k <= 0.0 || l <= 0.0) return 0.0;
    return p.capacity_ref * power(k, p.alpha) * power(l, 1.0 - p.alpha);
  }
  const double rho = (p.sigma - 1.0) / p.sigma;
  if (rho < 0.0 && (k <= 0.0 || l <= 0.0)) return 0.0;  // a zero factor is essential when σ < 1
  const double inner = p.alpha * power(std::max(k, 0.0), rho) + (1.0 - p.alpha) * power(std::max(l, 0.0), rho);
  return p.capacity_ref * power(inner, 1.0 / rho);
}

// Effective labour needed for `output` at `capital`; +infinity when capital alone caps
// output below the target (σ < 1), 0 when capital alone suffices (σ > 1).
inline double ces_labour_for(const CesPoint& p, double capital, double output) {
  if (output <= 0.0) return 0.0;
  const double y = output / p.capacity_ref;
  if (p.alpha <= 0.0 || p.capital_ref <= 0.0) return p.labour_ref * y;
  const double k = capital / p.capital_ref;
  if (p.sigma <= 0.0) return k >= y ? p.labour_ref * y : std::numeric_limits<double>::infinity();
  if (std::abs(p.sigma - 1.0) < kCobbDouglasTolerance) {
    if (k <= 0.0) return std::numeric_limits<double>::infinity();
    return p.labour_ref * power(y / power(k, p.alpha), 1.0 / (1.0 - p.alpha));
  }
  const double rho = (p.sigma - 1.0) / p.sigma;
  const double rest = (power(y, rho) - p.alpha * power(std::max(k, 0.0), rho)) / (1.0 - p.alpha);
  if (rho > 0.0) return rest <= 0.0 ? 0.0 : p.labour_ref * power(rest, 1.0 / rho);
  // ρ < 0: y^ρ must exceed α k^ρ, otherwise no labour reaches y.
  if (rest <= 0.0 || k <= 0.0) return std::numeric_limits<double>::infinity();
  return p.labour_ref * power(rest, 1.0 / rho);
}

}  // namespace defsim
