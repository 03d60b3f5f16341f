// The comparison as one tidy CSV table: a row per number, so that a spreadsheet's filter
// or pivot table (or pandas) can pick out any section, metric and window. Numbers are
// written exactly (shortest round-trip form); undefined ones are empty cells. Dates and
// statuses go in the `text` column.
#include <fmt/format.h>

#include <limits>

#include "analysis/compare_format.hpp"
#include "analysis/number_format.hpp"

#include "io/csv_cell.hpp"

namespace defsim {
namespace {

struct Row {
  std::string section, entity, constraint, origin, corridor, window, metric, unit;
  double value = std::numeric_limits<double>::quiet_NaN();
  double lo = std::numeric_limits<double>::quiet_NaN();
  double hi = std::numeric_limits<double>::quiet_NaN();
  std::string text;
};

class Writer {
 public:
  Writer() {
    out_ = "section,entity,constraint,origin,corridor,window,metric,unit,value,ci90_low,ci90_high,text\n";
  }
  void add(const Row& r) {
    out_ += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_cell(r.section), csv_cell(r.entity),
                        csv_cell(r.constraint), csv_cell(r.origin), csv_cell(r.corridor), csv_cell(r.window),
                        csv_cell(r.metric), csv_cell(r.unit), exact_number(r.value), exact_number(r.lo),
                        exact_number(r.hi), csv_cell(r.text));
  }
  const std::string& str() const { return out_; }

 private:
  std::string out_;
};

Row with(Row r, const char* metric, const std::string& unit, double value) {
  r.metric = metric;
  r.unit = unit;
  r.value = value;
  return r;
}

Row with(Row r, const char* metric, const std::string& unit, const Estimate& e) {
  r = with(std::move(r), metric, unit, e.value);
  r.lo = e.lo;
  r.hi = e.hi;
  return r;
}

Row text_row(Row r, const char* metric, const std::string& text) {
  r.metric = metric;
  r.text = text;
  return r;
}

}  // namespace

std::string comparison_csv(const Comparison& c) {
  Writer w;
  Row run;
  run.section = "run";
  w.add(text_row(run, "baseline_file", c.base.path));
  w.add(text_row(run, "scenario_file", c.scenario.path));
  w.add(text_row(run, "by", to_string(c.by)));
  w.add(with(run, "pairs", "", static_cast<double>(c.pairing.pairs)));
  w.add(with(run, "common_random_numbers", "", c.pairing.common_random_numbers ? 1.0 : 0.0));
  w.add(text_row(run, "baseline_seed", c.pairing.base_seed));
  w.add(text_row(run, "scenario_seed", c.pairing.scenario_seed));
  w.add(text_row(run, "split_date", c.windows.split_date));
  w.add(with(run, "days_before", "days", c.windows.before_days));
  w.add(with(run, "days_after", "days", c.windows.after_days));
  w.add(text_row(run, "interval_method", kIntervalMethod));

  const char* section =
      c.by == CompareBy::good ? "deliveries" : (c.by == CompareBy::plant ? "output" : "shipments");
  for (const auto& e : c.effects) {
    Row r;
    r.section = section;
    r.entity = e.entity;
    r.window = "horizon";
    w.add(with(r, "baseline_total", e.unit, e.base_total));
    w.add(with(r, "scenario_total", e.unit, e.scenario_total));
    w.add(with(r, "change", e.unit, e.change));
    w.add(with(r, "change_pct", "%", e.change_pct));
    Row pk = with(r, "peak_shortfall", e.unit + "/month", e.peak_shortfall);
    pk.text = e.peak_date;
    w.add(pk);
    w.add(with(r, "peak_shortfall_pct", "%", e.path.peak_shortfall_pct));
    w.add(with(r, "periods_below_90", "periods", static_cast<double>(e.path.periods_below_90)));
    w.add(with(r, "days_below_90", "days", e.path.days_below_90));
    w.add(text_row(r, "gap_opens", e.gap_opens));
    Row rec = with(r, "days_to_recover_95", "days", e.path.days_to_recover);
    rec.text = e.path.recovery == Recovery::recovered ? e.recovery_date : recovery_word(e.path.recovery);
    w.add(rec);
  }
  for (const auto& s : c.constraints) {
    Row r;
    r.section = "constraints";
    r.entity = s.plant.empty() ? "all plants" : s.plant;
    r.constraint = s.constraint;
    if (c.windows.split) {
      r.window = "before";
      w.add(with(r, "share_baseline", "1", s.base_before));
      w.add(with(r, "share_scenario", "1", s.scenario_before));
    }
    r.window = c.windows.split ? "after" : "horizon";
    w.add(with(r, "share_baseline", "1", s.base_after));
    w.add(with(r, "share_scenario", "1", s.scenario_after));
    w.add(with(r, "change_pp", "pp", s.change_after_pp));
  }
  for (const auto& f : c.imports) {
    Row r;
    r.section = "imports";
    r.entity = f.good;
    r.origin = f.route.empty() ? "all" : f.origin;
    r.corridor = f.route.empty() ? "all" : f.corridor;
    const std::string per_month = f.unit + "/month";
    if (c.windows.split) {
      r.window = "before";
      w.add(with(r, "volume_baseline", per_month, f.base_volume_before));
      w.add(with(r, "volume_scenario", per_month, f.scenario_volume_before));
      w.add(with(r, "bill_baseline", "USD/month", f.base_bill_before));
      w.add(with(r, "bill_scenario", "USD/month", f.scenario_bill_before));
    }
    r.window = c.windows.split ? "after" : "horizon";
    w.add(with(r, "volume_baseline", per_month, f.base_volume_after));
    w.add(with(r, "volume_scenario", per_month, f.scenario_volume_after));
    w.add(with(r, "volume_change", per_month, f.volume_change_after));
    w.add(with(r, "bill_baseline", "USD/month", f.base_bill_after));
    w.add(with(r, "bill_scenario", "USD/month", f.scenario_bill_after));
    w.add(with(r, "bill_change", "USD/month", f.bill_change_after));
    w.add(with(r, "premium_baseline_pct", "%", f.base_premium_after));
    w.add(with(r, "premium_scenario_pct", "%", f.scenario_premium_after));
    w.add(with(r, "price_change_pct", "%", f.price_change_after_pct));
  }
  for (const auto& n : c.notes) w.add(text_row(run, "note", n));
  return w.str();
}

}  // namespace defsim
