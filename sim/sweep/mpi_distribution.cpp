// MPI distribution: one int64 counter in a window on rank 0, advanced with MPI_Fetch_and_op
// by every rank's worker threads (serialised per rank by a mutex: MPI_THREAD_SERIALIZED is
// all this needs, and every MPI library provides it).
#include <cstdlib>
#include <mutex>
#include <stdexcept>

#include "sweep/run_distribution.hpp"

#ifdef DEFSIM_HAVE_MPI
#include <mpi.h>
#endif

namespace defsim::sweep {

bool built_with_mpi() {
#ifdef DEFSIM_HAVE_MPI
  return true;
#else
  return false;
#endif
}

#ifdef DEFSIM_HAVE_MPI
namespace {

// mpirun (OpenMPI, MPICH/Hydra) and srun --mpi=pmix/pmi2 each set one of these in every rank.
bool launched_by_mpi() {
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE", "MPI_LOCALNRANKS"}) {
    if (std::getenv(var) != nullptr) return true;
  }
  return false;
}

void check(int status, const char* what) {
  if (status != MPI_SUCCESS) {
    char text[MPI_MAX_ERROR_STRING];
    int length = 0;
    MPI_Error_string(status, text, &length);
    throw std::runtime_error(std::string("MPI: ") + what + " failed: " + std::string(text, static_cast<size_t>(length)));
  }
}

class MpiDistribution final : public RunDistribution {
 public:
  MpiDistribution() {
    int provided = 0;
    check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided), "MPI_Init_thread");
    if (provided < MPI_THREAD_SERIALIZED) {
      MPI_Finalize();
      throw std::runtime_error("MPI: the library does not provide MPI_THREAD_SERIALIZED");
    }
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    MPI_Comm node;
    MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &node);
    MPI_Comm_size(node, &local_size_);
    MPI_Comm_free(&node);
    const MPI_Aint bytes = rank_ == 0 ? static_cast<MPI_Aint>(sizeof(std::int64_t)) : 0;
    check(MPI_Win_allocate(bytes, sizeof(std::int64_t), MPI_INFO_NULL, MPI_COMM_WORLD, &counter_memory_, &window_),
          "MPI_Win_allocate");
    if (rank_ == 0) *counter_memory_ = 0;
    MPI_Barrier(MPI_COMM_WORLD);
    check(MPI_Win_lock_all(0, window_), "MPI_Win_lock_all");
  }

  ~MpiDistribution() override {
    MPI_Win_unlock_all(window_);
    MPI_Win_free(&window_);
    MPI_Finalize();
  }

  int rank() const override { return rank_; }
  int size() const override { return size_; }
  int local_size() const override { return local_size_; }

  void share(std::vector<std::int64_t>& pending) override {
    std::int64_t n = static_cast<std::int64_t>(pending.size());
    check(MPI_Bcast(&n, 1, MPI_INT64_T, 0, MPI_COMM_WORLD), "MPI_Bcast");
    pending.resize(static_cast<size_t>(n));
    if (n > 0) check(MPI_Bcast(pending.data(), static_cast<int>(n), MPI_INT64_T, 0, MPI_COMM_WORLD), "MPI_Bcast");
  }

  void start(std::int64_t n) override {
    total_ = n;
    // The counter starts at 0 (set before the epoch); everyone must know `total_` before anyone takes work.
    check(MPI_Barrier(MPI_COMM_WORLD), "MPI_Barrier");
  }

  std::optional<std::int64_t> next() override {
    const std::int64_t k = fetch_add(1);
    if (k >= total_) return std::nullopt;
    return k;
  }

  std::int64_t handed_out() override {
    std::lock_guard lock(mutex_);
    std::int64_t value = 0;
    check(MPI_Fetch_and_op(nullptr, &value, MPI_INT64_T, 0, 0, MPI_NO_OP, window_), "MPI_Fetch_and_op");
    check(MPI_Win_flush(0, window_), "MPI_Win_flush");
    return std::min(value, total_);
  }

  // Pushes the counter past the end: every later next() on every rank sees no work.
  void stop_everyone() override { fetch_add(total_ + 1); }

  void finish(SweepCounts& counts) override {
    std::int64_t mine[6] = {counts.already_done, counts.completed, counts.failed,
                            counts.not_run,      counts.interrupted, counts.stopped};
    std::int64_t sum[6] = {};
    check(MPI_Reduce(mine, sum, 6, MPI_INT64_T, MPI_SUM, 0, MPI_COMM_WORLD), "MPI_Reduce");
    if (rank_ == 0) counts = {sum[0], sum[1], sum[2], sum[3], sum[4], sum[5]};
    check(MPI_Barrier(MPI_COMM_WORLD), "MPI_Barrier");
  }

 private:
  std::int64_t fetch_add(std::int64_t amount) {
    std::lock_guard lock(mutex_);
    std::int64_t previous = 0;
    check(MPI_Fetch_and_op(&amount, &previous, MPI_INT64_T, 0, 0, MPI_SUM, window_), "MPI_Fetch_and_op");
    check(MPI_Win_flush(0, window_), "MPI_Win_flush");
    return previous;
  }

  int rank_ = 0, size_ = 1, local_size_ = 1;
  std::int64_t total_ = 0;
  std::int64_t* counter_memory_ = nullptr;
  MPI_Win window_ = MPI_WIN_NULL;
  std::mutex mutex_;
};

}  // namespace

std::unique_ptr<RunDistribution> make_mpi_distribution_if_launched() {
  if (!launched_by_mpi()) return nullptr;
  return std::make_unique<MpiDistribution>();
}

#else

std::unique_ptr<RunDistribution> make_mpi_distribution_if_launched() { return nullptr; }

#endif

}  // namespace defsim::sweep
