#include "analysis/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "analysis/compare_sections.hpp"
#include "analysis/number_format.hpp"
#include "analysis/run_pair.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"

namespace defsim {
namespace {

// Root attributes shown as provenance, in the order of docs/OUTPUT.md, by stored type.
constexpr std::array<const char*, 14> kStringAttributes = {
    "scenario_name", "scenario_file",  "scenario_description", "scenario_hash",
    "model_name",    "defsim_version", "git_commit",           "start_date",
    "frequency",     "precision",      "started_utc",          "finished_utc",
    "host",          "command_line"};
constexpr std::array<const char*, 5> kIntAttributes = {"format_version", "replications", "horizon_days",
                                                       "threads", "stochastic"};

RunDescription describe(const RunFileReader& file) {
  RunDescription d;
  d.path = file.path();
  for (const char* name : kStringAttributes) {
    if (file.has_attribute(name)) d.attributes.emplace_back(name, file.string_attribute(name));
  }
  if (file.has_attribute("seed"))
    d.attributes.emplace_back("seed", std::to_string(file.uint_attribute("seed")));
  for (const char* name : kIntAttributes) {
    if (file.has_attribute(name)) d.attributes.emplace_back(name, std::to_string(file.int_attribute(name)));
  }
  if (file.has_dataset("/provenance/resolved_scenario")) {
    const auto text = file.strings("/provenance/resolved_scenario");
    if (!text.empty()) d.events = events_of_resolved_scenario(text.front());
  }
  return d;
}

Pairing pairing_of(const RunPair& pair, const RunDescription& base, const RunDescription& scenario) {
  Pairing p;
  p.pairs = pair.pairs().size();
  p.base_replications = pair.base().int_attribute("replications");
  p.scenario_replications = pair.scenario().int_attribute("replications");
  p.base_seed = base.attribute("seed");
  p.scenario_seed = scenario.attribute("seed");
  const bool base_stochastic = base.attribute("stochastic") != "0";
  const bool scenario_stochastic = scenario.attribute("stochastic") != "0";
  p.stochastic = base_stochastic || scenario_stochastic;
  p.common_random_numbers = base_stochastic && scenario_stochastic && p.base_seed == p.scenario_seed;
  return p;
}

Windows windows_of(const RunPair& pair, const std::vector<ScenarioEvent>& events) {
  const PeriodTable& periods = pair.periods();
  Windows w;
  const auto start = parse_date(pair.base().string_attribute("start_date"));
  std::string first;
  for (const auto& e : events) {
    if (parse_date(e.start) && (first.empty() || e.start < first)) first = e.start;
  }
  if (!first.empty() && start && periods.size() > 0) {
    w.split = true;
    w.split_date = first;
    const long day = days_since_epoch(*parse_date(first)) - days_since_epoch(*start);
    long p = 0;
    while (static_cast<std::size_t>(p) + 1 < periods.size() &&
           periods.last_day[static_cast<std::size_t>(p)] < day) {
      ++p;
    }
    w.first_after = p;
  }
  const auto split = static_cast<std::size_t>(w.first_after);
  for (std::size_t p = 0; p < periods.size(); ++p)
    (p < split ? w.before_days : w.after_days) += periods.days[p];
  if (split > 0) {
    w.before_from = periods.start_date.front();
    w.before_to = periods.start_date[split - 1];
  }
  if (split < periods.size()) {
    w.after_from = periods.start_date[split];
    w.after_to = periods.start_date.back();
  }
  return w;
}

std::string end_date_of(const RunFileReader& file) {
  const auto start = parse_date(file.string_attribute("start_date"));
  if (!start) return "";
  return to_string(date_from_epoch_days(days_since_epoch(*start) + file.int_attribute("horizon_days") - 1));
}

std::vector<std::string> pairing_notes(const Pairing& p) {
  std::vector<std::string> notes;
  if (p.base_replications != p.scenario_replications) {
    notes.push_back(
        fmt::format("The baseline has {} replications and the scenario {}: only the {} recorded in both are "
                    "paired and used.",
                    p.base_replications, p.scenario_replications, p.pairs));
  } else if (static_cast<long>(p.pairs) < p.base_replications) {
    notes.push_back(
        fmt::format("Only {} of {} replications are recorded in both files; the others are left out.",
                    p.pairs, p.base_replications));
  }
  if (!p.stochastic) {
    notes.push_back(
        "Both runs are deterministic (stochastic: false): every replication is the same, so intervals have "
        "zero "
        "width and say nothing about model uncertainty.");
  } else if (p.common_random_numbers) {
    notes.push_back(fmt::format(
        "Both runs use seed {}: replication r of each draws from the same stream (common random numbers), so "
        "noise they share cancels in the paired differences.",
        p.base_seed));
  } else {
    notes.push_back(fmt::format(
        "The runs use different seeds ({} and {}) or only one is stochastic: paired replications are "
        "independent, so intervals are valid but wider than with a common seed.",
        p.base_seed, p.scenario_seed));
  }
  if (p.pairs < 2) {
    notes.push_back(
        "Only one replication pair: intervals need at least two and are shown as n/a; the numbers are single "
        "draws.");
  }
  return notes;
}

}  // namespace

std::string RunDescription::attribute(const std::string& name) const {
  for (const auto& [k, v] : attributes) {
    if (k == name) return v;
  }
  return "";
}

const char* to_string(CompareBy by) {
  switch (by) {
    case CompareBy::good: return "good";
    case CompareBy::plant: return "plant";
    case CompareBy::route: return "route";
  }
  return "good";
}

Comparison compare_files(const std::string& base_path, const std::string& scenario_path,
                         const CompareOptions& options) {
  const RunPair pair(base_path, scenario_path);
  Comparison c;
  c.by = options.by;
  c.base = describe(pair.base());
  c.scenario = describe(pair.scenario());
  c.pairing = pairing_of(pair, c.base, c.scenario);
  c.frequency = pair.base().string_attribute("frequency");
  c.start_date = pair.base().string_attribute("start_date");
  c.end_date = end_date_of(pair.base());
  c.scenario_events = distinguishing_events(c.base.events, c.scenario.events);
  c.windows = windows_of(pair, c.scenario_events);
  c.notes = pairing_notes(c.pairing);

  c.effects = detail::entity_effects(pair, options.by);

  if (pair.has_variable("plants/binding")) {
    c.constraints = detail::constraint_shares(pair, c.windows, options.by);
    if (c.frequency != "day") {
      c.notes.push_back(
          fmt::format("plants/binding records the constraint that bound on most days of each {}: shares of "
                      "plant-days are "
                      "exact with daily output and approximate with {}ly output.",
                      c.frequency, c.frequency));
    }
  } else {
    c.notes.push_back("plants/binding was not recorded in both files: no binding-constraint shares.");
  }
  if (pair.has_variable("routes/shipped") && pair.has_variable("routes/bill_usd")) {
    c.imports = detail::import_flows(pair, c.windows);
    if (!pair.has_variable("goods/unit_value_usd")) {
      c.notes.push_back("goods/unit_value_usd was not recorded in both files: no price premiums.");
    }
  } else {
    c.notes.push_back("routes/shipped and routes/bill_usd were not recorded in both files: no import flows.");
  }
  if (c.windows.split && c.windows.first_after == 0) {
    c.notes.push_back(
        fmt::format("The scenario's first event ({}) acts from the first period: the \"before\" "
                    "window is empty.",
                    c.windows.split_date));
  }
  return c;
}

std::vector<GoodComparison> compare_runs(const std::string& base_path, const std::string& scenario_path) {
  const RunPair pair(base_path, scenario_path);
  std::vector<GoodComparison> rows;
  for (const auto& e : detail::entity_effects(pair, CompareBy::good)) {
    rows.push_back({e.entity, e.unit, e.base_total, e.scenario_total, e.scenario_total - e.base_total,
                    e.change_pct.value});
  }
  return rows;
}

std::string format_comparison_table(const std::vector<GoodComparison>& rows) {
  std::vector<std::array<std::string, 6>> cells;
  cells.push_back({"good", "unit", "baseline", "scenario", "change", "change %"});
  for (const auto& r : rows) {
    cells.push_back({r.good, r.unit, format_quantity(r.base_total, false),
                     format_quantity(r.scenario_total, false), format_quantity(r.change, true),
                     format_percent(r.change_pct)});
  }
  std::array<std::size_t, 6> width{};
  for (const auto& row : cells) {
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  auto render = [&](const std::array<std::string, 6>& row) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) line += "  ";
      // Names left, numbers right, so that digits line up.
      line += c < 2 ? fmt::format("{:<{}}", row[c], width[c]) : fmt::format("{:>{}}", row[c], width[c]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line + "\n";
  };
  std::string out = render(cells.front());
  std::size_t total = 0;
  for (auto w : width) total += w;
  out += std::string(total + 2 * (width.size() - 1), '-') + "\n";
  for (std::size_t i = 1; i < cells.size(); ++i) out += render(cells[i]);
  return out;
}

}  // namespace defsim
