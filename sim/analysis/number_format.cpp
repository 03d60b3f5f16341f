#include "analysis/number_format.hpp"

#include <fmt/format.h>

#include <cmath>

namespace defsim {
namespace {

std::string group_thousands(double magnitude) {
  std::string digits = fmt::format("{:.0f}", magnitude);
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string format_quantity(double x, bool signed_output) {
  if (!std::isfinite(x)) return std::isnan(x) ? "n/a" : (x > 0 ? "inf" : "-inf");
  if (x == 0.0) return "0";
  const double m = std::fabs(x);
  std::string body;
  if (m >= 1e15) {
    body = fmt::format("{:.3e}", m);
  } else if (m >= 100.0) {
    body = group_thousands(m);
  } else if (m >= 1.0) {
    body = fmt::format("{:.2f}", m);
  } else {
    body = fmt::format("{:.3g}", m);
  }
  const char* sign = x < 0.0 ? "-" : (signed_output ? "+" : "");
  return sign + body;
}

std::string format_percent(double pct) {
  if (!std::isfinite(pct)) return "n/a";
  if (pct == 0.0) return "0.0%";
  const std::string s = fmt::format("{:+.1f}%", pct);
  // A change that rounds to zero keeps its sign but not "-0.0%".
  return s == "-0.0%" || s == "+0.0%" ? "0.0%" : s;
}

std::string format_interval(double lo, double hi, bool percent) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return "n/a";
  if (percent) return fmt::format("[{}, {}]", format_percent(lo), format_percent(hi));
  return fmt::format("[{}, {}]", format_quantity(lo, true), format_quantity(hi, true));
}

std::string exact_number(double x) {
  if (std::isnan(x)) return "";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return fmt::format("{}", x);
}

}  // namespace defsim
