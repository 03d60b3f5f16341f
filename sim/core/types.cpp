#include "core/types.hpp"

namespace defsim {

std::string_view to_string(GoodKind kind) {
  switch (kind) {
    case GoodKind::final_good: return "final";
    case GoodKind::component: return "component";
    case GoodKind::capital: return "capital";
    case GoodKind::service: return "service";
  }
  return "?";
}

std::string_view to_string(SlotKind kind) {
  switch (kind) {
    case SlotKind::input: return "input";
    case SlotKind::substitute: return "substitute";
    case SlotKind::capital: return "capital";
    case SlotKind::parts: return "parts";
  }
  return "?";
}

}  // namespace defsim
