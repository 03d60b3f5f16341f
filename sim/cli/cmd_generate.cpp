// defsim generate: write a scenario whose model is a synthetic economy of N plants
// (`model: {generate: …}`, expanded in C++ at compile time), for benchmarks and scale
// tests; with --expand, also the same economy as an ordinary YAML model (small N only).
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>

#include "cli/command.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "io/variables.hpp"
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

// Above this many plants the scenario records goods, routes and regions only: per-plant and
// per-input series of a million plants would need gigabytes in memory and on disk.
constexpr std::int64_t kAllVariablesUpTo = 10'000;

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw IoError("cannot write " + path.string());
}

std::string scenario_text(const GenerateArgs& a, const GenerateSpec& spec, const std::string& model_line,
                          const std::string& demand) {
  const Date start = *parse_date(a.start);
  const Calendar calendar(start, a.days);
  std::string y;
  y += fmt::format(
      "# A synthetic economy for benchmarks and scale tests, written by `defsim generate`.\n"
      "# The model below is expanded in C++ when the scenario is compiled (docs/MODEL.md §11):\n"
      "# {} plants making {} goods in {} tiers, {} inputs drawn per plant, {} regions.\n",
      spec.plants, spec.goods, spec.tiers, spec.inputs, spec.regions);
  y += fmt::format("name: synthetic_n{}\n", spec.plants);
  y += "description: synthetic economy (defsim generate)\n";
  y += "start: " + a.start + "\n";
  y += fmt::format("days: {}\nseed: {}\nreplications: 1\nstochastic: true\n", a.days, a.seed);
  y += model_line;
  y += demand;
  y += "output:\n  frequency: month\n";
  if (spec.plants > kAllVariablesUpTo) {
    y += fmt::format("  # more than {} plants: aggregates only (goods, routes, regions)\n  variables:\n",
                     kAllVariablesUpTo);
    for (const VariableDef& v : variable_registry()) {
      if (v.axis == Axis::goods || v.axis == Axis::routes || v.axis == Axis::regions) y += "    - " + v.path() + "\n";
    }
  }
  if (!a.no_shock && a.days >= 3) {
    y += "events:\n";
    y += "  # a third into the run, China's direct corridor carries 30% of its capacity: orders\n";
    y += "  # move to the other corridors, which fill up, grow and charge more.\n";
    y += "  - path: imports.*.routes.china_direct.capacity_per_day\n";
    y += "    op: scale\n    value: 0.3\n";
    y += "    start: " + to_string(calendar.date_of(a.days / 3)) + "\n";
  }
  return y;
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

  const std::filesystem::path dir(a.dir);
  std::filesystem::create_directories(dir);
  const std::string model_line = "model:\n  name: synthetic\n  generate: " + generate_spec_yaml(*spec) + "\n";
  write_file(dir / "scenario.yaml", scenario_text(a, *spec, model_line, ""));
  fmt::print("wrote {}: {} plants, {} goods, {} inputs per plant, {} regions, {} days\n",
             (dir / "scenario.yaml").string(), spec->plants, spec->goods, spec->inputs, spec->regions, a.days);
  if (!a.expand) return 0;

  // The YAML path keeps its limits (docs/RELIABILITY.md); so must the expanded file.
  if (spec->plants > 2000 || spec->goods > 500) {
    throw UsageError(fmt::format("--expand writes an ordinary model file, limited to 2000 plants and 500 goods; "
                                 "this economy has {} plants and {} goods",
                                 spec->plants, spec->goods));
  }
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
  write_file(dir / "scenario_expanded.yaml",
             scenario_text(a, *spec, "model: model.yaml\n", expanded_demand_yaml(tables)));
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
