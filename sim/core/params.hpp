#pragma once
// Event-addressable parameters: where each one's base value lives in the Model, where its
// current value lives in the State, and which values are admissible.
#include "core/model.hpp"
#include "core/state.hpp"

namespace defsim {

double base_value(const Model& model, const EventTarget& target);
double& current_value(State& state, const EventTarget& target);
// Clamps into the parameter's admissible range (e.g. probabilities below 1).
double clamp_to_domain(ParamKind kind, double value);

}  // namespace defsim
