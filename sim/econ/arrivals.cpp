// Phase 7: arrivals (model spec §6, §7): shipments due today reach the border, seized
// units are lost, the rest is rationed to customers in proportion to outstanding orders.
// Reads: in-transit ring, interdiction, outstanding orders, RNG (interdiction).
// Writes: routes.arrived/interdicted/in_transit/ring and cumulative totals, slots.stock/
// received/outstanding/cancelled, plants.installing (capital goods), goods.received/lost.
// Parallel across goods.
#include <algorithm>

#include "core/rng.hpp"
#include "econ/phases.hpp"
#include "econ/rationing.hpp"

namespace defsim {

void receive_arrivals(const Model& m, State& s, const Exec& exec) {
  const auto& G = m.goods;
  auto& rs = s.routes;
  const Index no = m.n_origins();
  for_rows(exec, G.size(), [&](Index g) {
    double delivered = 0.0;
    double lost = 0.0;
    for (const Index* it = G.routes.row_begin(g); it != G.routes.row_end(g); ++it) {
      const Index r = *it;
      double& cell = rs.in_transit_ring[static_cast<size_t>(r) * s.ring_days + s.day % s.ring_days];
      const double arrived = cell;
      cell = 0.0;
      rs.in_transit[r] -= arrived;
      // The running total is a long sum of additions and removals; when the last shipment
      // in transit arrives (say after a cut-off) it can end a few ulps of the route's
      // cumulative flow below zero. That is rounding, not a lost shipment.
      if (rs.in_transit[r] < 0.0 && rs.in_transit[r] > -1e-12 * rs.cum_shipped[r]) rs.in_transit[r] = 0.0;
      double seized = 0.0;
      if (arrived > 0.0 && rs.interdiction[r] > 0.0) {
        if (m.run.stochastic) {
          RandomStream rng(s.rng, m.routes.rng_id[r], s.day, Purpose::interdiction);
          seized = thin_quantity(rng, arrived, rs.interdiction[r]);
        } else {
          seized = arrived * rs.interdiction[r];
        }
      }
      rs.arrived[r] = arrived;
      rs.interdicted[r] = seized;
      rs.cum_arrived[r] += arrived;
      rs.cum_interdicted[r] += seized;
      delivered += arrived - seized;
      lost += seized;
    }
    s.goods.lost[g] = lost;
    const double outstanding = total_outstanding(m, s, g);
    double received_total = 0.0;
    for (const Index* k = G.customer_slots.row_begin(g); k != G.customer_slots.row_end(g); ++k) {
      const Index slot = *k;
      const double share = outstanding > 0.0 ? s.slots.outstanding[slot] / outstanding : 0.0;
      const double got = share * delivered;
      s.slots.received[slot] = got;
      received_total += got;
      s.slots.outstanding[slot] = std::max(0.0, s.slots.outstanding[slot] - share * (delivered + lost));
      s.slots.cancelled[slot] += share * lost;
      if (m.slots.kind[slot] == SlotKind::capital) {
        // Tools keep their origin: each route's delivery joins that origin's installation queue.
        const Index i = m.slots.plant[slot];
        for (const Index* it = G.routes.row_begin(g); it != G.routes.row_end(g); ++it) {
          const Index r = *it;
          const double tools = share * (rs.arrived[r] - rs.interdicted[r]);
          const size_t cell = static_cast<size_t>(i) * no + m.routes.origin[r];
          s.plants.installing[cell] += tools;
        }
      } else {
        s.slots.stock[slot] += got;
      }
    }
    // Deliveries with nobody on the books (possible only through rounding) are written off
    // and counted by the accounting phase, never silently created or destroyed.
    s.goods.unallocated[g] = outstanding > 0.0 ? 0.0 : delivered;
    s.goods.received[g] = received_total;
  });
}

}  // namespace defsim
