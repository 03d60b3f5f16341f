"""Read defsim run files (HDF5, docs/OUTPUT.md) into tidy pandas DataFrames.

Runs under Debian's /usr/bin/python3 with python3-h5py, python3-numpy and python3-pandas
(scripts/setup.sh installs them). Every variable becomes a long table with one row per
replication, period and entity, the entity's names joined in, so that pandas' groupby,
pivot_table and plotting work directly:

    import sys; sys.path.insert(0, "scripts")
    from defsim_reader import RunFile

    with RunFile("output/baseline.h5") as run:
        d = run.frame("goods/deliveries")        # replication, period, period_start, good, kind, unit, value
        finals = d[d.kind == "final"]
        per_month = finals.pivot_table(index="period_start", columns="good", values="value", aggfunc="mean")
        run.variables                            # ["goods/availability", ...]
        run.variable_info()                      # unit, aggregation, axis, description per variable
        run.index("plants")                      # plant, good, region per row
        run.time                                 # period, period_start, days_in_period, ...
        run.attrs["seed"], run.resolved_scenario

Column names match `defsim export --csv` (scripts and spreadsheets read the same tables).
Replications that were not recorded (recorded = 0, a failed replication kept by a
continue-on-failure policy) are left out unless recorded_only=False.
"""

import h5py
import numpy as np
import pandas as pd

FORMAT = "defsim-run"
NEWEST_FORMAT_VERSION = 1
LAYOUT_GROUPS = ("diagnostics", "index", "provenance", "replications", "time")

# Joined index columns in reading order (what a row is made of, where it sits, how it is
# classified); others follow alphabetically. The same order as sim/io/csv_export.cpp.
_PREFERRED_SUFFIXES = ("_plant", "_good", "_region", "_origin", "_corridor", "_kind", "_unit")


