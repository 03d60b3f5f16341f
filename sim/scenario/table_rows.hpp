#pragma once
// Appending a demand slot or a route to the Model's tables. Both model compilers (model
// files, scenario/compile_model.cpp, and synthetic economies, scenario/generate.cpp) add
// rows only through these, so every per-row column gets its value in one place: a column
// added to SlotTable or RouteTable is filled here or nowhere. Internal to scenario/.
#include <string>

#include "core/model.hpp"

namespace defsim {

struct SlotRow {
  Index plant = kNone;
  Index good = kNone;
  SlotKind kind = SlotKind::input;
  double coefficient = 0.0;  // a: units per unit of output (substitutes: a_g/q)
  double criticality = 0.0;
  double target_days = 0.0;
  Index primary = kNone;     // substitutes: the input slot they stand in for
  double efficiency = 1.0;   // substitutes: q
  Index origin = kNone;      // parts slots: the tool origin they serve
};

// Appends one slot; returns its row.
Index append_slot(SlotTable& slots, const SlotRow& row);

struct RouteRow {
  std::string name;        // "good/route"; its stable id seeds the route's random numbers
  std::string short_name;  // "china_direct", "domestic"
  Index good = kNone;
  Index origin = kNone;
  std::string corridor;
  bool domestic = false;
  double capacity = 0.0;
  double markup = 0.0;
  double lead_time_days = 1.0;
  double jitter_days = 0.0;
  double interdiction = 0.0;
  double payment_failure = 0.0;
  double weight = 1.0;
  double max_capacity = 0.0;
  double adaptation = 0.0;
  double markup_slope = 0.0;
  double markup_exponent = 2.0;
  double markup_adjustment_days = 1.0;
};

// Appends one route; returns its row.
Index append_route(RouteTable& routes, const RouteRow& row);

// The domestic channel of a good made at home: unlimited, no markup, no risk.
RouteRow domestic_channel(const std::string& good_name, Index good, Index domestic_origin, double lead_time_days);

}  // namespace defsim
