#pragma once
// Shared by the Google Benchmark cases (phase_bench.cpp) and the whole-run tool
// (run_bench.cpp): generated scenarios, a STREAM-style copy, and the bytes a simulated day
// must move per plant, which with the copy bandwidth bounds the time per plant-day.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "core/model.hpp"
#include "core/state.hpp"
#include "scenario/compile.hpp"
#include "scenario/generate.hpp"

namespace defsim::bench {

inline double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// CPU seconds this process has used (all threads, user + system): less sensitive than the
// wall clock to other programs sharing the cores.
inline double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

// CPU seconds of the calling thread.
inline double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// Peak resident memory of this process so far, bytes.
inline double peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) * 1024.0;
}

// A generated scenario of `days` days: N plants, K inputs, default goods and regions, the
// corridor cut a third into the run (so the day is not a frozen steady state).
inline Model generated_model(std::int64_t plants, int inputs, int days, std::int64_t goods = 0, int regions = 8,
                             std::uint64_t seed = 1, const std::vector<std::string>& overrides = {}) {
  GenerateSpec spec;
  spec.plants = plants;
  spec.inputs = inputs;
  spec.regions = regions;
  spec.seed = seed;
  spec.goods = goods > 0 ? goods : default_goods(plants);
  GeneratedScenario scenario;
  scenario.days = days;
  scenario.seed = seed;
  CompileOptions options;
  options.overrides = overrides;
  return compile_scenario_text(generated_scenario_yaml(spec, scenario), options, "<generated>");
}

// STREAM "copy" (c[i] = a[i]) over `bytes` per array with `threads` threads, each thread
// copying its own contiguous share (first touched by that thread). Returns the best of
// `repeats` in bytes moved per second, counted the STREAM way: 16 bytes per element (one
// read, one write; the write-allocate read is not counted).
inline double stream_copy_bandwidth(std::size_t bytes, int threads, int repeats) {
  const std::size_t n = bytes / sizeof(double);
  std::vector<double> a(n), c(n);
  auto parallel = [&](auto&& body) {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
      const std::size_t lo = n * static_cast<std::size_t>(t) / static_cast<std::size_t>(threads);
      const std::size_t hi = n * static_cast<std::size_t>(t + 1) / static_cast<std::size_t>(threads);
      pool.emplace_back([&, lo, hi] { body(lo, hi); });
    }
    for (auto& th : pool) th.join();
  };
  parallel([&](std::size_t lo, std::size_t hi) {
    for (std::size_t i = lo; i < hi; ++i) {
      a[i] = 1.0 + static_cast<double>(i & 7);
      c[i] = 0.0;
    }
  });
  double best = 0.0;
  for (int r = 0; r < repeats; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    parallel([&](std::size_t lo, std::size_t hi) {
      double* __restrict dst = c.data();
      const double* __restrict src = a.data();
      for (std::size_t i = lo; i < hi; ++i) dst[i] = src[i];
    });
    const double s = seconds_since(t0);
    best = std::max(best, 16.0 * static_cast<double>(n) / s);
  }
  volatile double sink = c[n / 2];
  (void)sink;
  return best;
}

template <class T>
double column_bytes(const std::vector<T>& v) {
  return static_cast<double>(v.size() * sizeof(T));
}

// The least memory traffic of one simulated day: every State column read and written once
// (the in-transit ring only at today's arrival and today's shipment), and every Model column
// the phases read, read once. A perfect implementation that fused all ten phases into one
// pass would still move this much; the achieved time is compared against bytes / bandwidth.
struct DayTraffic {
  double state_bytes = 0.0;  // per day, read + write counted once each below
  double model_bytes = 0.0;
  double per_day() const { return 2.0 * state_bytes + model_bytes; }
};

inline DayTraffic day_traffic(const Model& m, const State& s) {
  DayTraffic t;
  const auto& p = s.plants;
  for (const auto* c : {&p.availability, &p.backlog, &p.pending_orders, &p.orders_received, &p.expected_orders,
                        &p.demand_target, &p.planned_output, &p.capacity, &p.output, &p.order_split, &p.experienced,
                        &p.trainees, &p.desired_workforce, &p.vacancies, &p.hires, &p.quits, &p.layoffs, &p.wage,
                        &p.hours, &p.unfilled, &p.drafted, &p.desired_capital, &p.capital, &p.health, &p.installing,
                        &p.installed, &p.depreciation}) {
    t.state_bytes += column_bytes(*c);
  }
  t.state_bytes += column_bytes(p.binding);
  const auto& sl = s.slots;
  for (const auto* c : {&sl.stock, &sl.outstanding, &sl.ordered, &sl.received, &sl.consumed, &sl.cancelled,
                        &sl.ordered_smoothed, &sl.received_smoothed}) {
    t.state_bytes += column_bytes(*c);
  }
  const auto& r = s.routes;
  const double routes = static_cast<double>(m.routes.size());
  t.state_bytes += routes * 8.0 * 36.0 + routes * 16.0;  // ~36 route columns, two ring cells
  t.state_bytes += static_cast<double>(m.goods.size()) * 8.0 * 23.0 + static_cast<double>(m.regions.size()) * 8.0 * 10.0;
  (void)r;
  const auto& P = m.plants;
  for (const auto* c : {&P.capacity_ref, &P.labour_ref, &P.capital_ref, &P.ces_alpha, &P.ces_sigma,
                        &P.trainee_productivity, &P.headcount_per_effective, &P.max_workers, &P.min_workers,
                        &P.wage_ref, &P.target_utilisation, &P.order_book_days, &P.backlog_tau_days,
                        &P.planning_tau_days, &P.inventory_tau_days, &P.capital_tau_days, &m.init.experienced,
                        &m.init.trainees}) {
    t.model_bytes += column_bytes(*c);
  }
  for (const auto* c : {&P.good, &P.region, &P.capital_good, &P.slots.begin, &P.slots.items}) t.model_bytes += column_bytes(*c);
  const auto& S = m.slots;
  for (const auto* c : {&S.coefficient, &S.criticality, &S.target_days, &S.cover_days, &S.position_days, &S.steady_fill,
                        &S.efficiency}) {
    t.model_bytes += column_bytes(*c);
  }
  for (const auto* c : {&S.plant, &S.good, &S.primary, &S.origin, &S.substitutes.begin, &S.substitutes.items,
                        &m.goods.customer_slots.items, &m.goods.makers.items, &m.regions.plants.items}) {
    t.model_bytes += column_bytes(*c);
  }
  t.model_bytes += column_bytes(S.kind);
  return t;
}

}  // namespace defsim::bench
