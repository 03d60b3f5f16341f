#pragma once
// `defsim collect`: every run's verified result merged into one table of runs × (parameters,
// metrics), written as DIR/summary.h5 and DIR/summary.csv. Shards and ranks write their
// results into the same directory, so merging is reading; the output does not depend on
// how the runs were spread (no timings or host names in the CSV).
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "sweep/manifest.hpp"

namespace defsim::sweep {

struct SweepSummary {
  Manifest manifest;
  std::vector<std::string> metric_names;
  std::vector<std::uint8_t> ok;           // (runs) 1 = succeeded
  std::vector<std::string> errors;        // (runs) failed runs' messages
  Eigen::MatrixXd metrics;                // (runs × metrics) mean over replications; NaN for failed runs
  std::vector<double> by_replication;     // (runs × replications × metrics), row-major
  std::vector<std::uint64_t> state_hashes;  // (runs × replications)
  std::vector<double> seconds;            // (runs)
};

// Reads every result of DIR. Throws UsageError listing the missing or unverifiable runs
// (and the command that finishes them) when the sweep is incomplete.
SweepSummary collect_sweep(const std::string& dir);

// Writes atomically; throws IoError.
void write_summary_h5(const std::string& path, const SweepSummary& summary);
void write_summary_csv(const std::string& path, const SweepSummary& summary);

// Reads a summary.h5 written by write_summary_h5; throws IoError.
SweepSummary read_summary_h5(const std::string& path);

}  // namespace defsim::sweep
