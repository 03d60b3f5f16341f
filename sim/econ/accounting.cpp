// Phase 10: accounting (model spec §13). Totals per good, then — when state.check_identities
// is on (checked builds, `--check`) — every identity, stopping at the first violation with
// the day, the entity and the amounts. Runs serially after the parallel phases.
// Reads: everything of today. Writes: goods.consumed/stock/position, diagnostics; numeric
// guards first (econ/numeric_guards) so identities are checked on clean numbers.
#include <cmath>
#include <limits>
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

// Finite and not negative: what the numeric guards accept without repair.
inline bool clean(double v) { return v >= 0.0 && v <= std::numeric_limits<double>::max(); }

bool all_clean(const std::vector<double>& column) {
  bool ok = true;
  for (const double v : column) ok &= clean(v);
  return ok;
}

}  // namespace

void account(const Model& m, State& s, const Exec& exec) {
  const auto& G = m.goods;
  const auto& S = m.slots;
  const auto& P = m.plants;
  auto& gs = s.goods;
  const Index ng = G.size(), no = m.n_origins();
  // Totals per good over the customers' slots and over the makers, with a count of values
  // the numeric guards would repair; in the rare day with any, the guards run (and report,
  // or stop a checked run) and the totals are taken again on the repaired numbers.
  double* slot_sums = s.scratch.by_good.data();    // (goods x 4): consumed, stock, outstanding, unclean
  double* plant_sums = s.scratch.good_factor.data();  // (goods x 2): backlog + pending, unclean
  auto totals = [&] {
    keyed_sums<4>(
        exec, S.size(), ng, [&](Index k) { return S.good[k]; },
        [&](Index k, double* acc) {
          const double stock = s.slots.stock[k];
          const double outstanding = s.slots.outstanding[k];
          acc[0] += s.slots.consumed[k];
          if (S.kind[k] != SlotKind::capital) acc[1] += stock;
          acc[2] += outstanding;
          acc[3] += clean(stock) && clean(outstanding) ? 0.0 : 1.0;
        },
        slot_sums, s.scratch.partial);
    keyed_sums<2>(
        exec, P.size(), ng, [&](Index i) { return P.good[i]; },
        [&](Index i, double* acc) {
          acc[0] += s.plants.backlog[i] + s.plants.pending_orders[i];
          bool ok = clean(s.plants.backlog[i]) && clean(s.plants.output[i]) && clean(s.plants.experienced[i]) &&
                    clean(s.plants.trainees[i]) && clean(s.plants.wage[i]);
          const size_t row = static_cast<size_t>(i) * no;
          for (Index o = 0; o < no; ++o) {
            ok &= clean(s.plants.capital[row + o]) && clean(s.plants.installing[row + o]) && clean(s.plants.health[row + o]);
          }
          acc[1] += ok ? 0.0 : 1.0;
        },
        plant_sums, s.scratch.partial);
    bool ok = all_clean(s.routes.in_transit) && all_clean(gs.retry_pool) && all_clean(gs.price_index) &&
              all_clean(s.regions.available) && all_clean(s.regions.mobilised);
    for (Index g = 0; g < ng; ++g) ok &= slot_sums[4 * g + 3] == 0.0 && plant_sums[2 * g + 1] == 0.0;
    return ok;
  };
  if (!totals()) {
    guard_numbers(m, s);
    totals();
  }
  bool drift = false;
  // `what` names the identity only when it fails: building the text costs an allocation.
  auto check = [&](bool ok, auto&& what, double lhs, double rhs) {
    if (ok) return;
    if (s.check_identities) violation(m, s, what(), lhs, rhs);
    drift = true;
  };
  for (Index g = 0; g < ng; ++g) {
    const double used = slot_sums[4 * g];  // inputs in production (phase 8) and spare parts (phase 9)
    const double stock = slot_sums[4 * g + 1];
    const double outstanding = slot_sums[4 * g + 2];
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
    const double booked = transit + gs.retry_pool[g] + plant_sums[2 * g];
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
