// Phase 5: ordering (model spec §6): pipeline-aware order-up-to per demand slot.
// Reads: planned output, stocks, outstanding orders, capital, slot parameters.
// Writes: slots.ordered, slots.outstanding (+ today's orders).
//   input:      O = a·Ŷ + max(0, a·Ŷ·(n + c) − S − P) / τ_inv
//   substitute: the same on the share of the primary's position that is missing
//   capital:    O = D + max(0, K* − K_eff − I + D·c − P) / τ_K,  D = Σ_o δ_o K_o
//               (K_eff counts working tools, I tools being installed)
//   parts:      O = s_o·K_o + max(0, s_o·K_o·(n + c) − S − P) / τ_inv
// Ŷ for an input is the plan scaled by what the plant's *other* inputs allow,
// min_j≠g [1 − φ_j (1 − min(1, fill_j + stock_j / (a_j·Ŷ·n_j)))], where fill_j is the
// share of orders for j that arrives (smoothed receipts over smoothed orders, relative to
// the steady state; it falls whether an import route is cut or a domestic maker cannot
// deliver) and
// the stock term is what the plant can draw down over its target days. A plant that
// cannot get chips stops buying steel it could not use, instead of hoarding it and
// starving other steel users, but keeps ordering the scarce input itself. While inputs
// merely lag a rising plan the fill rate stays near 1 and the stock term covers the lag,
// so the throttle cannot feed on itself.
#include <algorithm>

#include "econ/phases.hpp"
#include "econ/plant_capacity.hpp"

namespace defsim {
namespace {

double position_target(const Model& m, Index slot, double plan) {
  const auto& S = m.slots;
  return S.coefficient[slot] * plan * (S.target_days[slot] + S.cover_days[slot]);
}

// Share of a full position (stock plus on order, as held in the steady state) the slot
// holds, capped at 1. The steady position sits below the order-up-to target by the loss
// allowance, so measuring against the target would call a healthy primary short.
double position_cover(const Model& m, const State& s, Index slot, double plan) {
  const double target = m.slots.coefficient[slot] * plan * m.slots.position_days[slot];
  if (target <= 0.0) return 1.0;
  return std::min(1.0, (s.slots.stock[slot] + s.slots.outstanding[slot]) / target);
}

// What input slot `slot` allows: supply that is honoured plus stock to draw down.
double input_factor(const Model& m, const State& s, Index slot, double plan) {
  const auto& S = m.slots;
  const auto& ss = s.slots;
  double fill = 1.0;
  if (ss.ordered_smoothed[slot] > 0.0) {
    fill = ss.received_smoothed[slot] / ss.ordered_smoothed[slot] / S.steady_fill[slot];
  }
  double stock = ss.stock[slot];
  for (const Index* sub = S.substitutes.row_begin(slot); sub != S.substitutes.row_end(slot); ++sub) {
    stock += S.efficiency[*sub] * ss.stock[*sub];
  }
  const double horizon_use = S.coefficient[slot] * plan * S.target_days[slot];
  const double drawdown = horizon_use > 0.0 ? stock / horizon_use : 0.0;
  return 1.0 - S.criticality[slot] * (1.0 - std::clamp(fill + drawdown, 0.0, 1.0));
}

}  // namespace

void place_orders(const Model& m, State& s, const Exec& exec) {
  const auto& P = m.plants;
  const auto& S = m.slots;
  auto& ss = s.slots;
  const Index no = m.n_origins();
  for_rows(exec, P.size(), [&](Index i) {
    const double planned = s.plants.planned_output[i];
    const double tau = P.inventory_tau_days[i];
    const double smooth = 1.0 / P.planning_tau_days[i];
    for (Index k = P.slots.begin[i]; k < P.slots.begin[i + 1]; ++k) {
      const Index slot = P.slots.items[k];
      // Yesterday's orders and receipts (phases 5 and 7) feed the fill rate.
      ss.ordered_smoothed[slot] += smooth * (ss.ordered[slot] - ss.ordered_smoothed[slot]);
      ss.received_smoothed[slot] += smooth * (ss.received[slot] - ss.received_smoothed[slot]);
    }
    // Smallest and second-smallest input factor: each input is ordered for what the others allow.
    double lowest = 1.0, second = 1.0;
    Index lowest_slot = kNone;
    for (Index k = P.slots.begin[i]; k < P.slots.begin[i + 1]; ++k) {
      const Index slot = P.slots.items[k];
      if (S.kind[slot] != SlotKind::input) continue;
      const double f = input_factor(m, s, slot, planned);
      if (f < lowest) {
        second = lowest;
        lowest = f;
        lowest_slot = slot;
      } else if (f < second) {
        second = f;
      }
    }
    auto plan_for = [&](Index input_slot) { return planned * (input_slot == lowest_slot ? second : lowest); };
    for (Index k = P.slots.begin[i]; k < P.slots.begin[i + 1]; ++k) {
      const Index slot = P.slots.items[k];
      double order = 0.0;
      switch (S.kind[slot]) {
        case SlotKind::input: {
          const double plan = plan_for(slot);
          const double use = S.coefficient[slot] * plan;
          const double gap = position_target(m, slot, plan) - ss.stock[slot] - ss.outstanding[slot];
          order = use + std::max(0.0, gap) / tau;
          break;
        }
        case SlotKind::substitute: {
          const Index primary = S.primary[slot];
          const double plan = plan_for(primary);
          double missing = 1.0 - position_cover(m, s, primary, plan);
          for (const Index* sub = S.substitutes.row_begin(primary); *sub != slot; ++sub) {
            missing -= position_cover(m, s, *sub, plan);
          }
          missing = std::max(0.0, missing);
          const double use = S.coefficient[slot] * plan * missing;
          const double gap = position_target(m, slot, plan) * missing - ss.stock[slot] - ss.outstanding[slot];
          order = use + std::max(0.0, gap) / tau;
          break;
        }
        case SlotKind::capital: {
          double wear = 0.0, installing = 0.0;
          const size_t row = static_cast<size_t>(i) * no;
          for (Index o = 0; o < no; ++o) {
            wear += m.origins.depreciation_per_day[o] * s.plants.capital[row + o];
            installing += s.plants.installing[row + o];
          }
          const double position = effective_capital(m, s, i) + installing + ss.outstanding[slot];
          const double gap = s.plants.desired_capital[i] + wear * S.cover_days[slot] - position;
          order = wear + std::max(0.0, gap) / P.capital_tau_days[i];
          break;
        }
        case SlotKind::parts: {
          const double use = S.coefficient[slot] * s.plants.capital[static_cast<size_t>(i) * no + S.origin[slot]];
          const double gap = use * (S.target_days[slot] + S.cover_days[slot]) - ss.stock[slot] - ss.outstanding[slot];
          order = use + std::max(0.0, gap) / tau;
          break;
        }
      }
      ss.ordered[slot] = order;
      ss.outstanding[slot] += order;
    }
  });
}

}  // namespace defsim
