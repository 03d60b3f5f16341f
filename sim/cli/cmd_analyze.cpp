// defsim analyze: sensitivity indices of a collected sweep (or of a sweep directory, which is
// collected in memory first).
#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "cli/command.hpp"
#include "sweep/sweep_analysis.hpp"
#include "sweep/sweep_summary.hpp"

namespace defsim::cli {
namespace {

struct AnalyzeArgs {
  std::string input, method, format = "table";
  std::vector<std::string> metrics;
  int resamples = 1000;
  double confidence = 0.95;
  std::uint64_t seed = 1;
};

int analyze(const AnalyzeArgs& a) {
  using namespace defsim::sweep;
  namespace fs = std::filesystem;
  std::error_code ec;
  SweepSummary summary;
  if (fs::is_directory(a.input, ec)) {
    const fs::path collected = fs::path(a.input) / "summary.h5";
    summary = fs::exists(collected, ec) ? read_summary_h5(collected.string()) : collect_sweep(a.input);
  } else {
    summary = read_summary_h5(a.input);
  }
  AnalysisOptions options;
  options.method = a.method;
  options.metrics = a.metrics;
  options.resamples = a.resamples;
  options.confidence = a.confidence;
  options.seed = a.seed;
  const auto results = analyze_sweep(summary, options);
  fmt::print("{}", format_analysis(summary, options, results, a.format == "csv" ? AnalysisFormat::csv : AnalysisFormat::table));
  return 0;
}

}  // namespace

Command add_analyze_command(CLI::App& parent) {
  auto args = std::make_shared<AnalyzeArgs>();
  auto* cmd = parent.add_subcommand("analyze", "Sobol' or Morris sensitivity indices of a sweep's metrics");
  cmd->add_option("input", args->input, "Sweep directory or its summary.h5")->required();
  cmd->add_option("--method", args->method, "sobol (needs a sobol design) or morris (needs a morris design)")
      ->required()
      ->check(CLI::IsMember({"sobol", "morris"}));
  cmd->add_option("--metric", args->metrics, "Metric to analyse (repeatable; default: all)");
  cmd->add_option("--format", args->format, "table (default) or csv")->check(CLI::IsMember({"table", "csv"}));
  cmd->add_option("--resamples", args->resamples, "Bootstrap resamples (default 1000)")->check(CLI::Range(1, 1000000));
  cmd->add_option("--confidence", args->confidence, "Interval confidence level (default 0.95)")
      ->check(CLI::Range(0.5, 0.999));
  cmd->add_option("--seed", args->seed, "Bootstrap seed (default 1)");
  return {cmd, [args] { return analyze(*args); }};
}

}  // namespace defsim::cli
