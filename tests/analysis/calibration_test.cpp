// Calibration targets: reading target files (positions, unknown keys, did-you-mean) and
// every metric aggregate, checked against sums computed directly from the run file.
#include "analysis/calibration.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>

#include "analysis/stochastic_economy.hpp"
#include "run/runner.hpp"
#include "scenario/compile.hpp"

namespace defsim {
namespace {

namespace fs = std::filesystem;

// One run of the small stochastic economy (a year, 2 replications), shared by the tests.
class Calibration : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("defsim_calibration_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    file_ = (dir_ / "run.h5").string();
    CompileOptions options;
    options.overrides = {"days=366"};
    options.replications = 2;
    const Model m = compile_scenario_text(test::stochastic_economy("calib"), options, "calib.yaml");
    RunOptions run;
    run.threads = 2;
    run.output_path = file_;
    run_scenario(m, run);
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static MetricValue metric(const std::string& yaml) {
    const RunFileReader run(file_);
    return evaluate_metric(read_metric_text(yaml), run);
  }

  // Σ over replication r, periods [p0, p1] and the given rows of a variable, straight from the file.
  static double sum(const std::string& variable, std::size_t r, std::size_t p0, std::size_t p1,
                    const std::vector<std::size_t>& rows) {
    const RunFileReader run(file_);
    const Array a = run.read("/" + variable);
    double s = 0.0;
    for (std::size_t p = p0; p <= p1; ++p) {
      for (std::size_t i : rows) s += a.values[(r * a.dims[1] + p) * a.dims[2] + i];
    }
    return s;
  }

  static std::size_t route(const std::string& name) {
    const RunFileReader run(file_);
    const auto names = run.strings("/index/routes");
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
  }

  static std::string error_of(const std::string& metric_yaml) {
    try {
      metric(metric_yaml);
    } catch (const ScenarioError& e) {
      return e.what();
    }
    return "no error";
  }

  static inline fs::path dir_;
  static inline std::string file_;
};

TEST_F(Calibration, FlowsAddUpOverTheWindowAndConvertToRates) {
  // Months 1..3 of 2024 are periods 1..3 (period 0 is January).
  const double expected0 = sum("goods/deliveries", 0, 1, 3, {0});
  const double expected1 = sum("goods/deliveries", 1, 1, 3, {0});
  const auto total = metric("{variable: goods/deliveries, where: {good: missiles}, from: 2024-02-01, to: 2024-04-30, aggregate: total}");
  EXPECT_EQ(total.replications, 2u);
  EXPECT_NEAR(total.per_replication[0], expected0, 1e-9 * expected0);
  EXPECT_NEAR(total.mean, (expected0 + expected1) / 2, 1e-9 * expected0);
  EXPECT_DOUBLE_EQ(total.min, std::min(expected0, expected1));
  const double days = 29 + 31 + 30;
  const auto per_month = metric("{variable: goods/deliveries, where: {good: missiles}, from: 2024-02-01, to: 2024-04-30, aggregate: per_month}");
  EXPECT_NEAR(per_month.per_replication[0], expected0 / days * 365.0 / 12.0, 1e-9 * expected0);
  const auto per_year = metric("{variable: goods/deliveries, where: {good: missiles}, from: 2024-02-01, to: 2024-04-30, aggregate: per_year}");
  EXPECT_NEAR(per_year.per_replication[0], expected0 / days * 365.0, 1e-9 * expected0);
  const auto per_day = metric("{variable: goods/deliveries, where: {good: missiles}, from: 2024-02-01, to: 2024-04-30, aggregate: per_day}");
  EXPECT_NEAR(per_day.per_replication[1], expected1 / days, 1e-9 * expected1);
}

TEST_F(Calibration, ShareAndPricePremiumOverImportRoutes) {
  const std::size_t direct = route("chips/china_direct"), kz = route("chips/kazakhstan");
  const double a = sum("routes/bill_usd", 0, 0, 11, {direct});
  const double b = sum("routes/bill_usd", 0, 0, 11, {kz});
  const auto share = metric(R"({variable: routes/bill_usd, where: {good: chips}, part: {route: china_direct},
    from: 2024-01-01, to: 2024-12-31, aggregate: share})");
  EXPECT_NEAR(share.per_replication[0], a / (a + b), 1e-12);
  // Globs and lists select the same rows.
  const auto globbed = metric(R"({variable: routes/bill_usd, where: {good: "ch*"}, part: {corridor: [direct, "dir*"]},
    from: 2024-01-01, to: 2024-12-31, aggregate: share})");
  EXPECT_DOUBLE_EQ(globbed.per_replication[0], share.per_replication[0]);

