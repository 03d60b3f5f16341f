#pragma once
// Typed, validating access to a Node map. Every key read is remembered; finish() reports
// the keys nobody asked for as unknown, with the valid keys and the nearest match. Errors
// accumulate in an IssueList so one compile reports every problem at once.
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/tree.hpp"

namespace defsim {

class IssueList {
 public:
  void error(const SourceLoc& loc, std::string key_path, std::string message);
  bool empty() const { return issues_.empty(); }
  size_t size() const { return issues_.size(); }
  const std::vector<InputIssue>& issues() const { return issues_; }
  [[noreturn]] void raise() const;  // throws ScenarioError with everything collected
  void raise_if_any() const {
    if (!issues_.empty()) raise();
  }

 private:
  std::vector<InputIssue> issues_;
};

// Closed or half-open numeric bounds, for messages like "must be in [0, 1], got 1.7".
struct Range {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool lo_open = false;
  bool hi_open = false;
  static Range any() { return {}; }
  static Range at_least(double v) { return {v, std::numeric_limits<double>::infinity(), false, false}; }
  static Range above(double v) { return {v, std::numeric_limits<double>::infinity(), true, false}; }
  static Range unit() { return {0.0, 1.0, false, false}; }
  static Range between(double lo, double hi) { return {lo, hi, false, false}; }
  bool contains(double v) const;
  std::string describe() const;
};

// Nearest string by edit distance, if close enough to be a plausible typo.
std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates);
std::string join(const std::vector<std::string>& items, std::string_view sep = ", ");

// Scalar conversions with precise messages; return nullopt after recording an issue.
std::optional<double> to_number(const Node& node, const std::string& path, IssueList& issues);
std::optional<long long> to_integer(const Node& node, const std::string& path, IssueList& issues);
std::optional<bool> to_bool(const Node& node, const std::string& path, IssueList& issues);
std::optional<std::string> to_text(const Node& node, const std::string& path, IssueList& issues);

class MapReader {
 public:
  // `node` must outlive the reader. A non-map node is reported once and reads as empty.
  MapReader(const Node& node, std::string path, IssueList& issues);

  const std::string& path() const { return path_; }
  std::string child_path(std::string_view key) const;
  const Node& node() const { return node_; }
  IssueList& issues() { return issues_; }

  // Declares `key` valid; returns its node if present.
  const Node* get(std::string_view key);
  bool has(std::string_view key) const { return node_.find(key) != nullptr; }

  double number(std::string_view key, double fallback, Range range = Range::any());
  std::optional<double> required_number(std::string_view key, Range range = Range::any());
  long long integer(std::string_view key, long long fallback, Range range = Range::any());
  bool flag(std::string_view key, bool fallback);
  std::string text(std::string_view key, std::string fallback);
  std::optional<std::string> required_text(std::string_view key);
  // Text restricted to a fixed set of words.
  std::string choice(std::string_view key, std::string fallback, const std::vector<std::string>& allowed);
  void require(std::string_view key);  // records "missing required key" if absent

  // Reports unknown keys. Call after every get/number/… for this map.
  void finish();

 private:
  const Node& node_;
  std::string path_;
  IssueList& issues_;
  std::vector<std::string> known_;
  bool finished_ = false;
};

// Location of `key` inside `map` (the key itself), falling back to the map's location.
SourceLoc key_loc(const Node& map, std::string_view key);

}  // namespace defsim
