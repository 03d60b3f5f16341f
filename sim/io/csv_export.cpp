#include "io/csv_export.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "core/error.hpp"
#include "io/run_reader.hpp"

#include "io/csv_cell.hpp"

namespace defsim {
namespace {

namespace fs = std::filesystem;

// Shortest text that reads back as the same double; an empty cell for NaN (spreadsheets and
// pandas both read it as missing).
std::string number(double x) {
  if (std::isnan(x)) return "";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return fmt::format("{}", x);
}

std::string singular(const std::string& plural) {
  return !plural.empty() && plural.back() == 's' ? plural.substr(0, plural.size() - 1) : plural;
}

// The names of one axis's rows with every /index dataset about them joined in: for plants,
// the plant, its good and its region. An integer dataset whose suffix names another axis
// (plant_good -> goods) is turned into that axis's names.
struct AxisTable {
  std::vector<std::string> header;              // entity column first
  std::vector<std::vector<std::string>> cells;  // per row, already CSV-escaped
};

// Joined columns in reading order (what a row is made of, then where it sits, then how it
// is classified), whatever HDF5's alphabetical order; others follow alphabetically.
std::vector<std::string> in_reading_order(std::vector<std::string> names,
                                          const std::vector<std::string>& preferred) {
  auto rank = [&](const std::string& n) {
    for (std::size_t k = 0; k < preferred.size(); ++k) {
      if (n.size() >= preferred[k].size() &&
          n.compare(n.size() - preferred[k].size(), std::string::npos, preferred[k]) == 0) {
        return k;
      }
    }
    return preferred.size();
  };
  std::stable_sort(names.begin(), names.end(),
                   [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  return names;
}

std::map<std::string, AxisTable> axis_tables(const RunFileReader& file) {
  const auto members = in_reading_order(
      file.members("/index"), {"_plant", "_good", "_region", "_origin", "_corridor", "_kind", "_unit"});
  std::map<std::string, std::vector<std::string>> names;
  for (const auto& m : members) {
    if (m.find('_') == std::string::npos) names[m] = file.strings("/index/" + m);
  }
  std::map<std::string, AxisTable> out;
  for (const auto& [axis, rows] : names) {
    AxisTable t;
    t.header.push_back(singular(axis));
    t.cells.resize(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) t.cells[i].push_back(csv_cell(rows[i]));
    for (const auto& m : members) {
      std::string suffix;
      for (const std::string& prefix : {axis + "_", singular(axis) + "_"}) {
        if (m.rfind(prefix, 0) == 0) suffix = m.substr(prefix.size());
      }
      if (suffix.empty()) continue;
      const std::string path = "/index/" + m;
      std::vector<std::string> column;
      try {
        column = file.strings(path);
      } catch (const IoError&) {
        const auto target = names.find(suffix + "s");
        const bool refers = target != names.end() && target->first != axis;
        for (double v : file.read(path).values) {
          const auto k = static_cast<long>(v);
          if (!refers) {
            column.push_back(number(v));
          } else {
            column.push_back(k >= 0 && static_cast<std::size_t>(k) < target->second.size()
                                 ? target->second[static_cast<std::size_t>(k)]
                                 : "");
          }
        }
      }
      if (column.size() != rows.size()) continue;
      t.header.push_back(suffix);
      for (std::size_t i = 0; i < rows.size(); ++i) t.cells[i].push_back(csv_cell(column[i]));
    }
    out.emplace(axis, std::move(t));
  }
  return out;
}

class Exporter {
 public:
  Exporter(const std::string& run_path, std::string dir) : file_(run_path), dir_(std::move(dir)) {
    std::error_code ec;
    if (fs::exists(dir_, ec) && !fs::is_directory(dir_, ec)) {
      throw IoError(fmt::format("CSV export to {}: exists and is not a directory", dir_));
    }
    fs::create_directories(dir_, ec);
    if (ec)
      throw IoError(fmt::format("CSV export to {}: cannot create the directory: {}", dir_, ec.message()));
  }

  CsvExportSummary run() {
    const auto axes = axis_tables(file_);
    const auto dates = file_.strings("/time/period_start_date");
    const auto recorded = file_.recorded_replications();

    std::string dictionary = "variable,file,group,name,unit,aggregation,axis,index,description,codes,rows\n";
    for (const auto& variable : file_.variables()) {
      const std::string path = "/" + variable;
      const std::string name =
          variable.substr(0, variable.find('/')) + "_" + variable.substr(variable.find('/') + 1) + ".csv";
      auto attr = [&](const char* a) {
        return file_.dataset_has_attribute(path, a) ? file_.dataset_string_attribute(path, a) : std::string();
      };
      const std::string index = attr("index");
      std::vector<std::string> codes;
      if (file_.dataset_has_attribute(path, "codes")) codes = file_.dataset_strings_attribute(path, "codes");
      const auto axis = axes.find(index.substr(index.rfind('/') + 1));
      const std::size_t rows = write_variable(
          name, file_.read(path), axis == axes.end() ? nullptr : &axis->second, dates, recorded, codes);
      std::string code_list;
      for (std::size_t k = 0; k < codes.size(); ++k)
        code_list += fmt::format("{}{}={}", k ? ";" : "", k, codes[k]);
      dictionary += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", csv_cell(variable), csv_cell(name),
                                csv_cell(variable.substr(0, variable.find('/'))),
                                csv_cell(variable.substr(variable.find('/') + 1)), csv_cell(attr("unit")),
                                csv_cell(attr("aggregation")), csv_cell(attr("axis")), csv_cell(index),
                                csv_cell(attr("description")), csv_cell(code_list), rows);
      summary_.data_rows += rows;
    }
    write("variables.csv", dictionary);

    for (const auto& [axis, table] : axes) {
      std::string text = "row";
      for (const auto& h : table.header) text += "," + h;
      text += "\n";
      for (std::size_t i = 0; i < table.cells.size(); ++i) {
        text += std::to_string(i);
        for (const auto& c : table.cells[i]) text += "," + c;
        text += "\n";
      }
      write("index_" + axis + ".csv", text);
    }
    write_time();
    write_replications();
    write_diagnostics();
    write_provenance();
    return summary_;
  }

 private:
  std::size_t write_variable(const std::string& name, const Array& a, const AxisTable* axis,
                             const std::vector<std::string>& dates, const std::vector<std::uint8_t>& recorded,
                             const std::vector<std::string>& codes) {
    if (a.dims.size() != 3)
      throw IoError(fmt::format("run file {}: {} is not 3-dimensional", file_.path(), name));
    fmt::memory_buffer out;
    fmt::format_to(std::back_inserter(out), "replication,period,period_start");
    if (axis != nullptr) {
      for (const auto& h : axis->header) fmt::format_to(std::back_inserter(out), ",{}", h);
    } else {
      fmt::format_to(std::back_inserter(out), ",row");
    }
    fmt::format_to(std::back_inserter(out), ",value{}\n", codes.empty() ? "" : ",label");
    std::size_t rows = 0;
    const std::size_t periods = a.dims[1];
    const std::size_t n = a.dims[2];
    for (std::size_t r = 0; r < a.dims[0]; ++r) {
      if (r < recorded.size() && recorded[r] == 0) continue;
      for (std::size_t p = 0; p < periods; ++p) {
        const std::string& date = p < dates.size() ? dates[p] : std::string();
        for (std::size_t i = 0; i < n; ++i) {
          fmt::format_to(std::back_inserter(out), "{},{},{}", r, p, date);
          if (axis != nullptr && i < axis->cells.size()) {
            for (const auto& c : axis->cells[i]) fmt::format_to(std::back_inserter(out), ",{}", c);
          } else {
            fmt::format_to(std::back_inserter(out), ",{}", i);
          }
          const double v = a.values[(r * periods + p) * n + i];
          fmt::format_to(std::back_inserter(out), ",{}", number(v));
          if (!codes.empty()) {
            const auto k = static_cast<long>(v);
            const bool known = !std::isnan(v) && k >= 0 && static_cast<std::size_t>(k) < codes.size();
            fmt::format_to(std::back_inserter(out), ",{}",
                           known ? csv_cell(codes[static_cast<std::size_t>(k)]) : "");
          }
          out.push_back('\n');
          ++rows;
        }
      }
    }
    write(name, std::string(out.data(), out.size()));
    return rows;
  }

  void write_time() {
    const auto members = in_reading_order(file_.members("/time"), {"period_start_date", "period_first_day",
                                                                   "period_last_day", "days_in_period"});
    std::vector<std::vector<std::string>> columns;
    std::string text = "period";
    for (const auto& m : members) {
      std::vector<std::string> col;
      try {
        col = file_.strings("/time/" + m);
      } catch (const IoError&) {
        for (double v : file_.read("/time/" + m).values) col.push_back(number(v));
      }
      text += "," + csv_cell(m);
      columns.push_back(std::move(col));
    }
    text += "\n";
    const std::size_t n = columns.empty() ? 0 : columns.front().size();
    for (std::size_t p = 0; p < n; ++p) {
      text += std::to_string(p);
      for (const auto& col : columns) text += "," + (p < col.size() ? csv_cell(col[p]) : std::string());
      text += "\n";
    }
    write("time.csv", text);
  }

  void write_replications() {
    const auto index = file_.read_uint64("/replications/index");
    const auto seed = file_.read_uint64("/replications/seed");
    const auto recorded = file_.read_uint64("/replications/recorded");
    std::string text = "replication,seed,recorded\n";
    for (std::size_t r = 0; r < index.size(); ++r) {
      text += fmt::format("{},{},{}\n", index[r], r < seed.size() ? seed[r] : 0,
                          r < recorded.size() ? recorded[r] : 0);
    }
    write("replications.csv", text);
  }

  void write_diagnostics() {
    std::string text = "replication,anomaly,count\n";
    const auto groups = file_.members("/");
    if (std::find(groups.begin(), groups.end(), "diagnostics") != groups.end()) {
      for (const auto& anomaly : file_.members("/diagnostics")) {
        const auto counts = file_.read_uint64("/diagnostics/" + anomaly);
        for (std::size_t r = 0; r < counts.size(); ++r)
          text += fmt::format("{},{},{}\n", r, csv_cell(anomaly), counts[r]);
      }
    }
    write("diagnostics.csv", text);
  }

  void write_provenance() {
    std::string text = "attribute,value\n";
    for (const auto& name : file_.attribute_names())
      text += csv_cell(name) + "," + csv_cell(file_.attribute_text(name)) + "\n";
    write("provenance.csv", text);
    const auto resolved = file_.strings("/provenance/resolved_scenario");
    write("resolved_scenario.yaml", resolved.empty() ? std::string() : resolved.front());
  }

  void write(const std::string& name, const std::string& text) {
    const fs::path target = fs::path(dir_) / name;
    const fs::path tmp = fs::path(dir_) / fmt::format(".{}.tmp.{}", name, ::getpid());
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (out) out.write(text.data(), static_cast<std::streamsize>(text.size()));
      out.close();
      if (!out) {
        const int err = errno;
        std::error_code ignored;
        fs::remove(tmp, ignored);
        throw IoError(fmt::format("CSV export to {}: cannot write {}: {}", dir_, name, std::strerror(err)));
      }
    }
    std::error_code ec;
    fs::rename(tmp, target, ec);
    if (ec) {
      std::error_code ignored;
      fs::remove(tmp, ignored);
      throw IoError(fmt::format("CSV export to {}: cannot write {}: {}", dir_, name, ec.message()));
    }
    summary_.files.push_back(name);
  }

  RunFileReader file_;
  std::string dir_;
  CsvExportSummary summary_;
};

}  // namespace

CsvExportSummary export_run_csv(const std::string& run_path, const std::string& dir) {
  Exporter exporter(run_path, dir);
  return exporter.run();
}

}  // namespace defsim
