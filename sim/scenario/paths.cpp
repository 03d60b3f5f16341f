#include "scenario/paths.hpp"

#include <fnmatch.h>

#include "scenario/reader.hpp"

namespace defsim {
namespace {

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> parts;
  size_t pos = 0;
  while (true) {
    const size_t dot = path.find('.', pos);
    parts.push_back(path.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos));
    if (dot == std::string::npos) break;
    pos = dot + 1;
  }
  return parts;
}

bool matches(const std::string& pattern, const std::string& name) {
  return fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
}

std::string unknown(const std::string& what, const std::string& got, const std::vector<std::string>& valid) {
  std::string msg = "no " + what + " matches '" + got + "'";
  if (auto near = nearest(got, valid)) msg += "; did you mean '" + *near + "'?";
  if (!valid.empty() && valid.size() <= 40) msg += (msg.back() == '?' ? " " : ". ") + std::string("Valid: ") + join(valid);
  return msg;
}

struct Param {
  const char* name;
  ParamKind kind;
};

}  // namespace

PathResolution resolve_parameter_path(const Model& m, const std::string& path) {
  PathResolution out;
  const auto parts = split(path);
  const std::vector<std::string> roots = {"imports", "goods", "demand", "plants", "regions"};
  auto fail = [&](std::string msg) {
    out.targets.clear();
    out.error = std::move(msg);
    return out;
  };
  auto pick_param = [&](const std::string& got, const std::vector<Param>& params, ParamKind& kind) {
    std::vector<std::string> names;
    for (const auto& p : params) {
      names.emplace_back(p.name);
      if (got == p.name) {
        kind = p.kind;
        return std::string();
      }
    }
    return unknown("parameter", got, names);
  };
  if (parts.empty() || parts[0].empty()) return fail("empty path");

  if (parts[0] == "imports") {
    if (parts.size() != 5 || parts[2] != "routes") {
      return fail("expected imports.<good>.routes.<route>.<parameter>");
    }
    static const std::vector<Param> params = {
        {"capacity_per_day", ParamKind::route_capacity}, {"markup", ParamKind::route_markup},
        {"lead_time_days", ParamKind::route_lead_time}, {"jitter_days", ParamKind::route_jitter},
        {"interdiction", ParamKind::route_interdiction}, {"payment_failure", ParamKind::route_payment_failure},
        {"weight", ParamKind::route_weight}, {"max_capacity_per_day", ParamKind::route_max_capacity},
        {"adaptation_per_day", ParamKind::route_adaptation}, {"markup_slope", ParamKind::route_markup_slope}};
    ParamKind kind{};
    if (auto err = pick_param(parts[4], params, kind); !err.empty()) return fail(err);
    std::vector<std::string> goods_seen, routes_seen;
    bool good_matched = false;
    for (Index s = 0; s < m.routes.size(); ++s) {
      if (m.routes.is_domestic[s]) continue;
      const std::string& g = m.goods.name[m.routes.good[s]];
      goods_seen.push_back(g);
      if (!matches(parts[1], g)) continue;
      good_matched = true;
      routes_seen.push_back(m.routes.short_name[s]);
      if (matches(parts[3], m.routes.short_name[s])) out.targets.push_back({kind, s});
    }
    if (!good_matched) return fail(unknown("imported good", parts[1], goods_seen));
    if (out.targets.empty()) return fail(unknown("route", parts[3], routes_seen));
    return out;
  }
  if (parts[0] == "goods" || parts[0] == "demand") {
    if (parts.size() != 3) {
      return fail(parts[0] == "goods" ? "expected goods.<good>.<parameter>" : "expected demand.<good>.scale");
    }
    static const std::vector<Param> good_params = {{"domestic_share", ParamKind::good_domestic_share},
                                                   {"availability", ParamKind::good_availability},
                                                   {"unit_value_usd", ParamKind::good_unit_value}};
    static const std::vector<Param> demand_params = {{"scale", ParamKind::demand_scale}};
    ParamKind kind{};
    if (auto err = pick_param(parts[2], parts[0] == "goods" ? good_params : demand_params, kind); !err.empty()) {
      return fail(err);
    }
    std::vector<std::string> eligible;
    for (Index g = 0; g < m.goods.size(); ++g) {
      const GoodKind gk = m.goods.kind[g];
      bool ok = true;
      if (kind == ParamKind::demand_scale) ok = gk == GoodKind::final_good;
      if (kind == ParamKind::good_availability) ok = gk == GoodKind::service;
      if (kind == ParamKind::good_domestic_share) {
        ok = m.goods.makers.size(g) > 0 && m.goods.import_routes.size(g) > 0;
      }
      if (!ok) continue;
      eligible.push_back(m.goods.name[g]);
      if (matches(parts[1], m.goods.name[g])) out.targets.push_back({kind, g});
    }
    if (out.targets.empty()) {
      const std::string what = kind == ParamKind::demand_scale        ? "final good"
                               : kind == ParamKind::good_availability ? "service good"
                               : kind == ParamKind::good_domestic_share
                                   ? "good with both domestic makers and import routes"
                                   : "good";
      return fail(unknown(what, parts[1], eligible));
    }
    return out;
  }
  if (parts[0] == "plants") {
    if (parts.size() != 3) return fail("expected plants.<plant>.availability");
    static const std::vector<Param> params = {{"availability", ParamKind::plant_availability}};
    ParamKind kind{};
    if (auto err = pick_param(parts[2], params, kind); !err.empty()) return fail(err);
    for (Index i = 0; i < m.plants.size(); ++i) {
      if (matches(parts[1], m.plants.name[i])) out.targets.push_back({kind, i});
    }
    if (out.targets.empty()) return fail(unknown("plant", parts[1], m.plants.name));
    return out;
  }
  if (parts[0] == "regions") {
    if (parts.size() != 3) return fail("expected regions.<region>.<parameter>");
    static const std::vector<Param> params = {{"mobilised_share", ParamKind::region_mobilised_share},
                                              {"emigration_per_day", ParamKind::region_emigration},
                                              {"inflow_per_day", ParamKind::region_inflow}};
    ParamKind kind{};
    if (auto err = pick_param(parts[2], params, kind); !err.empty()) return fail(err);
    for (Index r = 0; r < m.regions.size(); ++r) {
      if (matches(parts[1], m.regions.name[r])) out.targets.push_back({kind, r});
    }
    if (out.targets.empty()) return fail(unknown("region", parts[1], m.regions.name));
    return out;
  }
  return fail(unknown("path root", parts[0], roots));
}

}  // namespace defsim
