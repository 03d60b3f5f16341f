#pragma once
// `defsim export FILE --csv DIR`: a run file as plain CSV files for spreadsheet users, one
// tidy table per variable (a row per replication, period and entity, with the entity's
// names joined in) plus the indices, the periods, the replications, the diagnostics, a data
// dictionary and the provenance. docs/OUTPUT.md describes the run file itself.
#include <cstddef>
#include <string>
#include <vector>

namespace defsim {

struct CsvExportSummary {
  std::vector<std::string> files;  // names written into the directory, in order
  std::size_t data_rows = 0;       // rows over all variable files
};

// Creates `dir` if it does not exist and writes (replacing files of the same names):
//   variables.csv             data dictionary: variable, file, unit, aggregation, axis, description
//   <group>_<name>.csv        replication, period, period_start, <entity>, <joined names>, value[, label]
//   index_<axis>.csv          row, <entity>, <joined names> for goods, plants, inputs, routes, ...
//   time.csv                  period, period_start, first_day, last_day, days_in_period
//   replications.csv          replication, seed, recorded
//   diagnostics.csv           replication, anomaly, count
//   provenance.csv            attribute, value (every root attribute)
//   resolved_scenario.yaml    the scenario and model text the run used
// Replications that were not recorded (recorded = 0) are left out of the variable files.
// Each file is written under a temporary name and renamed, so none is ever half-written.
// Throws IoError naming the file on any failure.
CsvExportSummary export_run_csv(const std::string& run_path, const std::string& dir);

}  // namespace defsim
