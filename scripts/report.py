#!/usr/bin/python3
"""Write one self-contained HTML report comparing a scenario run with its baseline.

    /usr/bin/python3 scripts/report.py BASE.h5 SCEN.h5 -o report.html --compare-json compare.json
    /usr/bin/python3 scripts/report.py BASE.h5 SCEN.h5 -o report.html --defsim build/bin/defsim

`defsim report BASE.h5 SCEN.h5 -o report.html` runs the first form with the JSON of
`defsim compare --format json`, so the report's tables and the command line's agree; the
second form runs that command itself. The page holds the headline table, the plots
(scripts/plots.py, PNG embedded as base64), the scenario's events, the constraint and import
tables, and the provenance of both runs. It loads nothing from the network.

Exit status: 0 written; 2 bad arguments, unreadable input or a missing Python module (the
message says which Debian package to install); 3 the report could not be written.
"""

import argparse
import base64
import datetime
import html
import io
import json
import os
import subprocess
import sys

REQUIRED = (("h5py", "python3-h5py"), ("numpy", "python3-numpy"), ("pandas", "python3-pandas"),
            ("matplotlib", "python3-matplotlib"))

EXIT_USAGE = 2
EXIT_IO = 3


def check_modules():
    missing = []
    for module, package in REQUIRED:
        try:
            __import__(module)
        except ImportError:
            missing.append((module, package))
    if missing:
        names = ", ".join(m for m, _ in missing)
        packages = " ".join(p for _, p in missing)
        print(f"report.py: {sys.executable} lacks the Python module(s) {names}; on Debian install them with\n"
              f"  apt-get install --no-install-recommends {packages}\n"
              f"(scripts/setup.sh installs them), or run with a Python that has them (DEFSIM_PYTHON=...).",
              file=sys.stderr)
        sys.exit(EXIT_USAGE)


DAYS_PER_MONTH = 365.0 / 12.0


# --- numbers for people (the same rules as sim/analysis/number_format.cpp) -----------------

def is_num(x):
    return isinstance(x, (int, float)) and x == x and x not in (float("inf"), float("-inf"))


def qty(x, signed=False):
    if x is None or (isinstance(x, float) and x != x):
        return "n/a"
    if not is_num(x):
        return "inf" if x > 0 else "-inf"
    if x == 0:
        return "0"
    m = abs(x)
    if m >= 1e15:
        body = f"{m:.3e}"
    elif m >= 100:
        body = f"{m:,.0f}"
    elif m >= 1:
        body = f"{m:.2f}"
    else:
        body = f"{m:.3g}"
    return ("-" if x < 0 else ("+" if signed else "")) + body


def pct(x):
    if x is None or not is_num(x):
        return "n/a"
    s = f"{x:+.1f}%"
    return "0.0%" if s in ("+0.0%", "-0.0%") else s


def interval(est, percent=False):
    lo, hi = est.get("ci90_low"), est.get("ci90_high")
    if lo is None or hi is None:
        return "n/a"
    return f"[{pct(lo)}, {pct(hi)}]" if percent else f"[{qty(lo, True)}, {qty(hi, True)}]"


def share(x):
    return "n/a" if x is None else f"{100 * x:.1f}%"


def pp(x):
    if x is None:
        return "n/a"
    s = f"{x:+.1f}"
    return "0.0" if s in ("+0.0", "-0.0") else s


# --- HTML ----------------------------------------------------------------------------------

CSS = """
body { font-family: -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; margin: 2em auto;
       max-width: 1180px; color: #222; line-height: 1.45; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.86em; }
th, td { padding: 0.25em 0.6em; border-bottom: 1px solid #e3e3e3; vertical-align: top; }
th { background: #f3f3f3; text-align: left; } td.n { text-align: right; font-variant-numeric: tabular-nums;
white-space: nowrap; } tr.total td { font-weight: 600; background: #fafafa; }
figure { margin: 1.5em 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { font-size: 0.88em; color: #555; } .note { color: #555; font-size: 0.9em; }
pre { background: #f7f7f7; padding: 0.8em; overflow-x: auto; font-size: 0.8em; max-height: 30em; }
code { font-size: 0.92em; }
"""

