#include "sweep/sweep_summary.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>

#include "core/error.hpp"
#include "io/csv_cell.hpp"
#include "io/hdf5.hpp"
#include "sweep/atomic_file.hpp"
#include "sweep/run_result.hpp"

namespace defsim::sweep {
namespace fs = std::filesystem;

SweepSummary collect_sweep(const std::string& dir) {
  SweepSummary s;
  s.manifest = read_manifest(dir);
  const auto runs = s.manifest.runs;
  const int reps = s.manifest.replications;
  s.ok.assign(static_cast<size_t>(runs), 0);
  s.errors.assign(static_cast<size_t>(runs), "");
  s.seconds.assign(static_cast<size_t>(runs), 0.0);
  s.state_hashes.assign(static_cast<size_t>(runs * reps), 0);
  std::vector<RunResult> results(static_cast<size_t>(runs));
  std::vector<std::string> missing;
  std::int64_t missing_count = 0;
  for (std::int64_t run = 0; run < runs; ++run) {
    std::string why;
    auto result = read_run_result(run_result_path(dir, run), run, s.manifest.fingerprint, &why);
    if (!result) {
      if (++missing_count <= 20) missing.push_back(fmt::format("run {} ({})", run, why));
      continue;
    }
    if (result->status == RunStatus::ok && s.metric_names.empty()) s.metric_names = result->metric_names;
    results[static_cast<size_t>(run)] = std::move(*result);
  }
  if (missing_count > 0) {
    std::string list;
    for (const auto& m : missing) list += "\n  " + m;
    if (missing_count > 20) list += fmt::format("\n  ... and {} more", missing_count - 20);
    throw UsageError(fmt::format("{}: {} of {} runs have no verified result:{}\nRerun the same `defsim sweep` "
                                 "command (or the failed shards) to finish them, then collect again.",
                                 dir, missing_count, runs, list));
  }
  const auto m = static_cast<Eigen::Index>(s.metric_names.size());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  s.metrics.setConstant(runs, m, nan);
  s.by_replication.assign(static_cast<size_t>(runs * reps * m), nan);
  for (std::int64_t run = 0; run < runs; ++run) {
    const auto& r = results[static_cast<size_t>(run)];
    s.seconds[static_cast<size_t>(run)] = r.seconds;
    if (r.status != RunStatus::ok) {
      s.errors[static_cast<size_t>(run)] = r.error;
      continue;
    }
    if (r.metric_names != s.metric_names || static_cast<int>(r.metrics.size()) != reps) {
      throw IoError(fmt::format("{}: run {} has other metrics or replications than run 0; was the directory "
                                "shared by two different builds?",
                                dir, run));
    }
    s.ok[static_cast<size_t>(run)] = 1;
    for (int rep = 0; rep < reps; ++rep) {
      s.state_hashes[static_cast<size_t>(run * reps + rep)] = r.state_hashes[static_cast<size_t>(rep)];
      for (Eigen::Index k = 0; k < m; ++k) {
        s.by_replication[static_cast<size_t>((run * reps + rep) * m + k)] = r.metrics[static_cast<size_t>(rep)][static_cast<size_t>(k)];
      }
    }
    for (Eigen::Index k = 0; k < m; ++k) {
      double sum = 0.0;
      for (int rep = 0; rep < reps; ++rep) sum += r.metrics[static_cast<size_t>(rep)][static_cast<size_t>(k)];
      s.metrics(run, k) = sum / reps;
    }
  }
  return s;
}

void write_summary_csv(const std::string& path, const SweepSummary& s) {
  std::string out = "run,status";
  for (const auto& p : s.manifest.parameters) out += "," + csv_cell(p);
  for (const auto& m : s.metric_names) out += "," + csv_cell(m);
  out += ",error\n";
  for (Eigen::Index run = 0; run < s.manifest.runs; ++run) {
    const bool ok = s.ok[static_cast<size_t>(run)] != 0;
    out += fmt::format("{},{}", run, ok ? "ok" : "failed");
    for (Eigen::Index j = 0; j < s.manifest.values.cols(); ++j) out += fmt::format(",{}", s.manifest.values(run, j));
    for (Eigen::Index k = 0; k < s.metrics.cols(); ++k) {
      out += ok ? fmt::format(",{}", s.metrics(run, k)) : std::string(",");
    }
    out += "," + csv_cell(s.errors[static_cast<size_t>(run)]) + "\n";
  }
  write_file_atomically(path, out);
}

namespace {

std::vector<double> row_major(const Eigen::MatrixXd& m) {
  std::vector<double> out(static_cast<size_t>(m.size()));
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    for (Eigen::Index c = 0; c < m.cols(); ++c) out[static_cast<size_t>(r * m.cols() + c)] = m(r, c);
  }
  return out;
}

Eigen::MatrixXd matrix_from(const std::vector<double>& v, const std::vector<std::size_t>& dims, const std::string& what) {
  if (dims.size() != 2 || dims[0] * dims[1] != v.size()) throw IoError(what + ": expected a 2-D dataset");
  Eigen::MatrixXd m(static_cast<Eigen::Index>(dims[0]), static_cast<Eigen::Index>(dims[1]));
  for (size_t r = 0; r < dims[0]; ++r) {
    for (size_t c = 0; c < dims[1]; ++c) m(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = v[r * dims[1] + c];
  }
  return m;
}

}  // namespace

void write_summary_h5(const std::string& path, const SweepSummary& s) {
  const std::string context = "sweep summary " + path;
  const std::string temp = fmt::format("{}.tmp.{}", path, ::getpid());
  const auto& man = s.manifest;
  const auto runs = static_cast<std::size_t>(man.runs);
  const auto d = man.parameters.size();
  const auto m = s.metric_names.size();
  const auto reps = static_cast<std::size_t>(man.replications);
  try {
    h5::Lock lock;
    h5::Handle fapl = h5::file_access(context);
    h5::Handle file = h5::owned(H5Fcreate(temp.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get()), H5Fclose, context,
                                "cannot create " + temp);
    const hid_t f = file.get();
    h5::write_attribute(f, "format", std::string("defsim sweep summary 1"), context);
    h5::write_attribute(f, "name", man.name, context);
    h5::write_attribute(f, "sweep_file", man.sweep_file, context);
    h5::write_attribute(f, "scenario", man.scenario_file, context);
    h5::write_attribute(f, "fingerprint", man.fingerprint, context);
    h5::write_attribute(f, "method", man.method, context);
    h5::write_attribute(f, "samples", static_cast<std::uint64_t>(man.samples), context);
    h5::write_attribute(f, "morris_levels", static_cast<std::int32_t>(man.morris_levels), context);
    h5::write_attribute(f, "replications", static_cast<std::int32_t>(man.replications), context);
    h5::write_attribute(f, "metric_families", man.metric_families, context);
    h5::write_dataset(f, "parameter_names", man.parameters, context);
    h5::write_dataset(f, "metric_names", s.metric_names, context);
    h5::write_dataset(f, "parameters", row_major(man.values), {runs, d}, context);
    h5::write_dataset(f, "unit_points", row_major(man.unit_points), {runs, d}, context);
    h5::write_dataset(f, "metrics", row_major(s.metrics), {runs, m}, context);
    h5::write_dataset(f, "metrics_by_replication", s.by_replication, {runs, reps, m}, context);
    h5::write_dataset(f, "ok", s.ok, context);
    h5::write_dataset(f, "errors", s.errors, context);
    h5::write_dataset(f, "seconds", s.seconds, {runs}, context);
    h5::write_dataset(f, "state_hashes", s.state_hashes, context);
    h5::check_status(file.close(), context, "cannot close " + temp);
  } catch (...) {
    std::remove(temp.c_str());
    throw;
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    throw IoError(context + ": cannot rename " + temp + " to " + path);
  }
}

SweepSummary read_summary_h5(const std::string& path) {
  const std::string context = "sweep summary " + path;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw IoError(context + ": no such file");
  h5::Lock lock;
  h5::Handle fapl = h5::file_access(context);
  h5::Handle file = h5::owned(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get()), H5Fclose, context,
                              "cannot open (not an HDF5 file?)");
  const hid_t f = file.get();
  if (!h5::has_attribute(f, "format", context) ||
      h5::read_string_attribute(f, "format", context) != "defsim sweep summary 1") {
    throw IoError(context + ": not a defsim sweep summary (written by `defsim collect`)");
  }
  SweepSummary s;
  auto& man = s.manifest;
  man.name = h5::read_string_attribute(f, "name", context);
  man.sweep_file = h5::read_string_attribute(f, "sweep_file", context);
  man.scenario_file = h5::read_string_attribute(f, "scenario", context);
  man.fingerprint = h5::read_string_attribute(f, "fingerprint", context);
  man.method = h5::read_string_attribute(f, "method", context);
  man.samples = static_cast<std::int64_t>(h5::read_uint_attribute(f, "samples", context));
  man.morris_levels = static_cast<int>(h5::read_int_attribute(f, "morris_levels", context));
  man.replications = static_cast<int>(h5::read_int_attribute(f, "replications", context));
  man.metric_families = h5::read_strings_attribute(f, "metric_families", context);
  man.parameters = h5::read_strings(f, "parameter_names", context);
  s.metric_names = h5::read_strings(f, "metric_names", context);
  std::vector<std::size_t> dims;
  man.values = matrix_from(h5::read_doubles(f, "parameters", dims, context), dims, context + ": parameters");
  man.unit_points = matrix_from(h5::read_doubles(f, "unit_points", dims, context), dims, context + ": unit_points");
  man.runs = man.values.rows();
  s.metrics = matrix_from(h5::read_doubles(f, "metrics", dims, context), dims, context + ": metrics");
  s.by_replication = h5::read_doubles(f, "metrics_by_replication", dims, context);
  for (double v : h5::read_doubles(f, "ok", dims, context)) s.ok.push_back(v != 0.0 ? 1 : 0);
  s.errors = h5::read_strings(f, "errors", context);
  s.seconds = h5::read_doubles(f, "seconds", dims, context);
  return s;
}

}  // namespace defsim::sweep
