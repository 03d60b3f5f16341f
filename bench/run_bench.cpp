// defsim_runbench: whole-run measurements for scripts/bench.sh and docs/PERFORMANCE.md.
//
//   defsim_runbench stream [--mib M] [--threads T]
//       STREAM-style copy bandwidth (GB/s, 16 bytes per element).
//   defsim_runbench run (--plants N [--inputs K] [--goods G] [--regions R] | --scenario FILE)
//                       [--days D] [--threads T] [--replications R] [--output FILE]
//                       [--profile] [--repeat K]
//       Compiles, then simulates; prints one line of key=value pairs: plant-days per second
//       (best of K repeats) over the whole run and (one replication, no output) over the day
//       loop alone, the time to set up the initial state, peak memory, bytes a day must move
//       per plant and, with --profile, seconds per phase (the ten phases and the recording).
//       One replication runs inside an arena of T threads (parallel loops inside the day);
//       several replications, or --output, go through run_scenario as `defsim run` does.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <malloc.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <optional>

#include "bench/bench_support.hpp"
#include "econ/phases.hpp"
#include "io/recorder.hpp"
#include "run/runner.hpp"

namespace defsim::bench {
namespace {

struct RunArgs {
  std::int64_t plants = 0, goods = 0;
  int inputs = 6, regions = 8, days = 0, threads = 1, replications = 1, repeat = 1;
  std::string scenario, output;
  std::vector<std::string> overrides;
  bool profile = false, wall = false;
};

int stream(double mib, int threads) {
  const double bw = stream_copy_bandwidth(static_cast<std::size_t>(mib * 1024 * 1024), threads, 7);
  fmt::print("stream_copy threads={} mib={} gb_per_s={:.2f}\n", threads, mib, bw / 1e9);
  return 0;
}

int run(const RunArgs& a) {
  const auto t_compile = std::chrono::steady_clock::now();
  Model model;
  if (!a.scenario.empty()) {
    CompileOptions options;
    options.overrides = a.overrides;
    model = compile_scenario_file(a.scenario, options);
    if (a.days > 0) model.run.calendar = Calendar(model.run.calendar.start(), a.days);
  } else {
    model = generated_model(a.plants, a.inputs, a.days > 0 ? a.days : 365, a.goods, a.regions, 1, a.overrides);
  }
  model.run.replications = a.replications;
  const double compile_s = seconds_since(t_compile);
  const double rss_compiled = peak_rss_bytes();
  const Day days = model.run.calendar.horizon_days();
  const double plant_days = static_cast<double>(model.plants.size()) * days * a.replications;

  std::vector<double> times, cpu_times;
  double init_s = 1e300, days_s = 1e300;  // one replication without output: initial state and day loop
  std::vector<double> phase_s(std::size(kDayPhases) + 1, 0.0);
  DayTraffic traffic;
  tbb::task_arena arena(a.threads);
  for (int k = 0; k < a.repeat; ++k) {
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = process_cpu_seconds();
    if (a.profile) {
      // One replication, phase by phase, with the output recorded as `defsim run` does.
      arena.execute([&] {
        const Exec exec{a.threads};
        State s = make_initial_state(model, 0);
        traffic = day_traffic(model, s);
        Recorder recorder(model);
        while (s.day < days) {
          // Thread CPU time for large models on one thread (other programs on the machine
          // then distort the shares less); the wall clock otherwise, as reading the thread
          // clock (a system call) would cost more than a small model's phase.
          auto clock = [&] {
            return !a.wall && a.threads == 1 && model.plants.size() >= 10000 ? thread_cpu_seconds()
                                  : std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
          };
          for (std::size_t p = 0; p < std::size(kDayPhases); ++p) {
            const double tp = clock();
            kDayPhases[p].run(model, s, exec);
            phase_s[p] += clock() - tp;
          }
          const double tr = clock();
          recorder.record_day(model, s);
          phase_s.back() += clock() - tr;
          ++s.day;
        }
      });
    } else if (a.replications == 1 && a.output.empty()) {
      // simulate_replication, with the initial state timed apart from the days.
      arena.execute([&] {
        const Exec exec{a.threads};
        const auto ti = std::chrono::steady_clock::now();
        State s = make_initial_state(model, 0);
        init_s = std::min(init_s, seconds_since(ti));
        const auto td = std::chrono::steady_clock::now();
        while (s.day < days) step_day(model, s, exec);
        days_s = std::min(days_s, seconds_since(td));
        traffic = day_traffic(model, s);
      });
    } else {
      RunOptions options;
      options.threads = a.threads;
      options.output_path = a.output;
      run_scenario(model, options);
      traffic = day_traffic(model, make_initial_state(model, 0));
    }
    times.push_back(seconds_since(t0));
    cpu_times.push_back(process_cpu_seconds() - c0);
  }
  std::sort(times.begin(), times.end());
  std::sort(cpu_times.begin(), cpu_times.end());
  if (times.empty() || cpu_times.empty()) return 2;  // --repeat 0
  const double best = times.front();
  const double median = times[times.size() / 2];
  const double per_plant = static_cast<double>(std::max<Index>(1, model.plants.size()));
  if (days_s < 1e300) fmt::print("init_s={:.4f} days_s={:.4f} day_loop_plant_days_per_s={:.4g} ", init_s, days_s, plant_days / days_s);
  fmt::print(
      "plants={} goods={} slots={} routes={} days={} replications={} threads={} compile_s={:.3f} run_s={:.4f} "
      "median_s={:.4f} cpu_s={:.4f} plant_days_per_s={:.4g} plant_days_per_cpu_s={:.4g} ns_per_plant_day={:.2f} peak_rss_mib={:.1f} rss_after_compile_mib={:.1f} "
      "peak_bytes_per_plant={:.0f} day_bytes_per_plant={:.0f} state_bytes_per_plant={:.0f} model_bytes_per_plant={:.0f}",
      model.plants.size(), model.goods.size(), model.slots.size(), model.routes.size(), days, a.replications,
      a.threads, compile_s, best, median, cpu_times.front(), plant_days / best, plant_days / cpu_times.front(), 1e9 * best / plant_days, peak_rss_bytes() / 1048576.0,
      rss_compiled / 1048576.0, peak_rss_bytes() / per_plant, traffic.per_day() / per_plant,
      traffic.state_bytes / per_plant, traffic.model_bytes / per_plant);
  if (a.profile) {
    const double total = std::accumulate(phase_s.begin(), phase_s.end(), 0.0);
    for (std::size_t p = 0; p < phase_s.size(); ++p) {
      const char* name = p < std::size(kDayPhases) ? kDayPhases[p].name : "record_output";
      fmt::print(" phase_{}_s={:.4f} phase_{}_share={:.3f}", name, phase_s[p] / a.repeat, name, phase_s[p] / total);
    }
  }
  fmt::print("\n");
  return 0;
}

}  // namespace
}  // namespace defsim::bench

