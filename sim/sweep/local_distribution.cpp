// Threads of one process share an atomic counter over the pending runs.
#include <atomic>

#include "sweep/run_distribution.hpp"

namespace defsim::sweep {
namespace {

class LocalDistribution final : public RunDistribution {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  int local_size() const override { return 1; }
  void share(std::vector<std::int64_t>&) override {}
  void start(std::int64_t n) override {
    total_ = n;
    position_.store(0);
  }
  std::optional<std::int64_t> next() override {
    const std::int64_t k = position_.fetch_add(1);
    if (k >= total_) return std::nullopt;
    return k;
  }
  std::int64_t handed_out() override { return std::min(position_.load(), total_); }
  void stop_everyone() override { position_.store(total_); }
  void finish(SweepCounts&) override {}

 private:
  std::int64_t total_ = 0;
  std::atomic<std::int64_t> position_{0};
};

}  // namespace

std::unique_ptr<RunDistribution> make_local_distribution() { return std::make_unique<LocalDistribution>(); }

}  // namespace defsim::sweep
