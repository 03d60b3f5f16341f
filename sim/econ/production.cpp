// Phase 8: production and deliveries (model spec §2, §3, §8).
// Reads: capacity, demand target, stocks, slot parameters, service availability.
// Writes: plants.output/binding/backlog, slots.stock/consumed; then per good: production,
// deliveries and effective deliveries (final goods), the domestic channel's
// shipments into transit (components and tools), and the final-good backlog.
//   Y_plan = min(Y_KL, Y_dem);  z_g = min(1, (S_g + Σ_sub q·S_sub) / (a_g·Y_plan))
//   Y = Y_plan · min_g [1 − φ_g (1 − z_g)]
// Inputs are used primary first, then substitutes in preference order. Per plant in parallel;
// the goods' totals in one pass over the plant rows (keyed_sums).
#include <algorithm>

#include "econ/phases.hpp"
#include "econ/steady_state.hpp"

namespace defsim {

void produce(const Model& m, State& s, const Exec& exec) {
  const auto& P = m.plants;
  const auto& S = m.slots;
  auto& ps = s.plants;
  const Index* __restrict slot_begin = P.slots.begin.data();
  const Index* __restrict slot_items = P.slots.items.data();
  const SlotKind* __restrict kind = S.kind.data();
  const Index* __restrict slot_good = S.good.data();
  const double* __restrict coef = S.coefficient.data();
  const double* __restrict crit = S.criticality.data();
  const double* __restrict efficiency = S.efficiency.data();
  const Index* __restrict sub_begin = S.substitutes.begin.data();
  const Index* __restrict sub_items = S.substitutes.items.data();
  double* __restrict stock = s.slots.stock.data();
  double* __restrict consumed = s.slots.consumed.data();
  for_rows(exec, P.size(), [=, &ps](Index i) {  // pointers by value: see ordering.cpp
    const double plan = std::min(ps.capacity[i], ps.demand_target[i]);
    const Index first = slot_begin[i], last = slot_begin[i + 1];
    double factor = 1.0;
    std::int32_t binding_input = -1;
    for (Index k = first; k < last; ++k) {
      const Index slot = slot_items[k];
      consumed[slot] = 0.0;
      if (kind[slot] != SlotKind::input) continue;
      const double need = coef[slot] * plan;
      if (need <= 0.0) continue;
      double available = stock[slot];
      for (Index j = sub_begin[slot]; j < sub_begin[slot + 1]; ++j) available += efficiency[sub_items[j]] * stock[sub_items[j]];
      const double coverage = std::min(1.0, available / need);
      const double f = 1.0 - crit[slot] * (1.0 - coverage);
      const bool lower = f < factor;  // branch-free: which input binds varies by plant
      factor = lower ? f : factor;
      binding_input = lower ? slot_good[slot] : binding_input;
    }
    const double output = plan * std::max(0.0, factor);
    if (factor < 1.0 && binding_input >= 0) {
      ps.binding[i] = kBindingInputBase + binding_input;
    } else {
      ps.binding[i] = ps.capacity[i] < ps.demand_target[i] ? kBindingCapacity : kBindingDemand;
    }
    for (Index k = first; k < last; ++k) {
      const Index slot = slot_items[k];
      if (kind[slot] != SlotKind::input) continue;
      double need = coef[slot] * output;
      const double own = std::min(stock[slot], need);
      stock[slot] -= own;
      consumed[slot] += own;
      need -= own;
      for (Index j = sub_begin[slot]; j < sub_begin[slot + 1] && need > 0.0; ++j) {
        const Index sub = sub_items[j];
        const double q = efficiency[sub];
        const double equivalent = std::min(need, q * stock[sub]);
        const double units = equivalent / q;
        stock[sub] = std::max(0.0, stock[sub] - units);
        consumed[sub] += units;
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
