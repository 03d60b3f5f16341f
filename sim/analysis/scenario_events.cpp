#include "analysis/scenario_events.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace defsim {
namespace {

std::string scalar(const YAML::Node& event, const char* key) {
  const YAML::Node v = event[key];
  return v && v.IsScalar() ? v.Scalar() : std::string();
}

}  // namespace

std::vector<ScenarioEvent> events_of_resolved_scenario(const std::string& resolved_yaml) {
  std::vector<ScenarioEvent> out;
  YAML::Node root;
  try {
    root = YAML::Load(resolved_yaml);
  } catch (const YAML::Exception&) {
    return out;
  }
  if (!root.IsMap()) return out;
  // The compiler stores {model_file, scenario, model}; a bare scenario map is accepted too.
  const YAML::Node scenario = root["scenario"] && root["scenario"].IsMap() ? root["scenario"] : root;
  const YAML::Node events = scenario["events"];
  if (!events || !events.IsSequence()) return out;
  for (const auto& e : events) {
    if (!e.IsMap()) continue;
    ScenarioEvent ev;
    ev.path = scalar(e, "path");
    ev.op = scalar(e, "op");
    ev.value = scalar(e, "value");
    ev.start = scalar(e, "start");
    ev.end = scalar(e, "end");
    ev.ramp_days = scalar(e, "ramp_days");
    ev.note = scalar(e, "note");
    if (ev.note.empty()) ev.note = scalar(e, "source");
    YAML::Emitter emitter;
    emitter << YAML::Flow << e;
    ev.canonical = emitter.c_str();
    out.push_back(std::move(ev));
  }
  return out;
}

std::vector<ScenarioEvent> distinguishing_events(const std::vector<ScenarioEvent>& base,
                                                 const std::vector<ScenarioEvent>& scenario) {
  std::vector<bool> used(base.size(), false);
  std::vector<ScenarioEvent> out;
  for (const auto& e : scenario) {
    bool matched = false;
    for (std::size_t i = 0; i < base.size() && !matched; ++i) {
      if (!used[i] && base[i].canonical == e.canonical) used[i] = matched = true;
    }
    if (!matched) out.push_back(e);
  }
  return out;
}

}  // namespace defsim
