// `defsim export FILE --csv DIR`: one tidy CSV per variable whose numbers read back exactly,
// plus the index, time, replication, diagnostics and provenance files.
#include <cmath>
#include <cstdlib>
#include <map>
#include <vector>

#include "cli/cli_support.hpp"
#include "io/run_reader.hpp"

namespace defsim::cli_test {
namespace {

class ExportCli : public CliTest {};

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      row.push_back(cell);
      cell.clear();
    } else if (ch == '\n') {
      row.push_back(cell);
      rows.push_back(row);
      row.clear();
      cell.clear();
    } else {
      cell += ch;
    }
  }
  return rows;
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

TEST_F(ExportCli, EveryVariableRoundTripsExactly) {
  const std::string run = tiny_run("cut", kChipCut, "--seed 9000000000000000001");
  const std::string out = path("csv");
  const Result r = run_cli("export " + run + " --csv " + out);
  ASSERT_EQ(r.code, 0) << r.out;

  const RunFileReader file(run);
  const auto variables = file.variables();
  const auto dictionary = parse_csv(read_text(fs::path(out) / "variables.csv"));
  ASSERT_EQ(dictionary.size(), variables.size() + 1);
  const auto dates = file.strings("/time/period_start_date");
  for (std::size_t v = 0; v < variables.size(); ++v) {
    const auto& entry = dictionary[v + 1];
    EXPECT_EQ(entry[0], variables[v]);
    const auto rows = parse_csv(read_text(fs::path(out) / entry[1]));
    const Array a = file.read("/" + variables[v]);
    ASSERT_EQ(rows.size(), a.size() + 1) << entry[1];
    const auto& header = rows[0];
    const std::size_t value = column(header, "value");
    const std::size_t rep = column(header, "replication");
    const std::size_t period = column(header, "period");
    const std::size_t start = column(header, "period_start");
    const auto names = file.strings(file.dataset_string_attribute("/" + variables[v], "index"));
    for (std::size_t k = 0; k + 1 < rows.size(); ++k) {
      const auto& row = rows[k + 1];
      const std::size_t n = a.dims[2];
      const std::size_t p = (k / n) % a.dims[1];
      ASSERT_EQ(row[rep], std::to_string(k / (n * a.dims[1])));
      ASSERT_EQ(row[period], std::to_string(p));
      ASSERT_EQ(row[start], dates[p]);
      ASSERT_EQ(row[3], names[k % n]) << entry[1];  // the entity comes first after the period
      const double want = a.values[k];
      if (std::isnan(want)) {
        ASSERT_EQ(row[value], "") << entry[1] << " row " << k;  // NaN is an empty cell
      } else {
        ASSERT_EQ(std::strtod(row[value].c_str(), nullptr), want) << entry[1] << " row " << k;  // "inf" too
      }
    }
  }

  const auto binding = parse_csv(read_text(fs::path(out) / "plants_binding.csv"));
  EXPECT_EQ(binding[0].back(), "label");
  EXPECT_EQ(binding[0][4], "good");
  EXPECT_EQ(binding[0][5], "region");
  const auto routes = parse_csv(read_text(fs::path(out) / "routes_shipped.csv"));
  EXPECT_EQ(std::vector<std::string>(routes[0].begin() + 3, routes[0].end() - 1),
            (std::vector<std::string>{"route", "good", "origin", "corridor"}));

  const std::string replications = read_text(fs::path(out) / "replications.csv");
  EXPECT_EQ(replications,
            "replication,seed,recorded\n0,9000000000000000001,1\n1,9000000000000000001,1\n2,"
            "9000000000000000001,1\n");
  const std::string provenance = read_text(fs::path(out) / "provenance.csv");
  EXPECT_TRUE(contains(provenance, "\nseed,9000000000000000001\n")) << provenance;
  EXPECT_TRUE(contains(provenance, "\nmodel_name,crn\n")) << provenance;
  EXPECT_EQ(read_text(fs::path(out) / "resolved_scenario.yaml"),
            file.strings("/provenance/resolved_scenario")[0]);
  for (const char* f : {"index_goods.csv", "index_plants.csv", "index_inputs.csv", "index_routes.csv",
                        "index_regions.csv", "time.csv", "diagnostics.csv"}) {
    EXPECT_TRUE(fs::exists(fs::path(out) / f)) << f;
  }
  EXPECT_EQ(read_text(fs::path(out) / "time.csv").substr(0, 79),
            "period,period_start_date,period_first_day,period_last_day,days_in_period\n0,2024");
  // Nothing temporary is left behind.
  for (const auto& e : fs::directory_iterator(out))
    EXPECT_NE(e.path().filename().string()[0], '.') << e.path();
}

TEST_F(ExportCli, FailuresNameTheFile) {
  const Result missing = run_cli("export " + path("none.h5") + " --csv " + path("csv"));
  EXPECT_EQ(missing.code, 3) << missing.out;
  EXPECT_TRUE(contains(missing.out, "none.h5: no such file")) << missing.out;
  const std::string run = tiny_run("base");
  const std::string blocker = write("blocker", "a file, not a directory");
  const Result onto_file = run_cli("export " + run + " --csv " + blocker);
  EXPECT_EQ(onto_file.code, 3) << onto_file.out;
  EXPECT_TRUE(contains(onto_file.out, "is not a directory")) << onto_file.out;
  EXPECT_EQ(run_cli("export " + run).code, 2);  // --csv is required
}

}  // namespace
}  // namespace defsim::cli_test
