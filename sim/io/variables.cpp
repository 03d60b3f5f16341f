#include "io/variables.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstddef>
#include <type_traits>

#include "core/error.hpp"

namespace defsim {
namespace {

// A variable that is one State column read as is. The macro keeps the column's name and
// the code that reads it from drifting apart.
struct ColumnRead {
  const char* column;
  ValueFn value;
  const double* (*double_column)(const State&);
  const std::int32_t* (*code_column)(const State&);
};
template <class T, class U>
const U* column_data(const std::vector<T>& column) {
  if constexpr (std::is_same_v<T, U>) {
    return column.data();
  } else {
    return nullptr;
  }
}
// clang-format off
#define DEFSIM_COLUMN(table, member)                                                            \
  ColumnRead {                                                                                  \
    #table "." #member, [](const Model&, const State& s, Index row) {                           \
      return static_cast<double>(s.table.member[static_cast<std::size_t>(row)]);                \
    },                                                                                          \
    [](const State& s) { return column_data<typename decltype(s.table.member)::value_type, double>(s.table.member); }, \
    [](const State& s) { return column_data<typename decltype(s.table.member)::value_type, std::int32_t>(s.table.member); } \
  }
// clang-format on

VariableDef variable(const char* group, const char* name, const char* unit, Axis axis, Aggregation agg,
                     ValueFn value, std::vector<std::string> columns, const char* description) {
  VariableDef v{};
  v.group = group;
  v.name = name;
  v.unit = unit;
  v.description = description;
  v.axis = axis;
  v.agg = agg;
  v.is_code = false;
  v.value = value;
  v.columns = std::move(columns);
  return v;
}

VariableDef column_variable(const char* group, const char* name, const char* unit, Axis axis, Aggregation agg,
                            ColumnRead read, const char* description) {
  VariableDef v = variable(group, name, unit, axis, agg, read.value, {read.column}, description);
  v.double_column = read.double_column;
  v.code_column = read.code_column;
  return v;
}

// Tools per plant are kept by origin, (plants x origins); outputs report the plant total.
template <std::vector<double> PlantState::*Column>
double sum_over_origins(const Model& m, const State& s, Index plant) {
  const auto n = static_cast<std::size_t>(m.n_origins());
  const auto* first = (s.plants.*Column).data() + static_cast<std::size_t>(plant) * n;
  double total = 0.0;
  for (std::size_t o = 0; o < n; ++o) total += first[o];
  return total;
}

// Units of a period total. State flows are per day; their sum over the period's days is a
// plain quantity, so "units" (not "units/day"). Goods have their own units: /index/goods_unit.
constexpr const char* kUnits = "units";
constexpr const char* kUnitsPerDay = "units/day";
constexpr const char* kWorkers = "workers";
constexpr const char* kTools = "machine tools";
constexpr const char* kUsd = "USD";
constexpr const char* kUsdPerUnit = "USD/unit";
constexpr const char* kShare = "1";
constexpr const char* kDays = "days";

std::vector<VariableDef> build_registry() {
  using A = Aggregation;
  std::vector<VariableDef> r;

  // Goods. Columns are sized for every good; rows where a flow means nothing (deliveries
  // of a component) hold 0.
  const Axis kGoods = Axis::goods;
  r.push_back(
      column_variable("goods", "state_orders", kUnits, kGoods, A::sum, DEFSIM_COLUMN(goods, state_orders),
                      "Final goods: units the state ordered, total over the period (0 for other goods)."));
  r.push_back(column_variable(
      "goods", "deliveries", kUnits, kGoods, A::sum, DEFSIM_COLUMN(goods, deliveries),
      "Final goods: units delivered to the state, total over the period (0 for other goods)."));
  r.push_back(column_variable("goods", "effective_deliveries", kUnits, kGoods, A::sum,
                              DEFSIM_COLUMN(goods, effective_deliveries),
                              "Final goods: deliveries scaled by the availability of the service they depend "
                              "on, total over the period."));
  r.push_back(column_variable(
      "goods", "backlog", kUnits, kGoods, A::last, DEFSIM_COLUMN(goods, backlog),
      "Final goods: units ordered by the state and not yet delivered, at the end of the period."));
  r.push_back(column_variable("goods", "production", kUnits, kGoods, A::sum, DEFSIM_COLUMN(goods, production),
                              "Units made by domestic plants, total over the period."));
  r.push_back(column_variable("goods", "orders", kUnits, kGoods, A::sum, DEFSIM_COLUMN(goods, orders),
                              "Units ordered by plants from all sources, total over the period."));
  r.push_back(column_variable("goods", "import_orders", kUnits, kGoods, A::sum,
                              DEFSIM_COLUMN(goods, import_orders),
                              "Units of plants' orders offered to import routes, total over the period."));
  r.push_back(column_variable("goods", "rejected", kUnits, kGoods, A::sum, DEFSIM_COLUMN(goods, rejected),
                              "Units of import orders no route accepted, total over the period."));
  r.push_back(column_variable(
      "goods", "spilled_to_domestic", kUnits, kGoods, A::sum, DEFSIM_COLUMN(goods, spilled_to_domestic),
      "Units of rejected import orders sent on to domestic plants, total over the period."));
  r.push_back(column_variable("goods", "received", kUnits, kGoods, A::sum, DEFSIM_COLUMN(goods, received),
                              "Units received by plants from all sources, total over the period."));
  r.push_back(column_variable("goods", "consumed", kUnits, kGoods, A::sum, DEFSIM_COLUMN(goods, consumed),
                              "Units used up in production, total over the period."));
  r.push_back(column_variable("goods", "lost", kUnits, kGoods, A::sum, DEFSIM_COLUMN(goods, lost),
                              "Units seized in transit, total over the period."));
  r.push_back(column_variable("goods", "unallocated", kUnits, kGoods, A::sum,
                              DEFSIM_COLUMN(goods, unallocated),
                              "Units delivered with no outstanding order to book them against (written off), "
                              "total over the period."));
  r.push_back(column_variable("goods", "import_bill_usd", kUsd, kGoods, A::sum,
                              DEFSIM_COLUMN(goods, import_bill_usd),
                              "USD paid for imports of the good, total over the period."));
  r.push_back(column_variable("goods", "retry_pool", kUnits, kGoods, A::last, DEFSIM_COLUMN(goods, retry_pool),
                              "Orders whose payment bounced, waiting to be re-placed, at the end of the period."));
  r.push_back(column_variable("goods", "retried", kUnits, kGoods, A::sum, DEFSIM_COLUMN(goods, retried),
                              "Bounced orders re-placed with the routes, total over the period."));
  r.push_back(column_variable("goods", "price_index", kUsdPerUnit, kGoods, A::mean,
                              DEFSIM_COLUMN(goods, price_index),
                              "Smoothed average price paid over imports and domestic supply, mean over the "
                              "period's days."));
  r.push_back(column_variable("goods", "stock", kUnits, kGoods, A::last, DEFSIM_COLUMN(goods, stock),
                              "Units held by plants as inputs or substitutes, at the end of the period."));
  r.push_back(column_variable("goods", "domestic_share", kShare, kGoods, A::mean,
                              DEFSIM_COLUMN(goods, domestic_share),
                              "Share of plants' orders placed with domestic makers (current parameter), mean "
                              "over the period's days."));
  r.push_back(column_variable(
      "goods", "availability", kShare, kGoods, A::mean, DEFSIM_COLUMN(goods, availability),
      "Services: availability in [0,1], mean over the period's days (other goods: as set, usually 1)."));
  r.push_back(column_variable("goods", "unit_value_usd", kUsdPerUnit, kGoods, A::mean,
                              DEFSIM_COLUMN(goods, unit_value_usd),
                              "Base price of one unit (current parameter), mean over the period's days."));

  // Plants.
  const Axis kPlants = Axis::plants;
  r.push_back(column_variable("plants", "output", kUnits, kPlants, A::sum, DEFSIM_COLUMN(plants, output),
                              "Units made, total over the period."));
  r.push_back(column_variable("plants", "orders_received", kUnits, kPlants, A::sum,
                              DEFSIM_COLUMN(plants, orders_received),
                              "Units booked into the plant's backlog, total over the period."));
  r.push_back(column_variable("plants", "capacity", kUnitsPerDay, kPlants, A::mean,
                              DEFSIM_COLUMN(plants, capacity),
                              "Capital-labour capacity times availability, mean over the period's days."));
  r.push_back(column_variable("plants", "demand_target", kUnitsPerDay, kPlants, A::mean,
                              DEFSIM_COLUMN(plants, demand_target),
                              "Output the order book asks for (backlog work-off plus expected orders), mean "
                              "over the period's days."));
  r.push_back(column_variable("plants", "planned_output", kUnitsPerDay, kPlants, A::mean,
                              DEFSIM_COLUMN(plants, planned_output),
                              "Smoothed production plan, mean over the period's days."));
  r.push_back(column_variable("plants", "backlog", kUnits, kPlants, A::last, DEFSIM_COLUMN(plants, backlog),
                              "Units ordered from the plant and not yet made, at the end of the period."));
  {
    VariableDef v =
        column_variable("plants", "binding", "code", kPlants, A::mode, DEFSIM_COLUMN(plants, binding),
                        "Constraint that bound output on most days of the period (ties: lowest code); names "
                        "in attribute codes.");
    v.is_code = true;
    v.code_names = &binding_code_names;
    r.push_back(std::move(v));
  }
  r.push_back(variable(
      "plants", "workforce", kWorkers, kPlants, A::last,
      [](const Model&, const State& st, Index i) {
        const auto row = static_cast<std::size_t>(i);
        return st.plants.experienced[row] + st.plants.trainees[row];
      },
      {"plants.experienced", "plants.trainees"},
      "Headcount (experienced workers plus trainees) at the end of the period."));
  r.push_back(column_variable("plants", "trainees", kWorkers, kPlants, A::last,
                              DEFSIM_COLUMN(plants, trainees),
                              "Workers in training at the end of the period."));
  r.push_back(column_variable("plants", "desired_workforce", kWorkers, kPlants, A::last,
                              DEFSIM_COLUMN(plants, desired_workforce),
                              "Headcount the plant wants for its plan at the end of the period."));
  // Vacancies are a level (workers sought on a day), so they average; hires are the flow.
  r.push_back(column_variable("plants", "vacancies", kWorkers, kPlants, A::mean,
                              DEFSIM_COLUMN(plants, vacancies),
                              "Workers sought, mean over the period's days."));
  r.push_back(column_variable("plants", "hires", kWorkers, kPlants, A::sum, DEFSIM_COLUMN(plants, hires),
                              "Workers hired, total over the period."));
  r.push_back(column_variable("plants", "quits", kWorkers, kPlants, A::sum, DEFSIM_COLUMN(plants, quits),
                              "Workers who quit, total over the period."));
  r.push_back(column_variable("plants", "layoffs", kWorkers, kPlants, A::sum, DEFSIM_COLUMN(plants, layoffs),
                              "Workers laid off, total over the period."));
  r.push_back(
      variable("plants", "capital", kTools, kPlants, A::last, &sum_over_origins<&PlantState::capital>,
               {"plants.capital"},
               "Installed machine tools summed over origins at the end of the period."));
  r.push_back(variable("plants", "installed", kTools, kPlants, A::sum,
                       &sum_over_origins<&PlantState::installed>, {"plants.installed"},
                       "Machine tools installed, summed over origins, total over the period."));
  r.push_back(column_variable("plants", "depreciation", kTools, kPlants, A::sum,
                              DEFSIM_COLUMN(plants, depreciation),
                              "Machine tools lost to depreciation, total over the period."));
  r.push_back(column_variable(
      "plants", "availability", kShare, kPlants, A::mean, DEFSIM_COLUMN(plants, availability),
      "Capacity multiplier (current parameter, 1 = undisturbed), mean over the period's days."));

  r.push_back(column_variable("plants", "wage", "wage units/worker-month", kPlants, A::mean,
                              DEFSIM_COLUMN(plants, wage), "Wage paid, mean over the period's days."));
  r.push_back(column_variable("plants", "hours", "hours/week", kPlants, A::mean, DEFSIM_COLUMN(plants, hours),
                              "Weekly hours worked, mean over the period's days."));
  r.push_back(column_variable("plants", "unfilled_vacancies", kWorkers, kPlants, A::mean,
                              DEFSIM_COLUMN(plants, unfilled),
                              "Vacancies left unfilled at the end of a day, mean over the period's days."));
  r.push_back(column_variable("plants", "drafted", kWorkers, kPlants, A::sum, DEFSIM_COLUMN(plants, drafted),
                              "Workers mobilised into the army, total over the period."));
  r.push_back(column_variable("plants", "desired_capital", kTools, kPlants, A::last,
                              DEFSIM_COLUMN(plants, desired_capital),
                              "Working tools the plant wants (cost-minimising K*), at the end of the period."));
  r.push_back(variable(
      "plants", "effective_capital", kTools, kPlants, A::last,
      [](const Model& m, const State& st, Index i) {
        const auto n = static_cast<std::size_t>(m.n_origins());
        const std::size_t row = static_cast<std::size_t>(i) * n;
        double k = 0.0;
        for (std::size_t o = 0; o < n; ++o) k += st.plants.health[row + o] * st.plants.capital[row + o];
        return k;
      },
      {"plants.capital", "plants.health"}, "Working machine tools (health-weighted), at the end of the period."));

  // Capital by origin: one row per (plant, origin), labels in /index/capital.
  const Axis kCapital = Axis::capital;
  r.push_back(column_variable("capital", "tools", kTools, kCapital, A::last, DEFSIM_COLUMN(plants, capital),
                              "Machine tools in use by origin, at the end of the period."));
  r.push_back(column_variable("capital", "health", kShare, kCapital, A::last, DEFSIM_COLUMN(plants, health),
                              "Share of the origin's tools working (spare parts), at the end of the period."));
  r.push_back(column_variable("capital", "installing", kTools, kCapital, A::last,
                              DEFSIM_COLUMN(plants, installing),
                              "Tools delivered and being installed, at the end of the period."));
  r.push_back(column_variable("capital", "installed", kTools, kCapital, A::sum, DEFSIM_COLUMN(plants, installed),
                              "Tools put into use, total over the period."));

  // Inputs: one row per demand slot (plant x good it orders).
  const Axis kSlots = Axis::slots;
  r.push_back(column_variable("inputs", "stock", kUnits, kSlots, A::last, DEFSIM_COLUMN(slots, stock),
                              "Units held at the end of the period (capital slots: 0)."));
  r.push_back(column_variable("inputs", "outstanding", kUnits, kSlots, A::last,
                              DEFSIM_COLUMN(slots, outstanding),
                              "Units ordered and not yet received or cancelled, at the end of the period."));
  r.push_back(column_variable("inputs", "ordered", kUnits, kSlots, A::sum, DEFSIM_COLUMN(slots, ordered),
                              "Units ordered, total over the period."));
  r.push_back(column_variable("inputs", "received", kUnits, kSlots, A::sum, DEFSIM_COLUMN(slots, received),
                              "Units received, total over the period."));
  r.push_back(column_variable("inputs", "consumed", kUnits, kSlots, A::sum, DEFSIM_COLUMN(slots, consumed),
                              "Units used in production, total over the period."));
  r.push_back(
      column_variable("inputs", "cancelled", kUnits, kSlots, A::sum, DEFSIM_COLUMN(slots, cancelled),
                      "Units of the slot's orders lost, bounced or rejected, total over the period."));

  // Routes, including each good's domestic channel.
  const Axis kRoutes = Axis::routes;
  r.push_back(column_variable("routes", "ordered", kUnits, kRoutes, A::sum, DEFSIM_COLUMN(routes, ordered),
                              "Units the route accepted, total over the period."));
  r.push_back(column_variable("routes", "failed", kUnits, kRoutes, A::sum, DEFSIM_COLUMN(routes, failed),
                              "Units whose payment bounced, total over the period."));
  r.push_back(column_variable("routes", "shipped", kUnits, kRoutes, A::sum, DEFSIM_COLUMN(routes, shipped),
                              "Units shipped, total over the period."));
  r.push_back(column_variable(
      "routes", "arrived", kUnits, kRoutes, A::sum, DEFSIM_COLUMN(routes, arrived),
      "Units that reached the border (including those seized there), total over the period."));
  r.push_back(column_variable("routes", "interdicted", kUnits, kRoutes, A::sum,
                              DEFSIM_COLUMN(routes, interdicted), "Units seized, total over the period."));
  r.push_back(column_variable("routes", "bill_usd", kUsd, kRoutes, A::sum, DEFSIM_COLUMN(routes, bill_usd),
                              "USD paid (shipped units times price), total over the period."));
  {
    // A day without shipments has no price; averaging its 0 in would fake a price drop.
    VariableDef v = column_variable(
        "routes", "price_usd", kUsdPerUnit, kRoutes, A::mean, DEFSIM_COLUMN(routes, price_usd),
        "USD per unit paid, mean over the period's days with shipments (0 if none).");
    v.weight = [](const Model&, const State& st, Index i) {
      return st.routes.shipped[static_cast<std::size_t>(i)] > 0.0 ? 1.0 : 0.0;
    };
    v.columns.emplace_back("routes.shipped");
    r.push_back(std::move(v));
  }
  r.push_back(column_variable("routes", "in_transit", kUnits, kRoutes, A::last,
                              DEFSIM_COLUMN(routes, in_transit),
                              "Units shipped and not yet arrived, at the end of the period."));
  r.push_back(column_variable(
      "routes", "capacity", kUnitsPerDay, kRoutes, A::mean, DEFSIM_COLUMN(routes, capacity),
      "Units the route can accept per day (current parameter), mean over the period's days."));
  r.push_back(column_variable(
      "routes", "markup", kShare, kRoutes, A::mean, DEFSIM_COLUMN(routes, markup),
      "Markup as a share of the base price (current parameter), mean over the period's days."));
  r.push_back(column_variable("routes", "lead_time_days", kDays, kRoutes, A::mean,
                              DEFSIM_COLUMN(routes, lead_time_days),
                              "Lead time before jitter (current parameter), mean over the period's days."));
  r.push_back(column_variable(
      "routes", "interdiction", kShare, kRoutes, A::mean, DEFSIM_COLUMN(routes, interdiction),
      "Probability a shipped unit is seized (current parameter), mean over the period's days."));
  r.push_back(column_variable(
      "routes", "payment_failure", kShare, kRoutes, A::mean, DEFSIM_COLUMN(routes, payment_failure),
      "Probability an order's payment bounces (current parameter), mean over the period's days."));
  r.push_back(column_variable("routes", "effective_capacity", kUnitsPerDay, kRoutes, A::mean,
                              DEFSIM_COLUMN(routes, effective_capacity),
                              "Capacity after corridor adaptation, min(ceiling, capacity x (1 + expansion)), mean "
                              "over the period's days."));
  r.push_back(column_variable("routes", "max_capacity", kUnitsPerDay, kRoutes, A::mean,
                              DEFSIM_COLUMN(routes, max_capacity),
                              "Ceiling adaptation can reach (current parameter), mean over the period's days."));
  r.push_back(column_variable("routes", "expansion", kShare, kRoutes, A::last, DEFSIM_COLUMN(routes, expansion),
                              "Capacity added by adaptation, as a share of the capacity parameter, at the end of "
                              "the period."));
  r.push_back(column_variable("routes", "utilisation", kShare, kRoutes, A::mean,
                              DEFSIM_COLUMN(routes, utilisation),
                              "Accepted orders / effective capacity, mean over the period's days."));
  r.push_back(column_variable("routes", "markup_paid", kShare, kRoutes, A::mean,
                              DEFSIM_COLUMN(routes, markup_paid),
                              "Markup charged given utilisation (m0 + m1 u^k), mean over the period's days."));

  // Regions.
  const Axis kRegions = Axis::regions;
  r.push_back(column_variable("regions", "labour_force", kWorkers, kRegions, A::last,
                              DEFSIM_COLUMN(regions, labour_force),
                              "Workers in the region's labour force at the end of the period."));
  r.push_back(column_variable("regions", "available", kWorkers, kRegions, A::last,
                              DEFSIM_COLUMN(regions, available),
                              "Unemployed or movable workers at the end of the period."));
  r.push_back(column_variable("regions", "employed", kWorkers, kRegions, A::last,
                              DEFSIM_COLUMN(regions, employed),
                              "Workers employed in the region's plants at the end of the period."));
  r.push_back(column_variable("regions", "civilian_wage", "wage units/worker-month", kRegions, A::mean,
                              DEFSIM_COLUMN(regions, civilian_wage),
                              "Civilian wage (follows defense wages), mean over the period's days."));
  r.push_back(column_variable("regions", "matches", kWorkers, kRegions, A::sum, DEFSIM_COLUMN(regions, matches),
                              "Workers hired by the region's plants, total over the period."));
  r.push_back(column_variable("regions", "mobilised", kWorkers, kRegions, A::last,
                              DEFSIM_COLUMN(regions, mobilised),
                              "Workers from the region serving in the army, at the end of the period."));
  r.push_back(column_variable("regions", "mobilised_share", kShare, kRegions, A::mean,
                              DEFSIM_COLUMN(regions, mobilised_share),
                              "Target mobilised share of the eligible pool (event parameter), mean over the "
                              "period's days."));
  r.push_back(column_variable("regions", "emigration", "1/day", kRegions, A::mean,
                              DEFSIM_COLUMN(regions, emigration),
                              "Share of available workers leaving per day (event parameter), mean over the "
                              "period's days."));
  r.push_back(column_variable("regions", "inflow", "workers/day", kRegions, A::mean, DEFSIM_COLUMN(regions, inflow),
                              "Workers arriving per day: migrants, prison labour (event parameter), mean over the "
                              "period's days."));
  return r;
}

#undef DEFSIM_COLUMN

}  // namespace

