// Phase 10: accounting (model spec §13). Totals per good, then — when state.check_identities
// is on (checked builds, `--check`) — every identity, stopping at the first violation with
// the day, the entity and the amounts. The scans and totals run in parallel; the identities,
// one per good, route and region, serially.
// Reads: everything of today. Writes: goods.consumed/stock/position, diagnostics; numeric
// guards first (econ/numeric_guards) so identities are checked on clean numbers.
#include <tbb/parallel_reduce.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <sstream>

#include "core/error.hpp"
#include "econ/numeric_guards.hpp"
#include "econ/phases.hpp"

namespace defsim {
namespace {

constexpr double kRelativeTolerance = 1e-9;

bool close(double a, double b, double scale) {
  return std::abs(a - b) <= kRelativeTolerance * (1.0 + std::abs(a) + std::abs(b) + scale);
}

[[noreturn]] void violation(const Model& m, const State& s, const std::string& what, double lhs, double rhs) {
  std::ostringstream os;
  os.precision(17);
  os << "accounting identity violated on day " << s.day << " (" << to_string(m.run.calendar.date_of(s.day))
     << "): " << what << ": " << lhs << " != " << rhs << " (difference " << lhs - rhs << ")";
  throw AccountingError(os.str());
}

// True when every value is finite and not negative, which the numeric guards accept without
// repair. Tested on the bits, so the loop vectorises: as an unsigned integer a double is
// below the bits of +infinity exactly when it is finite with the sign bit clear. Every
// negative value, −0.0, −infinity and every NaN (x86 makes 0/0 a NaN with the sign bit set)
// counts as unclean; the guards, which then run, accept −0.0 and repair the rest.
bool all_clean(const double* values, std::size_t n) {
  constexpr std::uint64_t kPositiveInfinity = 0x7ff0000000000000ULL;
  std::uint64_t unclean = 0;
  for (std::size_t k = 0; k < n; ++k) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, values + k, sizeof bits);
    unclean |= static_cast<std::uint64_t>(bits >= kPositiveInfinity);
  }
  return unclean == 0;
}
// Large columns are scanned in parallel blocks; the answer (an "or") does not depend on how.
bool all_clean(const Exec& exec, const std::vector<double>& column) {
  constexpr std::size_t kBlock = 1 << 16;
  const std::size_t n = column.size();
  if (exec.threads <= 1 || n <= kBlock) return all_clean(column.data(), n);
  const auto blocks = static_cast<Index>((n + kBlock - 1) / kBlock);
  return tbb::parallel_reduce(
      tbb::blocked_range<Index>(0, blocks, 1), true,
      [&](const tbb::blocked_range<Index>& r, bool ok) {
        for (Index b = r.begin(); ok && b != r.end(); ++b) {
          const std::size_t lo = static_cast<std::size_t>(b) * kBlock;
          ok = all_clean(column.data() + lo, std::min(kBlock, n - lo));
        }
        return ok;
      },
      [](bool a, bool b) { return a && b; });
}

}  // namespace

