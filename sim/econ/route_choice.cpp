#include "econ/route_choice.hpp"

#include <algorithm>
#include <cmath>

namespace defsim {

double route_cost(const Model& m, const RouteParamsView& p, Index s) {
  const Index g = m.routes.good[s];
  return 1.0 + p.markup[s] + m.goods.value_of_time[g] * p.lead_time_days[s] +
         m.goods.value_of_risk[g] * p.interdiction[s] + m.goods.value_of_payment_risk[g] * p.payment_failure[s];
}

double allocate_import_orders(const Model& m, Index g, double orders, const RouteParamsView& p, double* accepted,
                              Index* scratch) {
  const Index* first = m.goods.import_routes.row_begin(g);
  const Index n = m.goods.import_routes.size(g);
  for (Index k = 0; k < n; ++k) accepted[first[k]] = 0.0;
  if (n == 0 || orders <= 0.0) return std::max(0.0, orders);
  const double beta = m.goods.route_beta[g];
  double min_cost = route_cost(m, p, first[0]);
  for (Index k = 1; k < n; ++k) min_cost = std::min(min_cost, route_cost(m, p, first[k]));
  // The logit weights wait in `accepted` until the shares are known: one exp per route.
  double total_weight = 0.0;
  for (Index k = 0; k < n; ++k) {
    const Index s = first[k];
    accepted[s] = p.weight[s] * std::exp(-beta * (route_cost(m, p, s) - min_cost));
    total_weight += accepted[s];
  }
  double overflow = 0.0;
  for (Index k = 0; k < n; ++k) {
    const Index s = first[k];
    const double share = accepted[s] / total_weight;
    const double want = orders * share;
    const double take = std::min(want, std::max(0.0, p.capacity[s]));
    accepted[s] = take;
    overflow += want - take;
  }
  if (overflow <= 0.0) return 0.0;
  // Cheapest first; ties keep declaration order so the result never depends on sort details.
  // Insertion sort: stable, allocation-free, and routes per good are few.
  for (Index k = 0; k < n; ++k) {
    const Index s = first[k];
    const double c = route_cost(m, p, s);
    Index j = k;
    while (j > 0 && route_cost(m, p, scratch[j - 1]) > c) {
      scratch[j] = scratch[j - 1];
      --j;
    }
    scratch[j] = s;
  }
  for (Index k = 0; k < n && overflow > 0.0; ++k) {
    const Index s = scratch[k];
    const double spare = std::max(0.0, p.capacity[s]) - accepted[s];
    if (spare <= 0.0) continue;
    const double take = std::min(spare, overflow);
    accepted[s] += take;
    overflow -= take;
  }
  return overflow;
}

}  // namespace defsim
