#include <gtest/gtest.h>

#include "support/fixtures.hpp"

namespace defsim {
namespace {

using testing::compile_text;
using testing::tiny_scenario;

TEST(LabourMarket, DoubledOrdersOpenVacanciesAndRaiseOutputWithALag) {
  const Model m = compile_text(tiny_scenario(R"(events:
  - {path: demand.missiles.scale, op: set, value: 2, start: 2024-01-02}
)"));
  State s = make_initial_state(m, 0);
  s.check_identities = true;
  const Index plant = testing::plant_row(m, "missile_plant");
  const double workers0 = s.plants.experienced[plant] + s.plants.trainees[plant];
  double first_week_output = 0.0;
  for (Day d = 0; d < 365; ++d) {
    step_day(m, s, Exec{});
    if (d < 7) first_week_output = std::max(first_week_output, s.plants.output[plant]);
    EXPECT_LE(s.plants.output[plant], s.plants.capacity[plant] * (1 + 1e-12));
  }
  const double workers = s.plants.experienced[plant] + s.plants.trainees[plant];
  EXPECT_GT(workers, 1.3 * workers0);
  EXPECT_LT(first_week_output, 12.6);  // bounded by capacity at the start
  EXPECT_GT(s.plants.output[plant], 15.0);
}

TEST(LabourMarket, WorkersAreConservedEveryDayEvenWhenThePoolRunsDry) {
  // Only 300 available workers: hiring stops when they are gone.
  const Model m = compile_text(tiny_scenario(R"(events:
  - {path: demand.missiles.scale, op: set, value: 3, start: 2024-01-02}
)"), {"regions.volga.available_workers=300"});
  State s = make_initial_state(m, 0);
  s.check_identities = true;  // a violation throws
  for (Day d = 0; d < 200; ++d) {
    step_day(m, s, Exec{});
    EXPECT_GE(s.regions.available[0], -1e-9);
    EXPECT_NEAR(s.regions.available[0] + s.regions.employed[0], s.regions.pool[0], 1e-6);
  }
  // The pool is down to the workers who quit today (q0 × workforce ≈ 2.3).
  EXPECT_LT(s.regions.available[0], 5.0);
}

TEST(LabourMarket, FallingOrdersLayOffOnlyDownToTheHoardedCore) {
  const Model m = compile_text(tiny_scenario(R"(events:
  - {path: demand.missiles.scale, op: set, value: 0.2, start: 2024-01-02}
)"));
  State s = make_initial_state(m, 0);
  const Index plant = testing::plant_row(m, "missile_plant");
  for (Day d = 0; d < 365; ++d) step_day(m, s, Exec{});
  EXPECT_NEAR(s.plants.experienced[plant] + s.plants.trainees[plant], m.plants.min_workers[plant], 1.0);
}

}  // namespace
}  // namespace defsim

namespace defsim {
namespace {

TEST(LabourMarket, UnfilledVacanciesRaiseWagesAndHoursUpToTheirCaps) {
  // Three times the orders and a thin pool: vacancies stay open.
  const Model m = testing::compile_text(testing::tiny_scenario(R"(events:
  - {path: demand.missiles.scale, op: set, value: 3, start: 2024-01-02}
)"), {"regions.volga.available_workers=300"});
  State s = make_initial_state(m, 0);
  const Index i = testing::plant_row(m, "missile_plant");
  const double wage0 = s.plants.wage[i];
  for (Day d = 0; d < 400; ++d) step_day(m, s, Exec{});
  EXPECT_GT(s.plants.wage[i], wage0 * 1.05);
  EXPECT_LE(s.plants.wage[i], wage0 * (1.0 + m.labour.wage_cap) + 1e-12);
  EXPECT_GT(s.plants.hours[i], m.labour.hours_normal + 5.0);
  EXPECT_LE(s.plants.hours[i], m.labour.hours_max);
  // Civilian wages follow part of the way.
  EXPECT_GT(s.regions.civilian_wage[0], m.regions.civilian_wage[0]);
}

TEST(LabourMarket, MobilisationTakesTheStatedShareOfNonExemptWorkers) {
  const Model m = testing::compile_text(testing::tiny_scenario(R"(events:
  - {path: regions.volga.mobilised_share, op: set, value: 0.05, start: 2024-01-11}
)"));
  State s = make_initial_state(m, 0);
  s.check_identities = true;  // workers conserved every day, mobilised included
  for (Day d = 0; d < 10; ++d) step_day(m, s, Exec{});
  const double exempt = m.labour.exempt_share;
  const double eligible = s.regions.available[0] + (1.0 - exempt) * s.regions.employed[0];
  const Index i = testing::plant_row(m, "missile_plant");
  const double workforce = s.plants.experienced[i] + s.plants.trainees[i];
  step_day(m, s, Exec{});
  EXPECT_NEAR(s.regions.mobilised[0], 0.05 * eligible, 1e-9 * eligible);
  EXPECT_NEAR(s.plants.drafted[i], 0.05 * (1.0 - exempt) * workforce, 1e-9 * workforce);
  for (Day d = 11; d < 200; ++d) step_day(m, s, Exec{});
  EXPECT_NEAR(s.regions.available[0] + s.regions.employed[0] + s.regions.mobilised[0], s.regions.pool[0], 1e-6);
}

TEST(LabourMarket, EmigrationAndInflowsMoveThePool) {
  const Model m = testing::compile_text(testing::tiny_scenario(R"(events:
  - {path: regions.volga.inflow_per_day, op: set, value: 20, start: 2024-01-01, end: 2024-02-01}
  - {path: regions.volga.emigration_per_day, op: set, value: 0.001, start: 2024-03-01}
)"));
  State s = make_initial_state(m, 0);
  s.check_identities = true;
  const double pool0 = s.regions.pool[0];
  for (Day d = 0; d < 31; ++d) step_day(m, s, Exec{});
  EXPECT_NEAR(s.regions.pool[0], pool0 + 31 * 20.0, 1e-6);
  for (Day d = 31; d < 200; ++d) step_day(m, s, Exec{});
  EXPECT_LT(s.regions.pool[0], pool0 + 31 * 20.0);
}

}  // namespace
}  // namespace defsim
