// Sweep files are validated like scenarios: every problem, with FILE:LINE:COL and the key.
#include <gtest/gtest.h>

#include "sweep/sweep_plan.hpp"
#include "sweep/sweep_spec.hpp"
#include "sweep_fixture.hpp"

namespace defsim::sweep {
namespace {

using test::SweepFiles;

std::vector<std::string> errors_of(const std::string& path) {
  try {
    (void)compile_sweep_file(path);
  } catch (const ScenarioError& e) {
    std::vector<std::string> out;
    for (const auto& issue : e.issues()) out.push_back(issue.str());
    return out;
  }
  return {};
}

TEST(SweepSpec, GridPlanEnumeratesEveryCombinationLastParameterFastest) {
  SweepFiles files;
  const SweepSpec spec = compile_sweep_file(files.sweep("grid.yaml", test::kGoodGrid));
  EXPECT_EQ(spec.method, DesignMethod::grid);
  EXPECT_EQ(spec.name, "grid");
  ASSERT_EQ(planned_runs(spec), 6);
  const SweepPlan plan = make_plan(spec);
  ASSERT_EQ(plan.runs(), 6);
  EXPECT_EQ(plan.values(0, 0), 200);
  EXPECT_EQ(plan.values(0, 1), 0.02);
  EXPECT_EQ(plan.values(1, 1), 0.05);
  EXPECT_EQ(plan.values(5, 0), 800);
  EXPECT_EQ(plan.values(5, 1), 0.05);
  EXPECT_EQ(run_overrides(spec, plan, 3),
            (std::vector<std::string>{"imports.chips.routes.kazakhstan.capacity_per_day=400",
                                      "parameters.labour.hire_rate_per_day=0.05"}));
  EXPECT_EQ(spec.fingerprint.size(), 32u);
}

TEST(SweepSpec, RangeDesignsMapUnitPointsThroughTheMarginals) {
  SweepFiles files;
  const SweepSpec spec = compile_sweep_file(files.sweep("lhs.yaml", R"(design: {method: lhs, samples: 10, seed: 3}
parameters:
  - path: imports.chips.routes.kazakhstan.capacity_per_day
    range: [100, 900]
  - path: parameters.labour.hire_rate_per_day
    distribution: {type: triangular, low: 0.01, mode: 0.03, high: 0.08}
)"));
  const SweepPlan plan = make_plan(spec);
  ASSERT_EQ(plan.runs(), 10);
  for (Eigen::Index r = 0; r < plan.runs(); ++r) {
    EXPECT_DOUBLE_EQ(plan.values(r, 0), 100 + 800 * plan.unit_points(r, 0));
    EXPECT_GE(plan.values(r, 1), 0.01);
    EXPECT_LE(plan.values(r, 1), 0.08);
  }
  EXPECT_EQ(spec.metrics, (std::vector<std::string>{"deliveries", "shortfall", "import_bill"}));
}

TEST(SweepSpec, SobolAndMorrisSizes) {
  SweepFiles files;
  const std::string params = R"(parameters:
  - {path: imports.chips.routes.kazakhstan.capacity_per_day, range: [100, 900]}
  - {path: parameters.labour.hire_rate_per_day, range: [0.01, 0.08]}
  - {path: parameters.labour.quit_rate_per_day, range: [0.0001, 0.001]}
)";
  const SweepSpec sobol = compile_sweep_file(files.sweep("s.yaml", "design: {method: sobol, samples: 8}\n" + params));
  EXPECT_EQ(planned_runs(sobol), 8 * (3 + 2));
  const SweepSpec morris =
      compile_sweep_file(files.sweep("m.yaml", "design: {method: morris, samples: 5, levels: 6}\n" + params));
  EXPECT_EQ(planned_runs(morris), 5 * 4);
  EXPECT_EQ(make_plan(morris).runs(), 20);
}

TEST(SweepSpec, ReportsEveryProblemWithItsPosition) {
  SweepFiles files;
  const std::string path = files.sweep("bad.yaml", R"(desing: {method: grid}
parameters:
  - path: imports.chips.routes.kazakstan.capacity_per_day
    levels: [1, 2]
  - path: end
    levels: [1]
  - path: parameters.labour.hire_rate_per_day
    distribution: {type: normal, mean: 0.03, sd: 0.01}
metrics: [deliveries, imports]
on_failure: maybe
)");
  const auto errors = errors_of(path);
  ASSERT_EQ(errors.size(), 5u) << ::testing::PrintToString(errors);
  EXPECT_EQ(errors[0], path + ":2:1: desing: unknown key 'desing'; did you mean 'design'? Valid keys: description, "
                              "design, metrics, name, on_failure, parameters, scenario, time_series, window");
  EXPECT_EQ(errors[1], path + ":6:11: parameters[1].path: 'end' is the same for every run of a sweep and cannot be a "
                              "parameter (model, extends, name, description, start, end, days, seed, replications, "
                              "output, events are fixed)");
  EXPECT_EQ(errors[2], path + ":9:19: parameters[2].distribution: a grid takes levels or a range with steps, not a "
                              "distribution");
  EXPECT_EQ(errors[3], path + ":10:23: metrics[1]: unknown metric 'imports'. Valid metrics: deliveries, shortfall, "
                              "import_bill, employment, output, import_price");
  EXPECT_EQ(errors[4], path + ":11:13: on_failure: must be one of stop, report, ignore, got 'maybe'");
}

TEST(SweepSpec, AMisspeltParameterPathIsReportedAtTheParameter) {
  SweepFiles files;
  const std::string path = files.sweep("path.yaml", R"(design: {method: grid}
parameters:
  - path: imports.chips.routes.kazakhstan.capacity_per_dya
    levels: [100, 200]
)");
  const auto errors = errors_of(path);
  ASSERT_EQ(errors.size(), 1u) << ::testing::PrintToString(errors);
  EXPECT_EQ(errors[0].rfind(path + ":4:11: parameters[0].path: with imports.chips.routes.kazakhstan.capacity_per_dya "
                                   "= 100: imports.chips.routes.kazakhstan.capacity_per_dya: unknown key",
                            0),
            0u)
      << errors[0];
  EXPECT_NE(errors[0].find("did you mean 'capacity_per_day'?"), std::string::npos) << errors[0];
}

TEST(SweepSpec, AValueOutsideTheParametersRangeIsFoundBeforeAnyRun) {
  SweepFiles files;
  const std::string path = files.sweep("range.yaml", R"(design: {method: random, samples: 4}
parameters:
  - path: parameters.labour.hire_rate_per_day
    distribution: {type: normal, mean: 0.03, sd: 0.02}
)");
  const auto errors = errors_of(path);
  ASSERT_EQ(errors.size(), 1u) << ::testing::PrintToString(errors);
  EXPECT_NE(errors[0].find(":4:11: parameters[0].path: with parameters.labour.hire_rate_per_day = -0.0318"),
            std::string::npos)
      << errors[0];
  EXPECT_NE(errors[0].find("must be in [0, 1]"), std::string::npos) << errors[0];
}

TEST(SweepSpec, StructuralMistakes) {
  SweepFiles files;
  EXPECT_EQ(errors_of(files.file("missing.yaml")),
            (std::vector<std::string>{files.file("missing.yaml") + ": sweep file not found: " + files.file("missing.yaml")}));
  const std::string list = files.write("list.yaml", "- a\n- b\n");
  EXPECT_EQ(errors_of(list), (std::vector<std::string>{list + ":1:1: expected a sweep (a map with scenario, parameters, "
                                                              "design, ...), got a list"}));
  const std::string dup = files.sweep("dup.yaml", R"(design: {method: random, samples: 3}
parameters:
  - {path: parameters.labour.hire_rate_per_day, range: [0.01, 0.02]}
  - {path: parameters.labour.hire_rate_per_day, range: [0.01, 0.03], steps: 3}
)");
  const auto errors = errors_of(dup);
  ASSERT_EQ(errors.size(), 2u) << ::testing::PrintToString(errors);
  EXPECT_EQ(errors[0], dup + ":5:12: parameters[1].path: duplicate parameter 'parameters.labour.hire_rate_per_day' "
                             "(also parameters[0])");
  EXPECT_EQ(errors[1], dup + ":5:70: parameters[1].steps: only a grid with a range takes steps");
  const std::string none = files.sweep("none.yaml", "design: {method: sobol}\n");
  const auto none_errors = errors_of(none);
  ASSERT_EQ(none_errors.size(), 2u) << ::testing::PrintToString(none_errors);
  EXPECT_EQ(none_errors[0], none + ":1:1: parameters: missing required key 'parameters'");
  EXPECT_EQ(none_errors[1], none + ":2:9: design.samples: missing required key 'samples'");
}

TEST(SweepSpec, ShippedSweepFilesValidate) {
  const std::string dir = std::string(DEFSIM_SOURCE_DIR) + "/scenarios/sweeps/";
  const SweepSpec small = compile_sweep_file(dir + "test_small.yaml");
  EXPECT_EQ(planned_runs(small), 4);
  const SweepSpec chips = compile_sweep_file(dir + "chip_corridors.yaml");
  EXPECT_EQ(chips.method, DesignMethod::sobol);
  EXPECT_EQ(planned_runs(chips), 64 * (3 + 2));
}

}  // namespace
}  // namespace defsim::sweep
