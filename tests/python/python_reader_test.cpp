// Runs tests/python/test_reader.py under Debian's /usr/bin/python3 on fresh run files: every
// dataset must round-trip through scripts/defsim_reader.py. Skipped when that Python lacks
// h5py, numpy or pandas.
#include "cli/cli_support.hpp"

namespace defsim::cli_test {
namespace {

class PythonReader : public CliTest {};

TEST_F(PythonReader, RoundTripsEveryDatasetOfARun) {
  if (!python_has("h5py, numpy, pandas")) GTEST_SKIP() << "/usr/bin/python3 lacks h5py, numpy or pandas";
  const std::string monthly = tiny_run("monthly", kChipCut);
  // Weekly periods and single precision: other shapes and another float dtype.
  const std::string weekly =
      tiny_run("weekly", "", "--set output.frequency=week --set output.precision=single");
  const Result r = run_command(std::string("/usr/bin/python3 ") + DEFSIM_SOURCE_DIR +
                               "/tests/python/test_reader.py " + monthly + " " + weekly);
  if (r.code == 77) GTEST_SKIP() << r.out;
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(contains(r.out, "round-trip")) << r.out;
}

}  // namespace
}  // namespace defsim::cli_test
