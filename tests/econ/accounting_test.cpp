#include <gtest/gtest.h>

#include "support/fixtures.hpp"

namespace defsim {
namespace {

using testing::compile_text;
using testing::tiny_scenario;

TEST(Accounting, IdentitiesHoldEveryDayOfAStochasticShockedRun) {
  const Model m = compile_text(tiny_scenario(R"(events:
  - {path: "imports.chips.routes.china_direct.capacity_per_day", op: scale, value: 0.1, start: 2024-03-01, end: 2024-09-01}
  - {path: demand.missiles.scale, op: set, value: 1.5, start: 2024-06-01, ramp_days: 60}
)", "true"));
  State s = make_initial_state(m, 3);
  s.check_identities = true;
  EXPECT_NO_THROW(for (Day d = 0; d < 700; ++d) step_day(m, s, Exec{}));
  EXPECT_EQ(s.diagnostics.get(Anomaly::accounting_drift), 0u);
}

TEST(Accounting, AViolationNamesTheDayTheEntityAndTheAmounts) {
  const Model m = compile_text(tiny_scenario());
  State s = make_initial_state(m, 0);
  s.check_identities = true;
  step_day(m, s, Exec{});
  s.slots.stock[0] += 1.0;  // a unit appears from nowhere
  try {
    step_day(m, s, Exec{});
    FAIL() << "expected AccountingError";
  } catch (const AccountingError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("accounting identity violated on day 1 (2024-01-02): good chips stock"), std::string::npos)
        << what;
  }
}

TEST(Accounting, UncheckedRunsCountDriftInsteadOfStopping) {
  const Model m = compile_text(tiny_scenario());
  State s = make_initial_state(m, 0);
  step_day(m, s, Exec{});
  s.slots.stock[0] += 1.0;
  step_day(m, s, Exec{});
  EXPECT_EQ(s.diagnostics.get(Anomaly::accounting_drift), 1u);
}

}  // namespace
}  // namespace defsim
