#pragma once
// Numbers for people: grouped thousands, no false precision, "n/a" for what is undefined.
#include <string>

namespace defsim {

// Large numbers as grouped integers (1,234,567), moderate ones with two decimals, small
// ones with three significant digits; `signed_output` adds "+" to positive values.
std::string format_quantity(double x, bool signed_output = false);

// "+12.3%", "0.0%", or "n/a".
std::string format_percent(double pct);

// "[-1,234, -1,100]" for an interval, "n/a" when it cannot be computed.
std::string format_interval(double lo, double hi, bool percent);

// Shortest text that reads back as the same double; empty for NaN (CSV), "inf"/"-inf".
std::string exact_number(double x);

}  // namespace defsim
