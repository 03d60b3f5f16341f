#pragma once
// The output variable registry: the one list that drives the recorder, the HDF5 writer,
// the scenario's `output.variables` validation and the column-coverage test. A variable
// is a named, unit-carrying view of State columns with a rule for folding days into an
// output period (flows sum, stocks take the last day, prices and rates average, codes
// take the most frequent value).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "core/state.hpp"

namespace defsim {

// The entity table a variable has one row per; also names its /index dataset.
// capital: one row per (plant, origin) pair, plant-major.
enum class Axis : std::uint8_t { goods, plants, slots, routes, regions, capital };

// How the days of one output period fold into one value.
enum class Aggregation : std::uint8_t {
  sum,   // flows: the period total
  last,  // stocks: the value at the end of the period's last day
  mean,  // rates, prices, parameters: average over the period's days (or weighted, below)
  mode   // codes: most frequent value in the period, ties to the lowest code
};

using ValueFn = double (*)(const Model&, const State&, Index row);
using CodeNamesFn = std::vector<std::string> (*)(const Model&);

struct VariableDef {
  std::string group;        // HDF5 group, e.g. "goods"
  std::string name;         // dataset name inside the group, e.g. "deliveries"
  std::string unit;         // of the recorded (aggregated) value, e.g. "units" for a period total
  std::string description;  // one sentence, stored as an attribute
  Axis axis;
  Aggregation agg;
  bool is_code;   // integer category (stored as int32), aggregated by mode
  ValueFn value;  // today's value of one row, read after the day finished
  // mean only: the day's weight; nullptr = every day weighs 1. A period whose weights
  // sum to 0 records 0 (route prices average over days with shipments only).
  ValueFn weight = nullptr;
  // is_code only: the name of each code, indexed by code.
  CodeNamesFn code_names = nullptr;
  // State columns the value reads ("plants.experienced"); the coverage test checks that
  // every State column is read by some variable or deliberately excluded.
  std::vector<std::string> columns;
  // A variable that is one State column as is: the column itself, so the recorder folds a
  // day with one loop over contiguous rows instead of a call per row. nullptr otherwise.
  const double* (*double_column)(const State&) = nullptr;
  const std::int32_t* (*code_column)(const State&) = nullptr;

  std::string path() const { return group + "/" + name; }  // "goods/deliveries"
};

// Every variable defsim can record, in a fixed order (the order of the output file).
const std::vector<VariableDef>& variable_registry();

// "group/name" of every registered variable, in registry order. The scenario compiler
// validates `output.variables` against this list; names are part of the file format and
// stay stable.
std::vector<std::string> variable_names();

// The registered variable called "group/name", or nullptr.
const VariableDef* find_variable(std::string_view path);

// The variables a run records: model.run.output.variables (empty = all), in registry
// order, each once. Throws UsageError on an unknown name (the scenario compiler rejects
// those first; this guards hand-built models).
std::vector<const VariableDef*> selected_variables(const Model& model);

Index axis_rows(const Model& model, Axis axis);
std::string_view to_string(Axis axis);
std::string_view to_string(Aggregation agg);
// Dataset under /index that names the rows of an axis ("/index/goods", "/index/inputs" …).
std::string_view axis_index_path(Axis axis);

// Names of the binding codes: "demand", "capacity", then "input:<good>" per good.
std::vector<std::string> binding_code_names(const Model& model);

// --- Column coverage --------------------------------------------------------------------
// Adding a column to State must come with a decision: record it (name it in some
// variable's `columns`) or exclude it here with a reason. The lists below are maintained
// by hand; tests/io/coverage_test.cpp checks them against State's actual layout so that
// an undecided column fails the build's tests.

struct StateColumn {
  std::string_view name;                 // "plants.backlog"
  const void* (*address)(const State&);  // where the column lives, for the layout check
};
// Every column of State: its entity tables plus the per-run buffers, in declaration order.
const std::vector<StateColumn>& state_columns();

struct ExcludedColumn {
  std::string_view name;    // "routes.cum_ordered"
  std::string_view reason;  // why no output variable reads it
};
const std::vector<ExcludedColumn>& excluded_columns();

}  // namespace defsim
