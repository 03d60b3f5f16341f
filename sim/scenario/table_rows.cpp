#include "scenario/table_rows.hpp"

#include <limits>

#include "core/rng.hpp"

namespace defsim {

Index append_slot(SlotTable& S, const SlotRow& row) {
  const Index index = S.size();
  S.plant.push_back(row.plant);
  S.good.push_back(row.good);
  S.kind.push_back(row.kind);
  S.coefficient.push_back(row.coefficient);
  S.criticality.push_back(row.criticality);
  S.target_days.push_back(row.target_days);
  S.primary.push_back(row.primary);
  S.efficiency.push_back(row.efficiency);
  S.origin.push_back(row.origin);
  return index;
}

Index append_route(RouteTable& Rt, const RouteRow& row) {
  const Index index = Rt.size();
  Rt.name.push_back(row.name);
  Rt.short_name.push_back(row.short_name);
  Rt.good.push_back(row.good);
  Rt.origin.push_back(row.origin);
  Rt.corridor.push_back(row.corridor);
  Rt.is_domestic.push_back(row.domestic ? 1 : 0);
  Rt.rng_id.push_back(stable_id(row.name));
  Rt.capacity.push_back(row.capacity);
  Rt.markup.push_back(row.markup);
  Rt.lead_time_days.push_back(row.lead_time_days);
  Rt.jitter_days.push_back(row.jitter_days);
  Rt.interdiction.push_back(row.interdiction);
  Rt.payment_failure.push_back(row.payment_failure);
  Rt.weight.push_back(row.weight);
  Rt.max_capacity.push_back(row.max_capacity);
  Rt.adaptation.push_back(row.adaptation);
  Rt.markup_slope.push_back(row.markup_slope);
  Rt.markup_exponent.push_back(row.markup_exponent);
  Rt.markup_adjustment_days.push_back(row.markup_adjustment_days);
  return index;
}

RouteRow domestic_channel(const std::string& good_name, Index good, Index domestic_origin, double lead_time_days) {
  RouteRow row;
  row.name = good_name + "/domestic";
  row.short_name = "domestic";
  row.good = good;
  row.origin = domestic_origin;
  row.corridor = "domestic";
  row.domestic = true;
  row.capacity = std::numeric_limits<double>::infinity();
  row.lead_time_days = lead_time_days;
  row.max_capacity = std::numeric_limits<double>::infinity();
  return row;
}

}  // namespace defsim
