#include "io/variables.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "io/tiny_model.hpp"

namespace defsim {
namespace {

std::set<std::string> recorded_columns() {
  std::set<std::string> out;
  for (const auto& v : variable_registry()) out.insert(v.columns.begin(), v.columns.end());
  return out;
}

std::set<std::string> excluded_names() {
  std::set<std::string> out;
  for (const auto& e : excluded_columns()) out.insert(std::string(e.name));
  return out;
}

std::set<std::string> listed_columns() {
  std::set<std::string> out;
  for (const auto& c : state_columns()) out.insert(std::string(c.name));
  return out;
}

// Checks that the listed columns inside [table, table + size) tile it exactly: every byte
// of the table belongs to a listed std::vector. A column added to the table but not to
// state_columns() leaves a gap.
template <class Table>
void expect_tiled(const State& s, const Table& table, const char* name) {
  const auto* begin = reinterpret_cast<const unsigned char*>(&table);
  const auto* end = begin + sizeof(Table);
  std::vector<const unsigned char*> starts;
  for (const auto& c : state_columns()) {
    const auto* a = static_cast<const unsigned char*>(c.address(s));
    if (a >= begin && a < end) starts.push_back(a);
  }
  std::sort(starts.begin(), starts.end());
  const unsigned char* expected = begin;
  for (const auto* a : starts) {
    EXPECT_EQ(a, expected) << name << ": a member at byte offset " << (expected - begin)
                           << " is missing from state_columns() (io/variables.cpp)";
    expected = a + sizeof(std::vector<double>);
  }
  EXPECT_EQ(expected, end) << name << ": members after byte offset " << (expected - begin)
                           << " are missing from state_columns() (io/variables.cpp)";
}

// State's members, as the coverage lists know them. If State gains a member, this size
// check fails: decide whether to record the new column, list it in state_columns() and
// record or exclude it, then update this mirror.
struct StateLayout {
  Day day;
  Index ring_days;
  bool check_identities;
  RngKey rng;
  PlantState plants;
  SlotState slots;
  RouteState routes;
  GoodState goods;
  RegionState regions;
  Day events_computed_day;        // bookkeeping of phase 1, not a column
  std::uint64_t events_clamped;   // lead times clamped at that computation
  std::vector<Index> route_scratch;
  DayScratch scratch;
  Diagnostics diagnostics;
};

}  // namespace

TEST(StateCoverage, EveryStateColumnIsRecordedOrExcludedWithAReason) {
  const auto recorded = recorded_columns();
  const auto excluded = excluded_names();
  for (const auto& c : state_columns()) {
    const std::string name(c.name);
    const bool is_recorded = recorded.count(name) > 0;
    const bool is_excluded = excluded.count(name) > 0;
    EXPECT_TRUE(is_recorded || is_excluded)
        << "State column " << name << " is neither recorded by a variable nor listed in excluded_columns()";
    EXPECT_FALSE(is_recorded && is_excluded) << name << " is recorded, so it must not also be excluded";
  }
  for (const auto& e : excluded_columns()) {
    EXPECT_GE(e.reason.size(), 20u) << e.name << ": give a real reason";
  }
}

TEST(StateCoverage, ListsNameOnlyRealColumns) {
  const auto listed = listed_columns();
  EXPECT_EQ(listed.size(), state_columns().size()) << "a column is listed twice in state_columns()";
  for (const auto& name : recorded_columns()) {
    EXPECT_TRUE(listed.count(name)) << "variable reads unknown " << name;
  }
  for (const auto& name : excluded_names()) EXPECT_TRUE(listed.count(name)) << "excluded unknown " << name;
}

TEST(StateCoverage, ColumnListMatchesTheStateLayout) {
  const Model m = test::tiny_model();
  const State s = test::tiny_state(m);
  expect_tiled(s, s.plants, "PlantState");
  expect_tiled(s, s.slots, "SlotState");
  expect_tiled(s, s.routes, "RouteState");
  expect_tiled(s, s.goods, "GoodState");
  expect_tiled(s, s.regions, "RegionState");
  EXPECT_EQ(sizeof(State), sizeof(StateLayout))
      << "State gained or lost a member outside its entity tables: update state_columns(), the "
         "coverage decision in io/variables.cpp and StateLayout in this test";
  const auto* scratch = static_cast<const void*>(&s.route_scratch);
  EXPECT_TRUE(std::any_of(state_columns().begin(), state_columns().end(),
                          [&](const StateColumn& c) { return c.address(s) == scratch; }));
}

TEST(VariableRegistry, NamesAreUniqueAndGroupSlashName) {
  const auto names = variable_names();
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size());
  for (const auto& n : names) {
    EXPECT_EQ(std::count(n.begin(), n.end(), '/'), 1) << n;
    EXPECT_EQ(find_variable(n)->path(), n);
  }
  EXPECT_EQ(find_variable("goods/nonsense"), nullptr);
}

