#pragma once
// Numeric guards (second error channel): after every day, stocks and pools that must be
// finite and non-negative are scanned. A checked run stops at the first anomaly with the
// day, the entity and the value; an unchecked run counts it in State::diagnostics and
// repairs it (NaN and infinity to 0, negatives to 0) so it cannot propagate silently.
#include "core/model.hpp"
#include "core/state.hpp"

namespace defsim {

void guard_numbers(const Model& model, State& state);

}  // namespace defsim
