// Local sweeps: results equal independent runs, resume recomputes only what is missing,
// and neither threads nor shards change a single bit.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "run/runner.hpp"
#include "scenario/compile.hpp"
#include "sweep/run_result.hpp"
#include "sweep/sweep_plan.hpp"
#include "sweep/sweep_runner.hpp"
#include "sweep/sweep_summary.hpp"
#include "sweep_fixture.hpp"

namespace defsim::sweep {
namespace {

namespace fs = std::filesystem;
using test::SweepFiles;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

SweepOutcome run_into(const SweepSpec& spec, const std::string& dir, int threads = 2, Shard shard = {}) {
  SweepOptions options;
  options.dir = dir;
  options.threads = threads;
  options.shard = shard;
  return run_sweep(spec, options);
}

std::string summary_csv(const std::string& dir) {
  write_summary_csv(dir + "/summary.csv", collect_sweep(dir));
  return slurp(dir + "/summary.csv");
}

TEST(SweepRunner, MetricsEqualAnIndependentRunWithTheSameOverrides) {
  SweepFiles files;
  const SweepSpec spec = compile_sweep_file(files.sweep("grid.yaml", test::kGoodGrid));
  const std::string dir = files.file("out");
  const SweepOutcome out = run_into(spec, dir);
  EXPECT_EQ(out.runs, 6);
  EXPECT_EQ(out.counts.completed, 6);
  EXPECT_EQ(out.counts.failed, 0);
  EXPECT_EQ(out.counts.not_run, 0);
  const SweepSummary summary = collect_sweep(dir);
  ASSERT_EQ(summary.metric_names.front(), "deliveries.missiles");

  // Run 4 by hand: same overrides, same seeds, deliveries and the import bill summed daily.
  const SweepPlan plan = make_plan(spec);
  CompileOptions options;
  options.overrides = run_overrides(spec, plan, 4);
  const Model model = compile_scenario_file(spec.scenario_file, options);
  ASSERT_EQ(model.run.replications, 2);
  double deliveries[2] = {0, 0}, bill[2] = {0, 0};
  std::function<void(int, const State&)> sum = [&](int r, const State& s) {
    deliveries[r] += s.goods.deliveries[0];
    double today = 0.0;  // the metric adds each day's total, so sum in the same order
    for (double b : s.goods.import_bill_usd) today += b;
    bill[r] += today;
  };
  for (int r = 0; r < 2; ++r) (void)simulate_replication(model, r, Exec{1, 4096}, false, nullptr, nullptr, &sum);
  const auto& names = summary.metric_names;
  const auto column = [&](const std::string& name) {
    return static_cast<Eigen::Index>(std::find(names.begin(), names.end(), name) - names.begin());
  };
  // Exactly: the same arithmetic in the same order.
  EXPECT_EQ(summary.metrics(4, column("deliveries.missiles")), (deliveries[0] + deliveries[1]) / 2);
  EXPECT_EQ(summary.metrics(4, column("import_bill_usd")), (bill[0] + bill[1]) / 2);
  EXPECT_GT(deliveries[0], 0.0);
  // Shortfall is what the state ordered and did not get: orders − deliveries.
  EXPECT_NEAR(summary.metrics(4, column("shortfall.missiles")),
              10.0 * 240 - summary.metrics(4, column("deliveries.missiles")), 1e-6);
}

TEST(SweepRunner, MoreCorridorCapacityNeverLowersDeliveriesInThisEconomy) {
  SweepFiles files;
  const SweepSpec spec = compile_sweep_file(files.sweep("grid.yaml", test::kGoodGrid));
  const std::string dir = files.file("out");
  run_into(spec, dir);
  const SweepSummary s = collect_sweep(dir);
  // Runs 0, 2, 4 share the hire rate and raise the Kazakhstan capacity 200 -> 400 -> 800.
  EXPECT_LE(s.metrics(0, 0), s.metrics(2, 0) + 1e-9);
  EXPECT_LE(s.metrics(2, 0), s.metrics(4, 0) + 1e-9);
}

TEST(SweepRunner, ThreadCountAndShardsChangeNoBit) {
  SweepFiles files;
  const SweepSpec spec = compile_sweep_file(files.sweep("grid.yaml", test::kGoodGrid));
  run_into(spec, files.file("one"), 1);
  run_into(spec, files.file("two"), 2);
  run_into(spec, files.file("shards"), 1, Shard{1, 2});
  const SweepOutcome first = run_into(spec, files.file("shards"), 2, Shard{0, 2});
  EXPECT_EQ(first.assigned, 3);
  const std::string reference = summary_csv(files.file("one"));
  EXPECT_EQ(summary_csv(files.file("two")), reference);
  EXPECT_EQ(summary_csv(files.file("shards")), reference);
  EXPECT_EQ(collect_sweep(files.file("two")).state_hashes, collect_sweep(files.file("one")).state_hashes);
}

TEST(SweepRunner, ResumeRecomputesOnlyMissingTornOrForeignResults) {
  SweepFiles files;
  const SweepSpec spec = compile_sweep_file(files.sweep("grid.yaml", test::kGoodGrid));
  const std::string dir = files.file("out");
  run_into(spec, dir);
  const std::string reference = summary_csv(dir);
  fs::remove(run_result_path(dir, 1));
  {
    const std::string torn = slurp(run_result_path(dir, 3));
    std::ofstream(run_result_path(dir, 3), std::ios::trunc) << torn.substr(0, torn.size() / 2);
  }
  {
    std::string flipped = slurp(run_result_path(dir, 5));
    flipped[flipped.find("replication\t0") + 20] ^= 1;
    std::ofstream(run_result_path(dir, 5), std::ios::trunc) << flipped;
  }
  std::ofstream(run_result_path(dir, 0) + ".tmp.99999") << "left by a killed run";
  std::string why;
  EXPECT_FALSE(read_run_result(run_result_path(dir, 3), 3, spec.fingerprint, &why));
  EXPECT_EQ(why, "incomplete (no checksum)");
  EXPECT_FALSE(read_run_result(run_result_path(dir, 5), 5, spec.fingerprint, &why));
  EXPECT_EQ(why, "checksum mismatch");
  EXPECT_FALSE(read_run_result(run_result_path(dir, 2), 2, "another sweep", &why));
  EXPECT_EQ(why, "belongs to another sweep (fingerprint differs)");

  const SweepOutcome again = run_into(spec, dir);
  EXPECT_EQ(again.counts.already_done, 3);
  EXPECT_EQ(again.counts.completed, 3);
  EXPECT_EQ(summary_csv(dir), reference);
  EXPECT_FALSE(fs::exists(run_result_path(dir, 0) + ".tmp.99999"));
}

TEST(SweepRunner, FailurePoliciesStopReportOrIgnore) {
  SweepFiles files;
  for (const std::string policy : {"stop", "report", "ignore"}) {
    const SweepSpec spec =
        compile_sweep_file(files.sweep(policy + ".yaml", std::string(test::kGridWithOneBadRun) + "on_failure: " + policy + "\n"));
    const std::string dir = files.file("out-" + policy);
    const SweepOutcome out = run_into(spec, dir, 1);
    EXPECT_EQ(out.counts.failed, 1) << policy;
    ASSERT_EQ(out.failures.size(), 1u) << policy;
    EXPECT_EQ(out.failures[0],
              "run 2: with imports.chips.routes.kazakhstan.capacity_per_day=1000, "
              "imports.chips.routes.kazakhstan.max_capacity_per_day=600: "
              "imports.chips.routes.kazakhstan.max_capacity_per_day: must be >= capacity_per_day");
    if (policy == "stop") {
      EXPECT_TRUE(out.stopped_on_failure());
      EXPECT_EQ(out.counts.completed, 2);  // one thread: runs 0 and 1 came before the failure
      EXPECT_EQ(out.counts.not_run, 1);
      EXPECT_THROW(collect_sweep(dir), UsageError);
    } else {
      EXPECT_FALSE(out.stopped_on_failure());
      EXPECT_EQ(out.counts.completed, 3);
      const SweepSummary s = collect_sweep(dir);
      EXPECT_EQ(s.ok, (std::vector<std::uint8_t>{1, 1, 0, 1}));
      EXPECT_TRUE(std::isnan(s.metrics(2, 0)));
      EXPECT_NE(s.errors[2].find("must be >= capacity_per_day"), std::string::npos);
    }
  }
}

TEST(SweepRunner, ADirectoryOfAnotherSweepIsRefusedBeforeAnyRun) {
  SweepFiles files;
  const std::string dir = files.file("out");
  run_into(compile_sweep_file(files.sweep("a.yaml", test::kGoodGrid)), dir);
  std::string other = test::kGoodGrid;
  other.replace(other.find("[200, 400, 800]"), 15, "[200, 400, 900]");
  const SweepSpec spec = compile_sweep_file(files.sweep("a.yaml", other));
  try {
    run_into(spec, dir);
    FAIL() << "expected a UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find(dir + " holds sweep 'a' (fingerprint "), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("the sweep file or its scenario changed"), std::string::npos) << e.what();
  }
}

TEST(SweepRunner, CollectListsMissingRunsAndTheSummaryRoundTrips) {
  SweepFiles files;
  const SweepSpec spec = compile_sweep_file(files.sweep("grid.yaml", test::kGoodGrid));
  const std::string dir = files.file("out");
  run_into(spec, dir, 2, Shard{0, 3});
  try {
    collect_sweep(dir);
    FAIL() << "expected a UsageError";
  } catch (const UsageError& e) {
    const std::string text = e.what();
    EXPECT_NE(text.find(dir + ": 4 of 6 runs have no verified result:\n  run 1 (missing)\n  run 2 (missing)\n"
                              "  run 4 (missing)\n  run 5 (missing)\n"),
              std::string::npos)
        << text;
  }
  run_into(spec, dir, 2);
  const SweepSummary s = collect_sweep(dir);
  write_summary_h5(dir + "/summary.h5", s);
  const SweepSummary back = read_summary_h5(dir + "/summary.h5");
  EXPECT_EQ(back.manifest.parameters, s.manifest.parameters);
  EXPECT_EQ(back.metric_names, s.metric_names);
  EXPECT_EQ(back.manifest.values, s.manifest.values);
  EXPECT_EQ(back.metrics, s.metrics);
  EXPECT_EQ(back.by_replication, s.by_replication);
  EXPECT_EQ(back.ok, s.ok);
  EXPECT_EQ(back.manifest.method, "grid");
  EXPECT_EQ(back.manifest.replications, 2);
  EXPECT_THROW(read_summary_h5(dir + "/manifest.txt"), IoError);
}

TEST(SweepRunner, AStopRequestLeavesEveryRunPendingAndNoPartialFiles) {
  SweepFiles files;
  const SweepSpec spec = compile_sweep_file(files.sweep("grid.yaml", test::kGoodGrid));
  const std::string dir = files.file("out");
  std::atomic<bool> stop{true};
  SweepOptions options;
  options.dir = dir;
  options.stop_requested = &stop;
  const SweepOutcome out = run_sweep(spec, options);
  EXPECT_TRUE(out.interrupted());
  EXPECT_EQ(out.counts.not_run, 6);
  EXPECT_EQ(out.counts.completed, 0);
  EXPECT_TRUE(fs::is_empty(dir + "/runs"));
}

TEST(SweepRunner, SlurmArraysGiveTheShardOnlyWhenComplete) {
  auto with_array = [](const char* id, const char* min, const char* max, const char* count) {
    ::setenv("SLURM_ARRAY_TASK_ID", id, 1);
    ::setenv("SLURM_ARRAY_TASK_MIN", min, 1);
    ::setenv("SLURM_ARRAY_TASK_MAX", max, 1);
    ::setenv("SLURM_ARRAY_TASK_COUNT", count, 1);
  };
  with_array("3", "0", "4", "5");
  const auto shard = shard_from_slurm_environment();
  ASSERT_TRUE(shard.has_value());
  EXPECT_EQ(shard->index, 3);
  EXPECT_EQ(shard->count, 5);
  with_array("7", "3", "7", "2");  // a resubmission of shards 3 and 7
  try {
    shard_from_slurm_environment();
    ADD_FAILURE() << "a partial array must not pick a shard";
  } catch (const UsageError& e) {
    EXPECT_EQ(std::string(e.what()), "Slurm array task 7 of --array=3..7 (2 tasks) is not part of a complete array "
                                     "0..N-1: pass --shard K/N explicitly (scripts/slurm/sweep_array.sbatch does)");
  }
  for (const char* var : {"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX", "SLURM_ARRAY_TASK_COUNT"}) {
    ::unsetenv(var);
  }
  EXPECT_FALSE(shard_from_slurm_environment().has_value());
}

TEST(SweepRunner, ShardParsing) {
  EXPECT_EQ(parse_shard("2/5").index, 2);
  EXPECT_EQ(parse_shard("2/5").count, 5);
  for (const char* bad : {"5/5", "-1/2", "1", "a/b", "1/0"}) {
    try {
      parse_shard(bad);
      ADD_FAILURE() << bad;
    } catch (const UsageError& e) {
      EXPECT_EQ(std::string(e.what()), std::string("--shard expects K/N with 0 <= K < N (e.g. 0/4 for the first of four "
                                                   "shards), got '") + bad + "'");
    }
  }
}

}  // namespace
}  // namespace defsim::sweep
