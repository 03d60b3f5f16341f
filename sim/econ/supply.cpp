// Phase 6: supply (model spec §6, §7): split each good's orders between domestic makers
// and import routes, choose routes, settle payments, ship, and let saturated corridors
// adapt.
// Reads: slots.ordered and outstanding, domestic share, route parameters (capacity and its
// ceiling, adaptation pace, markup and its slope, yesterday's utilisation), the retry pool,
// order splits, RNG (payment failures, lead-time jitter).
// Writes: goods.orders/import_orders/retried/retry_pool/rejected/spilled_to_domestic/
// import_bill_usd/price_index, plants.pending_orders (makers of the good),
// routes.effective_capacity/markup_paid/utilisation/expansion/ordered/failed/shipped/
// price_usd/bill_usd/in_transit/ring and cumulative totals, slots.cancelled/outstanding.
// One pass over the slot rows totals each good's orders and outstanding orders (keyed_sums);
// then in parallel across goods (every route row written belongs to exactly one good) the
// routes are chosen; then the makers get their orders and the customers' cancelled orders
// come off their books, each in one pass over its rows.
//   C_eff = min(C_max, C·(1 + a));  m = m_0 + m_1·u_{t−1}^k
//   saturated (accepted = C_eff > 0):  a ← a + ρ·(C_max/C − 1 − a)
//   bounced orders wait in a pool and are re-placed at 1/τ_pay per day (τ_pay = 0: cancelled)
#include <algorithm>
#include <cmath>

#include "core/rng.hpp"
#include "econ/phases.hpp"
#include "econ/route_choice.hpp"
#include "econ/steady_state.hpp"

