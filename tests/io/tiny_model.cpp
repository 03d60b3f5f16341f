#include "io/tiny_model.hpp"

#include "io/recorder.hpp"
#include "io/run_file.hpp"

namespace defsim::test {
namespace {

Csr csr(std::vector<std::vector<Index>> rows) {
  Csr c;
  c.begin.push_back(0);
  for (const auto& r : rows) {
    c.items.insert(c.items.end(), r.begin(), r.end());
    c.begin.push_back(static_cast<Index>(c.items.size()));
  }
  return c;
}

}  // namespace

Model tiny_model(int replications) {
  Model m;
  m.goods.name = {"shells", "steel"};
  m.goods.kind = {GoodKind::final_good, GoodKind::component};
  m.goods.unit = {"shell", "tonne"};
  m.goods.unit_value_usd = {1000.0, 600.0};
  m.goods.domestic_share = {1.0, 0.5};
  m.goods.spill_to_domestic = {1, 1};
  m.goods.availability = {1.0, 1.0};
  m.goods.route_beta = {5.0, 5.0};
  m.goods.value_of_time = {0.002, 0.002};
  m.goods.value_of_risk = {1.0, 1.0};
  m.goods.value_of_payment_risk = {0.5, 0.5};
  m.goods.domestic_route = {kNone, kNone};
  m.goods.makers = csr({{kShellWorks}, {kSteelMill}});
  m.goods.import_routes = csr({{}, {0}});
  m.goods.routes = csr({{}, {0}});
  m.goods.customer_slots = csr({{}, {0}});

  m.demand.schedule = {{{0, 100.0}}, {}};
  m.demand.service = {kNone, kNone};
  m.demand.service_elasticity = {0.0, 0.0};

  m.origins.name = {"domestic", "china"};
  m.origins.depreciation_per_day = {0.05 / 365.0, 0.07 / 365.0};
  m.origins.domestic = 0;

  m.regions.name = {"ural"};
  m.regions.labour_force = {100000.0};
  m.regions.available_workers = {5000.0};
  m.regions.plants = csr({{kShellWorks, kSteelMill}});

  m.plants.name = {"shell_works", "steel_mill"};
  m.plants.good = {kShells, kSteel};
  m.plants.region = {0, 0};
  m.plants.capacity_ref = {120.0, 50.0};
  m.plants.labour_ref = {1000.0, 400.0};
  m.plants.capital_ref = {200.0, 80.0};
  m.plants.ces_alpha = {0.35, 0.35};
  m.plants.ces_sigma = {0.5, 0.5};
  m.plants.trainee_productivity = {0.5, 0.5};
  m.plants.headcount_per_effective = {1.0, 1.0};
  m.plants.max_workers = {3000.0, 1200.0};
  m.plants.target_utilisation = {0.85, 0.85};
  m.plants.order_book_days = {30.0, 30.0};
  m.plants.backlog_tau_days = {60.0, 60.0};
  m.plants.planning_tau_days = {30.0, 30.0};
  m.plants.inventory_tau_days = {20.0, 20.0};
  m.plants.capital_tau_days = {180.0, 180.0};
  m.plants.capital_good = {kNone, kNone};
  m.plants.capital_slot = {kNone, kNone};
  m.plants.slots = csr({{0}, {}});

  m.slots.plant = {kShellWorks};
  m.slots.good = {kSteel};
  m.slots.kind = {SlotKind::input};
  m.slots.coefficient = {0.01};
  m.slots.criticality = {1.0};
  m.slots.target_days = {60.0};
  m.slots.cover_days = {30.0};
  m.slots.primary = {kNone};
  m.slots.efficiency = {1.0};
  m.slots.substitutes = csr({{}});

  m.routes.name = {"steel/china_direct"};
  m.routes.short_name = {"china_direct"};
  m.routes.good = {kSteel};
  m.routes.origin = {1};
  m.routes.corridor = {"direct"};
  m.routes.is_domestic = {0};
  m.routes.rng_id = {42};
  m.routes.capacity = {10.0};
  m.routes.markup = {0.1};
  m.routes.lead_time_days = {30.0};
  m.routes.jitter_days = {0.0};
  m.routes.interdiction = {0.05};
  m.routes.payment_failure = {0.1};
  m.routes.weight = {1.0};

  RunSettings& run = m.run;
  run.scenario_name = "tiny";
  run.scenario_file = "scenarios/tiny.yaml";
  run.description = "two goods, two plants, one route";
  run.calendar = Calendar(Date{2024, 1, 15}, 60);
  run.seed = 7;
  run.replications = replications;
  run.stochastic = true;
  run.max_lead_time_days = 64;
  run.output.frequency = Frequency::month;
  run.output.compression = 4;
  run.resolved_yaml = "name: tiny\nstart: 2024-01-15\ndays: 60\n";
  run.scenario_hash = "0123456789abcdef0123456789abcdef";
  run.model_name = "tiny_model";
  return m;
}

State tiny_state(const Model& m, int replication) {
  const auto goods = static_cast<std::size_t>(m.goods.size());
  const auto plants = static_cast<std::size_t>(m.plants.size());
  const auto slots = static_cast<std::size_t>(m.slots.size());
  const auto routes = static_cast<std::size_t>(m.routes.size());
  const auto regions = static_cast<std::size_t>(m.regions.size());
  const auto origins = static_cast<std::size_t>(m.n_origins());
  State s;
  s.ring_days = m.run.max_lead_time_days;
  s.rng = {m.run.seed, static_cast<std::uint64_t>(replication)};

  auto& p = s.plants;
  for (auto* col : {&p.backlog, &p.pending_orders, &p.orders_received, &p.expected_orders, &p.demand_target,
                    &p.planned_output, &p.capacity, &p.output, &p.order_split, &p.experienced, &p.trainees,
                    &p.desired_workforce, &p.vacancies, &p.hires, &p.quits, &p.layoffs, &p.depreciation,
                    &p.unfilled, &p.drafted, &p.desired_capital}) {
    col->assign(plants, 0.0);
  }
  p.wage.assign(plants, 1.0);
  p.hours.assign(plants, 40.0);
  p.health.assign(plants * origins, 1.0);
  p.installing.assign(plants * origins, 0.0);
  p.availability.assign(plants, 1.0);
  p.binding.assign(plants, kBindingDemand);
  p.capital.assign(plants * origins, 0.0);
  p.installed.assign(plants * origins, 0.0);

  auto& sl = s.slots;
  for (auto* col : {&sl.stock, &sl.outstanding, &sl.ordered, &sl.received, &sl.consumed, &sl.cancelled,
                    &sl.ordered_smoothed, &sl.received_smoothed}) {
    col->assign(slots, 0.0);
  }

  auto& r = s.routes;
  r.capacity = m.routes.capacity;
  r.markup = m.routes.markup;
  r.lead_time_days = m.routes.lead_time_days;
  r.jitter_days = m.routes.jitter_days;
  r.interdiction = m.routes.interdiction;
  r.payment_failure = m.routes.payment_failure;
  r.weight = m.routes.weight;
  r.effective_capacity = m.routes.capacity;
  r.max_capacity = m.routes.capacity;
  r.markup_paid = m.routes.markup;
  r.adaptation.assign(routes, 0.0);
  r.markup_slope.assign(routes, 0.0);
  r.expansion.assign(routes, 0.0);
  r.utilisation.assign(routes, 0.0);
  for (auto* col :
       {&r.ordered, &r.failed, &r.shipped, &r.arrived, &r.interdicted, &r.price_usd, &r.bill_usd,
        &r.in_transit, &r.cum_ordered, &r.cum_failed, &r.cum_shipped, &r.cum_arrived, &r.cum_interdicted}) {
    col->assign(routes, 0.0);
  }
  r.in_transit_ring.assign(routes * static_cast<std::size_t>(s.ring_days), 0.0);

  auto& g = s.goods;
  g.demand_scale.assign(goods, 1.0);
  g.domestic_share = m.goods.domestic_share;
  g.availability = m.goods.availability;
  g.unit_value_usd = m.goods.unit_value_usd;
  for (auto* col : {&g.state_orders, &g.deliveries, &g.effective_deliveries, &g.backlog, &g.production,
                    &g.orders, &g.import_orders, &g.rejected, &g.spilled_to_domestic, &g.received,
                    &g.consumed, &g.lost, &g.unallocated, &g.import_bill_usd, &g.stock, &g.position,
                    &g.retry_pool, &g.retried}) {
    col->assign(goods, 0.0);
  }
  g.price_index = m.goods.unit_value_usd;

  s.regions.labour_force = m.regions.labour_force;
  s.regions.available = m.regions.available_workers;
  s.regions.employed.assign(regions, 0.0);
  s.regions.pool = m.regions.available_workers;
  s.regions.civilian_wage.assign(regions, 1.0);
  for (auto* col : {&s.regions.matches, &s.regions.mobilised, &s.regions.mobilised_share, &s.regions.emigration,
                    &s.regions.inflow}) {
    col->assign(regions, 0.0);
  }
  s.route_scratch.assign(routes, 0);
  return s;
}

void fill_day(const Model& m, State& s, Day day, double scale) {
  (void)m;
  const double d = static_cast<double>(day);
  s.day = day;
  s.goods.deliveries[kShells] = scale * (d + 1.0);
  s.goods.effective_deliveries[kShells] = scale * (d + 1.0);
  s.goods.state_orders[kShells] = 100.0;
  s.goods.backlog[kShells] = 10.0 * d;
  s.goods.production = {scale * (d + 1.0), 2.0};
  s.goods.domestic_share[kSteel] = d;
  s.plants.output = {scale * (d + 1.0), 2.0};
  s.plants.experienced = {900.0 + d, 400.0};
  s.plants.trainees = {50.0, 10.0};
  s.plants.capital = {150.0, 50.0 - d, 60.0, 20.0};  // (plants x origins)
  s.plants.binding = {day % 2 == 0 ? kBindingCapacity : kBindingInputBase + kSteel, kBindingDemand};
  s.slots.stock[0] = 500.0 - d;
  s.routes.shipped[0] = day % 3 == 0 ? 6.0 : 0.0;
  s.routes.price_usd[0] = day % 3 == 0 ? 660.0 + d : 0.0;
  s.routes.bill_usd[0] = s.routes.shipped[0] * s.routes.price_usd[0];
  s.regions.employed[0] = 1360.0 + d;
}

void write_tiny_run(const Model& m, const std::string& path, double scale) {
  RunInfo info;
  info.started_utc = "2024-05-01T12:00:00Z";
  info.host = "testhost";
  info.command_line = "defsim run tiny.yaml";
  RunFileWriter writer(path, m, info);
  Recorder recorder(m);
  for (int rep = 0; rep < m.run.replications; ++rep) {
    State s = tiny_state(m, rep);
    recorder.reset();
    for (Day d = 0; d < m.run.calendar.horizon_days(); ++d) {
      fill_day(m, s, d, scale * (1.0 + rep));
      recorder.record_day(m, s);
    }
    writer.write_replication(rep, recorder, s.diagnostics);
  }
  info.finished_utc = "2024-05-01T12:00:05Z";
  writer.commit(info);
}

}  // namespace defsim::test
