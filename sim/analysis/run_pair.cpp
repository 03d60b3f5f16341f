#include "analysis/run_pair.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/error.hpp"

namespace defsim {
namespace {

[[noreturn]] void mismatch(const RunFileReader& base, const RunFileReader& scenario,
                           const std::string& detail) {
  throw UsageError(fmt::format("cannot compare {} with {}: {}", base.path(), scenario.path(), detail));
}

void require_same(const RunFileReader& base, const RunFileReader& scenario, const std::string& what,
                  const std::string& base_value, const std::string& scenario_value) {
  if (base_value == scenario_value) return;
  mismatch(base, scenario,
           fmt::format("different {} ('{}' in the baseline, '{}' in the scenario)", what, base_value,
                       scenario_value));
}

// "/index/goods" -> "goods" and "good".
std::string plural_of(const std::string& path) { return path.substr(path.rfind('/') + 1); }
std::string singular_of(const std::string& path) {
  std::string p = plural_of(path);
  if (!p.empty() && p.back() == 's') p.pop_back();
  return p;
}

std::vector<std::uint8_t> recorded(const RunFileReader& file) {
  return file.has_dataset("/replications/recorded") ? file.recorded_replications()
                                                    : std::vector<std::uint8_t>{};
}

}  // namespace

RunPair::RunPair(const std::string& base_path, const std::string& scenario_path)
    : base_(base_path), scenario_(scenario_path) {
  for (const char* attr : {"model_name", "start_date", "frequency"}) {
    require_same(base_, scenario_, attr, base_.string_attribute(attr), scenario_.string_attribute(attr));
  }
  require_same(base_, scenario_, "horizon_days", std::to_string(base_.int_attribute("horizon_days")),
               std::to_string(scenario_.int_attribute("horizon_days")));
  require_same_index("/index/goods");
  goods_ = base_.strings("/index/goods");

  const auto rb = recorded(base_);
  const auto rs = recorded(scenario_);
  for (std::size_t r = 0; r < std::min(rb.size(), rs.size()); ++r) {
    if (rb[r] != 0 && rs[r] != 0) pairs_.push_back(r);
  }
  if (pairs_.empty()) {
    const bool base_empty = std::none_of(rb.begin(), rb.end(), [](std::uint8_t v) { return v != 0; });
    const bool scenario_empty = std::none_of(rs.begin(), rs.end(), [](std::uint8_t v) { return v != 0; });
    if (base_empty || scenario_empty) {
      throw UsageError(fmt::format("cannot compare {}: it holds no recorded replication",
                                   base_empty ? base_.path() : scenario_.path()));
    }
    mismatch(base_, scenario_, "no replication index is recorded in both files, so none can be paired");
  }

  const Array first = base_.read("/time/period_first_day");
  const Array last = base_.read("/time/period_last_day");
  const Array days = base_.read("/time/days_in_period");
  periods_.start_date = base_.strings("/time/period_start_date");
  for (std::size_t p = 0; p < first.size(); ++p) {
    periods_.first_day.push_back(std::lround(first.values[p]));
    periods_.last_day.push_back(std::lround(last.values[p]));
    periods_.days.push_back(days.values[p]);
  }
}

bool RunPair::has_variable(const std::string& name) const {
  return base_.has_dataset("/" + name) && scenario_.has_dataset("/" + name);
}

void RunPair::require_same_index(const std::string& path) const {
  if (checked_indices_.count(path) != 0) return;
  const auto a = base_.strings(path);
  const auto b = scenario_.strings(path);
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    if (a[i] != b[i]) {
      mismatch(base_, scenario_,
               fmt::format("different {} ({} {} is '{}' in the baseline, '{}' in the scenario)",
                           plural_of(path), singular_of(path), i, a[i], b[i]));
    }
  }
  if (a.size() != b.size()) {
    mismatch(base_, scenario_,
             fmt::format("different {} ({} in the baseline, {} in the scenario)", plural_of(path), a.size(),
                         b.size()));
  }
  checked_indices_.insert(path);
}

std::vector<std::string> RunPair::index_strings(const std::string& path) const {
  require_same_index(path);
  return base_.strings(path);
}

std::vector<long> RunPair::index_ints(const std::string& path) const {
  const Array a = base_.read(path);
  const Array b = scenario_.read(path);
  if (a.values != b.values) mismatch(base_, scenario_, fmt::format("different {}", path));
  std::vector<long> out;
  out.reserve(a.size());
  for (double v : a.values) out.push_back(std::lround(v));
  return out;
}

PairedSeries RunPair::read(const std::string& name) const {
  const std::string path = "/" + name;
  for (const RunFileReader* f : {&base_, &scenario_}) {
    if (!f->has_dataset(path)) {
      throw UsageError(fmt::format("cannot compare {}: {} was not recorded (add it to output.variables)",
                                   f->path(), name));
    }
  }
  const std::string index = base_.dataset_string_attribute(path, "index");
  require_same(base_, scenario_, "rows of " + name, index, scenario_.dataset_string_attribute(path, "index"));
  require_same_index(index);

  PairedSeries s;
  s.unit = base_.dataset_string_attribute(path, "unit");
  s.row_names = base_.strings(index);
  s.pairs = pairs_.size();
  s.periods = periods_.size();
  s.rows = s.row_names.size();
  const std::size_t block = s.periods * s.rows;
  for (const RunFileReader* f : {&base_, &scenario_}) {
    const Array a = f->read(path);
    if (a.dims.size() != 3 || a.dims[1] != s.periods || a.dims[2] != s.rows) {
      throw IoError(fmt::format("run file {}: {} does not have shape (replications, {}, {})", f->path(), name,
                                s.periods, s.rows));
    }
    auto& out = f == &base_ ? s.base : s.scenario;
    out.reserve(s.pairs * block);
    for (std::size_t r : pairs_) {
      out.insert(out.end(), a.values.begin() + static_cast<std::ptrdiff_t>(r * block),
                 a.values.begin() + static_cast<std::ptrdiff_t>((r + 1) * block));
    }
  }
  return s;
}

}  // namespace defsim
