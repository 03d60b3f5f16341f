#include "scenario/tree.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <unordered_set>

namespace defsim {
namespace {

SourceLoc loc_of(const YAML::Mark& mark, const std::string& file) {
  if (mark.line < 0) return SourceLoc{file, 0, 0};
  return SourceLoc{file, mark.line + 1, mark.column + 1};
}

// yaml-cpp shares an aliased node instead of copying it, so a few hundred bytes of anchors
// and aliases can describe a tree of 10^9 values ("billion laughs") or nest thousands of
// levels deep. The conversion copies, so it stops at these bounds with a clear error.
constexpr size_t kMaxValues = 100'000;
constexpr size_t kMaxDepth = 100;
constexpr std::uintmax_t kMaxFileBytes = 64ull << 20;

struct Converter {
  struct Step {
    const std::string* key;  // a map key (owned by the yaml-cpp tree), or null for a list item
    size_t index;
  };
  const std::string& file;
  std::vector<InputIssue>& issues;
  size_t values = 0;
  std::vector<Step> path;  // from the root to the node being converted, for key paths

  std::string key_path() const {
    std::string out;
    for (const Step& step : path) {
      if (step.key == nullptr) {
        out += "[" + std::to_string(step.index) + "]";
      } else {
        if (!out.empty()) out += '.';
        out += step.key->empty() ? std::string("''") : *step.key;
      }
    }
    return out;
  }

  Node convert(const YAML::Node& yn) {
    Node out;
    out.loc = loc_of(yn.Mark(), file);
    if (++values > kMaxValues) {
      throw ScenarioError({{out.loc, key_path(),
                            "the document expands to more than " + std::to_string(kMaxValues) +
                                " values (aliases are counted each time they are used)"}});
    }
    if (path.size() > kMaxDepth) {
      throw ScenarioError(
          {{out.loc, key_path(),
            "nested too deeply: more than " + std::to_string(kMaxDepth) + " levels of maps and lists"}});
    }
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
        for (const auto& item : yn) {
          path.push_back({nullptr, out.seq.size()});
          out.seq.push_back(convert(item));
          path.pop_back();
        }
        break;
      case YAML::NodeType::Map: {
        out.kind = Node::Kind::map;
        std::unordered_set<std::string_view> seen;  // Node::find is linear; maps can be long
        for (const auto& kv : yn) {
          SourceLoc key_loc = loc_of(kv.first.Mark(), file);
          if (!kv.first.IsScalar()) {
            issues.push_back({key_loc, key_path(), "map keys must be plain names"});
            continue;
          }
          const std::string& key = kv.first.Scalar();
          path.push_back({&key, 0});
          if (!seen.insert(key).second) {
            issues.push_back({key_loc, key_path(), "duplicate key '" + key + "'"});
          } else {
            out.map.emplace_back(key, convert(kv.second));
            out.key_locs.push_back(key_loc);
          }
          path.pop_back();
        }
        break;
      }
    }
    return out;
  }
};

Node parse(const std::string& text, const std::string& display_name) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp 0.7 gives this one the message "bad file".
    throw ScenarioError({{loc_of(e.mark, display_name), "",
                          "invalid YAML: nested too deeply: more than " + std::to_string(kMaxDepth) +
                              " levels of maps and lists"}});
  } catch (const YAML::Exception& e) {
    throw ScenarioError({{loc_of(e.mark, display_name), "", "invalid YAML: " + e.msg}});
  }
  std::vector<InputIssue> issues;
  Converter converter{display_name, issues, 0, {}};
  Node out = converter.convert(root);
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

Node::Node() = default;

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
  // A device, FIFO or directory (`model: /dev/zero`) would block or never end.
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw ScenarioError({{SourceLoc{path, 0, 0}, "", "not a regular file"}});
  }
  const std::uintmax_t bytes = std::filesystem::file_size(path, ec);
  if (!ec && bytes > kMaxFileBytes) {
    throw ScenarioError({{SourceLoc{path, 1, 1}, "",
                          "file too large: more than " + std::to_string(kMaxFileBytes >> 20) + " MiB"}});
  }
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
  for (size_t depth = 1;; ++depth) {
    if (depth > kMaxDepth) {  // a deeper tree would overflow the stack when copied
      throw ScenarioError(
          {{SourceLoc{where, 1, static_cast<int>(pos) + 1}, path,
            "nested too deeply: more than " + std::to_string(kMaxDepth) + " keys in the path"}});
    }
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
