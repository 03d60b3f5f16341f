#include "scenario/compile_model.hpp"
#include "scenario/table_rows.hpp"

#include <algorithm>
#include <cmath>


namespace defsim {
// Descriptive text keys allowed in any map of a model file; they never change results.
void allow_notes(MapReader& r) {
  for (const char* k : {"note", "source", "assumption"}) r.text(k, "");
}

RouteChoice read_route_choice(MapReader& r, RouteChoice d) {
  d.beta = r.number("beta", d.beta, Range::at_least(0));
  d.value_of_time = r.number("value_of_time_per_day", d.value_of_time, Range::at_least(0));
  d.value_of_risk = r.number("value_of_risk", d.value_of_risk, Range::at_least(0));
  d.value_of_payment_risk = r.number("value_of_payment_risk", d.value_of_payment_risk, Range::at_least(0));
  d.retry_days = r.number("payment_retry_days", d.retry_days, Range::between(0, 365));
  if (d.retry_days > 0.0 && d.retry_days < 1.0) {
    // The pool releases 1/τ of itself per day: below one day it would release more than it holds.
    r.issues().error(r.get("payment_retry_days")->loc, r.child_path("payment_retry_days"),
                     "must be 0 (bounced orders are cancelled) or at least 1 day, got " +
                         r.get("payment_retry_days")->scalar);
    d.retry_days = 1.0;
  }
  allow_notes(r);
  r.finish();
  return d;
}

Csr build_csr(Index rows, const std::vector<std::pair<Index, Index>>& pairs) {
  Csr csr;
  csr.begin.assign(static_cast<size_t>(rows) + 1, 0);
  for (const auto& [row, item] : pairs) ++csr.begin[static_cast<size_t>(row) + 1];
  for (Index r = 0; r < rows; ++r) csr.begin[r + 1] += csr.begin[r];
  csr.items.resize(pairs.size());
  std::vector<Index> fill(csr.begin.begin(), csr.begin.end() - 1);
  for (const auto& [row, item] : pairs) csr.items[fill[row]++] = item;
  for (Index r = 0; r < rows; ++r) std::sort(csr.items.begin() + csr.begin[r], csr.items.begin() + csr.begin[r + 1]);
  return csr;
}

double per_day_from_per_year(double annual_rate) { return 1.0 - std::pow(1.0 - annual_rate, 1.0 / 365.0); }

namespace {

struct GoodExtras {
  std::vector<const Node*> domestic_share_node;  // (goods) explicit domestic_share, if any
  std::vector<double> domestic_lead_time;        // (goods)
  std::vector<RouteChoice> choice;               // (goods)
  std::vector<const Node*> service_node;         // (goods) service_effect.service node
};

// For a required table of named entities (goods, regions, plants) that is missing, empty or
// not a map: says which, at the table's own position when it has one.
void require_table(const Node* table, const Node& root, const std::string& key, const std::string& what,
                   IssueList& issues) {
  if (table != nullptr && !table->is_map() && table->kind != Node::Kind::null) {
    issues.error(table->loc, key,
                 "expected a map of " + what + "s (name: {...}), got " + std::string(kind_name(table->kind)));
  } else if (table == nullptr || table->map.empty()) {
    issues.error(table ? table->loc : root.loc, key, "the model needs at least one " + what);
  }
}

// Upper bounds on the tables of named entities, far above any real model (the Russia model
// has 16 goods). The start-date steady state solves a dense goods × goods system, O(goods³),
// and plants × origins sizes the capital tables: beyond these an absurd file would take
// minutes or gigabytes instead of giving an error.
struct TableLimit {
  const char* key;
  size_t max;
};
constexpr TableLimit kTableLimits[] = {{"goods", 500}, {"plants", 2000}, {"regions", 500}, {"origins", 100}};

}  // namespace

ModelDefaults read_model_parameters(MapReader& top, Model& model, IssueList& issues) {
  ModelDefaults out;
  PlantDefaults& pd = out.plant;
  RouteChoice& rc_default = out.route_choice;
  double& wage_premium = out.wage_premium;
  if (const Node* params = top.get("parameters")) {
    MapReader pr(*params, "parameters", issues);
    if (const Node* lab = pr.get("labour")) {
      MapReader lr(*lab, "parameters.labour", issues);
      auto& L = model.labour;
      L.hire_rate = lr.number("hire_rate_per_day", L.hire_rate, Range::between(0, 1));
      L.fire_rate = lr.number("fire_rate_per_day", L.fire_rate, Range::between(0, 1));
      L.quit_rate = lr.number("quit_rate_per_day", L.quit_rate, Range::between(0, 0.1));
      L.training_days = lr.number("training_days", L.training_days, Range::at_least(1));
      L.matching_elasticity = lr.number("matching_elasticity", L.matching_elasticity, Range{0, 1, true, true});
      L.quit_wage_sensitivity = lr.number("quit_wage_sensitivity", L.quit_wage_sensitivity, Range::between(0, 50));
      L.hiring_wage_elasticity = lr.number("hiring_wage_elasticity", L.hiring_wage_elasticity, Range::between(0, 50));
      L.wage_adjustment = lr.number("wage_adjustment_per_day", L.wage_adjustment, Range::between(0, 1));
      L.wage_cap = lr.number("wage_cap", L.wage_cap, Range::between(0, 10));
      L.civilian_spillover = lr.number("civilian_spillover", L.civilian_spillover, Range::unit());
      L.hours_normal = lr.number("hours_normal", L.hours_normal, Range::above(0));
      L.hours_max = lr.number("hours_max", L.hours_max, Range::above(0));
      L.overtime_elasticity = lr.number("overtime_elasticity", L.overtime_elasticity, Range::unit());
      L.hours_adjustment_days = lr.number("hours_adjustment_days", L.hours_adjustment_days, Range::at_least(1));
      L.exempt_share = lr.number("exempt_share", L.exempt_share, Range::unit());
      wage_premium = lr.number("defense_wage_premium", wage_premium, Range::above(0));
      if (L.hours_max < L.hours_normal) {
        issues.error(lab->loc, "parameters.labour.hours_max", "must be >= hours_normal");
      }
      allow_notes(lr);
      lr.finish();
    }
    if (const Node* cp = pr.get("capital")) {
      MapReader cr(*cp, "parameters.capital", issues);
      auto& C = model.capital;
      C.installation_days = cr.number("installation_days", C.installation_days, Range::at_least(1));
      C.price_smoothing_days = cr.number("price_smoothing_days", C.price_smoothing_days, Range::at_least(1));
      allow_notes(cr);
      cr.finish();
    }
    if (const Node* rc = pr.get("route_choice")) {
      MapReader rr(*rc, "parameters.route_choice", issues);
      rc_default = read_route_choice(rr, rc_default);
    }
    if (const Node* dn = pr.get("plant_defaults")) {
      MapReader dr(*dn, "parameters.plant_defaults", issues);
      pd.ces_alpha = dr.number("ces_alpha", pd.ces_alpha, Range{0, 1, false, true});
      pd.ces_sigma = dr.number("ces_sigma", pd.ces_sigma, Range::between(0, 20));
      pd.trainee_productivity = dr.number("trainee_productivity", pd.trainee_productivity, Range::unit());
      pd.order_book_days = dr.number("order_book_days", pd.order_book_days, Range::at_least(1));
      pd.backlog_tau_days = dr.number("backlog_tau_days", pd.backlog_tau_days, Range::at_least(1));
      pd.planning_tau_days = dr.number("planning_tau_days", pd.planning_tau_days, Range::at_least(1));
      pd.inventory_tau_days = dr.number("inventory_tau_days", pd.inventory_tau_days, Range::at_least(1));
      pd.capital_tau_days = dr.number("capital_tau_days", pd.capital_tau_days, Range::at_least(1));
      pd.inventory_days = dr.number("inventory_days", pd.inventory_days, Range::at_least(0));
      pd.criticality = dr.number("criticality", pd.criticality, Range::unit());
      allow_notes(dr);
      dr.finish();
    }
    allow_notes(pr);
    pr.finish();
  }
  return out;
}

std::optional<Index> resolve_name(const NameIndex& index, const Node& node, const std::string& path,
                                  const std::string& what, IssueList& issues) {
  const auto name = to_text(node, path, issues);
  if (!name) return std::nullopt;
  if (auto row = index.find(*name)) return row;
  std::string msg = "unknown " + what + " '" + *name + "'";
  if (auto near = nearest(*name, index.names)) msg += "; did you mean '" + *near + "'?";
  if (!index.names.empty() && index.names.size() <= 40) msg += (msg.back() == '?' ? " " : ". ") + std::string("Defined: ") + join(index.names);
  issues.error(node.loc, path, msg);
  return std::nullopt;
}

std::optional<Index> resolve_key(const NameIndex& index, const Node& map, const std::string& key,
                                 const std::string& path, const std::string& what, IssueList& issues) {
  Node ref;
  ref.kind = Node::Kind::scalar;
  ref.scalar = key;
  ref.loc = key_loc(map, key);
  return resolve_name(index, ref, path, what, issues);
}

void compile_model_tables(const Node& root, Model& model, ModelNames& names, IssueList& issues) {
  if (root.is_map() && root.find("generate") != nullptr) {
    // A synthetic economy expanded in C++ (scenario/generate.cpp), with its own limits.
    compile_generated_model(root, model, names, issues);
    return;
  }
  bool too_large = false;
  for (const TableLimit& limit : kTableLimits) {
    const Node* table = root.is_map() ? root.find(limit.key) : nullptr;
    if (table == nullptr || !table->is_map() || table->map.size() <= limit.max) continue;
    issues.error(key_loc(root, limit.key), limit.key,
                 "the model has " + std::to_string(table->map.size()) + " " + limit.key + "; at most " +
                     std::to_string(limit.max) + " are supported");
    too_large = true;
  }
  if (too_large) return;
  MapReader top(root, "", issues);
  model.run.model_name = top.text("name", "model");
  top.text("description", "");
  allow_notes(top);

  // --- parameters -------------------------------------------------------------------
  ModelDefaults defaults = read_model_parameters(top, model, issues);
  const PlantDefaults& pd = defaults.plant;
  const RouteChoice rc_default = defaults.route_choice;
  const double wage_premium = defaults.wage_premium;
  static const Node kEmpty{};

  // --- origins ------------------------------------------------------------------------
  auto& O = model.origins;
  std::vector<const Node*> parts_nodes;  // resolved once goods are known
  auto add_origin = [&](const std::string& name, double annual, const Node* parts, double per_tool, double decay,
                        double recovery) {
    names.origins.add(name);
    O.name.push_back(name);
    O.depreciation_per_day.push_back(per_day_from_per_year(annual));
    parts_nodes.push_back(parts);
    O.parts_per_tool_per_day.push_back(per_tool);
    O.health_decay_per_day.push_back(decay);
    O.health_recovery_per_day.push_back(recovery);
  };
  if (const Node* on = top.get("origins")) {
    MapReader orr(*on, "origins", issues);
    for (const auto& [name, node] : on->is_map() ? on->map : kEmpty.map) {
      MapReader r(node, "origins." + name, issues);
      const double annual = r.number("depreciation_per_year", 0.05, Range{0, 1, false, true});
      const Node* parts = r.get("parts_good");
      const double per_tool = r.number("parts_per_tool_per_day", 0.0, Range::at_least(0));
      const double decay = r.number("health_decay_per_day", 0.002, Range::unit());
      const double recovery = r.number("health_recovery_per_day", 0.01, Range::unit());
      if (parts != nullptr && per_tool <= 0.0) {
        issues.error(parts->loc, "origins." + name + ".parts_per_tool_per_day",
                     "a parts good needs parts_per_tool_per_day > 0");
      }
      add_origin(name, annual, parts, per_tool, decay, recovery);
      allow_notes(r);
      r.finish();
      orr.get(name);
    }
    orr.finish();
  }
  if (!names.origins.find("domestic")) add_origin("domestic", 0.05, nullptr, 0.0, 0.002, 0.01);
  O.domestic = *names.origins.find("domestic");

  // --- goods --------------------------------------------------------------------------
  auto& G = model.goods;
  GoodExtras gx;
  const Node* goods_node = top.get("goods");
  require_table(goods_node, root, "goods", "good", issues);
  std::vector<const Node*> service_effect_nodes;
  if (goods_node != nullptr && goods_node->is_map()) {
    MapReader gr(*goods_node, "goods", issues);
    for (const auto& [name, node] : goods_node->map) {
      gr.get(name);
      const std::string path = "goods." + name;
      MapReader r(node, path, issues);
      names.goods.add(name);
      G.name.push_back(name);
      const std::string kind = r.choice("kind", "component", {"final", "component", "capital", "service"});
      r.require("kind");
      G.kind.push_back(kind == "final" ? GoodKind::final_good
                       : kind == "capital" ? GoodKind::capital
                       : kind == "service" ? GoodKind::service
                                           : GoodKind::component);
      G.unit.push_back(r.text("unit", "unit"));
      r.require("unit");
      r.text("description", "");
      G.unit_value_usd.push_back(r.number("unit_value_usd", 1.0, Range::above(0)));
      r.require("unit_value_usd");
      gx.domestic_share_node.push_back(r.get("domestic_share"));
      G.domestic_share.push_back(r.number("domestic_share", -1.0, Range::unit()));
      gx.domestic_lead_time.push_back(r.number("domestic_lead_time_days", 7.0, Range::at_least(1)));
      G.spill_to_domestic.push_back(r.flag("spill_to_domestic", true) ? 1 : 0);
      const Node* avail = r.get("availability");
      if (avail != nullptr && kind != "service") {
        issues.error(avail->loc, path + ".availability", "only service goods have an availability");
      }
      G.availability.push_back(r.number("availability", 1.0, Range::unit()));
      gx.choice.push_back(rc_default);
      const Node* se = r.get("service_effect");
      service_effect_nodes.push_back(se);
      if (se != nullptr && kind != "final") {
        issues.error(se->loc, path + ".service_effect", "only final goods can depend on a service");
      }
      allow_notes(r);
      r.finish();
    }
    gr.finish();
  }
  const Index n_goods = G.size();
  auto& D = model.demand;
  D.schedule.assign(n_goods, {});
  D.service.assign(n_goods, kNone);
  D.service_elasticity.assign(n_goods, 0.0);
  for (Index g = 0; g < n_goods; ++g) {
    const Node* se = service_effect_nodes[g];
    if (se == nullptr || G.kind[g] != GoodKind::final_good) continue;
    const std::string path = "goods." + G.name[g] + ".service_effect";
    MapReader r(*se, path, issues);
    if (const Node* s = r.get("service")) {
      if (auto row = resolve_name(names.goods, *s, path + ".service", "good", issues)) {
        if (G.kind[*row] != GoodKind::service) {
          issues.error(s->loc, path + ".service", "'" + G.name[*row] + "' is not a service good");
        } else {
          D.service[g] = *row;
        }
      }
    }
    r.require("service");
    D.service_elasticity[g] = r.number("elasticity", 0.0, Range::unit());
    r.require("elasticity");
    allow_notes(r);
    r.finish();
  }

  O.parts_good.assign(O.size(), kNone);
  for (Index o = 0; o < O.size(); ++o) {
    if (parts_nodes[o] == nullptr) continue;
    const std::string path = "origins." + O.name[o] + ".parts_good";
    if (auto g = resolve_name(names.goods, *parts_nodes[o], path, "good", issues)) {
      if (G.kind[*g] != GoodKind::component) {
        issues.error(parts_nodes[o]->loc, path, "spare parts must be a component good");
      } else {
        O.parts_good[o] = *g;
      }
    }
  }

  // --- regions ------------------------------------------------------------------------
  auto& R = model.regions;
  const Node* regions_node = top.get("regions");
  require_table(regions_node, root, "regions", "region", issues);
  if (const Node* rn = regions_node; rn != nullptr && rn->is_map()) {
    MapReader rr(*rn, "regions", issues);
    for (const auto& [name, node] : rn->map) {
      rr.get(name);
      MapReader r(node, "regions." + name, issues);
      names.regions.add(name);
      R.name.push_back(name);
      R.labour_force.push_back(r.required_number("labour_force", Range::above(0)).value_or(1.0));
      R.available_workers.push_back(r.required_number("available_workers", Range::at_least(0)).value_or(0.0));
      R.civilian_wage.push_back(r.number("civilian_wage", 1.0, Range::above(0)));
      allow_notes(r);
      r.finish();
    }
    rr.finish();
  }

  // --- capital goods ------------------------------------------------------------------
  std::vector<Index> capital_goods;
  for (Index g = 0; g < n_goods; ++g) {
    if (G.kind[g] == GoodKind::capital) capital_goods.push_back(g);
  }

  // --- plants and their demand slots --------------------------------------------------
  auto& P = model.plants;
  auto& S = model.slots;
  std::vector<std::pair<Index, Index>> plant_slots, region_plants, good_makers, sub_pairs;
  std::vector<double> capital_init;  // (plants x origins), filled once origins are final
  const Index n_origins = O.size();
  const Node* plants_node = top.get("plants");
  require_table(plants_node, root, "plants", "plant", issues);
  auto add_slot = [&](Index plant, Index good, SlotKind kind, double coef, double crit, double days,
                      Index primary, double eff) {
    const Index row = append_slot(S, {plant, good, kind, coef, crit, days, primary, eff});
    plant_slots.emplace_back(plant, row);
    return row;
  };
  if (plants_node != nullptr && plants_node->is_map()) {
    MapReader plr(*plants_node, "plants", issues);
    for (const auto& [name, node] : plants_node->map) {
      plr.get(name);
      const std::string path = "plants." + name;
      MapReader r(node, path, issues);
      const Index i = names.plants.add(name);
      P.name.push_back(name);
      Index good = kNone;
      if (const Node* gn = r.get("good")) {
        if (auto row = resolve_name(names.goods, *gn, path + ".good", "good", issues)) {
          good = *row;
          if (G.kind[good] == GoodKind::service) {
            issues.error(gn->loc, path + ".good", "plants cannot make the service '" + G.name[good] + "'");
          }
        }
      }
      r.require("good");
      Index region = kNone;
      if (const Node* rn = r.get("region")) {
        if (auto row = resolve_name(names.regions, *rn, path + ".region", "region", issues)) region = *row;
      }
      r.require("region");
      P.good.push_back(good);
      P.region.push_back(region);
      if (good != kNone) good_makers.emplace_back(good, i);
      if (region != kNone) region_plants.emplace_back(region, i);
      P.capacity_ref.push_back(r.required_number("capacity_per_day", Range::above(0)).value_or(1.0));
      const double workers = r.required_number("workers", Range::above(0)).value_or(1.0);
      P.labour_ref.push_back(workers);  // headcount for now; effective labour set by the steady state
      P.ces_alpha.push_back(r.number("ces_alpha", pd.ces_alpha, Range{0, 1, false, true}));
      P.ces_sigma.push_back(r.number("ces_sigma", pd.ces_sigma, Range::between(0, 20)));
      P.trainee_productivity.push_back(r.number("trainee_productivity", pd.trainee_productivity, Range::unit()));
      P.max_workers.push_back(r.number("max_workers", 3.0 * workers, Range::above(0)));
      if (const Node* mw = r.get("max_workers")) {
        if (P.max_workers.back() < workers) {
          issues.error(mw->loc, path + ".max_workers", "must be >= workers (" + mw->scalar + " < workers)");
        }
      }
      P.min_workers.push_back(r.number("min_workers", workers, Range::at_least(0)));
      const double civilian = region != kNone ? R.civilian_wage[region] : 1.0;
      P.wage_ref.push_back(r.number("wage", civilian * wage_premium, Range::above(0)));
      if (P.min_workers.back() > P.max_workers.back()) {
        issues.error(r.has("min_workers") ? r.get("min_workers")->loc : node.loc, path + ".min_workers",
                     "must not exceed max_workers");
      }
      P.target_utilisation.push_back(r.number("target_utilisation", -1.0, Range{0, 1, true, false}));
      P.order_book_days.push_back(r.number("order_book_days", pd.order_book_days, Range::at_least(1)));
      P.backlog_tau_days.push_back(r.number("backlog_tau_days", pd.backlog_tau_days, Range::at_least(1)));
      P.planning_tau_days.push_back(r.number("planning_tau_days", pd.planning_tau_days, Range::at_least(1)));
      P.inventory_tau_days.push_back(r.number("inventory_tau_days", pd.inventory_tau_days, Range::at_least(1)));
      P.capital_tau_days.push_back(r.number("capital_tau_days", pd.capital_tau_days, Range::at_least(1)));

      // Capital: installed tools by origin.
      capital_init.resize(static_cast<size_t>(P.size()) * n_origins, 0.0);
      double k_total = 0.0;
      const Node* tools = r.get("machine_tools");
      if (tools != nullptr) {
        MapReader tr(*tools, path + ".machine_tools", issues);
        for (const auto& [origin, count] : tools->is_map() ? tools->map : kEmpty.map) {
          if (origin == "note" || origin == "source" || origin == "assumption") continue;
          tr.get(origin);
          const std::string opath = path + ".machine_tools." + origin;
          const auto o = resolve_key(names.origins, *tools, origin, opath, "origin", issues);
          const auto v = to_number(count, opath, issues);
          if (v && *v < 0) issues.error(count.loc, opath, "must be >= 0, got " + count.scalar);
          if (o && v && *v >= 0) {
            capital_init[static_cast<size_t>(i) * n_origins + *o] += *v;
            k_total += *v;
          }
        }
        allow_notes(tr);
        tr.finish();
      }
      P.capital_ref.push_back(k_total);
      Index cap_good = kNone;
      if (const Node* cg = r.get("capital_good")) {
        if (auto row = resolve_name(names.goods, *cg, path + ".capital_good", "good", issues)) {
          if (G.kind[*row] != GoodKind::capital) {
            issues.error(cg->loc, path + ".capital_good", "'" + G.name[*row] + "' is not a capital good");
          } else {
            cap_good = *row;
          }
        }
      } else if (tools != nullptr && k_total > 0) {
        if (capital_goods.size() == 1) {
          cap_good = capital_goods.front();
        } else if (capital_goods.empty()) {
          issues.error(tools->loc, path + ".machine_tools",
                       "the plant has machine tools but the model has no capital good to replace them");
        } else {
          issues.error(tools->loc, path + ".capital_good",
                       "several capital goods exist; say which one this plant's tools are");
        }
      }
      if (k_total <= 0) {
        // Without tools, output depends on labour alone (α = 0), whatever the default.
        P.ces_alpha.back() = 0.0;
        cap_good = kNone;
      }
      P.capital_good.push_back(cap_good);

      // Inputs, their substitutes, then the capital slot.
      if (const Node* in = r.get("inputs")) {
        MapReader ir(*in, path + ".inputs", issues);
        for (const auto& [gname, spec] : in->is_map() ? in->map : kEmpty.map) {
          if (gname == "note" || gname == "source" || gname == "assumption") {
            ir.get(gname);
            continue;
          }
          ir.get(gname);
          const std::string ipath = path + ".inputs." + gname;
          const SourceLoc gloc = key_loc(*in, gname);
          const auto ig = resolve_key(names.goods, *in, gname, ipath, "good", issues);
          MapReader sr(spec, ipath, issues);
          const double coef = sr.required_number("per_unit", Range::above(0)).value_or(1.0);
          const double crit = sr.number("criticality", pd.criticality, Range::unit());
          const double days = sr.number("inventory_days", pd.inventory_days, Range::at_least(0));
          if (ig && G.kind[*ig] != GoodKind::component) {
            issues.error(gloc, ipath,
                         "inputs must be component goods; '" + gname + "' is " + std::string(to_string(G.kind[*ig])));
          }
          if (ig && *ig == good) issues.error(gloc, ipath, "a plant cannot use its own output as an input");
          const Index slot = add_slot(i, ig.value_or(kNone), SlotKind::input, coef, crit, days, kNone, 1.0);
          if (const Node* subs = sr.get("substitutes")) {
            MapReader subr(*subs, ipath + ".substitutes", issues);
            for (const auto& [sname, eff_node] : subs->is_map() ? subs->map : kEmpty.map) {
              subr.get(sname);
              const std::string spath = ipath + ".substitutes." + sname;
              const SourceLoc sloc = key_loc(*subs, sname);
              const auto sg = resolve_key(names.goods, *subs, sname, spath, "good", issues);
              const auto eff = to_number(eff_node, spath, issues);
              if (eff && !(*eff > 0 && *eff <= 1)) {
                issues.error(eff_node.loc, spath, "efficiency must be in (0, 1], got " + eff_node.scalar);
              }
              if (sg && G.kind[*sg] != GoodKind::component) {
                issues.error(sloc, spath, "substitutes must be component goods");
              }
              if (sg && ig && *sg == *ig) issues.error(sloc, spath, "an input cannot substitute for itself");
              const double q = (eff && *eff > 0 && *eff <= 1) ? *eff : 1.0;
              const Index sub =
                  add_slot(i, sg.value_or(kNone), SlotKind::substitute, coef / q, 0.0, days, slot, q);
              sub_pairs.emplace_back(slot, sub);
            }
            subr.finish();
          }
          allow_notes(sr);
          sr.finish();
        }
        ir.finish();
      }
      if (cap_good != kNone) {
        add_slot(i, cap_good, SlotKind::capital, 0.0, 0.0, 0.0, kNone, 1.0);
        // Spare parts for every origin whose tools need them: tools of that origin may
        // arrive later even if the plant has none today.
        for (Index o = 0; o < n_origins; ++o) {
          if (O.parts_good[o] == kNone) continue;
          const Index slot = add_slot(i, O.parts_good[o], SlotKind::parts, O.parts_per_tool_per_day[o], 0.0,
                                      pd.inventory_days, kNone, 1.0);
          S.origin[slot] = o;
        }
      }
      allow_notes(r);
      r.finish();
    }
    plr.finish();
  }
  // A good held in two slots of one plant would be double-booked on arrival.
  {
    std::vector<std::pair<Index, Index>> seen;
    for (Index s = 0; s < S.size(); ++s) {
      if (S.good[s] != kNone) seen.emplace_back(S.plant[s], S.good[s]);  // kNone: an unknown good, reported
    }
    std::vector<std::pair<Index, Index>> sorted = seen;
    std::sort(sorted.begin(), sorted.end());
    for (size_t k = 1; k < sorted.size(); ++k) {
      if (sorted[k] == sorted[k - 1]) {
        issues.error(key_loc(*plants_node, P.name[sorted[k].first]), "plants." + P.name[sorted[k].first],
                     "good '" + G.name[sorted[k].second] + "' appears twice among this plant's inputs, substitutes and tools");
      }
    }
  }

  // --- import routes ------------------------------------------------------------------
  auto& Rt = model.routes;
  std::vector<std::pair<Index, Index>> good_imports;
  const Node* imports_node = top.get("imports");
  if (imports_node != nullptr && !imports_node->is_map() && imports_node->kind != Node::Kind::null) {
    issues.error(imports_node->loc, "imports",
                 "expected a map of imported goods (good: {routes: ...}), got " +
                     std::string(kind_name(imports_node->kind)));
  }
  if (const Node* imp = imports_node; imp != nullptr && imp->is_map()) {
    MapReader ir(*imp, "imports", issues);
    for (const auto& [gname, gnode] : imp->map) {
      ir.get(gname);
      const std::string gpath = "imports." + gname;
      const SourceLoc gloc = key_loc(*imp, gname);
      const auto g = resolve_key(names.goods, *imp, gname, gpath, "good", issues);
      if (g && G.kind[*g] != GoodKind::component && G.kind[*g] != GoodKind::capital) {
        issues.error(gloc, gpath,
                     "only component and capital goods can be imported; '" + gname + "' is " +
                         std::string(to_string(G.kind[*g])) + " (import its parts as a component instead)");
      }
      MapReader gr(gnode, gpath, issues);
      if (const Node* rc = gr.get("route_choice")) {
        MapReader rr(*rc, gpath + ".route_choice", issues);
        const RouteChoice c = read_route_choice(rr, rc_default);
        if (g) gx.choice[*g] = c;
      }
      const Node* routes = gr.get("routes");
      if (routes == nullptr || !routes->is_map() || routes->map.empty()) {
        issues.error(routes ? routes->loc : gnode.loc, gpath + ".routes", "an imported good needs at least one route");
      }
      if (routes != nullptr && routes->is_map()) {
        MapReader rr(*routes, gpath + ".routes", issues);
        for (const auto& [rname, rnode] : routes->map) {
          rr.get(rname);
          const std::string rpath = gpath + ".routes." + rname;
          if (rname == "domestic") issues.error(key_loc(*routes, rname), rpath, "'domestic' is reserved for domestic makers");
          MapReader r(rnode, rpath, issues);
          Index origin = O.domestic;
          if (const Node* on = r.get("origin")) {
            if (auto row = resolve_name(names.origins, *on, rpath + ".origin", "origin", issues)) origin = *row;
          }
          r.require("origin");
          RouteRow row;
          row.name = gname + "/" + rname;
          row.short_name = rname;
          row.good = g.value_or(0);
          row.origin = origin;
          row.corridor = r.text("corridor", "");
          r.require("corridor");
          row.capacity = r.required_number("capacity_per_day", Range::at_least(0)).value_or(0.0);
          row.markup = r.number("markup", 0.0, Range::at_least(0));
          row.lead_time_days = r.required_number("lead_time_days", Range::at_least(1)).value_or(1.0);
          row.jitter_days = r.number("jitter_days", 0.0, Range::at_least(0));
          row.interdiction = r.number("interdiction", 0.0, Range{0, 1, false, true});
          row.payment_failure = r.number("payment_failure", 0.0, Range{0, 1, false, true});
          row.weight = r.number("weight", 1.0, Range::above(0));
          row.max_capacity = r.number("max_capacity_per_day", row.capacity, Range::at_least(0));
          if (row.max_capacity < row.capacity) {
            issues.error(r.get("max_capacity_per_day")->loc, rpath + ".max_capacity_per_day",
                         "must be >= capacity_per_day");
          }
          row.adaptation = r.number("adaptation_per_day", 0.0, Range::unit());
          row.markup_slope = r.number("markup_slope", 0.0, Range::at_least(0));
          row.markup_exponent = r.number("markup_exponent", 2.0, Range::between(0.1, 20));
          row.markup_adjustment_days = r.number("markup_adjustment_days", 1.0, Range::between(1, 3650));
          if (row.jitter_days >= row.lead_time_days) {
            issues.error(rnode.loc, rpath + ".jitter_days", "must be smaller than lead_time_days");
          }
          const Index s = append_route(Rt, row);
          if (g) good_imports.emplace_back(*g, s);
          allow_notes(r);
          r.finish();
        }
        rr.finish();
      }
      allow_notes(gr);
      gr.finish();
    }
    ir.finish();
  }
  allow_notes(top);
  top.finish();
  if (!issues.empty()) return;

  // --- derived structure --------------------------------------------------------------
  G.route_beta.resize(n_goods);
  G.value_of_time.resize(n_goods);
  G.value_of_risk.resize(n_goods);
  G.value_of_payment_risk.resize(n_goods);
  G.payment_retry_days.resize(n_goods);
  for (Index g = 0; g < n_goods; ++g) {
    G.route_beta[g] = gx.choice[g].beta;
    G.value_of_time[g] = gx.choice[g].value_of_time;
    G.value_of_risk[g] = gx.choice[g].value_of_risk;
    G.value_of_payment_risk[g] = gx.choice[g].value_of_payment_risk;
    G.payment_retry_days[g] = gx.choice[g].retry_days;
  }
  G.makers = build_csr(n_goods, good_makers);
  G.import_routes = build_csr(n_goods, good_imports);
  G.domestic_route.assign(n_goods, kNone);
  std::vector<std::pair<Index, Index>> good_routes = good_imports;
  for (Index g = 0; g < n_goods; ++g) {
    const bool made = G.makers.size(g) > 0;
    const bool imported = G.import_routes.size(g) > 0;
    const Node* share_node = gx.domestic_share_node[g];
    const std::string path = "goods." + G.name[g];
    if (G.kind[g] == GoodKind::component || G.kind[g] == GoodKind::capital) {
      if (made && imported && share_node == nullptr) {
        issues.error(goods_node->loc, path + ".domestic_share",
                     "'" + G.name[g] + "' has domestic makers and import routes: say which share of orders goes to domestic makers");
      }
      if (!made && share_node != nullptr && G.domestic_share[g] > 0) {
        issues.error(share_node->loc, path + ".domestic_share", "no plant makes '" + G.name[g] + "', so the share must be 0");
      }
      if (!imported && share_node != nullptr && G.domestic_share[g] < 1) {
        issues.error(share_node->loc, path + ".domestic_share", "'" + G.name[g] + "' has no import route, so the share must be 1");
      }
      if (share_node == nullptr) G.domestic_share[g] = made ? 1.0 : 0.0;
    } else {
      if (share_node != nullptr) {
        issues.error(share_node->loc, path + ".domestic_share", "only component and capital goods have a domestic share");
      }
      G.domestic_share[g] = G.kind[g] == GoodKind::final_good ? 1.0 : 0.0;
    }
    if (G.kind[g] == GoodKind::final_good && !made) {
      issues.error(goods_node->loc, path, "no plant makes the final good '" + G.name[g] + "'");
    }
    if (made && (G.kind[g] == GoodKind::component || G.kind[g] == GoodKind::capital)) {
      const Index s = append_route(Rt, domestic_channel(G.name[g], g, O.domestic, gx.domestic_lead_time[g]));
      G.domestic_route[g] = s;
      good_routes.emplace_back(g, s);
    }
  }
  G.routes = build_csr(n_goods, good_routes);
  std::vector<std::pair<Index, Index>> good_slots;
  for (Index s = 0; s < S.size(); ++s) {
    good_slots.emplace_back(S.good[s], s);
    const Index g = S.good[s];
    if (G.makers.size(g) == 0 && G.import_routes.size(g) == 0) {
      issues.error(plants_node->loc, "plants." + P.name[S.plant[s]] + ".inputs",
                   "nothing supplies '" + G.name[g] + "': no plant makes it and no import route brings it");
    }
  }
  G.customer_slots = build_csr(n_goods, good_slots);
  R.plants = build_csr(R.size(), region_plants);
  P.slots = build_csr(P.size(), plant_slots);
  S.substitutes = build_csr(S.size(), sub_pairs);
  // Substitute slots were created right after their primary in declaration order, so the
  // ascending CSR order is also the preference order.
  P.capital_slot.assign(P.size(), kNone);
  for (Index s = 0; s < S.size(); ++s) {
    if (S.kind[s] == SlotKind::capital) P.capital_slot[S.plant[s]] = s;
  }
  model.init.capital = std::move(capital_init);
  model.init.capital.resize(static_cast<size_t>(P.size()) * n_origins, 0.0);
}

}  // namespace defsim
