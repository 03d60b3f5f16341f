#pragma once
// A baseline and a scenario run file opened side by side. Opening refuses files that cannot
// be compared (different model, start date, horizon, output frequency or goods) and pairs
// the replications by index: replication r of each file draws from the stream keyed
// (seed, r), so with equal seeds the pair shares its random numbers wherever the scenario
// does not change what is drawn.
#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "io/run_reader.hpp"

namespace defsim {

// The output periods of both runs as read back from /time (equal in both once the files
// are accepted), with dates for display.
struct PeriodTable {
  std::vector<long> first_day;
  std::vector<long> last_day;
  std::vector<double> days;  // days in the period, as a double for rates
  std::vector<std::string> start_date;
  std::size_t size() const { return first_day.size(); }
};

// One variable for the paired replications, (pairs, periods, rows) row-major in each run.
struct PairedSeries {
  std::vector<double> base;
  std::vector<double> scenario;
  std::size_t pairs = 0;
  std::size_t periods = 0;
  std::size_t rows = 0;
  std::string unit;
  std::vector<std::string> row_names;
  std::size_t at(std::size_t r, std::size_t p, std::size_t i) const { return (r * periods + p) * rows + i; }
};

class RunPair {
 public:
  // Throws IoError if a file cannot be read, UsageError (naming both values) if the files
  // differ in model_name, start_date, horizon_days, frequency or goods, or if no
  // replication is recorded in both.
  RunPair(const std::string& base_path, const std::string& scenario_path);

  const RunFileReader& base() const { return base_; }
  const RunFileReader& scenario() const { return scenario_; }
  // Replication indices recorded in both files, ascending.
  const std::vector<std::size_t>& pairs() const { return pairs_; }
  const PeriodTable& periods() const { return periods_; }
  const std::vector<std::string>& goods() const { return goods_; }

  // "group/name" recorded in both files.
  bool has_variable(const std::string& name) const;
  // Throws UsageError naming the file that lacks the variable, or when the variable's rows
  // (its `index` dataset) differ between the files.
  PairedSeries read(const std::string& name) const;
  // An /index dataset, required to be equal in both files.
  std::vector<std::string> index_strings(const std::string& path) const;
  std::vector<long> index_ints(const std::string& path) const;

 private:
  void require_same_index(const std::string& path) const;

  RunFileReader base_;
  RunFileReader scenario_;
  std::vector<std::size_t> pairs_;
  PeriodTable periods_;
  std::vector<std::string> goods_;
  mutable std::set<std::string> checked_indices_;
};

}  // namespace defsim
