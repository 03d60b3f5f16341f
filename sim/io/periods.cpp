#include "io/periods.hpp"

namespace defsim {

Periods make_periods(const Calendar& calendar, Frequency frequency) {
  Periods periods;
  const Day horizon = calendar.horizon_days();
  for (Day d = 0; d < horizon; ++d) {
    bool starts = d == 0;
    switch (frequency) {
      case Frequency::day: starts = true; break;
      case Frequency::week: starts = starts || d % 7 == 0; break;
      case Frequency::month: starts = starts || calendar.is_month_start(d); break;
    }
    if (starts) {
      if (!periods.first.empty()) periods.last.push_back(d - 1);
      periods.first.push_back(d);
    }
  }
  if (!periods.first.empty()) periods.last.push_back(horizon - 1);
  return periods;
}

std::string_view to_string(Frequency frequency) {
  switch (frequency) {
    case Frequency::day: return "day";
    case Frequency::week: return "week";
    case Frequency::month: return "month";
  }
  return "?";
}

}  // namespace defsim
