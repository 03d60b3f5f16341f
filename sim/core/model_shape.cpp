#include "core/model_shape.hpp"

#include <stdexcept>
#include <string>

namespace defsim {
namespace {

class ShapeCheck {
 public:
  ShapeCheck(const char* table, size_t rows) : table_(table), rows_(rows) {}

  template <class Column>
  ShapeCheck& column(const char* name, const Column& c) {
    return expect(name, c.size(), rows_);
  }
  ShapeCheck& csr(const char* name, const Csr& c) {
    expect(name, c.begin.size(), rows_ + 1);
    if (!c.begin.empty() && static_cast<size_t>(c.begin.back()) != c.items.size()) {
      fail(std::string(name) + " ends at " + std::to_string(c.begin.back()) + " but holds " +
           std::to_string(c.items.size()) + " items");
    }
    return *this;
  }
  ShapeCheck& expect(const char* name, size_t got, size_t want) {
    if (got != want) {
      fail(std::string(name) + " has " + std::to_string(got) + " entries, expected " + std::to_string(want));
    }
    return *this;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::logic_error("internal error: compiled model table '" + std::string(table_) + "': " + what +
                           " (a bug in the model compiler, please report it)");
  }
  const char* table_;
  size_t rows_;
};

}  // namespace

// Columns the steady state derives (regions' matching efficiency and reference wage, plants'
// headcount per effective worker, slots' cover, position and fill, Model::init apart from
// the start capital) are sized by it and not checked here.
void check_model_shape(const Model& m) {
  const auto& G = m.goods;
  const size_t ng = G.name.size();
  ShapeCheck(
      "goods", ng)
      .column("kind", G.kind).column("unit", G.unit).column("unit_value_usd", G.unit_value_usd)
      .column("domestic_share", G.domestic_share).column("spill_to_domestic", G.spill_to_domestic)
      .column("availability", G.availability).column("route_beta", G.route_beta)
      .column("value_of_time", G.value_of_time).column("value_of_risk", G.value_of_risk)
      .column("value_of_payment_risk", G.value_of_payment_risk)
      .column("payment_retry_days", G.payment_retry_days).column("domestic_route", G.domestic_route)
      .csr("makers", G.makers).csr("import_routes", G.import_routes).csr("routes", G.routes)
      .csr("customer_slots", G.customer_slots);
  ShapeCheck("demand", ng)
      .column("schedule", m.demand.schedule).column("service", m.demand.service)
      .column("service_elasticity", m.demand.service_elasticity);

  const auto& O = m.origins;
  ShapeCheck("origins", O.name.size())
      .column("depreciation_per_day", O.depreciation_per_day).column("parts_good", O.parts_good)
      .column("parts_per_tool_per_day", O.parts_per_tool_per_day)
      .column("health_decay_per_day", O.health_decay_per_day)
      .column("health_recovery_per_day", O.health_recovery_per_day);

  const auto& R = m.regions;
  ShapeCheck("regions", R.name.size())
      .column("labour_force", R.labour_force).column("available_workers", R.available_workers)
      .column("civilian_wage", R.civilian_wage).csr("plants", R.plants);

  const auto& P = m.plants;
  ShapeCheck("plants", P.name.size())
      .column("good", P.good).column("region", P.region).column("capacity_ref", P.capacity_ref)
      .column("labour_ref", P.labour_ref).column("capital_ref", P.capital_ref).column("ces_alpha", P.ces_alpha)
      .column("ces_sigma", P.ces_sigma).column("trainee_productivity", P.trainee_productivity)
      .column("max_workers", P.max_workers)
      .column("min_workers", P.min_workers).column("wage_ref", P.wage_ref)
      .column("target_utilisation", P.target_utilisation).column("order_book_days", P.order_book_days)
      .column("backlog_tau_days", P.backlog_tau_days).column("planning_tau_days", P.planning_tau_days)
      .column("inventory_tau_days", P.inventory_tau_days).column("capital_tau_days", P.capital_tau_days)
      .column("capital_good", P.capital_good).column("capital_slot", P.capital_slot).csr("slots", P.slots);

  // The start capital (plants × origins) is compiled input too: the steady state reads it.
  ShapeCheck("init", P.name.size() * O.name.size()).column("capital (plants x origins)", m.init.capital);

  const auto& S = m.slots;
  ShapeCheck("slots", S.plant.size())
      .column("good", S.good).column("kind", S.kind).column("coefficient", S.coefficient)
      .column("criticality", S.criticality).column("target_days", S.target_days)
      .column("primary", S.primary).column("efficiency", S.efficiency)
      .column("origin", S.origin).csr("substitutes", S.substitutes);

  const auto& Rt = m.routes;
  ShapeCheck("routes", Rt.name.size())
      .column("short_name", Rt.short_name).column("good", Rt.good).column("origin", Rt.origin)
      .column("corridor", Rt.corridor).column("is_domestic", Rt.is_domestic).column("rng_id", Rt.rng_id)
      .column("capacity", Rt.capacity).column("markup", Rt.markup).column("lead_time_days", Rt.lead_time_days)
      .column("jitter_days", Rt.jitter_days).column("interdiction", Rt.interdiction)
      .column("payment_failure", Rt.payment_failure).column("weight", Rt.weight)
      .column("max_capacity", Rt.max_capacity).column("adaptation", Rt.adaptation)
      .column("markup_slope", Rt.markup_slope).column("markup_exponent", Rt.markup_exponent)
      .column("markup_adjustment_days", Rt.markup_adjustment_days);
}

}  // namespace defsim
