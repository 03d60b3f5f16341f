// Shares of plant-days on which each constraint bound output. plants/binding holds, per
// period, the code that bound on most of the period's days (the mode), so a period counts
// all its days for that code: exact with daily output, an approximation with weekly or
// monthly output (a constraint that bound on 10 of 31 days counts 0 or 31). Periods are
// weighted by their days, so partial first and last months count for what they are.
#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "analysis/compare_sections.hpp"
#include "core/error.hpp"

namespace defsim::detail {
namespace {

constexpr const char* kBinding = "plants/binding";

// Per pair, the share of plant-days in periods [from, to) of the plants in `plants` whose
// code is `code`.
std::vector<double> shares(const std::vector<double>& values, const PairedSeries& s,
                           const PeriodTable& periods, const std::vector<std::size_t>& plants, long code,
                           std::size_t from, std::size_t to) {
  std::vector<double> out(s.pairs, std::numeric_limits<double>::quiet_NaN());
  double total_days = 0.0;
  for (std::size_t p = from; p < to; ++p) total_days += periods.days[p];
  if (total_days <= 0.0 || plants.empty()) return out;
  const double denominator = total_days * static_cast<double>(plants.size());
  for (std::size_t r = 0; r < s.pairs; ++r) {
    double bound = 0.0;
    for (std::size_t p = from; p < to; ++p) {
      for (std::size_t i : plants) {
        if (std::lround(values[s.at(r, p, i)]) == code) bound += periods.days[p];
      }
    }
    out[r] = bound / denominator;
  }
  return out;
}

std::vector<double> scaled(std::vector<double> v, double k) {
  for (auto& x : v) x *= k;
  return v;
}

}  // namespace

std::vector<ConstraintShare> constraint_shares(const RunPair& pair, const Windows& windows, CompareBy by) {
  const PairedSeries s = pair.read(kBinding);
  const auto codes = pair.base().dataset_strings_attribute("/" + std::string(kBinding), "codes");
  const auto scenario_codes = pair.scenario().dataset_strings_attribute("/" + std::string(kBinding), "codes");
  if (codes != scenario_codes) {
    throw UsageError(fmt::format("cannot compare {} with {}: plants/binding has different codes",
                                 pair.base().path(), pair.scenario().path()));
  }
  const auto& periods = pair.periods();
  const auto split = static_cast<std::size_t>(windows.first_after);

  std::vector<std::vector<std::size_t>> groups;
  std::vector<std::string> group_names;
  if (by == CompareBy::plant) {
    for (std::size_t i = 0; i < s.rows; ++i) {
      groups.push_back({i});
      group_names.push_back(s.row_names[i]);
    }
  } else {
    groups.emplace_back();
    for (std::size_t i = 0; i < s.rows; ++i) groups.back().push_back(i);
    group_names.emplace_back();
  }

  std::vector<ConstraintShare> out;
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {
    for (std::size_t k = 0; k < codes.size(); ++k) {
      const auto code = static_cast<long>(k);
      const auto bb = shares(s.base, s, periods, groups[gi], code, 0, split);
      const auto sb = shares(s.scenario, s, periods, groups[gi], code, 0, split);
      const auto ba = shares(s.base, s, periods, groups[gi], code, split, s.periods);
      const auto sa = shares(s.scenario, s, periods, groups[gi], code, split, s.periods);
      ConstraintShare c;
      c.plant = group_names[gi];
      c.constraint = codes[k];
      c.base_before = mean_of(bb);
      c.scenario_before = mean_of(sb);
      c.base_after = mean_of(ba);
      c.scenario_after = mean_of(sa);
      // A constraint that never bound in either run, in either window, says nothing.
      const bool seen =
          c.base_before > 0.0 || c.scenario_before > 0.0 || c.base_after > 0.0 || c.scenario_after > 0.0;
      if (!seen) continue;
      c.change_after_pp = paired_difference(scaled(ba, 100.0), scaled(sa, 100.0));
      out.push_back(std::move(c));
    }
  }
  return out;
}

}  // namespace defsim::detail
