#include "sweep/metrics.hpp"

#include <stdexcept>

namespace defsim::sweep {

const std::vector<std::string>& metric_families() {
  static const std::vector<std::string> families = {"deliveries", "shortfall",  "import_bill",
                                                    "employment", "output",     "import_price"};
  return families;
}

const std::vector<std::string>& default_metric_families() {
  static const std::vector<std::string> families = {"deliveries", "shortfall", "import_bill"};
  return families;
}

MetricAccumulator::MetricAccumulator(const Model& model, const std::vector<std::string>& families,
                                     Day window_begin, Day window_end)
    : begin_(window_begin), end_(window_end) {
  const auto& goods = model.goods;
  auto per_good = [&](Kind kind, const std::string& family, auto&& keep) {
    for (Index g = 0; g < goods.size(); ++g) {
      if (!keep(g)) continue;
      metrics_.push_back({kind, g});
      names_.push_back(family + "." + goods.name[static_cast<size_t>(g)]);
    }
  };
  auto is_final = [&](Index g) { return goods.kind[static_cast<size_t>(g)] == GoodKind::final_good; };
  for (const auto& family : families) {
    if (family == "deliveries") {
      per_good(Kind::deliveries, family, is_final);
    } else if (family == "shortfall") {
      per_good(Kind::shortfall, family, is_final);
    } else if (family == "import_bill") {
      metrics_.push_back({Kind::import_bill, kNone});
      names_.push_back("import_bill_usd");
    } else if (family == "employment") {
      metrics_.push_back({Kind::employment, kNone});
      names_.push_back("employment");
    } else if (family == "output") {
      per_good(Kind::output, family, [&](Index g) { return goods.makers.size(g) > 0; });
    } else if (family == "import_price") {
      per_good(Kind::import_price, family, [&](Index g) { return goods.import_routes.size(g) > 0; });
    } else {
      throw std::invalid_argument("unknown metric family '" + family + "'");
    }
  }
  sums_.assign(metrics_.size(), 0.0);
}

void MetricAccumulator::observe(const Model& model, const State& state) {
  const Day day = state.day - 1;
  if (day < begin_ || day >= end_) return;
  ++days_seen_;
  const auto& g = state.goods;
  for (size_t k = 0; k < metrics_.size(); ++k) {
    const auto good = static_cast<size_t>(metrics_[k].good);
    double today = 0.0;
    switch (metrics_[k].kind) {
      case Kind::deliveries: today = g.deliveries[good]; break;
      case Kind::shortfall: today = g.state_orders[good] - g.deliveries[good]; break;
      case Kind::import_bill:
        for (double bill : g.import_bill_usd) today += bill;
        break;
      case Kind::employment:
        for (Index p = 0; p < model.plants.size(); ++p) {
          today += state.plants.experienced[static_cast<size_t>(p)] + state.plants.trainees[static_cast<size_t>(p)];
        }
        break;
      case Kind::output: today = g.production[good]; break;
      case Kind::import_price: today = g.price_index[good]; break;
    }
    sums_[k] += today;
  }
}

std::vector<double> MetricAccumulator::values() const {
  std::vector<double> out = sums_;
  const double days = days_seen_ > 0 ? static_cast<double>(days_seen_) : 1.0;
  for (size_t k = 0; k < metrics_.size(); ++k) {
    // Stocks and prices are averaged over the window; flows are summed.
    if (metrics_[k].kind == Kind::employment || metrics_[k].kind == Kind::import_price) out[k] /= days;
  }
  return out;
}

}  // namespace defsim::sweep
