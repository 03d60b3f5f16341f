#pragma once
// Route choice for one imported good (model spec §7): logit shares on relative cost,
// capped by capacity, overflow spilled to routes with spare capacity in order of cost.
// Shared by the supply phase and the steady-state initialisation so both agree exactly.
#include <algorithm>
#include <cmath>

#include "core/model.hpp"
#include "core/power.hpp"

namespace defsim {

struct RouteParamsView {
  const double* capacity;        // effective capacity today, units/day
  const double* markup;          // markup paid today (utilisation-dependent)
  const double* lead_time_days;
  const double* interdiction;
  const double* payment_failure;
  const double* weight;
};

// Relative cost of route s: (1 + m) + v_ℓ·ℓ + v_π·π + v_f·f (a share of the base price).
double route_cost(const Model& model, const RouteParamsView& p, Index route);

// Splits `orders` over the import routes of `good`. Writes accepted units into
// accepted[route] for those routes; `scratch` needs room for the good's route count.
// Returns the units no route accepted.
double allocate_import_orders(const Model& model, Index good, double orders, const RouteParamsView& p,
                              double* accepted, Index* scratch);

// Markup on a route at utilisation u: m_0 + m_1·u^k (model spec §7): middlemen charge
// more the fuller a corridor runs.
inline double markup_at(double base, double slope, double exponent, double utilisation) {
  if (slope <= 0.0 || utilisation <= 0.0) return base;
  return base + slope * power(utilisation, exponent);
}

// Capacity after adaptation: C·(1 + a), grown no further than the ceiling C_max. The
// ceiling bounds growth only: an event that raises C above C_max still raises capacity,
// and a route cut to zero stays closed.
inline double effective_capacity(double capacity, double expansion, double ceiling) {
  return std::min(std::max(ceiling, capacity), capacity * (1.0 + expansion));
}

}  // namespace defsim
