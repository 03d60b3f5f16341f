#pragma once
// A stable 128-bit content fingerprint (two independent FNV-1a passes, printed as 32 hex
// digits): for telling whether inputs changed, not for security.
#include <string>
#include <string_view>

namespace defsim {

std::string hex_digest(std::string_view text);

}  // namespace defsim
