#pragma once
// The dated events of a run, read back from its provenance (/provenance/resolved_scenario),
// and the events that set a scenario apart from its baseline: those it has and the
// baseline lacks, since a scenario that `extends` the baseline inherits its events.
#include <string>
#include <vector>

namespace defsim {

struct ScenarioEvent {
  std::string path;
  std::string op;
  std::string value;
  std::string start;      // YYYY-MM-DD
  std::string end;        // empty: to the end of the run
  std::string ramp_days;  // empty: no ramp
  std::string note;       // `note`, or `source` when there is no note
  std::string canonical;  // the event as emitted YAML, to match events across files
};

// Events in declaration order. Text that is not YAML or has no events gives an empty list:
// provenance is informative, and a comparison does not fail over it.
std::vector<ScenarioEvent> events_of_resolved_scenario(const std::string& resolved_yaml);

// Events of `scenario` that `base` does not have (as a multiset, so a repeated event counts).
std::vector<ScenarioEvent> distinguishing_events(const std::vector<ScenarioEvent>& base,
                                                 const std::vector<ScenarioEvent>& scenario);

}  // namespace defsim
