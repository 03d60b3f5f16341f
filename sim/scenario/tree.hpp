#pragma once
// A YAML document as a plain tree that remembers where every value and key came from, so
// that the compiler can report FILE:LINE:COL for any mistake even after `extends:` merges
// and `--set` overrides have mixed several sources.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace defsim {

struct Node {
  enum class Kind { null, scalar, map, seq };
  // Defined in tree.cpp, where Node is complete: clang 14 with libstdc++ 12 rejects an
  // implicit constructor that instantiates std::vector<std::pair<std::string, Node>> here.
  Node();
  Kind kind = Kind::null;
  std::string scalar;                             // scalars
  std::vector<std::pair<std::string, Node>> map;  // maps, in file order
  std::vector<SourceLoc> key_locs;                // maps: where each key stands
  std::vector<Node> seq;                          // sequences
  SourceLoc loc;                                  // where the value starts

  bool is_map() const { return kind == Kind::map; }
  bool is_seq() const { return kind == Kind::seq; }
  bool is_scalar() const { return kind == Kind::scalar; }
  const Node* find(std::string_view key) const;
  Node* find(std::string_view key);
  // Appends a key (used by overrides); returns the new member.
  Node& add(std::string key, Node value, SourceLoc key_loc);
};

std::string_view kind_name(Node::Kind kind);  // "a map", "a list", "a value", "nothing"

// Throws ScenarioError (with the parse position) for invalid YAML, duplicate keys, or a
// file that cannot be read.
Node load_yaml_file(const std::string& path);
Node load_yaml_text(const std::string& text, const std::string& display_name);

// Deep merge: maps merge key by key (overlay wins), everything else is replaced. Keys
// listed in `concatenated` (e.g. "events") append the overlay's list to the base's.
void merge_into(Node& base, const Node& overlay, const std::vector<std::string>& concatenated);

// Applies `a.b.c=value` to a tree, creating maps on the way. The value is parsed as YAML
// (so `--set x=[1,2]` or `--set x=0.5` work). Throws ScenarioError on a malformed override.
void apply_override(Node& root, std::string_view assignment, int index);

std::string emit_yaml(const Node& node);

}  // namespace defsim
