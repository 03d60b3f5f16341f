#include "analysis/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

#include "core/error.hpp"
#include "io/run_reader.hpp"

namespace defsim {
namespace {

constexpr const char* kDeliveries = "/goods/deliveries";

void require_same(const RunFileReader& base, const RunFileReader& scenario, const std::string& what,
                  const std::string& base_value, const std::string& scenario_value) {
  if (base_value == scenario_value) return;
  throw UsageError(
      fmt::format("cannot compare {} with {}: different {} ('{}' in the baseline, '{}' in the scenario)",
                  base.path(), scenario.path(), what, base_value, scenario_value));
}

void require_same_goods(const RunFileReader& base, const RunFileReader& scenario,
                        const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t g = 0; g < n; ++g) {
    if (a[g] != b[g]) {
      throw UsageError(
          fmt::format("cannot compare {} with {}: different goods (good {} is '{}' in the baseline, '{}' "
                      "in the scenario)",
                      base.path(), scenario.path(), g, a[g], b[g]));
    }
  }
  if (a.size() != b.size()) {
    throw UsageError(
        fmt::format("cannot compare {} with {}: different goods ({} in the baseline, {} in the scenario)",
                    base.path(), scenario.path(), a.size(), b.size()));
  }
}

// Deliveries per good summed over all periods, averaged over the recorded replications.
std::vector<double> delivered_totals(const RunFileReader& file, std::size_t n_goods) {
  if (!file.has_dataset(kDeliveries)) {
    throw UsageError(fmt::format(
        "cannot compare {}: goods/deliveries was not recorded (add it to output.variables)", file.path()));
  }
  const Array a = file.read(kDeliveries);
  if (a.dims.size() != 3 || a.dims[2] != n_goods) {
    throw IoError(fmt::format("run file {}: goods/deliveries does not have shape (replications, periods, {})",
                              file.path(), n_goods));
  }
  const auto recorded = file.recorded_replications();
  const std::size_t periods = a.dims[1];
  std::vector<double> totals(n_goods, 0.0);
  std::size_t used = 0;
  for (std::size_t r = 0; r < a.dims[0]; ++r) {
    if (r >= recorded.size() || recorded[r] == 0) continue;
    ++used;
    for (std::size_t g = 0; g < n_goods; ++g) {
      double sum = 0.0;
      for (std::size_t p = 0; p < periods; ++p) sum += a.values[(r * periods + p) * n_goods + g];
      totals[g] += sum;
    }
  }
  if (used == 0) {
    throw UsageError(fmt::format("cannot compare {}: it holds no recorded replication", file.path()));
  }
  for (auto& t : totals) t /= static_cast<double>(used);
  return totals;
}

std::string group_thousands(double magnitude) {
  std::string digits = fmt::format("{:.0f}", magnitude);
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// Large numbers as grouped integers (1,234,567), moderate ones with two decimals, small
// ones with three significant digits: enough to read a change without false precision.
std::string format_quantity(double x, bool signed_output) {
  if (!std::isfinite(x)) return "n/a";
  if (x == 0.0) return "0";
  const double m = std::fabs(x);
  std::string body;
  if (m >= 1e15) {
    body = fmt::format("{:.3e}", m);
  } else if (m >= 100.0) {
    body = group_thousands(m);
  } else if (m >= 1.0) {
    body = fmt::format("{:.2f}", m);
  } else {
    body = fmt::format("{:.3g}", m);
  }
  const char* sign = x < 0.0 ? "-" : (signed_output ? "+" : "");
  return sign + body;
}

std::string format_percent(double pct) {
  if (!std::isfinite(pct)) return "n/a";
  if (pct == 0.0) return "0.0%";
  return fmt::format("{:+.1f}%", pct);
}

}  // namespace

std::vector<GoodComparison> compare_runs(const std::string& base_path, const std::string& scenario_path) {
  const RunFileReader base(base_path);
  const RunFileReader scenario(scenario_path);
  for (const char* attr : {"model_name", "start_date", "frequency"}) {
    require_same(base, scenario, attr, base.string_attribute(attr), scenario.string_attribute(attr));
  }
  require_same(base, scenario, "horizon_days", std::to_string(base.int_attribute("horizon_days")),
               std::to_string(scenario.int_attribute("horizon_days")));
  const auto goods = base.strings("/index/goods");
  require_same_goods(base, scenario, goods, scenario.strings("/index/goods"));

  const auto kinds = base.strings("/index/goods_kind");
  const auto units = base.strings("/index/goods_unit");
  const auto base_totals = delivered_totals(base, goods.size());
  const auto scenario_totals = delivered_totals(scenario, goods.size());

  std::vector<GoodComparison> rows;
  for (std::size_t g = 0; g < goods.size(); ++g) {
    if (g >= kinds.size() || kinds[g] != "final") continue;
    GoodComparison c;
    c.good = goods[g];
    c.unit = g < units.size() ? units[g] : "";
    c.base_total = base_totals[g];
    c.scenario_total = scenario_totals[g];
    c.change = c.scenario_total - c.base_total;
    if (c.base_total != 0.0) {
      c.change_pct = 100.0 * c.change / c.base_total;
    } else {
      c.change_pct = c.change == 0.0 ? 0.0 : std::numeric_limits<double>::quiet_NaN();
    }
    rows.push_back(std::move(c));
  }
  return rows;
}

std::string format_comparison_table(const std::vector<GoodComparison>& rows) {
  std::vector<std::array<std::string, 6>> cells;
  cells.push_back({"good", "unit", "baseline", "scenario", "change", "change %"});
  for (const auto& r : rows) {
    cells.push_back({r.good, r.unit, format_quantity(r.base_total, false),
                     format_quantity(r.scenario_total, false), format_quantity(r.change, true),
                     format_percent(r.change_pct)});
  }
  std::array<std::size_t, 6> width{};
  for (const auto& row : cells) {
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  auto render = [&](const std::array<std::string, 6>& row) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) line += "  ";
      // Names left, numbers right, so that digits line up.
      line += c < 2 ? fmt::format("{:<{}}", row[c], width[c]) : fmt::format("{:>{}}", row[c], width[c]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line + "\n";
  };
  std::string out = render(cells.front());
  std::size_t total = 0;
  for (auto w : width) total += w;
  out += std::string(total + 2 * (width.size() - 1), '-') + "\n";
  for (std::size_t i = 1; i < cells.size(); ++i) out += render(cells[i]);
  return out;
}

}  // namespace defsim
