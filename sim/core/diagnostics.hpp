#pragma once
// Second error channel: numeric anomalies inside a day are counted here, never thrown from
// a worker. The runner reports non-zero counters at the end of a run; a checked run stops
// at the first accounting violation instead (econ/accounting).
#include <array>
#include <cstdint>
#include <string_view>

namespace defsim {

enum class Anomaly : std::uint8_t {
  negative_stock_clipped,   // an inventory or pool would have gone below zero
  non_finite_value,         // a NaN or infinity was produced and replaced by 0
  lead_time_clamped,        // an event pushed a lead time beyond the in-transit ring
  unallocated_arrivals,     // a delivery found no outstanding order to fill (written off)
  accounting_drift,         // an identity missed by more than rounding (unchecked runs count it)
  count_
};

inline constexpr std::array<std::string_view, static_cast<size_t>(Anomaly::count_)> kAnomalyNames = {
    "negative_stock_clipped", "non_finite_value", "lead_time_clamped", "unallocated_arrivals",
    "accounting_drift"};

struct Diagnostics {
  std::array<std::uint64_t, static_cast<size_t>(Anomaly::count_)> counts{};
  void add(Anomaly a, std::uint64_t n = 1) { counts[static_cast<size_t>(a)] += n; }
  std::uint64_t get(Anomaly a) const { return counts[static_cast<size_t>(a)]; }
  std::uint64_t total() const {
    std::uint64_t t = 0;
    for (auto c : counts) t += c;
    return t;
  }
};

}  // namespace defsim
