#include "core/params.hpp"

#include <algorithm>

namespace defsim {

double base_value(const Model& m, const EventTarget& t) {
  switch (t.kind) {
    case ParamKind::route_capacity: return m.routes.capacity[t.entity];
    case ParamKind::route_markup: return m.routes.markup[t.entity];
    case ParamKind::route_lead_time: return m.routes.lead_time_days[t.entity];
    case ParamKind::route_jitter: return m.routes.jitter_days[t.entity];
    case ParamKind::route_interdiction: return m.routes.interdiction[t.entity];
    case ParamKind::route_payment_failure: return m.routes.payment_failure[t.entity];
    case ParamKind::route_weight: return m.routes.weight[t.entity];
    case ParamKind::good_domestic_share: return m.goods.domestic_share[t.entity];
    case ParamKind::good_availability: return m.goods.availability[t.entity];
    case ParamKind::good_unit_value: return m.goods.unit_value_usd[t.entity];
    case ParamKind::demand_scale: return 1.0;
    case ParamKind::plant_availability: return 1.0;
    case ParamKind::route_max_capacity: return m.routes.max_capacity[t.entity];
    case ParamKind::route_adaptation: return m.routes.adaptation[t.entity];
    case ParamKind::route_markup_slope: return m.routes.markup_slope[t.entity];
    case ParamKind::region_mobilised_share:
    case ParamKind::region_emigration:
    case ParamKind::region_inflow:
      return 0.0;
  }
  return 0.0;
}

double& current_value(State& s, const EventTarget& t) {
  switch (t.kind) {
    case ParamKind::route_capacity: return s.routes.capacity[t.entity];
    case ParamKind::route_markup: return s.routes.markup[t.entity];
    case ParamKind::route_lead_time: return s.routes.lead_time_days[t.entity];
    case ParamKind::route_jitter: return s.routes.jitter_days[t.entity];
    case ParamKind::route_interdiction: return s.routes.interdiction[t.entity];
    case ParamKind::route_payment_failure: return s.routes.payment_failure[t.entity];
    case ParamKind::route_weight: return s.routes.weight[t.entity];
    case ParamKind::good_domestic_share: return s.goods.domestic_share[t.entity];
    case ParamKind::good_availability: return s.goods.availability[t.entity];
    case ParamKind::good_unit_value: return s.goods.unit_value_usd[t.entity];
    case ParamKind::demand_scale: return s.goods.demand_scale[t.entity];
    case ParamKind::plant_availability: return s.plants.availability[t.entity];
    case ParamKind::route_max_capacity: return s.routes.max_capacity[t.entity];
    case ParamKind::route_adaptation: return s.routes.adaptation[t.entity];
    case ParamKind::route_markup_slope: return s.routes.markup_slope[t.entity];
    case ParamKind::region_mobilised_share: return s.regions.mobilised_share[t.entity];
    case ParamKind::region_emigration: return s.regions.emigration[t.entity];
    case ParamKind::region_inflow: return s.regions.inflow[t.entity];
  }
  return s.goods.demand_scale[0];
}

double clamp_to_domain(ParamKind kind, double v) {
  switch (kind) {
    case ParamKind::route_capacity:
    case ParamKind::route_markup:
    case ParamKind::route_jitter:
    case ParamKind::demand_scale:
    case ParamKind::route_max_capacity:
    case ParamKind::route_markup_slope:
    case ParamKind::region_inflow:
      return std::max(0.0, v);
    case ParamKind::route_adaptation:
    case ParamKind::region_emigration:
      return std::clamp(v, 0.0, 1.0);
    case ParamKind::region_mobilised_share:
      return std::clamp(v, 0.0, 0.999);
    case ParamKind::route_lead_time: return std::max(1.0, v);
    case ParamKind::route_interdiction:
    case ParamKind::route_payment_failure:
      return std::clamp(v, 0.0, 0.999);
    case ParamKind::route_weight:
    case ParamKind::good_unit_value:
      return std::max(1e-12, v);
    case ParamKind::good_domestic_share:
    case ParamKind::good_availability:
    case ParamKind::plant_availability:
      return std::clamp(v, 0.0, 1.0);
  }
  return v;
}

}  // namespace defsim
