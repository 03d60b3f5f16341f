// The synthetic economy behind `model: {generate: …}`: reading its parameters, expanding
// them into Model tables, and writing the result back as YAML for small models. The
// equations of the network are in docs/MODEL.md §11; the keys in docs/SCENARIOS.md §3.10.
#include "scenario/generate.hpp"

#include <fmt/format.h>

#include "core/error.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "core/calendar.hpp"
#include "core/rng.hpp"
#include "econ/steady_state.hpp"
#include "io/variables.hpp"
#include "scenario/compile_model.hpp"
#include "scenario/table_rows.hpp"

namespace defsim {
namespace {

// Independent streams per (what, entity): a plant's draws do not depend on how many plants
// come before it or on the order they are created in.
enum class Stream : std::uint64_t { goods = 1, makers, plants, inputs, routes, regions, coverage };

class Draw {
 public:
  Draw(std::uint64_t seed, Stream stream, std::uint64_t entity)
      : rng_(RngKey{seed, 0}, (static_cast<std::uint64_t>(stream) << 48) ^ entity, 0, Purpose::synthetic_model) {}
  double uniform() { return rng_.uniform(); }  // [0, 1)
  double between(double lo, double hi) { return lo + (hi - lo) * rng_.uniform(); }
  // Uniform integer in [0, n).
  std::int64_t below(std::int64_t n) {
    const auto k = static_cast<std::int64_t>(rng_.uniform() * static_cast<double>(n));
    return std::min(k, n - 1);
  }
  // Pareto with minimum 1 and tail exponent α: P(X > x) = x^−α, capped.
  double pareto(double alpha, double cap) { return std::min(cap, std::pow(1.0 - rng_.uniform(), -1.0 / alpha)); }

