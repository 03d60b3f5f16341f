#include <gtest/gtest.h>

#include "econ/rationing.hpp"
#include "support/fixtures.hpp"

namespace defsim {
namespace {

using testing::compile_text;

// Two plants order the same imported input from one route that can carry only part of it.
const std::string kTwoBuyers = R"(name: ration
start: 2024-01-01
days: 400
stochastic: false
demand:
  shells: {per_day: 100}
  rockets: {per_day: 50}
events:
  - {path: imports.powder.routes.only.capacity_per_day, op: set, value: 50, start: 2024-02-01}
model:
  goods:
    shells: {kind: final, unit: shell, unit_value_usd: 1000}
    rockets: {kind: final, unit: rocket, unit_value_usd: 9000}
    powder: {kind: component, unit: t, unit_value_usd: 2000}
  regions:
    r: {labour_force: 100000, available_workers: 1000}
  plants:
    shell_plant: {good: shells, region: r, capacity_per_day: 120, workers: 500, inputs: {powder: {per_unit: 1}}}
    rocket_plant: {good: rockets, region: r, capacity_per_day: 60, workers: 500, inputs: {powder: {per_unit: 2}}}
  imports:
    powder:
      routes:
        only: {origin: domestic, corridor: direct, capacity_per_day: 400, lead_time_days: 10}
)";

TEST(Arrivals, ShortSupplyIsRationedInProportionToOutstandingOrders) {
  const Model m = compile_text(kTwoBuyers);
  State s = make_initial_state(m, 0);
  s.check_identities = true;
  for (Day d = 0; d < 399; ++d) step_day(m, s, Exec{});
  const Index a = m.plants.slots.items[m.plants.slots.begin[0]];
  const Index b = m.plants.slots.items[m.plants.slots.begin[1]];
  const double share_a = s.slots.outstanding[a] / (s.slots.outstanding[a] + s.slots.outstanding[b]);
  const double got_a = s.slots.received[a] / (s.slots.received[a] + s.slots.received[b]);
  EXPECT_NEAR(got_a, share_a, 0.02);
  EXPECT_NEAR(s.slots.received[a] + s.slots.received[b], 50.0, 1e-6);
  // Both plants are short: output falls below demand for both.
  EXPECT_LT(s.plants.output[0], 100.0);
  EXPECT_LT(s.plants.output[1], 50.0);
}

TEST(Arrivals, CancellationsComeOffOutstandingOrdersProportionally) {
  const Model m = compile_text(kTwoBuyers);
  State s = make_initial_state(m, 0);
  const Index g = testing::good_row(m, "powder");
  const Index a = m.plants.slots.items[m.plants.slots.begin[0]];
  const Index b = m.plants.slots.items[m.plants.slots.begin[1]];
  const double pa = s.slots.outstanding[a], pb = s.slots.outstanding[b];
  for (auto& c : s.slots.cancelled) c = 0.0;
  cancel_outstanding(m, s, g, 0.1 * (pa + pb), total_outstanding(m, s, g));
  EXPECT_NEAR(s.slots.outstanding[a], 0.9 * pa, 1e-9);
  EXPECT_NEAR(s.slots.outstanding[b], 0.9 * pb, 1e-9);
  EXPECT_NEAR(s.slots.cancelled[a] + s.slots.cancelled[b], 0.1 * (pa + pb), 1e-9);
}

TEST(Arrivals, SeizedUnitsAreLostAndLeaveTheBooks) {
  const Model m = compile_text(kTwoBuyers, {"imports.powder.routes.only.interdiction=0.25"});
  State s = make_initial_state(m, 0);
  s.check_identities = true;
  step_day(m, s, Exec{});
  const Index g = testing::good_row(m, "powder");
  const Index r = testing::route_row(m, "powder/only");
  EXPECT_NEAR(s.routes.interdicted[r], 0.25 * s.routes.arrived[r], 1e-9);
  EXPECT_NEAR(s.goods.received[g], s.routes.arrived[r] - s.routes.interdicted[r], 1e-9);
  EXPECT_NEAR(s.goods.lost[g], s.routes.interdicted[r], 1e-12);
}

}  // namespace
}  // namespace defsim
