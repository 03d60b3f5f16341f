#pragma once
// The path grammar shared by events and sweeps:
//   imports.<good>.routes.<route>.<capacity_per_day|markup|lead_time_days|jitter_days|
//                                  interdiction|payment_failure|weight|max_capacity_per_day|
//                                  adaptation_per_day|markup_slope>
//   goods.<good>.<domestic_share|availability|unit_value_usd>
//   demand.<good>.scale
//   plants.<plant>.availability
//   regions.<region>.<mobilised_share|emigration_per_day|inflow_per_day>
// Names may use shell globs (* ? [..]) to address several entities at once.
#include <string>
#include <vector>

#include "core/model.hpp"

namespace defsim {

struct PathResolution {
  std::vector<EventTarget> targets;  // empty when error is set
  std::string error;                 // why the path does not resolve, with valid choices
};

PathResolution resolve_parameter_path(const Model& model, const std::string& path);

}  // namespace defsim
