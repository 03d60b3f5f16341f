#pragma once
// Declared outputs, in memory: the Recorder folds each simulated day of one replication
// into the output periods of the variables the scenario selected. One Recorder per
// replication, owned by the thread that runs it; all buffers are sized at construction so
// that recording a day never allocates.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/model.hpp"
#include "core/state.hpp"
#include "io/periods.hpp"
#include "io/variables.hpp"

namespace defsim {

class Recorder {
 public:
  // Records selected_variables(model); throws UsageError on an unknown variable name.
  explicit Recorder(const Model& model);

  // Call once per simulated day, in order from day 0, after the day's phases finished
  // (state.day is that day's index). Throws UsageError on a skipped, repeated or
  // out-of-horizon day.
  void record_day(const Model& model, const State& state);

  // Forget everything recorded, to reuse the buffers for the next replication.
  void reset();

  std::size_t variable_count() const { return series_.size(); }
  const VariableDef& variable(std::size_t k) const { return *series_[k].def; }
  Index rows(std::size_t k) const { return series_[k].rows; }
  // Variable k's values, (periods x rows) row-major. Periods not yet complete hold partial
  // sums; read them after complete().
  std::span<const double> values(std::size_t k) const { return series_[k].values; }
  const Periods& periods() const { return periods_; }
  Day days_recorded() const { return next_day_; }
  bool complete() const { return period_ == periods_.size(); }

 private:
  struct Series {
    const VariableDef* def;
    Index rows;
    std::vector<double> values;       // (periods x rows)
    std::vector<double> weight_sum;   // (rows) weighted means: this period's weights so far
    std::vector<std::int32_t> codes;  // (max_period_days x rows) mode: this period's daily codes
  };
  void finish_period(std::size_t p);

  Periods periods_;
  Day max_period_days_ = 0;
  std::vector<Series> series_;
  std::vector<std::int32_t> scratch_;  // (max_period_days) sorting space for the mode
  Day next_day_ = 0;
  std::size_t period_ = 0;  // the period the next day falls in
};

}  // namespace defsim
