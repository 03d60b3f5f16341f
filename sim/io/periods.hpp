#pragma once
// Output periods: how the simulated days fold into the rows of the time axis.
#include <cstddef>
#include <string_view>
#include <vector>

#include "core/calendar.hpp"
#include "core/model.hpp"

namespace defsim {

// Period p covers days [first[p], last[p]], inclusive; periods tile [0, horizon) in order.
struct Periods {
  std::vector<Day> first;  // (periods) first simulated day
  std::vector<Day> last;   // (periods) last simulated day, inclusive
  std::size_t size() const { return first.size(); }
  Day days(std::size_t p) const { return last[p] - first[p] + 1; }
};

// day: one period per day. week: 7-day blocks from the start date (the last may be short).
// month: calendar months; the first and last may be partial.
Periods make_periods(const Calendar& calendar, Frequency frequency);

std::string_view to_string(Frequency frequency);

}  // namespace defsim