int main(int argc, char** argv) {
  using namespace defsim::bench;
  // As in the defsim CLI (sim/cli/main.cpp): reuse freed memory instead of returning it.
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_TOP_PAD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  CLI::App app{"defsim_runbench: whole-run measurements (see docs/PERFORMANCE.md)"};
  app.require_subcommand(1);
  double mib = 1024;
  int stream_threads = 1;
  auto* st = app.add_subcommand("stream", "STREAM-style copy bandwidth");
  st->add_option("--mib", mib, "MiB per array (default 1024)");
  st->add_option("--threads", stream_threads, "Threads (default 1)");
  RunArgs a;
  auto* rn = app.add_subcommand("run", "Simulate a generated model or a scenario and time it");
  rn->add_option("--plants", a.plants, "Generated model: plants N");
  rn->add_option("--goods", a.goods, "Generated model: goods (default from N)");
  rn->add_option("--inputs", a.inputs, "Generated model: inputs per plant (default 6)");
  rn->add_option("--regions", a.regions, "Generated model: regions (default 8)");
  rn->add_option("--scenario", a.scenario, "A scenario file instead of a generated model");
  rn->add_option("--days", a.days, "Simulated days (default 365, or the scenario's horizon)");
  rn->add_option("--threads", a.threads, "Threads (default 1)");
  rn->add_option("--replications", a.replications, "Replications (default 1)");
  rn->add_option("--output", a.output, "Write the HDF5 run file here (through run_scenario)");
  rn->add_option("--set", a.overrides, "Override a key as defsim run --set does (repeatable)");
  rn->add_flag("--profile", a.profile, "Time every phase and the output recording");
  rn->add_flag("--wall", a.wall, "Profile with the wall clock also on one thread");
  rn->add_option("--repeat", a.repeat, "Repeat the timed part; report the best (default 1)");
  CLI11_PARSE(app, argc, argv);
  try {
    if (*st) return stream(mib, stream_threads);
    if (a.scenario.empty() && a.plants <= 0) {
      fmt::print(stderr, "run: give --plants N or --scenario FILE\n");
      return 2;
    }
    return run(a);
  } catch (const defsim::ScenarioError& e) {
    for (const auto& issue : e.issues()) fmt::print(stderr, "{}\n", issue.str());
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  }
}
