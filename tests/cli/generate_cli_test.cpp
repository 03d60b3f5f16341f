// defsim generate: the scenario it writes validates and runs with every identity checked;
// --expand writes the same economy as an ordinary model; bad options exit 2 with the
// generator's message and write nothing.
#include <gtest/gtest.h>

#include "cli/cli_support.hpp"

namespace defsim::cli_test {
namespace {

class GenerateCli : public CliTest {};

TEST_F(GenerateCli, WritesAScenarioThatValidatesAndRunsWithIdentitiesChecked) {
  const auto gen = run_cli("generate --plants 300 --days 60 --seed 4 -o " + (dir_ / "g").string());
  ASSERT_EQ(gen.code, 0) << gen.out;
  EXPECT_TRUE(contains(gen.out, "300 plants, 35 goods, 6 inputs per plant, 8 regions, 60 days")) << gen.out;
  const std::string scenario = read_text(dir_ / "g" / "scenario.yaml");
  EXPECT_TRUE(contains(scenario, "generate: {plants: 300, goods: 35, inputs: 6, regions: 8, tiers: 4, seed: 4}"));
  EXPECT_TRUE(contains(scenario, "path: imports.*.routes.china_direct.capacity_per_day")) << scenario;
  const auto valid = run_cli("validate " + (dir_ / "g" / "scenario.yaml").string());
  EXPECT_EQ(valid.code, 0) << valid.out;
  EXPECT_TRUE(contains(valid.out, "ok (35 goods, 300 plants")) << valid.out;
  const auto ran = run_cli("run " + (dir_ / "g" / "scenario.yaml").string() + " --check -q --threads 2 -o " +
                           (dir_ / "g.h5").string());
  EXPECT_EQ(ran.code, 0) << ran.out;
  EXPECT_TRUE(fs::exists(dir_ / "g.h5"));
}

TEST_F(GenerateCli, ExpandWritesTheSameEconomyAsAModelFile) {
  const auto gen = run_cli("generate --plants 200 --goods 30 --days 30 --no-shock --expand -o " + dir_.string());
  ASSERT_EQ(gen.code, 0) << gen.out;
  EXPECT_TRUE(fs::exists(dir_ / "model.yaml"));
  EXPECT_FALSE(contains(read_text(dir_ / "scenario.yaml"), "events:"));
  const auto valid =
      run_cli("validate " + (dir_ / "scenario.yaml").string() + " " + (dir_ / "scenario_expanded.yaml").string());
  EXPECT_EQ(valid.code, 0) << valid.out;
  EXPECT_TRUE(contains(valid.out, "scenario_expanded.yaml: ok (30 goods, 200 plants")) << valid.out;
}

TEST_F(GenerateCli, BadOptionsExitTwoAndWriteNothing) {
  const auto zero = run_cli("generate --plants 0 -o " + (dir_ / "a").string());
  EXPECT_EQ(zero.code, 2);
  EXPECT_TRUE(contains(zero.out, "<defsim generate>:1:20: generate.plants: must be in [1, 4000000], got 0")) << zero.out;
  EXPECT_FALSE(fs::exists(dir_ / "a"));
  const auto big = run_cli("generate --plants 5000 --expand -o " + (dir_ / "b").string());
  EXPECT_EQ(big.code, 2);
  EXPECT_TRUE(contains(big.out, "--expand writes an ordinary model file, limited to 2000 plants and 500 goods"))
      << big.out;
  EXPECT_FALSE(fs::exists(dir_ / "b"));
}

}  // namespace
}  // namespace defsim::cli_test
