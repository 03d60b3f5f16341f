#include "econ/steady_state.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "run/runner.hpp"
#include "support/fixtures.hpp"

namespace defsim {
namespace {

using testing::compile_text;
using testing::frozen;
using testing::tiny_scenario;

double relative_gap(double a, double b) { return std::abs(a - b) / std::max(1e-300, std::abs(b)); }

// Runs a model day by day with every identity checked and returns the largest relative
// deviation of any plant's output from its initial value.
double max_output_drift(const Model& m, Day days) {
  State s = make_initial_state(m, 0);
  s.check_identities = true;
  double worst = 0.0;
  for (Day d = 0; d < days; ++d) {
    step_day(m, s, Exec{});
    for (Index i = 0; i < m.plants.size(); ++i) {
      if (m.init.output[i] == 0.0) {
        worst = std::max(worst, std::abs(s.plants.output[i]));
      } else {
        worst = std::max(worst, relative_gap(s.plants.output[i], m.init.output[i]));
      }
    }
  }
  return worst;
}

TEST(SteadyState, LeontiefInverseGivesGrossOutputIncludingToolReplacement) {
  const Model m = compile_text(tiny_scenario());
  const Index missile = testing::plant_row(m, "missile_plant");
  const Index steel = testing::plant_row(m, "steel_mill");
  EXPECT_DOUBLE_EQ(m.init.output[missile], 10.0);
  // Steel is all domestic: 2 t per missile.
  EXPECT_NEAR(m.init.output[steel], 20.0, 1e-12);
  // Utilisation 10 / 12.5 becomes the plant's target.
  EXPECT_NEAR(m.plants.target_utilisation[missile], 0.8, 1e-15);
  // Trainees replace quits: T = q·τ·E.
  const double q = m.labour.quit_rate, tau = m.labour.training_days;
  EXPECT_NEAR(m.init.trainees[missile], q * tau * m.init.experienced[missile], 1e-9);
  EXPECT_NEAR(m.init.trainees[missile] + m.init.experienced[missile], 5000.0, 1e-9);
}

TEST(SteadyState, TinyModelHoldsForThreeYearsWithIdentitiesChecked) {
  const Model m = frozen(compile_text(tiny_scenario()));
  EXPECT_LT(max_output_drift(m, 3 * 365), 1e-9);
}

TEST(SteadyState, RussiaBaselineHoldsForThreeYearsWithConstantDemand) {
  const Model m = frozen(compile_scenario_file(std::string(DEFSIM_SOURCE_DIR) + "/scenarios/baseline.yaml"));
  EXPECT_LT(max_output_drift(m, 3 * 365), 1e-9);
}

TEST(SteadyState, PipelinesStartFull) {
  const Model m = compile_text(tiny_scenario());
  const State s = make_initial_state(m, 0);
  const Index r = testing::route_row(m, "chips/china_direct");
  ASSERT_NE(r, kNone);
  EXPECT_GT(m.init.route_shipped_rate[r], 0.0);
  EXPECT_NEAR(s.routes.in_transit[r], m.init.route_shipped_rate[r] * 45.0, 1e-9);
}

TEST(SteadyState, InfeasibleImportCapacityIsReportedAtCompileTime) {
  try {
    compile_text(tiny_scenario(), {"imports.chips.routes.china_direct.capacity_per_day=1",
                                   "imports.chips.routes.kazakhstan.capacity_per_day=1"});
    FAIL() << "expected ScenarioError";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("no steady state at the start: import routes for 'chips'"), std::string::npos)
        << e.what();
  }
}

TEST(SteadyState, BillOfMaterialsWithoutSteadyStateIsRejected) {
  // Steel needs 1.5 sets of parts per tonne and each set needs a tonne of steel: ρ(A) > 1.
  std::string text = tiny_scenario();
  const std::string mill = "    steel_mill: {good: steel, region: volga, capacity_per_day: 40, workers: 2000}\n";
  text.replace(text.find(mill), mill.size(),
               "    steel_mill: {good: steel, region: volga, capacity_per_day: 40, workers: 2000, inputs: {parts: {per_unit: 1.5}}}\n"
               "    parts_plant: {good: parts, region: volga, capacity_per_day: 1000, workers: 10, inputs: {steel: {per_unit: 1.0}}}\n");
  text.insert(text.find("    tools: {kind: capital"), "    parts: {kind: component, unit: set, unit_value_usd: 10}\n");
  try {
    compile_text(text);
    FAIL() << "expected ScenarioError";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("spectral radius of the domestic input matrix A is 1.22"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace defsim