# Marks, once the page has loaded, how many embedded plots decoded: scripts/check_report_chromium.sh
# reads the attribute from the DOM headless Chromium dumps.
LOAD_CHECK = """
window.addEventListener("load", function () {
  var imgs = document.images, ok = 0;
  for (var i = 0; i < imgs.length; i++) { if (imgs[i].complete && imgs[i].naturalWidth > 0) { ok++; } }
  document.body.setAttribute("data-plots-loaded", ok + "/" + imgs.length);
});
"""


def esc(s):
    return html.escape("" if s is None else str(s))


def table(header, rows, numeric=(), row_classes=None):
    out = ["<table><thead><tr>"] + [f"<th>{esc(h)}</th>" for h in header] + ["</tr></thead><tbody>"]
    for k, row in enumerate(rows):
        cls = f' class="{row_classes[k]}"' if row_classes and row_classes[k] else ""
        out.append(f"<tr{cls}>")
        for i, cell in enumerate(row):
            out.append(f'<td class="n">{esc(cell)}</td>' if i in numeric else f"<td>{esc(cell)}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def figure_html(fig_id, fig, caption):
    import matplotlib.pyplot as plt
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90)
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return (f'<figure id="{fig_id}"><img src="data:image/png;base64,{data}" alt="{esc(caption)}">'
            f"<figcaption>{esc(caption)}</figcaption></figure>")


def recovery_text(e):
    if e["recovery"] == "never_below":
        return "never below 95%"
    if e["recovery"] == "recovered":
        return f"{e['recovery_date']} ({e['days_to_recover_95'] / DAYS_PER_MONTH:.1f} months)"
    return "not by the end"


def headline(c):
    what = {"good": "good", "plant": "plant", "route": "route"}[c["by"]]
    rows = []
    for e in c["effects"]:
        peak = e["peak_shortfall_per_month"]
        rows.append([
            e["entity"], e["unit"], qty(e["baseline_total"]), qty(e["scenario_total"]),
            qty(e["change"]["value"], True), interval(e["change"]), pct(e["change_pct"]["value"]),
            interval(e["change_pct"], True), e["gap_opens"] or "never",
            f"{qty(peak['value'])} in {e['peak_date']}" if e["peak_date"] else "none",
            e["periods_below_90"], recovery_text(e)])
    periods = {"day": "days", "week": "weeks"}.get(c["frequency"], "months")
    return table([what, "unit", "baseline", "scenario", "change", "90% interval", "change %", "90% interval",
                  "gap opens", "peak shortfall per month", f"{periods} below 90%", "back at 95% from"],
                 rows, numeric={2, 3, 4, 5, 6, 7, 10})


def events_table(events):
    if not events:
        return '<p class="note">None.</p>'
    rows = [[e["start"], e["end"] or "end of run", e["path"], e["op"], e["value"], e["ramp_days"] or "0", e["note"]]
            for e in events]
    return table(["start", "until", "path", "op", "value", "ramp days", "note"], rows)


def constraints_table(c):
    w = c["windows"]
    before = w["split"] and w["before_days"] > 0
    per_plant = c["by"] == "plant"
    header = (["plant"] if per_plant else []) + ["constraint"]
    header += (["base before", "scen before"] if before else [])
    after = " after" if w["split"] else ""
    header += [f"base{after}", f"scen{after}", "change (pp)", "90% interval"]
    rows = []
    for s in c["constraints"]:
        row = ([s["plant"]] if per_plant else []) + [s["constraint"]]
        if before:
            row += [share(s["baseline_before"]), share(s["scenario_before"])]
        ch = s["change_after_pp"]
        row += [share(s["baseline_after"]), share(s["scenario_after"]), pp(ch["value"]),
                "n/a" if ch["ci90_low"] is None else f"[{pp(ch['ci90_low'])}, {pp(ch['ci90_high'])}]"]
        rows.append(row)
    first_num = 2 if per_plant else 1
    return table(header, rows, numeric=set(range(first_num, len(header))))


