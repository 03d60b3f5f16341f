#pragma once
// Model-file half of the compiler: goods, origins, regions, plants and their demand slots,
// import routes and the domestic channels. Internal to scenario/.
#include <string>
#include <unordered_map>

#include "core/model.hpp"
#include "scenario/reader.hpp"

namespace defsim {

struct NameIndex {
  std::unordered_map<std::string, Index> rows;
  std::vector<std::string> names;
  Index add(const std::string& name) {
    const auto row = static_cast<Index>(names.size());
    rows.emplace(name, row);
    names.push_back(name);
    return row;
  }
  std::optional<Index> find(const std::string& name) const {
    const auto it = rows.find(name);
    if (it == rows.end()) return std::nullopt;
    return it->second;
  }
};

struct ModelNames {
  NameIndex goods, origins, regions, plants;
};

// Defaults a model's `parameters` block sets for every plant and route.
struct PlantDefaults {
  double ces_alpha = 0.35, ces_sigma = 0.5, trainee_productivity = 0.5, order_book_days = 30,
         backlog_tau_days = 60, planning_tau_days = 30, inventory_tau_days = 20, capital_tau_days = 180,
         inventory_days = 60, criticality = 1.0;
};
struct RouteChoice {
  double beta = 5.0, value_of_time = 0.002, value_of_risk = 1.0, value_of_payment_risk = 0.5, retry_days = 14.0;
};
struct ModelDefaults {
  PlantDefaults plant;
  RouteChoice route_choice;
  double wage_premium = 1.0;  // default plant wage = civilian wage of its region × this
};

// Reads the optional `parameters` block of a model map (labour and capital parameters go
// straight into `model`); returns the plant and route-choice defaults it sets.
ModelDefaults read_model_parameters(MapReader& top, Model& model, IssueList& issues);
RouteChoice read_route_choice(MapReader& r, RouteChoice defaults);
// Declares the descriptive keys (note, source, assumption) valid in a map.
void allow_notes(MapReader& r);
// Compressed rows from (row, item) pairs; items of each row ascending.
Csr build_csr(Index rows, const std::vector<std::pair<Index, Index>>& pairs);
// Daily rate with the same compound effect over 365 days as an annual rate.
double per_day_from_per_year(double annual_rate);

// Fills every table of `model` except run settings, demand, events and the initial state.
// Problems go to `issues`; the tables are only meaningful when no issue was recorded.
// A model map with a `generate:` key is a synthetic economy: see scenario/generate.hpp.
void compile_model_tables(const Node& root, Model& model, ModelNames& names, IssueList& issues);

// The synthetic-model half of compile_model_tables (scenario/generate.cpp): reads the
// `generate:` parameters and `parameters`, and expands them into the tables and the
// default demand schedules of the final goods.
void compile_generated_model(const Node& root, Model& model, ModelNames& names, IssueList& issues);

// Resolves a reference to a named entity, with a "did you mean" on failure.
std::optional<Index> resolve_name(const NameIndex& index, const Node& node, const std::string& path,
                                  const std::string& what, IssueList& issues);

// Resolves a map key that names an entity (an input good, an origin in machine_tools …),
// reporting at the key's own position.
std::optional<Index> resolve_key(const NameIndex& index, const Node& map, const std::string& key,
                                 const std::string& path, const std::string& what, IssueList& issues);

}  // namespace defsim
