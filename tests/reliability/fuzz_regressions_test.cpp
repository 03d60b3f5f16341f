// Problems the fuzzer (fuzz/compile_fuzzer.cpp, scripts/fuzz.sh) or the malformed corpus
// found in the loader and compiler, each with the exact message it gives now. The corpus
// files themselves are checked by malformed_inputs_test.cpp.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "scenario/compile.hpp"

namespace {

std::vector<std::string> errors_of(const std::string& text, const std::vector<std::string>& overrides = {}) {
  try {
    defsim::CompileOptions options;
    options.overrides = overrides;
    defsim::compile_scenario_text(text, options, "r.yaml");
  } catch (const defsim::ScenarioError& e) {
    std::vector<std::string> out;
    for (const auto& issue : e.issues()) out.push_back(issue.str());
    return out;
  }
  return {};
}

// Generous bounds for sanitizer builds on a busy machine; the bugs took minutes.
constexpr double kSlow = 8.0;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

const std::string kValid = R"(name: r
start: 2024-01-01
days: 30
demand:
  shells: {per_year: 3650}
model:
  goods:
    shells: {kind: final, unit: shell, unit_value_usd: 1000}
  regions:
    volga: {labour_force: 1000, available_workers: 100}
  plants:
    shell_plant: {good: shells, region: volga, capacity_per_day: 20, workers: 500}
)";

TEST(FuzzRegression, TheValidBaseCompiles) { EXPECT_TRUE(errors_of(kValid).empty()); }

// Found by the fuzzer: two inputs naming unknown goods were both filed under good 0 and
// reported as one good held twice, reading the name of good 0 in a model without goods
// (UBSan: reference binding to null pointer, compile_model_tables).
TEST(FuzzRegression, UnknownInputsAreNotReportedAsDuplicates) {
  const std::string text = R"(name: r
start: 2024-01-01
days: 3
demand: {}
model:
  regions: {r: {labour_force: 10, available_workers: 1}}
  plants:
    p:
      good: f
      region: r
      capacity_per_day: 1
      workers: 1
      inputs: {a: {per_unit: 1}, b: {per_unit: 1}}
)";
  EXPECT_EQ(errors_of(text), (std::vector<std::string>{
                                 "r.yaml:6:3: goods: the model needs at least one good",
                                 "r.yaml:9:13: plants.p.good: unknown good 'f'",
                                 "r.yaml:13:16: plants.p.inputs.a: unknown good 'a'",
                                 "r.yaml:13:34: plants.p.inputs.b: unknown good 'b'",
                             }));
}

// Duplicate keys were found by a linear search per key: a map of 49,000 keys took 40 s
// (Debug build; this one takes 0.5 s).
TEST(FuzzRegression, LongMapsLoadInLinearTime) {
  std::string map = "{";
  for (int k = 0; k < 40000; ++k) map += "k" + std::to_string(k) + ": 0, ";
  map += "k7: 1}";
  const auto start = std::chrono::steady_clock::now();
  const auto errors = errors_of("description: " + map + "\n");
  EXPECT_LT(seconds_since(start), kSlow);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "r.yaml:1:" + std::to_string(map.size() + 8) + ": description.k7: duplicate key 'k7'");
}

// A --set path of 60,000 keys built a tree so deep that copying it overflowed the stack.
TEST(FuzzRegression, DeepOverridePathIsAnError) {
  std::string path = "description";
  for (int k = 0; k < 60000; ++k) path += ".a";
  const auto errors = errors_of(kValid, {path + "=1"});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].substr(0, 47), "<command line --set #1>:1:211: description.a.a.");
  EXPECT_NE(errors[0].find(": nested too deeply: more than 100 keys in the path"), std::string::npos);
}

// Imports given as a list were silently ignored.
TEST(FuzzRegression, ImportsThatAreNotAMapAreAnError) {
  EXPECT_EQ(
      errors_of(kValid + "  imports: 5\n"),
      (std::vector<std::string>{
          "r.yaml:13:12: imports: expected a map of imported goods (good: {routes: ...}), got a value"}));
}

