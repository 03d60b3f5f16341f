#include "io/run_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <type_traits>

#include "core/error.hpp"
#include "defsim_version.hpp"
#include "io/chunk_codec.hpp"
#include "io/hdf5.hpp"

namespace defsim {
namespace {

static_assert(std::is_same_v<hid_t, std::int64_t>, "RunFileWriter stores the file id as int64");

constexpr const char* kFormat = "defsim-run";
constexpr std::int32_t kFormatVersion = 1;
constexpr std::int32_t kCodeFill = -1;
// Target chunk size: 16384 values (128 KiB of doubles) is large enough for gzip to work
// well and small enough that reading one plant's series does not decompress the world.
constexpr hsize_t kChunkValues = 16384;
constexpr hsize_t kChunkRowsMax = 4096;
// Up to this many plants every file names all plants, inputs and capital rows; above it only
// the axes a recorded variable uses (docs/OUTPUT.md, /index).
constexpr Index kPlantIndexAlwaysUpTo = 10'000;

std::string parent_directory(const std::string& path) {
  const auto parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

void check_target(const std::string& final_path) {
  namespace fs = std::filesystem;
  const std::string dir = parent_directory(final_path);
  std::error_code ec;
  const auto status = fs::status(dir, ec);
  if (!fs::exists(status)) {
    throw IoError(fmt::format("cannot write run file {}: directory {} does not exist", final_path, dir));
  }
  if (!fs::is_directory(status)) {
    throw IoError(fmt::format("cannot write run file {}: {} is not a directory", final_path, dir));
  }
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    throw IoError(fmt::format("cannot write run file {}: directory {} is not writable ({})", final_path, dir,
                              std::strerror(errno)));
  }
  if (fs::is_directory(fs::status(final_path, ec))) {
    throw IoError(fmt::format("cannot write run file {}: a directory has that name", final_path));
  }
}

std::string temp_name(const std::string& final_path) {
  static std::atomic<unsigned> counter{0};
  return fmt::format("{}.tmp.{}.{}", final_path, static_cast<long>(::getpid()), counter.fetch_add(1));
}

// Temporary files of this output left by runs that were killed (SIGKILL, power loss): their
// writer's process is gone, so nobody will commit or delete them. Files of live processes,
// say another run writing the same name right now, are left alone. Same host assumed: on a
// shared file system a pid may belong to another machine, so only names written by this
// host's pid namespace are judged, and a live pid is always respected.
void remove_abandoned_temporaries(const std::string& final_path) {
  namespace fs = std::filesystem;
  const fs::path target(final_path);
  const std::string prefix = target.filename().string() + ".tmp.";
  std::error_code ec;
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string rest = name.substr(prefix.size());
    long pid = 0;
    const auto [end, err] = std::from_chars(rest.data(), rest.data() + rest.size(), pid);
    if (err != std::errc() || end == rest.data() || *end != '.' || pid <= 0) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
    fs::remove(entry.path(), ec);
  }
}

// Forces the file's data to stable storage before the rename makes it visible, so a crash
// cannot leave a complete-looking name over incomplete data. NFS reports a full disk only
// here, at the latest.
void sync_file(const std::string& path, const std::string& context) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw IoError(fmt::format("{}: cannot reopen {} to sync it: {}", context, path, std::strerror(errno)));
  }
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw IoError(fmt::format("{}: cannot sync {}: {}", context, path, std::strerror(err)));
}

// Best effort: makes the rename itself durable. Some filesystems refuse fsync on
// directories; the file is already complete, so that is not an error.
void sync_directory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

std::vector<std::int32_t> to_int32(const std::vector<Index>& rows) { return {rows.begin(), rows.end()}; }

template <class T, class F>
std::vector<std::string> names_of(const std::vector<T>& items, F name) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const auto& item : items) out.emplace_back(name(item));
  return out;
}

std::string_view precision_name(const OutputSpec& spec) {
  return spec.single_precision ? "single" : "double";
}

}  // namespace

