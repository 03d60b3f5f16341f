#pragma once
// `defsim analyze`: sensitivity indices of every metric of a collected sweep with respect to
// its parameters: Sobol' first-order and total indices for a sobol design, Morris μ*, μ and σ
// for a morris design, each with bootstrap intervals and a warning where the sample is too
// small for the interval to tell an influential parameter from an idle one.
#include <string>
#include <vector>

#include "analysis/sensitivity.hpp"
#include "sweep/sweep_summary.hpp"

namespace defsim::sweep {

struct AnalysisOptions {
  std::string method;                // "sobol" or "morris": must match the sweep's design
  std::vector<std::string> metrics;  // empty: every metric
  int resamples = 1000;
  double confidence = 0.95;
  std::uint64_t seed = 1;
};

struct MetricSensitivity {
  std::string metric;
  SobolResult sobol;    // method sobol
  MorrisResult morris;  // method morris
};

// Throws UsageError when the design does not support the method, a metric is unknown, or
// runs failed (the estimators need every run of the design).
std::vector<MetricSensitivity> analyze_sweep(const SweepSummary& summary, const AnalysisOptions& options);

enum class AnalysisFormat { table, csv };
std::string format_analysis(const SweepSummary& summary, const AnalysisOptions& options,
                            const std::vector<MetricSensitivity>& results, AnalysisFormat format);

}  // namespace defsim::sweep
