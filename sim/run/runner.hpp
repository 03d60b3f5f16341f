#pragma once
// Running a compiled scenario: all replications, in parallel across replications inside
// an arena the caller sizes, one output file per run written atomically.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/exec.hpp"
#include "core/model.hpp"
#include "core/state.hpp"

namespace defsim {

class Recorder;

struct RunOptions {
  int threads = 1;                  // worker threads in total (replications × inside a day)
  bool check_identities = false;    // stop at the first accounting violation
  std::string output_path;          // HDF5 file; empty = no file (tests, benchmarks)
  std::string command_line;         // for provenance
  // Called from the calling thread about every 0.5 s with (days done, days total).
  std::function<void(std::int64_t, std::int64_t)> progress;
  // Called after every simulated day (state.day is one past it) from the thread running
  // that replication; may throw to abandon the run (the output file is then discarded).
  std::function<void(int replication, const State& state)> after_day;
};

struct ReplicationOutcome {
  int replication = 0;
  std::uint64_t state_hash = 0;     // hash of the final State, for determinism checks
  Diagnostics diagnostics;
};

struct RunSummary {
  std::vector<ReplicationOutcome> replications;
  double seconds = 0.0;
  std::string output_path;
};

// Simulates one replication from the steady state to the horizon. `recorder` may be null.
// `days_done`, if given, is advanced once per simulated day (progress reporting).
// `after_day`, if given, is called after each day.
State simulate_replication(const Model& model, int replication, const Exec& exec, bool check_identities,
                           Recorder* recorder, std::atomic<std::int64_t>* days_done = nullptr,
                           const std::function<void(int, const State&)>* after_day = nullptr);

// Runs every replication; throws IoError / AccountingError; never leaves a partial file.
RunSummary run_scenario(const Model& model, const RunOptions& options);

// Order-sensitive hash of every column of a State (FNV-1a over the bytes).
std::uint64_t state_hash(const State& state);

}  // namespace defsim
