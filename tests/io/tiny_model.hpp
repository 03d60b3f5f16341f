#pragma once
// A hand-built Model and State for io and analysis tests, independent of the scenario
// compiler and the engine: 2 goods (shells: final; steel: component), 2 plants in 1
// region, 1 import route for steel, 60 days from 2024-01-15 recorded monthly, so the
// periods are days [0,16] (Jan 15-31), [17,45] (Feb, leap year) and [46,59] (Mar 1-14).
#include <string>

#include "core/model.hpp"
#include "core/state.hpp"

namespace defsim::test {

inline constexpr Index kShells = 0;
inline constexpr Index kSteel = 1;
inline constexpr Index kShellWorks = 0;
inline constexpr Index kSteelMill = 1;

Model tiny_model(int replications = 1);

// Every column sized for `model`, all zeros except the obvious parameters (availability 1).
State tiny_state(const Model& model, int replication = 0);

// Puts a known pattern into the state for `day`, scaled by `scale` (so a "scenario" can
// deliver twice as much as its "baseline"): shells delivered = scale * (day + 1) per day.
void fill_day(const Model& model, State& state, Day day, double scale);

// Runs every replication through a Recorder with fill_day and commits a run file at
// `path`. Returns nothing; throws what the writer throws.
void write_tiny_run(const Model& model, const std::string& path, double scale);

}  // namespace defsim::test
