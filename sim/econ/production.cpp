// Phase 8: production and deliveries (model spec §2, §3, §8).
// Reads: capacity, demand target, stocks, slot parameters, service availability.
// Writes: plants.output/binding/backlog, slots.stock/consumed; then per good: production,
// deliveries and effective deliveries (final goods), the domestic channel's
// shipments into transit (components and tools), and the final-good backlog.
//   Y_plan = min(Y_KL, Y_dem);  z_g = min(1, (S_g + Σ_sub q·S_sub) / (a_g·Y_plan))
//   Y = Y_plan · min_g [1 − φ_g (1 − z_g)]
// Inputs are used primary first, then substitutes in preference order.
#include <algorithm>

#include "econ/phases.hpp"
#include "econ/steady_state.hpp"

namespace defsim {

void produce(const Model& m, State& s, const Exec& exec) {
  const auto& P = m.plants;
  const auto& S = m.slots;
  auto& ps = s.plants;
  auto& ss = s.slots;
  for_rows(exec, P.size(), [&](Index i) {
    const double plan = std::min(ps.capacity[i], ps.demand_target[i]);
    double factor = 1.0;
    std::int32_t binding_input = -1;
    for (Index k = P.slots.begin[i]; k < P.slots.begin[i + 1]; ++k) {
      const Index slot = P.slots.items[k];
      ss.consumed[slot] = 0.0;
      if (S.kind[slot] != SlotKind::input) continue;
      const double need = S.coefficient[slot] * plan;
      if (need <= 0.0) continue;
      double available = ss.stock[slot];
      for (const Index* sub = S.substitutes.row_begin(slot); sub != S.substitutes.row_end(slot); ++sub) {
        available += S.efficiency[*sub] * ss.stock[*sub];
      }
      const double coverage = std::min(1.0, available / need);
      const double f = 1.0 - S.criticality[slot] * (1.0 - coverage);
      if (f < factor) {
        factor = f;
        binding_input = S.good[slot];
      }
    }
    const double output = plan * std::max(0.0, factor);
    if (factor < 1.0 && binding_input >= 0) {
      ps.binding[i] = kBindingInputBase + binding_input;
    } else {
      ps.binding[i] = ps.capacity[i] < ps.demand_target[i] ? kBindingCapacity : kBindingDemand;
    }
    for (Index k = P.slots.begin[i]; k < P.slots.begin[i + 1]; ++k) {
      const Index slot = P.slots.items[k];
      if (S.kind[slot] != SlotKind::input) continue;
      double need = S.coefficient[slot] * output;
      const double own = std::min(ss.stock[slot], need);
      ss.stock[slot] -= own;
      ss.consumed[slot] += own;
      need -= own;
      for (const Index* sub = S.substitutes.row_begin(slot); sub != S.substitutes.row_end(slot) && need > 0.0; ++sub) {
        const double q = S.efficiency[*sub];
        const double equivalent = std::min(need, q * ss.stock[*sub]);
        const double units = equivalent / q;
        ss.stock[*sub] = std::max(0.0, ss.stock[*sub] - units);
        ss.consumed[*sub] += units;
        need -= equivalent;
      }
    }
    ps.output[i] = output;
    ps.backlog[i] = std::max(0.0, ps.backlog[i] - output);
  });

  const auto& G = m.goods;
  auto& rs = s.routes;
  double* sums = s.scratch.by_good.data();  // (goods x 2): output, backlog of the makers
  keyed_sums<2>(
      exec, P.size(), G.size(), [&](Index i) { return P.good[i]; },
      [&](Index i, double* acc) {
        acc[0] += ps.output[i];
        acc[1] += ps.backlog[i];
      },
      sums, s.scratch.partial);
  for_rows(exec, G.size(), [&](Index g) {
    const double made = sums[2 * g];
    const double backlog = sums[2 * g + 1];
    s.goods.production[g] = made;
    if (G.kind[g] == GoodKind::final_good) {
      s.goods.deliveries[g] = made;
      s.goods.backlog[g] = backlog;
      const Index service = m.demand.service[g];
      const double availability = service == kNone ? 1.0 : s.goods.availability[service];
      s.goods.effective_deliveries[g] = made * (1.0 - m.demand.service_elasticity[g] * (1.0 - availability));
    } else {
      s.goods.deliveries[g] = 0.0;
      s.goods.effective_deliveries[g] = 0.0;
      s.goods.backlog[g] = backlog;
    }
    if (G.domestic_route[g] != kNone) {
      const Index r = G.domestic_route[g];
      const Day transit = std::min<Day>(transit_days(rs.lead_time_days[r]), s.ring_days - 1);
      rs.in_transit_ring[static_cast<size_t>(r) * s.ring_days + (s.day + transit) % s.ring_days] += made;
      rs.in_transit[r] += made;
      rs.shipped[r] = made;
      rs.cum_shipped[r] += made;
      rs.price_usd[r] = s.goods.unit_value_usd[g];
      rs.bill_usd[r] = 0.0;  // domestic purchases are not part of the import bill
    }
  });
}

}  // namespace defsim