def _text(value):
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray):
        return [_text(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        return value.item()
    return value


def _singular(plural):
    return plural[:-1] if plural.endswith("s") else plural


def _reading_rank(name):
    for k, suffix in enumerate(_PREFERRED_SUFFIXES):
        if name.endswith(suffix):
            return k
    return len(_PREFERRED_SUFFIXES)


class RunFile:
    """One run file, opened read-only. Use as a context manager or call close()."""

    def __init__(self, path):
        self.path = str(path)
        try:
            self._f = h5py.File(self.path, "r")
        except (OSError, IOError) as e:
            raise OSError(f"run file {self.path}: cannot open ({e})") from e
        fmt = _text(self._f.attrs.get("format", b""))
        if fmt != FORMAT:
            self._f.close()
            raise ValueError(f"run file {self.path}: an HDF5 file, but not a defsim run file (format {fmt!r})")
        version = int(self._f.attrs.get("format_version", 0))
        if version > NEWEST_FORMAT_VERSION:
            self._f.close()
            raise ValueError(
                f"run file {self.path}: written in format version {version}; this reader reads up to "
                f"{NEWEST_FORMAT_VERSION}")
        self._index_cache = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self._f.close()

    # --- metadata -------------------------------------------------------------------------

    @property
    def attrs(self):
        """Root attributes (provenance) as Python values."""
        return {k: _text(v) for k, v in self._f.attrs.items()}

    @property
    def resolved_scenario(self):
        return self._f["provenance/resolved_scenario"].asstr()[()]

    @property
    def variables(self):
        """'group/name' of every recorded variable, in HDF5's name order."""
        out = []
        for group in self._f:
            if group in LAYOUT_GROUPS or not isinstance(self._f[group], h5py.Group):
                continue
            out.extend(f"{group}/{name}" for name in self._f[group])
        return out

    def variable_info(self):
        """One row per variable: unit, aggregation, axis, index, description, codes."""
        rows = []
        for v in self.variables:
            a = self._f[v].attrs
            rows.append({
                "variable": v,
                "group": v.split("/")[0],
                "name": v.split("/")[1],
                "unit": _text(a.get("unit", "")),
                "aggregation": _text(a.get("aggregation", "")),
                "axis": _text(a.get("axis", "")),
                "index": _text(a.get("index", "")),
                "description": _text(a.get("description", "")),
                "codes": _text(a["codes"]) if "codes" in a else None,
            })
        return pd.DataFrame(rows)

    def codes(self, variable):
        """Names of a code variable's codes (e.g. plants/binding), indexed by code."""
        return _text(self._f[variable].attrs["codes"])

    @property
    def time(self):
        """The output periods: period, period_start (datetime64) and every /time dataset."""
        t = self._f["time"]
        df = pd.DataFrame({"period": np.arange(t["period_start_date"].shape[0])})
        df["period_start"] = pd.to_datetime(t["period_start_date"].asstr()[:])
        for name in sorted(t, key=lambda n: (n != "period_start_date", n)):
            ds = t[name]
            df[name] = ds.asstr()[:] if h5py.check_string_dtype(ds.dtype) else ds[:]
        return df

    @property
    def replications(self):
        """replication, seed (uint64, exact) and recorded (bool) per replication."""
        r = self._f["replications"]
        df = pd.DataFrame({"replication": r["index"][:]})
        for name in r:
            if name == "index":
                continue
            values = r[name][:]
            df[name] = values.astype(bool) if name == "recorded" else values
        return df

    @property
    def diagnostics(self):
        """Long table: replication, anomaly, count."""
        frames = []
        if "diagnostics" in self._f:
            for name, ds in self._f["diagnostics"].items():
                counts = ds[:]
                frames.append(pd.DataFrame({"replication": np.arange(counts.shape[0]), "anomaly": name,
                                            "count": counts}))
        if not frames:
            return pd.DataFrame({"replication": [], "anomaly": [], "count": []})
        return pd.concat(frames, ignore_index=True)

    def index(self, axis):
        """The rows of an axis ('goods', 'plants', 'inputs', 'routes', 'regions', 'origins'):
        the entity's name and every /index dataset about it, references turned into names
        (plant_good -> good), one DataFrame row per entity in file order."""
        if axis in self._index_cache:
            return self._index_cache[axis].copy()
        idx = self._f["index"]
        if axis not in idx:
            raise KeyError(f"run file {self.path}: no index '{axis}' (have {sorted(idx)})")
        df = pd.DataFrame({_singular(axis): idx[axis].asstr()[:]})
        related = []
        for name in idx:
            for prefix in (axis + "_", _singular(axis) + "_"):
                if name.startswith(prefix) and name != axis:
                    related.append((name, name[len(prefix):]))
                    break
        related.sort(key=lambda item: (_reading_rank(item[0]), item[0]))
        for name, suffix in related:
            ds = idx[name]
            if ds.shape[0] != len(df):
                continue
            if h5py.check_string_dtype(ds.dtype):
                df[suffix] = ds.asstr()[:]
            elif suffix + "s" in idx and suffix + "s" != axis:
                names = np.asarray(idx[suffix + "s"].asstr()[:], dtype=object)
                refs = ds[:]
                df[suffix] = np.where((refs >= 0) & (refs < len(names)), names[np.clip(refs, 0, len(names) - 1)], None)
            else:
                df[suffix] = ds[:]
        self._index_cache[axis] = df
        return df.copy()

    # --- data -----------------------------------------------------------------------------

    def _recorded(self):
        if "replications/recorded" not in self._f:
            return None
        return self._f["replications/recorded"][:] != 0

    def array(self, variable, recorded_only=True):
        """The raw (replications, periods, rows) array, in its stored dtype."""
        data = self._f[variable][...]
        if recorded_only:
            rec = self._recorded()
            if rec is not None:
                data = data[rec]
        return data

    def frame(self, variable, recorded_only=True, labels=True):
        """A variable as a long table: replication, period, period_start, the entity and its
        joined names, value (stored dtype), and for code variables a `label` column."""
        ds = self._f[variable]
        data = ds[...]
        reps = np.arange(data.shape[0])
        if recorded_only:
            rec = self._recorded()
            if rec is not None:
                data = data[rec]
                reps = reps[rec]
        n_reps, n_periods, n_rows = data.shape
        axis = _text(ds.attrs.get("index", "")).rsplit("/", 1)[-1]
        index = self.index(axis) if axis else pd.DataFrame({"row": np.arange(n_rows)})
        starts = pd.to_datetime(self._f["time/period_start_date"].asstr()[:])
        rep_col = np.repeat(reps, n_periods * n_rows)
        period_col = np.tile(np.repeat(np.arange(n_periods), n_rows), n_reps)
        row_col = np.tile(np.arange(n_rows), n_reps * n_periods)
        out = pd.DataFrame({"replication": rep_col, "period": period_col, "period_start": starts[period_col]})
        for col in index.columns:
            out[col] = index[col].to_numpy()[row_col]
        out["value"] = data.reshape(-1)
        if labels and "codes" in ds.attrs:
            names = np.asarray(self.codes(variable) + [None], dtype=object)
            codes = out["value"].to_numpy()
            valid = (codes >= 0) & (codes < len(names) - 1)
            out["label"] = names[np.where(valid, codes, len(names) - 1)]
        return out

    def frames(self, variables=None, recorded_only=True):
        """{variable: frame(variable)} for the given variables (default: all)."""
        return {v: self.frame(v, recorded_only=recorded_only) for v in (variables or self.variables)}


def open_run(path):
    """RunFile(path); close it, or use `with`."""
    return RunFile(path)


def load(path, variables=None, recorded_only=True):
    """Every variable (or those given) of a run file as {variable: DataFrame}."""
    with RunFile(path) as run:
        return run.frames(variables, recorded_only=recorded_only)
