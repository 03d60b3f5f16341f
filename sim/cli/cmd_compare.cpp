// defsim compare / export / report: read finished run files, never simulate.
#include <fmt/format.h>

#include <memory>

#include "analysis/compare.hpp"
#include "analysis/compare_format.hpp"
#include "analysis/report.hpp"
#include "cli/command.hpp"
#include "core/error.hpp"
#include "io/csv_export.hpp"

namespace defsim::cli {
namespace {

CompareBy parse_by(const std::string& by) {
  return by == "plant" ? CompareBy::plant : (by == "route" ? CompareBy::route : CompareBy::good);
}

void add_by_option(CLI::App* cmd, std::string& by, const char* help) {
  cmd->add_option("--by", by, help)->check(CLI::IsMember({"good", "plant", "route"}));
}

struct CompareArgs {
  std::string base, scenario, format = "table", by = "good";
};

struct ExportArgs {
  std::string file, dir;
};

struct ReportArgs {
  std::string base, scenario, output = "report.html", by = "good";
};

}  // namespace

Command add_compare_command(CLI::App& parent) {
  auto args = std::make_shared<CompareArgs>();
  auto* cmd = parent.add_subcommand("compare", "Compare a scenario run with its baseline");
  cmd->add_option("base", args->base, "Baseline HDF5 file")->required();
  cmd->add_option("scenario", args->scenario, "Scenario HDF5 file")->required();
  cmd->add_option("--format", args->format, "Output: table (default), csv, json or markdown")
      ->check(CLI::IsMember({"table", "csv", "json", "markdown"}));
  add_by_option(cmd, args->by, "Headline rows: good (deliveries, default), plant (output) or route (shipments)");
  return {cmd, [args] {
            CompareOptions options;
            options.by = parse_by(args->by);
            const auto format = parse_compare_format(args->format);
            if (!format) throw UsageError("unknown format '" + args->format + "' (table, csv, json, markdown)");
            fmt::print("{}", format_comparison(compare_files(args->base, args->scenario, options), *format));
            return 0;
          }};
}

Command add_export_command(CLI::App& parent) {
  auto args = std::make_shared<ExportArgs>();
  auto* cmd = parent.add_subcommand("export", "Write a run file as CSV files, one tidy table per variable");
  cmd->add_option("file", args->file, "Run HDF5 file")->required();
  cmd->add_option("--csv", args->dir, "Directory for the CSV files (created if missing)")->required();
  return {cmd, [args] {
            const CsvExportSummary summary = export_run_csv(args->file, args->dir);
            fmt::print("{}: {} files, {} data rows -> {}\n", args->file, summary.files.size(), summary.data_rows,
                       args->dir);
            return 0;
          }};
}

Command add_report_command(CLI::App& parent) {
  auto args = std::make_shared<ReportArgs>();
  auto* cmd = parent.add_subcommand("report", "Write one self-contained HTML report comparing two runs");
  cmd->add_option("base", args->base, "Baseline HDF5 file")->required();
  cmd->add_option("scenario", args->scenario, "Scenario HDF5 file")->required();
  cmd->add_option("-o,--output", args->output, "HTML file to write (default report.html)");
  add_by_option(cmd, args->by, "Headline rows: good (default), plant or route");
  return {cmd, [args] {
            ReportOptions options;
            options.output = args->output;
            options.by = parse_by(args->by);
            write_report(args->base, args->scenario, options);
            fmt::print("{}\n", args->output);
            return 0;
          }};
}

}  // namespace defsim::cli
