#pragma once
// Summary metrics of one replication, accumulated day by day while it runs, so a sweep
// keeps a few numbers per run instead of full time series. Families expand to one metric
// per good where that makes sense ("deliveries" -> "deliveries.missiles", ...).
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/state.hpp"

namespace defsim::sweep {

// Valid family names, in documentation order:
//   deliveries    per final good: units delivered to the state in the window
//   shortfall     per final good: units ordered by the state minus units delivered in the window
//   import_bill   USD paid for imports in the window, all goods
//   employment    mean defense workers (experienced + trainees, all plants) over the window
//   output        per good made by domestic plants: units produced in the window
//   import_price  per imported good: mean over the window of the average price paid, USD/unit
const std::vector<std::string>& metric_families();
const std::vector<std::string>& default_metric_families();

class MetricAccumulator {
 public:
  // Days in [window_begin, window_end) count; others are ignored.
  MetricAccumulator(const Model& model, const std::vector<std::string>& families, Day window_begin, Day window_end);

  // Files the day just simulated; call after step_day (state.day is then one past it).
  void observe(const Model& model, const State& state);

  const std::vector<std::string>& names() const { return names_; }
  std::vector<double> values() const;

 private:
  enum class Kind { deliveries, shortfall, import_bill, employment, output, import_price };
  struct Metric {
    Kind kind;
    Index good;  // kNone for totals
  };
  std::vector<Metric> metrics_;
  std::vector<std::string> names_;
  std::vector<double> sums_;
  Day begin_, end_;
  Day days_seen_ = 0;
};

}  // namespace defsim::sweep
