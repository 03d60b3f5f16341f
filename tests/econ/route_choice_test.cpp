#include "econ/route_choice.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "support/fixtures.hpp"

namespace defsim {
namespace {

using testing::compile_text;
using testing::tiny_scenario;

struct Allocation {
  double direct, kazakhstan, rejected;
};

Allocation allocate(const Model& m, double orders, std::vector<double> capacity) {
  const auto& R = m.routes;
  const RouteParamsView view{capacity.data(), R.markup.data(), R.lead_time_days.data(), R.interdiction.data(),
                             R.payment_failure.data(), R.weight.data()};
  std::vector<double> accepted(R.size(), 0.0);
  std::vector<Index> scratch(R.size(), 0);
  const Index chips = testing::good_row(m, "chips");
  const double rejected = allocate_import_orders(m, chips, orders, view, accepted.data(), scratch.data());
  return {accepted[testing::route_row(m, "chips/china_direct")], accepted[testing::route_row(m, "chips/kazakhstan")],
          rejected};
}

TEST(ImportRoutes, CheaperCorridorTakesTheLargerLogitShare) {
  const Model m = compile_text(tiny_scenario());
  const Allocation a = allocate(m, 1000.0, m.routes.capacity);
  EXPECT_GT(a.direct, a.kazakhstan);
  EXPECT_NEAR(a.direct + a.kazakhstan, 1000.0, 1e-9);
  EXPECT_DOUBLE_EQ(a.rejected, 0.0);
}

TEST(ImportRoutes, ACutCorridorSpillsToOthersUpToTheirCapacity) {
  const Model m = compile_text(tiny_scenario());
  std::vector<double> capacity = m.routes.capacity;
  capacity[testing::route_row(m, "chips/china_direct")] = 0.0;
  const Allocation a = allocate(m, 1000.0, capacity);
  EXPECT_DOUBLE_EQ(a.direct, 0.0);
  EXPECT_NEAR(a.kazakhstan, 400.0, 1e-9);
  EXPECT_NEAR(a.rejected, 600.0, 1e-9);
}

TEST(ImportRoutes, CutCorridorShiftsMostFlowToOthersWithinTheAdaptationTimeAtAHigherPrice) {
  const Model m = compile_text(tiny_scenario(R"(events:
  - {path: imports.chips.routes.china_direct.capacity_per_day, op: set, value: 0, start: 2024-03-01}
)"));
  State s = make_initial_state(m, 0);
  s.check_identities = true;
  const Index chips = testing::good_row(m, "chips");
  const Index direct = testing::route_row(m, "chips/china_direct");
  const Index kz = testing::route_row(m, "chips/kazakhstan");
  double before_units = 0.0, before_bill = 0.0;
  for (Day d = 0; d < 60; ++d) {
    step_day(m, s, Exec{});
    before_units += s.routes.shipped[direct] + s.routes.shipped[kz];
    before_bill += s.goods.import_bill_usd[chips];
  }
  // Kazakhstan starts at 400/day, a fifth of the 2,000 the direct route could take.
  for (Day d = 60; d < 60 + 150; ++d) step_day(m, s, Exec{});
  double after_units = 0.0, after_bill = 0.0;
  for (Day d = 210; d < 270; ++d) {
    step_day(m, s, Exec{});
    EXPECT_DOUBLE_EQ(s.routes.shipped[direct], 0.0);
    after_units += s.routes.shipped[kz];
    after_bill += s.goods.import_bill_usd[chips];
  }
  // The corridor grew toward its ceiling and carries most of the earlier volume ...
  EXPECT_GT(s.routes.effective_capacity[kz], 400.0 * 1.2);
  EXPECT_GT(after_units, 0.8 * before_units);
  // ... at a higher average price.
  EXPECT_GT(after_bill / after_units, 1.1 * before_bill / before_units);
}

TEST(ImportRoutes, OverflowBeyondAllCapacityIsRejected) {
  const Model m = compile_text(tiny_scenario());
  std::vector<double> capacity = m.routes.capacity;
  capacity[testing::route_row(m, "chips/china_direct")] = 100.0;
  capacity[testing::route_row(m, "chips/kazakhstan")] = 200.0;
  const Allocation a = allocate(m, 1000.0, capacity);
  EXPECT_DOUBLE_EQ(a.direct, 100.0);
  EXPECT_DOUBLE_EQ(a.kazakhstan, 200.0);
  EXPECT_DOUBLE_EQ(a.rejected, 700.0);
}

TEST(ImportRoutes, ClosingEveryCorridorStopsArrivalsAfterTheLeadTime) {
  const Model m = compile_text(tiny_scenario(R"(events:
  - {path: "imports.chips.routes.*.capacity_per_day", op: set, value: 0, start: 2024-01-01}
)"));
  State s = make_initial_state(m, 0);
  s.check_identities = true;
  const Index chips = testing::good_row(m, "chips");
  for (Day d = 0; d < 80; ++d) {
    step_day(m, s, Exec{});
    if (d >= 70) {
      EXPECT_DOUBLE_EQ(s.goods.received[chips], 0.0) << d;  // longest lead 60 + jitter 10
    }
  }
  EXPECT_GT(s.goods.rejected[chips], 0.0);
}

TEST(ImportRoutes, ImportBillIsUnitsTimesMarkedUpPrice) {
  const Model m = compile_text(tiny_scenario());
  State s = make_initial_state(m, 0);
  step_day(m, s, Exec{});
  const Index r = testing::route_row(m, "chips/china_direct");
  // The markup rises with utilisation: m0 + m1·u².
  const double u = s.routes.utilisation[r];
  EXPECT_NEAR(s.routes.markup_paid[r], 0.3 + 0.2 * u * u, 1e-12);
  EXPECT_DOUBLE_EQ(s.routes.price_usd[r], 100.0 * (1.0 + s.routes.markup_paid[r]));
  EXPECT_DOUBLE_EQ(s.routes.bill_usd[r], s.routes.shipped[r] * s.routes.price_usd[r]);
}

}  // namespace
}  // namespace defsim

namespace defsim {
namespace {

TEST(ImportRoutes, RaisingCapacityByEventIsNotCappedByTheAdaptationCeiling) {
  const Model m = testing::compile_text(testing::tiny_scenario(R"(events:
  - {path: imports.chips.routes.china_direct.capacity_per_day, op: scale, value: 2, start: 2024-01-01}
)"));
  State s = make_initial_state(m, 0);
  step_day(m, s, Exec{});
  EXPECT_DOUBLE_EQ(s.routes.effective_capacity[testing::route_row(m, "chips/china_direct")], 4000.0);
}

TEST(ImportRoutes, ARetryDelayBelowOneDayIsRejected) {
  try {
    testing::compile_text(testing::tiny_scenario(), {"parameters.route_choice.payment_retry_days=0.5"});
    FAIL() << "expected ScenarioError";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("parameters.route_choice.payment_retry_days: must be 0 (bounced orders are "
                                         "cancelled) or at least 1 day, got 0.5"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace defsim

namespace defsim {
namespace {

// Middlemen revise fees over markup_adjustment_days: the markup paid closes 1/τ of the gap
// to m0 + m1·u^k each day, so a base-markup event phases in instead of jumping.
TEST(ImportRoutes, MarkupPaidMovesTowardItsTargetOverTheAdjustmentDays) {
  const std::string events = R"(events:
  - {path: imports.chips.routes.china_direct.markup, op: add, value: 0.5, start: 2024-01-02}
)";
  const Model m = testing::compile_text(testing::tiny_scenario(events),
                                        {"imports.chips.routes.china_direct.markup_adjustment_days=10"});
  const Index r = testing::route_row(m, "chips/china_direct");
  State s = make_initial_state(m, 0);
  step_day(m, s, Exec{});  // day 0: the event has not started; the steady markup holds
  const double before = s.routes.markup_paid[r];
  step_day(m, s, Exec{});  // day 1: base markup 0.3 -> 0.8
  // Yesterday's utilisation is the day-0 value; the new target is 0.8 + 0.2 u².
  const double u0 = m.init.route_utilisation[r];
  const double goal = 0.8 + 0.2 * u0 * u0;
  EXPECT_NEAR(s.routes.markup_paid[r], before + (goal - before) / 10.0, 1e-12);
  EXPECT_LT(s.routes.markup_paid[r], 0.5);
}

TEST(ImportRoutes, DefaultAdjustmentChargesTheTargetMarkupAtOnce) {
  const std::string events = R"(events:
  - {path: imports.chips.routes.china_direct.markup, op: add, value: 0.5, start: 2024-01-02}
)";
  const Model m = testing::compile_text(testing::tiny_scenario(events));
  const Index r = testing::route_row(m, "chips/china_direct");
  State s = make_initial_state(m, 0);
  step_day(m, s, Exec{});
  const double u0 = s.routes.utilisation[r];
  step_day(m, s, Exec{});
  EXPECT_DOUBLE_EQ(s.routes.markup_paid[r], 0.8 + 0.2 * u0 * u0);
}

// A steep congestion markup makes the plain fixed-point iteration of the start-date route
// shares cycle; the damped solver still finds the stationary start, which then holds.
TEST(ImportRoutes, SteepMarkupSlopesStillGiveAStationaryStart) {
  const Model m = testing::frozen(testing::compile_text(
      testing::tiny_scenario(),
      {"imports.chips.routes.china_direct.markup_slope=3", "imports.chips.routes.china_direct.markup_exponent=4",
       "imports.chips.routes.china_direct.capacity_per_day=700",
       "imports.chips.routes.china_direct.markup_adjustment_days=20"}));
  const Index r = testing::route_row(m, "chips/china_direct");
  const Index kz = testing::route_row(m, "chips/kazakhstan");
  State s = make_initial_state(m, 0);
  const double u0 = m.init.route_utilisation[r];
  ASSERT_GT(u0, 0.4);
  ASSERT_LT(m.init.route_utilisation[kz], 1.0);  // nothing overflows, so nothing adapts
  for (Day d = 0; d < 200; ++d) step_day(m, s, Exec{});
  EXPECT_NEAR(s.routes.utilisation[r], u0, 1e-9);

  // With fees revised at once, the same start is a fixed point the daily dynamics leave:
  // the route flips between dear-and-empty and cheap-and-full (a two-day cycle).
  const Model instant = testing::frozen(testing::compile_text(
      testing::tiny_scenario(),
      {"imports.chips.routes.china_direct.markup_slope=3", "imports.chips.routes.china_direct.markup_exponent=4",
       "imports.chips.routes.china_direct.capacity_per_day=700"}));
  State t = make_initial_state(instant, 0);
  double swing = 0.0;
  for (Day d = 0; d < 200; ++d) {
    step_day(instant, t, Exec{});
    swing = std::max(swing, std::abs(t.routes.utilisation[r] - u0));
  }
  EXPECT_GT(swing, 0.05);
}

}  // namespace
}  // namespace defsim