  const double units = sum("routes/shipped", 0, 0, 11, {direct}) + sum("routes/shipped", 0, 0, 11, {kz});
  const auto premium = metric("{where: {good: chips}, from: 2024-01-01, to: 2024-12-31, aggregate: price_premium}");
  EXPECT_NEAR(premium.per_replication[0], (a + b) / (units * 100.0) - 1.0, 1e-12);
  // Domestic channels have no import price and are left out even when selected.
  const auto tools = metric("{where: {good: tools}, from: 2024-01-01, to: 2024-12-31, aggregate: price_premium}");
  EXPECT_NEAR(tools.mean, 0.0, 1e-12);  // the only tool import route has no markup
  // exclude removes rows from where.
  const auto only_kz = metric(R"({variable: routes/bill_usd, where: {good: chips}, exclude: {route: china_direct},
    from: 2024-01-01, to: 2024-12-31, aggregate: total})");
  EXPECT_NEAR(only_kz.per_replication[0], b, 1e-9 * b);
}

TEST_F(Calibration, LevelsTakeMeansEndsChangesDifferencesAndRowMeans) {
  const double jun = sum("plants/workforce", 0, 5, 5, {0, 1, 2});
  const double dec = sum("plants/workforce", 0, 11, 11, {0, 1, 2});
  EXPECT_NEAR(metric("{variable: plants/workforce, from: 2024-06-01, to: 2024-12-31, aggregate: end}").per_replication[0],
              dec, 1e-9 * dec);
  EXPECT_NEAR(metric("{variable: plants/workforce, from: 2024-06-01, to: 2024-12-31, aggregate: change}").per_replication[0],
              dec - jun, 1e-6);
  double weighted = 0.0;
  const double days[] = {30, 31, 31, 30, 31, 30, 31};
  for (std::size_t k = 0; k < 7; ++k) weighted += days[k] * sum("plants/workforce", 0, 5 + k, 5 + k, {0, 1, 2});
  EXPECT_NEAR(metric("{variable: plants/workforce, from: 2024-06-01, to: 2024-12-31, aggregate: mean}").per_replication[0],
              weighted / 214.0, 1e-6);
  const double desired = sum("plants/desired_workforce", 0, 11, 11, {0});
  const double workforce = sum("plants/workforce", 0, 11, 11, {0});
  EXPECT_NEAR(metric(R"({variable: plants/desired_workforce, minus: plants/workforce, where: {plant: missile_plant},
    from: 2024-12-01, to: 2024-12-31, aggregate: end})").per_replication[0],
              desired - workforce, 1e-6);
  EXPECT_NEAR(metric("{variable: plants/wage, rows: mean, from: 2024-12-01, to: 2024-12-31, aggregate: end}").per_replication[0],
              sum("plants/wage", 0, 11, 11, {0, 1, 2}) / 3.0, 1e-12);
}

TEST_F(Calibration, MetricErrorsNameTheKeyAndSuggest) {
  EXPECT_NE(error_of("{variable: goods/delivery, from: 2024-01-01, to: 2024-12-31, aggregate: total}")
                .find("<metric>:1:12: metric.variable: unknown variable 'goods/delivery'; did you mean 'goods/deliveries'?"),
            std::string::npos);
  EXPECT_NE(error_of("{variable: goods/deliveries, where: {plant: x}, from: 2024-01-01, to: 2024-12-31, aggregate: total}")
                .find("<metric>:1:38: metric.where.plant: unknown key 'plant' Valid keys: good, kind"),
            std::string::npos);
  EXPECT_NE(error_of("{variable: goods/deliveries, where: {good: misiles}, from: 2024-01-01, to: 2024-12-31, aggregate: total}")
                .find("metric.where.good: no good matches 'misiles'; did you mean 'missiles'?"),
            std::string::npos);
  EXPECT_NE(error_of("{variable: goods/deliveries, from: 2024-01-15, to: 2024-12-31, aggregate: total}")
                .find("cuts the output period 2024-01-01 to 2024-01-31 (frequency month)"),
            std::string::npos);
  EXPECT_NE(error_of("{variable: goods/deliveries, from: 2026-01-01, to: 2026-12-31, aggregate: total}")
                .find("lies outside the run (2024-01-01 to 2024-12-31)"),
            std::string::npos);
  EXPECT_NE(error_of("{variable: plants/workforce, from: 2024-01-01, to: 2024-12-31, aggregate: total}")
                .find("is a last variable (a level or rate); use mean, end or change"),
            std::string::npos);
  EXPECT_NE(error_of("{variable: goods/deliveries, from: 2024-01-01, to: 2024-12-31, aggregate: totl}")
                .find("must be one of total, per_day"),
            std::string::npos);
  EXPECT_NE(error_of("{variable: goods/deliveries, from: 2024-01-01, to: 2024-12-31, aggregate: share}")
                .find("missing required key 'part'"),
            std::string::npos);
}

