// Imports by good, origin and corridor: volume shipped and bill paid, as rates per average
// month before and after the scenario's first event, and the price premium paid over the
// good's base unit value. Domestic channels (origin "domestic") are not imports.
#include <cmath>
#include <limits>

#include "analysis/compare_sections.hpp"

namespace defsim::detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Per pair: the sum over `routes` and periods [from, to) as a rate per average month.
std::vector<double> monthly(const std::vector<double>& values, const PairedSeries& s,
                            const PeriodTable& periods, const std::vector<std::size_t>& routes,
                            std::size_t from, std::size_t to) {
  double days = 0.0;
  for (std::size_t p = from; p < to; ++p) days += periods.days[p];
  if (days <= 0.0) return std::vector<double>(s.pairs, kNaN);
  std::vector<double> out(s.pairs, 0.0);
  for (std::size_t i : routes) {
    const auto w = window_sums(values, s, i, from, to);
    for (std::size_t r = 0; r < s.pairs; ++r) out[r] += w[r];
  }
  for (auto& x : out) x = x / days * kDaysPerMonth;
  return out;
}

struct Pooled {
  double bill = 0.0;
  double shipped = 0.0;
  double at_base_value = 0.0;  // shipped units valued at the good's base unit value
};

Pooled pooled(const PairedSeries& shipped, const std::vector<double>& ship, const std::vector<double>& bill,
              const std::vector<double>* unit_value, std::size_t value_rows, std::size_t good,
              const std::vector<std::size_t>& routes, std::size_t from, std::size_t to) {
  Pooled out;
  for (std::size_t r = 0; r < shipped.pairs; ++r) {
    for (std::size_t p = from; p < to; ++p) {
      const double uv =
          unit_value != nullptr ? (*unit_value)[(r * shipped.periods + p) * value_rows + good] : kNaN;
      for (std::size_t i : routes) {
        const std::size_t k = shipped.at(r, p, i);
        out.bill += bill[k];
        out.shipped += ship[k];
        out.at_base_value += ship[k] * uv;
      }
    }
  }
  return out;
}

double premium_pct(const Pooled& p) {
  return p.at_base_value > 0.0 ? 100.0 * rounding_safe_difference(p.at_base_value, p.bill) / p.at_base_value
                               : kNaN;
}

double price(const Pooled& p) { return p.shipped > 0.0 ? p.bill / p.shipped : kNaN; }

}  // namespace

std::vector<ImportFlow> import_flows(const RunPair& pair, const Windows& windows) {
  const PairedSeries shipped = pair.read("routes/shipped");
  const PairedSeries bill = pair.read("routes/bill_usd");
  const bool have_values = pair.has_variable("goods/unit_value_usd");
  PairedSeries values;
  if (have_values) values = pair.read("goods/unit_value_usd");
  const auto route_good = pair.index_ints("/index/route_good");
  const auto origin = pair.index_strings("/index/route_origin");
  const auto corridor = pair.index_strings("/index/route_corridor");
  const auto goods_unit = pair.index_strings("/index/goods_unit");
  const auto& goods = pair.goods();
  const auto& periods = pair.periods();
  const auto split = static_cast<std::size_t>(windows.first_after);
  const std::size_t end = shipped.periods;

  auto flow = [&](std::size_t good, const std::vector<std::size_t>& routes) {
    ImportFlow f;
    f.good = goods[good];
    f.unit = good < goods_unit.size() ? goods_unit[good] : "";
    const auto vb = monthly(shipped.base, shipped, periods, routes, 0, split);
    const auto vsb = monthly(shipped.scenario, shipped, periods, routes, 0, split);
    const auto va = monthly(shipped.base, shipped, periods, routes, split, end);
    const auto vsa = monthly(shipped.scenario, shipped, periods, routes, split, end);
    f.base_volume_before = mean_of(vb);
    f.scenario_volume_before = mean_of(vsb);
    f.base_volume_after = mean_of(va);
    f.scenario_volume_after = mean_of(vsa);
    f.volume_change_after = paired_difference(va, vsa);
    const auto bb = monthly(bill.base, bill, periods, routes, 0, split);
    const auto bsb = monthly(bill.scenario, bill, periods, routes, 0, split);
    const auto ba = monthly(bill.base, bill, periods, routes, split, end);
    const auto bsa = monthly(bill.scenario, bill, periods, routes, split, end);
    f.base_bill_before = mean_of(bb);
    f.scenario_bill_before = mean_of(bsb);
    f.base_bill_after = mean_of(ba);
    f.scenario_bill_after = mean_of(bsa);
    f.bill_change_after = paired_difference(ba, bsa);
    const Pooled pb = pooled(shipped, shipped.base, bill.base, have_values ? &values.base : nullptr,
                             values.rows, good, routes, split, end);
    const Pooled ps = pooled(shipped, shipped.scenario, bill.scenario,
                             have_values ? &values.scenario : nullptr, values.rows, good, routes, split, end);
    f.base_premium_after = premium_pct(pb);
    f.scenario_premium_after = premium_pct(ps);
    f.price_change_after_pct = 100.0 * (price(ps) / price(pb) - 1.0);
    return f;
  };

  std::vector<ImportFlow> out;
  for (std::size_t g = 0; g < goods.size(); ++g) {
    std::vector<std::size_t> routes;
    for (std::size_t i = 0; i < shipped.rows; ++i) {
      if (static_cast<std::size_t>(route_good[i]) == g && origin[i] != "domestic") routes.push_back(i);
    }
    if (routes.empty()) continue;
    out.push_back(flow(g, routes));
    for (std::size_t i : routes) {
      ImportFlow f = flow(g, {i});
      f.origin = origin[i];
      f.corridor = corridor[i];
      f.route = shipped.row_names[i];
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace defsim::detail
