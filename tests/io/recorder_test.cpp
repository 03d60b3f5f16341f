#include "io/recorder.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "io/tiny_model.hpp"

namespace defsim {
namespace {

using test::fill_day;
using test::tiny_model;
using test::tiny_state;

// Index of "group/name" among the recorder's variables.
std::size_t slot_of(const Recorder& r, const std::string& path) {
  for (std::size_t k = 0; k < r.variable_count(); ++k) {
    if (r.variable(k).path() == path) return k;
  }
  ADD_FAILURE() << path << " not recorded";
  return 0;
}

double value(const Recorder& r, const std::string& path, std::size_t period, Index row) {
  const std::size_t k = slot_of(r, path);
  return r.values(k)[period * static_cast<std::size_t>(r.rows(k)) + static_cast<std::size_t>(row)];
}

void run_days(const Model& m, State& s, Recorder& r, Day days, double scale = 1.0) {
  for (Day d = 0; d < days; ++d) {
    fill_day(m, s, d, scale);
    r.record_day(m, s);
  }
}

double sum_of_day_numbers(int from, int to) { return (from + to) * (to - from + 1) / 2.0; }

}  // namespace

TEST(Recorder, SumsFlowsOverEachPeriod) {
  const Model m = tiny_model();
  State s = tiny_state(m);
  Recorder r(m);
  run_days(m, s, r, 60);
  ASSERT_TRUE(r.complete());
  // Shells delivered on day d: d + 1. Periods: days 0-16, 17-45, 46-59.
  EXPECT_EQ(value(r, "goods/deliveries", 0, test::kShells), sum_of_day_numbers(1, 17));   // 153
  EXPECT_EQ(value(r, "goods/deliveries", 1, test::kShells), sum_of_day_numbers(18, 46));  // 928
  EXPECT_EQ(value(r, "goods/deliveries", 2, test::kShells), sum_of_day_numbers(47, 60));  // 749
  EXPECT_EQ(value(r, "goods/deliveries", 1, test::kSteel), 0.0);
  EXPECT_EQ(value(r, "goods/state_orders", 1, test::kShells), 100.0 * 29);
  EXPECT_EQ(value(r, "plants/output", 2, test::kSteelMill), 2.0 * 14);
}

TEST(Recorder, StocksTakeTheLastDayOfThePeriod) {
  const Model m = tiny_model();
  State s = tiny_state(m);
  Recorder r(m);
  run_days(m, s, r, 60);
  EXPECT_EQ(value(r, "goods/backlog", 0, test::kShells), 160.0);
  EXPECT_EQ(value(r, "goods/backlog", 1, test::kShells), 450.0);
  EXPECT_EQ(value(r, "goods/backlog", 2, test::kShells), 590.0);
  EXPECT_EQ(value(r, "inputs/stock", 1, 0), 500.0 - 45);
  EXPECT_EQ(value(r, "regions/employed", 2, 0), 1360.0 + 59);
}

TEST(Recorder, MeansAverageOverThePeriodsDays) {
  const Model m = tiny_model();
  State s = tiny_state(m);
  Recorder r(m);
  run_days(m, s, r, 60);
  // Steel's domestic share is set to the day number.
  EXPECT_EQ(value(r, "goods/domestic_share", 0, test::kSteel), 8.0);
  EXPECT_EQ(value(r, "goods/domestic_share", 1, test::kSteel), 31.0);
  EXPECT_EQ(value(r, "goods/domestic_share", 2, test::kSteel), 52.5);
  EXPECT_EQ(value(r, "goods/domestic_share", 2, test::kShells), 1.0);
  EXPECT_EQ(value(r, "routes/capacity", 1, 0), 10.0);
}

TEST(Recorder, RoutePricesAverageOnlyOverDaysWithShipments) {
  const Model m = tiny_model();
  State s = tiny_state(m);
  Recorder r(m);
  run_days(m, s, r, 60);
  // Shipments on days divisible by 3 at 660 + day USD. Period 0: days 0,3,…,15 -> mean day 7.5.
  EXPECT_EQ(value(r, "routes/price_usd", 0, 0), 667.5);
  // Period 1: days 18,…,45 -> mean day 31.5. Period 2: days 48,…,57 -> mean day 52.5.
  EXPECT_EQ(value(r, "routes/price_usd", 1, 0), 691.5);
  EXPECT_EQ(value(r, "routes/price_usd", 2, 0), 712.5);
  EXPECT_EQ(value(r, "routes/shipped", 0, 0), 6.0 * 6);
}

TEST(Recorder, RoutePriceIsZeroInAPeriodWithoutShipments) {
  Model m = tiny_model();
  m.run.output.frequency = Frequency::day;
  State s = tiny_state(m);
  Recorder r(m);
  run_days(m, s, r, 60);
  EXPECT_EQ(value(r, "routes/price_usd", 3, 0), 663.0);
  EXPECT_EQ(value(r, "routes/price_usd", 4, 0), 0.0);
}

TEST(Recorder, CodesTakeTheMostFrequentValueWithTiesToTheLowestCode) {
  const Model m = tiny_model();
  State s = tiny_state(m);
  Recorder r(m);
  run_days(m, s, r, 60);
  // Shell works alternates capacity (1) on even days and input:steel (3) on odd days.
  // Period 0 has 9 even and 8 odd days; period 1 (days 17-45) 14 even, 15 odd; period 2
  // (46-59) 7 and 7: a tie, resolved to the lower code.
  const Index shells = test::kShellWorks;
  EXPECT_EQ(value(r, "plants/binding", 0, shells), kBindingCapacity);
  EXPECT_EQ(value(r, "plants/binding", 1, shells), kBindingInputBase + test::kSteel);
  EXPECT_EQ(value(r, "plants/binding", 2, shells), kBindingCapacity);
  EXPECT_EQ(value(r, "plants/binding", 1, test::kSteelMill), kBindingDemand);
}

TEST(Recorder, DerivedPlantVariablesCombineColumns) {
  const Model m = tiny_model();
  State s = tiny_state(m);
  Recorder r(m);
  run_days(m, s, r, 60);
  EXPECT_EQ(value(r, "plants/workforce", 0, test::kShellWorks), 900.0 + 16 + 50);
  EXPECT_EQ(value(r, "plants/capital", 0, test::kShellWorks), 150.0 + 50.0 - 16);  // domestic + china
  EXPECT_EQ(value(r, "plants/capital", 2, test::kSteelMill), 80.0);
}

TEST(Recorder, RecordsOnlyTheDeclaredVariablesInRegistryOrder) {
  Model m = tiny_model();
  m.run.output.variables = {"plants/binding", "goods/deliveries"};
  Recorder r(m);
  ASSERT_EQ(r.variable_count(), 2u);
  EXPECT_EQ(r.variable(0).path(), "goods/deliveries");
  EXPECT_EQ(r.variable(1).path(), "plants/binding");
  EXPECT_EQ(r.rows(0), 2);
  EXPECT_EQ(r.values(0).size(), 3u * 2u);
}

TEST(Recorder, RecordsEverythingWhenNoVariablesAreDeclared) {
  const Model m = tiny_model();
  EXPECT_EQ(Recorder(m).variable_count(), variable_registry().size());
}

TEST(Recorder, RejectsAnUnknownVariable) {
  Model m = tiny_model();
  m.run.output.variables = {"goods/deliverys"};
  try {
    Recorder r(m);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown variable 'goods/deliverys'"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("goods/deliveries"), std::string::npos) << e.what();
  }
}

TEST(Recorder, RejectsSkippedAndExtraDays) {
  const Model m = tiny_model();
  State s = tiny_state(m);
  Recorder r(m);
  fill_day(m, s, 1, 1.0);
  EXPECT_THROW(r.record_day(m, s), UsageError);
  run_days(m, s, r, 60);
  EXPECT_TRUE(r.complete());
  fill_day(m, s, 60, 1.0);
  EXPECT_THROW(r.record_day(m, s), UsageError);
}

TEST(Recorder, ResetStartsAFreshReplicationWithTheSameBuffers) {
  const Model m = tiny_model();
  State s = tiny_state(m);
  Recorder r(m);
  run_days(m, s, r, 60, 5.0);
  const double* buffer = r.values(0).data();
  r.reset();
  EXPECT_FALSE(r.complete());
  EXPECT_EQ(r.days_recorded(), 0);
  run_days(m, s, r, 60);
  EXPECT_EQ(r.values(0).data(), buffer);
  EXPECT_EQ(value(r, "goods/deliveries", 0, test::kShells), 153.0);
  EXPECT_EQ(value(r, "routes/price_usd", 0, 0), 667.5);
}

}  // namespace defsim