TEST_F(Calibration, TargetFilesReportEveryProblemWithItsPosition) {
  const std::string text = R"(model: crn
targets:
  ok:
    figure: a figure
    source: a source
    grade: A
    metric: {variable: goods/deliveries, from: 2024-01-01, to: 2024-12-31, aggregate: total}
    range: [1, 2]
  broken:
    figure: x
    sorce: y
    grade: B
    metric: {variable: goods/deliveries, from: 2024-01-01, to: 2024-12-31, aggregate: total}
    range: [3, 1]
)";
  try {
    read_target_text(text, "t.yaml");
    FAIL() << "expected ScenarioError";
  } catch (const ScenarioError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("t.yaml:10:5: targets.broken.source: missing required key 'source'"), std::string::npos) << what;
    EXPECT_NE(what.find("t.yaml:11:5: targets.broken.sorce: unknown key 'sorce'; did you mean 'source'?"), std::string::npos)
        << what;
    EXPECT_NE(what.find("targets.broken: the range is empty: max is below min"), std::string::npos) << what;
  }
}

TEST_F(Calibration, CheckPassesTargetsInsideTheirRangeAndFormatsTheReport) {
  const double year = metric("{variable: goods/deliveries, from: 2024-01-01, to: 2024-12-31, aggregate: total}").mean;
  const std::string text = "model: crn\ntargets:\n"
                           "  inside:\n    figure: f1\n    source: s1\n    grade: A\n"
                           "    metric: {variable: goods/deliveries, where: {good: missiles}, from: 2024-01-01, to: 2024-12-31, aggregate: total}\n"
                           "    range: [" + std::to_string(0.9 * year) + ", " + std::to_string(1.1 * year) + "]\n"
                           "  above:\n    figure: f2\n    source: s2\n    grade: C\n"
                           "    metric: {variable: goods/deliveries, where: {good: missiles}, from: 2024-01-01, to: 2024-12-31, aggregate: total}\n"
                           "    min: " + std::to_string(2 * year) + "\n";
  const TargetFile targets = read_target_text(text, "t.yaml");
  const RunFileReader run(file_);
  const CalibrationReport report = check_targets(targets, run);
  ASSERT_EQ(report.results.size(), 2u);
  EXPECT_TRUE(report.results[0].pass);
  EXPECT_FALSE(report.results[1].pass);
  EXPECT_EQ(report.passed(), 1u);
  const std::string table = format_calibration(report, CalibrationFormat::table);
  EXPECT_NE(table.find("1 of 2 targets pass; missed: above."), std::string::npos) << table;
  EXPECT_NE(table.find("f2 (s2; grade C)"), std::string::npos) << table;
  const std::string csv = format_calibration(report, CalibrationFormat::csv);
  EXPECT_EQ(csv.rfind("target,figure,source,grade,variable,aggregate,from,to,min,max,simulated,", 0), 0u) << csv;
  const std::string md = format_calibration(report, CalibrationFormat::markdown);
  EXPECT_NE(md.find("| `above` | f2 | s2 | C |"), std::string::npos) << md;
  EXPECT_NE(md.find("**MISS**"), std::string::npos) << md;

  // A target file for another model is refused.
  const TargetFile other = read_target_text("model: russia\n" + text.substr(text.find('\n') + 1), "t.yaml");
  EXPECT_THROW(check_targets(other, run), ScenarioError);
}

TEST(CalibrationFormat, ValuesReadLikeTheSources) {
  EXPECT_EQ(format_target_value(0.9012, TargetFormat::percent), "90.1%");
  EXPECT_EQ(format_target_value(8.64e8, TargetFormat::usd), "$864M");
  EXPECT_EQ(format_target_value(1.29e9, TargetFormat::usd), "$1.29bn");
  EXPECT_EQ(format_target_value(2936945.3, TargetFormat::number), "2,936,945");
  EXPECT_EQ(format_target_value(std::nan(""), TargetFormat::number), "n/a");
}

}  // namespace
}  // namespace defsim
