#pragma once
// The state customer's order schedule (model spec §3): piecewise linear between dated
// points, flat before the first and after the last.
#include <vector>

#include "core/model.hpp"

namespace defsim {

inline double scheduled_rate(const std::vector<FinalDemand::Point>& schedule, Day day) {
  if (schedule.empty()) return 0.0;
  if (day <= schedule.front().day) return schedule.front().units_per_day;
  if (day >= schedule.back().day) return schedule.back().units_per_day;
  size_t k = 1;
  while (schedule[k].day < day) ++k;
  const auto& a = schedule[k - 1];
  const auto& b = schedule[k];
  const double t = static_cast<double>(day - a.day) / static_cast<double>(b.day - a.day);
  return a.units_per_day + t * (b.units_per_day - a.units_per_day);
}

}  // namespace defsim
