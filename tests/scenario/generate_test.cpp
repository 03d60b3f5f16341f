// The synthetic economy of `model: {generate: …}`: it compiles, holds its steady state with
// every identity checked, is the same for the same seed, equals its expanded YAML form to
// the last bit, has the network the docs promise, and bad parameters give exact messages.
#include "scenario/generate.hpp"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <set>
#include <unistd.h>

#include "core/error.hpp"
#include "run/runner.hpp"
#include "scenario/compile_model.hpp"
#include "support/fixtures.hpp"

namespace defsim {
namespace {

using testing::compile_text;
using testing::frozen;

std::string generated_scenario(const std::string& generate, const std::string& extra = "", int days = 365) {
  return "name: gen\nstart: 2024-01-01\ndays: " + std::to_string(days) +
         "\nseed: 3\nstochastic: true\nmodel:\n  generate: " + generate + "\n" + extra;
}

Model generate_tables(const GenerateSpec& spec) {
  Model m;
  generate_model(spec, ModelDefaults{}, m);
  return m;
}

std::vector<std::string> compile_errors(const std::string& text) {
  try {
    compile_text(text);
  } catch (const ScenarioError& e) {
    std::vector<std::string> lines;
    for (const auto& issue : e.issues()) lines.push_back(issue.str());
    return lines;
  }
  return {};
}

// Tier of a generated good from its name: final_ T, tK_ K, tools 1, imp_ and parts 0.
int tier_of(const std::string& name, int top) {
  if (name.rfind("final_", 0) == 0) return top;
  if (name == "tools") return 1;
  if (name.rfind("imp_", 0) == 0 || name == "china_parts") return 0;
  return std::stoi(name.substr(1, name.find('_') - 1));
}

TEST(GeneratedModel, CompilesAndHoldsItsSteadyStateWithIdentitiesChecked) {
  const Model m = frozen(compile_text(generated_scenario("{plants: 600, inputs: 6, regions: 5, seed: 11}")));
  ASSERT_EQ(m.plants.size(), 600);
  State s = make_initial_state(m, 0);
  s.check_identities = true;
  double worst = 0.0;
  for (Day d = 0; d < 365; ++d) {
    step_day(m, s, Exec{});
    for (Index i = 0; i < m.plants.size(); ++i) {
      worst = std::max(worst, std::abs(s.plants.output[i] - m.init.output[i]) / m.init.output[i]);
    }
  }
  EXPECT_LT(worst, 1e-9);
  // Every plant works: 60–85% utilisation, every input good has a customer.
  for (Index i = 0; i < m.plants.size(); ++i) {
    const double u = m.init.output[i] / m.plants.capacity_ref[i];
    EXPECT_GT(u, 0.59);
    EXPECT_LT(u, 0.851);
  }
}

TEST(GeneratedModel, ShockedRunKeepsEveryIdentity) {
  // The corridor cut `defsim generate` writes by default, with identities checked every day.
  const Model m = compile_text(generated_scenario(
      "{plants: 400, seed: 5}", "events:\n  - {path: imports.*.routes.china_direct.capacity_per_day, op: scale, "
                                "value: 0.3, start: 2024-03-01}\n",
      200));
  EXPECT_NO_THROW(simulate_replication(m, 0, Exec{}, true, nullptr));
}

TEST(GeneratedModel, SameSeedSameEconomyOtherSeedAnotherOne) {
  const std::string a = generated_scenario("{plants: 300, seed: 7}");
  const Model m1 = compile_text(a), m2 = compile_text(a);
  const Model m3 = compile_text(generated_scenario("{plants: 300, seed: 8}"));
  EXPECT_EQ(m1.slots.good, m2.slots.good);
  EXPECT_EQ(m1.plants.capacity_ref, m2.plants.capacity_ref);
  EXPECT_EQ(state_hash(simulate_replication(m1, 0, Exec{}, true, nullptr)),
            state_hash(simulate_replication(m2, 0, Exec{}, true, nullptr)));
  EXPECT_NE(m1.slots.good, m3.slots.good);
}

TEST(GeneratedModel, ExpandedYamlCompilesToTheSameRunToTheLastBit) {
  GenerateSpec spec;
  spec.plants = 250;
  spec.goods = 40;
  spec.seed = 4;
  const Model tables = generate_tables(spec);
  const auto dir = std::filesystem::temp_directory_path() / ("defsim_expand_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "model.yaml") << expanded_model_yaml(tables, "synthetic");
  const std::string head = "name: gen\nstart: 2024-01-01\ndays: 120\nseed: 3\nstochastic: true\n";
  std::ofstream(dir / "expanded.yaml") << head << "model: model.yaml\n" << expanded_demand_yaml(tables);
  const Model yaml = compile_scenario_file((dir / "expanded.yaml").string());
  const Model gen = compile_text(head + "model:\n  generate: " + generate_spec_yaml(spec) + "\n");
  std::filesystem::remove_all(dir);
  ASSERT_EQ(yaml.plants.size(), gen.plants.size());
  EXPECT_EQ(yaml.routes.name, gen.routes.name);
  EXPECT_EQ(yaml.init.output, gen.init.output);
  EXPECT_EQ(state_hash(simulate_replication(yaml, 0, Exec{}, true, nullptr)),
            state_hash(simulate_replication(gen, 0, Exec{}, true, nullptr)));
}

TEST(GeneratedModel, InputsComeFromLowerTiersAndImportsUseSeveralCorridors) {
  GenerateSpec spec;
  spec.plants = 3000;
  spec.tiers = 5;
  const Model m = generate_tables(spec);
  const auto& S = m.slots;
  std::set<int> tiers_made;
  for (Index i = 0; i < m.plants.size(); ++i) tiers_made.insert(tier_of(m.goods.name[m.plants.good[i]], 5));
  EXPECT_EQ(tiers_made, (std::set<int>{1, 2, 3, 4, 5}));
  for (Index s = 0; s < S.size(); ++s) {
    if (S.kind[s] != SlotKind::input && S.kind[s] != SlotKind::substitute) continue;
    EXPECT_LT(tier_of(m.goods.name[S.good[s]], 5), tier_of(m.goods.name[m.plants.good[S.plant[s]]], 5));
  }
  // K inputs per plant (more only where a good nobody drew was added).
  std::int64_t inputs = 0;
  for (Index s = 0; s < S.size(); ++s) inputs += S.kind[s] == SlotKind::input ? 1 : 0;
  EXPECT_GE(inputs, 6 * 2000);
  std::set<std::string> corridors;
  for (Index g = 0; g < m.goods.size(); ++g) {
    if (m.goods.name[g].rfind("imp_", 0) != 0) continue;
    EXPECT_GE(m.goods.import_routes.size(g), 2) << m.goods.name[g];
    EXPECT_EQ(m.goods.makers.size(g), 0);
    for (const Index* r = m.goods.import_routes.row_begin(g); r != m.goods.import_routes.row_end(g); ++r) {
      corridors.insert(m.routes.corridor[*r]);
    }
  }
  EXPECT_GE(corridors.size(), 5u);
  // Every input good has a customer and every made good a maker.
  for (Index g = 0; g < m.goods.size(); ++g) {
    if (m.goods.kind[g] == GoodKind::component) {
      EXPECT_GT(m.goods.customer_slots.size(g), 0) << m.goods.name[g];
    }
    if (tier_of(m.goods.name[g], 5) >= 1) {
      EXPECT_GT(m.goods.makers.size(g), 0) << m.goods.name[g];
    }
  }
}

TEST(GeneratedModel, CustomerDegreeHasAHeavyTail) {
  GenerateSpec spec;
  spec.plants = 50000;
  spec.goods = 1000;
  spec.degree_exponent = 1.2;
  const Model m = generate_tables(spec);
  // Customers per input good (import-only and domestic components drawn as inputs).
  std::vector<double> degree;
  for (Index g = 0; g < m.goods.size(); ++g) {
    if (m.goods.kind[g] != GoodKind::component || m.goods.name[g] == "china_parts") continue;
    Index customers = 0;
    for (const Index* k = m.goods.customer_slots.row_begin(g); k != m.goods.customer_slots.row_end(g); ++k) {
      customers += m.slots.kind[*k] == SlotKind::input ? 1 : 0;
    }
    degree.push_back(customers);
  }
  std::sort(degree.begin(), degree.end(), std::greater<>());
  const double total = std::accumulate(degree.begin(), degree.end(), 0.0);
  const auto top = static_cast<std::ptrdiff_t>(degree.size() / 20);
  const double top_share = std::accumulate(degree.begin(), degree.begin() + top, 0.0) / total;
  // The top 5% of goods supply well over 5% of the links, and the largest dwarfs the median.
  EXPECT_GT(top_share, 0.3);
  EXPECT_GT(degree.front(), 20.0 * degree[degree.size() / 2]);
  // Hill estimate of the tail exponent over the top 10%: near α_d within sampling error
  // (degrees inherit the popularity tail, cut by the tier structure and finite N).
  const auto k = degree.size() / 10;
  double hill = 0.0;
  for (size_t j = 0; j < k; ++j) hill += std::log(degree[j] / degree[k]);
  const double alpha = static_cast<double>(k) / hill;
  EXPECT_GT(alpha, 0.7);
  EXPECT_LT(alpha, 2.0);
}

TEST(GeneratedModel, PlantSizesHaveAHeavyTail) {
  GenerateSpec spec;
  spec.plants = 20000;
  const Model m = generate_tables(spec);
  std::vector<double> size = m.plants.labour_ref;
  std::sort(size.begin(), size.end(), std::greater<>());
  EXPECT_GT(size.front(), 50.0 * size[size.size() / 2]);
}

TEST(GeneratedModel, GoodsDefaultFromPlants) {
  EXPECT_EQ(default_goods(1000), 63);
  EXPECT_EQ(default_goods(100000), 632);
  EXPECT_EQ(default_goods(1000000), 2000);
  EXPECT_EQ(default_goods(10), 20);
  const Model m = compile_text(generated_scenario("{plants: 1000}"));
  EXPECT_EQ(m.goods.size(), 63);
  EXPECT_EQ(m.plants.size(), 1000);
}

TEST(GeneratedModel, ScenarioDemandReplacesTheGeneratedOne) {
  const Model base = compile_text(generated_scenario("{plants: 400, goods: 60, seed: 2}"));
  ASSERT_EQ(base.goods.kind[1], GoodKind::final_good);
  const std::string name = base.goods.name[0];
  const double rate = base.demand.schedule[0].front().units_per_day;
  const Model half = compile_text(generated_scenario("{plants: 400, goods: 60, seed: 2}", "demand:\n  " + name +
                                                                              ": {per_day: " + std::to_string(rate / 2) + "}\n"));
  EXPECT_NEAR(half.demand.schedule[0].front().units_per_day, rate / 2, 1e-6 * rate);
  EXPECT_EQ(half.demand.schedule[1].front().units_per_day, base.demand.schedule[1].front().units_per_day);
}

TEST(GeneratedModel, OverridesReachTheGenerator) {
  CompileOptions options;
  options.overrides = {"generate.plants=150", "parameters.labour.hire_rate_per_day=0.05"};
  const Model m = compile_scenario_text(generated_scenario("{plants: 300}"), options, "test.yaml");
  EXPECT_EQ(m.plants.size(), 150);
  EXPECT_DOUBLE_EQ(m.labour.hire_rate, 0.05);
}

// The generator sizes each region's available workers for the labour parameters it is
// given: even the highest quit rate the files allow leaves a steady state to start from.
TEST(GeneratedModel, AHighQuitRateStillHasAStartingSteadyState) {
  CompileOptions options;
  options.overrides = {"parameters.labour.quit_rate_per_day=0.09"};
  const Model m = compile_scenario_text(generated_scenario("{plants: 2000}"), options, "test.yaml");
  EXPECT_DOUBLE_EQ(m.labour.quit_rate, 0.09);
  for (Index r = 0; r < m.regions.size(); ++r) EXPECT_GT(m.regions.matching_efficiency[r], 0.0);
}

TEST(GeneratedModel, BadParametersGiveExactMessages) {
  const std::string head = "name: gen\nstart: 2024-01-01\ndays: 10\nmodel:\n  generate: ";
  EXPECT_EQ(compile_errors(head + "{plants: 0}\n"),
            std::vector<std::string>{"test.yaml:5:22: generate.plants: must be in [1, 4000000], got 0"});
  EXPECT_EQ(compile_errors(head + "{plants: 5000000}\n"),
            std::vector<std::string>{"test.yaml:5:22: generate.plants: must be in [1, 4000000], got 5000000"});
  EXPECT_EQ(compile_errors(head + "{plants: 100, inputs: 40}\n"),
            std::vector<std::string>{"test.yaml:5:35: generate.inputs: must be in [1, 32], got 40"});
  EXPECT_EQ(compile_errors(head + "{plants: 100, goods: 3}\n"),
            std::vector<std::string>{"test.yaml:5:34: generate.goods: must be in [8, 100000], got 3"});
  EXPECT_EQ(compile_errors(head + "{plants: 100, goods: 9, tiers: 8}\n"),
            std::vector<std::string>{"test.yaml:5:34: generate.goods: 8 tiers need at least 12 goods, got 9"});
  EXPECT_EQ(compile_errors(head + "{plants: 10, goods: 100}\n"),
            std::vector<std::string>{
                "test.yaml:5:22: generate.plants: must be at least the 84 domestically made goods of a 100-good "
                "economy (one maker each), got 10; lower goods or raise plants"});
  EXPECT_EQ(compile_errors(head + "{plants: 100, degree_exponent: 0.1}\n"),
            std::vector<std::string>{"test.yaml:5:44: generate.degree_exponent: must be in [0.5, 10], got 0.1"});
  EXPECT_EQ(compile_errors(head + "{plants: 100, regions: many}\n"),
            std::vector<std::string>{"test.yaml:5:36: generate.regions: expected a whole number, got 'many'"});
  const auto unknown = compile_errors(head + "{plants: 100, plant: 4}\n");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].rfind("test.yaml:5:27: generate.plant: unknown key 'plant'; did you mean 'plants'?", 0), 0u) << unknown[0];
  const auto mixed = compile_errors(head + "{plants: 100}\n  goods: {}\n");
  ASSERT_EQ(mixed.size(), 1u);
  EXPECT_EQ(mixed[0].rfind("test.yaml:6:3: goods: unknown key 'goods'", 0), 0u) << mixed[0];
  EXPECT_EQ(compile_errors(head + "{goods: 100}\n"),
            std::vector<std::string>{"test.yaml:5:13: generate.plants: missing required key 'plants'"});
}

TEST(GeneratedModel, DeterministicAtOneAndTwoThreads) {
  const Model m = compile_text(generated_scenario(
      "{plants: 3000, seed: 9}", "events:\n  - {path: imports.*.routes.china_direct.capacity_per_day, op: scale, "
                                 "value: 0.3, start: 2024-02-01}\n",
      90));
  auto hash_with = [&](int threads, Index grain) {
    std::uint64_t h = 0;
    tbb::task_arena arena(threads);
    arena.execute([&] { h = state_hash(simulate_replication(m, 0, Exec{threads, grain}, true, nullptr)); });
    return h;
  };
  const std::uint64_t serial = hash_with(1, 4096);
  EXPECT_EQ(hash_with(2, 64), serial);
  EXPECT_EQ(hash_with(2, 4096), serial);
}

}  // namespace
}  // namespace defsim
