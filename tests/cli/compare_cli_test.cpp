// `defsim compare` end to end: every format, every --by, and refusals with exit code 2.
#include "cli/cli_support.hpp"

namespace defsim::cli_test {
namespace {

class CompareCli : public CliTest {};

TEST_F(CompareCli, EveryFormatDescribesTheCut) {
  const std::string base = tiny_run("base");
  const std::string scen = tiny_run("cut", kChipCut);

  const Result table = run_cli("compare " + base + " " + scen);
  ASSERT_EQ(table.code, 0) << table.out;
  EXPECT_TRUE(contains(table.out, "missiles")) << table.out;
  EXPECT_TRUE(contains(table.out, "2024-06-01: imports.chips.routes.*.capacity_per_day scale 0.1"))
      << table.out;
  EXPECT_TRUE(contains(table.out, "common random numbers")) << table.out;
  EXPECT_TRUE(contains(table.out, "input:chips")) << table.out;

  const Result md = run_cli("compare --format markdown " + base + " " + scen);
  ASSERT_EQ(md.code, 0) << md.out;
  EXPECT_TRUE(contains(md.out, "| missiles | missile |")) << md.out;

  const Result csv = run_cli("compare --format csv " + base + " " + scen);
  ASSERT_EQ(csv.code, 0) << csv.out;
  EXPECT_EQ(csv.out.rfind("section,entity,constraint,origin,corridor,window,metric,", 0), 0u) << csv.out;
  EXPECT_TRUE(contains(csv.out, "\ndeliveries,missiles,,,,horizon,change,missile,-")) << csv.out;
  EXPECT_TRUE(contains(csv.out, "\nimports,chips,,china,kazakhstan,after,volume_change,")) << csv.out;

  const std::string json_path = path("c.json");
  const Result json = run_cli("compare --format json " + base + " " + scen + " > " + json_path);
  ASSERT_EQ(json.code, 0) << json.out;
  if (::access("/usr/bin/python3", X_OK) == 0) {
    // Strict JSON (no NaN), with the fields the report reads.
    const Result parsed = run_command(
        "/usr/bin/python3 -c \"import json,sys; c=json.load(open(sys.argv[1]), parse_constant=lambda x: "
        "sys.exit('bad constant ' + x)); e=c['effects'][0]; print(e['entity'], c['windows']['split_date'], "
        "c['pairing']['common_random_numbers'], e['change']['value'] < 0)\" " +
        json_path);
    EXPECT_EQ(parsed.code, 0) << parsed.out;
    EXPECT_EQ(parsed.out, "missiles 2024-06-01 True True\n");
  }
}

TEST_F(CompareCli, ByPlantAndByRouteChangeTheHeadlineRows) {
  const std::string base = tiny_run("base");
  const Result plants = run_cli("compare --by plant " + base + " " + base);
  ASSERT_EQ(plants.code, 0) << plants.out;
  EXPECT_TRUE(contains(plants.out, "Output by plant")) << plants.out;
  EXPECT_TRUE(contains(plants.out, "steel_mill")) << plants.out;
  EXPECT_TRUE(contains(plants.out, "share of each plant's days")) << plants.out;
  const Result routes = run_cli("compare --by route " + base + " " + base);
  ASSERT_EQ(routes.code, 0) << routes.out;
  EXPECT_TRUE(contains(routes.out, "Shipments by route")) << routes.out;
  EXPECT_TRUE(contains(routes.out, "chips/kazakhstan")) << routes.out;
}

TEST_F(CompareCli, RefusesIncomparableFilesAndBadOptions) {
  const std::string base = tiny_run("base");
  const std::string longer = tiny_run("longer", "", "--set days=400");
  const Result r = run_cli("compare " + base + " " + longer);
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_TRUE(contains(r.out, "different horizon_days ('365' in the baseline, '400' in the scenario)"))
      << r.out;
  EXPECT_EQ(run_cli("compare --format xml " + base + " " + base).code, 2);
  EXPECT_EQ(run_cli("compare --by region " + base + " " + base).code, 2);
  const Result missing = run_cli("compare " + base + " " + path("missing.h5"));
  EXPECT_EQ(missing.code, 3) << missing.out;
  EXPECT_TRUE(contains(missing.out, "missing.h5: no such file")) << missing.out;
}

}  // namespace
}  // namespace defsim::cli_test
