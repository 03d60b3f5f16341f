// A `defsim run` killed while its output is being written leaves no file under the final
// name, and the next run to the same name finishes it and sweeps away the dead temporary.
#include <gtest/gtest.h>

#include "cli/background_process.hpp"
#include "cli/cli_support.hpp"
#include "support/fixtures.hpp"

namespace defsim::cli_test {
namespace {

std::vector<std::string> temporaries_of(const fs::path& dir, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string f = e.path().filename().string();
    if (f.rfind(name + ".tmp.", 0) == 0) out.push_back(f);
  }
  return out;
}

class KilledRun : public CliTest {};

TEST_F(KilledRun, LeavesNoResultAndTheNextRunCleansUp) {
  std::string text = testing::tiny_scenario("", "true");
  text.replace(text.find("days: 1096"), 10, "days: 3650");
  text.replace(text.find("replications: 1"), 15, "replications: 6");
  const std::string scenario = write("long.yaml", text + "output: {frequency: day}\n");
  const std::string out = path("out.h5");
  {
    BackgroundProcess job(DEFSIM_CLI, {"run", scenario, "-q", "--threads", "1", "-o", out}, path("job.log"));
    // The temporary file exists from the first day; kill once the first replication is in it.
    ASSERT_TRUE(job.wait_until([&] {
      const auto temps = temporaries_of(dir_, "out.h5");
      return !temps.empty() && fs::file_size(dir_ / temps.front()) > 200 * 1024;
    })) << read_text(path("job.log"));
    job.signal(SIGKILL);
    EXPECT_EQ(job.wait(), 128 + SIGKILL);
  }
  EXPECT_FALSE(fs::exists(out));
  ASSERT_EQ(temporaries_of(dir_, "out.h5").size(), 1u);
  // Readers see a missing file, not a damaged one.
  const Result export_missing = run_cli("export " + out + " --csv " + path("csv"));
  EXPECT_EQ(export_missing.code, 3) << export_missing.out;

  const Result rerun = run_cli("run " + scenario + " -q --set replications=1 --set days=365 -o " + out);
  ASSERT_EQ(rerun.code, 0) << rerun.out;
  EXPECT_TRUE(fs::exists(out));
  EXPECT_TRUE(temporaries_of(dir_, "out.h5").empty());
  EXPECT_EQ(run_cli("export " + out + " --csv " + path("csv")).code, 0);
}

}  // namespace
}  // namespace defsim::cli_test
