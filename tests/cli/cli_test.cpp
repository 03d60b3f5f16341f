// End-to-end tests through the real binary: exit codes, messages, and no output on error.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli/cli_support.hpp"

namespace {

namespace fs = std::filesystem;
using defsim::cli_test::Result;
using defsim::cli_test::run_cli;

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("defsim_cli_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p) << text;
    return p.string();
  }
  fs::path dir_;
};

const std::string kScenario = R"(name: cli
start: 2024-01-01
days: 60
stochastic: false
demand:
  shells: {per_year: 3650}
model:
  goods:
    shells: {kind: final, unit: shell, unit_value_usd: 1000}
  regions:
    volga: {labour_force: 1000, available_workers: 100}
  plants:
    shell_plant: {good: shells, region: volga, capacity_per_day: 20, workers: 500}
)";

void expect_rejected(const Result& r, const std::string& located_message) {
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find(located_message), std::string::npos) << r.out;
}

TEST_F(Cli, ValidateAcceptsAValidScenario) {
  const auto r = run_cli("validate " + write("ok.yaml", kScenario));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find(": ok (1 goods, 1 plants"), std::string::npos) << r.out;
}

struct BadInput {
  const char* name;
  const char* from;
  const char* to;
  const char* message;  // after the file name
};

const BadInput kBadInputs[] = {
    {"misspelt", "capacity_per_day: 20", "capacity_pre_day: 20",
     ":13:48: plants.shell_plant.capacity_pre_day: unknown key 'capacity_pre_day'; did you mean 'capacity_per_day'?"},
    {"wrong_type", "workers: 500", "workers: [500]", ":13:79: plants.shell_plant.workers: expected a number, got a list"},
    {"out_of_range", "available_workers: 100", "available_workers: -100",
     ":11:52: regions.volga.available_workers: must be >= 0, got -100"},
    {"undefined_good", "good: shells, region", "good: missiles, region",
     ":13:25: plants.shell_plant.good: unknown good 'missiles'. Defined: shells"},
};

TEST_F(Cli, ValidateAndRunRejectBadInputWithFileLineColumnAndWriteNothing) {
  for (const BadInput& bad : kBadInputs) {
    std::string text = kScenario;
    text.replace(text.find(bad.from), std::string(bad.from).size(), bad.to);
    const std::string file = write(std::string(bad.name) + ".yaml", text);
    expect_rejected(run_cli("validate " + file), file + bad.message);
    const fs::path out = dir_ / (std::string(bad.name) + ".h5");
    expect_rejected(run_cli("run " + file + " -q -o " + out.string()), file + bad.message);
    EXPECT_FALSE(fs::exists(out)) << bad.name;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      EXPECT_EQ(entry.path().extension(), ".yaml") << "left behind: " << entry.path();
    }
  }
}

TEST_F(Cli, RunWritesOneFileAndCompareReportsNoChangeAgainstItself) {
  const std::string file = write("ok.yaml", kScenario);
  const fs::path out = dir_ / "ok.h5";
  const auto r = run_cli("run " + file + " -q --threads 2 -o " + out.string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(fs::exists(out));
  const auto c = run_cli("compare " + out.string() + " " + out.string());
  EXPECT_EQ(c.code, 0) << c.out;
  EXPECT_NE(c.out.find("shells"), std::string::npos) << c.out;
}

TEST_F(Cli, UnknownSetPathIsAnInputError) {
  const std::string file = write("ok.yaml", kScenario);
  const auto r = run_cli("run " + file + " -q --set plants.shell_plant.wokers=3 -o " + (dir_ / "x.h5").string());
  expect_rejected(r, "plants.shell_plant.wokers: unknown key 'wokers'; did you mean 'workers'?");
  EXPECT_FALSE(fs::exists(dir_ / "x.h5"));
}

}  // namespace
