#pragma once
// `defsim compare`: the effect of a scenario against a baseline, read from two run files
// of the same model, dates and output frequency. The first version compares cumulative
// deliveries of final goods; the numbers are means across each file's replications.
#include <string>
#include <vector>

namespace defsim {

struct GoodComparison {
  std::string good;
  std::string unit;       // the good's unit, e.g. "shell"
  double base_total;      // units delivered over the whole horizon, mean across replications
  double scenario_total;  // same, scenario run
  double change;          // scenario_total - base_total
  double change_pct;      // 100 * change / base_total; 0 if both are 0; NaN if only the base is 0
};

// One entry per final good, in the files' goods order. Throws UsageError (naming both
// values) when the runs differ in model_name, goods, start_date, horizon_days or
// frequency, when either file lacks goods/deliveries, or when a file holds no recorded
// replication; IoError when a file cannot be read.
std::vector<GoodComparison> compare_runs(const std::string& base_path, const std::string& scenario_path);

// An aligned plain-text table: good, unit, baseline, scenario, change, change %.
std::string format_comparison_table(const std::vector<GoodComparison>& rows);

}  // namespace defsim
