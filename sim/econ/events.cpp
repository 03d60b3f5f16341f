// Phase 1: dated events.
// Reads: Model::events, event_targets and base values; state.day.
// Writes: the current value of every parameter an event touches (route, good, demand and
// plant parameters in State). Untouched parameters keep their base values from the start.
#include <algorithm>

#include "core/params.hpp"
#include "econ/phases.hpp"
#include "econ/steady_state.hpp"

namespace defsim {

namespace {

// Whether the parameters events set can differ today from yesterday: an event starts or
// ends today, or its ramp is still running. Between such days they are constant.
bool events_change_on(const Model& m, Day day) {
  for (const CompiledEvent& e : m.events) {
    if (day == e.end || (day >= e.start && day < e.start + std::max<Day>(e.ramp_days, 1))) return true;
  }
  return false;
}

}  // namespace

void apply_events(const Model& m, State& s, const Exec& /*exec*/) {
  if (m.events.empty()) return;
  // A clamp writes the partner column (jitter for a lead time, or the reverse), which the
  // reset below does not restore, so a day after a clamp is computed in full, as before.
  if (s.events_computed_day >= 0 && s.day == s.events_computed_day + 1 && s.events_clamped == 0 &&
      !events_change_on(m, s.day)) {
    s.events_computed_day = s.day;
    return;
  }
  s.events_computed_day = s.day;
  s.events_clamped = 0;
  // Recompute from the base so that an event that ends reverts cleanly and the result
  // never depends on the history of earlier days.
  for (const EventTarget& t : m.event_targets) current_value(s, t) = base_value(m, t);
  for (const CompiledEvent& e : m.events) {
    if (s.day < e.start || s.day >= e.end) continue;
    const double ramp = e.ramp_days > 0
                            ? std::min(1.0, static_cast<double>(s.day - e.start + 1) / static_cast<double>(e.ramp_days))
                            : 1.0;
    double& v = current_value(s, m.event_targets[e.target]);
    switch (e.op) {
      case EventOp::set: v += ramp * (e.value - v); break;
      case EventOp::scale: v *= 1.0 + ramp * (e.value - 1.0); break;
      case EventOp::add: v += ramp * e.value; break;
    }
  }
  const double ring_limit = static_cast<double>(s.ring_days - 1);
  for (const EventTarget& t : m.event_targets) {
    double& v = current_value(s, t);
    v = clamp_to_domain(t.kind, v);
    if (t.kind == ParamKind::route_lead_time || t.kind == ParamKind::route_jitter) {
      // The in-transit ring holds ring_days − 1 days ahead; keep lead + jitter inside it.
      const Index r = t.entity;
      if (s.routes.lead_time_days[r] + s.routes.jitter_days[r] > ring_limit - 0.5) {
        s.diagnostics.add(Anomaly::lead_time_clamped);
        ++s.events_clamped;
        s.routes.jitter_days[r] = std::min(s.routes.jitter_days[r], ring_limit / 2.0);
        s.routes.lead_time_days[r] = std::min(s.routes.lead_time_days[r], ring_limit - 0.5 - s.routes.jitter_days[r]);
      }
    }
  }
}

}  // namespace defsim
