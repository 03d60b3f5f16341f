#include "core/calendar.hpp"

#include <gtest/gtest.h>

namespace defsim {

TEST(Calendar, ParsesStrictIsoDatesOnly) {
  EXPECT_TRUE(parse_date("2024-02-29").has_value());
  EXPECT_FALSE(parse_date("2023-02-29").has_value());
  EXPECT_FALSE(parse_date("2023-2-1").has_value());
  EXPECT_FALSE(parse_date("2023-13-01").has_value());
  EXPECT_FALSE(parse_date("yesterday").has_value());
}

TEST(Calendar, DayIndexRoundTripsAcrossLeapYears) {
  const Calendar cal(*parse_date("2022-01-01"), 2191);
  EXPECT_EQ(cal.day_of(*parse_date("2024-03-01")), 365 + 365 + 31 + 29);
  for (Day d = 0; d < 2191; d += 37) EXPECT_EQ(cal.day_of(cal.date_of(d)), d);
  EXPECT_EQ(to_string(cal.date_of(365)), "2023-01-01");
  EXPECT_TRUE(cal.is_month_start(31));
  EXPECT_FALSE(cal.is_month_start(30));
}

}  // namespace defsim
