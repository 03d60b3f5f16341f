#include "core/digest.hpp"

#include <cstdint>
#include <cstdio>

#include "core/rng.hpp"

namespace defsim {

std::string hex_digest(std::string_view text) {
  const std::uint64_t a = stable_id(text);
  // The second pass runs backwards from another basis, so one collision does not imply the other.
  std::uint64_t b = 0xcbf29ce484222325ull ^ 0x9e3779b97f4a7c15ull;
  for (auto it = text.rbegin(); it != text.rend(); ++it) {
    b ^= static_cast<unsigned char>(*it);
    b *= 1099511628211ull;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(a),
                static_cast<unsigned long long>(b));
  return buf;
}

}  // namespace defsim
