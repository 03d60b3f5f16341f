#include "econ/phases.hpp"

namespace defsim {

void step_day(const Model& model, State& state, const Exec& exec) {
  for (const DayPhase& phase : kDayPhases) phase.run(model, state, exec);
  ++state.day;
}

}  // namespace defsim
