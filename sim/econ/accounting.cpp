// Phase 10: accounting (model spec §13). Totals per good, then — when state.check_identities
// is on (checked builds, `--check`) — every identity, stopping at the first violation with
// the day, the entity and the amounts. Runs serially after the parallel phases.
// Reads: everything of today. Writes: goods.consumed/stock/position, diagnostics; numeric
// guards first (econ/numeric_guards) so identities are checked on clean numbers.
#include <cmath>
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

}  // namespace

void account(const Model& m, State& s, const Exec& /*exec*/) {
  guard_numbers(m, s);
  const auto& G = m.goods;
  auto& gs = s.goods;
  bool drift = false;
  auto check = [&](bool ok, const std::string& what, double lhs, double rhs) {
    if (ok) return;
    if (s.check_identities) violation(m, s, what, lhs, rhs);
    drift = true;
  };
  for (Index g = 0; g < G.size(); ++g) {
    double stock = 0.0;
    double outstanding = 0.0;
    double used = 0.0;  // inputs in production (phase 8) and spare parts (phase 9)
    for (const Index* k = G.customer_slots.row_begin(g); k != G.customer_slots.row_end(g); ++k) {
      used += s.slots.consumed[*k];
      if (m.slots.kind[*k] != SlotKind::capital) stock += s.slots.stock[*k];
      outstanding += s.slots.outstanding[*k];
    }
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
    check(close(opening + flows, gs.position[g], shipped + gs.consumed[g]), "good " + G.name[g] + " stock",
          opening + flows, gs.position[g]);
    // Order-book identity: what customers think is on order is at a maker, on the way, or
    // waiting to be re-placed after a bounced payment.
    double booked = transit + gs.retry_pool[g];
    for (const Index* i = G.makers.row_begin(g); i != G.makers.row_end(g); ++i) {
      booked += s.plants.backlog[*i] + s.plants.pending_orders[*i];
    }
    check(close(outstanding, booked, gs.orders[g]), "good " + G.name[g] + " outstanding orders vs backlog + transit",
          outstanding, booked);
  }
  for (Index r = 0; r < m.routes.size(); ++r) {
    const auto& rs = s.routes;
    if (!m.routes.is_domestic[r]) {
      check(close(rs.cum_ordered[r], rs.cum_shipped[r] + rs.cum_failed[r], 0.0),
            "route " + m.routes.name[r] + " ordered = shipped + failed", rs.cum_ordered[r], rs.cum_shipped[r] + rs.cum_failed[r]);
      check(close(rs.bill_usd[r], rs.shipped[r] * rs.price_usd[r], 0.0), "route " + m.routes.name[r] + " bill = units × price",
            rs.bill_usd[r], rs.shipped[r] * rs.price_usd[r]);
    }
    check(close(rs.cum_shipped[r], rs.cum_arrived[r] + rs.in_transit[r], 0.0),
          "route " + m.routes.name[r] + " shipped = arrived + in transit", rs.cum_shipped[r], rs.cum_arrived[r] + rs.in_transit[r]);
  }
  for (Index r = 0; r < m.regions.size(); ++r) {
    const double now = s.regions.available[r] + s.regions.employed[r] + s.regions.mobilised[r];
    check(close(now, s.regions.pool[r], 0.0), "region " + m.regions.name[r] + " workers conserved", now, s.regions.pool[r]);
  }
  if (drift) s.diagnostics.add(Anomaly::accounting_drift);
}

}  // namespace defsim
