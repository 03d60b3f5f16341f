// Renderings of a calibration check: an aligned table for the terminal, Markdown for
// docs/CALIBRATION.md, CSV for spreadsheets.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "analysis/calibration.hpp"
#include "analysis/number_format.hpp"
#include "io/csv_cell.hpp"

namespace defsim {
namespace {

std::string window(const TargetMetric& m) { return to_string(m.from) + " to " + to_string(m.to); }

std::string simulated(const TargetResult& r) {
  const auto fmt = r.target->format;
  std::string s = format_target_value(r.value.mean, fmt);
  if (r.value.replications > 1 && std::isfinite(r.value.min) && r.value.min != r.value.max) {
    s += " [" + format_target_value(r.value.min, fmt) + ", " + format_target_value(r.value.max, fmt) + "]";
  }
  return s;
}

std::string verdict(const TargetResult& r) { return r.pass ? "pass" : "MISS"; }

std::string summary_line(const CalibrationReport& report) {
  return fmt::format("{} of {} targets pass{}", report.passed(), report.results.size(),
                     report.all_pass() ? "." : "; missed: " + [&] {
                       std::string s;
                       for (const auto& r : report.results) {
                         if (r.pass) continue;
                         if (!s.empty()) s += ", ";
                         s += r.target->name;
                       }
                       return s + ".";
                     }());
}

std::string table(const CalibrationReport& report) {
  std::vector<std::array<std::string, 5>> rows;
  rows.push_back({"target", "window", "range", "simulated", "result"});
  for (const auto& r : report.results) {
    rows.push_back({r.target->name, window(r.target->metric), format_target_range(*r.target), simulated(r), verdict(r)});
  }
  std::array<std::size_t, 5> width{};
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < 5; ++c) width[c] = std::max(width[c], row[c].size());
  }
  std::string out = fmt::format("Calibration check of {} ({} replication{}) against {}\n\n", report.run_file,
                                report.replications, report.replications == 1 ? "" : "s", report.targets_file);
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const auto& row = rows[k];
    out += fmt::format("{:<{}}  {:<{}}  {:<{}}  {:<{}}  {}\n", row[0], width[0], row[1], width[1], row[2], width[2],
                       row[3], width[3], row[4]);
    if (k == 0) {
      out += std::string(width[0] + width[1] + width[2] + width[3] + width[4] + 8, '-') + "\n";
    } else {
      const auto& t = *report.results[k - 1].target;
      out += fmt::format("{:<{}}  {} ({}; grade {})\n", "", width[0], t.figure, t.source, t.grade);
    }
  }
  if (report.replications > 1) out += "\nSimulated: mean over replications [lowest, highest replication].\n";
  out += "\n" + summary_line(report) + "\n";
  return out;
}

std::string md_cell(std::string s) {
  std::string out;
  for (char ch : s) {
    if (ch == '|') out += "\\|";
    else if (ch == '\n') out += ' ';
    else out += ch;
  }
  return out;
}

std::string markdown(const CalibrationReport& report) {
  std::string out = fmt::format("Calibration check of `{}` ({} replication{}) against `{}`.\n\n", report.run_file,
                                report.replications, report.replications == 1 ? "" : "s", report.targets_file);
  out += "| target | figure | source | grade | window | range | simulated | result |\n";
  out += "|---|---|---|---|---|---|---|---|\n";
  for (const auto& r : report.results) {
    const auto& t = *r.target;
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} | {} | {} |\n", t.name, md_cell(t.figure), md_cell(t.source),
                       md_cell(t.grade), window(t.metric), md_cell(format_target_range(t)), md_cell(simulated(r)),
                       r.pass ? "pass" : "**MISS**");
  }
  out += "\n" + summary_line(report) + "\n";
  return out;
}

std::string csv(const CalibrationReport& report) {
  std::string out =
      "target,figure,source,grade,variable,aggregate,from,to,min,max,simulated,replication_min,replication_max,"
      "replications,pass\n";
  for (const auto& r : report.results) {
    const auto& t = *r.target;
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_cell(t.name), csv_cell(t.figure),
                       csv_cell(t.source), csv_cell(t.grade), csv_cell(t.metric.variable),
                       to_string(t.metric.aggregate), to_string(t.metric.from), to_string(t.metric.to),
                       t.min ? exact_number(*t.min) : "", t.max ? exact_number(*t.max) : "", exact_number(r.value.mean),
                       exact_number(r.value.min), exact_number(r.value.max), r.value.replications,
                       r.pass ? "true" : "false");
  }
  return out;
}

}  // namespace

std::string format_target_value(double value, TargetFormat format) {
  if (!std::isfinite(value)) return "n/a";
  switch (format) {
    case TargetFormat::percent: return fmt::format("{:.1f}%", 100.0 * value);
    case TargetFormat::usd: {
      const double m = std::fabs(value);
      const char* sign = value < 0 ? "-" : "";
      if (m >= 1e9) return fmt::format("{}${:.2f}bn", sign, m / 1e9);
      if (m >= 1e6) return fmt::format("{}${:.0f}M", sign, m / 1e6);
      return sign + std::string("$") + format_quantity(m);
    }
    case TargetFormat::number: return format_quantity(value);
  }
  return format_quantity(value);
}

std::string format_target_range(const CalibrationTarget& t) {
  if (t.min && t.max) return format_target_value(*t.min, t.format) + " to " + format_target_value(*t.max, t.format);
  if (t.min) return ">= " + format_target_value(*t.min, t.format);
  if (t.max) return "<= " + format_target_value(*t.max, t.format);
  return "any";
}

std::optional<CalibrationFormat> parse_calibration_format(const std::string& name) {
  if (name == "table") return CalibrationFormat::table;
  if (name == "csv") return CalibrationFormat::csv;
  if (name == "markdown") return CalibrationFormat::markdown;
  return std::nullopt;
}

std::string format_calibration(const CalibrationReport& report, CalibrationFormat format) {
  switch (format) {
    case CalibrationFormat::table: return table(report);
    case CalibrationFormat::csv: return csv(report);
    case CalibrationFormat::markdown: return markdown(report);
  }
  return table(report);
}

}  // namespace defsim
