#include "io/periods.hpp"

#include <gtest/gtest.h>

namespace defsim {
namespace {

Calendar calendar(const char* start, Day days) { return Calendar(*parse_date(start), days); }

}  // namespace

TEST(Periods, DailyPeriodsAreSingleDays) {
  const Periods p = make_periods(calendar("2024-01-15", 60), Frequency::day);
  ASSERT_EQ(p.size(), 60u);
  for (std::size_t i = 0; i < p.size(); ++i) {
    EXPECT_EQ(p.first[i], static_cast<Day>(i));
    EXPECT_EQ(p.last[i], static_cast<Day>(i));
  }
}

TEST(Periods, WeeksAreSevenDayBlocksFromTheStartWithAShortLastOne) {
  const Periods p = make_periods(calendar("2024-01-15", 60), Frequency::week);
  ASSERT_EQ(p.size(), 9u);
  for (std::size_t i = 0; i < 8; ++i) {
    EXPECT_EQ(p.first[i], static_cast<Day>(7 * i));
    EXPECT_EQ(p.days(i), 7);
  }
  EXPECT_EQ(p.first[8], 56);
  EXPECT_EQ(p.last[8], 59);
  EXPECT_EQ(p.days(8), 4);
}

TEST(Periods, WeeksEndExactlyAtTheHorizonWhenItIsAMultipleOfSeven) {
  const Periods p = make_periods(calendar("2024-01-15", 14), Frequency::week);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p.last[1], 13);
}

TEST(Periods, MonthsFollowTheCalendarWithPartialFirstAndLast) {
  // Jan 15-31 (17 days), February 2024 (29 days, leap year), Mar 1-14 (14 days).
  const Periods p = make_periods(calendar("2024-01-15", 60), Frequency::month);
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p.first, (std::vector<Day>{0, 17, 46}));
  EXPECT_EQ(p.last, (std::vector<Day>{16, 45, 59}));
  EXPECT_EQ(p.days(0), 17);
  EXPECT_EQ(p.days(1), 29);
  EXPECT_EQ(p.days(2), 14);
}

TEST(Periods, MonthsStartingOnTheFirstAndEndingOnTheLastAreWhole) {
  const Periods p = make_periods(calendar("2023-12-01", 62), Frequency::month);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p.first, (std::vector<Day>{0, 31}));
  EXPECT_EQ(p.last, (std::vector<Day>{30, 61}));
}

TEST(Periods, AStartOnTheLastDayOfAMonthMakesAOneDayFirstPeriod) {
  const Periods p = make_periods(calendar("2023-02-28", 2), Frequency::month);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p.days(0), 1);
  EXPECT_EQ(p.first[1], 1);  // 2023-03-01
}

TEST(Periods, AnEmptyHorizonHasNoPeriods) {
  EXPECT_EQ(make_periods(calendar("2024-01-15", 0), Frequency::month).size(), 0u);
  EXPECT_EQ(make_periods(calendar("2024-01-15", 0), Frequency::day).size(), 0u);
}

TEST(Periods, FrequencyNamesMatchTheScenarioKeywords) {
  EXPECT_EQ(to_string(Frequency::day), "day");
  EXPECT_EQ(to_string(Frequency::week), "week");
  EXPECT_EQ(to_string(Frequency::month), "month");
}

}  // namespace defsim
