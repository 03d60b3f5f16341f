#include "econ/phases.hpp"

namespace defsim {

void step_day(const Model& model, State& state, const Exec& exec) {
  apply_events(model, state, exec);
  book_orders(model, state, exec);
  plan_production(model, state, exec);
  labour_market(model, state, exec);
  place_orders(model, state, exec);
  supply(model, state, exec);
  receive_arrivals(model, state, exec);
  produce(model, state, exec);
  update_capital(model, state, exec);
  account(model, state, exec);
  ++state.day;
}

}  // namespace defsim
