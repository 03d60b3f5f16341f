// `defsim sweep` and `defsim collect` end to end: the Russia model, a SIGKILL halfway, a
// SIGTERM, and MPI ranks, each giving exactly the results of an uninterrupted local sweep.
#include <gtest/gtest.h>

#include <filesystem>
#include <cstdio>

#include "cli/background_process.hpp"
#include "cli/cli_support.hpp"
#include "sweep/run_distribution.hpp"
#include "sweep/sweep_summary.hpp"
#include "sweep/sweep_fixture.hpp"

namespace defsim::cli_test {
namespace {

// Twenty-four runs of a three-year economy: long enough to interrupt halfway.
constexpr const char* kLongGrid = R"(design: {method: grid}
parameters:
  - path: imports.chips.routes.kazakhstan.capacity_per_day
    range: [100, 1200]
    steps: 6
  - path: parameters.labour.hire_rate_per_day
    levels: [0.01, 0.02, 0.04, 0.08]
metrics: [deliveries, import_bill]
)";

int count_results(const std::string& dir) {
  int n = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir + "/runs", ec)) {
    if (e.path().extension() == ".txt") ++n;
  }
  return n;
}

bool has_temporaries(const std::string& dir) {
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().filename().string().find(".tmp.") != std::string::npos) return true;
  }
  return false;
}

// "N already done, M ran" from the sweep's closing line; {-1, -1} if absent.
std::pair<int, int> done_and_ran(const std::string& out) {
  int done = -1, ran = -1;
  const size_t colon = out.find(" runs: ");
  if (colon == std::string::npos ||
      std::sscanf(out.c_str() + colon, " runs: %d already done, %d ran", &done, &ran) != 2) {
    return {-1, -1};
  }
  return {done, ran};
}

class SweepCli : public CliTest {};

TEST_F(SweepCli, TheRussiaTestSweepRunsAndCollects) {
  const std::string dir = path("russia");
  const Result run = run_cli("sweep scenarios/sweeps/test_small.yaml -q -o " + dir);
  ASSERT_EQ(run.code, 0) << run.out;
  EXPECT_TRUE(contains(run.out, "sweep test_small: 4 runs: 0 already done, 4 ran, 0 failed, 0 left")) << run.out;
  const Result collected = run_cli("collect " + dir);
  ASSERT_EQ(collected.code, 0) << collected.out;
  EXPECT_TRUE(contains(collected.out, "test_small: 4 runs × 2 parameters × 12 metrics (0 failed)")) << collected.out;
  const auto s = sweep::collect_sweep(dir);
  const auto& names = s.metric_names;
  const auto drones = static_cast<Eigen::Index>(
      std::find(names.begin(), names.end(), "deliveries.attack_drones") - names.begin());
  ASSERT_LT(drones, static_cast<Eigen::Index>(names.size()));
  const auto bill = static_cast<Eigen::Index>(std::find(names.begin(), names.end(), "import_bill_usd") - names.begin());
  // After the China cut-off, a wider Kazakhstan corridor (runs 1 and 3) lets more chips
  // through: more is spent on imports at either hiring speed, and with slow hiring (runs 0
  // and 1), where chips bind, drone plants deliver more.
  EXPECT_GT(s.metrics(1, bill), s.metrics(0, bill));
  EXPECT_GT(s.metrics(3, bill), s.metrics(2, bill));
  EXPECT_GT(s.metrics(1, drones), s.metrics(0, drones));
}

TEST_F(SweepCli, ASweepKilledHalfwayResumesToTheSameResults) {
  test::SweepFiles files(1096);
  const std::string sweep = files.sweep("long.yaml", kLongGrid);
  const std::string reference = path("reference"), killed = path("killed");
  ASSERT_EQ(run_cli("sweep " + sweep + " -q --threads 2 -o " + reference).code, 0);

  {
    BackgroundProcess job(DEFSIM_CLI, {"sweep", sweep, "-q", "--threads", "1", "-o", killed}, path("killed.log"));
    ASSERT_TRUE(job.wait_until([&] { return count_results(killed) >= 3; })) << read_text(path("killed.log"));
    job.signal(SIGSTOP);  // freeze it first so that the count below is the count at the kill
    job.signal(SIGKILL);
    EXPECT_EQ(job.wait(), 128 + SIGKILL);
  }
  const int finished_before = count_results(killed);
  ASSERT_GE(finished_before, 3);
  ASSERT_LT(finished_before, 24) << "the sweep finished before it could be killed";
  EXPECT_EQ(run_cli("collect " + killed).code, 2);

  const Result resumed = run_cli("sweep " + sweep + " -q --threads 2 -o " + killed);
  ASSERT_EQ(resumed.code, 0) << resumed.out;
  EXPECT_EQ(done_and_ran(resumed.out), std::make_pair(finished_before, 24 - finished_before)) << resumed.out;
  EXPECT_FALSE(has_temporaries(killed));
  ASSERT_EQ(run_cli("collect " + reference).code, 0);
  ASSERT_EQ(run_cli("collect " + killed).code, 0);
  EXPECT_EQ(read_text(killed + "/summary.csv"), read_text(reference + "/summary.csv"));
}

