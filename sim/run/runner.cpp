#include "run/runner.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <optional>
#include <thread>

#include "econ/phases.hpp"
#include "io/recorder.hpp"
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

}  // namespace

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
  // Replications run side by side; with fewer replications than threads the spare
  // threads go inside each day (loops over plants and goods).
  const int inner = std::max(1, threads / std::max(1, std::min(reps, threads)));
  const Exec exec{inner, 4096};
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
    tbb::task_arena arena(threads);
    arena.execute([&] {
      tbb::parallel_for(0, reps, [&](int r) {
        std::optional<Recorder> recorder;
        if (writer) recorder.emplace(model);
        const State state = simulate_replication(model, r, exec, options.check_identities,
                                                 recorder ? &*recorder : nullptr, &days_done, &options.after_day);
        if (writer) writer->write_replication(r, *recorder, state.diagnostics);
        summary.replications[static_cast<size_t>(r)] = {r, state_hash(state), state.diagnostics};
      });
    });
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
