// The machine-tool channel (model spec §5): investment, installation, spare parts.
#include <gtest/gtest.h>

#include "econ/plant_capacity.hpp"
#include "support/fixtures.hpp"

namespace defsim {
namespace {

using testing::compile_text;
using testing::tiny_scenario;

const std::string kMoreOrders = R"(
  - {path: demand.missiles.scale, op: set, value: 1.5, start: 2024-02-01, ramp_days: 30}
)";
const std::string kToolCutOff = R"(
  - {path: imports.tools.routes.china_direct.capacity_per_day, op: set, value: 0, start: 2024-02-01}
  - {path: plants.tool_maker.availability, op: set, value: 0, start: 2024-02-01}
)";

struct Path {
  std::vector<double> output, capital, desired_workforce, capacity;
};

Path run(const Model& m, Day days) {
  State s = make_initial_state(m, 0);
  s.check_identities = true;
  Path p;
  const Index i = testing::plant_row(m, "missile_plant");
  for (Day d = 0; d < days; ++d) {
    step_day(m, s, Exec{});
    p.output.push_back(s.plants.output[i]);
    p.capital.push_back(effective_capital(m, s, i));
    p.desired_workforce.push_back(s.plants.desired_workforce[i]);
    p.capacity.push_back(s.plants.capacity[i]);
  }
  return p;
}

TEST(MachineTools, ACutOffStopsCapitalGrowingRaisesLabourDemandAndLowersOutput) {
  // A thin regional labour pool: the plant cannot simply hire its way around missing tools.
  const std::vector<std::string> thin_pool = {"regions.volga.available_workers=800"};
  const Model base = compile_text(tiny_scenario("events:" + kMoreOrders), thin_pool);
  const Model cut = compile_text(tiny_scenario("events:" + kMoreOrders + kToolCutOff), thin_pool);
  const Day days = 540;
  const Path b = run(base, days);
  const Path c = run(cut, days);
  // With 50% more orders the baseline plant invests; the cut-off plant's tools only age.
  EXPECT_GT(b.capital.back(), 1.2 * 300.0);
  EXPECT_LT(c.capital.back(), 300.0);
  for (Day d = 1; d < days; ++d) EXPECT_LE(c.capital[d], c.capital[d - 1] + 1e-9) << d;
  // Fewer tools: the plant wants more workers for the same plan.
  EXPECT_GT(c.desired_workforce.back(), 1.05 * b.desired_workforce.back());
  // Output is the same until tools ordered before the cut have been installed, then lower.
  const Day install = static_cast<Day>(base.capital.installation_days);
  EXPECT_NEAR(c.output[31 + install / 2], b.output[31 + install / 2], 1e-6 * b.output[31 + install / 2]);
  double base_late = 0.0, cut_late = 0.0;
  for (Day d = days - 90; d < days; ++d) {
    base_late += b.output[d];
    cut_late += c.output[d];
  }
  EXPECT_LT(cut_late, 0.99 * base_late);
}

TEST(MachineTools, WithoutSubstitutionCapacityIsTheScarcerFactor) {
  const Model cut = compile_text(tiny_scenario("events:" + kMoreOrders + kToolCutOff),
                                 {"plants.missile_plant.ces_sigma=0"});
  State s = make_initial_state(cut, 0);
  const Index i = testing::plant_row(cut, "missile_plant");
  const auto& P = cut.plants;
  double by_capital = 0.0;
  for (Day d = 0; d < 540; ++d) {
    // Capacity is set in the morning (phase 3) from the morning's tools and workers.
    by_capital = P.capacity_ref[i] * effective_capital(cut, s, i) / P.capital_ref[i];
    const double by_labour = P.capacity_ref[i] * effective_labour(cut, s, i) / P.labour_ref[i];
    step_day(cut, s, Exec{});
    EXPECT_NEAR(s.plants.capacity[i], std::min(by_capital, by_labour), 1e-9 * P.capacity_ref[i]) << d;
    EXPECT_LE(s.plants.output[i], by_capital * (1.0 + 1e-12)) << d;
  }
  // Hiring cannot make up for missing tools: capital binds at the end.
  EXPECT_NEAR(s.plants.capacity[i], by_capital, 1e-9 * by_capital);
  EXPECT_EQ(s.plants.binding[i], kBindingCapacity);
}

TEST(MachineTools, PartsStarvationLowersHealthAndCapacity) {
  // Both runs lose new tools (as Russia lost Western ones) and have a thin labour pool, so
  // neither investment nor hiring can hide what broken tools cost.
  const std::vector<std::string> setting = {"parameters.plant_defaults.ces_sigma=0.2",
                                            "regions.volga.available_workers=800"};
  const Model base = compile_text(tiny_scenario("events:" + kToolCutOff), setting);
  const Model starved = compile_text(tiny_scenario("events:" + kToolCutOff + R"(
  - {path: imports.china_parts.routes.china_direct.capacity_per_day, op: set, value: 0, start: 2024-01-01}
)"), setting);
  State b = make_initial_state(base, 0);
  State s = make_initial_state(starved, 0);
  s.check_identities = true;
  const Index i = testing::plant_row(starved, "missile_plant");
  const Index china = 0;
  const size_t cell = static_cast<size_t>(i) * starved.n_origins() + china;
  for (Day d = 0; d < 90; ++d) {
    step_day(base, b, Exec{});
    step_day(starved, s, Exec{});
  }
  EXPECT_NEAR(s.plants.health[cell], 1.0, 1e-3);  // 60 days of stock and 30 in transit
  for (Day d = 90; d < 540; ++d) {
    step_day(base, b, Exec{});
    step_day(starved, s, Exec{});
  }
  EXPECT_LT(s.plants.health[cell], 0.6);
  EXPECT_DOUBLE_EQ(b.plants.health[cell], 1.0);
  EXPECT_LT(effective_capital(starved, s, i), effective_capital(base, b, i) - 0.3 * 100.0);
  EXPECT_LT(s.plants.capacity[i], 0.97 * b.plants.capacity[i]);
  // Other origins' tools need no Chinese parts and stay healthy.
  EXPECT_DOUBLE_EQ(s.plants.health[static_cast<size_t>(i) * starved.n_origins() + starved.origins.domestic], 1.0);
}

}  // namespace
}  // namespace defsim