// Names are part of the file format and of scenarios' output.variables: renaming one
// breaks users' files and scripts, so it must be a deliberate change to this list.
TEST(VariableRegistry, NamesAreStable) {
  const std::vector<std::string> expected = {
      "goods/state_orders",
      "goods/deliveries",
      "goods/effective_deliveries",
      "goods/backlog",
      "goods/production",
      "goods/orders",
      "goods/import_orders",
      "goods/rejected",
      "goods/spilled_to_domestic",
      "goods/received",
      "goods/consumed",
      "goods/lost",
      "goods/unallocated",
      "goods/import_bill_usd",
      "goods/retry_pool",
      "goods/retried",
      "goods/price_index",
      "goods/stock",
      "goods/domestic_share",
      "goods/availability",
      "goods/unit_value_usd",
      "plants/output",
      "plants/orders_received",
      "plants/capacity",
      "plants/demand_target",
      "plants/planned_output",
      "plants/backlog",
      "plants/binding",
      "plants/workforce",
      "plants/trainees",
      "plants/desired_workforce",
      "plants/vacancies",
      "plants/hires",
      "plants/quits",
      "plants/layoffs",
      "plants/capital",
      "plants/installed",
      "plants/depreciation",
      "plants/availability",
      "plants/wage",
      "plants/hours",
      "plants/unfilled_vacancies",
      "plants/drafted",
      "plants/desired_capital",
      "plants/effective_capital",
      "capital/tools",
      "capital/health",
      "capital/installing",
      "capital/installed",
      "inputs/stock",
      "inputs/outstanding",
      "inputs/ordered",
      "inputs/received",
      "inputs/consumed",
      "inputs/cancelled",
      "routes/ordered",
      "routes/failed",
      "routes/shipped",
      "routes/arrived",
      "routes/interdicted",
      "routes/bill_usd",
      "routes/price_usd",
      "routes/in_transit",
      "routes/capacity",
      "routes/markup",
      "routes/lead_time_days",
      "routes/interdiction",
      "routes/payment_failure",
      "routes/effective_capacity",
      "routes/max_capacity",
      "routes/expansion",
      "routes/utilisation",
      "routes/markup_paid",
      "regions/labour_force",
      "regions/available",
      "regions/employed",
      "regions/civilian_wage",
      "regions/matches",
      "regions/mobilised",
      "regions/mobilised_share",
      "regions/emigration",
      "regions/inflow"};
  EXPECT_EQ(variable_names(), expected);
}

TEST(VariableRegistry, EveryVariableIsDescribedWithAUnit) {
  for (const auto& v : variable_registry()) {
    EXPECT_FALSE(v.unit.empty()) << v.path();
    EXPECT_GE(v.description.size(), 20u) << v.path();
    EXPECT_NE(v.value, nullptr) << v.path();
    EXPECT_FALSE(v.columns.empty()) << v.path();
    EXPECT_EQ(v.is_code, v.agg == Aggregation::mode) << v.path();
    EXPECT_EQ(v.is_code, v.code_names != nullptr) << v.path();
    if (v.weight != nullptr) {
      EXPECT_EQ(v.agg, Aggregation::mean) << v.path();
    }
    // Period totals are quantities, not rates.
    if (v.agg == Aggregation::sum) {
      EXPECT_EQ(v.unit.find("/day"), std::string::npos) << v.path();
    }
    EXPECT_EQ(to_string(v.axis) == "inputs", v.group == "inputs") << v.path();
    if (v.group != "inputs") {
      EXPECT_EQ(to_string(v.axis), v.group) << v.path();
    }
  }
}

TEST(VariableRegistry, EveryVariableReadsEveryRowOfATinyState) {
  const Model m = test::tiny_model();
  State s = test::tiny_state(m);
  test::fill_day(m, s, 3, 1.0);
  for (const auto& v : variable_registry()) {
    const Index rows = axis_rows(m, v.axis);
    EXPECT_GT(rows, 0) << v.path();
    for (Index i = 0; i < rows; ++i) EXPECT_TRUE(std::isfinite(v.value(m, s, i))) << v.path() << " row " << i;
  }
}

TEST(VariableRegistry, BindingCodesNameDemandCapacityAndEachInputGood) {
  const Model m = test::tiny_model();
  EXPECT_EQ(binding_code_names(m),
            (std::vector<std::string>{"demand", "capacity", "input:shells", "input:steel"}));
}

#ifdef DEFSIM_SOURCE_DIR
// docs/OUTPUT.md is the user's reference for the file; a variable it does not list is one
// nobody will find.
TEST(OutputDocs, ListEveryVariableAndEveryExcludedColumn) {
  const std::string path = std::string(DEFSIM_SOURCE_DIR) + "/docs/OUTPUT.md";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot read " << path;
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  for (const auto& name : variable_names()) {
    EXPECT_NE(doc.find("`" + name + "`"), std::string::npos) << name << " is missing from docs/OUTPUT.md";
  }
  for (const auto& e : excluded_columns()) {
    EXPECT_NE(doc.find("`" + std::string(e.name) + "`"), std::string::npos)
        << e.name << " is missing from docs/OUTPUT.md";
  }
}
#endif

}  // namespace defsim
