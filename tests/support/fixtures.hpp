#pragma once
// Small inline economies for tests, and helpers to run them day by day.
#include <string>

#include "core/model.hpp"
#include "core/state.hpp"
#include "econ/demand.hpp"
#include "econ/phases.hpp"
#include "scenario/compile.hpp"

namespace defsim::testing {

// A missile plant using imported chips (two corridors, one that adapts when full, markups
// that rise with utilisation), domestic steel (criticality 0.5) and machine tools from a
// domestic maker and a Chinese route; Chinese tools need imported spare parts. Balanced:
// constant demand keeps it in its steady state.
inline std::string tiny_scenario(const std::string& extra_scenario = "", const std::string& stochastic = "false") {
  return R"(name: tiny
start: 2024-01-01
days: 1096
seed: 7
replications: 1
stochastic: )" + stochastic + R"(
demand:
  missiles: {per_day: 10}
)" + extra_scenario + R"(
model:
  name: tiny
  origins:
    china: {depreciation_per_year: 0.05, parts_good: china_parts, parts_per_tool_per_day: 0.01}
  goods:
    missiles: {kind: final, unit: missile, unit_value_usd: 1.0e6}
    chips: {kind: component, unit: chip, unit_value_usd: 100}
    steel: {kind: component, unit: t, unit_value_usd: 500}
    tools: {kind: capital, unit: tool, unit_value_usd: 200000, domestic_share: 0.5}
    china_parts: {kind: component, unit: set, unit_value_usd: 300}
  regions:
    volga: {labour_force: 100000, available_workers: 5000}
  plants:
    missile_plant:
      good: missiles
      region: volga
      capacity_per_day: 12.5
      workers: 5000
      machine_tools: {domestic: 200, china: 100}
      inputs:
        chips: {per_unit: 50, inventory_days: 30}
        steel: {per_unit: 2, criticality: 0.5, inventory_days: 20}
    steel_mill: {good: steel, region: volga, capacity_per_day: 40, workers: 2000}
    tool_maker: {good: tools, region: volga, capacity_per_day: 1, workers: 500}
  imports:
    chips:
      routes:
        china_direct: {origin: china, corridor: direct, capacity_per_day: 2000, lead_time_days: 45, markup: 0.3, payment_failure: 0.05, interdiction: 0.01, jitter_days: 5, markup_slope: 0.2}
        kazakhstan: {origin: china, corridor: kazakhstan, capacity_per_day: 400, max_capacity_per_day: 1500, adaptation_per_day: 0.02, lead_time_days: 60, markup: 0.5, markup_slope: 0.6, payment_failure: 0.02, jitter_days: 10}
    tools:
      routes:
        china_direct: {origin: china, corridor: direct, capacity_per_day: 5, lead_time_days: 60}
    china_parts:
      routes:
        china_direct: {origin: china, corridor: direct, capacity_per_day: 50, lead_time_days: 30}
)";
}

inline Model compile_text(const std::string& text, const std::vector<std::string>& overrides = {}) {
  CompileOptions options;
  options.overrides = overrides;
  return compile_scenario_text(text, options, "test.yaml");
}

inline Index plant_row(const Model& m, const std::string& name) {
  for (Index i = 0; i < m.plants.size(); ++i) {
    if (m.plants.name[i] == name) return i;
  }
  return kNone;
}

inline Index good_row(const Model& m, const std::string& name) {
  for (Index g = 0; g < m.goods.size(); ++g) {
    if (m.goods.name[g] == name) return g;
  }
  return kNone;
}

inline Index route_row(const Model& m, const std::string& name) {
  for (Index r = 0; r < m.routes.size(); ++r) {
    if (m.routes.name[r] == name) return r;
  }
  return kNone;
}

// Constant demand at its start-date level and no events: the setting in which the model
// spec promises a steady state.
inline Model frozen(Model m) {
  for (auto& schedule : m.demand.schedule) {
    if (!schedule.empty()) schedule = {{0, scheduled_rate(schedule, 0)}};
  }
  m.events.clear();
  m.event_targets.clear();
  m.run.stochastic = false;
  return m;
}

}  // namespace defsim::testing
