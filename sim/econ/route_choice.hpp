#pragma once
// Route choice for one imported good (model spec §7): logit shares on relative cost,
// capped by capacity, overflow spilled to routes with spare capacity in order of cost.
// Shared by the supply phase and the steady-state initialisation so both agree exactly.
#include "core/model.hpp"

namespace defsim {

struct RouteParamsView {
  const double* capacity;
  const double* markup;
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

}  // namespace defsim
