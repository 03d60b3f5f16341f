// compare_files on hand-made run files (tests/io/tiny_model): every number checked against
// values worked out by hand from test::fill_day.
#include <gtest/gtest.h>

#include <cmath>

#include "analysis/compare.hpp"
#include "analysis/compare_format.hpp"
#include "io/scratch_dir.hpp"
#include "io/tiny_model.hpp"

namespace defsim {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool has_note(const Comparison& c, const std::string& part) {
  for (const auto& n : c.notes) {
    if (contains(n, part)) return true;
  }
  return false;
}

void expect_zero_width(const Estimate& e, const std::string& what) {
  EXPECT_EQ(e.value, 0.0) << what;
  EXPECT_EQ(e.lo, 0.0) << what;
  EXPECT_EQ(e.hi, 0.0) << what;
}

TEST(CompareFiles, AFileComparedWithItselfShowsZeroChangeAndZeroWidthIntervals) {
  test::ScratchDir dir;
  const std::string path = dir.file("base.h5");
  test::write_tiny_run(test::tiny_model(3), path, 1.0);  // replications differ from each other
  for (const CompareBy by : {CompareBy::good, CompareBy::plant, CompareBy::route}) {
    CompareOptions options;
    options.by = by;
    const Comparison c = compare_files(path, path, options);
    ASSERT_FALSE(c.effects.empty());
    EXPECT_EQ(c.pairing.pairs, 3u);
    EXPECT_TRUE(c.pairing.common_random_numbers);
    for (const auto& e : c.effects) {
      EXPECT_EQ(e.base_total, e.scenario_total) << e.entity;
      expect_zero_width(e.change, e.entity + " change");
      expect_zero_width(e.change_pct, e.entity + " change %");
      EXPECT_EQ(e.path.peak_period, -1) << e.entity;
      EXPECT_TRUE(e.gap_opens.empty()) << e.entity;
      EXPECT_EQ(e.path.recovery, Recovery::never_below) << e.entity;
    }
    for (const auto& s : c.constraints) {
      EXPECT_EQ(s.base_after, s.scenario_after) << s.constraint;
      expect_zero_width(s.change_after_pp, s.constraint);
    }
    for (const auto& f : c.imports) {
      expect_zero_width(f.volume_change_after, f.good + " volume");
      expect_zero_width(f.bill_change_after, f.good + " bill");
      EXPECT_EQ(f.price_change_after_pct, 0.0);
    }
  }
}

TEST(CompareFiles, HalvedDeliveriesGiveTheGapItsShape) {
  test::ScratchDir dir;
  test::write_tiny_run(test::tiny_model(2), dir.file("base.h5"), 1.0);
  test::write_tiny_run(test::tiny_model(2), dir.file("scenario.h5"), 0.5);
  const Comparison c = compare_files(dir.file("base.h5"), dir.file("scenario.h5"));
  ASSERT_EQ(c.effects.size(), 1u);
  const EntityEffect& e = c.effects[0];
  EXPECT_EQ(e.entity, "shells");
  // Replications deliver 1x and 2x the pattern (1 + 2 + ... + 60 = 1830), the scenario half.
  EXPECT_EQ(e.base_total, 1.5 * 1830.0);
  EXPECT_EQ(e.scenario_total, 0.75 * 1830.0);
  EXPECT_EQ(e.change.value, -0.75 * 1830.0);
  EXPECT_LT(e.change.lo, e.change.value);  // the replications' differences are -915 and -1830
  EXPECT_DOUBLE_EQ(e.change_pct.value, -50.0);
  EXPECT_NEAR(e.change_pct.lo, -50.0, 1e-9);  // every pair is exactly -50%
  EXPECT_NEAR(e.change_pct.hi, -50.0, 1e-9);
  EXPECT_EQ(e.gap_opens, "2024-01-15");
  EXPECT_EQ(e.path.periods_below_90, 3u);
  EXPECT_EQ(e.path.recovery, Recovery::not_recovered);
  EXPECT_EQ(e.recovery_date, "");
  // Daily deliveries grow with the day, so the shortfall peaks in the last period (Mar 1-14,
  // days 46..59): base rate 1.5 * mean(47..60) = 80.25/day, half of it short.
  EXPECT_EQ(e.peak_date, "2024-03-01");
  EXPECT_NEAR(e.peak_shortfall.value, 0.5 * 80.25 * 365.0 / 12.0, 1e-9);
  EXPECT_NEAR(e.path.peak_shortfall_pct, 50.0, 1e-9);
  EXPECT_EQ(c.windows.split, false);
}

TEST(CompareFiles, BindingSharesWeightPeriodsByTheirDays) {
  test::ScratchDir dir;
  const std::string path = dir.file("base.h5");
  test::write_tiny_run(test::tiny_model(2), path, 1.0);
  const Comparison c = compare_files(path, path);
  // shell_works alternates capacity (even days) and input:steel (odd days): the monthly mode
  // is capacity for Jan 15-31 (9 of 17 days) and Mar 1-14 (a 7-7 tie goes to the lower code),
  // input:steel for February (15 of 29 days); steel_mill is demand-bound: 120 plant-days.
  ASSERT_EQ(c.constraints.size(), 3u);
  EXPECT_EQ(c.constraints[0].constraint, "demand");
  EXPECT_DOUBLE_EQ(c.constraints[0].base_after, 60.0 / 120.0);
  EXPECT_EQ(c.constraints[1].constraint, "capacity");
  EXPECT_DOUBLE_EQ(c.constraints[1].base_after, 31.0 / 120.0);
  EXPECT_EQ(c.constraints[2].constraint, "input:steel");
  EXPECT_DOUBLE_EQ(c.constraints[2].base_after, 29.0 / 120.0);
  EXPECT_TRUE(std::isnan(c.constraints[2].base_before));  // no split: no "before" window
  EXPECT_TRUE(has_note(c, "approximate with monthly output"));

  CompareOptions per_plant;
  per_plant.by = CompareBy::plant;
  const Comparison p = compare_files(path, path, per_plant);
  ASSERT_EQ(p.constraints.size(), 3u);
  EXPECT_EQ(p.constraints[0].plant, "shell_works");
  EXPECT_DOUBLE_EQ(p.constraints[0].base_after, 31.0 / 60.0);
  EXPECT_EQ(p.constraints[2].plant, "steel_mill");
  EXPECT_DOUBLE_EQ(p.constraints[2].base_after, 1.0);
}

TEST(CompareFiles, ImportsAreMonthlyRatesWithTheirPremium) {
  test::ScratchDir dir;
  const std::string path = dir.file("base.h5");
  test::write_tiny_run(test::tiny_model(1), path, 1.0);
  const Comparison c = compare_files(path, path);
  // steel/china_direct ships 6 units every third day (20 shipments in 60 days) at 660 + day.
  ASSERT_EQ(c.imports.size(), 2u);  // the good's total and its one route
  const ImportFlow& total = c.imports[0];
  EXPECT_EQ(total.good, "steel");
  EXPECT_TRUE(total.route.empty());
  EXPECT_NEAR(total.base_volume_after, 120.0 / 60.0 * 365.0 / 12.0, 1e-9);
  const double bill = 6.0 * (20 * 660.0 + 3.0 * 190.0);
  EXPECT_NEAR(total.base_bill_after, bill / 60.0 * 365.0 / 12.0, 1e-6);
  EXPECT_NEAR(total.base_premium_after, 100.0 * (bill / (120.0 * 600.0) - 1.0), 1e-9);
  const ImportFlow& route = c.imports[1];
  EXPECT_EQ(route.route, "steel/china_direct");
  EXPECT_EQ(route.origin, "china");
  EXPECT_EQ(route.corridor, "direct");
  EXPECT_TRUE(std::isnan(route.volume_change_after.lo));  // one pair: no interval
  EXPECT_TRUE(has_note(c, "Only one replication pair"));
}

TEST(CompareFiles, PairsReplicationsByIndexAndSaysSo) {
  test::ScratchDir dir;
  test::write_tiny_run(test::tiny_model(3), dir.file("base.h5"), 1.0);
  Model other_seed = test::tiny_model(1);
  other_seed.run.seed = 8;
  test::write_tiny_run(other_seed, dir.file("scenario.h5"), 1.0);
  const Comparison c = compare_files(dir.file("base.h5"), dir.file("scenario.h5"));
  EXPECT_EQ(c.pairing.pairs, 1u);
  EXPECT_EQ(c.pairing.base_replications, 3);
  EXPECT_FALSE(c.pairing.common_random_numbers);
  EXPECT_EQ(c.effects[0].base_total, 1830.0);  // replication 0 only
  EXPECT_TRUE(has_note(c, "only the 1 recorded in both are paired"));
  EXPECT_TRUE(has_note(c, "different seeds (7 and 8)"));
}

TEST(CompareFormats, EveryFormatCarriesTheNumbersAndTheMethod) {
  test::ScratchDir dir;
  test::write_tiny_run(test::tiny_model(2), dir.file("base.h5"), 1.0);
  test::write_tiny_run(test::tiny_model(2), dir.file("scenario.h5"), 0.5);
  const Comparison c = compare_files(dir.file("base.h5"), dir.file("scenario.h5"));

  const std::string table = format_comparison(c, CompareFormat::table);
  EXPECT_TRUE(contains(table, "Deliveries of final goods")) << table;
  EXPECT_TRUE(contains(table, "-50.0%")) << table;
  EXPECT_TRUE(contains(table, "Student-t")) << table;
  EXPECT_TRUE(contains(table, "Binding constraints")) << table;
  EXPECT_TRUE(contains(table, "Imports: volume shipped")) << table;

  const std::string md = format_comparison(c, CompareFormat::markdown);
  EXPECT_TRUE(contains(md, "| good | unit |")) << md;
  EXPECT_TRUE(contains(md, "|:---|:---|---:|")) << md;

  const std::string json = format_comparison(c, CompareFormat::json);
  EXPECT_TRUE(contains(json, "\"format\": \"defsim-compare\"")) << json;
  EXPECT_TRUE(contains(json, "\"entity\": \"shells\"")) << json;
  EXPECT_TRUE(contains(json, "\"change_pct\": {\n        \"value\": -50,")) << json;
  EXPECT_FALSE(contains(json, "nan")) << json;

  const std::string csv = format_comparison(c, CompareFormat::csv);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "section,entity,constraint,origin,corridor,window,metric,unit,value,ci90_low,ci90_high,text");
  EXPECT_TRUE(contains(csv, "\ndeliveries,shells,,,,horizon,change_pct,%,-50,")) << csv;
  EXPECT_TRUE(contains(csv, "\ndeliveries,shells,,,,horizon,gap_opens,,,,,2024-01-15\n")) << csv;
  EXPECT_TRUE(contains(csv, "\nimports,steel,,all,all,")) << csv;
  // A tidy table: every line has the header's 12 fields (quoted commas aside).
  std::size_t start = 0;
  while (start < csv.size()) {
    const std::size_t end = csv.find('\n', start);
    const std::string line = csv.substr(start, end - start);
    int fields = 1;
    bool quoted = false;
    for (char ch : line) {
      if (ch == '"') quoted = !quoted;
      if (ch == ',' && !quoted) ++fields;
    }
    EXPECT_EQ(fields, 12) << line;
    start = end + 1;
  }
}

}  // namespace
}  // namespace defsim
