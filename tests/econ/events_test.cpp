#include <gtest/gtest.h>

#include "run/runner.hpp"
#include "support/fixtures.hpp"

namespace defsim {
namespace {

using testing::compile_text;
using testing::tiny_scenario;

double capacity_on(const Model& m, Day day, const std::string& route) {
  State s = make_initial_state(m, 0);
  s.day = day;
  apply_events(m, s, Exec{});
  return s.routes.capacity[testing::route_row(m, route)];
}

TEST(Events, ScaleRampsLinearlyAndRevertsAtTheEnd) {
  const Model m = compile_text(tiny_scenario(R"(events:
  - {path: imports.chips.routes.china_direct.capacity_per_day, op: scale, value: 0.0, start: 2024-02-01, ramp_days: 10, end: 2024-06-01}
)"));
  EXPECT_DOUBLE_EQ(capacity_on(m, 30, "chips/china_direct"), 2000.0);  // 2024-01-31
  EXPECT_DOUBLE_EQ(capacity_on(m, 31, "chips/china_direct"), 1800.0);  // first ramp day: 1/10 done
  EXPECT_DOUBLE_EQ(capacity_on(m, 35, "chips/china_direct"), 1000.0);
  EXPECT_DOUBLE_EQ(capacity_on(m, 45, "chips/china_direct"), 0.0);
  EXPECT_DOUBLE_EQ(capacity_on(m, 152, "chips/china_direct"), 2000.0);  // 2024-06-01: ended
}

TEST(Events, AnEventThatStartedBeforeTheRunIsPartlyRampedOnDayZero) {
  const Model m = compile_text(tiny_scenario(R"(events:
  - {path: imports.chips.routes.china_direct.capacity_per_day, op: set, value: 1100, start: 2023-12-02, ramp_days: 90}
)"));
  // 30 days before 2024-01-01: on day 0 the ramp is 31/90 done.
  EXPECT_NEAR(capacity_on(m, 0, "chips/china_direct"), 2000.0 + 31.0 / 90.0 * (1100.0 - 2000.0), 1e-9);
}

TEST(Events, GlobsAddressSeveralRoutesAndEventsComposeInOrder) {
  const Model m = compile_text(tiny_scenario(R"(events:
  - {path: "imports.chips.routes.*.capacity_per_day", op: set, value: 100, start: 2024-01-10}
  - {path: imports.chips.routes.kazakhstan.capacity_per_day, op: add, value: 50, start: 2024-01-10}
)"));
  EXPECT_DOUBLE_EQ(capacity_on(m, 9, "chips/china_direct"), 100.0);
  EXPECT_DOUBLE_EQ(capacity_on(m, 9, "chips/kazakhstan"), 150.0);
  EXPECT_DOUBLE_EQ(capacity_on(m, 8, "chips/kazakhstan"), 400.0);
}

TEST(Events, ProbabilitiesAreClampedIntoTheirDomain) {
  const Model m = compile_text(tiny_scenario(R"(events:
  - {path: imports.chips.routes.china_direct.payment_failure, op: add, value: 5, start: 2024-01-02}
)"));
  State s = make_initial_state(m, 0);
  s.day = 5;
  apply_events(m, s, Exec{});
  EXPECT_LT(s.routes.payment_failure[testing::route_row(m, "chips/china_direct")], 1.0);
}

TEST(Events, DemandScaleChangesStateOrders) {
  const Model m = compile_text(tiny_scenario(R"(events:
  - {path: demand.missiles.scale, op: set, value: 2, start: 2024-01-02}
)"));
  State s = make_initial_state(m, 0);
  step_day(m, s, Exec{});
  EXPECT_DOUBLE_EQ(s.goods.state_orders[0], 10.0);
  step_day(m, s, Exec{});
  EXPECT_DOUBLE_EQ(s.goods.state_orders[0], 20.0);
}

// Phase 1 skips the recomputation on days when no event starts, ends or ramps. Forcing it
// every day must give the same run to the last bit, diagnostics included: a ramp, an end,
// and a jitter event that pushes lead time plus jitter past the in-transit calendar. Its
// clamp shortens the route's lead time, a column no event resets, so the next day fits and
// the clamp is counted once: replaying the first day's count would count it every day.
TEST(Events, SkippingUnchangedDaysGivesTheRunOfRecomputingEveryDay) {
  const Model m = compile_text(tiny_scenario(R"(max_lead_time_days: 140
events:
  - {path: imports.chips.routes.kazakhstan.jitter_days, op: set, value: 69.8, start: 2024-02-01, end: 2024-05-01}
  - {path: imports.chips.routes.china_direct.capacity_per_day, op: scale, value: 0.5, start: 2024-03-01, ramp_days: 20, end: 2024-04-15}
)",
                                             "true"),
                               {"imports.chips.routes.kazakhstan.lead_time_days=70"});
  State skipping = make_initial_state(m, 0);
  State daily = make_initial_state(m, 0);
  const Index kazakhstan = testing::route_row(m, "chips/kazakhstan");
  for (Day d = 0; d < 200; ++d) {
    step_day(m, skipping, Exec{});
    daily.events_computed_day = -1;  // forces phase 1 to recompute
    step_day(m, daily, Exec{});
    ASSERT_EQ(state_hash(skipping), state_hash(daily)) << "day " << d;
  }
  EXPECT_EQ(skipping.diagnostics.counts, daily.diagnostics.counts);
  EXPECT_EQ(skipping.diagnostics.get(Anomaly::lead_time_clamped), 1u);
  EXPECT_LT(skipping.routes.lead_time_days[kazakhstan], 70.0);
}

}  // namespace
}  // namespace defsim
