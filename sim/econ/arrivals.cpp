// Phase 7: arrivals (model spec §6, §7): shipments due today reach the border, seized
// units are lost, the rest is rationed to customers in proportion to outstanding orders.
// Reads: in-transit ring, interdiction, outstanding orders, RNG (interdiction).
// Writes: routes.arrived/interdicted/in_transit/ring and cumulative totals, slots.stock/
// received/outstanding/cancelled, plants.installing (capital goods), goods.received/lost.
// Parallel across goods (routes), then two passes over the slot rows: the goods' outstanding
// totals, then each slot's share (keyed_sums: the same order on any thread count).
#include <algorithm>

#include "core/rng.hpp"
#include "econ/phases.hpp"

namespace defsim {

void receive_arrivals(const Model& m, State& s, const Exec& exec) {
  const auto& G = m.goods;
  const auto& S = m.slots;
  auto& rs = s.routes;
  auto& ss = s.slots;
  const Index no = m.n_origins();
  double* factor = s.scratch.good_factor.data();  // (goods x 4): delivered, lost
  for_rows(per_good(exec), G.size(), [&](Index g) {
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
    factor[4 * g] = delivered;
    factor[4 * g + 1] = lost;
  });
  // Rationing: each customer gets the share of today's arrivals (and of today's losses) that
  // its outstanding orders are of all outstanding orders for the good.
  double* outstanding = s.scratch.by_good.data();
  keyed_sums<1>(
      exec, S.size(), G.size(), [&](Index k) { return S.good[k]; },
      [&](Index k, double* acc) { acc[0] += ss.outstanding[k]; }, outstanding, s.scratch.partial);
  for (Index g = 0; g < G.size(); ++g) factor[4 * g + 2] = outstanding[g];
  double* received = s.scratch.by_good.data();
  keyed_sums<1>(
      exec, S.size(), G.size(), [&](Index k) { return S.good[k]; },
      [&](Index k, double* acc) {
        const Index g = S.good[k];
        const double total = factor[4 * g + 2];
        const double delivered = factor[4 * g];
        const double lost = factor[4 * g + 1];
        const double share = total > 0.0 ? ss.outstanding[k] / total : 0.0;
        const double got = share * delivered;
        ss.received[k] = got;
        acc[0] += got;
        ss.outstanding[k] = std::max(0.0, ss.outstanding[k] - share * (delivered + lost));
        ss.cancelled[k] += share * lost;
        if (S.kind[k] == SlotKind::capital) {
          // Tools keep their origin: each route's delivery joins that origin's installation queue.
          const size_t row = static_cast<size_t>(S.plant[k]) * no;
          for (const Index* it = G.routes.row_begin(g); it != G.routes.row_end(g); ++it) {
            const Index r = *it;
            s.plants.installing[row + m.routes.origin[r]] += share * (rs.arrived[r] - rs.interdicted[r]);
          }
        } else {
          ss.stock[k] += got;
        }
      },
      received, s.scratch.partial);
  for (Index g = 0; g < G.size(); ++g) {
    // Deliveries with nobody on the books (possible only through rounding) are written off
    // and counted by the accounting phase, never silently created or destroyed.
    s.goods.unallocated[g] = factor[4 * g + 2] > 0.0 ? 0.0 : factor[4 * g];
    s.goods.received[g] = received[g];
  }
}

}  // namespace defsim
