// Loading side of the compiler: extends chains, model files, command-line overrides.
#include <algorithm>
#include <filesystem>

#include "scenario/compile.hpp"
#include "scenario/reader.hpp"

namespace defsim {
namespace fs = std::filesystem;

const std::vector<std::string>& scenario_keys() {
  static const std::vector<std::string> keys = {
      "extends", "name", "description", "model", "start", "end", "days", "seed", "replications",
      "stochastic", "max_lead_time_days", "demand", "events", "output"};
  return keys;
}

const std::vector<std::string>& model_keys() {
  static const std::vector<std::string> keys = {"name",    "description", "parameters", "origins", "goods",
                                                "regions", "plants",      "imports",    "generate"};
  return keys;
}

namespace {

std::string dir_of(const std::string& file) {
  const fs::path p(file);
  return p.has_parent_path() ? p.parent_path().string() : std::string(".");
}

std::string join_path(const std::string& dir, const std::string& rel) {
  const fs::path p(rel);
  if (p.is_absolute()) return rel;
  return (fs::path(dir) / p).lexically_normal().string();
}

// Checks that `path` names a readable regular file before it is opened: a device or FIFO
// (`model: /dev/zero`) would never end, a directory reads as nothing. Reported at `from`,
// the value that named the file. Uses the non-throwing std::filesystem calls: a name that is
// too long or a directory without permission is bad input, not an unexpected failure.
void check_input_file(const std::string& path, const SourceLoc& from, const std::string& key,
                      const std::string& not_found) {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (st.type() == fs::file_type::not_found) throw ScenarioError({{from, key, not_found + path}});
  if (ec) throw ScenarioError({{from, key, "cannot read " + path + ": " + ec.message()}});
  if (st.type() != fs::file_type::regular) throw ScenarioError({{from, key, "not a regular file: " + path}});
}

// Loads `path` and everything it extends; the returned tree is base ← … ← path.
Node load_with_extends(const std::string& path, std::vector<std::string>& chain, const SourceLoc& from) {
  std::error_code ec;
  std::string canonical = fs::weakly_canonical(fs::path(path), ec).string();
  if (ec) canonical = path;
  if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
    std::string cycle;
    for (const auto& c : chain) cycle += c + " -> ";
    throw ScenarioError({{from, "extends", "extends cycle: " + cycle + canonical}});
  }
  // `from` is the `extends:` value that names this file, or (line 0) the command line.
  check_input_file(path, from, from.line > 0 ? "extends" : "", "file not found: ");
  chain.push_back(canonical);
  Node own = load_yaml_file(path);
  if (own.kind == Node::Kind::null) {
    throw ScenarioError({{SourceLoc{path, 1, 1}, "", "empty file: expected a scenario (a map of keys)"}});
  }
  if (!own.is_map()) {
    throw ScenarioError({{own.loc, "", "expected a scenario (a map of keys), got " +
                                           std::string(kind_name(own.kind))}});
  }
  const Node* ext = own.find("extends");
  if (ext == nullptr) return own;
  IssueList issues;
  const auto parent = to_text(*ext, "extends", issues);
  issues.raise_if_any();
  Node merged = load_with_extends(join_path(dir_of(path), *parent), chain, ext->loc);
  merge_into(merged, own, {"events"});
  return merged;
}

void split_overrides(ResolvedInput& input, const std::vector<std::string>& overrides) {
  for (size_t i = 0; i < overrides.size(); ++i) {
    const std::string& o = overrides[i];
    const std::string first = o.substr(0, std::min(o.find('.'), o.find('=')));
    const auto& sk = scenario_keys();
    const auto& mk = model_keys();
    const bool in_scenario = std::find(sk.begin(), sk.end(), first) != sk.end();
    const bool in_model = std::find(mk.begin(), mk.end(), first) != mk.end();
    if (first == "model" || first == "extends") {
      throw ScenarioError({{SourceLoc{"<command line --set #" + std::to_string(i + 1) + ">", 1, 1}, o,
                            "'" + first + "' names a file and cannot be overridden; write a scenario that extends this one"}});
    }
    if (in_model && !(first == "name" || first == "description")) {
      apply_override(input.model, o, static_cast<int>(i));
    } else if (in_scenario) {
      apply_override(input.scenario, o, static_cast<int>(i));
    } else {
      std::vector<std::string> all = sk;
      for (const auto& k : mk) {
        if (std::find(all.begin(), all.end(), k) == all.end()) all.push_back(k);
      }
      std::string msg = "unknown key '" + first + "'";
      if (auto near = nearest(first, all)) msg += "; did you mean '" + *near + "'?";
      msg += (msg.back() == '?' ? " " : ". ") + std::string("Valid first keys: ") + join(all);
      throw ScenarioError({{SourceLoc{"<command line --set #" + std::to_string(i + 1) + ">", 1, 1}, o, msg}});
    }
  }
}

void load_model(ResolvedInput& input, const std::string& base_dir) {
  const Node* model = input.scenario.find("model");
  if (model == nullptr) {
    throw ScenarioError({{input.scenario.loc, "model", "missing required key 'model' (a model file path or an inline map)"}});
  }
  if (model->is_map()) {
    input.model = *model;
    return;
  }
  IssueList issues;
  const auto rel = to_text(*model, "model", issues);
  issues.raise_if_any();
  // A path is relative to the file that wrote it, which after `extends` may be a parent file.
  const std::string dir = model->loc.file.empty() || model->loc.file.front() == '<' ? base_dir : dir_of(model->loc.file);
  const std::string path = join_path(dir, *rel);
  check_input_file(path, model->loc, "model", "model file not found: ");
  input.model = load_yaml_file(path);
  if (!input.model.is_map()) {
    throw ScenarioError({{input.model.loc, "", "expected a model (a map of keys), got " +
                                                   std::string(kind_name(input.model.kind))}});
  }
}

}  // namespace

ResolvedInput resolve_scenario_file(const std::string& path, const std::vector<std::string>& overrides) {
  ResolvedInput input;
  input.scenario_file = path;
  std::vector<std::string> chain;
  input.scenario = load_with_extends(path, chain, SourceLoc{path, 0, 0});
  load_model(input, dir_of(path));
  split_overrides(input, overrides);
  return input;
}

ResolvedInput resolve_scenario_text(const std::string& text, const std::string& display_name,
                                    const std::vector<std::string>& overrides, const std::string& base_dir) {
  ResolvedInput input;
  input.scenario_file = display_name;
  input.scenario = load_yaml_text(text, display_name);
  if (!input.scenario.is_map()) {
    throw ScenarioError({{input.scenario.loc, "", "expected a scenario (a map of keys), got " +
                                                      std::string(kind_name(input.scenario.kind))}});
  }
  if (input.scenario.find("extends") != nullptr) {
    throw ScenarioError({{input.scenario.loc, "extends", "extends needs a scenario file, not inline text"}});
  }
  load_model(input, base_dir);
  split_overrides(input, overrides);
  return input;
}

ResolvedInput with_overrides(ResolvedInput input, const std::vector<std::string>& overrides) {
  split_overrides(input, overrides);
  return input;
}

Model compile_scenario_file(const std::string& path, const CompileOptions& options) {
  return compile(resolve_scenario_file(path, options.overrides), options);
}

Model compile_scenario_text(const std::string& text, const CompileOptions& options, const std::string& display_name) {
  return compile(resolve_scenario_text(text, display_name, options.overrides), options);
}

}  // namespace defsim
