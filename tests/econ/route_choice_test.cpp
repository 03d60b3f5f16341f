#include "econ/route_choice.hpp"

#include <gtest/gtest.h>

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

TEST(ImportRoutes, CutCorridorShiftsFlowToOthers) {
  const Model m = compile_text(tiny_scenario());
  std::vector<double> capacity = m.routes.capacity;
  capacity[testing::route_row(m, "chips/china_direct")] = 0.0;
  const Allocation a = allocate(m, 1000.0, capacity);
  EXPECT_DOUBLE_EQ(a.direct, 0.0);
  EXPECT_NEAR(a.kazakhstan, 1000.0, 1e-9);
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
  EXPECT_DOUBLE_EQ(s.routes.price_usd[r], 100.0 * 1.3);
  EXPECT_DOUBLE_EQ(s.routes.bill_usd[r], s.routes.shipped[r] * 130.0);
}

}  // namespace
}  // namespace defsim