const std::vector<VariableDef>& variable_registry() {
  static const std::vector<VariableDef> registry = build_registry();
  return registry;
}

std::vector<std::string> variable_names() {
  std::vector<std::string> names;
  for (const auto& v : variable_registry()) names.push_back(v.path());
  return names;
}

const VariableDef* find_variable(std::string_view path) {
  for (const auto& v : variable_registry()) {
    if (v.path() == path) return &v;
  }
  return nullptr;
}

std::vector<const VariableDef*> selected_variables(const Model& model) {
  const auto& wanted = model.run.output.variables;
  for (const auto& name : wanted) {
    if (find_variable(name) == nullptr) {
      throw UsageError(fmt::format("output.variables: unknown variable '{}'; known: {}", name,
                                   fmt::join(variable_names(), ", ")));
    }
  }
  std::vector<const VariableDef*> selected;
  for (const auto& def : variable_registry()) {
    if (wanted.empty() || std::find(wanted.begin(), wanted.end(), def.path()) != wanted.end()) {
      selected.push_back(&def);
    }
  }
  return selected;
}

Index axis_rows(const Model& model, Axis axis) {
  switch (axis) {
    case Axis::goods: return model.goods.size();
    case Axis::plants: return model.plants.size();
    case Axis::slots: return model.slots.size();
    case Axis::routes: return model.routes.size();
    case Axis::regions: return model.regions.size();
    case Axis::capital: return model.plants.size() * model.n_origins();
  }
  return 0;
}

