// defsim sweep: run a sweep file's runs into a directory (locally, as one shard of a Slurm
// array, or across MPI ranks); rerunning the same command resumes.
// Exit codes beyond main's: 5 some runs failed, 130 stopped by SIGINT/SIGTERM (rerun to resume).
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <memory>
#include <optional>
#include <thread>

#include "cli/command.hpp"
#include "sweep/run_distribution.hpp"
#include "sweep/sweep_runner.hpp"
#include "sweep/sweep_spec.hpp"

namespace defsim::cli {
namespace {

std::atomic<bool> g_stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs a lock-free flag");

extern "C" void request_stop(int) { g_stop_requested.store(true); }

// The first SIGINT/SIGTERM asks for a clean stop; SA_RESETHAND makes a second one kill at once.
void install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = request_stop;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

struct SweepArgs {
  std::string file, dir, shard;
  int threads = 0;
  bool quiet = false;
};

std::string duration_text(double seconds) {
  if (!(seconds >= 0) || seconds > 1e7) return "?";
  const auto s = static_cast<long>(seconds + 0.5);
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02d}s", s / 60, s % 60);
  return fmt::format("{}h{:02d}m", s / 3600, (s % 3600) / 60);
}

int sweep(const SweepArgs& a) {
  using namespace defsim::sweep;
  // MPI first: under mpirun every rank runs this same command.
  auto distribution = make_mpi_distribution_if_launched();
  const bool leader = distribution == nullptr || distribution->rank() == 0;
  const SweepSpec spec = compile_sweep_file(a.file);

  SweepOptions options;
  options.dir = a.dir;
  options.distribution = distribution.get();
  const int ranks_here = distribution ? std::max(1, distribution->local_size()) : 1;
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.threads = a.threads > 0 ? a.threads : std::max(1, cores / ranks_here);
  if (!a.shard.empty()) {
    options.shard = parse_shard(a.shard);
  } else if (auto slurm = shard_from_slurm_environment()) {
    options.shard = *slurm;
  }
  g_stop_requested.store(false);
  install_stop_handlers();
  options.stop_requested = &g_stop_requested;
  const bool tty = isatty(STDERR_FILENO) != 0;
  if (!a.quiet) {
    options.progress = [tty, name = spec.name](const SweepProgress& p) {
      const double rate = p.seconds > 0 ? static_cast<double>(p.done) / p.seconds : 0.0;
      const double eta = rate > 0 ? static_cast<double>(p.total - p.done) / rate : -1.0;
      fmt::print(stderr, "{}sweep {}: {}/{} runs, {} failed, {:.2f} runs/s, ETA {}{}", tty ? "\r" : "", name, p.done,
                 p.total, p.failed, rate, eta >= 0 ? duration_text(eta) : std::string("?"), tty ? "   " : "\n");
    };
  }
  const SweepOutcome out = run_sweep(spec, options);
  if (!leader) return out.failures.empty() ? 0 : 5;
  if (!a.quiet && tty && out.seconds >= 1.0) fmt::print(stderr, "\n");
  const auto& c = out.counts;
  const std::string shard_text =
      options.shard.count > 1 ? fmt::format(" (shard {}/{}: {} runs)", options.shard.index, options.shard.count, out.assigned)
                              : std::string();
  const std::string ranks_text = distribution ? fmt::format(" × {} MPI ranks", distribution->size()) : std::string();
  fmt::print("sweep {}: {} runs{}: {} already done, {} ran, {} failed, {} left, in {:.2f} s on {} thread{}{} -> {}\n",
             spec.name, out.runs, shard_text, c.already_done, c.completed + c.failed, c.failed, c.not_run, out.seconds,
             options.threads, options.threads == 1 ? "" : "s", ranks_text, a.dir);
  for (const auto& failure : out.failures) fmt::print(stderr, "failed: {}\n", failure);
  if (out.interrupted()) {
    fmt::print(stderr, "stopped by a signal: {} runs left; rerun the same command to resume\n", c.not_run);
    return 130;
  }
  if (out.stopped_on_failure()) {
    fmt::print(stderr, "stopped at the first failure (on_failure: stop); fix the cause and rerun to resume\n");
    return 5;
  }
  if (c.failed > 0 && spec.on_failure == FailurePolicy::report) return 5;
  if (c.failed > 0) fmt::print(stderr, "warning: {} runs failed (on_failure: ignore)\n", c.failed);
  if (c.not_run == 0 && options.shard.count == 1) fmt::print("collect with: defsim collect {}\n", a.dir);
  return 0;
}

}  // namespace

Command add_sweep_command(CLI::App& parent) {
  auto args = std::make_shared<SweepArgs>();
  auto* cmd = parent.add_subcommand("sweep", "Run a parameter sweep into a directory (resumable; MPI and Slurm arrays)");
  cmd->add_option("sweep", args->file, "Sweep YAML file")->required();
  cmd->add_option("-o,--output", args->dir, "Sweep directory (created if missing; rerun to resume)")->required();
  cmd->add_option("--threads", args->threads, "Worker threads per process (default: cores / MPI ranks on this host)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--shard", args->shard,
                  "Run only shard K of N (runs with index % N == K); default in a Slurm array 0..N-1: SLURM_ARRAY_TASK_ID of SLURM_ARRAY_TASK_COUNT");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress output");
  return {cmd, [args] { return sweep(*args); }};
}

}  // namespace defsim::cli
