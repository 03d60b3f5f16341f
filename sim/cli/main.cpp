// The command line: parse, call the library, print. Nothing else lives here.
// Exit codes: 0 success, 1 unexpected failure, 2 bad input or usage, 3 I/O failure,
// 4 accounting identity violated (a bug: please report it).
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <thread>

#include "analysis/compare.hpp"
#include "analysis/compare_format.hpp"
#include "analysis/report.hpp"
#include "core/error.hpp"
#include "defsim_version.hpp"
#include "io/csv_export.hpp"
#include "run/runner.hpp"
#include "scenario/compile.hpp"

namespace {

using namespace defsim;

std::string command_line(int argc, char** argv) {
  std::string out;
  for (int k = 0; k < argc; ++k) {
    if (k > 0) out += ' ';
    out += argv[k];
  }
  return out;
}

int validate(const std::vector<std::string>& files, const std::vector<std::string>& overrides) {
  int status = 0;
  for (const auto& file : files) {
    try {
      CompileOptions options;
      options.overrides = overrides;
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

int run(const std::string& scenario, std::string output, std::optional<int> replications,
        std::optional<std::uint64_t> seed, int threads, const std::vector<std::string>& overrides, bool check,
        bool quiet, const std::string& cmdline) {
  CompileOptions options;
  options.overrides = overrides;
  options.seed = seed;
  options.replications = replications;
  const Model model = compile_scenario_file(scenario, options);
  if (output.empty()) {
    std::filesystem::create_directories("output");
    output = "output/" + model.run.scenario_name + ".h5";
  }
  RunOptions run_options;
  run_options.threads = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  run_options.check_identities = check;
  run_options.output_path = output;
  run_options.command_line = cmdline;
  const bool tty = isatty(STDERR_FILENO) != 0;
  if (!quiet) {
    run_options.progress = [tty](std::int64_t done, std::int64_t total) {
      const double pct = total > 0 ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100.0;
      fmt::print(stderr, "{}  {:5.1f}%  {} of {} replication-days{}", tty ? "\r" : "", pct, done, total, tty ? "" : "\n");
    };
  }
  const RunSummary summary = run_scenario(model, run_options);
  if (!quiet && tty && summary.seconds > 0.5) fmt::print(stderr, "\n");
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

CompareBy parse_by(const std::string& by) {
  return by == "plant" ? CompareBy::plant : (by == "route" ? CompareBy::route : CompareBy::good);
}

int compare(const std::string& base, const std::string& scenario, const std::string& format,
            const std::string& by) {
  CompareOptions options;
  options.by = parse_by(by);
  const auto fmt_choice = parse_compare_format(format);
  if (!fmt_choice) throw UsageError("unknown format '" + format + "' (table, csv, json, markdown)");
  fmt::print("{}", format_comparison(compare_files(base, scenario, options), *fmt_choice));
  return 0;
}

int export_csv(const std::string& file, const std::string& dir) {
  const CsvExportSummary summary = export_run_csv(file, dir);
  fmt::print("{}: {} files, {} data rows -> {}\n", file, summary.files.size(), summary.data_rows, dir);
  return 0;
}

int report(const std::string& base, const std::string& scenario, const std::string& output,
           const std::string& by) {
  ReportOptions options;
  options.output = output;
  options.by = parse_by(by);
  write_report(base, scenario, options);
  fmt::print("{}\n", output);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"defsim: defense production under import dependence"};
  app.set_version_flag("--version", std::string(DEFSIM_VERSION) + " (" + DEFSIM_GIT_COMMIT + ")");
  app.require_subcommand(1);

  auto* run_cmd = app.add_subcommand("run", "Run a scenario and write one HDF5 file");
  std::string scenario, output;
  std::optional<int> replications;
  std::optional<std::uint64_t> seed;
  int threads = 0;
  std::vector<std::string> overrides;
  bool check = false, quiet = false;
  run_cmd->add_option("scenario", scenario, "Scenario YAML file")->required();
  run_cmd->add_option("-o,--output", output, "Output file (default output/<scenario name>.h5)");
  run_cmd->add_option("--replications", replications, "Number of replications (overrides the file)")
      ->check(CLI::Range(1, 100000));
  run_cmd->add_option("--seed", seed, "Base seed (overrides the file)");
  run_cmd->add_option("--threads", threads, "Worker threads (default: all cores)")->check(CLI::Range(1, 1024));
  run_cmd->add_option("--set", overrides, "Override a key: key.path=value (repeatable)");
  run_cmd->add_flag("--check", check, "Check every accounting identity after every day; stop at the first violation");
  run_cmd->add_flag("-q,--quiet", quiet, "No progress output");

  auto* validate_cmd = app.add_subcommand("validate", "Check scenario files; exit 0 if valid, 2 if not");
  std::vector<std::string> files;
  validate_cmd->add_option("files", files, "Scenario YAML files")->required();
  validate_cmd->add_option("--set", overrides, "Override a key: key.path=value (repeatable)");

  auto* compare_cmd = app.add_subcommand("compare", "Compare a scenario run with its baseline");
  std::string base_file, scenario_file;
  compare_cmd->add_option("base", base_file, "Baseline HDF5 file")->required();
  compare_cmd->add_option("scenario", scenario_file, "Scenario HDF5 file")->required();
  std::string compare_format = "table", compare_by = "good";
  compare_cmd->add_option("--format", compare_format, "Output: table (default), csv, json or markdown")
      ->check(CLI::IsMember({"table", "csv", "json", "markdown"}));
  compare_cmd
      ->add_option("--by", compare_by,
                   "Headline rows: good (deliveries, default), plant (output) or route (shipments)")
      ->check(CLI::IsMember({"good", "plant", "route"}));

  auto* export_cmd =
      app.add_subcommand("export", "Write a run file as CSV files, one tidy table per variable");
  std::string export_file, export_dir;
  export_cmd->add_option("file", export_file, "Run HDF5 file")->required();
  export_cmd->add_option("--csv", export_dir, "Directory for the CSV files (created if missing)")->required();

  auto* report_cmd = app.add_subcommand("report", "Write one self-contained HTML report comparing two runs");
  std::string report_base, report_scenario, report_output = "report.html", report_by = "good";
  report_cmd->add_option("base", report_base, "Baseline HDF5 file")->required();
  report_cmd->add_option("scenario", report_scenario, "Scenario HDF5 file")->required();
  report_cmd->add_option("-o,--output", report_output, "HTML file to write (default report.html)");
  report_cmd->add_option("--by", report_by, "Headline rows: good (default), plant or route")
      ->check(CLI::IsMember({"good", "plant", "route"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    if (*run_cmd) return run(scenario, output, replications, seed, threads, overrides, check, quiet, command_line(argc, argv));
    if (*validate_cmd) return validate(files, overrides);
    if (*compare_cmd) return compare(base_file, scenario_file, compare_format, compare_by);
    if (*export_cmd) return export_csv(export_file, export_dir);
    if (*report_cmd) return report(report_base, report_scenario, report_output, report_by);
  } catch (const ScenarioError& e) {
    for (const auto& issue : e.issues()) fmt::print(stderr, "{}\n", issue.str());
    return 2;
  } catch (const UsageError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 2;
  } catch (const IoError& e) {
    fmt::print(stderr, "I/O error: {}\n", e.what());
    return 3;
  } catch (const AccountingError& e) {
    fmt::print(stderr, "internal error (please report): {}\n", e.what());
    return 4;
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  }
  return 1;
}
