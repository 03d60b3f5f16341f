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

void place_orders(const Model& m, State& s, const Exec& exec) {
  const auto& P = m.plants;
  const auto& S = m.slots;
  const Index no = m.n_origins();
  // Raw columns: one pass over each plant's slots reads them as streams.
  const Index* __restrict slot_begin = P.slots.begin.data();
  const Index* __restrict slot_items = P.slots.items.data();
  const SlotKind* __restrict kind = S.kind.data();
  const double* __restrict coef = S.coefficient.data();
  const double* __restrict crit = S.criticality.data();
  const double* __restrict target_days = S.target_days.data();
  const double* __restrict cover_days = S.cover_days.data();
  const double* __restrict position_days = S.position_days.data();
  const double* __restrict steady_fill = S.steady_fill.data();
  const double* __restrict efficiency = S.efficiency.data();
  const Index* __restrict sub_begin = S.substitutes.begin.data();
  const Index* __restrict sub_items = S.substitutes.items.data();
  double* __restrict stock = s.slots.stock.data();
  double* __restrict outstanding = s.slots.outstanding.data();
  double* __restrict ordered = s.slots.ordered.data();
  const double* __restrict received = s.slots.received.data();
  double* __restrict ordered_smoothed = s.slots.ordered_smoothed.data();
  double* __restrict received_smoothed = s.slots.received_smoothed.data();

  // Order-up-to position for `plan`: a·plan·(n + c).
  auto position_target = [=](Index slot, double plan) { return coef[slot] * plan * (target_days[slot] + cover_days[slot]); };
  // Share of a full position (stock plus on order, as held in the steady state) the slot
  // holds, capped at 1. The steady position sits below the order-up-to target by the loss
  // allowance, so measuring against the target would call a healthy primary short.
  auto position_cover = [=](Index slot, double plan) {
    const double target = coef[slot] * plan * position_days[slot];
    if (target <= 0.0) return 1.0;
    return std::min(1.0, (stock[slot] + outstanding[slot]) / target);
  };

  // The row body captures the column pointers by value: captured by reference they would
  // be reloaded through the closure for every slot.
  const Index np = P.size();
  constexpr Index kPrefetchPlants = 8;
  for_rows(exec, P.size(), [=, &m, &s, &P, &S](Index i) {
    const double planned = s.plants.planned_output[i];
    const double tau = P.inventory_tau_days[i];
    const double smooth = 1.0 / P.planning_tau_days[i];
    const Index first = slot_begin[i], last = slot_begin[i + 1];
    if (i + kPrefetchPlants < np && slot_begin[i + kPrefetchPlants] < slot_begin[np]) {
      // Some twenty columns stream past per plant, more than the hardware prefetcher tracks.
      const Index ahead = slot_items[slot_begin[i + kPrefetchPlants]];
      for (const double* column : {coef, crit, target_days, cover_days, position_days, steady_fill,
                                   static_cast<const double*>(stock), static_cast<const double*>(outstanding),
                                   static_cast<const double*>(ordered), received,
                                   static_cast<const double*>(ordered_smoothed),
                                   static_cast<const double*>(received_smoothed)}) {
        __builtin_prefetch(column + ahead);
      }
    }
    // Yesterday's orders and receipts (phases 5 and 7) feed the fill rate; then what each
    // input allows: supply that is honoured plus stock to draw down. Each input is ordered
    // for what the others allow: keep the smallest and second-smallest factor.
    double lowest = 1.0, second = 1.0;
    Index lowest_slot = kNone;
    for (Index k = first; k < last; ++k) {
      const Index slot = slot_items[k];
      ordered_smoothed[slot] += smooth * (ordered[slot] - ordered_smoothed[slot]);
      received_smoothed[slot] += smooth * (received[slot] - received_smoothed[slot]);
      if (kind[slot] != SlotKind::input) continue;
      double fill = 1.0;
      if (ordered_smoothed[slot] > 0.0) fill = received_smoothed[slot] / ordered_smoothed[slot] / steady_fill[slot];
      double held = stock[slot];
      for (Index j = sub_begin[slot]; j < sub_begin[slot + 1]; ++j) held += efficiency[sub_items[j]] * stock[sub_items[j]];
      const double horizon_use = coef[slot] * planned * target_days[slot];
      const double drawdown = horizon_use > 0.0 ? held / horizon_use : 0.0;
      const double f = 1.0 - crit[slot] * (1.0 - std::min(1.0, std::max(0.0, fill + drawdown)));
      // Branch-free: which input is short varies from plant to plant.
      const bool lower = f < lowest;
      const bool between = !lower && f < second;
      second = lower ? lowest : (between ? f : second);
      lowest = lower ? f : lowest;
      lowest_slot = lower ? slot : lowest_slot;
    }
    auto plan_for = [&](Index input_slot) { return planned * (input_slot == lowest_slot ? second : lowest); };
    for (Index k = first; k < last; ++k) {
      const Index slot = slot_items[k];
      double order = 0.0;
      switch (kind[slot]) {
        case SlotKind::input: {
          const double plan = plan_for(slot);
          const double use = coef[slot] * plan;
          const double gap = position_target(slot, plan) - stock[slot] - outstanding[slot];
          order = use + std::max(0.0, gap) / tau;
          break;
        }
        case SlotKind::substitute: {
          const Index primary = S.primary[slot];
          const double plan = plan_for(primary);
          double missing = 1.0 - position_cover(primary, plan);
          for (Index j = sub_begin[primary]; sub_items[j] != slot; ++j) missing -= position_cover(sub_items[j], plan);
          missing = std::max(0.0, missing);
          const double use = coef[slot] * plan * missing;
          const double gap = position_target(slot, plan) * missing - stock[slot] - outstanding[slot];
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
          const double position = effective_capital(m, s, i) + installing + outstanding[slot];
          const double gap = s.plants.desired_capital[i] + wear * cover_days[slot] - position;
          order = wear + std::max(0.0, gap) / P.capital_tau_days[i];
          break;
        }
        case SlotKind::parts: {
          const double use = coef[slot] * s.plants.capital[static_cast<size_t>(i) * no + S.origin[slot]];
          const double gap = use * (target_days[slot] + cover_days[slot]) - stock[slot] - outstanding[slot];
          order = use + std::max(0.0, gap) / tau;
          break;
        }
      }
      ordered[slot] = order;
      outstanding[slot] += order;
    }
  });
}

}  // namespace defsim
