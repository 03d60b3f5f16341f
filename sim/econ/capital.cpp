// Phase 9: capital (model spec §5, foundation version): machine tools wear out at δ_o.
// Tools installed today (phase 7) start wearing tomorrow, so replacement orders equal to
// depreciation keep the stock exactly constant in the steady state.
// Reads: plants.capital and installed, origin depreciation rates.
// Writes: plants.capital, plants.depreciation.
#include "econ/phases.hpp"

namespace defsim {

void update_capital(const Model& m, State& s, const Exec& exec) {
  const Index no = m.n_origins();
  for_rows(exec, m.plants.size(), [&](Index i) {
    double lost = 0.0;
    for (Index o = 0; o < no; ++o) {
      const size_t cell = static_cast<size_t>(i) * no + o;
      const double wear = m.origins.depreciation_per_day[o] * (s.plants.capital[cell] - s.plants.installed[cell]);
      s.plants.capital[cell] -= wear;
      lost += wear;
    }
    s.plants.depreciation[i] = lost;
  });
}

}  // namespace defsim
