// The State on the morning of day 0: the model's steady state (computed at compile time in
// Model::init) laid out in the State's columns, including full pipelines in transit.
#include <algorithm>
#include <cmath>

#include "econ/phases.hpp"
#include "econ/route_choice.hpp"
#include "econ/steady_state.hpp"

namespace defsim {

State make_initial_state(const Model& m, int replication) {
  State s;
  const Index np = m.plants.size(), ns = m.slots.size(), nr = m.routes.size(), ng = m.goods.size(),
              nreg = m.regions.size(), no = m.n_origins();
  s.day = 0;
  // The in-transit ring needs a slot per day a shipment can travel. Events may lengthen lead
  // times up to max_lead_time_days; without such events the longest lead time plus jitter
  // of any route bounds it, which keeps the ring (routes x days) small enough to stay in cache.
  s.ring_days = m.run.max_lead_time_days + 1;
  bool lead_times_move = false;
  for (const EventTarget& t : m.event_targets) {
    lead_times_move |= t.kind == ParamKind::route_lead_time || t.kind == ParamKind::route_jitter;
  }
  if (!lead_times_move) {
    Day longest = 1;
    for (Index r = 0; r < nr; ++r) {
      longest = std::max<Day>(longest, transit_days(m.routes.lead_time_days[r]) +
                                           static_cast<Day>(std::floor(m.routes.jitter_days[r])));
    }
    s.ring_days = std::min<Index>(s.ring_days, longest + 1);
  }
  s.rng = RngKey{m.run.seed, static_cast<std::uint64_t>(replication)};
  s.route_scratch.assign(nr, 0);
  // The largest keyed sum of any phase: per good over slots (up to 4 values, accounting) or
  // plants (2), per region over plants (3).
  s.scratch.partial.assign(std::max({keyed_sums_scratch(ns, ng, 4), keyed_sums_scratch(np, ng, 2),
                                     keyed_sums_scratch(np, nreg, 3)}),
                           0.0);
  s.scratch.by_good.assign(static_cast<size_t>(ng) * 4, 0.0);
  s.scratch.good_factor.assign(static_cast<size_t>(ng) * 4, 0.0);
  s.scratch.by_region.assign(static_cast<size_t>(nreg) * 8, 0.0);

  auto& ps = s.plants;
  ps.availability.assign(np, 1.0);
  ps.backlog.resize(np);
  ps.pending_orders.assign(np, 0.0);
  ps.orders_received.assign(np, 0.0);
  ps.expected_orders = m.init.output;
  ps.demand_target = m.init.output;
  ps.planned_output = m.init.output;
  ps.capacity = m.plants.capacity_ref;
  ps.output = m.init.output;
  ps.binding.assign(np, kBindingDemand);
  ps.order_split.assign(np, 0.0);
  ps.experienced = m.init.experienced;
  ps.trainees = m.init.trainees;
  ps.desired_workforce.resize(np);
  ps.vacancies.assign(np, 0.0);
  ps.hires.assign(np, 0.0);
  ps.quits.assign(np, 0.0);
  ps.layoffs.assign(np, 0.0);
  ps.wage = m.plants.wage_ref;
  ps.hours.assign(np, m.labour.hours_normal);
  ps.unfilled.assign(np, 0.0);
  ps.drafted.assign(np, 0.0);
  ps.desired_capital = m.plants.capital_ref;
  ps.capital = m.init.capital;
  ps.health.assign(static_cast<size_t>(np) * no, 1.0);
  ps.installing = m.init.installing;
  ps.installed.assign(static_cast<size_t>(np) * no, 0.0);
  ps.depreciation.assign(np, 0.0);
  for (Index i = 0; i < np; ++i) {
    const double x = m.init.output[i];
    // End of the previous day: the normal order book minus today's bookings, which arrive
    // as state orders (final goods) or as orders other plants placed yesterday.
    ps.backlog[i] = (m.plants.order_book_days[i] - 1.0) * x;
    if (m.goods.kind[m.plants.good[i]] != GoodKind::final_good) ps.pending_orders[i] = x;
    ps.desired_workforce[i] = ps.experienced[i] + ps.trainees[i];
  }

  auto& ss = s.slots;
  ss.stock = m.init.slot_stock;
  ss.outstanding = m.init.slot_outstanding;
  ss.ordered = m.init.slot_order_rate;
  ss.received.resize(ns);
  ss.consumed.assign(ns, 0.0);
  // Yesterday's flows in the steady state: receipts equal use, cancellations the normal losses.
  ss.cancelled.resize(ns);
  for (Index k = 0; k < ns; ++k) {
    ss.received[k] = m.init.slot_order_rate[k] * m.slots.steady_fill[k];
    ss.cancelled[k] = m.init.slot_order_rate[k] - ss.received[k];
  }
  ss.ordered_smoothed = ss.ordered;
  ss.received_smoothed = ss.received;

  auto& rs = s.routes;
  rs.capacity = m.routes.capacity;
  rs.markup = m.routes.markup;
  rs.lead_time_days = m.routes.lead_time_days;
  rs.jitter_days = m.routes.jitter_days;
  rs.interdiction = m.routes.interdiction;
  rs.payment_failure = m.routes.payment_failure;
  rs.weight = m.routes.weight;
  rs.max_capacity = m.routes.max_capacity;
  rs.adaptation = m.routes.adaptation;
  rs.markup_slope = m.routes.markup_slope;
  rs.expansion.assign(nr, 0.0);
  rs.effective_capacity = m.routes.capacity;
  rs.utilisation = m.init.route_utilisation;
  rs.markup_paid.resize(nr);
  for (Index r = 0; r < nr; ++r) {
    rs.markup_paid[r] = markup_at(m.routes.markup[r], m.routes.markup_slope[r], m.routes.markup_exponent[r],
                                  rs.utilisation[r]);
  }
  for (auto* col : {&rs.ordered, &rs.failed, &rs.shipped, &rs.arrived, &rs.interdicted, &rs.price_usd, &rs.bill_usd,
                    &rs.in_transit, &rs.cum_ordered, &rs.cum_failed, &rs.cum_shipped, &rs.cum_arrived,
                    &rs.cum_interdicted}) {
    col->assign(nr, 0.0);
  }
  rs.in_transit_ring.assign(static_cast<size_t>(nr) * s.ring_days, 0.0);
  for (Index r = 0; r < nr; ++r) {
    const double flow = m.init.route_shipped_rate[r];
    const Day transit = std::min<Day>(transit_days(m.routes.lead_time_days[r]), s.ring_days - 1);
    // Shipments of the last `transit` days arrive on days 0 .. transit−1.
    for (Day d = 0; d < transit; ++d) rs.in_transit_ring[static_cast<size_t>(r) * s.ring_days + d] = flow;
    rs.in_transit[r] = flow * transit;
    // Cumulative totals start from what is already in the pipe, so the identities hold.
    rs.cum_shipped[r] = rs.in_transit[r];
    rs.cum_ordered[r] = m.routes.is_domestic[r] ? 0.0 : rs.in_transit[r];
    rs.price_usd[r] = m.goods.unit_value_usd[m.routes.good[r]] * (1.0 + rs.markup_paid[r]);
  }

  auto& gs = s.goods;
  gs.demand_scale.assign(ng, 1.0);
  gs.domestic_share = m.goods.domestic_share;
  gs.availability = m.goods.availability;
  gs.unit_value_usd = m.goods.unit_value_usd;
  for (auto* col : {&gs.state_orders, &gs.deliveries, &gs.effective_deliveries, &gs.backlog, &gs.production, &gs.orders,
                    &gs.import_orders, &gs.rejected, &gs.spilled_to_domestic, &gs.received, &gs.consumed, &gs.lost,
                    &gs.unallocated, &gs.import_bill_usd, &gs.stock, &gs.position, &gs.retried}) {
    col->assign(ng, 0.0);
  }
  gs.retry_pool = m.init.retry_pool;
  gs.price_index = m.init.price_index;
  for (Index g = 0; g < ng; ++g) {
    double held = 0.0;
    for (const Index* k = m.goods.customer_slots.row_begin(g); k != m.goods.customer_slots.row_end(g); ++k) {
      if (m.slots.kind[*k] != SlotKind::capital) held += ss.stock[*k];
    }
    double transit = 0.0;
    for (const Index* r = m.goods.routes.row_begin(g); r != m.goods.routes.row_end(g); ++r) transit += rs.in_transit[*r];
    gs.stock[g] = held;
    gs.position[g] = held + transit;
  }

  auto& rg = s.regions;
  rg.labour_force = m.regions.labour_force;
  rg.available = m.regions.available_workers;
  rg.employed.assign(nreg, 0.0);
  rg.pool.assign(nreg, 0.0);
  rg.civilian_wage = m.regions.civilian_wage;
  rg.matches.assign(nreg, 0.0);
  rg.mobilised.assign(nreg, 0.0);
  rg.mobilised_share.assign(nreg, 0.0);
  rg.emigration.assign(nreg, 0.0);
  rg.inflow.assign(nreg, 0.0);
  for (Index r = 0; r < nreg; ++r) {
    for (const Index* i = m.regions.plants.row_begin(r); i != m.regions.plants.row_end(r); ++i) {
      rg.employed[r] += ps.experienced[*i] + ps.trainees[*i];
    }
    rg.pool[r] = rg.available[r] + rg.employed[r];
  }
  return s;
}

}  // namespace defsim
