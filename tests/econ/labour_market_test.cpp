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
