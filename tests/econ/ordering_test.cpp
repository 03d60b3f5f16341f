#include <gtest/gtest.h>

#include "support/fixtures.hpp"

namespace defsim {
namespace {

using testing::compile_text;
using testing::tiny_scenario;

Index slot_of(const Model& m, const std::string& plant, const std::string& good) {
  const Index i = testing::plant_row(m, plant);
  const Index g = testing::good_row(m, good);
  for (Index k = m.plants.slots.begin[i]; k < m.plants.slots.begin[i + 1]; ++k) {
    if (m.slots.good[m.plants.slots.items[k]] == g) return m.plants.slots.items[k];
  }
  return kNone;
}

TEST(Ordering, SteadyStateOrdersEqualUseGrossedUpForLosses) {
  const Model m = compile_text(tiny_scenario());
  State s = make_initial_state(m, 0);
  step_day(m, s, Exec{});
  const Index chips = slot_of(m, "missile_plant", "chips");
  const Index steel = slot_of(m, "missile_plant", "steel");
  // Bounced payments are re-placed, but seizures (1% on the direct route) are lost, so
  // orders exceed the 500/day use.
  EXPECT_NEAR(s.slots.ordered[chips], m.init.slot_order_rate[chips], 1e-9);
  EXPECT_GT(s.slots.ordered[chips], 500.0 * 1.003);
  EXPECT_LT(s.slots.ordered[chips], 500.0 * 1.01);
  // Domestic steel has no losses: orders equal use exactly.
  EXPECT_NEAR(s.slots.ordered[steel], 20.0, 1e-12);
}

TEST(Ordering, InventoryGapIsClosedOverTheInventoryTime) {
  const Model m = compile_text(tiny_scenario());
  State s = make_initial_state(m, 0);
  const Index steel = slot_of(m, "missile_plant", "steel");
  s.slots.stock[steel] -= 100.0;  // 100 t short of the target position
  place_orders(m, s, Exec{});
  const double tau = m.plants.inventory_tau_days[testing::plant_row(m, "missile_plant")];
  EXPECT_NEAR(s.slots.ordered[steel], 20.0 + 100.0 / tau, 1e-9);
}

TEST(Ordering, ExcessInventoryIsNotSoldBackOrdersFallToZeroGapTerm) {
  const Model m = compile_text(tiny_scenario());
  State s = make_initial_state(m, 0);
  const Index steel = slot_of(m, "missile_plant", "steel");
  s.slots.stock[steel] += 1000.0;
  place_orders(m, s, Exec{});
  EXPECT_NEAR(s.slots.ordered[steel], 20.0, 1e-12);
}

TEST(Ordering, APlantCutOffFromChipsStopsBuyingSteelItCannotUse) {
  const Model m = compile_text(tiny_scenario(R"(events:
  - {path: "imports.chips.routes.*.capacity_per_day", op: set, value: 0, start: 2024-01-01}
)"));
  State s = make_initial_state(m, 0);
  const Index steel = slot_of(m, "missile_plant", "steel");
  const Index chips = slot_of(m, "missile_plant", "chips");
  for (Day d = 0; d < 200; ++d) step_day(m, s, Exec{});
  EXPECT_LT(s.slots.ordered[steel], 0.05 * 20.0);          // steel orders throttled
  EXPECT_GT(s.slots.ordered[chips], 0.9 * 500.0);           // but it keeps trying for chips
}

}  // namespace
}  // namespace defsim
