#pragma once
// Synthetic economies for benchmarks and scale tests (docs/MODEL.md §11, docs/SCENARIOS.md
// §3.10). A scenario names `model: {generate: {plants: N, …}}` and the compiler expands it
// in C++ straight into the Model tables: a tiered supply network with heavy-tailed customer
// degrees and plant sizes, imports on several corridors, machine tools and spare parts,
// and a constant final demand that the generated capacities carry at 60–85% utilisation.
// The YAML limits of compile_model.cpp (2,000 plants, 500 goods) guard hand-written files;
// a generated model has its own, higher limits (kGenerateLimits), because its size comes
// from a handful of validated integers, not from a document.
#include <cstdint>
#include <optional>
#include <string>

#include "core/model.hpp"
#include "scenario/reader.hpp"

namespace defsim {

struct ModelDefaults;

struct GenerateSpec {
  std::int64_t plants = 0;        // N, required
  std::int64_t goods = 0;         // G; 0 = default_goods(N)
  int inputs = 6;                 // K: inputs drawn per plant
  int regions = 8;                // R
  int tiers = 4;                  // T: domestic tiers, the top one final goods
  std::uint64_t seed = 1;         // drives every draw of the generator (not the run's seed)
  double import_share = 0.2;      // share of domestic components also imported
  double degree_exponent = 1.2;   // α_d: Pareto tail of input-good popularity (customer degree)
  double size_exponent = 1.5;     // α_s: Pareto tail of plant sizes and of makers per good
};

// Explicit limits of the generated path (the YAML path keeps its own, lower ones).
struct GenerateLimits {
  std::int64_t max_plants = 4'000'000;
  std::int64_t max_goods = 100'000;
  int max_inputs = 32;
  int max_regions = 10'000;
  int max_tiers = 10;
};
inline constexpr GenerateLimits kGenerateLimits{};

// G when the spec does not say: round(2·√N), within [20, 5000].
std::int64_t default_goods(std::int64_t plants);

// Goods the spec needs at least: one final good, one import-only good, tools, spare parts
// and one component per intermediate tier, with 5% final and 15% import-only goods.
std::int64_t min_goods(int tiers);

// Reads and validates the `generate:` map at `path` (e.g. "generate"); every problem is
// reported at its FILE:LINE:COL. nullopt if any was found.
std::optional<GenerateSpec> read_generate_spec(const Node& node, const std::string& path, IssueList& issues);

// Expands a valid spec (goods 0: the default) into the model's goods, origins, regions, plants, slots and routes
// and the final goods' demand schedules (constant from day 0). The steady state is not
// computed here (compile does that as for any model).
void generate_model(const GenerateSpec& spec, const ModelDefaults& defaults, Model& model);

// The spec as a one-line YAML flow map: {plants: 1000, goods: 63, …}.
std::string generate_spec_yaml(const GenerateSpec& spec);

// A scenario around a generated model: `days` from `start`, one replication, monthly
// output (goods, routes and regions only above kAllVariablesUpTo plants), and unless
// `shock` is false one event: a third into the run China's direct corridor falls to 30% of
// its capacity. `model_block` replaces the `model:` entry (e.g. "model: model.yaml\n" plus
// a demand block for the expanded form); empty = the `generate:` map of `spec`.
struct GeneratedScenario {
  std::string start = "2024-01-01";  // YYYY-MM-DD
  int days = 365;
  std::uint64_t seed = 1;            // the run's seed
  bool shock = true;
  std::string model_block;
};
inline constexpr std::int64_t kAllVariablesUpTo = 10'000;
std::string generated_scenario_yaml(const GenerateSpec& spec, const GeneratedScenario& options);

// The generated tables (before the steady state) written as an ordinary model file, and the
// matching demand block, so that a small synthetic economy can be read, edited and compiled
// through the YAML path (same rows, same numbers to the last bit).
std::string expanded_model_yaml(const Model& tables, const std::string& name);
std::string expanded_demand_yaml(const Model& tables);

}  // namespace defsim
