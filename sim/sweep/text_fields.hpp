#pragma once
// Parsing the line-oriented text files of a sweep directory (results, manifest, design):
// fields split on one separator, numbers read exactly with from_chars (no locale).
#include <charconv>
#include <string>
#include <vector>

namespace defsim::sweep {

inline std::vector<std::string> split_fields(const std::string& line, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t pos = line.find(sep, start);
    out.push_back(line.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
    if (pos == std::string::npos) return out;
    start = pos + 1;
  }
}

inline bool parse_field(const std::string& s, double& v) {
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && ptr == s.data() + s.size();
}

template <class Int>
bool parse_field(const std::string& s, Int& v, int base = 10) {
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace defsim::sweep