TEST_F(SweepCli, SigtermStopsCleanlyAndTheRerunFinishes) {
  test::SweepFiles files(1096);
  const std::string sweep = files.sweep("long.yaml", kLongGrid);
  const std::string dir = path("out");
  BackgroundProcess job(DEFSIM_CLI, {"sweep", sweep, "-q", "--threads", "1", "-o", dir}, path("job.log"));
  ASSERT_TRUE(job.wait_until([&] { return count_results(dir) >= 2; })) << read_text(path("job.log"));
  job.signal(SIGTERM);
  EXPECT_EQ(job.wait(), 130) << read_text(path("job.log"));
  const std::string log = read_text(path("job.log"));
  EXPECT_TRUE(contains(log, "stopped by a signal: ")) << log;
  EXPECT_TRUE(contains(log, "runs left; rerun the same command to resume")) << log;
  EXPECT_FALSE(has_temporaries(dir));
  const int finished = count_results(dir);
  const Result rerun = run_cli("sweep " + sweep + " -q -o " + dir);
  ASSERT_EQ(rerun.code, 0) << rerun.out;
  EXPECT_EQ(done_and_ran(rerun.out), std::make_pair(finished, 24 - finished)) << rerun.out;
}

TEST_F(SweepCli, FailedRunsGiveExitFiveAndAreListed) {
  test::SweepFiles files;
  const std::string sweep = files.sweep("bad.yaml", std::string(test::kGridWithOneBadRun) + "on_failure: report\n");
  const Result r = run_cli("sweep " + sweep + " -q -o " + path("out"));
  EXPECT_EQ(r.code, 5) << r.out;
  EXPECT_TRUE(contains(r.out, "4 runs: 0 already done, 4 ran, 1 failed, 0 left")) << r.out;
  EXPECT_TRUE(contains(r.out, "failed: run 2: with imports.chips.routes.kazakhstan.capacity_per_day=1000")) << r.out;
  const Result c = run_cli("collect " + path("out"));
  EXPECT_EQ(c.code, 0) << c.out;
  EXPECT_TRUE(contains(c.out, "(1 failed)")) << c.out;
  EXPECT_TRUE(contains(read_text(path("out/summary.csv")), "\n2,failed,1000,600,,,,\"with imports.chips")) << read_text(path("out/summary.csv"));
}

TEST_F(SweepCli, BadSweepFilesExitTwoAndWriteNothing) {
  test::SweepFiles files;
  const std::string sweep = files.sweep("bad.yaml", "design: {method: grid}\nparameters: []\n");
  const Result r = run_cli("sweep " + sweep + " -q -o " + path("out"));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_TRUE(contains(r.out, sweep + ":3:13: parameters: expected a non-empty list of parameters")) << r.out;
  EXPECT_FALSE(fs::exists(path("out")));
  EXPECT_EQ(run_cli("sweep " + sweep + " --shard 3/2 -o " + path("out")).code, 2);
  const Result not_a_sweep = run_cli("collect " + path("nowhere"));
  EXPECT_EQ(not_a_sweep.code, 3) << not_a_sweep.out;
  EXPECT_TRUE(contains(not_a_sweep.out, path("nowhere") + " is not a sweep directory (no manifest.txt)")) << not_a_sweep.out;
}

