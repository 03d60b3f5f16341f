#include "sweep/sweep_runner.hpp"

#include <fmt/format.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "core/error.hpp"
#include "run/runner.hpp"
#include "scenario/compile.hpp"
#include "sweep/manifest.hpp"
#include "sweep/metrics.hpp"
#include "sweep/run_result.hpp"
#include "sweep/sweep_plan.hpp"
#include "sweep/text_fields.hpp"

namespace defsim::sweep {
namespace fs = std::filesystem;
namespace {

// Thrown from inside a day to abandon a run when a stop was requested.
struct RunAbandoned {};

std::string host_name() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "unknown";
  return buf;
}

// A run's overrides are its parameter values, so its compile errors are told as
// "with a=1, b=2: key: message" rather than by command-line position.
std::string describe_failure(const ScenarioError& e, const std::vector<std::string>& overrides) {
  std::string out = "with ";
  for (size_t k = 0; k < overrides.size(); ++k) out += (k ? ", " : "") + overrides[k];
  out += ": ";
  for (size_t k = 0; k < e.issues().size(); ++k) {
    const auto& issue = e.issues()[k];
    const bool from_override = issue.loc.file.rfind("<command line", 0) == 0;
    out += (k ? "; " : "") + (from_override ? issue.key_path + ": " + issue.message : issue.str());
  }
  return out;
}

CompileOptions compile_options(const SweepSpec& spec, std::vector<std::string> overrides) {
  CompileOptions options;
  options.overrides = std::move(overrides);
  options.seed = spec.seed;
  options.replications = spec.replications;
  return options;
}

// Simulates one run. A run that cannot compile or breaks an accounting identity is a failed
// result; I/O failures propagate (they would fail every run).
RunResult execute_run(const SweepSpec& spec, const std::optional<ResolvedInput>& base_input, const SweepPlan& plan,
                      std::int64_t run, const std::string& dir, const std::string& worker_name,
                      const std::atomic<bool>* stop_requested) {
  const auto t0 = std::chrono::steady_clock::now();
  RunResult result;
  result.run = run;
  result.fingerprint = spec.fingerprint;
  result.host = worker_name;
  for (Eigen::Index j = 0; j < plan.values.cols(); ++j) result.parameters.push_back(plan.values(run, j));
  const std::vector<std::string> overrides = run_overrides(spec, plan, run);
  try {
    const CompileOptions compile_with = compile_options(spec, overrides);
    const Model model = base_input ? compile(with_overrides(*base_input, overrides), compile_with)
                                   : compile_scenario_file(spec.scenario_file, compile_with);
    const auto& calendar = model.run.calendar;
    const Day horizon = calendar.horizon_days();
    const Day begin = spec.window_start ? std::clamp<Day>(calendar.day_of(*spec.window_start), 0, horizon) : 0;
    const Day end = spec.window_end ? std::clamp<Day>(calendar.day_of(*spec.window_end) + 1, 0, horizon) : horizon;
    std::vector<MetricAccumulator> accumulators;
    for (int r = 0; r < model.run.replications; ++r) accumulators.emplace_back(model, spec.metrics, begin, end);
    RunOptions options;
    options.threads = 1;
    if (spec.time_series) {
      std::string path = run_result_path(dir, run);
      options.output_path = path.substr(0, path.size() - 4) + ".h5";
    }
    options.after_day = [&](int replication, const State& state) {
      if (stop_requested != nullptr && stop_requested->load(std::memory_order_relaxed)) throw RunAbandoned{};
      accumulators[static_cast<size_t>(replication)].observe(model, state);
    };
    const RunSummary summary = run_scenario(model, options);
    result.metric_names = accumulators.front().names();
    for (int r = 0; r < model.run.replications; ++r) {
      result.metrics.push_back(accumulators[static_cast<size_t>(r)].values());
      result.state_hashes.push_back(summary.replications[static_cast<size_t>(r)].state_hash);
    }
  } catch (const ScenarioError& e) {
    result.status = RunStatus::failed;
    result.error = describe_failure(e, overrides);
  } catch (const AccountingError& e) {
    result.status = RunStatus::failed;
    result.error = std::string("accounting identity violated: ") + e.what();
  } catch (const UsageError& e) {
    result.status = RunStatus::failed;
    result.error = e.what();
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

// Temporary files of this shard's runs left by a killed invocation: nobody will finish them.
void remove_stale_temporaries(const std::string& dir, const Shard& shard) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(dir) / "runs", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("run-", 0) != 0 || name.find(".tmp.") == std::string::npos) continue;
    std::int64_t run = 0;
    if (!parse_field(name.substr(4, 7), run) || !shard.contains(run)) continue;
    fs::remove(entry.path(), ec);
  }
}

}  // namespace

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  Shard shard;
  if (slash == std::string::npos || !parse_field(text.substr(0, slash), shard.index) ||
      !parse_field(text.substr(slash + 1), shard.count) || shard.count < 1 || shard.index < 0 ||
      shard.index >= shard.count) {
    throw UsageError("--shard expects K/N with 0 <= K < N (e.g. 0/4 for the first of four shards), got '" + text + "'");
  }
  return shard;
}