 private:
  RandomStream rng_;
};

// Import corridors: route short name, origin, corridor and the base terms of trade.
struct Corridor {
  const char* name;
  const char* origin;
  const char* corridor;
  double lead_time_days, jitter_days, markup, interdiction, payment_failure, weight;
  double ceiling;     // C_max / C (1 = does not adapt)
  double adaptation;  // ρ, 1/day
  double markup_slope;
};
constexpr std::array<Corridor, 6> kCorridors = {{
    {"china_direct", "china", "direct", 30, 5, 0.20, 0.000, 0.05, 3.0, 1.0, 0.00, 0.2},
    {"china_hong_kong", "china", "hong_kong", 35, 5, 0.30, 0.005, 0.03, 2.0, 1.0, 0.00, 0.3},
    {"china_kazakhstan", "china", "kazakhstan", 45, 8, 0.40, 0.010, 0.02, 1.0, 3.0, 0.02, 0.5},
    {"china_kyrgyzstan", "china", "kyrgyzstan", 50, 8, 0.45, 0.010, 0.02, 0.7, 3.0, 0.02, 0.6},
    {"west_uae", "west", "uae", 40, 6, 0.60, 0.020, 0.04, 0.5, 2.0, 0.01, 0.5},
    {"west_turkey", "west", "turkey", 45, 6, 0.50, 0.020, 0.04, 0.5, 2.0, 0.01, 0.5},
}};

// Fixed technology of the synthetic economy (docs/MODEL.md §11).
constexpr double kFinalShare = 0.05;         // share of goods that are final
constexpr double kImportOnlyShare = 0.15;    // share of goods made only abroad
constexpr double kSizeCap = 1000.0;          // largest plant / smallest plant
constexpr double kPopularityCap = 1.0e6;     // cap on a good's popularity weight
constexpr double kValueAddedPerWorkerDay = 250.0;  // USD per worker per day at capacity
constexpr double kToolsPerWorker = 0.05;
constexpr double kDomesticToolShare = 0.6;   // of a plant's tools, and of tool orders placed at home
constexpr double kPartsPerToolPerDay = 0.01;
constexpr double kDepreciationPerYear = 0.05;
constexpr double kSubstituteChance = 0.3;    // an import-only input of a tier >= 2 plant gets a domestic substitute
constexpr double kCriticalChance = 0.6;      // inputs that are strictly Leontief (φ = 1)

struct Layout {
  std::int64_t n_final = 0, n_import = 0, n_component = 0;
  Index tools = kNone, parts = kNone;
  std::vector<int> tier;  // (goods) T final, 1..T−1 components and tools, 0 imported only
};

Layout layout_goods(const GenerateSpec& spec) {
  Layout l;
  const std::int64_t g = spec.goods;
  l.n_final = std::max<std::int64_t>(1, std::llround(kFinalShare * static_cast<double>(g)));
  l.n_import = std::max<std::int64_t>(1, std::llround(kImportOnlyShare * static_cast<double>(g)));
  l.n_component = g - l.n_final - l.n_import - 2;
  const int intermediate = spec.tiers - 1;
  l.tier.reserve(static_cast<size_t>(g));
  for (std::int64_t k = 0; k < l.n_final; ++k) l.tier.push_back(spec.tiers);
  // Components split evenly over tiers T−1 … 1, the remainder to the upper tiers.
  for (int t = spec.tiers - 1; t >= 1; --t) {
    const std::int64_t rank = spec.tiers - 1 - t;
    const std::int64_t count = l.n_component / intermediate + (rank < l.n_component % intermediate ? 1 : 0);
    for (std::int64_t k = 0; k < count; ++k) l.tier.push_back(t);
  }
  l.tools = static_cast<Index>(l.tier.size());
  l.tier.push_back(1);
  for (std::int64_t k = 0; k < l.n_import; ++k) l.tier.push_back(0);
  l.parts = static_cast<Index>(l.tier.size());
  l.tier.push_back(0);
  return l;
}

std::string padded(const char* prefix, std::int64_t k, std::int64_t count) {
  const int width = std::max(4, static_cast<int>(std::to_string(count).size()));
  return fmt::format("{}{:0{}d}", prefix, k, width);
}

}  // namespace

std::int64_t default_goods(std::int64_t plants) {
  const auto g = std::llround(2.0 * std::sqrt(static_cast<double>(plants)));
  return std::clamp<std::int64_t>(g, 20, 5000);
}

std::int64_t min_goods(int tiers) {
  // Smallest G whose layout has a final good, an import-only good and one component per
  // intermediate tier: G − round(0.05 G) − round(0.15 G) − 2 >= T − 1.
  for (std::int64_t g = 4;; ++g) {
    const auto final_goods = std::max<std::int64_t>(1, std::llround(kFinalShare * static_cast<double>(g)));
    const auto imports = std::max<std::int64_t>(1, std::llround(kImportOnlyShare * static_cast<double>(g)));
    if (g - final_goods - imports - 2 >= tiers - 1) return g;
  }
}

std::optional<GenerateSpec> read_generate_spec(const Node& node, const std::string& path, IssueList& issues) {
  const size_t before = issues.size();
  MapReader r(node, path, issues);
  const GenerateLimits& lim = kGenerateLimits;
  GenerateSpec s;
  s.plants = r.integer("plants", 0, Range::between(1, static_cast<double>(lim.max_plants)));
  r.require("plants");
  const Node* goods_node = r.get("goods");
  s.goods = r.integer("goods", 0, Range::between(8, static_cast<double>(lim.max_goods)));
  s.inputs = static_cast<int>(r.integer("inputs", s.inputs, Range::between(1, lim.max_inputs)));
  s.regions = static_cast<int>(r.integer("regions", s.regions, Range::between(1, lim.max_regions)));
  s.tiers = static_cast<int>(r.integer("tiers", s.tiers, Range::between(2, lim.max_tiers)));
  s.seed = static_cast<std::uint64_t>(r.integer("seed", 1, Range::between(0, 9.0e18)));
  s.import_share = r.number("import_share", s.import_share, Range::unit());
  s.degree_exponent = r.number("degree_exponent", s.degree_exponent, Range::between(0.5, 10));
  s.size_exponent = r.number("size_exponent", s.size_exponent, Range::between(1.05, 10));
  allow_notes(r);
  r.finish();
  if (issues.size() != before) return std::nullopt;
  if (s.goods == 0) s.goods = default_goods(s.plants);
  const std::int64_t need_goods = min_goods(s.tiers);
  if (s.goods < need_goods) {
    const SourceLoc loc = goods_node != nullptr ? goods_node->loc : key_loc(node, "tiers");
    issues.error(loc, r.child_path(goods_node != nullptr ? "goods" : "tiers"),
                 fmt::format("{} tiers need at least {} goods, got {}", s.tiers, need_goods, s.goods));
    return std::nullopt;
  }
  const Layout l = layout_goods(s);
  const std::int64_t made = l.n_final + l.n_component + 1;  // each made good needs a maker
  if (s.plants < made) {
    issues.error(r.node().find("plants")->loc, r.child_path("plants"),
                 fmt::format("must be at least the {} domestically made goods of a {}-good economy (one maker "
                             "each), got {}; lower goods or raise plants",
                             made, s.goods, s.plants));
    return std::nullopt;
  }
  return s;
}

std::string generate_spec_yaml(const GenerateSpec& s) {
  std::string out = fmt::format("{{plants: {}, goods: {}, inputs: {}, regions: {}, tiers: {}, seed: {}", s.plants,
                                s.goods, s.inputs, s.regions, s.tiers, s.seed);
  const GenerateSpec d;
  if (s.import_share != d.import_share) out += fmt::format(", import_share: {}", s.import_share);
  if (s.degree_exponent != d.degree_exponent) out += fmt::format(", degree_exponent: {}", s.degree_exponent);
  if (s.size_exponent != d.size_exponent) out += fmt::format(", size_exponent: {}", s.size_exponent);
  return out + "}";
}

void generate_model(const GenerateSpec& requested, const ModelDefaults& defaults, Model& m) {
  GenerateSpec spec = requested;
  if (spec.goods == 0) spec.goods = default_goods(spec.plants);
  const Layout l = layout_goods(spec);
  const Index ng = static_cast<Index>(spec.goods);
  const std::uint64_t seed = spec.seed;
  const PlantDefaults& pd = defaults.plant;
  const int top = spec.tiers;

  // --- origins: domestic, china (tools need Chinese spare parts), west -----------------
  auto& O = m.origins;
  const double depreciation = per_day_from_per_year(kDepreciationPerYear);
  for (const char* name : {"domestic", "china", "west"}) {
    O.name.emplace_back(name);
    O.depreciation_per_day.push_back(depreciation);
    O.parts_good.push_back(kNone);
    O.parts_per_tool_per_day.push_back(0.0);
    O.health_decay_per_day.push_back(0.002);
    O.health_recovery_per_day.push_back(0.01);
  }
  O.domestic = 0;
  const Index china = 1, west = 2;
  O.parts_good[china] = l.parts;
  O.parts_per_tool_per_day[china] = kPartsPerToolPerDay;

  // --- goods ---------------------------------------------------------------------------
  auto& G = m.goods;
  std::vector<double> popularity(static_cast<size_t>(ng), 0.0);  // input goods only
  std::vector<double> maker_weight(static_cast<size_t>(ng), 0.0);
  std::vector<std::uint8_t> made(static_cast<size_t>(ng), 0);
  for (Index g = 0; g < ng; ++g) {
    const int t = l.tier[g];
    Draw d(seed, Stream::goods, static_cast<std::uint64_t>(g));
    std::string name;
    GoodKind kind = GoodKind::component;
    double value = 0.0;
    if (g == l.tools) {
      name = "tools";
      kind = GoodKind::capital;
      value = 200000.0;
    } else if (g == l.parts) {
      name = "china_parts";
      value = 300.0;
    } else if (t == top) {
      name = padded("final_", g, l.n_final);
      kind = GoodKind::final_good;
      value = 50.0 * std::pow(5.0, t) * std::exp(d.between(-0.7, 0.7));
    } else if (t == 0) {
      name = padded("imp_", g - l.parts + l.n_import, l.n_import);
      value = 20.0 * std::exp(d.between(-1.0, 1.0));
    } else {
      name = padded(fmt::format("t{}_", t).c_str(), g, ng);
      value = 50.0 * std::pow(5.0, t) * std::exp(d.between(-0.7, 0.7));
    }
    const double pop = d.pareto(spec.degree_exponent, kPopularityCap);
    const double size = d.pareto(spec.size_exponent, kSizeCap);
    if (kind == GoodKind::component && g != l.parts) popularity[g] = pop;
    if (t >= 1) {
      made[g] = 1;
      maker_weight[g] = size;
    }
    G.name.push_back(name);
    G.kind.push_back(kind);
    G.unit.emplace_back(g == l.tools ? "tool" : g == l.parts ? "set" : "unit");
    G.unit_value_usd.push_back(value);
    G.spill_to_domestic.push_back(1);
    G.availability.push_back(1.0);
    G.route_beta.push_back(defaults.route_choice.beta);
    G.value_of_time.push_back(defaults.route_choice.value_of_time);
    G.value_of_risk.push_back(defaults.route_choice.value_of_risk);
    G.value_of_payment_risk.push_back(defaults.route_choice.value_of_payment_risk);
    G.payment_retry_days.push_back(defaults.route_choice.retry_days);
  }

  // Import routes per good (corridor indices) and domestic shares.
  std::vector<std::vector<int>> corridors(static_cast<size_t>(ng));
  G.domestic_share.assign(static_cast<size_t>(ng), 1.0);
  for (Index g = 0; g < ng; ++g) {
    Draw d(seed, Stream::routes, static_cast<std::uint64_t>(g));
    auto& cs = corridors[g];
    if (g == l.tools) {
      cs = {0, 2};
      G.domestic_share[g] = kDomesticToolShare;
    } else if (g == l.parts) {
      cs = {0, 1};
      G.domestic_share[g] = 0.0;
    } else if (l.tier[g] == 0) {
      // China direct plus 1–5 other corridors, drawn without replacement.
      std::array<int, 5> others = {1, 2, 3, 4, 5};
      const auto extra = 1 + d.below(5);
      for (std::int64_t k = 0; k < extra; ++k) std::swap(others[k], others[k + d.below(5 - k)]);
      cs.push_back(0);
      for (std::int64_t k = 0; k < extra; ++k) cs.push_back(others[k]);
      std::sort(cs.begin(), cs.end());
      G.domestic_share[g] = 0.0;
    } else if (G.kind[g] == GoodKind::component && d.uniform() < spec.import_share) {
      cs.push_back(0);
      if (d.uniform() < 0.5) cs.push_back(1 + static_cast<int>(d.below(2)));
      G.domestic_share[g] = d.between(0.5, 0.9);
    }
  }

  // --- makers per good: one each, the rest in proportion to a heavy-tailed weight -------
  std::vector<std::int64_t> makers(static_cast<size_t>(ng), 0);
  {
    std::int64_t n_made = 0;
    double weight_sum = 0.0;
    for (Index g = 0; g < ng; ++g) {
      if (!made[g]) continue;
      ++n_made;
      weight_sum += maker_weight[g];
    }
    const std::int64_t extra = spec.plants - n_made;
    std::int64_t given = 0;
    std::vector<std::pair<double, Index>> remainder;
    for (Index g = 0; g < ng; ++g) {
      if (!made[g]) continue;
      const double exact = static_cast<double>(extra) * maker_weight[g] / weight_sum;
      const auto whole = static_cast<std::int64_t>(std::floor(exact));
      makers[g] = 1 + whole;
      given += whole;
      remainder.emplace_back(exact - static_cast<double>(whole), g);
    }
    // Largest remainders first, ties by row: the total is exactly N.
    std::sort(remainder.begin(), remainder.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (std::int64_t k = 0; k < extra - given && k < static_cast<std::int64_t>(remainder.size()); ++k) {
      ++makers[remainder[static_cast<size_t>(k)].second];
    }
  }

  // --- regions -------------------------------------------------------------------------
  const Index nreg = spec.regions;
  std::vector<double> region_cum(static_cast<size_t>(nreg), 0.0);
  std::vector<double> civilian(static_cast<size_t>(nreg), 1.0);
  double acc = 0.0;
  for (Index r = 0; r < nreg; ++r) {
    Draw d(seed, Stream::regions, static_cast<std::uint64_t>(r));
    acc += d.pareto(2.0, 20.0);
    region_cum[r] = acc;
    civilian[r] = d.between(0.8, 1.2);
  }
  auto draw_region = [&](Draw& d) {
    const double u = d.uniform() * acc;
    const auto it = std::upper_bound(region_cum.begin(), region_cum.end(), u);
    return static_cast<Index>(std::min<std::ptrdiff_t>(it - region_cum.begin(), nreg - 1));
  };

  // --- plants: good, region and size; rows sorted by (region, good) ----------------------
  struct Draft {
    Index good, region;
    double size;
    std::int64_t id;  // creation index: keys the plant's own draws
  };
  std::vector<Draft> drafts;
  drafts.reserve(static_cast<size_t>(spec.plants));
  for (Index g = 0; g < ng; ++g) {
    for (std::int64_t k = 0; k < makers[g]; ++k) {
      const auto id = static_cast<std::int64_t>(drafts.size());
      Draw d(seed, Stream::plants, static_cast<std::uint64_t>(id));
      const double size = d.pareto(spec.size_exponent, kSizeCap);
      drafts.push_back({g, draw_region(d), size, id});
    }
  }
  // Plants of one region are contiguous (the labour market walks regions); within a region,
  // the makers of one good are.
  std::stable_sort(drafts.begin(), drafts.end(),
                   [](const Draft& a, const Draft& b) { return a.region != b.region ? a.region < b.region : a.good < b.good; });
  const auto np = static_cast<Index>(drafts.size());

  // --- inputs: K distinct goods of lower tiers, drawn by popularity ---------------------
  // Candidates sorted by tier: those below tier t are a prefix of length below[t].
  std::vector<Index> candidates;
  for (int t = 0; t < top; ++t) {
    for (Index g = 0; g < ng; ++g) {
      if (l.tier[g] == t && popularity[g] > 0.0) candidates.push_back(g);
    }
  }
  std::vector<std::size_t> below(static_cast<size_t>(top) + 1, 0);
  for (int t = 0; t <= top; ++t) {
    below[t] = static_cast<std::size_t>(std::count_if(candidates.begin(), candidates.end(), [&](Index g) { return l.tier[g] < t; }));
  }
  std::vector<double> cumulative(candidates.size(), 0.0);
  {
    double c = 0.0;
    for (std::size_t k = 0; k < candidates.size(); ++k) cumulative[k] = (c += popularity[candidates[k]]);
  }
  struct Input {
    Index good;
    Index substitute;  // kNone or a domestic component standing in for an imported input
    double efficiency;
  };
  std::vector<std::vector<Input>> inputs(static_cast<size_t>(np));
  std::vector<std::int64_t> customers(static_cast<size_t>(ng), 0);
  auto holds = [&](const std::vector<Input>& list, Index g) {
    return std::any_of(list.begin(), list.end(), [&](const Input& in) { return in.good == g || in.substitute == g; });
  };
  for (Index i = 0; i < np; ++i) {
    const Draft& p = drafts[i];
    const int t = l.tier[p.good];
    const std::size_t n = below[t];
    auto& list = inputs[i];
    Draw d(seed, Stream::inputs, static_cast<std::uint64_t>(p.id));
    if (n <= static_cast<std::size_t>(spec.inputs)) {
      for (std::size_t k = 0; k < n; ++k) list.push_back({candidates[k], kNone, 1.0});
    } else {
      const double total = cumulative[n - 1];
      for (int tries = 0; static_cast<int>(list.size()) < spec.inputs && tries < 64 * spec.inputs; ++tries) {
        const double u = d.uniform() * total;
        const auto it = std::upper_bound(cumulative.begin(), cumulative.begin() + static_cast<std::ptrdiff_t>(n), u);
        const Index g = candidates[static_cast<std::size_t>(std::min<std::ptrdiff_t>(it - cumulative.begin(), static_cast<std::ptrdiff_t>(n) - 1))];
        if (!holds(list, g)) list.push_back({g, kNone, 1.0});
      }
      // Extremely concentrated popularity: fill up with the first unused candidates.
      for (std::size_t k = 0; static_cast<int>(list.size()) < spec.inputs && k < n; ++k) {
        if (!holds(list, candidates[k])) list.push_back({candidates[k], kNone, 1.0});
      }
    }
    for (const Input& in : list) ++customers[in.good];
  }
  // Every input good has a customer: one nobody drew goes to a random plant of a higher tier.
  {
    std::vector<std::vector<Index>> by_tier(static_cast<size_t>(top) + 1);
    for (Index i = 0; i < np; ++i) by_tier[l.tier[drafts[i].good]].push_back(i);
    for (Index h : candidates) {
      if (customers[h] > 0) continue;
      Draw d(seed, Stream::coverage, static_cast<std::uint64_t>(h));
      std::size_t higher = 0;
      for (int t = l.tier[h] + 1; t <= top; ++t) higher += by_tier[t].size();
      for (int tries = 0; tries < 1000 && customers[h] == 0; ++tries) {
        auto k = static_cast<std::size_t>(d.below(static_cast<std::int64_t>(higher)));
        int t = l.tier[h] + 1;
        while (k >= by_tier[t].size()) k -= by_tier[t++].size();
        const Index i = by_tier[t][k];
        if (holds(inputs[i], h)) continue;
        inputs[i].push_back({h, kNone, 1.0});
        ++customers[h];
      }
    }
  }
  // Domestic substitutes for some imported inputs of plants in tier 2 and above.
  for (Index i = 0; i < np; ++i) {
    const int t = l.tier[drafts[i].good];
    if (t < 2) continue;
    Draw d(seed, Stream::inputs, (static_cast<std::uint64_t>(1) << 40) ^ static_cast<std::uint64_t>(drafts[i].id));
    const std::size_t lo = below[1], hi = below[t];  // domestic components of tiers 1 .. t−1
    for (Input& in : inputs[i]) {
      if (l.tier[in.good] != 0 || d.uniform() >= kSubstituteChance) continue;
      const Index sub = candidates[lo + static_cast<std::size_t>(d.below(static_cast<std::int64_t>(hi - lo)))];
      const double q = d.between(0.5, 0.9);
      if (!holds(inputs[i], sub)) {
        in.substitute = sub;
        in.efficiency = q;
      }
    }
  }

  // --- plant parameters and the steady flows that size capacities ------------------------
  std::vector<double> size_sum(static_cast<size_t>(ng), 0.0);
  for (const Draft& p : drafts) size_sum[p.good] += p.size;
  std::vector<double> cost_share(static_cast<size_t>(np)), utilisation(static_cast<size_t>(ng));
  std::vector<std::vector<double>> per_unit(static_cast<size_t>(np)), criticality(static_cast<size_t>(np)),
      inventory_days(static_cast<size_t>(np));
  for (Index i = 0; i < np; ++i) {
    Draw d(seed, Stream::inputs, (static_cast<std::uint64_t>(2) << 40) ^ static_cast<std::uint64_t>(drafts[i].id));
    cost_share[i] = d.between(0.3, 0.6);
    const auto& list = inputs[i];
    std::vector<double> w(list.size());
    double wsum = 0.0;
    for (double& x : w) wsum += (x = d.between(0.5, 1.5));
    const double out_value = G.unit_value_usd[drafts[i].good];
    for (std::size_t k = 0; k < list.size(); ++k) {
      per_unit[i].push_back(cost_share[i] * w[k] / wsum * out_value / G.unit_value_usd[list[k].good]);
      criticality[i].push_back(d.uniform() < kCriticalChance ? 1.0 : d.between(0.3, 0.9));
      inventory_days[i].push_back(std::round(d.between(20.0, 90.0)));
    }
  }
  for (Index g = 0; g < ng; ++g) utilisation[g] = Draw(seed, Stream::makers, static_cast<std::uint64_t>(g)).between(0.6, 0.85);
  // Orders per unit used: losses in transit are made up by ordering more (conservatively:
  // the worst route's interdiction and payment failure).
  std::vector<double> order_factor(static_cast<size_t>(ng), 1.0);
  for (Index g = 0; g < ng; ++g) {
    if (corridors[g].empty()) continue;
    double worst_pi = 0.0, worst_f = 0.0;
    for (int c : corridors[g]) {
      worst_pi = std::max(worst_pi, kCorridors[c].interdiction);
      worst_f = std::max(worst_f, kCorridors[c].payment_failure);
    }
    const double kappa = (1.0 - worst_pi) * (1.0 - worst_f);
    const double dom = G.domestic_share[g];
    order_factor[g] = 1.0 / (dom + (1.0 - dom) * kappa);
  }
  std::vector<double> good_output(static_cast<size_t>(ng), 0.0), need(static_cast<size_t>(ng), 0.0);
  std::vector<double> output(static_cast<size_t>(np), 0.0), capacity(static_cast<size_t>(np), 0.0),
      workers(static_cast<size_t>(np), 0.0);
  // Final demand: one unit a day per unit of maker size.
  for (Index g = 0; g < ng; ++g) {
    if (l.tier[g] == top) good_output[g] = size_sum[g];
  }
  auto settle_plant = [&](Index i) {
    const Index g = drafts[i].good;
    output[i] = good_output[g] * drafts[i].size / size_sum[g];
    capacity[i] = output[i] / utilisation[g];
    workers[i] = std::max(5.0, capacity[i] * G.unit_value_usd[g] * (1.0 - cost_share[i]) / kValueAddedPerWorkerDay);
  };
  auto add_needs = [&](Index i) {
    for (std::size_t k = 0; k < inputs[i].size(); ++k) need[inputs[i][k].good] += per_unit[i][k] * output[i];
  };
  std::vector<std::vector<Index>> plants_of_tier(static_cast<size_t>(top) + 1);
  for (Index i = 0; i < np; ++i) {
    if (drafts[i].good != l.tools) plants_of_tier[l.tier[drafts[i].good]].push_back(i);
  }
  for (int t = top; t >= 1; --t) {
    for (Index g = 0; g < ng; ++g) {
      if (l.tier[g] == t && t < top && g != l.tools) good_output[g] = G.domestic_share[g] * order_factor[g] * need[g];
    }
    for (Index i : plants_of_tier[t]) {
      settle_plant(i);
      add_needs(i);
    }
  }
  // Tools replace depreciation everywhere, including at the tool makers: a short fixed point.
  double tools_other = 0.0;
  for (Index i = 0; i < np; ++i) {
    if (drafts[i].good != l.tools) tools_other += kToolsPerWorker * workers[i];
  }
  for (int iter = 0; iter < 50; ++iter) {
    double tools_makers = 0.0;
    for (Index i = 0; i < np; ++i) {
      if (drafts[i].good != l.tools) continue;
      settle_plant(i);
      tools_makers += kToolsPerWorker * workers[i];
    }
    const double next = G.domestic_share[l.tools] * order_factor[l.tools] * depreciation * (tools_other + tools_makers);
    const bool done = std::abs(next - good_output[l.tools]) <= 1e-12 * next;
    good_output[l.tools] = next;
    if (done) break;
  }
  double china_tools = 0.0, all_tools = 0.0;
  for (Index i = 0; i < np; ++i) {
    if (drafts[i].good == l.tools) {
      settle_plant(i);
      add_needs(i);
    }
    china_tools += (1.0 - kDomesticToolShare) * kToolsPerWorker * workers[i];
    all_tools += kToolsPerWorker * workers[i];
  }
  need[l.tools] = depreciation * all_tools;
  need[l.parts] = kPartsPerToolPerDay * china_tools;

  // --- regions: enough people to hire from --------------------------------------------
  auto& R = m.regions;
  std::vector<double> employed(static_cast<size_t>(nreg), 0.0);
  for (Index i = 0; i < np; ++i) employed[drafts[i].region] += workers[i];
  for (Index r = 0; r < nreg; ++r) {
    R.name.push_back(padded("region_", r, nreg));
    // The steady state needs at least a day's quits available to hire (MODEL.md §5): with
    // the default quit rate 8% of the employed is far more; `parameters.labour` may raise it.
    const double daily_quits =
        employed[r] * quit_rate(m.labour, civilian[r], civilian[r] * defaults.wage_premium);
    const double available = std::max(0.08 * employed[r] + 50.0, 1.25 * daily_quits);
    R.available_workers.push_back(available);
    R.labour_force.push_back(1.5 * (employed[r] + available));
    R.civilian_wage.push_back(civilian[r]);
  }

  // --- plant and slot tables, in row order ------------------------------------------------
  auto& P = m.plants;
  auto& S = m.slots;
  const Index no = O.size();
  std::vector<std::pair<Index, Index>> plant_slots, region_plants, good_makers, sub_pairs;
  plant_slots.reserve(static_cast<size_t>(np) * static_cast<size_t>(spec.inputs + 2));
  m.init.capital.assign(static_cast<size_t>(np) * no, 0.0);
  auto add_slot = [&](Index plant, Index good, SlotKind kind, double coef, double crit, double days, Index primary,
                      double eff) {
    const Index row = append_slot(S, {plant, good, kind, coef, crit, days, primary, eff});
    plant_slots.emplace_back(plant, row);
    return row;
  };
  const std::int64_t width = np;
  for (Index i = 0; i < np; ++i) {
    const Draft& p = drafts[i];
    P.name.push_back(padded("p", i, width));
    P.good.push_back(p.good);
    P.region.push_back(p.region);
    good_makers.emplace_back(p.good, i);
    region_plants.emplace_back(p.region, i);
    P.capacity_ref.push_back(capacity[i]);
    P.labour_ref.push_back(workers[i]);
    P.ces_alpha.push_back(pd.ces_alpha);
    P.ces_sigma.push_back(pd.ces_sigma);
    P.trainee_productivity.push_back(pd.trainee_productivity);
    P.max_workers.push_back(3.0 * workers[i]);
    P.min_workers.push_back(workers[i]);
    P.wage_ref.push_back(civilian[p.region] * defaults.wage_premium);
    P.target_utilisation.push_back(-1.0);
    P.order_book_days.push_back(pd.order_book_days);
    P.backlog_tau_days.push_back(pd.backlog_tau_days);
    P.planning_tau_days.push_back(pd.planning_tau_days);
    P.inventory_tau_days.push_back(pd.inventory_tau_days);
    P.capital_tau_days.push_back(pd.capital_tau_days);
    const double tools = kToolsPerWorker * workers[i];
    const size_t row = static_cast<size_t>(i) * no;
    m.init.capital[row + 0] += kDomesticToolShare * tools;
    m.init.capital[row + china] += (1.0 - kDomesticToolShare) * tools;
    P.capital_ref.push_back(m.init.capital[row + 0] + m.init.capital[row + china]);
    P.capital_good.push_back(l.tools);
    for (std::size_t k = 0; k < inputs[i].size(); ++k) {
      const Input& in = inputs[i][k];
      const double days = inventory_days[i][k];
      const Index slot = add_slot(i, in.good, SlotKind::input, per_unit[i][k], criticality[i][k], days, kNone, 1.0);
      if (in.substitute != kNone) {
        const Index sub =
            add_slot(i, in.substitute, SlotKind::substitute, per_unit[i][k] / in.efficiency, 0.0, days, slot, in.efficiency);
        sub_pairs.emplace_back(slot, sub);
      }
    }
    add_slot(i, l.tools, SlotKind::capital, 0.0, 0.0, 0.0, kNone, 1.0);
    const Index parts_slot = add_slot(i, l.parts, SlotKind::parts, kPartsPerToolPerDay, 0.0, pd.inventory_days, kNone, 1.0);
    S.origin[parts_slot] = china;
  }
  (void)west;

  // --- routes: imports in good order, then each made good's domestic channel --------------
  auto& Rt = m.routes;
  std::vector<std::pair<Index, Index>> good_imports, good_routes;
  auto push_route = [&](const RouteRow& row) {
    const Index s = append_route(Rt, row);
    good_routes.emplace_back(row.good, s);
    if (!row.domestic) good_imports.emplace_back(row.good, s);
    return s;
  };
  for (Index g = 0; g < ng; ++g) {
    if (corridors[g].empty()) continue;
    Draw d(seed, Stream::routes, (static_cast<std::uint64_t>(1) << 40) ^ static_cast<std::uint64_t>(g));
    // Each route alone could carry 1.5–3 times the steady import orders: none saturates at
    // the start, so the steady state never depends on spill-over.
    const double imports = (1.0 - G.domestic_share[g]) * order_factor[g] * need[g];
    for (int c : corridors[g]) {
      const Corridor& k = kCorridors[c];
      RouteRow row;
      row.name = G.name[g] + "/" + k.name;
      row.short_name = k.name;
      row.good = g;
      row.origin = std::string(k.origin) == "china" ? china : west;
      row.corridor = k.corridor;
      // Draws in a fixed order: capacity, lead time, markup, weight.
      row.capacity = std::max(1e-3, imports * d.between(1.5, 3.0));
      row.lead_time_days = std::round(k.lead_time_days * d.between(0.8, 1.2));
      row.markup = k.markup * d.between(0.8, 1.2);
      row.jitter_days = k.jitter_days;
      row.interdiction = k.interdiction;
      row.payment_failure = k.payment_failure;
      row.weight = k.weight * d.between(0.5, 1.5);
      row.max_capacity = row.capacity * k.ceiling;
      row.adaptation = k.adaptation;
      row.markup_slope = k.markup_slope;
      push_route(row);
    }
  }
  G.domestic_route.assign(static_cast<size_t>(ng), kNone);
  for (Index g = 0; g < ng; ++g) {
    if (!made[g] || G.kind[g] == GoodKind::final_good) continue;
    G.domestic_route[g] = push_route(domestic_channel(G.name[g], g, O.domestic, 7.0));
  }
  for (Index g = 0; g < ng; ++g) {
    if (G.kind[g] == GoodKind::final_good || G.kind[g] == GoodKind::service) G.domestic_share[g] = 1.0;
  }

  // --- demand and compressed rows -------------------------------------------------------
  auto& D = m.demand;
  D.schedule.assign(static_cast<size_t>(ng), {});
  D.service.assign(static_cast<size_t>(ng), kNone);
  D.service_elasticity.assign(static_cast<size_t>(ng), 0.0);
  for (Index g = 0; g < ng; ++g) {
    if (G.kind[g] == GoodKind::final_good) D.schedule[g] = {{0, good_output[g]}};
  }
  std::vector<std::pair<Index, Index>> good_slots;
  good_slots.reserve(static_cast<size_t>(S.size()));
  for (Index s = 0; s < S.size(); ++s) good_slots.emplace_back(S.good[s], s);
  G.makers = build_csr(ng, good_makers);
  G.import_routes = build_csr(ng, good_imports);
  G.routes = build_csr(ng, good_routes);
  G.customer_slots = build_csr(ng, good_slots);
  R.plants = build_csr(nreg, region_plants);
  P.slots = build_csr(np, plant_slots);
  S.substitutes = build_csr(S.size(), sub_pairs);
  P.capital_slot.assign(static_cast<size_t>(np), kNone);
  for (Index s = 0; s < S.size(); ++s) {
    if (S.kind[s] == SlotKind::capital) P.capital_slot[S.plant[s]] = s;
  }
}

void compile_generated_model(const Node& root, Model& model, ModelNames& names, IssueList& issues) {
  MapReader top(root, "", issues);
  model.run.model_name = top.text("name", "synthetic");
  top.text("description", "");
  allow_notes(top);
  const ModelDefaults defaults = read_model_parameters(top, model, issues);
  std::optional<GenerateSpec> spec;
  if (const Node* gen = top.get("generate")) spec = read_generate_spec(*gen, "generate", issues);
  top.finish();
  if (!spec || !issues.empty()) return;
  generate_model(*spec, defaults, model);
  for (const auto& n : model.goods.name) names.goods.add(n);
  for (const auto& n : model.origins.name) names.origins.add(n);
  for (const auto& n : model.regions.name) names.regions.add(n);
}

namespace {

std::string num(double v) { return fmt::format("{:.17g}", v); }

}  // namespace

std::string expanded_model_yaml(const Model& m, const std::string& name) {
  std::string y;
  y += "# A synthetic economy written out by `defsim generate --expand`: the same tables as\n";
  y += "# its `model: {generate: …}` form, as an ordinary model file (docs/MODEL.md §11).\n";
  y += "name: " + name + "\n";
  const auto& O = m.origins;
  y += "origins:\n";
  for (Index o = 0; o < O.size(); ++o) {
    y += "  " + O.name[o] + ": {depreciation_per_year: " + num(kDepreciationPerYear);
    if (O.parts_good[o] != kNone) {
      y += ", parts_good: " + m.goods.name[O.parts_good[o]] + ", parts_per_tool_per_day: " + num(O.parts_per_tool_per_day[o]);
    }
    y += "}\n";
  }
  const auto& G = m.goods;
  y += "goods:\n";
  for (Index g = 0; g < G.size(); ++g) {
    y += "  " + G.name[g] + ": {kind: " + std::string(G.kind[g] == GoodKind::final_good ? "final" : to_string(G.kind[g])) +
         ", unit: " + G.unit[g] + ", unit_value_usd: " + num(G.unit_value_usd[g]);
    if (G.makers.size(g) > 0 && G.import_routes.size(g) > 0) y += ", domestic_share: " + num(G.domestic_share[g]);
    y += "}\n";
  }
  const auto& R = m.regions;
  y += "regions:\n";
  for (Index r = 0; r < R.size(); ++r) {
    y += "  " + R.name[r] + ": {labour_force: " + num(R.labour_force[r]) + ", available_workers: " +
         num(R.available_workers[r]) + ", civilian_wage: " + num(R.civilian_wage[r]) + "}\n";
  }
  const auto& P = m.plants;
  const auto& S = m.slots;
  const Index no = O.size();
  y += "plants:\n";
  for (Index i = 0; i < P.size(); ++i) {
    y += "  " + P.name[i] + ":\n";
    y += "    good: " + G.name[P.good[i]] + "\n";
    y += "    region: " + R.name[P.region[i]] + "\n";
    y += "    capacity_per_day: " + num(P.capacity_ref[i]) + "\n";
    y += "    workers: " + num(P.labour_ref[i]) + "\n";
    y += "    machine_tools: {";
    bool first = true;
    for (Index o = 0; o < no; ++o) {
      const double k = m.init.capital[static_cast<size_t>(i) * no + o];
      if (k <= 0.0) continue;
      y += (first ? "" : ", ") + O.name[o] + ": " + num(k);
      first = false;
    }
    y += "}\n    inputs:\n";
    for (const Index* k = P.slots.row_begin(i); k != P.slots.row_end(i); ++k) {
      const Index s = *k;
      if (S.kind[s] != SlotKind::input) continue;
      y += "      " + G.name[S.good[s]] + ": {per_unit: " + num(S.coefficient[s]) + ", criticality: " +
           num(S.criticality[s]) + ", inventory_days: " + num(S.target_days[s]);
      if (S.substitutes.size(s) > 0) {
        y += ", substitutes: {";
        for (const Index* sub = S.substitutes.row_begin(s); sub != S.substitutes.row_end(s); ++sub) {
          y += (sub == S.substitutes.row_begin(s) ? "" : ", ") + G.name[S.good[*sub]] + ": " + num(S.efficiency[*sub]);
        }
        y += "}";
      }
      y += "}\n";
    }
  }
  const auto& Rt = m.routes;
  y += "imports:\n";
  Index last_good = kNone;
  for (Index s = 0; s < Rt.size(); ++s) {
    if (Rt.is_domestic[s]) continue;
    if (Rt.good[s] != last_good) {
      last_good = Rt.good[s];
      y += "  " + G.name[last_good] + ":\n    routes:\n";
    }
    y += "      " + Rt.short_name[s] + ": {origin: " + O.name[Rt.origin[s]] + ", corridor: " + Rt.corridor[s] +
         ", capacity_per_day: " + num(Rt.capacity[s]) + ", max_capacity_per_day: " + num(Rt.max_capacity[s]) +
         ", adaptation_per_day: " + num(Rt.adaptation[s]) + ", lead_time_days: " + num(Rt.lead_time_days[s]) +
         ", jitter_days: " + num(Rt.jitter_days[s]) + ", markup: " + num(Rt.markup[s]) + ", markup_slope: " +
         num(Rt.markup_slope[s]) + ", interdiction: " + num(Rt.interdiction[s]) + ", payment_failure: " +
         num(Rt.payment_failure[s]) + ", weight: " + num(Rt.weight[s]) + "}\n";
  }
  return y;
}

std::string generated_scenario_yaml(const GenerateSpec& spec, const GeneratedScenario& o) {
  const std::optional<Date> start = parse_date(o.start);
  if (!start) throw UsageError("start: expected a date YYYY-MM-DD, got '" + o.start + "'");
  const Calendar calendar(*start, o.days);
  std::string y = fmt::format(
      "# A synthetic economy for benchmarks and scale tests, written by `defsim generate`.\n"
      "# The model is expanded in C++ when the scenario is compiled (docs/MODEL.md §11):\n"
      "# {} plants making {} goods in {} tiers, {} inputs drawn per plant, {} regions.\n",
      spec.plants, spec.goods, spec.tiers, spec.inputs, spec.regions);
  y += fmt::format("name: synthetic_n{}\n", spec.plants);
  y += "description: synthetic economy (defsim generate)\n";
  y += "start: " + o.start + "\n";
  y += fmt::format("days: {}\nseed: {}\nreplications: 1\nstochastic: true\n", o.days, o.seed);
  y += o.model_block.empty() ? "model:\n  name: synthetic\n  generate: " + generate_spec_yaml(spec) + "\n"
                             : o.model_block;
  y += "output:\n  frequency: month\n";
  if (spec.plants > kAllVariablesUpTo) {
    y += fmt::format(
        "  # more than {} plants: aggregates only (goods, routes, regions); per-plant series of a\n"
        "  # million plants would need gigabytes\n  variables:\n",
        kAllVariablesUpTo);
    for (const VariableDef& v : variable_registry()) {
      if (v.axis == Axis::goods || v.axis == Axis::routes || v.axis == Axis::regions) y += "    - " + v.path() + "\n";
    }
  }
  if (o.shock && o.days >= 3) {
    y += "events:\n";
    y += "  # a third into the run, China's direct corridor carries 30% of its capacity: orders\n";
    y += "  # move to the other corridors, which fill up, grow and charge more.\n";
    y += "  - path: imports.*.routes.china_direct.capacity_per_day\n";
    y += "    op: scale\n    value: 0.3\n";
    y += "    start: " + to_string(calendar.date_of(o.days / 3)) + "\n";
  }
  return y;
}

std::string expanded_demand_yaml(const Model& m) {
  std::string y = "demand:\n";
  for (Index g = 0; g < m.goods.size(); ++g) {
    if (m.demand.schedule[g].empty()) continue;
    y += "  " + m.goods.name[g] + ": {per_day: " + num(m.demand.schedule[g].front().units_per_day) + "}\n";
  }
  return y;
}

}  // namespace defsim
