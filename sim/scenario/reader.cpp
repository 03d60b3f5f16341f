#include "scenario/reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <tuple>

namespace defsim {
namespace {

std::string format_number(double v) {
  // Whole numbers print in full (4000000, not 4e+06) while they stay exact.
  if (std::abs(v) < 1e15 && v == std::floor(v)) return std::to_string(static_cast<long long>(v));
  std::ostringstream os;
  os << v;
  return os.str();
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

void IssueList::error(const SourceLoc& loc, std::string key_path, std::string message) {
  issues_.push_back({loc, std::move(key_path), std::move(message)});
}

void IssueList::raise() const {
  // Reported in file order, the way a reader walks the file.
  std::vector<InputIssue> sorted = issues_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const InputIssue& a, const InputIssue& b) {
    return std::tie(a.loc.file, a.loc.line, a.loc.column) < std::tie(b.loc.file, b.loc.line, b.loc.column);
  });
  throw ScenarioError(std::move(sorted));
}

bool Range::contains(double v) const {
  const bool lo_ok = lo_open ? v > lo : v >= lo;
  const bool hi_ok = hi_open ? v < hi : v <= hi;
  return lo_ok && hi_ok;
}

std::string Range::describe() const {
  const bool has_lo = std::isfinite(lo);
  const bool has_hi = std::isfinite(hi);
  if (has_lo && has_hi) {
    return std::string("must be in ") + (lo_open ? "(" : "[") + format_number(lo) + ", " +
           format_number(hi) + (hi_open ? ")" : "]");
  }
  if (has_lo) return std::string("must be ") + (lo_open ? "> " : ">= ") + format_number(lo);
  if (has_hi) return std::string("must be ") + (hi_open ? "< " : "<= ") + format_number(hi);
  return "must be a finite number";
}

std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  // Edit distance costs |word|·|candidate|: no suggestions for names longer than any real
  // one (an aliased 10 kB name referenced thousands of times would take minutes).
  constexpr size_t kMaxLength = 64;
  if (word.size() > kMaxLength) return best;
  size_t best_d = std::max<size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    // The distance is at least the difference in length.
    const size_t gap = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (gap >= best_d) continue;
    const size_t d = edit_distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

std::optional<double> to_number(const Node& node, const std::string& path, IssueList& issues) {
  if (!node.is_scalar()) {
    issues.error(node.loc, path, "expected a number, got " + std::string(kind_name(node.kind)));
    return std::nullopt;
  }
  const std::string& s = node.scalar;
  double v = 0.0;
  const char* first = s.data();
  if (!s.empty() && s.front() == '+') ++first;
  const auto [ptr, ec] = std::from_chars(first, s.data() + s.size(), v);
  if (!s.empty() && ec == std::errc::result_out_of_range && ptr == s.data() + s.size()) {
    // A number, but not one a double holds: 1e999 overflows, 1e-999 underflows.
    const bool overflow = std::isinf(std::strtod(s.c_str(), nullptr));
    issues.error(
        node.loc, path,
        overflow ? "must be a finite number, got " + s : "is too close to zero to be represented, got " + s);
    return std::nullopt;
  }
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) {
    const std::string lower = [&] {
      std::string t = s;
      std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
      return t;
    }();
    if (lower == ".nan" || lower == ".inf" || lower == "-.inf" || lower == "+.inf") {
      issues.error(node.loc, path, "must be a finite number, got " + s);
    } else {
      issues.error(node.loc, path, "expected a number, got '" + s + "'");
    }
    return std::nullopt;
  }
  if (!std::isfinite(v)) {
    issues.error(node.loc, path, "must be a finite number, got " + s);
    return std::nullopt;
  }
  return v;
}

std::optional<long long> to_integer(const Node& node, const std::string& path, IssueList& issues) {
  if (!node.is_scalar()) {
    issues.error(node.loc, path, "expected a whole number, got " + std::string(kind_name(node.kind)));
    return std::nullopt;
  }
  long long v = 0;
  const std::string& s = node.scalar;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (!s.empty() && ec == std::errc::result_out_of_range && ptr == s.data() + s.size()) {
    issues.error(node.loc, path, "is out of range for a whole number (at most 19 digits), got " + s);
    return std::nullopt;
  }
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) {
    issues.error(node.loc, path, "expected a whole number, got '" + s + "'");
    return std::nullopt;
  }
  return v;
}

std::optional<bool> to_bool(const Node& node, const std::string& path, IssueList& issues) {
  if (node.is_scalar()) {
    if (node.scalar == "true" || node.scalar == "yes" || node.scalar == "on") return true;
    if (node.scalar == "false" || node.scalar == "no" || node.scalar == "off") return false;
  }
  issues.error(node.loc, path,
               "expected true or false, got " +
                   (node.is_scalar() ? "'" + node.scalar + "'" : std::string(kind_name(node.kind))));
  return std::nullopt;
}

