// libFuzzer target for the YAML loader and the scenario compiler.
//
// The input is a scenario file's text (its model inline, as in the seeds). Two modes in one
// target: if the text contains a line "#--set" (a YAML comment, so the scenario part stays
// valid YAML), every line after it is a command-line override `key.path=value`, as
// `defsim run --set` passes them. The whole is compiled with compile_scenario_text.
//
// What counts as a bug, i.e. aborts so that libFuzzer saves the input:
//   - a crash, a sanitizer report, a hang (libFuzzer's -timeout) or running out of memory;
//   - any exception other than ScenarioError (bad input must be a ScenarioError);
//   - a ScenarioError without issues, or an issue without FILE:LINE:COL or message;
//   - a compiled model whose resolved YAML does not load again, or whose compile is not
//     deterministic (two compiles of the same text give different scenario hashes).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include "scenario/compile.hpp"

namespace {

constexpr std::size_t kMaxInputBytes = 64 * 1024;  // scripts/fuzz.sh passes the same -max_len
constexpr std::size_t kMaxOverrides = 8;
constexpr std::string_view kSetMarker = "\n#--set\n";
const std::string kDisplayName = "fuzz.yaml";

[[noreturn]] void bug(const std::string& what, const std::string& detail) {
  std::fprintf(stderr, "\n*** defsim fuzz: %s\n%s\n", what.c_str(), detail.c_str());
  std::fflush(stderr);
  std::abort();
}

void check_error(const defsim::ScenarioError& e) {
  if (e.issues().empty()) bug("ScenarioError without any issue", e.what());
  for (const auto& issue : e.issues()) {
    if (issue.message.empty()) bug("an issue without a message", issue.str());
    if (issue.loc.file.empty() || issue.loc.line <= 0 || issue.loc.column <= 0) {
      bug("an issue without FILE:LINE:COL", issue.str());
    }
  }
}

defsim::Model compile(const std::string& scenario, const defsim::CompileOptions& options) {
  return defsim::compile_scenario_text(scenario, options, kDisplayName);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInputBytes) return -1;  // -1: never added to the corpus
  const std::string text(reinterpret_cast<const char*>(data), size);

  std::string scenario = text;
  defsim::CompileOptions options;
  if (const auto marker = text.find(kSetMarker); marker != std::string::npos) {
    scenario = text.substr(0, marker + 1);
    std::size_t pos = marker + kSetMarker.size();
    while (pos < text.size() && options.overrides.size() < kMaxOverrides) {
      const std::size_t eol = text.find('\n', pos);
      const std::string line = text.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
      if (!line.empty()) options.overrides.push_back(line);
      if (eol == std::string::npos) break;
      pos = eol + 1;
    }
  }

  try {
    const defsim::Model model = compile(scenario, options);
    if (model.run.calendar.horizon_days() < 1) bug("a model with an empty horizon", text);
    if (model.run.replications < 1) bug("a model without replications", text);
    try {
      (void)defsim::load_yaml_text(model.run.resolved_yaml, "<resolved>");
    } catch (const defsim::ScenarioError& e) {
      bug("the resolved YAML of a compiled model does not load again",
          e.what() + std::string("\n---\n") + model.run.resolved_yaml);
    }
    const defsim::Model again = compile(scenario, options);
    if (again.run.scenario_hash != model.run.scenario_hash) bug("two compiles of one text differ", text);
  } catch (const defsim::ScenarioError& e) {
    check_error(e);
  } catch (const std::exception& e) {
    bug(std::string("unexpected exception ") + typeid(e).name(), e.what());
  } catch (...) {
    bug("unexpected non-standard exception", "");
  }
  return 0;
}