def imports_table(c):
    w = c["windows"]
    after = " after" if w["split"] else ""
    header = ["good", "origin", "corridor", "unit", f"volume base{after}", f"volume scen{after}", "change",
              "90% interval", f"bill base{after} (USD)", f"bill scen{after} (USD)", "bill change",
              "premium base", "premium scen", "price change"]
    rows, classes = [], []
    for f in c["imports"]:
        rows.append([f["good"], f["origin"], f["corridor"], f["unit"], qty(f["baseline_volume_after"]),
                     qty(f["scenario_volume_after"]), qty(f["volume_change_after"]["value"], True),
                     interval(f["volume_change_after"]), qty(f["baseline_bill_after"]), qty(f["scenario_bill_after"]),
                     qty(f["bill_change_after"]["value"], True), pct(f["baseline_premium_after_pct"]),
                     pct(f["scenario_premium_after_pct"]), pct(f["price_change_after_pct"])])
        classes.append("total" if not f["route"] else "")
    return table(header, rows, numeric=set(range(4, len(header))), row_classes=classes)


def provenance(base, scen, c):
    battrs, sattrs = base.attrs, scen.attrs
    keys = list(dict.fromkeys(list(battrs) + list(sattrs)))
    rows = [[k, battrs.get(k, ""), sattrs.get(k, "")] for k in keys]
    out = [f"<p>Baseline file: <code>{esc(base.path)}</code>; scenario file: <code>{esc(scen.path)}</code>.</p>",
           table(["attribute", "baseline", "scenario"], rows)]
    for run, who in ((base, "baseline"), (scen, "scenario")):
        out.append(f"<details><summary>Resolved scenario and model of the {who} run "
                   f"(<code>/provenance/resolved_scenario</code>, hash {esc(run.attrs.get('scenario_hash', ''))})"
                   f"</summary><pre>{esc(run.resolved_scenario)}</pre></details>")
    if c["baseline_events"]:
        out.append("<h3>Events of the baseline (inherited by the scenario)</h3>" + events_table(c["baseline_events"]))
    return "".join(out)


