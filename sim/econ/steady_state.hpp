#pragma once
// The initial steady state (model spec §12): gross outputs from the Leontief inverse,
// workforces, inventories and pipelines such that every flow balances on day 0.
#include <cmath>

#include "core/model.hpp"
#include "scenario/reader.hpp"

namespace defsim {

// Fills model.init and the derived plant and slot parameters (labour_ref, target
// utilisation, cover days). Records an issue when no steady state exists.
void compute_steady_state(Model& model, IssueList& issues);

// Daily quit rate to the civilian sector: q_0·exp(κ (w^c − w) / w).
inline double quit_rate(const LabourParams& labour, double civilian_wage, double wage) {
  return labour.quit_rate * std::exp(labour.quit_wage_sensitivity * (civilian_wage - wage) / wage);
}

// Whole days a shipment with this (possibly fractional) lead time spends in transit.
inline Day transit_days(double lead_time_days) {
  const double r = lead_time_days < 1.0 ? 1.0 : lead_time_days;
  return static_cast<Day>(r + 0.5);
}

}  // namespace defsim
