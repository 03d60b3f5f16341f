#include <gtest/gtest.h>

#include "support/fixtures.hpp"

namespace defsim {
namespace {

using testing::compile_text;

// One plant, one critical input from one import route with a one-day lead time, so a cut
// at day D stops arrivals from D + 1 and the plant lives on its inventory.
std::string single_source(double inventory_days, const std::string& extra_input = "",
                          const std::string& extra_goods = "", const std::string& events = "") {
  return R"(name: cut
start: 2024-01-01
days: 200
stochastic: false
demand:
  drones: {per_day: 100}
)" + events + R"(
model:
  goods:
    drones: {kind: final, unit: drone, unit_value_usd: 50000}
    engines: {kind: component, unit: engine, unit_value_usd: 5000}
)" + extra_goods + R"(
  regions:
    tatarstan: {labour_force: 50000, available_workers: 1000}
  plants:
    alabuga:
      good: drones
      region: tatarstan
      capacity_per_day: 125
      workers: 2000
      inputs:
        engines:
          per_unit: 1
          inventory_days: )" + std::to_string(inventory_days) + R"(
)" + extra_input + R"(
  imports:
    engines:
      routes:
        china_direct: {origin: domestic, corridor: direct, capacity_per_day: 1000, lead_time_days: 1}
)";
}

const std::string kCutAtDay50 = R"(events:
  - {path: imports.engines.routes.china_direct.capacity_per_day, op: set, value: 0, start: 2024-02-20}
)";

TEST(Production, CriticalInputCutStopsOutputWhenInventoryRunsOut) {
  const double n = 20;
  const Model m = compile_text(single_source(n, "", "", kCutAtDay50));
  const Day cut = m.run.calendar.day_of(*parse_date("2024-02-20"));
  ASSERT_EQ(cut, 50);
  State s = make_initial_state(m, 0);
  s.check_identities = true;
  Day stopped = -1;
  for (Day d = 0; d < 120; ++d) {
    step_day(m, s, Exec{});
    if (d < cut + static_cast<Day>(n) - 1) {
      EXPECT_NEAR(s.plants.output[0], 100.0, 1e-9) << "day " << d;
    }
    if (stopped < 0 && s.plants.output[0] < 1e-6) stopped = d;
  }
  EXPECT_GE(stopped, cut + static_cast<Day>(n) - 1);
  EXPECT_LE(stopped, cut + static_cast<Day>(n) + 1);
  EXPECT_EQ(s.plants.binding[0], kBindingInputBase + testing::good_row(m, "engines"));
}

TEST(Production, PartialCriticalityScalesOutputWithTheMissingShare) {
  // Criticality 0.5: with no engines at all the plant still makes half its plan.
  const std::string text = single_source(5, "          criticality: 0.5\n", "", kCutAtDay50);
  const Model m = compile_text(text);
  State s = make_initial_state(m, 0);
  for (Day d = 0; d < 100; ++d) step_day(m, s, Exec{});
  const double plan = std::min(s.plants.capacity[0], s.plants.demand_target[0]);
  EXPECT_NEAR(s.plants.output[0], 0.5 * plan, 1e-9);
}

TEST(Production, SubstituteCoversAShortPrimaryAtItsEfficiency) {
  const std::string subs = "          substitutes: {local_engines: 0.5}\n";
  const std::string goods = "    local_engines: {kind: component, unit: engine, unit_value_usd: 8000}\n";
  std::string text = single_source(10, subs, goods, kCutAtDay50);
  // A domestic maker of the substitute with ample spare capacity.
  text.replace(text.find("  imports:"), 0,
               "    motor_plant: {good: local_engines, region: tatarstan, capacity_per_day: 400, workers: 500}\n");
  const Model m = compile_text(text);
  State s = make_initial_state(m, 0);
  s.check_identities = true;
  for (Day d = 0; d < 199; ++d) step_day(m, s, Exec{});
  const Index sub_slot = m.slots.substitutes.items[0];
  // Two substitute engines stand in for one imported engine; output recovers to plan.
  EXPECT_GT(s.slots.consumed[sub_slot], 1.9 * s.plants.output[0]);
  EXPECT_NEAR(s.plants.output[0], s.plants.demand_target[0], 1e-6 * s.plants.demand_target[0]);
}

TEST(Production, DemandBindsInTheSteadyState) {
  const Model m = compile_text(single_source(20));
  State s = make_initial_state(m, 0);
  step_day(m, s, Exec{});
  EXPECT_EQ(s.plants.binding[0], kBindingDemand);
  EXPECT_NEAR(s.goods.deliveries[0], 100.0, 1e-9);
}

}  // namespace
}  // namespace defsim
