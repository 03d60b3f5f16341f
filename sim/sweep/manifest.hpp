#pragma once
// The manifest of a sweep directory: what the sweep is (name, fingerprint, design) and its
// runs with their parameter values (design.csv). Written once, atomically, by whoever
// starts first; every shard, rank and resumed invocation checks that it describes the same
// sweep before touching the directory, and `collect` needs nothing else to merge results.
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "sweep/sweep_plan.hpp"
#include "sweep/sweep_spec.hpp"

namespace defsim::sweep {

struct Manifest {
  std::string name;
  std::string sweep_file;
  std::string scenario_file;
  std::string fingerprint;
  std::string method;          // grid | random | lhs | sobol | morris
  std::int64_t samples = 0;
  int morris_levels = 0;
  int replications = 0;
  std::int64_t runs = 0;
  std::vector<std::string> parameters;  // paths
  std::vector<std::string> metric_families;
  Eigen::MatrixXd values;       // (runs × parameters)
  Eigen::MatrixXd unit_points;  // (runs × parameters)
};

Manifest make_manifest(const SweepSpec& spec, const SweepPlan& plan, int replications);

// Writes DIR/manifest.txt and DIR/design.csv when absent; when present, checks that they
// describe this sweep and throws UsageError naming both fingerprints if not.
void write_or_check_manifest(const std::string& dir, const Manifest& manifest);

// Reads DIR's manifest; throws IoError when it is missing or damaged.
Manifest read_manifest(const std::string& dir);

}  // namespace defsim::sweep