std::optional<Shard> shard_from_slurm_environment() {
  const char* id = std::getenv("SLURM_ARRAY_TASK_ID");
  const char* count = std::getenv("SLURM_ARRAY_TASK_COUNT");
  if (id == nullptr || count == nullptr) return std::nullopt;
  const char* min = std::getenv("SLURM_ARRAY_TASK_MIN");
  const char* max = std::getenv("SLURM_ARRAY_TASK_MAX");
  long k = 0, n = 0, lo = 0, hi = 0;
  if (!parse_field(std::string(id), k) || !parse_field(std::string(count), n) || min == nullptr ||
      max == nullptr || !parse_field(std::string(min), lo) || !parse_field(std::string(max), hi)) {
    throw UsageError("cannot read the Slurm array variables SLURM_ARRAY_TASK_ID/_MIN/_MAX/_COUNT; pass --shard K/N");
  }
  // Only a complete array 0..N-1 says which shards exist. A resubmission of some shards
  // (--array=3,7) or an array numbered otherwise (--array=1-8) would silently map tasks to
  // the wrong shards, so it must say --shard K/N itself.
  if (lo != 0 || hi != n - 1 || k < 0 || k >= n) {
    throw UsageError(fmt::format("Slurm array task {} of --array={}..{} ({} tasks) is not part of a complete array "
                                 "0..N-1: pass --shard K/N explicitly (scripts/slurm/sweep_array.sbatch does)",
                                 k, lo, hi, n));
  }
  return Shard{static_cast<int>(k), static_cast<int>(n)};
}

