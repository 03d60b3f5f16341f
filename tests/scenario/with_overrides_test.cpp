// A sweep resolves its scenario files once and applies each run's overrides to a copy
// (with_overrides). That must compile to exactly the model that resolving the files with
// the overrides gives, and leave the shared base untouched for the next run.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.hpp"
#include "scenario/compile.hpp"

namespace defsim {
namespace {

std::string repo(const std::string& rel) { return std::string(DEFSIM_SOURCE_DIR) + "/" + rel; }

TEST(WithOverrides, CompilesToTheModelOfResolvingWithTheOverrides) {
  const std::string file = repo("scenarios/microelectronics_cutoff.yaml");
  const std::vector<std::string> overrides = {"parameters.labour.hire_rate_per_day=0.04", "seed=11"};
  const ResolvedInput base = resolve_scenario_file(file, {});
  CompileOptions options;
  options.overrides = overrides;
  const Model direct = compile_scenario_file(file, options);
  const Model via_copy = compile(with_overrides(base, overrides), options);
  EXPECT_EQ(via_copy.run.resolved_yaml, direct.run.resolved_yaml);
  EXPECT_EQ(via_copy.run.scenario_hash, direct.run.scenario_hash);
  EXPECT_EQ(via_copy.run.seed, 11u);
  EXPECT_EQ(via_copy.labour.hire_rate, 0.04);
  EXPECT_EQ(via_copy.events.size(), direct.events.size());

  // The base is a value: the next run starts from the files as written.
  const Model plain = compile(with_overrides(base, {}));
  EXPECT_EQ(plain.run.scenario_hash, compile_scenario_file(file).run.scenario_hash);
  EXPECT_NE(plain.labour.hire_rate, 0.04);
}

TEST(WithOverrides, ABadOverrideIsTheSameErrorAsOnTheCommandLine) {
  const ResolvedInput base = resolve_scenario_file(repo("scenarios/baseline.yaml"), {});
  try {
    (void)with_overrides(base, {"paramters.labour.hire_rate_per_day=0.04"});
    FAIL() << "expected a ScenarioError";
  } catch (const ScenarioError& e) {
    ASSERT_EQ(e.issues().size(), 1u);
    EXPECT_EQ(e.issues()[0].loc.file, "<command line --set #1>");
    EXPECT_NE(e.issues()[0].message.find("did you mean 'parameters'?"), std::string::npos) << e.issues()[0].message;
  }
}

}  // namespace
}  // namespace defsim
