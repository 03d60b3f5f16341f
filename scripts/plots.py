"""Plots of a scenario against its baseline, from two defsim run files (matplotlib, Agg).

Each function takes two open defsim_reader.RunFile objects and returns a matplotlib Figure;
scripts/report.py embeds them in the HTML report, and you can save them yourself:

    import sys; sys.path.insert(0, "scripts")
    from defsim_reader import RunFile
    import plots
    with RunFile("output/baseline.h5") as b, RunFile("output/microelectronics_cutoff.h5") as s:
        plots.deliveries_fan_chart(b, s).savefig("deliveries.png")

Conventions: flows are shown per average month (the period total divided by its days, times
365/12), so partial first and last months do not dip; bands are the 5th-95th percentiles
across replications and lines their median (with few replications the band is close to the
min-max range); a dotted vertical line marks the scenario's first event when one is given.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.colors import BoundaryNorm, ListedColormap  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

DAYS_PER_MONTH = 365.0 / 12.0
BASE_COLOUR = "#1f5fa8"
SCEN_COLOUR = "#d1495b"
LOW_Q, HIGH_Q = 5, 95


def _months(run):
    t = run.time
    return t["period_start"].to_numpy(), t["days_in_period"].to_numpy().astype(float)


def _per_month(array, days):
    """(replications, periods, ...) period totals -> rates per average month."""
    shape = (1, -1) + (1,) * (array.ndim - 2)
    return array / days.reshape(shape) * DAYS_PER_MONTH


def _band(ax, x, values, colour, label):
    """Median line and 5-95% band of values (replications, periods)."""
    if values.shape[0] == 0:
        return
    lo, med, hi = np.nanpercentile(values, [LOW_Q, 50, HIGH_Q], axis=0)
    ax.fill_between(x, lo, hi, color=colour, alpha=0.25, linewidth=0, step=None)
    ax.plot(x, med, color=colour, linewidth=1.6, label=label)


def _event_line(ax, event_date):
    if event_date:
        ax.axvline(np.datetime64(event_date), color="#444444", linestyle=":", linewidth=1.2)


def _grid(n, ncols, width=11.0, row_height=2.8):
    nrows = max(1, (n + ncols - 1) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, row_height * nrows + 0.6), squeeze=False,
                             constrained_layout=True)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, axes.flat


def _names(run, axis, column):
    return run.index(axis)[column].to_numpy()


def deliveries_fan_chart(base, scen, event_date=None):
    """Deliveries of each final good per month: median and 5-95% band across replications,
    baseline against scenario."""
    goods = base.index("goods")
    finals = np.flatnonzero(goods["kind"].to_numpy() == "final")
    x, days = _months(base)
    b = _per_month(base.array("goods/deliveries").astype(float), days)
    s = _per_month(scen.array("goods/deliveries").astype(float), days)
    fig, axes = _grid(len(finals), 2)
    for ax, g in zip(axes, finals):
        _band(ax, x, b[:, :, g], BASE_COLOUR, "baseline")
        _band(ax, x, s[:, :, g], SCEN_COLOUR, "scenario")
        _event_line(ax, event_date)
        ax.set_title(f"{goods['good'][g]} ({goods['unit'][g]} per month)", fontsize=10)
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
    if len(finals):
        axes[0].legend(loc="lower left", fontsize=8)
    fig.suptitle("Deliveries of final goods: median and 5-95% band across replications", fontsize=11)
    return fig


def _import_routes(run):
    routes = run.index("routes")
    keep = np.flatnonzero(routes["origin"].to_numpy() != "domestic")
    labels = [f"{routes['origin'][i]} / {routes['corridor'][i]}" for i in keep]
    return routes, keep, labels


def _corridor_colours(labels):
    cmap = plt.get_cmap("tab20")
    unique = sorted(set(labels))
    return {lab: cmap(k % 20) for k, lab in enumerate(unique)}


def imports_by_corridor(base, scen, event_date=None):
    """Units shipped per month of each imported good, stacked by origin / corridor (mean
    across replications), baseline (left) and scenario (right) on the same scale."""
    routes, keep, labels = _import_routes(base)
    x, days = _months(base)
    b = _per_month(base.array("routes/shipped").astype(float), days).mean(axis=0)
    s = _per_month(scen.array("routes/shipped").astype(float), days).mean(axis=0)
    goods = base.index("goods")
    good_of = routes["good"].to_numpy()
    imported = [g for g in goods["good"] if any(good_of[i] == g for i in keep)]
    colours = _corridor_colours(labels)
    fig, axes = plt.subplots(max(1, len(imported)), 2, figsize=(11, 2.4 * max(1, len(imported)) + 0.8),
                             squeeze=False, constrained_layout=True, sharex=True)
    for row, good in enumerate(imported):
        idx = [i for i in keep if good_of[i] == good]
        labs = [f"{routes['origin'][i]} / {routes['corridor'][i]}" for i in idx]
        unit = goods.loc[goods["good"] == good, "unit"].iloc[0]
        top = max(np.nansum(b[:, idx], axis=1).max(initial=0), np.nansum(s[:, idx], axis=1).max(initial=0))
        for col, (data, who) in enumerate(((b, "baseline"), (s, "scenario"))):
            ax = axes[row][col]
            ax.stackplot(x, np.nan_to_num(data[:, idx]).T, colors=[colours[lab] for lab in labs], labels=labs,
                         linewidth=0)
            _event_line(ax, event_date)
            ax.set_ylim(0, top * 1.05 if top > 0 else 1)
            ax.set_title(f"{good}, {who} ({unit} per month)", fontsize=9)
            ax.grid(alpha=0.3)
        axes[row][1].legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)
    fig.suptitle("Imports by origin / corridor: units shipped per month (mean across replications)", fontsize=11)
    return fig


def import_bill_by_corridor(base, scen, event_date=None):
    """USD paid per month for all imports, stacked by origin / corridor (mean across
    replications), baseline against scenario."""
    routes, keep, labels = _import_routes(base)
    x, days = _months(base)
    colours = _corridor_colours(labels)
    unique = sorted(set(labels))
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.6), squeeze=False, constrained_layout=True, sharey=True)
    for col, (run, who) in enumerate(((base, "baseline"), (scen, "scenario"))):
        bill = _per_month(run.array("routes/bill_usd").astype(float), days).mean(axis=0)
        stacks = [np.nansum(bill[:, [i for i, lab in zip(keep, labels) if lab == u]], axis=1) / 1e6 for u in unique]
        ax = axes[0][col]
        ax.stackplot(x, stacks, colors=[colours[u] for u in unique], labels=unique, linewidth=0)
        _event_line(ax, event_date)
        ax.set_title(f"{who}: import bill (million USD per month)", fontsize=10)
        ax.grid(alpha=0.3)
    axes[0][1].legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)
    return fig


def labour(base, scen, event_date=None):
    """Workforce, vacancies and hires summed over plants (median and 5-95% band), and any
    wage variable the run files hold (the model has none yet)."""
    x, days = _months(base)
    panels = [
        ("plants/workforce", "workforce (workers, end of period)", False),
        ("plants/vacancies", "vacancies (workers sought, mean over period)", False),
        ("plants/hires", "hires (workers per month)", True),
    ]
    available = set(base.variables) & set(scen.variables)
    panels = [p for p in panels if p[0] in available]
    wages = sorted(v for v in available if "wage" in v.split("/")[1])
    panels += [(v, f"{v} (mean over rows)", False) for v in wages]
    fig, axes = _grid(len(panels), 2, row_height=2.9)
    for ax, (var, title, flow) in zip(axes, panels):
        for run, colour, who in ((base, BASE_COLOUR, "baseline"), (scen, SCEN_COLOUR, "scenario")):
            a = run.array(var).astype(float)
            if flow:
                a = _per_month(a, days)
            total = a.mean(axis=2) if "wage" in var else a.sum(axis=2)
            _band(ax, x, total, colour, who)
        _event_line(ax, event_date)
        ax.set_title(title, fontsize=10)
        ax.grid(alpha=0.3)
    if panels:
        axes[0].legend(loc="best", fontsize=8)
    fig.suptitle("Labour, all plants: median and 5-95% band across replications"
                 + ("" if wages else " (wages are not modelled yet)"), fontsize=11)
    return fig


def _modal_codes(run, variable="plants/binding"):
    """(periods, plants): the code most replications recorded (ties: lowest code)."""
    a = run.array(variable)
    n_codes = len(run.codes(variable))
    counts = np.stack([(a == k).sum(axis=0) for k in range(n_codes)])  # (codes, periods, plants)
    modal = counts.argmax(axis=0)
    modal[counts.max(axis=0) == 0] = -1
    return modal


def binding_heatmap(base, scen, event_date=None):
    """The constraint that bound each plant's output in each period (modal across
    replications), baseline above scenario."""
    codes = base.codes("plants/binding")
    plants = _names(base, "plants", "plant")
    x, days = _months(base)
    mb, ms = _modal_codes(base), _modal_codes(scen)
    used = sorted(k for k in set(np.unique(mb).tolist()) | set(np.unique(ms).tolist()) if k >= 0)
    palette = ["#d9d9d9", "#4d4d4d"] + list(plt.get_cmap("tab10").colors) + list(plt.get_cmap("Set3").colors)
    colours = [palette[k % len(palette)] for k in range(len(codes))]
    cmap = ListedColormap(["#ffffff"] + colours)
    norm = BoundaryNorm(np.arange(-1.5, len(codes) + 0.5), cmap.N)
    fig, axes = plt.subplots(2, 1, figsize=(11, 0.26 * len(plants) * 2 + 2.2), constrained_layout=True, sharex=True)
    edges = np.append(x, x[-1] + np.timedelta64(int(days[-1]), "D")) if len(x) else x
    for ax, (m, who) in zip(axes, ((mb, "baseline"), (ms, "scenario"))):
        ax.pcolormesh(edges, np.arange(len(plants) + 1), m.T, cmap=cmap, norm=norm, shading="flat")
        ax.set_yticks(np.arange(len(plants)) + 0.5)
        ax.set_yticklabels(plants, fontsize=7)
        ax.invert_yaxis()
        _event_line(ax, event_date)
        ax.set_title(f"{who}: binding constraint by plant (modal across replications)", fontsize=10)
    handles = [Patch(color=colours[k], label=codes[k]) for k in used]
    axes[0].legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)
    return fig
