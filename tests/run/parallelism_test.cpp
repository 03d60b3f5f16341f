// run_scenario's choice between replications side by side and threads inside a day.
#include <gtest/gtest.h>

#include "run/runner.hpp"
#include "scenario/compile_model.hpp"
#include "scenario/generate.hpp"
#include "support/fixtures.hpp"

namespace defsim {
namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

TEST(Parallelism, ReplicationsSideBySideWhenTheyFitInMemory) {
  const Parallelism p = choose_parallelism(20, 2, 0.01 * kGiB, 8 * kGiB);
  EXPECT_EQ(p.concurrent, 2);
  EXPECT_EQ(p.inner, 1);
}

TEST(Parallelism, SpareThreadsGoInsideTheDay) {
  const Parallelism p = choose_parallelism(1, 8, 0.01 * kGiB, 8 * kGiB);
  EXPECT_EQ(p.concurrent, 1);
  EXPECT_EQ(p.inner, 8);
  const Parallelism q = choose_parallelism(2, 8, 0.01 * kGiB, 8 * kGiB);
  EXPECT_EQ(q.concurrent, 2);
  EXPECT_EQ(q.inner, 4);
}

TEST(Parallelism, SmallModelsKeepTheirDaysOnOneThread) {
  const Parallelism p = choose_parallelism(1, 8, 0.01 * kGiB, 8 * kGiB, 1000);
  EXPECT_EQ(p.concurrent, 1);
  EXPECT_EQ(p.inner, 1);
}

TEST(Parallelism, LargeStatesRunFewerReplicationsAtATimeWithMoreThreadsEach) {
  // A million-plant state (~2 GiB) on a 16-thread machine with 12 GiB to spare: 6 at a time.
  const Parallelism p = choose_parallelism(100, 16, 2 * kGiB, 12 * kGiB);
  EXPECT_EQ(p.concurrent, 6);
  EXPECT_EQ(p.inner, 2);
  // Even one that does not fit runs, alone, with every thread.
  const Parallelism q = choose_parallelism(4, 16, 20 * kGiB, 12 * kGiB);
  EXPECT_EQ(q.concurrent, 1);
  EXPECT_EQ(q.inner, 16);
}

TEST(Parallelism, ReplicationBytesGrowWithThePlantsAndTheRecording) {
  GenerateSpec spec;
  spec.plants = 2000;
  Model small;
  generate_model(spec, ModelDefaults{}, small);
  spec.plants = 20000;
  Model large;
  generate_model(spec, ModelDefaults{}, large);
  small.run.calendar = large.run.calendar = Calendar(Date{2024, 1, 1}, 365);
  EXPECT_GT(replication_bytes(large, false), 5.0 * replication_bytes(small, false));
  EXPECT_GT(replication_bytes(small, true), replication_bytes(small, false));
}

TEST(Parallelism, AMemoryBoundRunGivesTheSameResultsAsAnyOther) {
  // Three replications of a generated economy (keyed sums over several chunks), side by side,
  // one at a time with two threads inside, or on one thread: the same state hashes.
  Model m = testing::compile_text(
      "name: gen\nstart: 2024-01-01\ndays: 4\nseed: 3\nreplications: 3\nmodel:\n  generate: {plants: 30000, seed: 2}\n");
  RunOptions options;
  options.threads = 2;
  const RunSummary side_by_side = run_scenario(m, options);
  options.memory_budget_bytes = 1.0;  // room for one replication at a time
  const RunSummary one_at_a_time = run_scenario(m, options);
  options.threads = 1;
  const RunSummary serial = run_scenario(m, options);
  for (int r = 0; r < 3; ++r) {
    EXPECT_EQ(side_by_side.replications[r].state_hash, serial.replications[r].state_hash) << r;
    EXPECT_EQ(one_at_a_time.replications[r].state_hash, serial.replications[r].state_hash) << r;
  }
}

}  // namespace
}  // namespace defsim
