#pragma once
// Civil dates and the mapping between dates and simulated days. Proleptic Gregorian,
// no time zones: a simulated day is a calendar day.
#include <optional>
#include <string>
#include <string_view>

#include "core/types.hpp"

namespace defsim {

struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  friend bool operator==(const Date&, const Date&) = default;
};

// Parses YYYY-MM-DD strictly; nullopt on anything else (including 2023-02-30).
std::optional<Date> parse_date(std::string_view text);
std::string to_string(const Date& date);
long days_since_epoch(const Date& date);  // 1970-01-01 = 0
Date date_from_epoch_days(long days);

class Calendar {
 public:
  Calendar() = default;
  Calendar(Date start, Day horizon_days);
  Date start() const { return start_; }
  Day horizon_days() const { return horizon_days_; }
  Date date_of(Day day) const { return date_from_epoch_days(start_epoch_ + day); }
  Day day_of(const Date& date) const { return static_cast<Day>(days_since_epoch(date) - start_epoch_); }
  bool is_month_start(Day day) const { return date_of(day).day == 1; }

 private:
  Date start_{};
  long start_epoch_ = 0;
  Day horizon_days_ = 0;
};

}  // namespace defsim
