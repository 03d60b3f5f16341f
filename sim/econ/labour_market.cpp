// Phase 4: labour market per region (model spec §4).
// Reads: desired workforce, workforce, wages, hours, the region's pool, civilian wage,
// mobilisation, emigration and inflow parameters, labour params.
// Writes: plants.experienced/trainees/vacancies/hires/quits/layoffs/unfilled/drafted/wage/
// hours; regions.available/employed/mobilised/civilian_wage/matches/pool.
//   mobilisation: the mobilised stock follows share × (available + non-exempt workers + mobilised)
//   quits:     q_i = q0·exp(κ (w^c − w_i)/w_i)
//   vacancies: V_i = q_i·W_i + γ_H·max(0, N*_i − W_i);  layoffs γ_F·max(0, W_i − N*_i)
//   matches:   M = min(U, ΣV, μ U^η (ΣV)^(1−η)), shared by V_i·(relative wage change)^ε
//   wages:     w_i ← min(w_i0 (1 + cap), w_i (1 + ψ·unfilled_i / W_i))
//   hours:     toward H_max while vacancies stay unfilled, back toward H_0 otherwise
//   civilian:  w^c = w^c_0 (1 + χ (w̄/w̄_0 − 1))
#include <algorithm>
#include <cmath>

#include "econ/phases.hpp"
#include "econ/steady_state.hpp"

namespace defsim {
namespace {

// Moves the region's mobilised stock toward its target share of the eligible pool,
// drafting from available workers and non-exempt plant workers in proportion, or
// releasing demobilised soldiers into the available pool.
void mobilise(const Model& m, State& s, Index r) {
  auto& ps = s.plants;
  auto& rg = s.regions;
  const double exempt = m.labour.exempt_share;
  const Index* first = m.regions.plants.row_begin(r);
  const Index* last = m.regions.plants.row_end(r);
  double employed = 0.0;
  for (const Index* it = first; it != last; ++it) employed += ps.experienced[*it] + ps.trainees[*it];
  const double eligible = rg.available[r] + (1.0 - exempt) * employed;
  const double target = rg.mobilised_share[r] * (eligible + rg.mobilised[r]);
  const double draft = target - rg.mobilised[r];
  for (const Index* it = first; it != last; ++it) ps.drafted[*it] = 0.0;
  if (draft > 0.0 && eligible > 0.0) {
    const double take = std::min(1.0, draft / eligible);
    rg.available[r] -= take * rg.available[r];
    for (const Index* it = first; it != last; ++it) {
      const Index i = *it;
      const double e = take * (1.0 - exempt) * ps.experienced[i];
      const double t = take * (1.0 - exempt) * ps.trainees[i];
      ps.experienced[i] -= e;
      ps.trainees[i] -= t;
      ps.drafted[i] = e + t;
    }
    rg.mobilised[r] += take * eligible;
  } else if (draft < 0.0) {
    rg.available[r] -= draft;  // demobilised soldiers return to the available pool
    rg.mobilised[r] += draft;
  }
}

}  // namespace

void labour_market(const Model& m, State& s, const Exec& exec) {
  const auto& L = m.labour;
  const auto& P = m.plants;
  auto& ps = s.plants;
  auto& rg = s.regions;
  for_rows(exec, m.regions.size(), [&](Index r) {
    const Index* first = m.regions.plants.row_begin(r);
    const Index* last = m.regions.plants.row_end(r);

    // Flows in and out of the region's pool.
    mobilise(m, s, r);
    const double emigrants = rg.emigration[r] * rg.available[r];
    rg.available[r] += rg.inflow[r] - emigrants;
    rg.pool[r] += rg.inflow[r] - emigrants;

    // Civilian wages follow the region's defense wages.
    double employed = 0.0, wage_bill = 0.0;
    for (const Index* it = first; it != last; ++it) {
      const double w = ps.experienced[*it] + ps.trainees[*it];
      employed += w;
      wage_bill += w * ps.wage[*it];
    }
    const double mean_wage = employed > 0.0 ? wage_bill / employed : m.regions.defense_wage_ref[r];
    const double wage_index = mean_wage / m.regions.defense_wage_ref[r];
    rg.civilian_wage[r] = m.regions.civilian_wage[r] * (1.0 + L.civilian_spillover * (wage_index - 1.0));

    double vacancies = 0.0, attraction = 0.0;
    for (const Index* it = first; it != last; ++it) {
      const Index i = *it;
      const double workforce = ps.experienced[i] + ps.trainees[i];
      const double gap = ps.desired_workforce[i] - workforce;
      ps.quits[i] = quit_rate(L, rg.civilian_wage[r], ps.wage[i]) * workforce;
      ps.vacancies[i] = ps.quits[i] + L.hire_rate * std::max(0.0, gap);
      ps.layoffs[i] = L.fire_rate * std::max(0.0, -gap);
      vacancies += ps.vacancies[i];
    }
    // Relative wage changes since the start steer hires; start differences reflect what
    // the model does not see (location, amenities), so they are neutral here.
    auto pull = [&](Index i) {
      const double relative = (ps.wage[i] / P.wage_ref[i]) / wage_index;
      return ps.vacancies[i] * std::pow(relative, L.hiring_wage_elasticity);
    };
    for (const Index* it = first; it != last; ++it) attraction += pull(*it);
    const double U = rg.available[r];
    const double eta = L.matching_elasticity;
    const double matching = m.regions.matching_efficiency[r] * std::pow(U, eta) * std::pow(vacancies, 1.0 - eta);
    const double matches = vacancies > 0.0 ? std::min({U, vacancies, matching}) : 0.0;

    double hired = 0.0, returned = 0.0;
    employed = 0.0;
    for (const Index* it = first; it != last; ++it) {
      const Index i = *it;
      const double e = ps.experienced[i];
      const double t = ps.trainees[i];
      const double workforce = e + t;
      ps.hires[i] = attraction > 0.0 ? std::min(ps.vacancies[i], matches * pull(i) / attraction) : 0.0;
      ps.unfilled[i] = ps.vacancies[i] - ps.hires[i];
      hired += ps.hires[i];
      const double graduates = t / L.training_days;
      const double quit_share = workforce > 0.0 ? ps.quits[i] / workforce : 0.0;
      const double layoff_e = workforce > 0.0 ? ps.layoffs[i] * e / workforce : 0.0;
      const double layoff_t = ps.layoffs[i] - layoff_e;
      ps.experienced[i] = e + graduates - quit_share * e - layoff_e;
      ps.trainees[i] = t + ps.hires[i] - graduates - quit_share * t - layoff_t;
      returned += ps.quits[i] + ps.layoffs[i];
      employed += ps.experienced[i] + ps.trainees[i];

      // Vacancies that stay unfilled push wages up (never down: wages are sticky) and hours
      // toward the legal maximum. In the steady state matches fill every vacancy, so only a
      // shortfall beyond replacing quits leaves any unfilled.
      const bool short_staffed = ps.unfilled[i] > 1e-9 * (1.0 + workforce);
      if (short_staffed && workforce > 0.0) {
        const double cap = P.wage_ref[i] * (1.0 + L.wage_cap);
        ps.wage[i] = std::min(cap, ps.wage[i] * (1.0 + L.wage_adjustment * ps.unfilled[i] / workforce));
      }
      const double hours_goal = short_staffed ? L.hours_max : L.hours_normal;
      ps.hours[i] += (hours_goal - ps.hours[i]) / L.hours_adjustment_days;
    }
    rg.matches[r] = hired;
    rg.available[r] += returned - hired;
    rg.employed[r] = employed;
  });
}

}  // namespace defsim
