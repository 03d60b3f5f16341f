#include "scenario/tree.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace defsim {
namespace {

SourceLoc loc_of(const YAML::Mark& mark, const std::string& file) {
  if (mark.line < 0) return SourceLoc{file, 0, 0};
  return SourceLoc{file, mark.line + 1, mark.column + 1};
}

Node convert(const YAML::Node& yn, const std::string& file, std::vector<InputIssue>& issues) {
  Node out;
  out.loc = loc_of(yn.Mark(), file);
  switch (yn.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      out.kind = Node::Kind::null;
      break;
    case YAML::NodeType::Scalar:
      out.kind = Node::Kind::scalar;
      out.scalar = yn.Scalar();
      break;
    case YAML::NodeType::Sequence:
      out.kind = Node::Kind::seq;
      for (const auto& item : yn) out.seq.push_back(convert(item, file, issues));
      break;
    case YAML::NodeType::Map:
      out.kind = Node::Kind::map;
      for (const auto& kv : yn) {
        SourceLoc key_loc = loc_of(kv.first.Mark(), file);
        if (!kv.first.IsScalar()) {
          issues.push_back({key_loc, "", "map keys must be plain names"});
          continue;
        }
        const std::string key = kv.first.Scalar();
        if (out.find(key) != nullptr) {
          issues.push_back({key_loc, key, "duplicate key '" + key + "'"});
          continue;
        }
        out.map.emplace_back(key, convert(kv.second, file, issues));
        out.key_locs.push_back(key_loc);
      }
      break;
  }
  return out;
}

Node parse(const std::string& text, const std::string& display_name) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw ScenarioError({{loc_of(e.mark, display_name), "", "invalid YAML: " + e.msg}});
  }
  std::vector<InputIssue> issues;
  Node out = convert(root, display_name, issues);
  if (out.loc.line == 0) out.loc = SourceLoc{display_name, 1, 1};
  if (!issues.empty()) throw ScenarioError(std::move(issues));
  return out;
}

void emit(YAML::Emitter& em, const Node& node) {
  switch (node.kind) {
    case Node::Kind::null: em << YAML::Null; break;
    case Node::Kind::scalar: em << node.scalar; break;
    case Node::Kind::seq:
      em << YAML::BeginSeq;
      for (const auto& item : node.seq) emit(em, item);
      em << YAML::EndSeq;
      break;
    case Node::Kind::map:
      em << YAML::BeginMap;
      for (const auto& [key, value] : node.map) {
        em << YAML::Key << key << YAML::Value;
        emit(em, value);
      }
      em << YAML::EndMap;
      break;
  }
}

}  // namespace

const Node* Node::find(std::string_view key) const {
  for (const auto& [k, v] : map) {
    if (k == key) return &v;
  }
  return nullptr;
}

Node* Node::find(std::string_view key) {
  for (auto& [k, v] : map) {
    if (k == key) return &v;
  }
  return nullptr;
}

Node& Node::add(std::string key, Node value, SourceLoc key_loc) {
  kind = Kind::map;
  map.emplace_back(std::move(key), std::move(value));
  key_locs.push_back(std::move(key_loc));
  return map.back().second;
}

std::string_view kind_name(Node::Kind kind) {
  switch (kind) {
    case Node::Kind::null: return "nothing";
    case Node::Kind::scalar: return "a value";
    case Node::Kind::map: return "a map";
    case Node::Kind::seq: return "a list";
  }
  return "?";
}

Node load_yaml_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError({{SourceLoc{path, 0, 0}, "", "cannot open file"}});
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string text = buf.str();
  if (text.find('\0') != std::string::npos) {
    throw ScenarioError({{SourceLoc{path, 1, 1}, "", "not a text file (contains NUL bytes)"}});
  }
  return parse(text, path);
}

Node load_yaml_text(const std::string& text, const std::string& display_name) {
  return parse(text, display_name);
}

void merge_into(Node& base, const Node& overlay, const std::vector<std::string>& concatenated) {
  if (!base.is_map() || !overlay.is_map()) {
    base = overlay;
    return;
  }
  for (size_t i = 0; i < overlay.map.size(); ++i) {
    const auto& [key, value] = overlay.map[i];
    Node* existing = base.find(key);
    if (existing == nullptr) {
      base.add(key, value, overlay.key_locs[i]);
      continue;
    }
    const bool concat = std::find(concatenated.begin(), concatenated.end(), key) != concatenated.end();
    if (concat && existing->is_seq() && value.is_seq()) {
      existing->seq.insert(existing->seq.end(), value.seq.begin(), value.seq.end());
    } else {
      merge_into(*existing, value, {});
    }
  }
}

void apply_override(Node& root, std::string_view assignment, int index) {
  const std::string where = "<command line --set #" + std::to_string(index + 1) + ">";
  const auto eq = assignment.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    throw ScenarioError({{SourceLoc{where, 1, 1}, std::string(assignment),
                          "expected key.path=value"}});
  }
  const std::string path(assignment.substr(0, eq));
  const std::string value_text(assignment.substr(eq + 1));
  Node value;
  try {
    value = load_yaml_text(value_text, where);
  } catch (const ScenarioError& e) {
    throw ScenarioError({{SourceLoc{where, 1, static_cast<int>(eq) + 2}, path, e.issues().front().message}});
  }
  value.loc = SourceLoc{where, 1, static_cast<int>(eq) + 2};
  Node* cursor = &root;
  size_t pos = 0;
  while (true) {
    const size_t dot = path.find('.', pos);
    const std::string part = path.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos);
    if (part.empty()) {
      throw ScenarioError({{SourceLoc{where, 1, static_cast<int>(pos) + 1}, path, "empty key in path"}});
    }
    if (!cursor->is_map()) {
      cursor->kind = Node::Kind::map;
      cursor->scalar.clear();
      cursor->seq.clear();
    }
    Node* next = cursor->find(part);
    if (next == nullptr) {
      Node fresh;
      fresh.loc = SourceLoc{where, 1, static_cast<int>(pos) + 1};
      next = &cursor->add(part, fresh, fresh.loc);
    }
    cursor = next;
    if (dot == std::string::npos) break;
    pos = dot + 1;
  }
  *cursor = value;
}

std::string emit_yaml(const Node& node) {
  YAML::Emitter em;
  emit(em, node);
  return std::string(em.c_str()) + "\n";
}

}  // namespace defsim