namespace defsim {

void supply(const Model& m, State& s, const Exec& exec) {
  const auto& G = m.goods;
  const auto& Rm = m.routes;
  const auto& S = m.slots;
  auto& rs = s.routes;
  auto& ss = s.slots;
  const RouteParamsView view{rs.effective_capacity.data(), rs.markup_paid.data(), rs.lead_time_days.data(),
                             rs.interdiction.data(), rs.payment_failure.data(), rs.weight.data()};
  // Per good: today's orders and everything its customers have on order, in one pass over
  // the slots (in slot order, so each good's sums add its customers in ascending order).
  double* sums = s.scratch.by_good.data();  // (goods x 2): orders, outstanding
  keyed_sums<2>(
      exec, S.size(), G.size(), [&](Index k) { return S.good[k]; },
      [&](Index k, double* acc) {
        acc[0] += ss.ordered[k];
        acc[1] += ss.outstanding[k];
      },
      sums, s.scratch.partial);
  double* factor = s.scratch.good_factor.data();  // (goods x 4): domestic orders, cancelled share
  for_rows(per_good(exec), G.size(), [&](Index g) {
    const double orders = sums[2 * g];
    s.goods.orders[g] = orders;
    const bool made = G.makers.size(g) > 0;
    const bool imported = G.import_routes.size(g) > 0;
    double domestic = made ? (imported ? s.goods.domestic_share[g] * orders : orders) : 0.0;
    const double retry_days = G.payment_retry_days[g];
    const double retried = retry_days > 0.0 ? s.goods.retry_pool[g] / retry_days : 0.0;
    s.goods.retry_pool[g] -= retried;
    s.goods.retried[g] = retried;
    const double to_imports = orders - domestic + retried;
    s.goods.import_orders[g] = to_imports;

    for (const Index* it = G.import_routes.row_begin(g); it != G.import_routes.row_end(g); ++it) {
      const Index r = *it;
      rs.effective_capacity[r] = effective_capacity(rs.capacity[r], rs.expansion[r], rs.max_capacity[r]);
      // Middlemen revise their fees toward what yesterday's utilisation commands over
      // markup_adjustment_days (1: at once).
      const double target = markup_at(rs.markup[r], rs.markup_slope[r], Rm.markup_exponent[r], rs.utilisation[r]);
      const double days = Rm.markup_adjustment_days[r];
      rs.markup_paid[r] = days > 1.0 ? rs.markup_paid[r] + (target - rs.markup_paid[r]) / days : target;
    }
    double rejected = to_imports;
    if (imported) {
      // Scratch rows: this good's own slice of the route buffer (its route rows).
      Index* scratch = s.route_scratch.data() + G.import_routes.begin[g];
      rejected = allocate_import_orders(m, g, to_imports, view, rs.ordered.data(), scratch);
    }
    s.goods.rejected[g] = rejected;
    double spilled = 0.0;
    if (rejected > 0.0 && made && G.spill_to_domestic[g]) {
      spilled = rejected;
      domestic += spilled;
    }
    s.goods.spilled_to_domestic[g] = spilled;
    factor[4 * g] = domestic;  // shared among the makers by their order split (below)
    if (G.domestic_route[g] != kNone) {
      const Index d = G.domestic_route[g];
      rs.ordered[d] = domestic;
      rs.cum_ordered[d] += domestic;
      rs.effective_capacity[d] = rs.capacity[d];
    }

    double failed_total = 0.0, bill = 0.0, shipped_total = 0.0;
    for (const Index* it = G.import_routes.row_begin(g); it != G.import_routes.row_end(g); ++it) {
      const Index r = *it;
      const double accepted = rs.ordered[r];
      double failed = 0.0;
      if (m.run.stochastic) {
        RandomStream rng(s.rng, Rm.rng_id[r], s.day, Purpose::payment_failure);
        failed = thin_quantity(rng, accepted, rs.payment_failure[r]);
      } else {
        failed = accepted * rs.payment_failure[r];
      }
      const double shipped = accepted - failed;
      Day transit = transit_days(rs.lead_time_days[r]);
      const auto jitter = static_cast<long>(std::floor(rs.jitter_days[r]));
      if (m.run.stochastic && jitter > 0 && shipped > 0.0) {
        RandomStream rng(s.rng, Rm.rng_id[r], s.day, Purpose::lead_time_jitter);
        transit = static_cast<Day>(std::max(1L, static_cast<long>(transit) + rng.uniform_int(-jitter, jitter)));
      }
      transit = std::min<Day>(transit, s.ring_days - 1);
      rs.in_transit_ring[static_cast<size_t>(r) * s.ring_days + (s.day + transit) % s.ring_days] += shipped;
      rs.in_transit[r] += shipped;
      rs.failed[r] = failed;
      rs.shipped[r] = shipped;
      rs.price_usd[r] = s.goods.unit_value_usd[g] * (1.0 + rs.markup_paid[r]);
      rs.bill_usd[r] = shipped * rs.price_usd[r];
      rs.cum_ordered[r] += accepted;
      rs.cum_failed[r] += failed;
      rs.cum_shipped[r] += shipped;
      failed_total += failed;
      bill += rs.bill_usd[r];
      shipped_total += shipped;

      // Corridor adaptation: a full route draws traders and trucks until its ceiling.
      const double capacity = rs.effective_capacity[r];
      rs.utilisation[r] = capacity > 0.0 ? accepted / capacity : 0.0;
      if (capacity > 0.0 && accepted >= capacity * (1.0 - 1e-9) && rs.capacity[r] > 0.0) {
        const double room = rs.max_capacity[r] / rs.capacity[r] - 1.0 - rs.expansion[r];
        rs.expansion[r] += rs.adaptation[r] * std::max(0.0, room);
      }
    }
    s.goods.import_bill_usd[g] = bill;
    // The price plants see for the good: today's average over imports and domestic
    // supply, smoothed (the tool price in the investment rule).
    double units = shipped_total, spend = bill;
    if (G.domestic_route[g] != kNone) {
      units += domestic;
      spend += domestic * s.goods.unit_value_usd[g];
    }
    if (units > 0.0) {
      s.goods.price_index[g] += (spend / units - s.goods.price_index[g]) / m.capital.price_smoothing_days;
    }
    // Bounced payments are re-placed later (they stay on the customers' books) or, for
    // goods that do not retry, cancelled; orders nobody took are cancelled and re-ordered.
    double cancelled = rejected - spilled;
    if (retry_days > 0.0) {
      s.goods.retry_pool[g] += failed_total;
    } else {
      cancelled += failed_total;
    }
    // Cancelled units come off the customers' outstanding orders in proportion to them.
    const double outstanding = sums[2 * g + 1];
    factor[4 * g + 1] = cancelled > 0.0 && outstanding > 0.0 ? std::min(1.0, cancelled / outstanding) : 0.0;
  });
  for_rows(exec, m.plants.size(), [&](Index i) {
    s.plants.pending_orders[i] += factor[4 * m.plants.good[i]] * s.plants.order_split[i];
  });
  for_rows(exec, S.size(), [&](Index k) {
    const double cut = ss.outstanding[k] * factor[4 * S.good[k] + 1];
    ss.outstanding[k] -= cut;
    ss.cancelled[k] = cut;
  });
}

}  // namespace defsim
