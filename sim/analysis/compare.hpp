#pragma once
// `defsim compare`: the effect of a scenario against its baseline, read from two run files
// of the same model, dates and output frequency. Replications are paired by index (common
// random numbers when the seeds agree); every change comes with a 90% t-interval of the
// paired differences. docs/COMPARE.md defines each number.
#include <string>
#include <utility>
#include <vector>

#include "analysis/paired_stats.hpp"
#include "analysis/path_metrics.hpp"
#include "analysis/scenario_events.hpp"

namespace defsim {

// What the headline rows are: final goods (goods/deliveries), plants (plants/output) or
// routes (routes/shipped, import routes and domestic channels).
enum class CompareBy { good, plant, route };

struct CompareOptions {
  CompareBy by = CompareBy::good;
};

// Cumulative totals and the shape of the gap for one good, plant or route.
struct EntityEffect {
  std::string entity;
  std::string unit;         // the good's unit, e.g. "shell"
  double base_total = 0.0;  // whole horizon, mean over the paired replications
  double scenario_total = 0.0;
  Estimate change;            // scenario - base, units
  Estimate change_pct;        // percent of the baseline
  PathMetrics path;           // on the mean paths
  Estimate peak_shortfall;    // base - scenario in the peak period, units per average month
  std::string peak_date;      // start of the peak period; empty when there is no shortfall
  std::string gap_opens;      // start of the first period below 99% of the baseline; empty: never
  std::string recovery_date;  // start of the period from which the scenario stays >= 95%
};

// Share of plant-days on which a constraint bound output, in each window.
struct ConstraintShare {
  std::string plant;         // empty: all plants together
  std::string constraint;    // "demand", "capacity" or "input:<good>"
  double base_before = 0.0;  // shares in [0, 1]; NaN when the window is empty
  double scenario_before = 0.0;
  double base_after = 0.0;
  double scenario_after = 0.0;
  Estimate change_after_pp;  // percentage points
};

// Imports of one good through one origin and corridor (or all of them: origin and corridor
// empty), as rates per average month in each window.
struct ImportFlow {
  std::string good;
  std::string origin;
  std::string corridor;
  std::string route;  // "good/route"; empty for the good's total
  std::string unit;
  double base_volume_before = 0.0, scenario_volume_before = 0.0;
  double base_volume_after = 0.0, scenario_volume_after = 0.0;
  Estimate volume_change_after;
  double base_bill_before = 0.0, scenario_bill_before = 0.0;  // USD per month
  double base_bill_after = 0.0, scenario_bill_after = 0.0;
  Estimate bill_change_after;
  // Price paid over the good's base unit value, percent: 100 (bill / (shipped × unit value) - 1).
  double base_premium_after = 0.0, scenario_premium_after = 0.0;
  double price_change_after_pct = 0.0;  // scenario's mean price paid over the baseline's, percent
};

// The split of the horizon at the scenario's first event that the baseline lacks. The
// period containing that date counts as "after". Without such an event there is no split:
// "before" is empty and "after" is the whole horizon.
struct Windows {
  bool split = false;
  std::string split_date;                                    // the event's start date
  long first_after = 0;                                      // first period of the "after" window
  std::string before_from, before_to, after_from, after_to;  // period start dates, inclusive
  double before_days = 0.0, after_days = 0.0;
};

struct RunDescription {
  std::string path;
  std::vector<std::pair<std::string, std::string>> attributes;  // root attributes as text
  std::vector<ScenarioEvent> events;
  std::string attribute(const std::string& name) const;
};

struct Pairing {
  std::size_t pairs = 0;
  long base_replications = 0;
  long scenario_replications = 0;
  std::string base_seed, scenario_seed;
  bool common_random_numbers = false;  // equal seeds and both runs stochastic
  bool stochastic = false;             // at least one run draws random numbers
};

struct Comparison {
  CompareBy by = CompareBy::good;
  RunDescription base, scenario;
  Pairing pairing;
  std::string frequency;
  std::string start_date, end_date;
  std::vector<ScenarioEvent> scenario_events;  // the events the baseline lacks
  Windows windows;
  std::vector<EntityEffect> effects;
  std::vector<ConstraintShare> constraints;
  std::vector<ImportFlow> imports;
  std::vector<std::string> notes;  // caveats for the reader, one sentence each
};

// Throws UsageError (naming both values) when the runs differ in model_name, goods,
// start_date, horizon_days or frequency, when a file lacks the variable the headline
// needs, or holds no recorded replication; IoError when a file cannot be read. Sections
// whose variables were not recorded are left empty with a note.
Comparison compare_files(const std::string& base_path, const std::string& scenario_path,
                         const CompareOptions& options = {});

const char* to_string(CompareBy by);

// --- First version, kept for callers that only need cumulative deliveries. ------------

struct GoodComparison {
  std::string good;
  std::string unit;       // the good's unit, e.g. "shell"
  double base_total;      // units delivered over the whole horizon, mean across paired replications
  double scenario_total;  // same, scenario run
  double change;          // scenario_total - base_total
  double change_pct;      // 100 * change / base_total; 0 if both are 0; NaN if only the base is 0
};

// One entry per final good, in the files' goods order; the headline of compare_files.
std::vector<GoodComparison> compare_runs(const std::string& base_path, const std::string& scenario_path);

// An aligned plain-text table: good, unit, baseline, scenario, change, change %.
std::string format_comparison_table(const std::vector<GoodComparison>& rows);

}  // namespace defsim