TEST_F(SweepCli, AnalyzeGivesSobolAndMorrisIndicesWithIntervals) {
  test::SweepFiles files;
  const std::string params = R"(parameters:
  - {path: imports.chips.routes.kazakhstan.capacity_per_day, range: [50, 800]}
  - {path: parameters.labour.quit_rate_per_day, range: [0.0001, 0.001]}
metrics: [import_bill]
)";
  const std::string sobol = files.sweep("sobol.yaml", "design: {method: sobol, samples: 8}\n" + params);
  ASSERT_EQ(run_cli("sweep " + sobol + " -q -o " + path("sobol")).code, 0);
  const Result csv = run_cli("analyze " + path("sobol") + " --method sobol --format csv --resamples 200");
  ASSERT_EQ(csv.code, 0) << csv.out;
  EXPECT_TRUE(contains(csv.out, "metric,parameter,index,estimate,low,high\n"
                                "import_bill_usd,imports.chips.routes.kazakhstan.capacity_per_day,S1,"))
      << csv.out;
  EXPECT_TRUE(contains(csv.out, "import_bill_usd,parameters.labour.quit_rate_per_day,ST,")) << csv.out;
  const Result table = run_cli("analyze " + path("sobol") + " --method sobol");
  ASSERT_EQ(table.code, 0) << table.out;
  EXPECT_TRUE(contains(table.out, "import_bill_usd  (Sobol', N = 8, 32 runs")) << table.out;
  const Result wrong = run_cli("analyze " + path("sobol") + " --method morris");
  EXPECT_EQ(wrong.code, 2) << wrong.out;
  EXPECT_TRUE(contains(wrong.out, "error: sweep 'sobol' used a sobol design; morris indices need a morris design"))
      << wrong.out;

  const std::string morris = files.sweep("morris.yaml", "design: {method: morris, samples: 6, levels: 4}\n" + params);
  ASSERT_EQ(run_cli("sweep " + morris + " -q -o " + path("morris")).code, 0);
  ASSERT_EQ(run_cli("collect " + path("morris")).code, 0);
  const Result m = run_cli("analyze " + path("morris") + "/summary.h5 --method morris --metric import_bill_usd");
  ASSERT_EQ(m.code, 0) << m.out;
  EXPECT_TRUE(contains(m.out, "import_bill_usd  (Morris, 6 trajectories")) << m.out;
  const Result unknown = run_cli("analyze " + path("morris") + " --method morris --metric deliveries.tanks");
  EXPECT_EQ(unknown.code, 2) << unknown.out;
  EXPECT_TRUE(contains(unknown.out, "unknown metric 'deliveries.tanks'; this sweep has: import_bill_usd")) << unknown.out;
}

TEST_F(SweepCli, MpiRanksShareTheRunsAndGiveTheSameSummary) {
  if (!sweep::built_with_mpi()) GTEST_SKIP() << "defsim was built without MPI";
  if (::access("/usr/bin/mpirun", X_OK) != 0) GTEST_SKIP() << "mpirun is not installed";
  test::SweepFiles files(365);
  const std::string sweep = files.sweep("grid.yaml", kLongGrid);
  ASSERT_EQ(run_cli("sweep " + sweep + " -q --threads 2 -o " + path("local")).code, 0);
  // As root OpenMPI needs explicit consent; two ranks on a two-core machine may oversubscribe.
  // ASan's leak checker reports OpenMPI's own allocations at exit, which are not ours.
  const Result mpi = run_command(
      "ASAN_OPTIONS=detect_leaks=0 OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 "
      "timeout 300 mpirun --oversubscribe -np 2 " + std::string(DEFSIM_CLI) + " sweep " + sweep +
      " -q --threads 1 -o " + path("mpi"));
  ASSERT_EQ(mpi.code, 0) << mpi.out;
  EXPECT_TRUE(contains(mpi.out, "24 ran, 0 failed, 0 left")) << mpi.out;
  EXPECT_TRUE(contains(mpi.out, "× 2 MPI ranks")) << mpi.out;
  // Dynamic hand-out: both ranks ran some of the runs.
  int rank0 = 0, rank1 = 0;
  for (int run = 0; run < 24; ++run) {
    const std::string text = read_text(path("mpi") + "/runs/run-" + std::string(7 - std::to_string(run).size(), '0') +
                                       std::to_string(run) + ".txt");
    rank0 += contains(text, " rank 0\n");
    rank1 += contains(text, " rank 1\n");
  }
  EXPECT_EQ(rank0 + rank1, 24);
  EXPECT_GT(rank0, 0);
  EXPECT_GT(rank1, 0);
  ASSERT_EQ(run_cli("collect " + path("local")).code, 0);
  ASSERT_EQ(run_cli("collect " + path("mpi")).code, 0);
  EXPECT_EQ(read_text(path("mpi") + "/summary.csv"), read_text(path("local") + "/summary.csv"));
}

}  // namespace
}  // namespace defsim::cli_test
