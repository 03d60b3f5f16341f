#include "econ/steady_state.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <sstream>

#include "econ/demand.hpp"
#include "econ/route_choice.hpp"

namespace defsim {
namespace {

std::string fmt_num(double v) {
  std::ostringstream os;
  os.precision(6);
  os << v;
  return os.str();
}

RouteParamsView base_route_params(const Model& m) {
  const auto& R = m.routes;
  return {R.capacity.data(), R.markup.data(), R.lead_time_days.data(), R.interdiction.data(),
          R.payment_failure.data(), R.weight.data()};
}

}  // namespace

void compute_steady_state(Model& m, IssueList& issues) {
  auto& G = m.goods;
  auto& P = m.plants;
  auto& S = m.slots;
  auto& R = m.routes;
  auto& init = m.init;
  const Index ng = G.size(), np = P.size(), ns = S.size(), nr = R.size(), no = m.n_origins();
  const SourceLoc model_loc{m.run.model_file.empty() ? m.run.scenario_file : m.run.model_file, 0, 0};

  // Capacity shares within each good: the state and plants split orders by capacity.
  std::vector<double> split(np, 0.0);
  for (Index g = 0; g < ng; ++g) {
    double total = 0.0;
    for (const Index* i = G.makers.row_begin(g); i != G.makers.row_end(g); ++i) total += P.capacity_ref[*i];
    for (const Index* i = G.makers.row_begin(g); i != G.makers.row_end(g); ++i) split[*i] = P.capacity_ref[*i] / total;
  }
  std::vector<double> depreciation(np, 0.0);  // tools/day per plant
  for (Index i = 0; i < np; ++i) {
    for (Index o = 0; o < no; ++o) depreciation[i] += m.origins.depreciation_per_day[o] * init.capital[static_cast<size_t>(i) * no + o];
  }

  // κ_g: share of import orders that arrive (not bounced, not seized), from route choice.
  std::vector<double> kappa(ng, 1.0);
  std::vector<double> accepted(nr, 0.0);
  std::vector<Index> scratch(nr, 0);
  const RouteParamsView rp = base_route_params(m);
  auto delivered_share = [&](Index g, double orders) {
    const double rejected = allocate_import_orders(m, g, orders, rp, accepted.data(), scratch.data());
    double arrive = 0.0;
    for (const Index* s = G.import_routes.row_begin(g); s != G.import_routes.row_end(g); ++s) {
      arrive += accepted[*s] * (1.0 - R.payment_failure[*s]) * (1.0 - R.interdiction[*s]);
    }
    return std::make_pair(orders > 0 ? arrive / orders : 0.0, rejected);
  };
  for (Index g = 0; g < ng; ++g) {
    if (G.import_routes.size(g) > 0) kappa[g] = delivered_share(g, 1e-9).first;
  }

  Eigen::VectorXd x = Eigen::VectorXd::Zero(ng);
  std::vector<double> order_factor(ng, 1.0);  // orders per unit needed: 1 / (d + (1−d)κ)
  std::vector<double> need(ng, 0.0);          // units/day plants use (inputs and tool replacement)
  bool converged = false;
  for (int iter = 0; iter < 200 && !converged; ++iter) {
    Eigen::MatrixXd A = Eigen::MatrixXd::Zero(ng, ng);
    Eigen::VectorXd b = Eigen::VectorXd::Zero(ng);
    for (Index g = 0; g < ng; ++g) {
      const double d = G.domestic_share[g];
      const double denom = d + (1.0 - d) * kappa[g];
      order_factor[g] = denom > 0 ? 1.0 / denom : 0.0;
      if (G.kind[g] == GoodKind::final_good) b[g] = scheduled_rate(m.demand.schedule[g], 0);
    }
    for (Index s = 0; s < ns; ++s) {
      const Index h = S.good[s];
      const Index i = S.plant[s];
      const double dom = G.domestic_share[h] * order_factor[h];
      if (S.kind[s] == SlotKind::input) A(h, P.good[i]) += dom * S.coefficient[s] * split[i];
      if (S.kind[s] == SlotKind::capital) b[h] += dom * depreciation[i];
    }
    if (iter == 0 && ng > 0) {
      const double radius = A.eigenvalues().cwiseAbs().maxCoeff();
      if (radius >= 1.0 - 1e-12) {
        issues.error(model_loc, "plants",
                     "the bill of materials has no steady state: the spectral radius of the domestic input "
                     "matrix A is " + fmt_num(radius) + " (it must be below 1)");
        return;
      }
    }
    const Eigen::MatrixXd I = Eigen::MatrixXd::Identity(ng, ng);
    const Eigen::VectorXd x_new = (I - A).partialPivLu().solve(b);
    // Import orders that follow from x, and the κ they imply through route choice.
    std::fill(need.begin(), need.end(), 0.0);
    for (Index s = 0; s < ns; ++s) {
      const Index i = S.plant[s];
      if (S.kind[s] == SlotKind::input) need[S.good[s]] += S.coefficient[s] * split[i] * x_new[P.good[i]];
      if (S.kind[s] == SlotKind::capital) need[S.good[s]] += depreciation[i];
    }
    double change = (x_new - x).cwiseAbs().maxCoeff();
    x = x_new;
    for (Index g = 0; g < ng; ++g) {
      if (G.import_routes.size(g) == 0 || need[g] <= 0) continue;
      const double imports = (1.0 - G.domestic_share[g]) * need[g] * order_factor[g];
      const auto [k, rejected] = delivered_share(g, imports);
      if (rejected > 1e-9 * imports) {
        issues.error(model_loc, "imports." + G.name[g],
                     "no steady state at the start: import routes for '" + G.name[g] + "' accept at most " +
                         fmt_num(imports - rejected) + " of the " + fmt_num(imports) +
                         " units/day needed; raise capacity_per_day or lower the start-date demand");
        return;
      }
      change = std::max(change, std::abs(k - kappa[g]));
      kappa[g] = k;
    }
    converged = change < 1e-13 * (1.0 + x.cwiseAbs().maxCoeff());
  }
  if (!converged) {
    issues.error(model_loc, "imports",
                 "the steady state did not converge: route choice and import needs keep changing each other");
    return;
  }

  // Plants: output, utilisation, workforce.
  init.output.assign(np, 0.0);
  init.experienced.assign(np, 0.0);
  init.trainees.assign(np, 0.0);
  P.headcount_per_effective.assign(np, 1.0);
  const auto& L = m.labour;
  for (Index i = 0; i < np; ++i) {
    const double xi = x[P.good[i]] * split[i];
    if (xi < -1e-9 * (1.0 + std::abs(x[P.good[i]]))) {
      issues.error(model_loc, "plants." + P.name[i], "the steady state needs negative output (" + fmt_num(xi) + ")");
      continue;
    }
    init.output[i] = std::max(0.0, xi);
    const double u = init.output[i] / P.capacity_ref[i];
    if (u > 1.0 + 1e-12) {
      issues.error(model_loc, "plants." + P.name[i] + ".capacity_per_day",
                   "the start-date demand needs " + fmt_num(init.output[i]) + " units/day from this plant, above its capacity of " +
                       fmt_num(P.capacity_ref[i]) + " (utilisation " + fmt_num(u) + ")");
      continue;
    }
    if (P.target_utilisation[i] <= 0.0) P.target_utilisation[i] = u > 0.0 ? u : 1.0;
    const double workers = P.labour_ref[i];
    const double e = workers / (1.0 + L.quit_rate * L.training_days);
    init.experienced[i] = e;
    init.trainees[i] = workers - e;
    const double effective = e + P.trainee_productivity[i] * (workers - e);
    P.labour_ref[i] = effective;
    P.headcount_per_effective[i] = workers / effective;
  }
  for (Index r = 0; r < m.regions.size(); ++r) {
    double employed = 0.0;
    for (const Index* i = m.regions.plants.row_begin(r); i != m.regions.plants.row_end(r); ++i) {
      employed += init.experienced[*i] + init.trainees[*i];
    }
    const double daily_quits = L.quit_rate * employed;
    if (m.regions.available_workers[r] < daily_quits) {
      issues.error(model_loc, "regions." + m.regions.name[r] + ".available_workers",
                   "must be at least the region's daily quits (" + fmt_num(daily_quits) +
                       " workers) so that plants can replace them in the steady state");
    }
    if (m.regions.labour_force[r] < employed + m.regions.available_workers[r]) {
      issues.error(model_loc, "regions." + m.regions.name[r] + ".labour_force",
                   "labour force " + fmt_num(m.regions.labour_force[r]) + " is below plant workers " + fmt_num(employed) +
                       " plus available workers " + fmt_num(m.regions.available_workers[r]));
    }
  }
  if (!issues.empty()) return;

  // Routes: steady accepted orders and shipments.
  init.route_shipped_rate.assign(nr, 0.0);
  std::vector<double> orders_total(ng, 0.0), outstanding_total(ng, 0.0);
  for (Index g = 0; g < ng; ++g) {
    orders_total[g] = need[g] * order_factor[g];
    if (G.import_routes.size(g) > 0 && orders_total[g] > 0) {
      allocate_import_orders(m, g, (1.0 - G.domestic_share[g]) * orders_total[g], rp, accepted.data(), scratch.data());
      for (const Index* s = G.import_routes.row_begin(g); s != G.import_routes.row_end(g); ++s) {
        init.route_shipped_rate[*s] = accepted[*s] * (1.0 - R.payment_failure[*s]);
        outstanding_total[g] += init.route_shipped_rate[*s] * transit_days(R.lead_time_days[*s]);
      }
    }
    if (G.domestic_route[g] != kNone) {
      double made = 0.0;
      for (const Index* i = G.makers.row_begin(g); i != G.makers.row_end(g); ++i) {
        made += init.output[*i];
        outstanding_total[g] += P.order_book_days[*i] * init.output[*i];  // backlog + booked tomorrow
      }
      const Index s = G.domestic_route[g];
      init.route_shipped_rate[s] = made;
      outstanding_total[g] += made * transit_days(R.lead_time_days[s]);
    }
  }

  // Days of use on order when a good has no steady flow: the structural lead time.
  auto structural_cover = [&](Index g) {
    if (orders_total[g] > 0) return outstanding_total[g] / orders_total[g];
    double dom = 0.0;
    if (G.domestic_route[g] != kNone) {
      double book = 0.0;
      Index n = 0;
      for (const Index* i = G.makers.row_begin(g); i != G.makers.row_end(g); ++i, ++n) book += P.order_book_days[*i];
      dom = (n > 0 ? book / n : 0.0) + transit_days(R.lead_time_days[G.domestic_route[g]]);
    }
    double imp = 0.0, wsum = 0.0;
    for (const Index* s = G.import_routes.row_begin(g); s != G.import_routes.row_end(g); ++s) {
      imp += R.weight[*s] * transit_days(R.lead_time_days[*s]);
      wsum += R.weight[*s];
    }
    if (wsum > 0) imp /= wsum;
    const double d = G.domestic_share[g];
    return d * dom + (1.0 - d) * imp;
  };

  init.slot_stock.assign(ns, 0.0);
  init.slot_outstanding.assign(ns, 0.0);
  init.slot_order_rate.assign(ns, 0.0);
  S.cover_days.assign(ns, 0.0);
  S.position_days.assign(ns, 0.0);
  S.steady_fill.assign(ns, 1.0);
  for (Index s = 0; s < ns; ++s) {
    const Index g = S.good[s];
    const Index i = S.plant[s];
    double use = 0.0, tau = P.inventory_tau_days[i];
    if (S.kind[s] == SlotKind::input) use = S.coefficient[s] * init.output[i];
    if (S.kind[s] == SlotKind::capital) {
      use = depreciation[i];
      tau = P.capital_tau_days[i];
    }
    const double order = use * order_factor[g];
    init.slot_order_rate[s] = order;
    if (S.kind[s] == SlotKind::input) init.slot_stock[s] = S.target_days[s] * use;
    if (order > 0 && orders_total[g] > 0) {
      init.slot_outstanding[s] = outstanding_total[g] * order / orders_total[g];
      S.cover_days[s] = (init.slot_outstanding[s] + tau * (order - use)) / use;
      S.position_days[s] = (init.slot_stock[s] + init.slot_outstanding[s]) / use;
      S.steady_fill[s] = use / order;
    } else {
      S.cover_days[s] = structural_cover(g);
      S.position_days[s] = S.target_days[s] + S.cover_days[s];
    }
  }
}

}  // namespace defsim
