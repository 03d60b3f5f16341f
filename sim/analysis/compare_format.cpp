#include "analysis/compare_format.hpp"

namespace defsim {

const char* const kIntervalMethod =
    "90% Student-t confidence intervals for the expected effect, from the paired differences d_r = "
    "scenario_r - baseline_r of replications with the same index: mean(d) +/- t(0.95, n-1) * sd(d) / "
    "sqrt(n). "
    "Percent changes use the delta method for a ratio of paired means. They measure the Monte Carlo "
    "uncertainty of the mean effect, not the spread of single runs; with one pair they are n/a.";

std::optional<CompareFormat> parse_compare_format(std::string_view name) {
  if (name == "table") return CompareFormat::table;
  if (name == "csv") return CompareFormat::csv;
  if (name == "json") return CompareFormat::json;
  if (name == "markdown") return CompareFormat::markdown;
  return std::nullopt;
}

std::string format_comparison(const Comparison& c, CompareFormat format) {
  switch (format) {
    case CompareFormat::table: return comparison_text(c, false);
    case CompareFormat::markdown: return comparison_text(c, true);
    case CompareFormat::csv: return comparison_csv(c);
    case CompareFormat::json: return comparison_json(c);
  }
  return "";
}

}  // namespace defsim
