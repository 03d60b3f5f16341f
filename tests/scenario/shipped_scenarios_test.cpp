// The shipped scenarios validate, run, and tell their story against the baseline.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/fixtures.hpp"

namespace defsim {
namespace {

std::string repo(const std::string& rel) { return std::string(DEFSIM_SOURCE_DIR) + "/" + rel; }

// Cumulative deliveries per final good, by day, of replication 0.
std::vector<std::vector<double>> cumulative_deliveries(const Model& m) {
  State s = make_initial_state(m, 0);
  std::vector<std::vector<double>> out;
  std::vector<double> total(m.goods.size(), 0.0);
  for (Day d = 0; d < m.run.calendar.horizon_days(); ++d) {
    step_day(m, s, Exec{});
    for (Index g = 0; g < m.goods.size(); ++g) total[g] += s.goods.deliveries[g];
    out.push_back(total);
  }
  return out;
}

TEST(ShippedScenarios, EveryScenarioFileCompiles) {
  for (const auto& entry : std::filesystem::directory_iterator(repo("scenarios"))) {
    if (entry.path().extension() != ".yaml") continue;
    EXPECT_NO_THROW(compile_scenario_file(entry.path().string())) << entry.path();
  }
}

TEST(ShippedScenarios, MicroelectronicsCutoffHitsChipUsersOnlyAfterTheirInventoriesRunOut) {
  const Model base = compile_scenario_file(repo("scenarios/baseline.yaml"));
  const Model cut = compile_scenario_file(repo("scenarios/microelectronics_cutoff.yaml"));
  ASSERT_FALSE(cut.events.empty());
  Day cut_day = cut.run.calendar.horizon_days();
  for (const auto& e : cut.events) cut_day = std::min(cut_day, e.start);
  const auto b = cumulative_deliveries(base);
  const auto c = cumulative_deliveries(cut);
  const Day last = base.run.calendar.horizon_days() - 1;

  // Which final goods need chips, directly or through components (one level of domestic
  // components is enough for this model: electronic modules and domestic chips).
  const Index chips = testing::good_row(base, "microelectronics");
  ASSERT_NE(chips, kNone);
  std::vector<bool> uses_chips(base.goods.size(), false);
  for (int pass = 0; pass < 3; ++pass) {
    for (Index k = 0; k < base.slots.size(); ++k) {
      const Index made = base.plants.good[base.slots.plant[k]];
      if (base.slots.good[k] == chips || uses_chips[base.slots.good[k]]) uses_chips[made] = true;
    }
  }
  int hit = 0;
  for (Index g = 0; g < base.goods.size(); ++g) {
    if (base.goods.kind[g] != GoodKind::final_good) continue;
    const std::string& name = base.goods.name[g];
    // Same seed, same random numbers: identical until the cut.
    EXPECT_DOUBLE_EQ(c[cut_day - 1][g], b[cut_day - 1][g]) << name;
    // Inventories and goods in transit carry production for at least a month after the cut.
    EXPECT_NEAR(c[cut_day + 30][g], b[cut_day + 30][g], 1e-6 * b[cut_day + 30][g]) << name;
    if (uses_chips[g]) {
      ++hit;
      EXPECT_LT(c[last][g], 0.95 * b[last][g]) << name << " should fall after the cut-off";
    } else {
      EXPECT_NEAR(c[last][g], b[last][g], 1e-6 * b[last][g]) << name << " does not use chips";
    }
  }
  EXPECT_GE(hit, 2);
}

}  // namespace
}  // namespace defsim
