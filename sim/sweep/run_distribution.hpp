#pragma once
// How the pending runs of a sweep reach the workers. Locally, threads take the next run
// from an atomic counter. Under MPI, every rank (rank 0 included) takes the next run from
// one counter held by rank 0 and updated with MPI_Fetch_and_op: runs go to whichever rank
// is free, not by a fixed stride, so a slow run never holds up a queue behind it.
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace defsim::sweep {

struct SweepCounts {
  std::int64_t already_done = 0;  // verified results found on disk
  std::int64_t completed = 0;     // ran now and succeeded
  std::int64_t failed = 0;        // ran now and failed
  std::int64_t not_run = 0;       // left pending (interrupted, or stopped after a failure)
  std::int64_t interrupted = 0;   // ranks that received SIGINT/SIGTERM
  std::int64_t stopped = 0;       // ranks that stopped on a failure
};

class RunDistribution {
 public:
  virtual ~RunDistribution() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  virtual int local_size() const = 0;  // ranks on this host, for sizing thread pools
  // Replaces every rank's `pending` by rank 0's, so all ranks agree on the work.
  virtual void share(std::vector<std::int64_t>& pending) = 0;
  // Begins handing out positions 0..n-1 (collective).
  virtual void start(std::int64_t n) = 0;
  // The next position to run, or nullopt when none is left. Thread-safe.
  virtual std::optional<std::int64_t> next() = 0;
  // Positions handed out so far, over all ranks (for progress). Thread-safe.
  virtual std::int64_t handed_out() = 0;
  // After this, next() returns nullopt on every rank. Thread-safe.
  virtual void stop_everyone() = 0;
  // Collective: sums `counts` over ranks (the result is valid on rank 0).
  virtual void finish(SweepCounts& counts) = 0;
};

std::unique_ptr<RunDistribution> make_local_distribution();

// The MPI distribution when this process was started by mpirun/srun and defsim was built
// with MPI; nullptr otherwise. Initialises MPI (finalised when the object is destroyed).
std::unique_ptr<RunDistribution> make_mpi_distribution_if_launched();

// True when built with MPI support.
bool built_with_mpi();

}  // namespace defsim::sweep
