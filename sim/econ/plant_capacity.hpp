#pragma once
// Capital and labour as the CES sees them, for one plant.
#include <cmath>

#include "core/model.hpp"
#include "core/power.hpp"
#include "core/state.hpp"
#include "econ/ces.hpp"

namespace defsim {

inline CesPoint ces_point(const Model& m, Index i) {
  const auto& P = m.plants;
  return {P.capacity_ref[i], P.capital_ref[i], P.labour_ref[i], P.ces_alpha[i], P.ces_sigma[i]};
}

// K_eff = Σ_o h_o·K_o: tools that break down for want of parts do not count.
inline double effective_capital(const Model& m, const State& s, Index i) {
  const Index no = m.n_origins();
  const size_t row = static_cast<size_t>(i) * no;
  double k = 0.0;
  for (Index o = 0; o < no; ++o) k += s.plants.health[row + o] * s.plants.capital[row + o];
  return k;
}

// (H/H_0)^β: overtime adds effective labour with diminishing returns.
inline double hours_factor(const Model& m, const State& s, Index i) {
  return power(s.plants.hours[i] / m.labour.hours_normal, m.labour.overtime_elasticity);
}

// L_eff = (E + θ·T)·(H/H_0)^β.
inline double effective_labour(const Model& m, const State& s, Index i) {
  return (s.plants.experienced[i] + m.plants.trainee_productivity[i] * s.plants.trainees[i]) * hours_factor(m, s, i);
}

}  // namespace defsim
