// Google Benchmark cases: each phase of the day, the whole day and the output recording on
// generated models of 10^3, 10^4 and 10^5 plants (K = 6 inputs), the Russia baseline day,
// and a STREAM-style copy that measures the memory bandwidth bounding the large models.
// Every iteration simulates one whole day; only the named phase is timed (manual time), so
// the state stays a real trajectory (the corridor cut of the generated scenario included)
// however many iterations run. Results per machine: docs/PERFORMANCE.md.
//
//   build/bin/defsim_bench --benchmark_filter='Phase/planning'
// Each case simulates a fixed number of days (3·10^6 plant-days, at least 20 days).
#include <benchmark/benchmark.h>
#include <tbb/task_arena.h>

#include <map>
#include <memory>

#include "bench/bench_support.hpp"
#include "econ/phases.hpp"
#include "io/recorder.hpp"

namespace defsim::bench {
namespace {

// Days before timing starts: past the first month's re-split of orders.
constexpr Day kWarmupDays = 40;
// Long enough that the benchmark never runs past the horizon (the recorder needs it).
constexpr int kHorizonDays = 36500;

struct Fixture {
  Model model;
  State state;
  std::unique_ptr<Recorder> recorder;
};

Fixture& fixture(std::int64_t plants) {
  static std::map<std::int64_t, std::unique_ptr<Fixture>> cache;
  auto& f = cache[plants];
  if (!f) {
    f = std::make_unique<Fixture>();
    if (plants == 0) {
      f->model = compile_scenario_file(std::string(DEFSIM_SOURCE_DIR) + "/scenarios/baseline.yaml");
    } else {
      f->model = generated_model(plants, 6, kHorizonDays);
    }
    f->model.run.output.variables.clear();  // all variables, as the Russia baseline records
    if (plants > kAllVariablesUpTo) f->model.run.output.variables = {"goods/deliveries", "goods/production", "goods/stock"};
    f->state = make_initial_state(f->model, 0);
    f->recorder = std::make_unique<Recorder>(f->model);
    for (Day d = 0; d < kWarmupDays; ++d) {
      step_day(f->model, f->state, Exec{});
      --f->state.day;
      f->recorder->record_day(f->model, f->state);
      ++f->state.day;
    }
  }
  return *f;
}

// One simulated day; phase `timed` (an index into kDayPhases, or -1 for the recorder,
// or -2 for the whole day) is timed.
double timed_day(Fixture& f, int timed, const Exec& exec) {
  double seconds = 0.0;
  const auto t_day = std::chrono::steady_clock::now();
  for (int p = 0; p < static_cast<int>(std::size(kDayPhases)); ++p) {
    if (p != timed) {
      kDayPhases[p].run(f.model, f.state, exec);
      continue;
    }
    const auto t0 = std::chrono::steady_clock::now();
    kDayPhases[p].run(f.model, f.state, exec);
    seconds = seconds_since(t0);
  }
  if (timed == -2) seconds = seconds_since(t_day);
  const auto t0 = std::chrono::steady_clock::now();
  f.recorder->record_day(f.model, f.state);
  if (timed == -1) seconds = seconds_since(t0);
  ++f.state.day;
  if (f.state.day >= f.model.run.calendar.horizon_days() - 1) {
    f.state = make_initial_state(f.model, 0);
    f.recorder->reset();
  }
  return seconds;
}

void run_case(benchmark::State& st, int timed, int threads) {
  Fixture& f = fixture(st.range(0));
  tbb::task_arena arena(threads);
  const Exec exec{threads};
  for (auto _ : st) {
    double s = 0.0;
    arena.execute([&] { s = timed_day(f, timed, exec); });
    st.SetIterationTime(s);
  }
  const double plants = static_cast<double>(f.model.plants.size());
  st.counters["plants"] = plants;
  st.counters["plant_days_per_s"] = benchmark::Counter(plants, benchmark::Counter::kIsIterationInvariantRate);
}

void register_cases() {
  const std::vector<std::int64_t> sizes = {1000, 10000, 100000};
  // Every iteration simulates a whole day, however cheap the timed phase: a fixed number of
  // days per case (about a second of simulation each) instead of Google Benchmark's
  // min_time, which would run a million days to time the events phase.
  auto add = [&](const std::string& name, int timed, int threads, const std::vector<std::int64_t>& ns) {
    for (std::int64_t n : ns) {
      auto* b = benchmark::RegisterBenchmark(name.c_str(), [timed, threads](benchmark::State& st) { run_case(st, timed, threads); });
      b->Arg(n)->UseManualTime()->Unit(benchmark::kMicrosecond);
      b->Iterations(n == 0 ? 2000 : std::max<std::int64_t>(20, 3'000'000 / std::max<std::int64_t>(n, 1)));
    }
  };
  for (int p = 0; p < static_cast<int>(std::size(kDayPhases)); ++p) add(std::string("Phase/") + kDayPhases[p].name, p, 1, sizes);
  add("Phase/record_output", -1, 1, sizes);
  add("Day/threads:1", -2, 1, sizes);
  add("Day/threads:2", -2, 2, sizes);
  add("RussiaBaselineDay", -2, 1, {0});
}

void StreamCopy(benchmark::State& st) {
  const auto bytes = static_cast<std::size_t>(st.range(0)) << 20;
  const auto threads = static_cast<int>(st.range(1));
  double bw = 0.0;
  for (auto _ : st) bw = stream_copy_bandwidth(bytes, threads, 3);
  st.counters["GB_per_s"] = bw / 1e9;
}
BENCHMARK(StreamCopy)->Args({256, 1})->Args({256, 2})->Unit(benchmark::kMillisecond)->Iterations(1);

const bool registered = (register_cases(), true);

}  // namespace
}  // namespace defsim::bench

BENCHMARK_MAIN();
