// defsim run: compile a scenario, simulate every replication, write one HDF5 file.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <thread>

#include "cli/command.hpp"
#include "run/runner.hpp"
#include "scenario/compile.hpp"

namespace defsim::cli {
namespace {

struct RunArgs {
  std::string scenario, output;
  std::optional<int> replications;
  std::optional<std::uint64_t> seed;
  int threads = 0;
  std::vector<std::string> overrides;
  bool check = false, quiet = false;
};

int run(const RunArgs& a) {
  CompileOptions options;
  options.overrides = a.overrides;
  options.seed = a.seed;
  options.replications = a.replications;
  const Model model = compile_scenario_file(a.scenario, options);
  std::string output = a.output;
  if (output.empty()) {
    std::filesystem::create_directories("output");
    output = "output/" + model.run.scenario_name + ".h5";
  }
  RunOptions run_options;
  run_options.threads =
      a.threads > 0 ? a.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  run_options.check_identities = a.check;
  run_options.output_path = output;
  run_options.command_line = invocation();
  const bool tty = isatty(STDERR_FILENO) != 0;
  if (!a.quiet) {
    run_options.progress = [tty](std::int64_t done, std::int64_t total) {
      const double pct = total > 0 ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100.0;
      fmt::print(stderr, "{}  {:5.1f}%  {} of {} replication-days{}", tty ? "\r" : "", pct, done, total,
                 tty ? "" : "\n");
    };
  }
  const RunSummary summary = run_scenario(model, run_options);
  if (!a.quiet && tty && summary.seconds > 0.5) fmt::print(stderr, "\n");
  std::uint64_t anomalies = 0;
  for (const auto& r : summary.replications) anomalies += r.diagnostics.total();
  fmt::print("{}: {} replication{} × {} days in {:.2f} s on {} thread{} -> {}\n", model.run.scenario_name,
             model.run.replications, model.run.replications == 1 ? "" : "s", model.run.calendar.horizon_days(),
             summary.seconds, run_options.threads, run_options.threads == 1 ? "" : "s", output);
  if (anomalies > 0) {
    fmt::print(stderr, "warning: {} numeric anomalies were counted (see /diagnostics in {})\n", anomalies, output);
  }
  return 0;
}

}  // namespace

Command add_run_command(CLI::App& parent) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = parent.add_subcommand("run", "Run a scenario and write one HDF5 file");
  cmd->add_option("scenario", args->scenario, "Scenario YAML file")->required();
  cmd->add_option("-o,--output", args->output, "Output file (default output/<scenario name>.h5)");
  cmd->add_option("--replications", args->replications, "Number of replications (overrides the file)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--seed", args->seed, "Base seed (overrides the file)");
  cmd->add_option("--threads", args->threads, "Worker threads (default: all cores)")->check(CLI::Range(1, 1024));
  cmd->add_option("--set", args->overrides, "Override a key: key.path=value (repeatable)");
  cmd->add_flag("--check", args->check,
                "Check every accounting identity after every day; stop at the first violation");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress output");
  return {cmd, [args] { return run(*args); }};
}

}  // namespace defsim::cli
