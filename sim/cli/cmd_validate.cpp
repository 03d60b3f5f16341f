// defsim validate: compile scenario files and report every error; write nothing.
#include <fmt/format.h>

#include <memory>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "scenario/compile.hpp"

namespace defsim::cli {
namespace {

struct ValidateArgs {
  std::vector<std::string> files;
  std::vector<std::string> overrides;
};

int validate(const ValidateArgs& a) {
  int status = 0;
  for (const auto& file : a.files) {
    try {
      CompileOptions options;
      options.overrides = a.overrides;
      const Model m = compile_scenario_file(file, options);
      fmt::print("{}: ok ({} goods, {} plants, {} routes, {} events, {} days from {})\n", file, m.goods.size(),
                 m.plants.size(), m.routes.size(), m.events.size(), m.run.calendar.horizon_days(),
                 to_string(m.run.calendar.start()));
    } catch (const ScenarioError& e) {
      for (const auto& issue : e.issues()) fmt::print(stderr, "{}\n", issue.str());
      fmt::print(stderr, "{}: {} error{}\n", file, e.issues().size(), e.issues().size() == 1 ? "" : "s");
      status = 2;
    }
  }
  return status;
}

}  // namespace

Command add_validate_command(CLI::App& parent) {
  auto args = std::make_shared<ValidateArgs>();
  auto* cmd = parent.add_subcommand("validate", "Check scenario files; exit 0 if valid, 2 if not");
  cmd->add_option("files", args->files, "Scenario YAML files")->required();
  cmd->add_option("--set", args->overrides, "Override a key: key.path=value (repeatable)");
  return {cmd, [args] { return validate(*args); }};
}

}  // namespace defsim::cli
