// defsim calibrate-check: run the baseline (or read a finished run) and check it against
// the model's calibration targets. Exit codes: 0 every target passes, 5 a target is missed,
// 2 bad input or usage, 3 I/O failure.
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <thread>

#include "analysis/calibration.hpp"
#include "cli/command.hpp"
#include "core/error.hpp"
#include "run/runner.hpp"
#include "scenario/compile.hpp"
#include "scenario/tree.hpp"

namespace defsim::cli {
namespace {

namespace fs = std::filesystem;

constexpr int kTargetMissed = 5;

struct CalibrateArgs {
  std::string input, targets, run_file, output, format = "table";
  std::optional<int> replications;
  std::optional<std::uint64_t> seed;
  int threads = 0;
  std::vector<std::string> overrides;
};

// Removes a temporary run file when the check is done, whatever happens.
struct TempFile {
  std::string path;
  ~TempFile() {
    if (path.empty()) return;
    std::error_code ec;
    fs::remove(path, ec);
  }
};

std::string temp_run_path() {
  static std::atomic<int> counter{0};
  return (fs::temp_directory_path() /
          fmt::format("defsim-calibrate-{}-{}.h5", static_cast<long>(::getpid()), counter.fetch_add(1)))
      .string();
}

enum class InputKind { scenario, model, targets };

InputKind input_kind(const std::string& path) {
  const Node root = load_yaml_file(path);
  if (root.is_map() && root.find("targets") != nullptr) return InputKind::targets;
  if (root.is_map() && (root.find("goods") != nullptr || root.find("plants") != nullptr)) return InputKind::model;
  return InputKind::scenario;
}

std::string sibling_targets(const std::string& file) {
  const fs::path p(file);
  return ((p.has_parent_path() ? p.parent_path() : fs::path(".")) / "targets.yaml").lexically_normal().string();
}

int calibrate_check(const CalibrateArgs& a) {
  if (a.input.empty() && (a.run_file.empty() || a.targets.empty())) {
    throw UsageError("give a scenario or model (or --run FILE.h5 with --targets FILE)");
  }
  // What to run and which targets to check.
  std::string scenario, targets_path = a.targets;
  if (!a.input.empty()) {
    std::error_code ec;
    if (fs::is_directory(a.input, ec)) {
      if (targets_path.empty()) targets_path = (fs::path(a.input) / "targets.yaml").lexically_normal().string();
    } else if (!fs::exists(a.input, ec)) {
      throw ScenarioError({{SourceLoc{a.input, 0, 0}, "", "no such file or directory"}});
    } else if (const InputKind kind = input_kind(a.input); kind == InputKind::targets) {
      if (!targets_path.empty()) throw UsageError(a.input + " is a target file: give it or --targets, not both");
      targets_path = a.input;
    } else if (kind == InputKind::model) {
      if (targets_path.empty()) targets_path = sibling_targets(a.input);
    } else {
      scenario = a.input;
      if (targets_path.empty()) {
        const ResolvedInput resolved = resolve_scenario_file(a.input, a.overrides);
        if (resolved.model.loc.file.empty() || resolved.model.loc.file == a.input) {
          throw UsageError(a.input + " has an inline model: name the target file with --targets");
        }
        targets_path = sibling_targets(resolved.model.loc.file);
      }
    }
  }
  const TargetFile targets = read_target_file(targets_path);
  if (scenario.empty() && a.run_file.empty()) {
    if (targets.scenario.empty()) {
      throw UsageError(targets_path + " names no scenario to run: give a scenario file, or add 'scenario:' to it");
    }
    scenario = targets.scenario;
  }

  TempFile temp;
  std::string run_file = a.run_file;
  if (run_file.empty()) {
    CompileOptions options;
    options.overrides = a.overrides;
    options.seed = a.seed;
    options.replications = a.replications;
    const Model model = compile_scenario_file(scenario, options);
    RunOptions run_options;
    run_options.threads =
        a.threads > 0 ? a.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    run_options.command_line = invocation();
    if (a.output.empty()) {
      temp.path = temp_run_path();
      run_file = temp.path;
    } else {
      run_file = a.output;
    }
    run_options.output_path = run_file;
    const RunSummary summary = run_scenario(model, run_options);
    fmt::print(stderr, "{}: {} replication{} × {} days in {:.2f} s{}\n", model.run.scenario_name,
               model.run.replications, model.run.replications == 1 ? "" : "s", model.run.calendar.horizon_days(),
               summary.seconds, a.output.empty() ? "" : " -> " + a.output);
  } else if (!a.overrides.empty() || a.seed || a.replications) {
    throw UsageError("--set, --seed and --replications change a run: they cannot be used with --run");
  }

  const auto format = parse_calibration_format(a.format);
  if (!format) throw UsageError("unknown format '" + a.format + "' (table, csv, markdown)");
  CalibrationReport report;
  {
    const RunFileReader reader(run_file);
    report = check_targets(targets, reader);
  }
  if (!temp.path.empty()) report.run_file = scenario;
  fmt::print("{}", format_calibration(report, *format));
  return report.all_pass() ? 0 : kTargetMissed;
}

}  // namespace

Command add_calibrate_check_command(CLI::App& parent) {
  auto args = std::make_shared<CalibrateArgs>();
  auto* cmd = parent.add_subcommand(
      "calibrate-check",
      "Run the baseline and check it against the model's calibration targets; exit 0 if all pass, 5 if one is missed");
  cmd->add_option("input", args->input,
                  "Scenario to run (targets: targets.yaml next to its model); or a model file or directory, or a "
                  "target file (runs the scenario the target file names)");
  cmd->add_option("--targets", args->targets, "Target file (default: targets.yaml next to the model)");
  cmd->add_option("--run", args->run_file, "Check this finished run file instead of running");
  cmd->add_option("-o,--output", args->output, "Keep the run file here (default: a temporary file, removed)");
  cmd->add_option("--replications", args->replications, "Number of replications (overrides the file)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--seed", args->seed, "Base seed (overrides the file)");
  cmd->add_option("--threads", args->threads, "Worker threads (default: all cores)")->check(CLI::Range(1, 1024));
  cmd->add_option("--set", args->overrides, "Override a key: key.path=value (repeatable)");
  cmd->add_option("--format", args->format, "Output: table (default), csv or markdown")
      ->check(CLI::IsMember({"table", "csv", "markdown"}));
  return {cmd, [args] { return calibrate_check(*args); }};
}

}  // namespace defsim::cli
