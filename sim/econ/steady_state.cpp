#include "econ/steady_state.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
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

// Steady import flows of one good for `orders` new import orders per day: route choice at
// the markups its own utilisation implies, and bounced orders re-placed (if the good
// retries) until what is accepted, less what bounces, equals the new orders.
struct ImportFlows {
  double arriving_share = 1.0;  // κ: units delivered per unit of new import orders
  double rejected = 0.0;        // units/day no route accepts
};

class ImportSolver {
 public:
  explicit ImportSolver(const Model& m)
      : m_(m),
        accepted_(m.routes.size(), 0.0),
        markup_(m.routes.markup),
        scratch_(m.routes.size(), 0) {}

  ImportFlows solve(Index g, double orders) {
    const auto& R = m_.routes;
    const auto& G = m_.goods;
    const bool retry = G.payment_retry_days[g] > 0.0;
    const RouteParamsView view{R.capacity.data(), markup_.data(), R.lead_time_days.data(), R.interdiction.data(),
                               R.payment_failure.data(), R.weight.data()};
    ImportFlows out;
    double offered = orders;
    for (int iter = 0; iter < 500; ++iter) {
      out.rejected = allocate_import_orders(m_, g, offered, view, accepted_.data(), scratch_.data());
      double failed = 0.0, change = 0.0;
      // Steep markup slopes make the plain iteration cycle (a full route gets dear, loses
      // its share, gets cheap again); after 50 iterations the markup moves only part of
      // the way, less and less, so that it settles on the fixed point.
      const double damping = 1.0 / static_cast<double>(1 + iter / 50);
      for (const Index* s = G.import_routes.row_begin(g); s != G.import_routes.row_end(g); ++s) {
        failed += accepted_[*s] * R.payment_failure[*s];
        const double u = R.capacity[*s] > 0.0 ? accepted_[*s] / R.capacity[*s] : 0.0;
        const double mk = markup_at(R.markup[*s], R.markup_slope[*s], R.markup_exponent[*s], u);
        change = std::max(change, std::abs(mk - markup_[*s]));
        markup_[*s] = iter < 50 ? mk : markup_[*s] + damping * (mk - markup_[*s]);
      }
      const double next = retry ? orders + failed : orders;
      change = std::max(change, std::abs(next - offered) / (1.0 + orders));
      offered = next;
      if (change < 1e-15) break;
    }
    double arrive = 0.0;
    for (const Index* s = G.import_routes.row_begin(g); s != G.import_routes.row_end(g); ++s) {
      arrive += accepted_[*s] * (1.0 - R.payment_failure[*s]) * (1.0 - R.interdiction[*s]);
    }
    out.arriving_share = orders > 0.0 ? arrive / orders : 0.0;
    return out;
  }

  double accepted(Index s) const { return accepted_[s]; }
  double markup(Index s) const { return markup_[s]; }

 private:
  const Model& m_;
  std::vector<double> accepted_;
  std::vector<double> markup_;
  std::vector<Index> scratch_;
};