// Regions given as a list were reported as missing, at the top of the model.
TEST(FuzzRegression, RegionsThatAreNotAMapSayWhatTheyAre) {
  std::string text = kValid;
  text.replace(text.find("    volga: {labour_force: 1000, available_workers: 100}"), 54, "    - volga");
  EXPECT_EQ(errors_of(text), (std::vector<std::string>{
                                 "r.yaml:10:5: regions: expected a map of regions (name: {...}), got a list",
                                 "r.yaml:12:41: plants.shell_plant.region: unknown region 'volga'",
                             }));
}

// A directory, device or FIFO named as a model was opened and read (a FIFO or /dev/zero
// forever); an over-long name made std::filesystem throw (exit 1 instead of 2).
TEST(FuzzRegression, ModelThatIsNotARegularFileIsAnError) {
  std::string text = kValid.substr(0, kValid.find("model:")) + "model: /\n";
  EXPECT_EQ(errors_of(text), (std::vector<std::string>{"r.yaml:6:8: model: not a regular file: /"}));
  text = kValid.substr(0, kValid.find("model:")) + "model: " + std::string(5000, 'm') + "\n";
  const auto errors = errors_of(text);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].substr(0, 20), "r.yaml:6:8: model: c") << errors[0];
  EXPECT_NE(errors[0].find("File name too long"), std::string::npos) << errors[0];
}

// Whole numbers beyond long long were "not a whole number"; days: 10^30 now gives the range.
TEST(FuzzRegression, HugeWholeNumbersGiveTheRange) {
  std::string text = kValid;
  text.replace(text.find("days: 30"), 8, "days: 100000000000000000000");
  EXPECT_EQ(errors_of(text),
            (std::vector<std::string>{"r.yaml:3:7: days: must be in [1, 36525], got 100000000000000000000"}));
  text = kValid +
         "events:\n  - {path: demand.shells.scale, op: scale, value: 2, start: 2024-01-05, ramp_days: "
         "-99999999999999999999}\n";
  EXPECT_EQ(errors_of(text),
            (std::vector<std::string>{
                "r.yaml:14:84: events[0].ramp_days: must be in [0, 36525], got -99999999999999999999"}));
}

// Each event compiles to one entry per matched parameter: 101 wildcard events over 1,001
// aliased routes would be 101,101 entries, and a 64 KiB file could ask for gigabytes.
TEST(FuzzRegression, EventsMatchingTooManyParametersAreAnError) {
  std::string text = R"(name: r
start: 2024-01-01
days: 30
demand:
  shells: {per_year: 3650}
model:
  goods:
    shells: {kind: final, unit: shell, unit_value_usd: 1000}
    chips: {kind: component, unit: chip, unit_value_usd: 10}
  regions:
    volga: {labour_force: 1000, available_workers: 100}
  plants:
    shell_plant: {good: shells, region: volga, capacity_per_day: 20, workers: 500, inputs: {chips: {per_unit: 1}}}
  imports:
    chips:
      routes:
        r0: &r {origin: domestic, corridor: c, capacity_per_day: 1000, lead_time_days: 10}
)";
  for (int k = 1; k <= 1000; ++k) text += "        r" + std::to_string(k) + ": *r\n";
  text +=
      "events:\n  - &e {path: imports.chips.routes.*.capacity_per_day, op: scale, value: 1, start: "
      "2024-01-02}\n";
  for (int k = 1; k <= 100; ++k) text += "  - *e\n";
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(errors_of(text),
            (std::vector<std::string>{
                "r.yaml:1019:15: events[99].path: the events change more than 100000 parameters in "
                "all (one per event and matched parameter)"}));
  EXPECT_LT(seconds_since(start), kSlow);
}

}  // namespace
