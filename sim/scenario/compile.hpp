#pragma once
// Scenario → Model: the one place input is validated. Returns an immutable Model or throws
// ScenarioError listing every problem as FILE:LINE:COL: key.path: message.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "scenario/tree.hpp"

namespace defsim {

struct CompileOptions {
  std::vector<std::string> overrides;        // "key.path=value", applied after extends
  std::optional<std::uint64_t> seed;         // command-line --seed wins over the file
  std::optional<int> replications;           // command-line --replications wins over the file
};

// The scenario and model trees after `extends`, model loading and overrides.
struct ResolvedInput {
  Node scenario;
  Node model;
  std::string scenario_file;
};

// Loads a scenario file, follows `extends:` (cycles are errors), loads its `model:` (a path
// relative to the file that names it, or an inline map) and applies overrides.
ResolvedInput resolve_scenario_file(const std::string& path, const std::vector<std::string>& overrides);
// Same, from text (tests); a `model:` path is resolved against `base_dir`.
ResolvedInput resolve_scenario_text(const std::string& text, const std::string& display_name,
                                    const std::vector<std::string>& overrides, const std::string& base_dir = ".");

// `input` with overrides applied: resolve_scenario_file(path, {}) then with_overrides gives
// what resolve_scenario_file(path, overrides) gives. A sweep reads its scenario files once
// and applies each run's parameters to a copy (parsing YAML was a fifth of a sweep's time).
ResolvedInput with_overrides(ResolvedInput input, const std::vector<std::string>& overrides);

Model compile(const ResolvedInput& input, const CompileOptions& options = {});
Model compile_scenario_file(const std::string& path, const CompileOptions& options = {});
Model compile_scenario_text(const std::string& text, const CompileOptions& options = {},
                            const std::string& display_name = "<inline>");

// Top-level keys of each file kind; an override's first key decides which tree it edits.
const std::vector<std::string>& scenario_keys();
const std::vector<std::string>& model_keys();

}  // namespace defsim