// Goods ordered so that each comes after every good whose plants use it as a domestically
// supplied input (consumers first). Shorter than the goods when those inputs form a cycle.
std::vector<Index> consumers_first_order(const Model& m) {
  const auto& G = m.goods;
  const auto& S = m.slots;
  const Index ng = G.size();
  // Edge consumer good -> input good, for inputs with a domestic share.
  std::vector<std::vector<Index>> uses(ng);
  std::vector<Index> users(ng, 0);
  for (Index s = 0; s < S.size(); ++s) {
    const Index h = S.good[s];
    if (S.kind[s] != SlotKind::input || G.domestic_share[h] <= 0.0) continue;
    uses[m.plants.good[S.plant[s]]].push_back(h);
    ++users[h];
  }
  std::vector<Index> order;
  order.reserve(ng);
  for (Index g = 0; g < ng; ++g) {
    if (users[g] == 0) order.push_back(g);
  }
  for (size_t k = 0; k < order.size(); ++k) {
    for (const Index h : uses[order[k]]) {
      if (--users[h] == 0) order.push_back(h);
    }
  }
  return order;
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
  const auto& L = m.labour;

  // Capacity shares within each good: the state and plants split orders by capacity.
  std::vector<double> split(np, 0.0);
  for (Index g = 0; g < ng; ++g) {
    double total = 0.0;
    for (const Index* i = G.makers.row_begin(g); i != G.makers.row_end(g); ++i) total += P.capacity_ref[*i];
    for (const Index* i = G.makers.row_begin(g); i != G.makers.row_end(g); ++i) split[*i] = P.capacity_ref[*i] / total;
  }
  // Needs that do not scale with output: tool replacement and spare parts.
  std::vector<double> slot_fixed_use(ns, 0.0);
  for (Index s = 0; s < ns; ++s) {
    const size_t row = static_cast<size_t>(S.plant[s]) * no;
    if (S.kind[s] == SlotKind::capital) {
      for (Index o = 0; o < no; ++o) slot_fixed_use[s] += m.origins.depreciation_per_day[o] * init.capital[row + o];
    } else if (S.kind[s] == SlotKind::parts) {
      slot_fixed_use[s] = S.coefficient[s] * init.capital[row + S.origin[s]];
    }
  }

  ImportSolver imports(m);
  std::vector<double> kappa(ng, 1.0);
  for (Index g = 0; g < ng; ++g) {
    if (G.import_routes.size(g) > 0) kappa[g] = imports.solve(g, 1e-9).arriving_share;
  }

  Eigen::VectorXd x = Eigen::VectorXd::Zero(ng);
  std::vector<double> order_factor(ng, 1.0);  // orders per unit needed: 1 / (d + (1−d)κ)
  std::vector<double> need(ng, 0.0);          // units/day plants use (inputs, tools, parts)
  // An acyclic bill of materials (every generated model, and most written ones) is solved
  // good by good, consumers first, in O(slots); a cyclic one needs the dense system.
  const std::vector<Index> solve_order = consumers_first_order(m);
  const bool acyclic = static_cast<Index>(solve_order.size()) == ng;
  bool converged = false;
  for (int iter = 0; iter < 200 && !converged; ++iter) {
    Eigen::VectorXd b = Eigen::VectorXd::Zero(ng);
    std::vector<double> dom(ng, 0.0);
    for (Index g = 0; g < ng; ++g) {
      const double d = G.domestic_share[g];
      const double denom = d + (1.0 - d) * kappa[g];
      order_factor[g] = denom > 0 ? 1.0 / denom : 0.0;
      dom[g] = G.domestic_share[g] * order_factor[g];
      if (G.kind[g] == GoodKind::final_good) b[g] = scheduled_rate(m.demand.schedule[g], 0);
    }
    for (Index s = 0; s < ns; ++s) b[S.good[s]] += dom[S.good[s]] * slot_fixed_use[s];
    Eigen::VectorXd x_new = Eigen::VectorXd::Zero(ng);
    if (acyclic) {
      // x_h = b_h + d_h·f_h·Σ_slots a·split_i·x_good(i): every user of h is final already.
      for (const Index h : solve_order) {
        double used = 0.0;
        for (const Index* k = G.customer_slots.row_begin(h); k != G.customer_slots.row_end(h); ++k) {
          if (S.kind[*k] != SlotKind::input) continue;
          const Index i = S.plant[*k];
          used += S.coefficient[*k] * split[i] * x_new[P.good[i]];
        }
        x_new[h] = b[h] + dom[h] * used;
      }
    } else {
      Eigen::MatrixXd A = Eigen::MatrixXd::Zero(ng, ng);
      for (Index s = 0; s < ns; ++s) {
        const Index i = S.plant[s];
        if (S.kind[s] == SlotKind::input) A(S.good[s], P.good[i]) += dom[S.good[s]] * S.coefficient[s] * split[i];
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
      x_new = (I - A).partialPivLu().solve(b);
    }
    std::fill(need.begin(), need.end(), 0.0);
    for (Index s = 0; s < ns; ++s) {
      const Index i = S.plant[s];
      if (S.kind[s] == SlotKind::input) need[S.good[s]] += S.coefficient[s] * split[i] * x_new[P.good[i]];
      need[S.good[s]] += slot_fixed_use[s];
    }
    double change = (x_new - x).cwiseAbs().maxCoeff();
    x = x_new;
    for (Index g = 0; g < ng; ++g) {
      if (G.import_routes.size(g) == 0 || need[g] <= 0) continue;
      const double new_imports = (1.0 - G.domestic_share[g]) * need[g] * order_factor[g];
      const ImportFlows flows = imports.solve(g, new_imports);
      if (flows.rejected > 1e-9 * new_imports) {
        issues.error(model_loc, "imports." + G.name[g],
                     "no steady state at the start: import routes for '" + G.name[g] + "' cannot carry the " +
                         fmt_num(new_imports) + " units/day needed (" + fmt_num(flows.rejected) +
                         " rejected); raise capacity_per_day or lower the start-date demand");
        return;
      }
      change = std::max(change, std::abs(flows.arriving_share - kappa[g]));
      kappa[g] = flows.arriving_share;
    }
    converged = change < 1e-13 * (1.0 + x.cwiseAbs().maxCoeff());
  }
  if (!converged) {
    issues.error(model_loc, "imports",
                 "the steady state did not converge: route choice and import needs keep changing each other");
    return;
  }

  // Plants: output, utilisation, wages, quits and the workforce that replaces them.
  init.output.assign(np, 0.0);
  init.experienced.assign(np, 0.0);
  init.trainees.assign(np, 0.0);
  P.headcount_per_effective.assign(np, 1.0);
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
    const double q = quit_rate(L, m.regions.civilian_wage[P.region[i]], P.wage_ref[i]);
    const double workers = P.labour_ref[i];
    const double e = workers / (1.0 + q * L.training_days);
    init.experienced[i] = e;
    init.trainees[i] = workers - e;
    const double effective = e + P.trainee_productivity[i] * (workers - e);
    P.labour_ref[i] = effective;
    P.headcount_per_effective[i] = workers / effective;
  }
  auto& Rg = m.regions;
  Rg.matching_efficiency.assign(Rg.size(), 1.0);
  Rg.defense_wage_ref.assign(Rg.size(), 1.0);
  for (Index r = 0; r < Rg.size(); ++r) {
    double employed = 0.0, quits = 0.0, wage_bill = 0.0;
    for (const Index* i = Rg.plants.row_begin(r); i != Rg.plants.row_end(r); ++i) {
      const double w = init.experienced[*i] + init.trainees[*i];
      employed += w;
      wage_bill += w * P.wage_ref[*i];
      quits += w * quit_rate(L, Rg.civilian_wage[r], P.wage_ref[*i]);
    }
    if (employed > 0) Rg.defense_wage_ref[r] = wage_bill / employed;
    const double available = Rg.available_workers[r];
    if (available < quits) {
      issues.error(model_loc, "regions." + Rg.name[r] + ".available_workers",
                   "must be at least the region's daily quits (" + fmt_num(quits) +
                       " workers) so that plants can replace them in the steady state");
    } else if (quits > 0) {
      // μ such that μ·U^η·V^(1−η) = V: matches replace exactly the quits.
      Rg.matching_efficiency[r] = std::pow(quits / available, L.matching_elasticity);
    }
    if (Rg.labour_force[r] < employed + available) {
      issues.error(model_loc, "regions." + Rg.name[r] + ".labour_force",
                   "labour force " + fmt_num(Rg.labour_force[r]) + " is below plant workers " + fmt_num(employed) +
                       " plus available workers " + fmt_num(available));
    }
  }
  if (!issues.empty()) return;

  // Routes: steady shipments, utilisation and the prices paid.
  init.route_shipped_rate.assign(nr, 0.0);
  init.route_utilisation.assign(nr, 0.0);
  init.retry_pool.assign(ng, 0.0);
  init.price_index = G.unit_value_usd;
  std::vector<double> orders_total(ng, 0.0), outstanding_total(ng, 0.0);
  std::vector<double> arrivals_by_route(nr, 0.0);
  for (Index g = 0; g < ng; ++g) {
    orders_total[g] = need[g] * order_factor[g];
    double spend = 0.0, units = 0.0;
    if (G.import_routes.size(g) > 0 && orders_total[g] > 0) {
      imports.solve(g, (1.0 - G.domestic_share[g]) * orders_total[g]);
      double failed = 0.0;
      for (const Index* s = G.import_routes.row_begin(g); s != G.import_routes.row_end(g); ++s) {
        const double accepted = imports.accepted(*s);
        init.route_shipped_rate[*s] = accepted * (1.0 - R.payment_failure[*s]);
        init.route_utilisation[*s] = R.capacity[*s] > 0.0 ? accepted / R.capacity[*s] : 0.0;
        outstanding_total[g] += init.route_shipped_rate[*s] * transit_days(R.lead_time_days[*s]);
        arrivals_by_route[*s] = init.route_shipped_rate[*s] * (1.0 - R.interdiction[*s]);
        failed += accepted * R.payment_failure[*s];
        spend += init.route_shipped_rate[*s] * G.unit_value_usd[g] * (1.0 + imports.markup(*s));
        units += init.route_shipped_rate[*s];
      }
      if (G.payment_retry_days[g] > 0.0) {
        init.retry_pool[g] = failed * G.payment_retry_days[g];
        outstanding_total[g] += init.retry_pool[g];
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
      arrivals_by_route[s] = made;
      outstanding_total[g] += made * transit_days(R.lead_time_days[s]);
      spend += made * G.unit_value_usd[g];
      units += made;
    }
    if (units > 0) init.price_index[g] = spend / units;
  }

  // Tools being installed: each plant's replacement deliveries, by the origin mix of arrivals.
  init.installing.assign(static_cast<size_t>(np) * no, 0.0);
  std::vector<double> installing_total(np, 0.0);
  for (Index s = 0; s < ns; ++s) {
    if (S.kind[s] != SlotKind::capital) continue;
    const Index g = S.good[s];
    double arriving = 0.0;
    for (const Index* r = G.routes.row_begin(g); r != G.routes.row_end(g); ++r) arriving += arrivals_by_route[*r];
    if (arriving <= 0.0) continue;
    const size_t row = static_cast<size_t>(S.plant[s]) * no;
    for (const Index* r = G.routes.row_begin(g); r != G.routes.row_end(g); ++r) {
      // Phase 9 installs 1/τ of the queue after today's arrivals joined it, so the
      // morning queue holds τ − 1 days of deliveries.
      const double tools = slot_fixed_use[s] * arrivals_by_route[*r] / arriving * (m.capital.installation_days - 1.0);
      init.installing[row + R.origin[*r]] += tools;
      installing_total[S.plant[s]] += tools;
    }
  }

  // Days of use on order when a good has no steady flow: the structural lead time. Computed
  // once per good: substitute slots (no steady flow) of a good with many makers would
  // otherwise cost slots × makers.
  std::vector<double> cover_of_good(ng, std::numeric_limits<double>::quiet_NaN());
  auto structural_cover_of = [&](Index g) {
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
  auto structural_cover = [&](Index g) {
    if (std::isnan(cover_of_good[g])) cover_of_good[g] = structural_cover_of(g);
    return cover_of_good[g];
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
    const bool is_capital = S.kind[s] == SlotKind::capital;
    const double use = S.kind[s] == SlotKind::input ? S.coefficient[s] * init.output[i] : slot_fixed_use[s];
    const double tau = is_capital ? P.capital_tau_days[i] : P.inventory_tau_days[i];
    const double order = use * order_factor[g];
    init.slot_order_rate[s] = order;
    if (!is_capital) init.slot_stock[s] = S.target_days[s] * use;
    if (order > 0 && orders_total[g] > 0) {
      init.slot_outstanding[s] = outstanding_total[g] * order / orders_total[g];
      // Tools on order and tools being installed both count toward the capital position.
      const double held_in_transit = init.slot_outstanding[s] + (is_capital ? installing_total[i] : 0.0);
      S.cover_days[s] = (held_in_transit + tau * (order - use)) / use;
      S.position_days[s] = (init.slot_stock[s] + init.slot_outstanding[s]) / use;
      S.steady_fill[s] = use / order;
    } else {
      S.cover_days[s] = structural_cover(g) + (is_capital ? m.capital.installation_days : 0.0);
      S.position_days[s] = S.target_days[s] + S.cover_days[s];
    }
  }
}

}  // namespace defsim
