#pragma once
// Proportional rationing (model spec §6): what a good's sources deliver, lose or cancel is
// shared among the plants that ordered it in proportion to their outstanding orders.
#include "core/model.hpp"
#include "core/state.hpp"

namespace defsim {

// Σ outstanding over the good's customer slots, summed in slot order.
double total_outstanding(const Model& m, const State& s, Index good);

// Removes `units` of cancelled orders (bounced payments, rejected or seized units) from
// the good's customers' outstanding orders, in proportion to them.
void cancel_outstanding(const Model& m, State& s, Index good, double units, double outstanding_total);

}  // namespace defsim
