// Phase 3: planning (model spec §2, §4).
// Reads: orders received, backlog, workforce, capital, availability.
// Writes: expected_orders, demand_target (Y_dem), planned_output (Ŷ), capacity (Y_KL),
// desired_workforce (N*).
#include <algorithm>
#include <cmath>

#include "econ/ces.hpp"
#include "econ/phases.hpp"
#include "econ/plant_capacity.hpp"

namespace defsim {

void plan_production(const Model& m, State& s, const Exec& exec) {
  const auto& P = m.plants;
  auto& ps = s.plants;
  for_rows(exec, P.size(), [&](Index i) {
    const double smooth = 1.0 / P.planning_tau_days[i];
    ps.expected_orders[i] += smooth * (ps.orders_received[i] - ps.expected_orders[i]);
    const double expected = ps.expected_orders[i];
    // Work off the backlog beyond the normal order book over τ_B days.
    const double target = expected + (ps.backlog[i] - P.order_book_days[i] * expected) / P.backlog_tau_days[i];
    ps.demand_target[i] = std::clamp(target, 0.0, ps.backlog[i]);
    ps.planned_output[i] += smooth * (ps.demand_target[i] - ps.planned_output[i]);

    const double capital = installed_capital(m, s, i);
    ps.capacity[i] = ps.availability[i] * ces_capacity(ces_point(m, i), capital, effective_labour(m, s, i));
    // Staff for the plan at the target utilisation, within floor space, never below the
    // hoarded minimum (defense plants keep their core workforce through lulls).
    const double effective = ces_labour_for(ces_point(m, i), capital, ps.planned_output[i] / P.target_utilisation[i]);
    const double headcount = std::isfinite(effective) ? effective * P.headcount_per_effective[i] : P.max_workers[i];
    ps.desired_workforce[i] = std::min(P.max_workers[i], std::max(P.min_workers[i], headcount));
  });
}

}  // namespace defsim