def build_html(c, base, scen, figures):
    b_name = c["baseline"]["attributes"].get("scenario_name", "baseline")
    s_name = c["scenario"]["attributes"].get("scenario_name", "scenario")
    p = c["pairing"]
    crn = ("Both runs use seed {} (common random numbers: replication r of each shares its random stream)."
           .format(p["baseline_seed"]) if p["common_random_numbers"] else
           "The runs do not share a seed, or are not both stochastic: paired replications are independent.")
    w = c["windows"]
    windows = (f"The scenario's first event starts {w['split_date']}; \u201cafter\u201d is the periods starting "
               f"{w['after_from']} to {w['after_to']}" + (f", \u201cbefore\u201d those starting {w['before_from']} to "
                                                           f"{w['before_to']}." if w["before_days"] > 0 else ".")
               if w["split"] else "The scenario has no event the baseline lacks: tables cover the whole horizon.")
    title = f"{s_name} against {b_name}"
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>defsim report: {esc(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>defsim report: {esc(title)}</h1>",
        f"<p>{esc(c['scenario']['attributes'].get('scenario_description', ''))}</p>",
        f"<p>Model <b>{esc(c['baseline']['attributes'].get('model_name', ''))}</b>, {esc(c['start_date'])} to "
        f"{esc(c['end_date'])}, {esc(c['frequency'])}ly output; {p['pairs']} replication pair(s). {esc(crn)}</p>",
        f"<p class=\"note\">Intervals: {esc(c['interval_method'])} Definitions: docs/COMPARE.md.</p>",
        "<h2>Headline</h2>", headline(c),
        "<h2>The scenario's events</h2><p class=\"note\">Events the scenario has and the baseline lacks.</p>",
        events_table(c["scenario_events"]),
        "<h2>Plots</h2>",
    ]
    parts += figures
    parts += [
        "<h2>Binding constraints</h2>",
        f"<p class=\"note\">Share of plant-days on which each constraint bound output. {esc(windows)}</p>",
        constraints_table(c) if c["constraints"] else '<p class="note">Not recorded.</p>',
        "<h2>Imports</h2>",
        "<p class=\"note\">Per average month (365/12 days). Premium: price paid over the good's base unit "
        "value; price change: the scenario's price paid over the baseline's. Bold rows: all routes of the good.</p>",
        imports_table(c) if c["imports"] else '<p class="note">Not recorded.</p>',
    ]
    if c["notes"]:
        parts.append("<h2>Notes</h2><ul>" + "".join(f"<li>{esc(n)}</li>" for n in c["notes"]) + "</ul>")
    parts += ["<h2>Provenance</h2>", provenance(base, scen, c),
              f"<p class=\"note\">Written by scripts/report.py at "
              f"{datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')}.</p>",
              f"<script>{LOAD_CHECK}</script>", "</body></html>"]
    return "\n".join(parts)


def make_figures(base, scen, event_date):
    import plots
    return [
        figure_html("plot-deliveries", plots.deliveries_fan_chart(base, scen, event_date),
                    "Deliveries per month of each final good: median (line) and 5-95% band across replications; "
                    "dotted line: the scenario's first event."),
        figure_html("plot-imports-volume", plots.imports_by_corridor(base, scen, event_date),
                    "Imports of each good by origin / corridor, units shipped per month (mean across replications)."),
        figure_html("plot-imports-bill", plots.import_bill_by_corridor(base, scen, event_date),
                    "Import bill of all goods by origin / corridor, million USD per month (mean across replications)."),
        figure_html("plot-labour", plots.labour(base, scen, event_date),
                    "Workforce, vacancies and hires over all plants (median and 5-95% band); wages are not modelled "
                    "yet."),
        figure_html("plot-binding", plots.binding_heatmap(base, scen, event_date),
                    "The constraint that bound each plant's output in each period (the code most replications "
                    "recorded), baseline above scenario."),
    ]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("base")
    ap.add_argument("scenario")
    ap.add_argument("-o", "--output", default="report.html")
    ap.add_argument("--compare-json", help="JSON of `defsim compare --format json` for these two files")
    ap.add_argument("--defsim", help="defsim executable to run when --compare-json is not given")
    args = ap.parse_args(argv)
    check_modules()

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from defsim_reader import RunFile

    for path in (args.base, args.scenario):
        if not os.path.isfile(path):
            print(f"report.py: {path}: no such file", file=sys.stderr)
            return EXIT_USAGE
    if args.compare_json:
        with open(args.compare_json, encoding="utf-8") as f:
            comparison = json.load(f)
    elif args.defsim:
        done = subprocess.run([args.defsim, "compare", "--format", "json", args.base, args.scenario],
                              capture_output=True, text=True)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr, end="")
            return EXIT_USAGE
        comparison = json.loads(done.stdout)
    else:
        print("report.py: give --compare-json FILE or --defsim PATH", file=sys.stderr)
        return EXIT_USAGE

    try:
        base, scen = RunFile(args.base), RunFile(args.scenario)
    except (OSError, ValueError) as e:
        print(f"report.py: {e}", file=sys.stderr)
        return EXIT_USAGE
    with base, scen:
        w = comparison["windows"]
        figures = make_figures(base, scen, w["split_date"] if w["split"] else None)
        page = build_html(comparison, base, scen, figures)

    out_dir = os.path.dirname(os.path.abspath(args.output))
    tmp = os.path.join(out_dir, f".{os.path.basename(args.output)}.tmp.{os.getpid()}")
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(page)
        os.replace(tmp, args.output)
    except OSError as e:
        try:
            os.remove(tmp)
        except OSError:
            pass
        print(f"report.py: cannot write {args.output}: {e.strerror or e}", file=sys.stderr)
        return EXIT_IO
    return 0


if __name__ == "__main__":
    sys.exit(main())
