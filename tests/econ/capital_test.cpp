#include <gtest/gtest.h>

#include "econ/plant_capacity.hpp"
#include "support/fixtures.hpp"

namespace defsim {
namespace {

using testing::compile_text;
using testing::tiny_scenario;

TEST(Capital, ReplacementOrdersKeepTheToolStockConstant) {
  const Model m = testing::frozen(compile_text(tiny_scenario()));
  State s = make_initial_state(m, 0);
  const Index i = testing::plant_row(m, "missile_plant");
  for (Day d = 0; d < 400; ++d) step_day(m, s, Exec{});
  EXPECT_NEAR(effective_capital(m, s, i), 300.0, 1e-9);
  EXPECT_NEAR(s.plants.depreciation[i], 300.0 * (1.0 - std::pow(0.95, 1.0 / 365.0)), 1e-12);
}

TEST(Capital, AToolCutOffShrinksTheStockAtTheDepreciationRate) {
  // No imported tools and no domestic maker output: the stock wears away.
  const Model m = compile_text(tiny_scenario(R"(events:
  - {path: imports.tools.routes.china_direct.capacity_per_day, op: set, value: 0, start: 2024-01-01}
  - {path: plants.tool_maker.availability, op: set, value: 0, start: 2024-01-01}
)"));
  State s = make_initial_state(m, 0);
  s.check_identities = true;
  const Index i = testing::plant_row(m, "missile_plant");
  for (Day d = 0; d < 365 + 90; ++d) step_day(m, s, Exec{});
  // After the pipeline (60 days of imports, ~37 of domestic orders) empties, ~a year of wear.
  const double k = effective_capital(m, s, i);
  EXPECT_LT(k, 300.0 * 0.97);
  EXPECT_GT(k, 300.0 * 0.93);
}

TEST(Capital, ImportedToolsKeepTheirOrigin) {
  const Model m = compile_text(tiny_scenario(R"(events:
  - {path: plants.tool_maker.availability, op: set, value: 0, start: 2024-01-01}
)"));
  State s = make_initial_state(m, 0);
  const Index i = testing::plant_row(m, "missile_plant");
  const Index china = 0;  // declared first in origins
  ASSERT_EQ(m.origins.name[china], "china");
  const Index domestic = m.origins.domestic;
  const size_t row = static_cast<size_t>(i) * m.n_origins();
  const double china0 = s.plants.capital[row + china];
  const double domestic0 = s.plants.capital[row + domestic];
  for (Day d = 0; d < 720; ++d) step_day(m, s, Exec{});
  // Chinese deliveries replace wear of both vintages; domestic tools only wear out.
  EXPECT_GT(s.plants.capital[row + china], china0 + 2.0);
  EXPECT_LT(s.plants.capital[row + domestic], domestic0 * 0.95);
}

}  // namespace
}  // namespace defsim
