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

#include "core/power.hpp"
#include "econ/phases.hpp"
#include "econ/steady_state.hpp"

namespace defsim {

// The region's sums run over its plants in row order (keyed_sums by region), so the
// markets of all regions advance in a few passes over the plant table, parallel inside.
void labour_market(const Model& m, State& s, const Exec& exec) {
  const auto& L = m.labour;
  const auto& P = m.plants;
  auto& ps = s.plants;
  auto& rg = s.regions;
  const Index np = P.size(), nreg = m.regions.size();
  // Scratch (regions x 8): sums [0, 3R), draft share [3R, 4R), wage index [4R, 5R),
  // matches and attraction [5R, 7R).
  double* sums = s.scratch.by_region.data();
  auto& partial = s.scratch.partial;
  auto region_of = [&](Index i) { return P.region[i]; };

  // Mobilisation: the mobilised stock follows its target share of the eligible pool,
  // drafting from available workers and non-exempt plant workers in proportion, or
  // releasing demobilised soldiers into the available pool. `take` per region, then plants.
  const double exempt = L.exempt_share;
  bool drafting = false;
  for (Index r = 0; r < nreg; ++r) drafting |= rg.mobilised_share[r] != 0.0 || rg.mobilised[r] != 0.0;
  double* take = s.scratch.by_region.data() + 3 * static_cast<size_t>(nreg);  // share drafted today
  std::fill(take, take + nreg, 0.0);
  if (drafting) {
    keyed_sums<1>(
        exec, np, nreg, region_of, [&](Index i, double* acc) { acc[0] += ps.experienced[i] + ps.trainees[i]; }, sums,
        partial);
    for (Index r = 0; r < nreg; ++r) {
      const double eligible = rg.available[r] + (1.0 - exempt) * sums[r];
      const double target = rg.mobilised_share[r] * (eligible + rg.mobilised[r]);
      const double draft = target - rg.mobilised[r];
      if (draft > 0.0 && eligible > 0.0) {
        take[r] = std::min(1.0, draft / eligible);
        rg.available[r] -= take[r] * rg.available[r];
        rg.mobilised[r] += take[r] * eligible;
      } else if (draft < 0.0) {
        rg.available[r] -= draft;  // demobilised soldiers return to the available pool
        rg.mobilised[r] += draft;
      }
    }
  }
  for (Index r = 0; r < nreg; ++r) {
    // Flows in and out of the region's pool.
    const double emigrants = rg.emigration[r] * rg.available[r];
    rg.available[r] += rg.inflow[r] - emigrants;
    rg.pool[r] += rg.inflow[r] - emigrants;
  }

  // Civilian wages follow the region's defense wages (after today's draft).
  keyed_sums<2>(
      exec, np, nreg, region_of,
      [&](Index i, double* acc) {
        const double t_r = take[P.region[i]];
        ps.drafted[i] = 0.0;
        if (t_r > 0.0) {
          const double e = t_r * (1.0 - exempt) * ps.experienced[i];
          const double t = t_r * (1.0 - exempt) * ps.trainees[i];
          ps.experienced[i] -= e;
          ps.trainees[i] -= t;
          ps.drafted[i] = e + t;
        }
        const double w = ps.experienced[i] + ps.trainees[i];
        acc[0] += w;
        acc[1] += w * ps.wage[i];
      },
      sums, partial);
  double* wage_index = s.scratch.by_region.data() + 4 * static_cast<size_t>(nreg);
  for (Index r = 0; r < nreg; ++r) {
    const double employed = sums[2 * r], wage_bill = sums[2 * r + 1];
    const double mean_wage = employed > 0.0 ? wage_bill / employed : m.regions.defense_wage_ref[r];
    wage_index[r] = mean_wage / m.regions.defense_wage_ref[r];
    rg.civilian_wage[r] = m.regions.civilian_wage[r] * (1.0 + L.civilian_spillover * (wage_index[r] - 1.0));
  }

  // Quits, vacancies and layoffs; the region's vacancies and their pull on the unemployed.
  // Relative wage changes since the start steer hires; start differences reflect what the
  // model does not see (location, amenities), so they are neutral here.
  auto pull = [&](Index i) {
    const double relative = (ps.wage[i] / P.wage_ref[i]) / wage_index[P.region[i]];
    return ps.vacancies[i] * power(relative, L.hiring_wage_elasticity);
  };
  keyed_sums<2>(
      exec, np, nreg, region_of,
      [&](Index i, double* acc) {
        const double workforce = ps.experienced[i] + ps.trainees[i];
        const double gap = ps.desired_workforce[i] - workforce;
        ps.quits[i] = quit_rate(L, rg.civilian_wage[P.region[i]], ps.wage[i]) * workforce;
        ps.vacancies[i] = ps.quits[i] + L.hire_rate * std::max(0.0, gap);
        ps.layoffs[i] = L.fire_rate * std::max(0.0, -gap);
        acc[0] += ps.vacancies[i];
        acc[1] += pull(i);
      },
      sums, partial);
  double* matches = s.scratch.by_region.data() + 5 * static_cast<size_t>(nreg);  // matches, attraction
  const double eta = L.matching_elasticity;
  for (Index r = 0; r < nreg; ++r) {
    const double vacancies = sums[2 * r];
    const double U = rg.available[r];
    const double matching = m.regions.matching_efficiency[r] * power(U, eta) * power(vacancies, 1.0 - eta);
    matches[2 * r] = vacancies > 0.0 ? std::min({U, vacancies, matching}) : 0.0;
    matches[2 * r + 1] = sums[2 * r + 1];
  }

  // Hires, graduations, quits and layoffs; wages and hours.
  keyed_sums<3>(
      exec, np, nreg, region_of,
      [&](Index i, double* acc) {
        const Index r = P.region[i];
        const double attraction = matches[2 * r + 1];
        const double e = ps.experienced[i];
        const double t = ps.trainees[i];
        const double workforce = e + t;
        ps.hires[i] = attraction > 0.0 ? std::min(ps.vacancies[i], matches[2 * r] * pull(i) / attraction) : 0.0;
        ps.unfilled[i] = ps.vacancies[i] - ps.hires[i];
        acc[0] += ps.hires[i];
        const double graduates = t / L.training_days;
        const double quit_share = workforce > 0.0 ? ps.quits[i] / workforce : 0.0;
        const double layoff_e = workforce > 0.0 ? ps.layoffs[i] * e / workforce : 0.0;
        const double layoff_t = ps.layoffs[i] - layoff_e;
        ps.experienced[i] = e + graduates - quit_share * e - layoff_e;
        ps.trainees[i] = t + ps.hires[i] - graduates - quit_share * t - layoff_t;
        acc[1] += ps.quits[i] + ps.layoffs[i];
        acc[2] += ps.experienced[i] + ps.trainees[i];

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
      },
      sums, partial);
  for (Index r = 0; r < nreg; ++r) {
    rg.matches[r] = sums[3 * r];
    rg.available[r] += sums[3 * r + 1] - sums[3 * r];
    rg.employed[r] = sums[3 * r + 2];
  }
}

}  // namespace defsim
