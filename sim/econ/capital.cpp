// Phase 9: capital (model spec §5): tools wear out, spare parts keep them working, new tools
// go into use after installation.
// Reads: plants.capital/installing/health, parts stocks, origin parameters, installation time.
// Writes: plants.capital/installing/installed/health/depreciation, parts slots' stock and
// consumed.
//   wear_o = δ_o·K_o;  install_o = I_o / τ_install;  K_o ← K_o − wear_o + install_o
//   parts coverage c_o = min(1, S / (s_o·K_o)); parts used = min(S, s_o·K_o)
//   h_o ← h_o − λ_o (1 − c_o) h_o + r_o c_o (1 − h_o)
// Tools installed today wear from tomorrow, so replacement equal to wear keeps the stock
// constant in the steady state.
#include <algorithm>

#include "econ/phases.hpp"

namespace defsim {

void update_capital(const Model& m, State& s, const Exec& exec) {
  const Index no = m.n_origins();
  const auto& O = m.origins;
  const auto& P = m.plants;
  const auto& S = m.slots;
  auto& ps = s.plants;
  const double install_rate = 1.0 / m.capital.installation_days;
  for_rows(exec, P.size(), [&](Index i) {
    const size_t row = static_cast<size_t>(i) * no;
    // Parts first: today's coverage decides whether health erodes or recovers.
    for (Index k = P.slots.begin[i]; k < P.slots.begin[i + 1]; ++k) {
      const Index slot = P.slots.items[k];
      if (S.kind[slot] != SlotKind::parts) continue;
      const Index o = S.origin[slot];
      const double need = S.coefficient[slot] * ps.capital[row + o];
      const double used = std::min(s.slots.stock[slot], need);
      s.slots.stock[slot] -= used;
      s.slots.consumed[slot] = used;
      const double coverage = need > 0.0 ? used / need : 1.0;
      double& h = ps.health[row + o];
      h += -O.health_decay_per_day[o] * (1.0 - coverage) * h + O.health_recovery_per_day[o] * coverage * (1.0 - h);
    }
    double lost = 0.0;
    for (Index o = 0; o < no; ++o) {
      const size_t cell = row + o;
      const double wear = O.depreciation_per_day[o] * ps.capital[cell];
      const double install = install_rate * ps.installing[cell];
      ps.installing[cell] -= install;
      ps.installed[cell] = install;
      ps.capital[cell] += install - wear;
      lost += wear;
    }
    ps.depreciation[i] = lost;
  });
}

}  // namespace defsim
