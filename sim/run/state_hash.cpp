#include <cstring>

#include "run/runner.hpp"

namespace defsim {
namespace {

// FNV-1a over 64-bit words with a shift (then the remaining bytes): eight times fewer multiplications
// than byte-wise FNV, so hashing a million-plant State takes milliseconds, not seconds.
struct Hasher {
  std::uint64_t h = 1469598103934665603ull;
  void bytes(const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    size_t k = 0;
    for (; k + 8 <= n; k += 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, p + k, 8);
      h ^= word;
      h *= 1099511628211ull;
      h ^= h >> 29;  // carry the high bits down, so every bit of a word reaches every bit of h
    }
    for (; k < n; ++k) {
      h ^= p[k];
      h *= 1099511628211ull;
    }
  }
  template <class T>
  void column(const std::vector<T>& v) {
    const std::uint64_t n = v.size();
    bytes(&n, sizeof n);
    if (!v.empty()) bytes(v.data(), v.size() * sizeof(T));
  }
};

}  // namespace

std::uint64_t state_hash(const State& s) {
  Hasher h;
  h.bytes(&s.day, sizeof s.day);
  const auto& p = s.plants;
  for (const auto* c : {&p.availability, &p.backlog, &p.pending_orders, &p.orders_received, &p.expected_orders,
                        &p.demand_target, &p.planned_output, &p.capacity, &p.output, &p.order_split, &p.experienced,
                        &p.trainees, &p.desired_workforce, &p.vacancies, &p.hires, &p.quits, &p.layoffs, &p.capital,
                        &p.installed, &p.depreciation, &p.wage, &p.hours, &p.unfilled, &p.drafted,
                        &p.desired_capital, &p.health, &p.installing}) {
    h.column(*c);
  }
  h.column(p.binding);
  const auto& sl = s.slots;
  for (const auto* c : {&sl.stock, &sl.outstanding, &sl.ordered, &sl.received, &sl.consumed, &sl.cancelled,
                        &sl.ordered_smoothed, &sl.received_smoothed}) h.column(*c);
  const auto& r = s.routes;
  for (const auto* c : {&r.capacity, &r.markup, &r.lead_time_days, &r.jitter_days, &r.interdiction, &r.payment_failure,
                        &r.weight, &r.ordered, &r.failed, &r.shipped, &r.arrived, &r.interdicted, &r.price_usd,
                        &r.bill_usd, &r.in_transit_ring, &r.in_transit, &r.cum_ordered, &r.cum_failed, &r.cum_shipped,
                        &r.cum_arrived, &r.cum_interdicted, &r.effective_capacity, &r.expansion, &r.utilisation,
                        &r.markup_paid, &r.max_capacity, &r.adaptation, &r.markup_slope}) {
    h.column(*c);
  }
  const auto& g = s.goods;
  for (const auto* c : {&g.demand_scale, &g.domestic_share, &g.availability, &g.unit_value_usd, &g.state_orders,
                        &g.deliveries, &g.effective_deliveries, &g.backlog, &g.production, &g.orders, &g.import_orders,
                        &g.rejected, &g.spilled_to_domestic, &g.received, &g.consumed, &g.lost, &g.unallocated,
                        &g.import_bill_usd, &g.stock, &g.position, &g.retry_pool, &g.retried, &g.price_index}) {
    h.column(*c);
  }
  for (const auto* c : {&s.regions.labour_force, &s.regions.available, &s.regions.employed, &s.regions.pool,
                        &s.regions.civilian_wage, &s.regions.matches, &s.regions.mobilised, &s.regions.mobilised_share,
                        &s.regions.emigration, &s.regions.inflow}) {
    h.column(*c);
  }
  h.bytes(s.diagnostics.counts.data(), sizeof(s.diagnostics.counts));
  return h.h;
}

}  // namespace defsim
