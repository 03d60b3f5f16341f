#pragma once
// A small stochastic economy for comparison tests: one missile plant whose chip imports are
// tight (both routes cut to 90% from April 2024), so that random payment failures and
// seizures make deliveries fall short by random amounts in every run. Owned by the analysis
// tests so that engine fixtures can change without moving these numbers.
#include <string>

namespace defsim::test {

// `extra_events`: further event lines (each "  - {...}\n") after the baseline's own.
inline std::string stochastic_economy(const std::string& name, const std::string& extra_events = "",
                                      int days = 730, int replications = 16) {
  return "name: " + name + "\nstart: 2024-01-01\ndays: " + std::to_string(days) +
         "\nseed: 7\nreplications: " + std::to_string(replications) + R"(
stochastic: true
demand:
  missiles: {per_day: 10}
events:
  - {path: imports.chips.routes.*.capacity_per_day, op: scale, value: 0.9, start: 2024-04-01, note: tight chips}
)" + extra_events +
         R"(model:
  name: crn
  origins:
    china: {depreciation_per_year: 0.05}
  goods:
    missiles: {kind: final, unit: missile, unit_value_usd: 1.0e6}
    chips: {kind: component, unit: chip, unit_value_usd: 100}
    steel: {kind: component, unit: t, unit_value_usd: 500}
    tools: {kind: capital, unit: tool, unit_value_usd: 200000, domestic_share: 0.5}
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
        china_direct: {origin: china, corridor: direct, capacity_per_day: 300, lead_time_days: 45, markup: 0.3, payment_failure: 0.1, interdiction: 0.05, jitter_days: 5}
        kazakhstan: {origin: china, corridor: kazakhstan, capacity_per_day: 260, lead_time_days: 60, markup: 0.5, payment_failure: 0.02, jitter_days: 10}
    tools:
      routes:
        china_direct: {origin: china, corridor: direct, capacity_per_day: 5, lead_time_days: 60}
)";
}

// The scenario of the tests: the direct chip route cut to 70% from July 2024.
inline constexpr const char* kDirectRouteCut =
    "  - {path: imports.chips.routes.china_direct.capacity_per_day, op: scale, value: 0.7, start: "
    "2024-07-01, "
    "note: direct route cut}\n";

}  // namespace defsim::test
