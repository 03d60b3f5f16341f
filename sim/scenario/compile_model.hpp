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

// Fills every table of `model` except run settings, demand, events and the initial state.
// Problems go to `issues`; the tables are only meaningful when no issue was recorded.
void compile_model_tables(const Node& root, Model& model, ModelNames& names, IssueList& issues);

// Resolves a reference to a named entity, with a "did you mean" on failure.
std::optional<Index> resolve_name(const NameIndex& index, const Node& node, const std::string& path,
                                  const std::string& what, IssueList& issues);

// Resolves a map key that names an entity (an input good, an origin in machine_tools …),
// reporting at the key's own position.
std::optional<Index> resolve_key(const NameIndex& index, const Node& map, const std::string& key,
                                 const std::string& path, const std::string& what, IssueList& issues);

}  // namespace defsim
