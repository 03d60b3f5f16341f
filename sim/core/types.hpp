#pragma once
// Vocabulary types shared by every layer. Units live in names (…_days, …_usd) so that
// a reader never has to guess whether a lead time is in days or weeks.
#include <cstdint>
#include <string_view>

namespace defsim {

using Index = std::int32_t;  // dense row of an entity table (plant, good, route …)
using Day = std::int32_t;    // simulated day, 0 = scenario start date

inline constexpr Index kNone = -1;

enum class GoodKind : std::uint8_t { final_good, component, capital, service };

// A plant's demand slot: what the plant orders and holds of one good.
enum class SlotKind : std::uint8_t {
  input,       // consumed in production, a_g units per unit of output
  substitute,  // stands in for a short primary input at a_g / q units per unit of output
  capital,     // machine tools: installed into the capital stock, not consumed
  parts        // spare parts for installed tools of one origin: s_o units per tool per day
};

// Which constraint bound a plant's output on a day. Codes >= kBindingInputBase name the
// binding input good: code - kBindingInputBase is the good's row.
inline constexpr std::int32_t kBindingDemand = 0;
inline constexpr std::int32_t kBindingCapacity = 1;
inline constexpr std::int32_t kBindingInputBase = 2;

std::string_view to_string(GoodKind kind);
std::string_view to_string(SlotKind kind);

}  // namespace defsim