void account(const Model& m, State& s, const Exec& exec) {
  const auto& G = m.goods;
  const auto& S = m.slots;
  const auto& P = m.plants;
  auto& gs = s.goods;
  const Index ng = G.size();
  // Totals per good over the customers' slots and over the makers. The numeric guards run
  // first only on the rare day a value needs one (a NaN, an infinity, a negative stock).
  const auto& ps = s.plants;
  bool clean = true;
  for (const std::vector<double>* column : std::initializer_list<const std::vector<double>*>{&s.slots.stock, &s.slots.outstanding, &ps.backlog, &ps.output, &ps.experienced,
                             &ps.trainees, &ps.wage, &ps.capital, &ps.installing, &ps.health, &s.routes.in_transit,
                             &gs.retry_pool, &gs.price_index, &s.regions.available, &s.regions.mobilised}) {
    clean = clean && all_clean(exec, *column);
  }
  if (!clean) guard_numbers(m, s);
  double* slot_sums = s.scratch.by_good.data();       // (goods x 3): consumed, stock, outstanding
  double* plant_sums = s.scratch.good_factor.data();  // (goods): backlog + pending orders of the makers
  const Index* __restrict slot_good = S.good.data();
  const SlotKind* __restrict kind = S.kind.data();
  const double* __restrict slot_consumed = s.slots.consumed.data();
  const double* __restrict slot_stock = s.slots.stock.data();
  const double* __restrict slot_outstanding = s.slots.outstanding.data();
  keyed_sums<3>(
      exec, S.size(), ng, [=](Index k) { return slot_good[k]; },
      [=](Index k, double* acc) {
        acc[0] += slot_consumed[k];
        if (kind[k] != SlotKind::capital) acc[1] += slot_stock[k];
        acc[2] += slot_outstanding[k];
      },
      slot_sums, s.scratch.partial);
  const Index* __restrict plant_good = P.good.data();
  const double* __restrict backlog = ps.backlog.data();
  const double* __restrict pending = ps.pending_orders.data();
  keyed_sums<1>(
      exec, P.size(), ng, [=](Index i) { return plant_good[i]; },
      [=](Index i, double* acc) { acc[0] += backlog[i] + pending[i]; }, plant_sums, s.scratch.partial);
  bool drift = false;
  // `what` names the identity only when it fails: building the text costs an allocation.
  auto check = [&](bool ok, auto&& what, double lhs, double rhs) {
    if (ok) return;
    if (s.check_identities) violation(m, s, what(), lhs, rhs);
    drift = true;
  };
  for (Index g = 0; g < ng; ++g) {
    const double used = slot_sums[3 * g];  // inputs in production (phase 8) and spare parts (phase 9)
    const double stock = slot_sums[3 * g + 1];
    const double outstanding = slot_sums[3 * g + 2];
    double transit = 0.0;
    double shipped = 0.0;
    double installed = 0.0;
    for (const Index* r = G.routes.row_begin(g); r != G.routes.row_end(g); ++r) {
      transit += s.routes.in_transit[*r];
      shipped += s.routes.shipped[*r];
    }
    if (G.kind[g] == GoodKind::capital) installed = gs.received[g];
    if (gs.unallocated[g] > 0.0) s.diagnostics.add(Anomaly::unallocated_arrivals);
    gs.consumed[g] = used;
    const double opening = gs.position[g];
    gs.stock[g] = stock;
    gs.position[g] = stock + transit;
    if (G.kind[g] == GoodKind::final_good || G.kind[g] == GoodKind::service) continue;
    // Stock identity: opening + shipped (imports and domestic output) − consumed − installed
    // − seized − written off = closing (stock held by plants plus goods in transit).
    const double flows = shipped - gs.consumed[g] - installed - gs.lost[g] - gs.unallocated[g];
    check(close(opening + flows, gs.position[g], shipped + gs.consumed[g]), [&] { return "good " + G.name[g] + " stock"; },
          opening + flows, gs.position[g]);
    // Order-book identity: what customers think is on order is at a maker, on the way, or
    // waiting to be re-placed after a bounced payment.
    const double booked = transit + gs.retry_pool[g] + plant_sums[g];
    check(close(outstanding, booked, gs.orders[g]),
          [&] { return "good " + G.name[g] + " outstanding orders vs backlog + transit"; }, outstanding, booked);
  }
  for (Index r = 0; r < m.routes.size(); ++r) {
    const auto& rs = s.routes;
    const auto& name = m.routes.name[r];
    if (!m.routes.is_domestic[r]) {
      check(close(rs.cum_ordered[r], rs.cum_shipped[r] + rs.cum_failed[r], 0.0),
            [&] { return "route " + name + " ordered = shipped + failed"; }, rs.cum_ordered[r],
            rs.cum_shipped[r] + rs.cum_failed[r]);
      check(close(rs.bill_usd[r], rs.shipped[r] * rs.price_usd[r], 0.0),
            [&] { return "route " + name + " bill = units × price"; }, rs.bill_usd[r], rs.shipped[r] * rs.price_usd[r]);
    }
    check(close(rs.cum_shipped[r], rs.cum_arrived[r] + rs.in_transit[r], 0.0),
          [&] { return "route " + name + " shipped = arrived + in transit"; }, rs.cum_shipped[r],
          rs.cum_arrived[r] + rs.in_transit[r]);
  }
  for (Index r = 0; r < m.regions.size(); ++r) {
    const double now = s.regions.available[r] + s.regions.employed[r] + s.regions.mobilised[r];
    check(close(now, s.regions.pool[r], 0.0), [&] { return "region " + m.regions.name[r] + " workers conserved"; }, now,
          s.regions.pool[r]);
  }
  if (drift) s.diagnostics.add(Anomaly::accounting_drift);
}

}  // namespace defsim
