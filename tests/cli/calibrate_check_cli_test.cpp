// `defsim calibrate-check` end to end: exit 0 when every target passes, 5 when one is
// missed, 2 on bad input; the formats; checking a finished run; finding targets.yaml.
#include "cli/cli_support.hpp"

namespace defsim::cli_test {
namespace {

class CalibrateCheckCli : public CliTest {
 protected:
  // A target on the year's missile deliveries of the small economy (~3,600 a year).
  static std::string targets(const std::string& range, const std::string& extra = "") {
    return "model: crn\ntargets:\n"
           "  missiles_2024:\n"
           "    figure: about 3,600 missiles a year\n"
           "    source: the test\n"
           "    grade: A\n"
           "    metric: {variable: goods/deliveries, where: {good: missiles}, from: 2024-01-01, to: 2024-12-31, aggregate: total}\n"
           "    range: " + range + "\n" + extra;
  }
  std::string scenario() {
    return write("scen.yaml", defsim::test::stochastic_economy("calib", "", 366, 2));
  }
};

TEST_F(CalibrateCheckCli, AllTargetsPassExitsZeroAndAMissExitsFive) {
  const std::string scen = scenario();
  const std::string pass = write("pass.yaml", targets("[3000, 3800]"));
  const Result ok = run_cli("calibrate-check " + scen + " --targets " + pass + " --threads 2");
  EXPECT_EQ(ok.code, 0) << ok.out;
  EXPECT_TRUE(contains(ok.out, "missiles_2024")) << ok.out;
  EXPECT_TRUE(contains(ok.out, "1 of 1 targets pass.")) << ok.out;

  const std::string miss = write("miss.yaml", targets("[5000, 6000]"));
  const Result missed = run_cli("calibrate-check " + scen + " --targets " + miss + " --threads 2");
  EXPECT_EQ(missed.code, 5) << missed.out;
  EXPECT_TRUE(contains(missed.out, "MISS")) << missed.out;
  EXPECT_TRUE(contains(missed.out, "0 of 1 targets pass; missed: missiles_2024.")) << missed.out;
}

TEST_F(CalibrateCheckCli, BadTargetFilesExitTwoWithPositions) {
  const std::string scen = scenario();
  const std::string bad = write("bad.yaml", targets("[3000, 3800]", "    sorce: typo\n"));
  const Result r = run_cli("calibrate-check " + scen + " --targets " + bad);
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_TRUE(contains(r.out, "bad.yaml:9:5: targets.missiles_2024.sorce: unknown key 'sorce'; did you mean 'source'?"))
      << r.out;
  // A metric that cannot be evaluated on this run is bad input too, found after the run.
  const std::string late = write("late.yaml", targets("[1, 2]").replace(targets("[1, 2]").find("2024-12-31"), 10, "2026-12-31"));
  const Result r2 = run_cli("calibrate-check " + scen + " --targets " + late);
  EXPECT_EQ(r2.code, 2) << r2.out;
  EXPECT_TRUE(contains(r2.out, "runs past the run (2024-01-01 to 2024-12-31)")) << r2.out;
  // An inline model has no targets.yaml next to it.
  const Result r3 = run_cli("calibrate-check " + scen);
  EXPECT_EQ(r3.code, 2) << r3.out;
  EXPECT_TRUE(contains(r3.out, "inline model: name the target file with --targets")) << r3.out;
}

TEST_F(CalibrateCheckCli, ChecksAFinishedRunAndRunsTheScenarioATargetFileNames) {
  const std::string scen = scenario();
  const std::string run_file = path("kept.h5");
  const std::string pass = write("pass.yaml", targets("[3000, 3800]"));
  const Result kept = run_cli("calibrate-check " + scen + " --targets " + pass + " -o " + run_file + " --format csv");
  ASSERT_EQ(kept.code, 0) << kept.out;
  EXPECT_TRUE(contains(kept.out, "target,figure,source,grade,variable,aggregate,from,to,min,max,simulated")) << kept.out;
  EXPECT_TRUE(fs::exists(run_file));

  const Result again = run_cli("calibrate-check --run " + run_file + " --targets " + pass + " --format markdown");
  EXPECT_EQ(again.code, 0) << again.out;
  EXPECT_TRUE(contains(again.out, "| `missiles_2024` | about 3,600 missiles a year | the test | A |")) << again.out;
  const Result refused = run_cli("calibrate-check --run " + run_file + " --targets " + pass + " --set days=10");
  EXPECT_EQ(refused.code, 2) << refused.out;

  // A target file that names its scenario is enough on its own.
  const std::string named = write("named.yaml", "scenario: scen.yaml\n" + targets("[3000, 3800]"));
  const Result own = run_cli("calibrate-check " + named + " --threads 2");
  EXPECT_EQ(own.code, 0) << own.out;
}

}  // namespace
}  // namespace defsim::cli_test
