// Common random numbers, measured: the same stochastic scenario against the same baseline,
// once with the baseline's seed and once with another seed. Paired differences then share
// (or do not share) the baseline's noise, and the 90% interval of the change in deliveries
// must be narrower with the common seed. Both widths are printed, for docs/COMPARE.md.
#include <gtest/gtest.h>

#include <cstdio>

#include "analysis/compare.hpp"
#include "analysis/stochastic_economy.hpp"
#include "io/scratch_dir.hpp"
#include "run/runner.hpp"
#include "scenario/compile.hpp"

namespace defsim {
namespace {

void run_to(const std::string& text, std::uint64_t seed, const std::string& path) {
  CompileOptions options;
  options.seed = seed;
  const Model model = compile_scenario_text(text, options, "crn.yaml");
  RunOptions run;
  run.threads = 2;
  run.output_path = path;
  run_scenario(model, run);
}

TEST(CommonRandomNumbers, NarrowTheIntervalOfTheDifference) {
  test::ScratchDir dir;
  // The stochastic economy's chip imports are tight in both runs; the scenario cuts the
  // direct route further from July.
  const std::string scenario = test::stochastic_economy("crn_cut", test::kDirectRouteCut);
  run_to(test::stochastic_economy("crn_base"), 7, dir.file("base.h5"));
  run_to(scenario, 7, dir.file("same_seed.h5"));
  run_to(scenario, 8, dir.file("other_seed.h5"));

  const Comparison crn = compare_files(dir.file("base.h5"), dir.file("same_seed.h5"));
  const Comparison indep = compare_files(dir.file("base.h5"), dir.file("other_seed.h5"));
  ASSERT_TRUE(crn.pairing.common_random_numbers);
  ASSERT_FALSE(indep.pairing.common_random_numbers);
  ASSERT_EQ(crn.effects.size(), 1u);
  ASSERT_EQ(indep.effects.size(), 1u);
  // The scenario's own event is found, and imports are split there.
  ASSERT_EQ(crn.scenario_events.size(), 1u);
  EXPECT_EQ(crn.windows.split_date, "2024-07-01");
  EXPECT_EQ(crn.windows.after_from, "2024-07-01");

  const Estimate& a = crn.effects[0].change;
  const Estimate& b = indep.effects[0].change;
  const double crn_width = a.hi - a.lo;
  const double indep_width = b.hi - b.lo;
  std::printf(
      "change in missiles delivered over 730 days, 16 pairs: common seed %.1f [%.1f, %.1f] (width %.2f, "
      "sd %.2f); other seed %.1f [%.1f, %.1f] (width %.2f, sd %.2f)\n",
      a.value, a.lo, a.hi, crn_width, a.sd, b.value, b.lo, b.hi, indep_width, b.sd);
  RecordProperty("crn_width", std::to_string(crn_width));
  RecordProperty("independent_width", std::to_string(indep_width));
  EXPECT_LT(a.value, 0.0);  // the cut costs missiles in both comparisons
  EXPECT_LT(b.value, 0.0);
  EXPECT_GT(crn_width, 0.0);  // the runs are stochastic: the interval is not degenerate
  EXPECT_LT(crn_width, indep_width);
}

}  // namespace
}  // namespace defsim
