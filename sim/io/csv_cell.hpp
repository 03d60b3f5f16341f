#pragma once
// One CSV field per RFC 4180: quoted when it holds a comma, quote or line break, with
// inner quotes doubled. Shared by `defsim export` and `defsim compare --format csv`.
#include <string>

namespace defsim {

inline std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

}  // namespace defsim