SweepOutcome run_sweep(const SweepSpec& spec, const SweepOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  auto local = make_local_distribution();
  RunDistribution& dist = options.distribution != nullptr ? *options.distribution : *local;
  const bool leader = dist.rank() == 0;
  // Provenance in each result: which machine, and under MPI which rank, ran it.
  const std::string worker_name = dist.size() > 1 ? fmt::format("{} rank {}", host_name(), dist.rank()) : host_name();

  const SweepPlan plan = make_plan(spec);
  SweepOutcome outcome;
  outcome.runs = plan.runs();

  std::vector<std::int64_t> pending;
  std::exception_ptr setup_failure;
  if (leader) {
    try {
      std::error_code ec;
      fs::create_directories(fs::path(options.dir) / "runs", ec);
      if (ec) throw IoError("cannot create sweep directory " + options.dir + ": " + ec.message());
      // The replication count is the scenario's unless the sweep sets it; the manifest records it.
      const Model base = compile_scenario_file(spec.scenario_file, compile_options(spec, {}));
      write_or_check_manifest(options.dir, make_manifest(spec, plan, base.run.replications));
      remove_stale_temporaries(options.dir, options.shard);
      for (std::int64_t run = 0; run < plan.runs(); ++run) {
        if (!options.shard.contains(run)) continue;
        ++outcome.assigned;
        const auto done = read_run_result(run_result_path(options.dir, run), run, spec.fingerprint);
        if (done && done->status == RunStatus::ok) {
          ++outcome.counts.already_done;
        } else {
          pending.push_back(run);
        }
      }
    } catch (...) {
      setup_failure = std::current_exception();
      // Other ranks wait in share(): tell them there is nothing to do rather than leave them hanging.
      pending.assign(1, -1);
    }
  }
  dist.share(pending);
  if (pending.size() == 1 && pending.front() < 0) {
    if (setup_failure) std::rethrow_exception(setup_failure);
    throw UsageError("rank 0 could not start the sweep (its error message says why)");
  }
  dist.start(static_cast<std::int64_t>(pending.size()));
  // The scenario files are read once per process; each run applies its parameters to a copy.
  // If they cannot be read now, every run reports why, as it would have.
  std::optional<ResolvedInput> base_input;
  try {
    base_input = resolve_scenario_file(spec.scenario_file, {});
  } catch (const ScenarioError&) {
  } catch (const IoError&) {
  }

  std::atomic<std::int64_t> finished{0}, failed{0};
  std::atomic<bool> stopped_on_failure{false};
  std::mutex failures_mutex;
  std::exception_ptr fatal;

  std::mutex done_mutex;
  std::condition_variable done_cv;
  bool all_done = false;
  std::thread reporter;
  if (options.progress && leader) {
    reporter = std::thread([&] {
      std::unique_lock lock(done_mutex);
      while (!done_cv.wait_for(lock, std::chrono::seconds(1), [&] { return all_done; })) {
        SweepProgress p;
        p.done = dist.size() > 1 ? dist.handed_out() : finished.load();
        p.total = static_cast<std::int64_t>(pending.size());
        p.failed = failed.load();
        p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        options.progress(p);
      }
    });
  }

  auto worker = [&] {
    while (true) {
      if (options.stop_requested != nullptr && options.stop_requested->load()) return;
      const auto position = dist.next();
      if (!position) return;
      const std::int64_t run = pending[static_cast<size_t>(*position)];
      RunResult result;
      try {
        result = execute_run(spec, base_input, plan, run, options.dir, worker_name, options.stop_requested);
        write_run_result(run_result_path(options.dir, run), result);
      } catch (const RunAbandoned&) {
        return;
      } catch (...) {
        std::lock_guard lock(failures_mutex);
        if (!fatal) fatal = std::current_exception();
        dist.stop_everyone();
        return;
      }
      finished.fetch_add(1);
      if (result.status == RunStatus::failed) {
        failed.fetch_add(1);
        {
          std::lock_guard lock(failures_mutex);
          if (outcome.failures.size() < 20) outcome.failures.push_back(fmt::format("run {}: {}", run, result.error));
        }
        if (spec.on_failure == FailurePolicy::stop) {
          stopped_on_failure.store(true);
          dist.stop_everyone();
          return;
        }
      }
    }
  };

  {
    const int threads = std::max(1, options.threads);
    tbb::task_arena arena(threads);
    arena.execute([&] {
      tbb::task_group group;
      for (int t = 0; t < threads; ++t) group.run(worker);
      group.wait();
    });
  }
  {
    std::lock_guard lock(done_mutex);
    all_done = true;
  }
  done_cv.notify_all();
  if (reporter.joinable()) reporter.join();

  outcome.counts.completed = finished.load() - failed.load();
  outcome.counts.failed = failed.load();
  const bool interrupted = options.stop_requested != nullptr && options.stop_requested->load();
  outcome.counts.interrupted = interrupted ? 1 : 0;
  outcome.counts.stopped = stopped_on_failure.load() ? 1 : 0;
  // Under MPI the pending list is shared, so only the leader counts what nobody ran.
  if (leader) outcome.counts.not_run = static_cast<std::int64_t>(pending.size());
  outcome.counts.not_run -= finished.load();
  dist.finish(outcome.counts);
  if (fatal) std::rethrow_exception(fatal);
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return outcome;
}

}  // namespace defsim::sweep
