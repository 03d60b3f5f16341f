#pragma once
// Calibration targets: published figures with their ranges, each tied to a metric computed
// from a run file, and the check `defsim calibrate-check` prints. A target file
// (models/<name>/targets.yaml) is read with the same location-aware errors as scenarios
// (FILE:LINE:COL: key.path: message, unknown keys suggest valid ones). A metric is generic,
// so that economists can add targets without C++:
//
//   metric = variable (any recorded output variable, e.g. routes/bill_usd)
//          + row filters (good, route, origin, corridor, plant, region, kind; globs allowed)
//          (optionally minus a second variable; rows added, or averaged with rows: mean)
//          + a window of dates (whole output periods)
//          + an aggregate (total, per_day, per_month, per_year, mean, end, change, share,
//            price_premium).
//
// The metric is computed per replication; the target passes when the mean over the
// replications lies in [min, max]. docs/CALIBRATION.md is the reference.
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "io/run_reader.hpp"

namespace defsim {

enum class TargetAggregate {
  total,          // flows: sum over the window and the rows
  per_day,        // flows: total / days in the window
  per_month,      // flows: total / days × 365/12
  per_year,       // flows: total / days × 365
  mean,           // stocks, rates: day-weighted mean over the window of the row sum
  end,            // stocks, rates: the row sum in the window's last period
  change,         // stocks, rates: row sum in the last period − row sum in the first period
  share,          // Σ rows matching `part` / Σ rows matching `where`, over the window
  price_premium,  // routes: Σ bill / Σ (shipped × unit value) − 1, import routes only
};

enum class TargetFormat { number, percent, usd };

// Rows kept by a filter: each key (good, route, origin, corridor, plant, region, kind) has
// one or more shell patterns; a row is kept when every key matches one of its patterns.
struct RowFilter {
  struct Key {
    std::string name;                   // "origin"
    std::vector<std::string> patterns;  // "china", "k*stan"
    SourceLoc loc;                      // where the value stands, for errors
  };
  std::vector<Key> keys;
  SourceLoc loc;
  std::string path;  // "targets.chips_china_share.metric.where"
  bool empty() const { return keys.empty(); }
};

struct TargetMetric {
  std::string variable;  // "routes/bill_usd"; price_premium reads routes/bill_usd and routes/shipped
  std::string minus;     // optional second variable on the same rows, subtracted row by row
                         // (plants/desired_workforce minus plants/workforce: the shortfall)
  bool row_mean = false; // rows: mean — average the selected rows instead of adding them
  TargetAggregate aggregate = TargetAggregate::total;
  RowFilter where;    // rows counted (empty: all rows)
  RowFilter part;     // share only: the numerator, within `where`
  RowFilter exclude;  // rows removed from `where`
  Date from, to;      // inclusive window
  SourceLoc loc;      // the metric map
  std::string path;   // "targets.<name>.metric"
};

struct CalibrationTarget {
  std::string name;
  std::string figure;  // the published fact, in words
  std::string source;  // short citation(s)
  std::string grade;   // reliability grade of calibration.md: A, B, C, A/B …
  std::string note;
  std::string assumption;  // why the range is what it is, when it is not the sources' own
  TargetMetric metric;
  std::optional<double> min, max;
  TargetFormat format = TargetFormat::number;
  SourceLoc loc;
};

struct TargetFile {
  std::string path;
  std::string model;     // model name the targets are for ("" = any)
  std::string scenario;  // scenario to run when the command names the model (resolved path; "" = none)
  SourceLoc scenario_loc;
  std::vector<CalibrationTarget> targets;
};

// Reads and validates a target file; throws ScenarioError listing every problem.
TargetFile read_target_file(const std::string& path);
TargetFile read_target_text(const std::string& text, const std::string& display_name,
                            const std::string& base_dir = ".");
// One metric map (YAML text), for tests and tools; `path` prefixes error key paths.
TargetMetric read_metric_text(const std::string& text, const std::string& display_name = "<metric>");

struct MetricValue {
  double mean = 0.0;  // over replications
  double min = 0.0;
  double max = 0.0;
  std::size_t replications = 0;
  std::vector<double> per_replication;
};

// Computes the metric on a run file. Throws ScenarioError (positioned in the target file)
// when the variable is not recorded, a filter matches nothing, or the window does not fall
// on whole output periods of the run.
MetricValue evaluate_metric(const TargetMetric& metric, const RunFileReader& run);

struct TargetResult {
  const CalibrationTarget* target = nullptr;
  MetricValue value;
  bool pass = false;
};

struct CalibrationReport {
  std::string targets_file;
  std::string run_file;
  std::string scenario_name;
  std::size_t replications = 0;
  std::vector<TargetResult> results;
  std::size_t passed() const;
  bool all_pass() const { return passed() == results.size(); }
};

// Evaluates every target (collecting every evaluation error before throwing).
CalibrationReport check_targets(const TargetFile& targets, const RunFileReader& run);

enum class CalibrationFormat { table, csv, markdown };
std::optional<CalibrationFormat> parse_calibration_format(const std::string& name);
std::string format_calibration(const CalibrationReport& report, CalibrationFormat format);

// "90.1%", "$912M", "1,523" …
std::string format_target_value(double value, TargetFormat format);
std::string format_target_range(const CalibrationTarget& target);
std::string to_string(TargetAggregate aggregate);

}  // namespace defsim
