#pragma once
// The result of one sweep run: a small text file written atomically (temporary file, fsync,
// rename) and ending in a checksum of everything above it, so a resumed sweep can tell a
// complete result from a torn or foreign one. Doubles are written as the shortest decimal
// that reads back to the same bits, so collected results equal in-memory ones exactly.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace defsim::sweep {

enum class RunStatus { ok, failed };

struct RunResult {
  std::int64_t run = 0;
  std::string fingerprint;            // the sweep's: results of another sweep are not reused
  RunStatus status = RunStatus::ok;
  std::string error;                  // failed runs: the message
  double seconds = 0.0;
  std::string host;                   // machine, and "rank N" under MPI
  std::vector<double> parameters;     // (parameters)
  std::vector<std::string> metric_names;
  std::vector<std::vector<double>> metrics;  // (replications × metrics)
  std::vector<std::uint64_t> state_hashes;   // (replications) final State hash, for determinism checks
};

// Path of a run's result inside a sweep directory: DIR/runs/run-0000042.txt.
std::string run_result_path(const std::string& dir, std::int64_t run);

// Writes atomically; throws IoError naming the path.
void write_run_result(const std::string& path, const RunResult& result);

// Reads and verifies a result. nullopt (with `why` set) when the file is missing, torn,
// fails its checksum, or belongs to another run or sweep; never throws on bad content.
std::optional<RunResult> read_run_result(const std::string& path, std::int64_t run, const std::string& fingerprint,
                                         std::string* why = nullptr);

}  // namespace defsim::sweep
