#include "econ/rationing.hpp"

#include <algorithm>

namespace defsim {

double total_outstanding(const Model& m, const State& s, Index g) {
  double total = 0.0;
  for (const Index* k = m.goods.customer_slots.row_begin(g); k != m.goods.customer_slots.row_end(g); ++k) {
    total += s.slots.outstanding[*k];
  }
  return total;
}

void cancel_outstanding(const Model& m, State& s, Index g, double units, double outstanding_total) {
  if (units <= 0.0 || outstanding_total <= 0.0) return;
  const double share = std::min(1.0, units / outstanding_total);
  for (const Index* k = m.goods.customer_slots.row_begin(g); k != m.goods.customer_slots.row_end(g); ++k) {
    const double cut = s.slots.outstanding[*k] * share;
    s.slots.outstanding[*k] -= cut;
    s.slots.cancelled[*k] += cut;
  }
}

}  // namespace defsim