std::string_view to_string(Axis axis) {
  switch (axis) {
    case Axis::goods: return "goods";
    case Axis::plants: return "plants";
    case Axis::slots: return "inputs";
    case Axis::routes: return "routes";
    case Axis::regions: return "regions";
    case Axis::capital: return "capital";
  }
  return "?";
}

std::string_view to_string(Aggregation agg) {
  switch (agg) {
    case Aggregation::sum: return "sum";
    case Aggregation::last: return "last";
    case Aggregation::mean: return "mean";
    case Aggregation::mode: return "mode";
  }
  return "?";
}

std::string_view axis_index_path(Axis axis) {
  switch (axis) {
    case Axis::goods: return "/index/goods";
    case Axis::plants: return "/index/plants";
    case Axis::slots: return "/index/inputs";
    case Axis::routes: return "/index/routes";
    case Axis::regions: return "/index/regions";
    case Axis::capital: return "/index/capital";
  }
  return "";
}

std::vector<std::string> binding_code_names(const Model& model) {
  std::vector<std::string> names(static_cast<std::size_t>(kBindingInputBase));
  names[static_cast<std::size_t>(kBindingDemand)] = "demand";
  names[static_cast<std::size_t>(kBindingCapacity)] = "capacity";
  for (const auto& good : model.goods.name) names.push_back("input:" + good);
  return names;
}