RunFileWriter::RunFileWriter(std::string final_path, const Model& model, const RunInfo& info)
    : final_path_(std::move(final_path)),
      context_("run file " + final_path_),
      info_(info),
      seed_(model.run.seed),
      replications_(model.run.replications) {
  if (replications_ < 1) {
    throw UsageError(fmt::format("{}: replications must be at least 1, got {}", context_, replications_));
  }
  const int level = model.run.output.compression;
  if (level < 0 || level > 9) {
    throw UsageError(
        fmt::format("{}: output.compression must be a gzip level 0..9, got {}", context_, level));
  }
  check_target(final_path_);
  remove_abandoned_temporaries(final_path_);
  temp_path_ = temp_name(final_path_);
  periods_ = make_periods(model.run.calendar, model.run.output.frequency).size();
  for (const VariableDef* def : selected_variables(model)) {
    datasets_.push_back({def, axis_rows(model, def->axis), "/" + def->path()});
  }
  diagnostics_.resize(static_cast<std::size_t>(replications_));
  recorded_.assign(static_cast<std::size_t>(replications_), 0);

  h5::Lock lock;
  h5::Handle fapl = h5::file_access(context_);
  file_ = h5::check_id(H5Fcreate(temp_path_.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, fapl.get()), context_,
                       "cannot create temporary file " + temp_path_);
  try {
    write_header(model);
  } catch (...) {
    discard();
    throw;
  }
}

RunFileWriter::~RunFileWriter() {
  if (!committed_) discard();
}

void RunFileWriter::discard() noexcept {
  h5::Lock lock;
  if (file_ >= 0) {
    H5Fclose(file_);
    H5Eclear2(H5E_DEFAULT);
    file_ = -1;
  }
  if (!temp_path_.empty()) std::remove(temp_path_.c_str());
}

