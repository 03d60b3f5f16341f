// Headline rows of a comparison: cumulative totals with paired intervals, and the shape of
// the gap over time (peak shortfall, periods below 90%, gap opening, recovery to 95%).
#include "analysis/compare_sections.hpp"

namespace defsim::detail {
namespace {

const char* headline_variable(CompareBy by) {
  switch (by) {
    case CompareBy::good: return "goods/deliveries";
    case CompareBy::plant: return "plants/output";
    case CompareBy::route: return "routes/shipped";
  }
  return "goods/deliveries";
}

// The good each row is measured in, for its unit.
std::vector<long> good_of_rows(const RunPair& pair, CompareBy by, std::size_t rows) {
  switch (by) {
    case CompareBy::good: {
      std::vector<long> g(rows);
      for (std::size_t i = 0; i < rows; ++i) g[i] = static_cast<long>(i);
      return g;
    }
    case CompareBy::plant: return pair.index_ints("/index/plant_good");
    case CompareBy::route: return pair.index_ints("/index/route_good");
  }
  return {};
}

EntityEffect effect_of(const PairedSeries& s, std::size_t i, const PeriodTable& periods) {
  EntityEffect e;
  const std::vector<double> base_totals = window_sums(s.base, s, i, 0, s.periods);
  const std::vector<double> scenario_totals = window_sums(s.scenario, s, i, 0, s.periods);
  e.base_total = mean_of(base_totals);
  e.scenario_total = mean_of(scenario_totals);
  e.change = paired_difference(base_totals, scenario_totals);
  e.change_pct = paired_percent_change(base_totals, scenario_totals);

  std::vector<double> base_rate(s.periods, 0.0), scenario_rate(s.periods, 0.0);
  for (std::size_t p = 0; p < s.periods; ++p) {
    for (std::size_t r = 0; r < s.pairs; ++r) {
      base_rate[p] += s.base[s.at(r, p, i)];
      scenario_rate[p] += s.scenario[s.at(r, p, i)];
    }
    base_rate[p] /= static_cast<double>(s.pairs) * periods.days[p];
    scenario_rate[p] /= static_cast<double>(s.pairs) * periods.days[p];
  }
  e.path = path_metrics(base_rate, scenario_rate, periods);
  if (e.path.peak_period >= 0) {
    const auto p = static_cast<std::size_t>(e.path.peak_period);
    // The interval is for the shortfall in the period the mean paths single out.
    std::vector<double> b(s.pairs), sc(s.pairs);
    for (std::size_t r = 0; r < s.pairs; ++r) {
      b[r] = s.base[s.at(r, p, i)] / periods.days[p] * kDaysPerMonth;
      sc[r] = s.scenario[s.at(r, p, i)] / periods.days[p] * kDaysPerMonth;
    }
    e.peak_shortfall = paired_difference(sc, b);  // base - scenario
    e.peak_shortfall.value = e.path.peak_shortfall;
    e.peak_date = periods.start_date[p];
  } else {
    e.peak_shortfall.n = s.pairs;
  }
  if (e.path.gap_period >= 0) e.gap_opens = periods.start_date[static_cast<std::size_t>(e.path.gap_period)];
  if (e.path.recovery_period >= 0) {
    e.recovery_date = periods.start_date[static_cast<std::size_t>(e.path.recovery_period)];
  }
  return e;
}

}  // namespace

std::vector<double> window_sums(const std::vector<double>& values, const PairedSeries& s, std::size_t i,
                                std::size_t from, std::size_t to) {
  std::vector<double> out(s.pairs, 0.0);
  for (std::size_t r = 0; r < s.pairs; ++r) {
    for (std::size_t p = from; p < to; ++p) out[r] += values[s.at(r, p, i)];
  }
  return out;
}

std::vector<EntityEffect> entity_effects(const RunPair& pair, CompareBy by) {
  const PairedSeries s = pair.read(headline_variable(by));
  const auto goods_unit = pair.index_strings("/index/goods_unit");
  const auto goods_kind = pair.index_strings("/index/goods_kind");
  const auto good_of = good_of_rows(pair, by, s.rows);
  std::vector<EntityEffect> out;
  for (std::size_t i = 0; i < s.rows; ++i) {
    const auto g = static_cast<std::size_t>(good_of[i]);
    if (by == CompareBy::good && goods_kind.at(g) != "final") continue;
    EntityEffect e = effect_of(s, i, pair.periods());
    e.entity = s.row_names[i];
    e.unit = g < goods_unit.size() ? goods_unit[g] : "";
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace defsim::detail
