// Phase 4: labour market per region (model spec §4, foundation version).
// Reads: desired workforce, workforce, regional pool of available workers, labour params.
// Writes: vacancies, hires, quits, layoffs, experienced, trainees, regions.available and
// regions.employed.
// Foundation rules: quits at q0; vacancies replace quits and close γ_H of a shortfall;
// layoffs remove γ_F of an excess; hires come from the region's available workers,
// rationed in proportion to vacancies; trainees graduate after τ_train on average.
// (Matching function, wages and hours arrive with the labour issue.)
#include <algorithm>

#include "econ/phases.hpp"

namespace defsim {

void labour_market(const Model& m, State& s, const Exec& exec) {
  const auto& L = m.labour;
  auto& ps = s.plants;
  for_rows(exec, m.regions.size(), [&](Index r) {
    const Index* first = m.regions.plants.row_begin(r);
    const Index* last = m.regions.plants.row_end(r);
    double vacancies = 0.0;
    for (const Index* it = first; it != last; ++it) {
      const Index i = *it;
      const double workforce = ps.experienced[i] + ps.trainees[i];
      const double gap = ps.desired_workforce[i] - workforce;
      ps.quits[i] = L.quit_rate * workforce;
      ps.vacancies[i] = ps.quits[i] + L.hire_rate * std::max(0.0, gap);
      ps.layoffs[i] = L.fire_rate * std::max(0.0, -gap);
      vacancies += ps.vacancies[i];
    }
    const double hires = std::min(s.regions.available[r], vacancies);
    double employed = 0.0;
    double returned = 0.0;
    for (const Index* it = first; it != last; ++it) {
      const Index i = *it;
      const double e = ps.experienced[i];
      const double t = ps.trainees[i];
      const double workforce = e + t;
      ps.hires[i] = vacancies > 0.0 ? hires * ps.vacancies[i] / vacancies : 0.0;
      const double graduates = t / L.training_days;
      const double layoff_e = workforce > 0.0 ? ps.layoffs[i] * e / workforce : 0.0;
      const double layoff_t = ps.layoffs[i] - layoff_e;
      ps.experienced[i] = e + graduates - L.quit_rate * e - layoff_e;
      ps.trainees[i] = t + ps.hires[i] - graduates - L.quit_rate * t - layoff_t;
      returned += ps.quits[i] + ps.layoffs[i];
      employed += ps.experienced[i] + ps.trainees[i];
    }
    s.regions.available[r] += returned - hires;
    s.regions.employed[r] = employed;
  });
}

}  // namespace defsim
