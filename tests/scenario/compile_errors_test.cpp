// Every documented input error: the exact message, with FILE:LINE:COL and the key path.
#include <gtest/gtest.h>

#include "scenario/compile.hpp"

namespace defsim {
namespace {

// Line numbers below refer to this text (line 1 = "name: errors").
const std::string kValid = R"(name: errors
start: 2024-01-01
days: 30
demand:
  shells: {per_year: 3650}
model:
  goods:
    shells: {kind: final, unit: shell, unit_value_usd: 1000}
    powder: {kind: component, unit: t, unit_value_usd: 2000}
  regions:
    volga: {labour_force: 1000, available_workers: 100}
  plants:
    shell_plant:
      good: shells
      region: volga
      capacity_per_day: 20
      workers: 500
      inputs:
        powder: {per_unit: 0.01}
    powder_plant: {good: powder, region: volga, capacity_per_day: 1, workers: 50}
)";

std::vector<std::string> errors_of(const std::string& text, const std::vector<std::string>& overrides = {}) {
  try {
    CompileOptions options;
    options.overrides = overrides;
    compile_scenario_text(text, options, "s.yaml");
  } catch (const ScenarioError& e) {
    std::vector<std::string> out;
    for (const auto& issue : e.issues()) out.push_back(issue.str());
    return out;
  }
  return {};
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return text.replace(pos, from.size(), to);
}

TEST(CompileErrors, ValidTextCompiles) { EXPECT_TRUE(errors_of(kValid).empty()); }

TEST(CompileErrors, MisspeltKeyNamesTheNearestValidKey) {
  const auto errors = errors_of(replace(kValid, "      capacity_per_day: 20", "      capacty_per_day: 20"));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[1].substr(0, errors[1].find(" Valid keys")),
            "s.yaml:16:7: plants.shell_plant.capacty_per_day: unknown key 'capacty_per_day'; did you mean "
            "'capacity_per_day'?");
  EXPECT_NE(errors[1].find("Valid keys: "), std::string::npos);
  EXPECT_EQ(errors[0], "s.yaml:14:7: plants.shell_plant.capacity_per_day: missing required key 'capacity_per_day'");
}

TEST(CompileErrors, WrongTypeSaysWhatWasExpected) {
  const auto errors = errors_of(replace(kValid, "workers: 500", "workers: many"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "s.yaml:17:16: plants.shell_plant.workers: expected a number, got 'many'");
}

TEST(CompileErrors, OutOfRangeValueGivesTheRange) {
  const auto errors = errors_of(replace(kValid, "{per_unit: 0.01}", "{per_unit: 0.01, criticality: 1.7}"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "s.yaml:19:47: plants.shell_plant.inputs.powder.criticality: must be in [0, 1], got 1.7");
}

TEST(CompileErrors, UndefinedGoodIsNamedWithASuggestion) {
  const auto errors = errors_of(replace(kValid, "      good: shells", "      good: shels"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0],
            "s.yaml:14:13: plants.shell_plant.good: unknown good 'shels'; did you mean 'shells'? Defined: shells, powder");
}

TEST(CompileErrors, NonFiniteNumbersAreRejected) {
  const auto errors = errors_of(replace(kValid, "capacity_per_day: 20", "capacity_per_day: .nan"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "s.yaml:16:25: plants.shell_plant.capacity_per_day: must be a finite number, got .nan");
}

TEST(CompileErrors, EveryProblemIsReportedInOnePass) {
  std::string text = replace(kValid, "workers: 500", "workers: -5");
  text = replace(text, "{per_unit: 0.01}", "{per_unit: 0.01, inventroy_days: 3}");
  const auto errors = errors_of(text);
  EXPECT_EQ(errors.size(), 2u);
}

TEST(CompileErrors, InvalidYamlGivesThePosition) {
  const auto errors = errors_of("name: x\nstart: [2024-01-01\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].substr(0, 19), "s.yaml:3:1: invalid");
}

TEST(CompileErrors, EventPathErrorsListTheValidChoices) {
  const auto errors = errors_of(kValid + R"(events:
  - {path: goods.shells.availability, op: set, value: 0, start: 2024-01-05}
)");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "s.yaml:22:12: events[0].path: no service good matches 'shells'");
}

TEST(CompileErrors, EventAfterTheHorizonIsRejected) {
  const auto errors = errors_of(kValid + R"(events:
  - {path: demand.shells.scale, op: scale, value: 2, start: 2025-01-05}
)");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "s.yaml:22:61: events[0].start: starts on 2025-01-05, after the horizon ends (2024-01-30)");
}

TEST(CompileErrors, DemandAboveCapacityHasNoSteadyState) {
  const auto errors = errors_of(replace(kValid, "{per_year: 3650}", "{per_year: 36500}"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("plants.shell_plant.capacity_per_day: the start-date demand needs 100 units/day"),
            std::string::npos)
      << errors[0];
}

TEST(CompileErrors, OverridesUseTheSamePathsAndReportTheCommandLine) {
  EXPECT_TRUE(errors_of(kValid, {"plants.shell_plant.workers=600"}).empty());
  const auto errors = errors_of(kValid, {"plants.shell_plant.workers=lots"});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "<command line --set #1>:1:28: plants.shell_plant.workers: expected a number, got 'lots'");
  const auto unknown = errors_of(kValid, {"plantz.shell_plant.workers=3"});
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_NE(unknown[0].find("unknown key 'plantz'; did you mean 'plants'?"), std::string::npos) << unknown[0];
}

TEST(CompileErrors, FileKeysCannotBeOverridden) {
  const auto errors = errors_of(kValid, {"model=other.yaml"});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "<command line --set #1>:1:1: model=other.yaml: 'model' names a file and cannot be overridden; "
                       "write a scenario that extends this one");
}

TEST(CompileErrors, UnknownOutputVariableIsNamed) {
  const auto errors = errors_of(kValid + "output: {variables: [goods/deliveries, goods/delivery]}\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].substr(0, errors[0].find(';')),
            "s.yaml:21:40: output.variables[1]: unknown variable 'goods/delivery'");
}

}  // namespace
}  // namespace defsim
