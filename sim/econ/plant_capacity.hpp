#pragma once
// Capital and labour as the CES sees them, for one plant.
#include "core/model.hpp"
#include "core/state.hpp"
#include "econ/ces.hpp"

namespace defsim {

inline CesPoint ces_point(const Model& m, Index i) {
  const auto& P = m.plants;
  return {P.capacity_ref[i], P.capital_ref[i], P.labour_ref[i], P.ces_alpha[i], P.ces_sigma[i]};
}

// K_eff: installed tools over all origins (parts health arrives with the capital issue).
inline double installed_capital(const Model& m, const State& s, Index i) {
  const Index no = m.n_origins();
  double k = 0.0;
  for (Index o = 0; o < no; ++o) k += s.plants.capital[static_cast<size_t>(i) * no + o];
  return k;
}

// L_eff = E + θ·T (hours at the reference level in the foundation model).
inline double effective_labour(const Model& m, const State& s, Index i) {
  return s.plants.experienced[i] + m.plants.trainee_productivity[i] * s.plants.trainees[i];
}

}  // namespace defsim
