// defsim generate: write a scenario whose model is a synthetic economy of N plants
// (`model: {generate: …}`, expanded in C++ at compile time), for benchmarks and scale
// tests; with --expand, also the same economy as an ordinary YAML model (small N only).
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "scenario/compile_model.hpp"
#include "scenario/generate.hpp"
#include "scenario/tree.hpp"

namespace defsim::cli {
namespace {

struct GenerateArgs {
  std::int64_t plants = 0;
  std::optional<std::int64_t> goods;
  int inputs = 6, regions = 8, tiers = 4, days = 365;
  std::uint64_t seed = 1;
  std::string start = "2024-01-01", dir;
  bool expand = false, no_shock = false;
};

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw IoError("cannot write " + path.string());
}

int generate(const GenerateArgs& a) {
  // The flags become a `generate:` map, validated like one in a file.
  if (!parse_date(a.start)) throw UsageError("--start: expected a date YYYY-MM-DD, got '" + a.start + "'");
  std::string text = fmt::format("generate: {{plants: {}, inputs: {}, regions: {}, tiers: {}, seed: {}", a.plants,
                                 a.inputs, a.regions, a.tiers, a.seed);
  if (a.goods) text += fmt::format(", goods: {}", *a.goods);
  text += "}\n";
  const Node root = load_yaml_text(text, "<defsim generate>");
  IssueList issues;
  const std::optional<GenerateSpec> spec = read_generate_spec(*root.find("generate"), "generate", issues);
  issues.raise_if_any();

  // The YAML path keeps its limits (docs/RELIABILITY.md); so must the expanded file. Checked
  // before anything is written.
  if (a.expand && (spec->plants > 2000 || spec->goods > 500)) {
    throw UsageError(fmt::format("--expand writes an ordinary model file, limited to 2000 plants and 500 goods; "
                                 "this economy has {} plants and {} goods",
                                 spec->plants, spec->goods));
  }
  const std::filesystem::path dir(a.dir);
  std::filesystem::create_directories(dir);
  GeneratedScenario scenario;
  scenario.start = a.start;
  scenario.days = a.days;
  scenario.seed = a.seed;
  scenario.shock = !a.no_shock;
  write_file(dir / "scenario.yaml", generated_scenario_yaml(*spec, scenario));
  fmt::print("wrote {}: {} plants, {} goods, {} inputs per plant, {} regions, {} days\n",
             (dir / "scenario.yaml").string(), spec->plants, spec->goods, spec->inputs, spec->regions, a.days);
  if (!a.expand) return 0;

  Model tables;
  generate_model(*spec, ModelDefaults{}, tables);
  const std::int64_t values = 8 * static_cast<std::int64_t>(tables.goods.size()) +
                              12 * static_cast<std::int64_t>(tables.plants.size()) +
                              4 * static_cast<std::int64_t>(tables.slots.size()) +
                              14 * static_cast<std::int64_t>(tables.routes.size());
  if (values > 90'000) {
    throw UsageError(fmt::format("--expand: about {} values would exceed the 100000 a model file may hold; "
                                 "use fewer plants or inputs",
                                 values));
  }
  write_file(dir / "model.yaml", expanded_model_yaml(tables, "synthetic"));
  scenario.model_block = "model: model.yaml\n" + expanded_demand_yaml(tables);
  write_file(dir / "scenario_expanded.yaml", generated_scenario_yaml(*spec, scenario));
  fmt::print("wrote {} and {}: the same economy as an ordinary model file\n", (dir / "model.yaml").string(),
             (dir / "scenario_expanded.yaml").string());
  return 0;
}

}  // namespace

Command add_generate_command(CLI::App& parent) {
  auto args = std::make_shared<GenerateArgs>();
  auto* cmd = parent.add_subcommand("generate", "Write a scenario with a synthetic economy of N plants (benchmarks, scale tests)");
  cmd->add_option("--plants", args->plants, "Plants N")->required();
  cmd->add_option("--goods", args->goods, "Goods G (default round(2·sqrt(N)) within [20, 5000])");
  cmd->add_option("--inputs", args->inputs, "Inputs drawn per plant K (default 6)");
  cmd->add_option("--regions", args->regions, "Regional labour markets R (default 8)");
  cmd->add_option("--tiers", args->tiers, "Domestic tiers T, the top one final goods (default 4)");
  cmd->add_option("--days", args->days, "Simulated days D (default 365)")->check(CLI::Range(1, 36525));
  cmd->add_option("--seed", args->seed, "Seed of the generator and of the run (default 1)");
  cmd->add_option("--start", args->start, "Start date (default 2024-01-01)");
  cmd->add_flag("--no-shock", args->no_shock, "No event (by default China's direct corridor is cut a third into the run)");
  cmd->add_flag("--expand", args->expand, "Also write model.yaml and scenario_expanded.yaml (at most 2000 plants, 500 goods)");
  cmd->add_option("-o,--output", args->dir, "Directory to write scenario.yaml into")->required();
  return {cmd, [args] { return generate(*args); }};
}

}  // namespace defsim::cli
