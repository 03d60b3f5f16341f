// defsim collect: merge a sweep directory's results into summary.h5 and summary.csv.
#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "cli/command.hpp"
#include "sweep/sweep_summary.hpp"

namespace defsim::cli {
namespace {

struct CollectArgs {
  std::string dir, output;
};

int collect(const CollectArgs& a) {
  using namespace defsim::sweep;
  const SweepSummary summary = collect_sweep(a.dir);
  const std::string h5 = a.output.empty() ? (std::filesystem::path(a.dir) / "summary.h5").string() : a.output;
  std::string csv = h5;
  if (csv.size() > 3 && csv.substr(csv.size() - 3) == ".h5") csv.resize(csv.size() - 3);
  csv += ".csv";
  write_summary_h5(h5, summary);
  write_summary_csv(csv, summary);
  std::int64_t failed = 0;
  for (auto ok : summary.ok) failed += ok ? 0 : 1;
  fmt::print("{}: {} runs × {} parameters × {} metrics ({} failed) -> {}, {}\n", summary.manifest.name,
             summary.manifest.runs, summary.manifest.parameters.size(), summary.metric_names.size(), failed, h5, csv);
  return 0;
}

}  // namespace

Command add_collect_command(CLI::App& parent) {
  auto args = std::make_shared<CollectArgs>();
  auto* cmd = parent.add_subcommand("collect", "Merge a sweep directory's results into summary.h5 and summary.csv");
  cmd->add_option("dir", args->dir, "Sweep directory")->required();
  cmd->add_option("-o,--output", args->output, "Summary HDF5 file (default DIR/summary.h5; the CSV goes beside it)");
  return {cmd, [args] { return collect(*args); }};
}

}  // namespace defsim::cli
