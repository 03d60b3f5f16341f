#pragma once
// Runs a sweep's runs into a directory: one verified result file per run, written
// atomically; runs whose result already verifies are skipped, so rerunning the same command
// resumes. Runs go to worker threads (and, under MPI, to ranks) dynamically; each run's
// replications run in sequence on one thread, so a result never depends on how the work
// was spread.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sweep/run_distribution.hpp"
#include "sweep/sweep_spec.hpp"

namespace defsim::sweep {

struct Shard {
  int index = 0;  // K in [0, count)
  int count = 1;  // N
  bool contains(std::int64_t run) const { return run % count == index; }
};

struct SweepProgress {
  std::int64_t done = 0;   // runs finished (this process; all ranks under MPI: runs handed out)
  std::int64_t total = 0;  // runs this invocation has to do
  std::int64_t failed = 0;
  double seconds = 0.0;
};

struct SweepOptions {
  std::string dir;
  int threads = 1;
  Shard shard;
  // Called about once a second from a reporter thread, on rank 0 only.
  std::function<void(const SweepProgress&)> progress;
  // Set by a signal handler: no new run starts, runs in progress are abandoned (their
  // partial files removed) and stay pending for the next invocation.
  const std::atomic<bool>* stop_requested = nullptr;
  RunDistribution* distribution = nullptr;  // null: this process alone
};

struct SweepOutcome {
  std::int64_t runs = 0;       // in the whole sweep
  std::int64_t assigned = 0;   // in this shard
  SweepCounts counts;          // summed over ranks (valid on rank 0)
  std::vector<std::string> failures;  // "run 12: message", this process's first few
  double seconds = 0.0;
  bool interrupted() const { return counts.interrupted > 0; }
  bool stopped_on_failure() const { return counts.stopped > 0; }
};

// Throws ScenarioError/UsageError before any run starts when the directory holds another
// sweep; IoError when results cannot be written (that stops the sweep at once: a full disk
// is not a property of one run).
SweepOutcome run_sweep(const SweepSpec& spec, const SweepOptions& options);

// Parses "K/N" (0 <= K < N); throws UsageError with the expected form.
Shard parse_shard(const std::string& text);
// The shard a Slurm array task should take: from SLURM_ARRAY_TASK_ID, _MIN and _COUNT.
std::optional<Shard> shard_from_slurm_environment();

}  // namespace defsim::sweep