std::optional<std::string> to_text(const Node& node, const std::string& path, IssueList& issues) {
  if (!node.is_scalar()) {
    issues.error(node.loc, path, "expected text, got " + std::string(kind_name(node.kind)));
    return std::nullopt;
  }
  return node.scalar;
}

SourceLoc key_loc(const Node& map, std::string_view key) {
  for (size_t i = 0; i < map.map.size(); ++i) {
    if (map.map[i].first == key && i < map.key_locs.size()) return map.key_locs[i];
  }
  return map.loc;
}

MapReader::MapReader(const Node& node, std::string path, IssueList& issues)
    : node_(node), path_(std::move(path)), issues_(issues) {
  if (!node.is_map() && node.kind != Node::Kind::null) {
    issues_.error(node.loc, path_, "expected a map of keys, got " + std::string(kind_name(node.kind)));
  }
}

std::string MapReader::child_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

const Node* MapReader::get(std::string_view key) {
  known_.emplace_back(key);
  if (!node_.is_map()) return nullptr;
  return node_.find(key);
}

double MapReader::number(std::string_view key, double fallback, Range range) {
  const Node* n = get(key);
  if (n == nullptr) return fallback;
  const auto v = to_number(*n, child_path(key), issues_);
  if (!v) return fallback;
  if (!range.contains(*v)) {
    issues_.error(n->loc, child_path(key), range.describe() + ", got " + n->scalar);
    return fallback;
  }
  return *v;
}

std::optional<double> MapReader::required_number(std::string_view key, Range range) {
  if (!has(key)) {
    get(key);
    require(key);
    return std::nullopt;
  }
  const Node* n = get(key);
  const auto v = to_number(*n, child_path(key), issues_);
  if (!v) return std::nullopt;
  if (!range.contains(*v)) {
    issues_.error(n->loc, child_path(key), range.describe() + ", got " + n->scalar);
    return std::nullopt;
  }
  return v;
}

long long MapReader::integer(std::string_view key, long long fallback, Range range) {
  const Node* n = get(key);
  if (n == nullptr) return fallback;
  if (n->is_scalar() && std::isfinite(range.hi)) {
    // Beyond long long but a whole number: report the range (days: 10^30), not the type.
    long long ignored = 0;
    const std::string& s = n->scalar;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), ignored);
    if (!s.empty() && ec == std::errc::result_out_of_range && ptr == s.data() + s.size()) {
      issues_.error(n->loc, child_path(key), range.describe() + ", got " + s);
      return fallback;
    }
  }
  const auto v = to_integer(*n, child_path(key), issues_);
  if (!v) return fallback;
  if (!range.contains(static_cast<double>(*v))) {
    issues_.error(n->loc, child_path(key), range.describe() + ", got " + n->scalar);
    return fallback;
  }
  return *v;
}

bool MapReader::flag(std::string_view key, bool fallback) {
  const Node* n = get(key);
  if (n == nullptr) return fallback;
  return to_bool(*n, child_path(key), issues_).value_or(fallback);
}

std::string MapReader::text(std::string_view key, std::string fallback) {
  const Node* n = get(key);
  if (n == nullptr) return fallback;
  return to_text(*n, child_path(key), issues_).value_or(fallback);
}

std::optional<std::string> MapReader::required_text(std::string_view key) {
  if (!has(key)) {
    get(key);
    require(key);
    return std::nullopt;
  }
  return to_text(*get(key), child_path(key), issues_);
}

std::string MapReader::choice(std::string_view key, std::string fallback, const std::vector<std::string>& allowed) {
  const Node* n = get(key);
  if (n == nullptr) return fallback;
  const auto v = to_text(*n, child_path(key), issues_);
  if (!v) return fallback;
  if (std::find(allowed.begin(), allowed.end(), *v) == allowed.end()) {
    std::string msg = "must be one of " + join(allowed) + ", got '" + *v + "'";
    if (auto near = nearest(*v, allowed)) msg += "; did you mean '" + *near + "'?";
    issues_.error(n->loc, child_path(key), msg);
    return fallback;
  }
  return *v;
}

void MapReader::require(std::string_view key) {
  known_.emplace_back(key);
  if (node_.is_map() && node_.find(key) != nullptr) return;
  issues_.error(node_.loc, child_path(key), "missing required key '" + std::string(key) + "'");
}

void MapReader::finish() {
  if (finished_ || !node_.is_map()) return;
  finished_ = true;
  std::vector<std::string> valid = known_;
  std::sort(valid.begin(), valid.end());
  valid.erase(std::unique(valid.begin(), valid.end()), valid.end());
  for (size_t i = 0; i < node_.map.size(); ++i) {
    const std::string& key = node_.map[i].first;
    if (std::binary_search(valid.begin(), valid.end(), key)) continue;  // maps of names can be long
    std::string msg = "unknown key '" + key + "'";
    if (auto near = nearest(key, valid)) msg += "; did you mean '" + *near + "'?";
    msg += " Valid keys: " + join(valid);
    issues_.error(i < node_.key_locs.size() ? node_.key_locs[i] : node_.loc, child_path(key), msg);
  }
}

}  // namespace defsim