// --- Column coverage --------------------------------------------------------------------

// clang-format off
#define DEFSIM_STATE_COLUMN(table, member) \
  StateColumn { #table "." #member, [](const State& s) -> const void* { return &s.table.member; } }
// clang-format on

const std::vector<StateColumn>& state_columns() {
  static const std::vector<StateColumn> columns = {
      DEFSIM_STATE_COLUMN(plants, availability),
      DEFSIM_STATE_COLUMN(plants, backlog),
      DEFSIM_STATE_COLUMN(plants, pending_orders),
      DEFSIM_STATE_COLUMN(plants, orders_received),
      DEFSIM_STATE_COLUMN(plants, expected_orders),
      DEFSIM_STATE_COLUMN(plants, demand_target),
      DEFSIM_STATE_COLUMN(plants, planned_output),
      DEFSIM_STATE_COLUMN(plants, capacity),
      DEFSIM_STATE_COLUMN(plants, output),
      DEFSIM_STATE_COLUMN(plants, binding),
      DEFSIM_STATE_COLUMN(plants, order_split),
      DEFSIM_STATE_COLUMN(plants, experienced),
      DEFSIM_STATE_COLUMN(plants, trainees),
      DEFSIM_STATE_COLUMN(plants, desired_workforce),
      DEFSIM_STATE_COLUMN(plants, vacancies),
      DEFSIM_STATE_COLUMN(plants, hires),
      DEFSIM_STATE_COLUMN(plants, quits),
      DEFSIM_STATE_COLUMN(plants, layoffs),
      DEFSIM_STATE_COLUMN(plants, capital),
      DEFSIM_STATE_COLUMN(plants, installed),
      DEFSIM_STATE_COLUMN(plants, depreciation),
      DEFSIM_STATE_COLUMN(plants, wage),
      DEFSIM_STATE_COLUMN(plants, hours),
      DEFSIM_STATE_COLUMN(plants, unfilled),
      DEFSIM_STATE_COLUMN(plants, drafted),
      DEFSIM_STATE_COLUMN(plants, desired_capital),
      DEFSIM_STATE_COLUMN(plants, health),
      DEFSIM_STATE_COLUMN(plants, installing),

      DEFSIM_STATE_COLUMN(slots, stock),
      DEFSIM_STATE_COLUMN(slots, outstanding),
      DEFSIM_STATE_COLUMN(slots, ordered),
      DEFSIM_STATE_COLUMN(slots, received),
      DEFSIM_STATE_COLUMN(slots, consumed),
      DEFSIM_STATE_COLUMN(slots, cancelled),
      DEFSIM_STATE_COLUMN(slots, ordered_smoothed),
      DEFSIM_STATE_COLUMN(slots, received_smoothed),

      DEFSIM_STATE_COLUMN(routes, capacity),
      DEFSIM_STATE_COLUMN(routes, markup),
      DEFSIM_STATE_COLUMN(routes, lead_time_days),
      DEFSIM_STATE_COLUMN(routes, jitter_days),
      DEFSIM_STATE_COLUMN(routes, interdiction),
      DEFSIM_STATE_COLUMN(routes, payment_failure),
      DEFSIM_STATE_COLUMN(routes, weight),
      DEFSIM_STATE_COLUMN(routes, ordered),
      DEFSIM_STATE_COLUMN(routes, failed),
      DEFSIM_STATE_COLUMN(routes, shipped),
      DEFSIM_STATE_COLUMN(routes, arrived),
      DEFSIM_STATE_COLUMN(routes, interdicted),
      DEFSIM_STATE_COLUMN(routes, price_usd),
      DEFSIM_STATE_COLUMN(routes, bill_usd),
      DEFSIM_STATE_COLUMN(routes, in_transit_ring),
      DEFSIM_STATE_COLUMN(routes, in_transit),
      DEFSIM_STATE_COLUMN(routes, cum_ordered),
      DEFSIM_STATE_COLUMN(routes, cum_failed),
      DEFSIM_STATE_COLUMN(routes, cum_shipped),
      DEFSIM_STATE_COLUMN(routes, cum_arrived),
      DEFSIM_STATE_COLUMN(routes, cum_interdicted),
      DEFSIM_STATE_COLUMN(routes, effective_capacity),
      DEFSIM_STATE_COLUMN(routes, expansion),
      DEFSIM_STATE_COLUMN(routes, utilisation),
      DEFSIM_STATE_COLUMN(routes, markup_paid),
      DEFSIM_STATE_COLUMN(routes, max_capacity),
      DEFSIM_STATE_COLUMN(routes, adaptation),
      DEFSIM_STATE_COLUMN(routes, markup_slope),

      DEFSIM_STATE_COLUMN(goods, demand_scale),
      DEFSIM_STATE_COLUMN(goods, domestic_share),
      DEFSIM_STATE_COLUMN(goods, availability),
      DEFSIM_STATE_COLUMN(goods, unit_value_usd),
      DEFSIM_STATE_COLUMN(goods, state_orders),
      DEFSIM_STATE_COLUMN(goods, deliveries),
      DEFSIM_STATE_COLUMN(goods, effective_deliveries),
      DEFSIM_STATE_COLUMN(goods, backlog),
      DEFSIM_STATE_COLUMN(goods, production),
      DEFSIM_STATE_COLUMN(goods, orders),
      DEFSIM_STATE_COLUMN(goods, import_orders),
      DEFSIM_STATE_COLUMN(goods, rejected),
      DEFSIM_STATE_COLUMN(goods, spilled_to_domestic),
      DEFSIM_STATE_COLUMN(goods, received),
      DEFSIM_STATE_COLUMN(goods, consumed),
      DEFSIM_STATE_COLUMN(goods, lost),
      DEFSIM_STATE_COLUMN(goods, unallocated),
      DEFSIM_STATE_COLUMN(goods, import_bill_usd),
      DEFSIM_STATE_COLUMN(goods, stock),
      DEFSIM_STATE_COLUMN(goods, position),
      DEFSIM_STATE_COLUMN(goods, retry_pool),
      DEFSIM_STATE_COLUMN(goods, retried),
      DEFSIM_STATE_COLUMN(goods, price_index),

      DEFSIM_STATE_COLUMN(regions, labour_force),
      DEFSIM_STATE_COLUMN(regions, available),
      DEFSIM_STATE_COLUMN(regions, employed),
      DEFSIM_STATE_COLUMN(regions, pool),
      DEFSIM_STATE_COLUMN(regions, civilian_wage),
      DEFSIM_STATE_COLUMN(regions, matches),
      DEFSIM_STATE_COLUMN(regions, mobilised),
      DEFSIM_STATE_COLUMN(regions, mobilised_share),
      DEFSIM_STATE_COLUMN(regions, emigration),
      DEFSIM_STATE_COLUMN(regions, inflow),

      StateColumn{"route_scratch", [](const State& s) -> const void* { return &s.route_scratch; }},
      StateColumn{"scratch.partial", [](const State& s) -> const void* { return &s.scratch.partial; }},
      StateColumn{"scratch.by_good", [](const State& s) -> const void* { return &s.scratch.by_good; }},
      StateColumn{"scratch.good_factor", [](const State& s) -> const void* { return &s.scratch.good_factor; }},
      StateColumn{"scratch.by_region", [](const State& s) -> const void* { return &s.scratch.by_region; }},
  };
  return columns;
}

#undef DEFSIM_STATE_COLUMN

const std::vector<ExcludedColumn>& excluded_columns() {
  static const std::vector<ExcludedColumn> excluded = {
      {"plants.pending_orders",
       "transient: orders placed today are booked tomorrow and then show in plants/orders_received"},
      {"plants.expected_orders",
       "internal smoothing state of planning; its effect is recorded as plants/demand_target"},
      {"plants.order_split",
       "allocation weights re-split monthly from capacities; their effect is plants/orders_received"},
      {"slots.ordered_smoothed",
       "internal smoothing state of ordering; inputs/ordered records the daily flow"},
      {"slots.received_smoothed",
       "internal smoothing state of ordering; inputs/received records the daily flow"},
      {"routes.jitter_days",
       "route parameter: its model value and any events that change it are in /provenance/resolved_scenario"},
      {"routes.adaptation",
       "route parameter: its model value and any events that change it are in /provenance/resolved_scenario"},
      {"routes.markup_slope",
       "route parameter: its model value and any events that change it are in /provenance/resolved_scenario"},
      {"routes.weight",
       "route-choice weight: its model value and any events that change it are in /provenance/resolved_scenario"},
      {"routes.in_transit_ring", "internal arrival calendar; routes/in_transit is its row sum"},
      {"routes.cum_ordered", "running total for the accounting identities: cumulative sum of routes/ordered"},
      {"routes.cum_failed", "running total for the accounting identities: cumulative sum of routes/failed"},
      {"routes.cum_shipped", "running total for the accounting identities: cumulative sum of routes/shipped"},
      {"routes.cum_arrived", "running total for the accounting identities: cumulative sum of routes/arrived"},
      {"routes.cum_interdicted",
       "running total for the accounting identities: cumulative sum of routes/interdicted"},
      {"goods.demand_scale",
       "event multiplier on the state's order schedule; its effect is goods/state_orders"},
      {"goods.position",
       "accounting helper for the stock identity: goods/stock plus the good's routes/in_transit"},
      {"regions.pool",
       "constant by construction (available + employed at the start); regions/available and "
       "regions/employed show its split"},
      {"route_scratch", "scratch buffer of route choice, meaningless between days"},
      {"scratch.partial", "working memory of the per-good and per-region sums, meaningless between phases"},
      {"scratch.by_good", "working memory of the per-good sums, meaningless between phases"},
      {"scratch.good_factor", "working memory of per-good shares applied to rows, meaningless between phases"},
      {"scratch.by_region", "working memory of the per-region sums, meaningless between phases"},
  };
  return excluded;
}

}  // namespace defsim
