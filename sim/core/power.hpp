#pragma once
// x^y for the day's hot loops. The exponents the model meets most often are exact small
// cases: with σ = 0.5 the CES exponent ρ = (σ−1)/σ is −1, overtime β and σ itself are 0.5,
// markups rise with u² or u⁴ (the Russia model's corridors), hiring follows relative wages
// to the power 1, and at the steady state many bases are exactly 1. Those take one or two
// instructions instead of a libm pow (~20 ns); every other case is std::pow. x·x, 1/x and
// √x are correctly rounded and (x²)² is within 1.5 ulp, so the shortcuts can differ from
// libm's pow only in the last bit or two, the same way on every thread count.
#include <cmath>

namespace defsim {

inline double power(double x, double y) {
  if (y == 1.0) return x;
  if (x == 1.0) return 1.0;
  if (y == -1.0) return 1.0 / x;
  if (y == 2.0) return x * x;
  if (y == 4.0) {
    const double x2 = x * x;
    return x2 * x2;
  }
  if (y == 0.5 && x > 0.0 && x < HUGE_VAL) return std::sqrt(x);
  return std::pow(x, y);
}

}  // namespace defsim
