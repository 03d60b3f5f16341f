#include "econ/numeric_guards.hpp"

#include <cmath>
#include <sstream>
#include <string>

#include "core/error.hpp"

namespace defsim {
namespace {

// Values above −kRoundingSlack are rounding noise and are clipped without a count.
constexpr double kRoundingSlack = 1e-9;

class Guard {
 public:
  Guard(const Model& m, State& s) : m_(m), s_(s) {}

  template <class Name>
  void column(const char* column, std::vector<double>& values, Name&& entity_name) {
    for (size_t k = 0; k < values.size(); ++k) {
      double& v = values[k];
      if (std::isfinite(v) && v >= 0.0) continue;
      if (std::isfinite(v) && v >= -kRoundingSlack) {
        v = 0.0;
        continue;
      }
      const Anomaly kind = std::isfinite(v) ? Anomaly::negative_stock_clipped : Anomaly::non_finite_value;
      if (s_.check_identities) {
        std::ostringstream os;
        os.precision(17);
        os << "numeric anomaly on day " << s_.day << " (" << to_string(m_.run.calendar.date_of(s_.day)) << "): "
           << column << "[" << entity_name(k) << "] = " << v;
        throw AccountingError(os.str());
      }
      s_.diagnostics.add(kind);
      v = 0.0;
    }
  }

 private:
  const Model& m_;
  State& s_;
};

}  // namespace

void guard_numbers(const Model& m, State& s) {
  Guard g(m, s);
  const Index no = m.n_origins();
  auto plant = [&](size_t k) { return m.plants.name[k]; };
  auto plant_origin = [&](size_t k) {
    return m.plants.name[k / static_cast<size_t>(no)] + "/" + m.origins.name[k % static_cast<size_t>(no)];
  };
  auto slot = [&](size_t k) { return m.plants.name[m.slots.plant[k]] + "/" + m.goods.name[m.slots.good[k]]; };
  auto route = [&](size_t k) { return m.routes.name[k]; };
  auto good = [&](size_t k) { return m.goods.name[k]; };
  auto region = [&](size_t k) { return m.regions.name[k]; };
  g.column("slots.stock", s.slots.stock, slot);
  g.column("slots.outstanding", s.slots.outstanding, slot);
  g.column("plants.backlog", s.plants.backlog, plant);
  g.column("plants.output", s.plants.output, plant);
  g.column("plants.experienced", s.plants.experienced, plant);
  g.column("plants.trainees", s.plants.trainees, plant);
  g.column("plants.wage", s.plants.wage, plant);
  g.column("plants.capital", s.plants.capital, plant_origin);
  g.column("plants.installing", s.plants.installing, plant_origin);
  g.column("plants.health", s.plants.health, plant_origin);
  g.column("routes.in_transit", s.routes.in_transit, route);
  g.column("goods.retry_pool", s.goods.retry_pool, good);
  g.column("goods.price_index", s.goods.price_index, good);
  g.column("regions.available", s.regions.available, region);
  g.column("regions.mobilised", s.regions.mobilised, region);
}

}  // namespace defsim
