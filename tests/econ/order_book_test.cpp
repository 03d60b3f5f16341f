#include <gtest/gtest.h>

#include "support/fixtures.hpp"

namespace defsim {
namespace {

using testing::compile_text;

const std::string kTwoMakers = R"(name: split
start: 2024-01-01
days: 120
stochastic: false
demand:
  shells: {per_day: 90}
events:
  - {path: plants.big.availability, op: set, value: 0.5, start: 2024-01-10}
model:
  goods:
    shells: {kind: final, unit: shell, unit_value_usd: 1000}
  regions:
    r: {labour_force: 100000, available_workers: 1000}
  plants:
    big: {good: shells, region: r, capacity_per_day: 100, workers: 500}
    small: {good: shells, region: r, capacity_per_day: 50, workers: 250}
)";

TEST(OrderBook, StateOrdersAreSplitByCapacityAndReSplitMonthly) {
  const Model m = compile_text(kTwoMakers);
  State s = make_initial_state(m, 0);
  step_day(m, s, Exec{});
  EXPECT_NEAR(s.plants.orders_received[0], 60.0, 1e-12);
  EXPECT_NEAR(s.plants.orders_received[1], 30.0, 1e-12);
  // Damage on 10 January halves the big plant's capacity; the split follows on 1 February.
  for (Day d = 1; d < 31; ++d) step_day(m, s, Exec{});
  EXPECT_NEAR(s.plants.orders_received[0], 60.0, 1e-12);
  const double big = s.plants.capacity[0], small = s.plants.capacity[1];
  EXPECT_LT(big, 0.6 * 100.0);  // about half its capacity (overtime claws a little back)
  step_day(m, s, Exec{});  // day 31 = 2024-02-01
  EXPECT_NEAR(s.plants.orders_received[0], 90.0 * big / (big + small), 1e-9);
  EXPECT_NEAR(s.plants.orders_received[1], 90.0 * small / (big + small), 1e-9);
}

TEST(OrderBook, BacklogAccumulatesWhatCannotBeMade) {
  const Model m = compile_text(kTwoMakers);
  State s = make_initial_state(m, 0);
  const double backlog0 = s.plants.backlog[0] + s.plants.backlog[1];
  for (Day d = 0; d < 30; ++d) step_day(m, s, Exec{});
  EXPECT_GT(s.plants.backlog[0] + s.plants.backlog[1], backlog0 + 100.0);
  EXPECT_NEAR(s.goods.backlog[0], s.plants.backlog[0] + s.plants.backlog[1], 1e-9);
}

}  // namespace
}  // namespace defsim
