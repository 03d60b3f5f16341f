// The comparison as JSON, for programs: scripts/report.py builds the HTML report's tables
// from it, so the report and `defsim compare` can never disagree. Undefined numbers are null.
#include "analysis/compare_format.hpp"
#include "analysis/json_writer.hpp"

namespace defsim {
namespace {

void estimate(JsonWriter& j, std::string_view key, const Estimate& e) {
  j.key(key).begin_object();
  j.field("value", e.value)
      .field("ci90_low", e.lo)
      .field("ci90_high", e.hi)
      .field("sd", e.sd)
      .field("n", e.n);
  j.end_object();
}

void run(JsonWriter& j, std::string_view key, const RunDescription& d) {
  j.key(key).begin_object();
  j.field("path", d.path);
  j.key("attributes").begin_object();
  for (const auto& [k, v] : d.attributes) j.field(k, v);
  j.end_object();
  j.end_object();
}

void event(JsonWriter& j, const ScenarioEvent& e) {
  j.begin_object();
  j.field("start", e.start)
      .field("end", e.end)
      .field("path", e.path)
      .field("op", e.op)
      .field("value", e.value);
  j.field("ramp_days", e.ramp_days).field("note", e.note);
  j.end_object();
}

}  // namespace

std::string comparison_json(const Comparison& c) {
  JsonWriter j;
  j.begin_object();
  j.field("format", "defsim-compare").field("format_version", 1L).field("by", to_string(c.by));
  j.field("interval_level", kIntervalLevel).field("interval_method", kIntervalMethod);
  j.field("frequency", c.frequency).field("start_date", c.start_date).field("end_date", c.end_date);
  run(j, "baseline", c.base);
  run(j, "scenario", c.scenario);

  j.key("pairing").begin_object();
  j.field("pairs", c.pairing.pairs).field("baseline_replications", c.pairing.base_replications);
  j.field("scenario_replications", c.pairing.scenario_replications);
  j.field("baseline_seed", c.pairing.base_seed).field("scenario_seed", c.pairing.scenario_seed);
  j.field("common_random_numbers", c.pairing.common_random_numbers).field("stochastic", c.pairing.stochastic);
  j.end_object();

  j.key("scenario_events").begin_array();
  for (const auto& e : c.scenario_events) event(j, e);
  j.end_array();
  j.key("baseline_events").begin_array();
  for (const auto& e : c.base.events) event(j, e);
  j.end_array();

  const Windows& w = c.windows;
  j.key("windows").begin_object();
  j.field("split", w.split).field("split_date", w.split_date).field("first_after_period", w.first_after);
  j.field("before_from", w.before_from).field("before_to", w.before_to);
  j.field("after_from", w.after_from).field("after_to", w.after_to);
  j.field("before_days", w.before_days).field("after_days", w.after_days);
  j.end_object();

  j.key("effects").begin_array();
  for (const auto& e : c.effects) {
    j.begin_object();
    j.field("entity", e.entity).field("unit", e.unit);
    j.field("baseline_total", e.base_total).field("scenario_total", e.scenario_total);
    estimate(j, "change", e.change);
    estimate(j, "change_pct", e.change_pct);
    estimate(j, "peak_shortfall_per_month", e.peak_shortfall);
    j.field("peak_date", e.peak_date).field("peak_shortfall_pct", e.path.peak_shortfall_pct);
    j.field("periods_below_90", e.path.periods_below_90).field("days_below_90", e.path.days_below_90);
    j.field("gap_opens", e.gap_opens);
    j.field("recovery", recovery_word(e.path.recovery)).field("recovery_date", e.recovery_date);
    if (e.path.recovery == Recovery::recovered || e.path.recovery == Recovery::never_below) {
      j.field("days_to_recover_95", e.path.days_to_recover);
    } else {
      j.key("days_to_recover_95").null();
    }
    j.end_object();
  }
  j.end_array();

  j.key("constraints").begin_array();
  for (const auto& s : c.constraints) {
    j.begin_object();
    j.field("plant", s.plant).field("constraint", s.constraint);
    j.field("baseline_before", s.base_before).field("scenario_before", s.scenario_before);
    j.field("baseline_after", s.base_after).field("scenario_after", s.scenario_after);
    estimate(j, "change_after_pp", s.change_after_pp);
    j.end_object();
  }
  j.end_array();

  j.key("imports").begin_array();
  for (const auto& f : c.imports) {
    j.begin_object();
    j.field("good", f.good).field("origin", f.route.empty() ? "all" : f.origin);
    j.field("corridor", f.route.empty() ? "all" : f.corridor).field("route", f.route).field("unit", f.unit);
    j.field("baseline_volume_before", f.base_volume_before)
        .field("scenario_volume_before", f.scenario_volume_before);
    j.field("baseline_volume_after", f.base_volume_after)
        .field("scenario_volume_after", f.scenario_volume_after);
    estimate(j, "volume_change_after", f.volume_change_after);
    j.field("baseline_bill_before", f.base_bill_before).field("scenario_bill_before", f.scenario_bill_before);
    j.field("baseline_bill_after", f.base_bill_after).field("scenario_bill_after", f.scenario_bill_after);
    estimate(j, "bill_change_after", f.bill_change_after);
    j.field("baseline_premium_after_pct", f.base_premium_after);
    j.field("scenario_premium_after_pct", f.scenario_premium_after);
    j.field("price_change_after_pct", f.price_change_after_pct);
    j.end_object();
  }
  j.end_array();

  j.key("notes").begin_array();
  for (const auto& n : c.notes) j.value(n);
  j.end_array();
  j.end_object();
  return j.str();
}

}  // namespace defsim
