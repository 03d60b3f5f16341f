#include "run/runner.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <ctime>
#include <fstream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "econ/phases.hpp"
#include "io/periods.hpp"
#include "io/recorder.hpp"
#include "io/variables.hpp"
#include "io/run_file.hpp"

namespace defsim {
namespace {

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string host_name() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "unknown";
  return buf;
}

// The cgroup (v2) memory limit of this process, if any: a Slurm job with --mem, a container.
std::optional<double> cgroup_memory_limit() {
  std::ifstream in("/sys/fs/cgroup/memory.max");
  std::string value;
  if (!(in >> value) || value == "max") return std::nullopt;
  double bytes = 0.0;
  const auto [end, err] = std::from_chars(value.data(), value.data() + value.size(), bytes);
  if (err != std::errc() || end != value.data() + value.size() || bytes <= 0.0) return std::nullopt;
  return bytes;
}

// Half of the memory this process may use for the states of concurrent replications: the
// machine's, or the job's cgroup limit when that is lower.
double memory_budget() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page = sysconf(_SC_PAGESIZE);
  double total = pages > 0 && page > 0 ? static_cast<double>(pages) * static_cast<double>(page) : 16.0 * (1u << 30);
  if (const auto limit = cgroup_memory_limit()) total = std::min(total, *limit);
  return 0.5 * total;
}

}  // namespace

Parallelism choose_parallelism(int replications, int threads, double bytes_per_replication, double memory_budget,
                               Index plants) {
  threads = std::max(1, threads);
  int concurrent = std::max(1, std::min(replications, threads));
  if (bytes_per_replication > 0.0) {
    const double fit = std::floor(memory_budget / bytes_per_replication);
    concurrent = std::max(1, std::min(concurrent, fit >= 1.0 ? static_cast<int>(std::min(fit, 1e6)) : 1));
  }
  const int inner = plants >= kInsideRunMinPlants ? std::max(1, threads / concurrent) : 1;
  return {concurrent, inner};
}

double replication_bytes(const Model& model, bool recording) {
  // State columns: about 28 per plant, 8 per slot, 4 per capital cell, the route calendar.
  const double plants = model.plants.size(), slots = model.slots.size();
  const double cells = plants * model.n_origins();
  double bytes = 8.0 * (28.0 * plants + 8.0 * slots + 4.0 * cells) +
                 8.0 * model.routes.size() * (40.0 + static_cast<double>(model.run.max_lead_time_days));
  if (recording) {
    const auto periods = static_cast<double>(make_periods(model.run.calendar, model.run.output.frequency).size());
    for (const VariableDef* v : selected_variables(model)) bytes += 8.0 * periods * axis_rows(model, v->axis);
  }
  return bytes;
}

State simulate_replication(const Model& model, int replication, const Exec& exec, bool check_identities,
                           Recorder* recorder, std::atomic<std::int64_t>* days_done,
                           const std::function<void(int, const State&)>* after_day) {
  State state = make_initial_state(model, replication);
#ifdef DEFSIM_CHECKED
  (void)check_identities;
  state.check_identities = true;
#else
  state.check_identities = check_identities;
#endif
  const Day horizon = model.run.calendar.horizon_days();
  while (state.day < horizon) {
    step_day(model, state, exec);
    if (recorder != nullptr) {
      // step_day advanced the day; the recorder files what was just simulated.
      --state.day;
      recorder->record_day(model, state);
      ++state.day;
    }
    if (after_day != nullptr && *after_day) (*after_day)(replication, state);
    if (days_done != nullptr) days_done->fetch_add(1, std::memory_order_relaxed);
  }
  return state;
}

RunSummary run_scenario(const Model& model, const RunOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  const int threads = std::max(1, options.threads);
  const int reps = model.run.replications;
  RunInfo info;
  info.threads = threads;
  info.started_utc = utc_now();
  info.host = host_name();
  info.command_line = options.command_line;

  std::optional<RunFileWriter> writer;
  if (!options.output_path.empty()) writer.emplace(options.output_path, model, info);

  RunSummary summary;
  summary.output_path = options.output_path;
  summary.replications.resize(static_cast<size_t>(reps));
  // Replications run side by side; with fewer replications than threads, or states too
  // large for all threads' replications to fit in memory at once, the spare threads go
  // inside each day (loops over plants, slots and goods).
  const double budget = options.memory_budget_bytes > 0.0 ? options.memory_budget_bytes : memory_budget();
  const Parallelism plan =
      choose_parallelism(reps, threads, replication_bytes(model, writer.has_value()), budget, model.plants.size());
  const Exec exec{plan.inner};
  const std::int64_t total_days = static_cast<std::int64_t>(reps) * model.run.calendar.horizon_days();
  std::atomic<std::int64_t> days_done{0};
  std::mutex done_mutex;
  std::condition_variable done_cv;
  bool finished = false;

  std::thread reporter;
  if (options.progress) {
    reporter = std::thread([&] {
      // Short runs stay silent: the first report comes after one second.
      std::unique_lock lock(done_mutex);
      if (done_cv.wait_for(lock, std::chrono::seconds(1), [&] { return finished; })) return;
      do {
        options.progress(days_done.load(), total_days);
      } while (!done_cv.wait_for(lock, std::chrono::milliseconds(500), [&] { return finished; }));
    });
  }
  auto stop_reporter = [&] {
    {
      std::lock_guard lock(done_mutex);
      finished = true;
    }
    done_cv.notify_all();
    if (reporter.joinable()) reporter.join();
  };

  try {
    auto replication = [&](int r) {
      std::optional<Recorder> recorder;
      if (writer) recorder.emplace(model);
      const State state = simulate_replication(model, r, exec, options.check_identities,
                                               recorder ? &*recorder : nullptr, &days_done, &options.after_day);
      if (writer) writer->write_replication(r, *recorder, state.diagnostics);
      summary.replications[static_cast<size_t>(r)] = {r, state_hash(state), state.diagnostics};
    };
    if (plan.concurrent >= std::min(reps, threads)) {
      // Every thread in one arena: replications side by side, loops inside steal from it.
      tbb::task_arena arena(threads);
      arena.execute([&] { tbb::parallel_for(0, reps, replication); });
    } else if (plan.inner == 1) {
      // Memory allows fewer replications at a time than there are threads, and days this
      // small do not share: an arena of `concurrent` threads runs that many at once.
      tbb::task_arena limited(plan.concurrent);
      limited.execute([&] { tbb::parallel_for(0, reps, replication); });
    } else {
      // `concurrent` replications at a time, each inside its own arena of `inner` threads.
      tbb::task_arena outer(plan.concurrent);
      outer.execute([&] {
        tbb::parallel_for(0, reps, [&](int r) {
          tbb::task_arena inside(plan.inner);
          inside.execute([&] { replication(r); });
        });
      });
    }
  } catch (...) {
    stop_reporter();
    throw;  // the writer's destructor removes the temporary file
  }
  stop_reporter();
  if (writer) {
    info.finished_utc = utc_now();
    writer->commit(info);
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return summary;
}

}  // namespace defsim
