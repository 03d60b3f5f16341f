// Phase 2: orders into backlogs (model spec §3).
// Reads: demand schedules and scale, plant capacity (yesterday's), pending plant orders.
// Writes: order splits (on the first day and each month start), goods.state_orders,
// plants.orders_received and backlog; clears pending_orders.
#include "econ/demand.hpp"
#include "econ/phases.hpp"

namespace defsim {

void book_orders(const Model& m, State& s, const Exec& exec) {
  const auto& G = m.goods;
  if (s.day == 0 || m.run.calendar.is_month_start(s.day)) {
    // Orders are split by capacity, re-split monthly: plants that lost capacity get less.
    double* total = s.scratch.by_good.data();
    keyed_sums<1>(
        exec, m.plants.size(), G.size(), [&](Index i) { return m.plants.good[i]; },
        [&](Index i, double* acc) { acc[0] += s.plants.capacity[i]; }, total, s.scratch.partial);
    for_rows(exec, m.plants.size(), [&](Index i) {
      const Index g = m.plants.good[i];
      const double n = static_cast<double>(G.makers.size(g));
      s.plants.order_split[i] = total[g] > 0.0 ? s.plants.capacity[i] / total[g] : 1.0 / n;
    });
  }
  for (Index g = 0; g < G.size(); ++g) {
    s.goods.state_orders[g] =
        G.kind[g] == GoodKind::final_good ? scheduled_rate(m.demand.schedule[g], s.day) * s.goods.demand_scale[g] : 0.0;
  }
  for_rows(exec, m.plants.size(), [&](Index i) {
    const Index g = m.plants.good[i];
    double booked = 0.0;
    if (G.kind[g] == GoodKind::final_good) {
      booked = s.goods.state_orders[g] * s.plants.order_split[i];
    } else {
      booked = s.plants.pending_orders[i];
      s.plants.pending_orders[i] = 0.0;
    }
    s.plants.orders_received[i] = booked;
    s.plants.backlog[i] += booked;
  });
}

}  // namespace defsim
