// Phase 3: planning (model spec §2, §4, §5).
// Reads: orders received, backlog, workforce, hours, capital and its health, wages, the
// tool price index, availability.
// Writes: expected_orders, demand_target (Y_dem), planned_output (Ŷ), capacity (Y_KL),
// desired_workforce (N*), desired_capital (K*).
#include <algorithm>
#include <cmath>

#include "core/power.hpp"
#include "econ/ces.hpp"
#include "econ/phases.hpp"
#include "econ/plant_capacity.hpp"

namespace defsim {
namespace {

// Cost-minimising tools for output `y` (relative to Y_ref) when the wage relative to the
// tool price has moved by `price_ratio` since the start, at which the plant's mix was
// optimal: K/L moves by price_ratio^σ, and the pair (K, L) on that ray produces y.
double desired_capital(const CesPoint& p, double y, double price_ratio) {
  if (p.capital_ref <= 0.0 || p.alpha <= 0.0) return 0.0;
  const double ratio = power(price_ratio, p.sigma);  // (K/K_ref) / (L/L_ref)
  double per_labour = 1.0;                               // output per unit of L/L_ref on the ray
  if (p.sigma <= 0.0) {
    per_labour = std::min(ratio, 1.0);
  } else if (is_cobb_douglas(p)) {
    per_labour = power(ratio, p.alpha);
  } else {
    const double rho = (p.sigma - 1.0) / p.sigma;
    per_labour = power(p.alpha * power(ratio, rho) + 1.0 - p.alpha, 1.0 / rho);
  }
  return p.capital_ref * ratio * y / per_labour;
}

}  // namespace

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

    const CesPoint ces = ces_point(m, i);
    const CesCapital capital = ces_capital(ces, effective_capital(m, s, i));
    ps.capacity[i] = ps.availability[i] * ces_capacity(ces, capital, effective_labour(m, s, i));
    // Staff for the plan at the target utilisation, within floor space, never below the
    // hoarded minimum (defense plants keep their core workforce through lulls). Overtime
    // already worked counts: longer hours need fewer heads.
    const double output_goal = ps.planned_output[i] / P.target_utilisation[i];
    const double effective = ces_labour_for(ces, capital, output_goal) / hours_factor(m, s, i);
    const double headcount = std::isfinite(effective) ? effective * P.headcount_per_effective[i] : P.max_workers[i];
    ps.desired_workforce[i] = std::min(P.max_workers[i], std::max(P.min_workers[i], headcount));

    const Index tools = P.capital_good[i];
    if (tools != kNone) {
      const double price_ratio = (ps.wage[i] / P.wage_ref[i]) / (s.goods.price_index[tools] / m.init.price_index[tools]);
      // Tools are hoarded like the core workforce: plants keep the share of their start
      // capital that matches min_workers / workers, and replace what wears out.
      const double start_workers = m.init.experienced[i] + m.init.trainees[i];
      const double floor = P.capital_ref[i] * std::min(1.0, P.min_workers[i] / start_workers);
      ps.desired_capital[i] = std::max(floor, desired_capital(ces, output_goal / P.capacity_ref[i], price_ratio));
    } else {
      ps.desired_capital[i] = 0.0;
    }
  });
}

}  // namespace defsim
