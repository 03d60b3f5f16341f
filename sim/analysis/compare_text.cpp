// The comparison as text: aligned columns for a terminal, or Markdown pipe tables. Both
// come from one list of paragraphs and tables, so they always show the same numbers.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "analysis/compare_format.hpp"
#include "analysis/number_format.hpp"

namespace defsim {
namespace {

struct Table {
  std::string title;
  std::vector<std::string> header;
  std::vector<bool> left;  // per column: names left-aligned, numbers right-aligned
  std::vector<std::vector<std::string>> rows;
  void column(std::string name, bool align_left) {
    header.push_back(std::move(name));
    left.push_back(align_left);
  }
};

struct Item {
  std::string paragraph;  // used when table is empty
  std::vector<std::string> bullets;
  Table table;
  bool is_table = false;
};

std::string share(double s) { return std::isfinite(s) ? fmt::format("{:.1f}%", 100.0 * s) : "n/a"; }

std::string pp(double x) {
  if (!std::isfinite(x)) return "n/a";
  const std::string s = fmt::format("{:+.1f}", x);
  return s == "-0.0" || s == "+0.0" ? "0.0" : s;
}

std::string pp_interval(const Estimate& e) {
  if (!std::isfinite(e.lo) || !std::isfinite(e.hi)) return "n/a";
  return fmt::format("[{}, {}]", pp(e.lo), pp(e.hi));
}

std::string period_word(const std::string& frequency) {
  if (frequency == "day") return "days";
  if (frequency == "week") return "weeks";
  return "months";
}

const char* headline_title(CompareBy by) {
  switch (by) {
    case CompareBy::good: return "Deliveries of final goods to the state (goods/deliveries)";
    case CompareBy::plant: return "Output by plant (plants/output)";
    case CompareBy::route: return "Shipments by route (routes/shipped)";
  }
  return "";
}

std::string recovery_text(const EntityEffect& e) {
  switch (e.path.recovery) {
    case Recovery::never_below: return "never below";
    case Recovery::recovered: return e.recovery_date;
    case Recovery::not_recovered: return "not by end";
  }
  return "";
}

std::string months_to_recover(const EntityEffect& e) {
  if (e.path.recovery != Recovery::recovered) return "-";
  return fmt::format("{:.1f}", e.path.days_to_recover / kDaysPerMonth);
}

std::string run_line(const char* role, const RunDescription& d) {
  return fmt::format("{}: {} (scenario {}, seed {}, {} replications, defsim {} {})", role, d.path,
                     d.attribute("scenario_name"), d.attribute("seed"), d.attribute("replications"),
                     d.attribute("defsim_version"), d.attribute("git_commit"));
}

std::string event_line(const ScenarioEvent& e) {
  std::string s = fmt::format("{}: {} {} {}", e.start, e.path, e.op, e.value);
  s += e.end.empty() ? ", to the end of the run" : fmt::format(", until {}", e.end);
  if (!e.ramp_days.empty() && e.ramp_days != "0") s += fmt::format(", phased in over {} days", e.ramp_days);
  if (!e.note.empty()) s += fmt::format(" ({})", e.note);
  return s;
}

std::vector<Item> build(const Comparison& c) {
  std::vector<Item> items;
  auto paragraph = [&](std::string text) {
    Item it;
    it.paragraph = std::move(text);
    items.push_back(std::move(it));
  };
  auto table = [&](Table t) {
    Item it;
    it.table = std::move(t);
    it.is_table = true;
    items.push_back(std::move(it));
  };

  paragraph(fmt::format(
      "Scenario '{}' against baseline '{}': model {}, {} to {}, {} output, {} replication pair{}.",
      c.scenario.attribute("scenario_name"), c.base.attribute("scenario_name"),
      c.base.attribute("model_name"), c.start_date, c.end_date,
      c.frequency == "day" ? "daily" : c.frequency + "ly", c.pairing.pairs, c.pairing.pairs == 1 ? "" : "s"));
  {
    Item it;
    it.bullets = {run_line("baseline", c.base), run_line("scenario", c.scenario)};
    items.push_back(std::move(it));
  }
  if (c.scenario_events.empty()) {
    paragraph("The scenario has no events the baseline lacks.");
  } else {
    paragraph("Events of the scenario that the baseline lacks:");
    Item it;
    for (const auto& e : c.scenario_events) it.bullets.push_back(event_line(e));
    items.push_back(std::move(it));
  }
  paragraph(std::string("Intervals: ") + kIntervalMethod);
  paragraph(
      "Columns: base = baseline, scen = scenario, pp = percentage points; \"before\" and \"after\" are "
      "the windows defined below the gap table.");

  const std::string entity = to_string(c.by);
  {
    Table t;
    t.title = fmt::format("{}, cumulative {} to {}", headline_title(c.by), c.start_date, c.end_date);
    t.column(entity, true);
    t.column("unit", true);
    for (const char* h : {"baseline", "scenario", "change", "90% interval", "change %", "90% interval"}) {
      t.column(h, false);
    }
    for (const auto& e : c.effects) {
      t.rows.push_back({e.entity, e.unit, format_quantity(e.base_total), format_quantity(e.scenario_total),
                        format_quantity(e.change.value, true),
                        format_interval(e.change.lo, e.change.hi, false), format_percent(e.change_pct.value),
                        format_interval(e.change_pct.lo, e.change_pct.hi, true)});
    }
    table(std::move(t));
  }
  {
    Table t;
    t.title = "The gap over time (mean paths; shortfalls in units per average month of 30.4 days)";
    t.column(entity, true);
    for (const std::string& h :
         {std::string("gap opens"), std::string("peak shortfall"), std::string("90% interval"),
          std::string("peak in"), std::string("peak %"), period_word(c.frequency) + " < 90%",
          std::string("back >= 95% from"), std::string("months to recover")}) {
      t.column(h, false);
    }
    for (const auto& e : c.effects) {
      const bool peak = e.path.peak_period >= 0;
      t.rows.push_back({e.entity, e.gap_opens.empty() ? "never" : e.gap_opens,
                        peak ? format_quantity(e.peak_shortfall.value) : "none",
                        peak ? format_interval(e.peak_shortfall.lo, e.peak_shortfall.hi, false) : "-",
                        peak ? e.peak_date : "-",
                        peak ? fmt::format("{:.1f}%", e.path.peak_shortfall_pct) : "-",
                        std::to_string(e.path.periods_below_90), recovery_text(e), months_to_recover(e)});
    }
    table(std::move(t));
  }

  const Windows& w = c.windows;
  const bool before = w.split && w.before_days > 0.0;
  if (w.split) {
    paragraph(fmt::format(
        "Windows: the scenario's first event starts {}; \"before\" is the periods starting {} to {}, "
        "\"after\" "
        "the periods starting {} to {} (the period containing the event counts as after).",
        w.split_date, before ? w.before_from : "-", before ? w.before_to : "-", w.after_from, w.after_to));
  } else {
    paragraph("Windows: no scenario event, so constraint shares and imports cover the whole horizon.");
  }
  const char* after_word = w.split ? " after" : "";

  if (!c.constraints.empty()) {
    Table t;
    const bool per_plant = c.by == CompareBy::plant;
    t.title = per_plant ? "Binding constraints: share of each plant's days"
                        : "Binding constraints: share of plant-days, all plants";
    if (per_plant) t.column("plant", true);
    t.column("constraint", true);
    if (before) {
      t.column("base before", false);
      t.column("scen before", false);
    }
    t.column(std::string("base") + after_word, false);
    t.column(std::string("scen") + after_word, false);
    t.column("change (pp)", false);
    t.column("90% interval", false);
    for (const auto& s : c.constraints) {
      std::vector<std::string> row;
      if (per_plant) row.push_back(s.plant);
      row.push_back(s.constraint);
      if (before) {
        row.push_back(share(s.base_before));
        row.push_back(share(s.scenario_before));
      }
      row.push_back(share(s.base_after));
      row.push_back(share(s.scenario_after));
      row.push_back(pp(s.change_after_pp.value));
      row.push_back(pp_interval(s.change_after_pp));
      t.rows.push_back(std::move(row));
    }
    table(std::move(t));
  }

  if (!c.imports.empty()) {
    auto flow_columns = [&](Table& t, bool with_unit) {
      t.column("good", true);
      t.column("origin", true);
      t.column("corridor", true);
      if (with_unit) t.column("unit", true);
      if (before) {
        t.column("base before", false);
        t.column("scen before", false);
      }
      t.column(std::string("base") + after_word, false);
      t.column(std::string("scen") + after_word, false);
      t.column("change", false);
      t.column("90% interval", false);
    };
    Table volumes;
    volumes.title = "Imports: volume shipped per average month (units of the good)";
    flow_columns(volumes, true);
    Table bills;
    bills.title =
        w.split ? "Imports: bill per average month (USD); premium: price paid over the good's base value, "
                  "after; price change: scenario's price paid over the baseline's, after"
                : "Imports: bill per average month (USD); premium: price paid over the good's base value; "
                  "price change: scenario's price paid over the baseline's";
    flow_columns(bills, false);
    bills.column("premium base", false);
    bills.column("premium scen", false);
    bills.column("price change", false);
    for (const auto& f : c.imports) {
      const bool total = f.route.empty();
      std::vector<std::string> v = {f.good, total ? "all" : f.origin, total ? "all" : f.corridor, f.unit};
      std::vector<std::string> b = {f.good, total ? "all" : f.origin, total ? "all" : f.corridor};
      if (before) {
        v.push_back(format_quantity(f.base_volume_before));
        v.push_back(format_quantity(f.scenario_volume_before));
        b.push_back(format_quantity(f.base_bill_before));
        b.push_back(format_quantity(f.scenario_bill_before));
      }
      v.push_back(format_quantity(f.base_volume_after));
      v.push_back(format_quantity(f.scenario_volume_after));
      v.push_back(format_quantity(f.volume_change_after.value, true));
      v.push_back(format_interval(f.volume_change_after.lo, f.volume_change_after.hi, false));
      b.push_back(format_quantity(f.base_bill_after));
      b.push_back(format_quantity(f.scenario_bill_after));
      b.push_back(format_quantity(f.bill_change_after.value, true));
      b.push_back(format_interval(f.bill_change_after.lo, f.bill_change_after.hi, false));
      b.push_back(format_percent(f.base_premium_after));
      b.push_back(format_percent(f.scenario_premium_after));
      b.push_back(format_percent(f.price_change_after_pct));
      volumes.rows.push_back(std::move(v));
      bills.rows.push_back(std::move(b));
    }
    table(std::move(volumes));
    table(std::move(bills));
  }

  if (!c.notes.empty()) {
    paragraph("Notes:");
    Item it;
    it.bullets = c.notes;
    items.push_back(std::move(it));
  }
  return items;
}

// Greedy word wrap for the terminal; Markdown viewers wrap on their own.
std::string wrap(const std::string& text, std::size_t width, const std::string& first,
                 const std::string& rest) {
  std::string out;
  std::string line = first;
  std::size_t pos = 0;
  bool empty = true;
  while (pos < text.size()) {
    std::size_t end = text.find(' ', pos);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(pos, end - pos);
    if (!empty && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line = rest;
      empty = true;
    }
    if (!empty) line += ' ';
    line += word;
    empty = false;
    pos = end + 1;
  }
  return out + line + "\n";
}

std::string render_text_table(const Table& t) {
  std::vector<std::size_t> width(t.header.size(), 0);
  for (std::size_t i = 0; i < t.header.size(); ++i) width[i] = t.header[i].size();
  for (const auto& row : t.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  auto render = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) line += "  ";
      line += t.left[i] ? fmt::format("{:<{}}", row[i], width[i]) : fmt::format("{:>{}}", row[i], width[i]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line + "\n";
  };
  std::size_t total = 0;
  for (auto w : width) total += w;
  total += 2 * (width.size() - 1);
  std::string out = t.title + "\n" + render(t.header) + std::string(total, '-') + "\n";
  for (const auto& row : t.rows) out += render(row);
  if (t.rows.empty()) out += "(none)\n";
  return out;
}

std::string markdown_cell(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '|') out += '\\';
    out += ch;
  }
  return out;
}

std::string render_markdown_table(const Table& t) {
  std::string out = "### " + t.title + "\n\n|";
  for (const auto& h : t.header) out += " " + markdown_cell(h) + " |";
  out += "\n|";
  for (bool l : t.left) out += l ? ":---|" : "---:|";
  out += "\n";
  for (const auto& row : t.rows) {
    out += "|";
    for (const auto& cell : row) out += " " + markdown_cell(cell) + " |";
    out += "\n";
  }
  return out;
}

}  // namespace

std::string comparison_text(const Comparison& c, bool markdown) {
  std::string out;
  if (markdown) out += "## defsim compare\n\n";
  for (const auto& it : build(c)) {
    if (it.is_table) {
      out += markdown ? render_markdown_table(it.table) : render_text_table(it.table);
    } else if (!it.bullets.empty()) {
      for (const auto& b : it.bullets) out += markdown ? "- " + b + "\n" : wrap(b, 100, "  - ", "    ");
    } else {
      out += markdown ? it.paragraph + "\n" : wrap(it.paragraph, 100, "", "");
    }
    out += "\n";
  }
  while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

}  // namespace defsim