void RunFileWriter::write_header(const Model& model) {
  using h5::Handle;
  const std::string& ctx = context_;
  const hid_t root = file_;
  const RunSettings& run = model.run;

  h5::write_attribute(root, "format", std::string(kFormat), ctx);
  h5::write_attribute(root, "format_version", kFormatVersion, ctx);
  h5::write_attribute(root, "defsim_version", std::string(DEFSIM_VERSION), ctx);
  h5::write_attribute(root, "git_commit", std::string(DEFSIM_GIT_COMMIT), ctx);
  h5::write_attribute(root, "scenario_name", run.scenario_name, ctx);
  h5::write_attribute(root, "scenario_file", run.scenario_file, ctx);
  h5::write_attribute(root, "scenario_description", run.description, ctx);
  h5::write_attribute(root, "scenario_hash", run.scenario_hash, ctx);
  h5::write_attribute(root, "model_name", run.model_name, ctx);
  h5::write_attribute(root, "seed", static_cast<std::uint64_t>(run.seed), ctx);
  h5::write_attribute(root, "replications", static_cast<std::int32_t>(run.replications), ctx);
  h5::write_attribute(root, "stochastic", static_cast<std::uint8_t>(run.stochastic ? 1 : 0), ctx);
  h5::write_attribute(root, "start_date", to_string(run.calendar.start()), ctx);
  h5::write_attribute(root, "horizon_days", static_cast<std::int32_t>(run.calendar.horizon_days()), ctx);
  h5::write_attribute(root, "frequency", std::string(to_string(run.output.frequency)), ctx);
  h5::write_attribute(root, "precision", std::string(precision_name(run.output)), ctx);

  {
    Handle group = h5::create_group(root, "provenance", ctx);
    h5::write_scalar_string(group.get(), "resolved_scenario", run.resolved_yaml, ctx);
  }

  {
    Handle g = h5::create_group(root, "index", ctx);
    const hid_t idx = g.get();
    const auto n_goods = static_cast<std::size_t>(model.goods.size());
    h5::write_dataset(idx, "goods", model.goods.name, ctx);
    h5::write_dataset(idx, "goods_kind", names_of(model.goods.kind, [](GoodKind k) { return to_string(k); }),
                      ctx);
    std::vector<std::string> units = model.goods.unit;
    units.resize(n_goods);
    h5::write_dataset(idx, "goods_unit", units, ctx);

    // Plant-level indexes (plants, inputs, capital) of a large synthetic economy are written
    // only if a recorded variable has those rows: 10^6 plants would mean 10^7 names.
    bool uses_plants = false, uses_inputs = false, uses_capital = false;
    for (const VariableDef* v : selected_variables(model)) {
      uses_plants |= v->axis == Axis::plants || v->axis == Axis::slots || v->axis == Axis::capital;
      uses_inputs |= v->axis == Axis::slots;
      uses_capital |= v->axis == Axis::capital;
    }
    const bool small = model.plants.size() <= kPlantIndexAlwaysUpTo;
    if (small || uses_plants) {
      h5::write_dataset(idx, "plants", model.plants.name, ctx);
      h5::write_dataset(idx, "plant_good", to_int32(model.plants.good), ctx);
      h5::write_dataset(idx, "plant_region", to_int32(model.plants.region), ctx);
    }

    h5::write_dataset(idx, "routes", model.routes.name, ctx);
    h5::write_dataset(idx, "route_good", to_int32(model.routes.good), ctx);
    h5::write_dataset(idx, "route_origin",
                      names_of(model.routes.origin,
                               [&](Index o) { return model.origins.name[static_cast<std::size_t>(o)]; }),
                      ctx);
    h5::write_dataset(idx, "route_corridor", model.routes.corridor, ctx);

    h5::write_dataset(idx, "regions", model.regions.name, ctx);
    h5::write_dataset(idx, "origins", model.origins.name, ctx);

    if (small || uses_inputs) {
    std::vector<std::string> inputs;
    inputs.reserve(static_cast<std::size_t>(model.slots.size()));
    for (Index s = 0; s < model.slots.size(); ++s) {
      const auto row = static_cast<std::size_t>(s);
      inputs.push_back(model.plants.name[static_cast<std::size_t>(model.slots.plant[row])] + "/" +
                       model.goods.name[static_cast<std::size_t>(model.slots.good[row])]);
    }
    h5::write_dataset(idx, "inputs", inputs, ctx);
    h5::write_dataset(idx, "input_plant", to_int32(model.slots.plant), ctx);
    h5::write_dataset(idx, "input_good", to_int32(model.slots.good), ctx);
    h5::write_dataset(idx, "input_kind", names_of(model.slots.kind, [](SlotKind k) { return to_string(k); }),
                      ctx);
    }

    // Capital by origin: plant-major rows, as in State.
    if (small || uses_capital) {
    std::vector<std::string> capital;
    std::vector<std::int32_t> capital_plant, capital_origin;
    for (Index i = 0; i < model.plants.size(); ++i) {
      for (Index o = 0; o < model.n_origins(); ++o) {
        capital.push_back(model.plants.name[static_cast<std::size_t>(i)] + "/" +
                          model.origins.name[static_cast<std::size_t>(o)]);
        capital_plant.push_back(i);
        capital_origin.push_back(o);
      }
    }
    h5::write_dataset(idx, "capital", capital, ctx);
    h5::write_dataset(idx, "capital_plant", capital_plant, ctx);
    h5::write_dataset(idx, "capital_origin", capital_origin, ctx);
    }
  }

  {
    const Periods periods = make_periods(run.calendar, run.output.frequency);
    std::vector<std::int32_t> days(periods.size());
    std::vector<std::string> dates;
    for (std::size_t p = 0; p < periods.size(); ++p) {
      days[p] = periods.days(p);
      dates.push_back(to_string(run.calendar.date_of(periods.first[p])));
    }
    Handle g = h5::create_group(root, "time", ctx);
    h5::write_dataset(g.get(), "period_first_day",
                      std::vector<std::int32_t>(periods.first.begin(), periods.first.end()), ctx);
    h5::write_dataset(g.get(), "period_last_day",
                      std::vector<std::int32_t>(periods.last.begin(), periods.last.end()), ctx);
    h5::write_dataset(g.get(), "period_start_date", dates, ctx);
    h5::write_dataset(g.get(), "days_in_period", days, ctx);
  }

  // Variable datasets, created up front with fill values so that a replication that is
  // never written reads as NaN (codes: -1) rather than as a plausible zero.
  std::vector<std::string> groups;
  for (const auto& d : datasets_) {
    if (std::find(groups.begin(), groups.end(), d.def->group) == groups.end()) {
      groups.push_back(d.def->group);
      h5::create_group(root, d.def->group, ctx);
    }
  }
  const int level = run.output.compression;
  for (auto& d : datasets_) {
    const VariableDef& v = *d.def;
    const std::array<hsize_t, 3> dims = {static_cast<hsize_t>(replications_), static_cast<hsize_t>(periods_),
                                         static_cast<hsize_t>(d.rows)};
    Handle space =
        h5::owned(H5Screate_simple(3, dims.data(), nullptr), H5Sclose, ctx, "cannot create a dataspace");
    Handle dcpl = h5::owned(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, ctx, "cannot create dataset properties");
    // Chunks need every extent positive; an empty axis (a model without routes) stays contiguous.
    if (dims[1] > 0 && dims[2] > 0) {
      const hsize_t rows_chunk = std::min<hsize_t>(dims[2], kChunkRowsMax);
      const hsize_t periods_chunk =
          std::min<hsize_t>(dims[1], std::max<hsize_t>(1, kChunkValues / rows_chunk));
      const std::array<hsize_t, 3> chunk = {1, periods_chunk, rows_chunk};
      d.layout = ChunkLayout{.periods = periods_,
                             .rows = static_cast<std::size_t>(d.rows),
                             .periods_chunk = periods_chunk,
                             .rows_chunk = rows_chunk,
                             .element = v.is_code                   ? ChunkElement::i32
                                        : run.output.single_precision ? ChunkElement::f32
                                                                      : ChunkElement::f64,
                             .deflate_level = level};
      h5::check_status(H5Pset_chunk(dcpl.get(), 3, chunk.data()), ctx, "cannot set chunking of " + d.path);
      if (level > 0) {
        h5::check_status(H5Pset_shuffle(dcpl.get()), ctx, "cannot set the shuffle filter of " + d.path);
        h5::check_status(H5Pset_deflate(dcpl.get(), static_cast<unsigned>(level)), ctx,
                         "cannot set gzip compression of " + d.path);
      }
    }
    hid_t file_type = H5T_IEEE_F64LE;
    if (v.is_code) {
      file_type = H5T_STD_I32LE;
      h5::check_status(H5Pset_fill_value(dcpl.get(), H5T_NATIVE_INT32, &kCodeFill), ctx,
                       "cannot set the fill value of " + d.path);
    } else {
      if (run.output.single_precision) file_type = H5T_IEEE_F32LE;
      const double nan = std::numeric_limits<double>::quiet_NaN();
      h5::check_status(H5Pset_fill_value(dcpl.get(), H5T_NATIVE_DOUBLE, &nan), ctx,
                       "cannot set the fill value of " + d.path);
    }
    Handle dset = h5::owned(
        H5Dcreate2(root, d.path.c_str(), file_type, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
        H5Dclose, ctx, "cannot create dataset " + d.path);
    h5::write_attribute(dset.get(), "unit", v.unit, ctx);
    h5::write_attribute(dset.get(), "description", v.description, ctx);
    h5::write_attribute(dset.get(), "aggregation", std::string(to_string(v.agg)), ctx);
    h5::write_attribute(dset.get(), "axis", std::string(to_string(v.axis)), ctx);
    h5::write_attribute(dset.get(), "index", std::string(axis_index_path(v.axis)), ctx);
    if (v.is_code && v.code_names != nullptr) {
      h5::write_attribute(dset.get(), "codes", v.code_names(model), ctx);
    }
    h5::check_status(dset.close(), ctx, "cannot close dataset " + d.path);
  }
}

void RunFileWriter::require_usable(const char* operation) const {
  if (committed_) throw UsageError(fmt::format("{}: {} after commit", context_, operation));
  if (spent_) throw UsageError(fmt::format("{}: {} after a failed commit", context_, operation));
}

void RunFileWriter::write_replication(int replication, const Recorder& recorder,
                                      const Diagnostics& diagnostics) {
  const auto rep = static_cast<std::size_t>(replication);
  auto require_unwritten = [&] {
    require_usable("write_replication");
    if (replication < 0 || replication >= replications_) {
      throw UsageError(
          fmt::format("{}: replication {} is out of range 0..{}", context_, replication, replications_ - 1));
    }
    if (recorded_[rep] != 0) {
      throw UsageError(fmt::format("{}: replication {} was already written", context_, replication));
    }
  };
  {
    h5::Lock lock;
    require_unwritten();
  }
  if (!recorder.complete()) {
    throw UsageError(
        fmt::format("{}: replication {} recorded only {} days; a run file takes complete replications",
                    context_, replication, recorder.days_recorded()));
  }
  bool matches = recorder.variable_count() == datasets_.size() && recorder.periods().size() == periods_;
  for (std::size_t k = 0; matches && k < datasets_.size(); ++k) {
    matches = &recorder.variable(k) == datasets_[k].def && recorder.rows(k) == datasets_[k].rows;
  }
  if (!matches) {
    throw UsageError(
        fmt::format("{}: replication {}: the recorder was built for a different model or output spec",
                    context_, replication));
  }

  // Compression is most of the cost of output; it runs here, outside HDF5's lock, so the
  // replications finishing on other threads compress at the same time.
  std::vector<std::vector<EncodedChunk>> encoded(datasets_.size());
  for (std::size_t k = 0; k < datasets_.size(); ++k) {
    try {
      encode_chunks(recorder.values(k), datasets_[k].layout, encoded[k]);
    } catch (const std::runtime_error& e) {
      throw IoError(fmt::format("{}: replication {} of dataset {}: {}", context_, replication, datasets_[k].path,
                                e.what()));
    }
  }

  h5::Lock lock;
  require_unwritten();
  const std::string& ctx = context_;
  for (std::size_t k = 0; k < datasets_.size(); ++k) {
    const Dataset& d = datasets_[k];
    if (encoded[k].empty()) continue;
    h5::Handle dset =
        h5::owned(H5Dopen2(file_, d.path.c_str(), H5P_DEFAULT), H5Dclose, ctx, "cannot open dataset " + d.path);
    const std::string what = fmt::format("cannot write replication {} of dataset {}", replication, d.path);
    for (const EncodedChunk& chunk : encoded[k]) {
      const std::array<hsize_t, 3> offset = {static_cast<hsize_t>(replication), chunk.period_offset,
                                             chunk.row_offset};
      // Filter mask 0: every filter of the dataset's pipeline was applied.
      h5::check_status(H5Dwrite_chunk(dset.get(), H5P_DEFAULT, 0, offset.data(), chunk.bytes.size(),
                                      chunk.bytes.data()),
                       ctx, what);
    }
    // Closing writes the dataset's metadata and can fail like a write.
    h5::check_status(dset.close(), ctx, what);
  }
  diagnostics_[rep] = diagnostics;
  recorded_[rep] = 1;
}

void RunFileWriter::commit(const RunInfo& info) {
  h5::Lock lock;
  require_usable("commit");
  spent_ = true;
  const std::string& ctx = context_;
  const hid_t root = file_;

  RunInfo merged = info_;
  if (info.threads != RunInfo{}.threads) merged.threads = info.threads;
  merged.finished_utc = info.finished_utc;
  if (!info.started_utc.empty()) merged.started_utc = info.started_utc;
  if (!info.host.empty()) merged.host = info.host;
  if (!info.command_line.empty()) merged.command_line = info.command_line;
  h5::write_attribute(root, "threads", static_cast<std::int32_t>(merged.threads), ctx);
  h5::write_attribute(root, "started_utc", merged.started_utc, ctx);
  h5::write_attribute(root, "finished_utc", merged.finished_utc, ctx);
  h5::write_attribute(root, "host", merged.host, ctx);
  h5::write_attribute(root, "command_line", merged.command_line, ctx);

  {
    h5::Handle g = h5::create_group(root, "diagnostics", ctx);
    for (std::size_t a = 0; a < kAnomalyNames.size(); ++a) {
      std::vector<std::uint64_t> counts;
      for (const auto& d : diagnostics_) counts.push_back(d.counts[a]);
      h5::write_dataset(g.get(), std::string(kAnomalyNames[a]), counts, ctx);
    }
  }
  {
    h5::Handle g = h5::create_group(root, "replications", ctx);
    std::vector<std::int32_t> index(static_cast<std::size_t>(replications_));
    for (std::size_t r = 0; r < index.size(); ++r) index[r] = static_cast<std::int32_t>(r);
    h5::write_dataset(g.get(), "index", index, ctx);
    h5::write_dataset(g.get(), "seed", std::vector<std::uint64_t>(index.size(), seed_), ctx);
    h5::write_dataset(g.get(), "recorded", recorded_, ctx);
  }

  h5::check_status(H5Fflush(file_, H5F_SCOPE_GLOBAL), ctx, "cannot flush " + temp_path_);
  const hid_t file = file_;
  file_ = -1;
  h5::check_status(H5Fclose(file), ctx, "cannot close " + temp_path_);
  sync_file(temp_path_, ctx);
  if (std::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
    throw IoError(
        fmt::format("{}: cannot rename {} to {}: {}", ctx, temp_path_, final_path_, std::strerror(errno)));
  }
  committed_ = true;
  sync_directory(parent_directory(final_path_));
}

}  // namespace defsim
