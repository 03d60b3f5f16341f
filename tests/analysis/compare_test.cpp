#include "analysis/compare.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "core/error.hpp"
#include "io/run_reader.hpp"
#include "io/scratch_dir.hpp"
#include "io/tiny_model.hpp"

namespace defsim {
namespace {

std::string usage_error_of(const std::string& a, const std::string& b) {
  try {
    compare_runs(a, b);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no UsageError)";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST(CompareRuns, AFileComparedWithItselfShowsNoChange) {
  test::ScratchDir dir;
  const std::string path = dir.file("base.h5");
  test::write_tiny_run(test::tiny_model(), path, 1.0);
  const auto rows = compare_runs(path, path);
  ASSERT_EQ(rows.size(), 1u);  // final goods only: shells, not steel
  EXPECT_EQ(rows[0].good, "shells");
  EXPECT_EQ(rows[0].unit, "shell");
  EXPECT_EQ(rows[0].base_total, 1830.0);  // 1 + 2 + … + 60
  EXPECT_EQ(rows[0].scenario_total, 1830.0);
  EXPECT_EQ(rows[0].change, 0.0);
  EXPECT_EQ(rows[0].change_pct, 0.0);
}

TEST(CompareRuns, TotalsAreMeansOverPairedReplications) {
  test::ScratchDir dir;
  // Replication r delivers (1 + r) times the pattern: the mean over 3 replications is 2x.
  test::write_tiny_run(test::tiny_model(3), dir.file("base.h5"), 1.0);
  test::write_tiny_run(test::tiny_model(3), dir.file("scenario.h5"), 3.0);
  const auto rows = compare_runs(dir.file("base.h5"), dir.file("scenario.h5"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].base_total, 2.0 * 1830.0);
  EXPECT_EQ(rows[0].scenario_total, 6.0 * 1830.0);
  EXPECT_EQ(rows[0].change, 4.0 * 1830.0);
  EXPECT_DOUBLE_EQ(rows[0].change_pct, 200.0);
}

TEST(CompareRuns, RefusesDifferentHorizonsNamingBothValues) {
  test::ScratchDir dir;
  Model longer = test::tiny_model();
  longer.run.calendar = Calendar(Date{2024, 1, 15}, 90);
  test::write_tiny_run(test::tiny_model(), dir.file("base.h5"), 1.0);
  test::write_tiny_run(longer, dir.file("scenario.h5"), 1.0);
  const std::string msg = usage_error_of(dir.file("base.h5"), dir.file("scenario.h5"));
  EXPECT_TRUE(contains(msg, "different horizon_days ('60' in the baseline, '90' in the scenario)")) << msg;
  EXPECT_TRUE(contains(msg, dir.file("base.h5"))) << msg;
  EXPECT_TRUE(contains(msg, dir.file("scenario.h5"))) << msg;
}

TEST(CompareRuns, RefusesDifferentModelsStartDatesAndFrequencies) {
  test::ScratchDir dir;
  test::write_tiny_run(test::tiny_model(), dir.file("base.h5"), 1.0);

  Model other_model = test::tiny_model();
  other_model.run.model_name = "other";
  test::write_tiny_run(other_model, dir.file("model.h5"), 1.0);
  EXPECT_TRUE(contains(usage_error_of(dir.file("base.h5"), dir.file("model.h5")),
                       "different model_name ('tiny_model' in the baseline, 'other' in the scenario)"));

  Model later = test::tiny_model();
  later.run.calendar = Calendar(Date{2024, 2, 1}, 60);
  test::write_tiny_run(later, dir.file("later.h5"), 1.0);
  EXPECT_TRUE(contains(usage_error_of(dir.file("base.h5"), dir.file("later.h5")),
                       "different start_date ('2024-01-15' in the baseline, '2024-02-01' in the scenario)"));

  Model weekly = test::tiny_model();
  weekly.run.output.frequency = Frequency::week;
  test::write_tiny_run(weekly, dir.file("weekly.h5"), 1.0);
  EXPECT_TRUE(contains(usage_error_of(dir.file("base.h5"), dir.file("weekly.h5")),
                       "different frequency ('month' in the baseline, 'week' in the scenario)"));
}

TEST(CompareRuns, RefusesDifferentGoods) {
  test::ScratchDir dir;
  test::write_tiny_run(test::tiny_model(), dir.file("base.h5"), 1.0);
  Model renamed = test::tiny_model();
  renamed.goods.name[1] = "aluminium";
  test::write_tiny_run(renamed, dir.file("renamed.h5"), 1.0);
  const std::string msg = usage_error_of(dir.file("base.h5"), dir.file("renamed.h5"));
  EXPECT_TRUE(
      contains(msg, "different goods (good 1 is 'steel' in the baseline, 'aluminium' in the scenario)"))
      << msg;
}

TEST(CompareRuns, RefusesFilesWithoutDeliveries) {
  test::ScratchDir dir;
  test::write_tiny_run(test::tiny_model(), dir.file("base.h5"), 1.0);
  Model narrow = test::tiny_model();
  narrow.run.output.variables = {"plants/output"};
  test::write_tiny_run(narrow, dir.file("narrow.h5"), 1.0);
  const std::string msg = usage_error_of(dir.file("base.h5"), dir.file("narrow.h5"));
  EXPECT_TRUE(contains(msg, "goods/deliveries was not recorded")) << msg;
  EXPECT_TRUE(contains(msg, dir.file("narrow.h5"))) << msg;
}

TEST(CompareRuns, AMissingOrForeignFileIsAnIoError) {
  test::ScratchDir dir;
  test::write_tiny_run(test::tiny_model(), dir.file("base.h5"), 1.0);
  { std::ofstream(dir.file("notes.txt")) << "not hdf5"; }
  try {
    compare_runs(dir.file("base.h5"), dir.file("missing.h5"));
    FAIL();
  } catch (const IoError& e) {
    EXPECT_TRUE(contains(e.what(), dir.file("missing.h5") + ": no such file")) << e.what();
  }
  try {
    compare_runs(dir.file("notes.txt"), dir.file("base.h5"));
    FAIL();
  } catch (const IoError& e) {
    EXPECT_TRUE(contains(e.what(), "not an HDF5 file")) << e.what();
  }
}

TEST(ComparisonTable, AlignsColumnsAndGroupsThousands) {
  const std::vector<GoodComparison> rows = {
      {"shells", "shell", 1234567.0, 1000000.0, -234567.0, -19.0},
      {"tanks", "tank", 1500.0, 1500.0, 0.0, 0.0},
      {"drones", "drone", 0.0, 12.5, 12.5, std::nan("")},
  };
  const std::string table = format_comparison_table(rows);
  const std::string expected =
      "good    unit    baseline   scenario    change  change %\n"
      "-------------------------------------------------------\n"
      "shells  shell  1,234,567  1,000,000  -234,567    -19.0%\n"
      "tanks   tank       1,500      1,500         0      0.0%\n"
      "drones  drone          0      12.50    +12.50       n/a\n";
  EXPECT_EQ(table, expected) << table;
}

}  // namespace defsim
