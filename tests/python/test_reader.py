#!/usr/bin/python3
"""Round trip of scripts/defsim_reader.py: every dataset and root attribute of a run file
must come back, value for value, through the reader's DataFrames, so a dataset the reader
does not expose (say, a new layout group) fails here instead of being silently dropped.

    /usr/bin/python3 tests/python/test_reader.py RUN.h5 [RUN.h5 ...]

Exit status 0 when every dataset round-trips, 1 otherwise (listing each failure), 77 when
h5py, numpy or pandas is missing (the gtest wrapper skips on that status).
"""

import os
import sys

try:
    import h5py
    import numpy as np
    import pandas as pd  # noqa: F401  (the reader needs it)
except ImportError as e:  # pragma: no cover
    print(f"skip: {e}", file=sys.stderr)
    sys.exit(77)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from defsim_reader import LAYOUT_GROUPS, RunFile  # noqa: E402


def same(a, b):
    """Equal arrays, NaN equal to NaN, same shape and same kind of dtype."""
    a = np.asarray(a)
    b = np.asarray(b)
    if a.shape != b.shape:
        return False
    if a.dtype.kind in "fc" or b.dtype.kind in "fc":
        return a.dtype == b.dtype and np.array_equal(a, b, equal_nan=True)
    if a.dtype.kind in "OUS" or b.dtype.kind in "OUS":
        return list(a.tolist()) == list(b.tolist())
    return np.array_equal(a, b)


def check_file(path):
    failures = []
    covered = set()

    def fail(msg):
        failures.append(msg)

    with h5py.File(path, "r") as raw, RunFile(path) as run:
        # Root attributes.
        attrs = run.attrs
        for k, v in raw.attrs.items():
            got = attrs.get(k)
            want = v.decode() if isinstance(v, bytes) else (v.item() if isinstance(v, np.generic) else v)
            if got != want:
                fail(f"attribute {k}: reader {got!r}, file {want!r}")

        # Indices: the entity names and every dataset about them.
        axes = [name for name in raw["index"] if "_" not in name]
        for axis in axes:
            df = run.index(axis)
            entity = axis[:-1] if axis.endswith("s") else axis
            if not same(df[entity].to_numpy(dtype=object), raw["index"][axis].asstr()[:]):
                fail(f"/index/{axis}: names differ")
            covered.add(f"index/{axis}")
            for name in raw["index"]:
                for prefix in (axis + "_", entity + "_"):
                    if not name.startswith(prefix) or name == axis:
                        continue
                    suffix = name[len(prefix):]
                    ds = raw["index"][name]
                    if suffix not in df.columns:
                        fail(f"/index/{name}: no column '{suffix}' in index('{axis}')")
                    elif h5py.check_string_dtype(ds.dtype):
                        if not same(df[suffix].to_numpy(dtype=object), ds.asstr()[:]):
                            fail(f"/index/{name}: values differ")
                    elif suffix + "s" in raw["index"]:
                        names = list(raw["index"][suffix + "s"].asstr()[:])
                        back = np.array([names.index(n) for n in df[suffix]], dtype=ds.dtype)
                        if not same(back, ds[:]):
                            fail(f"/index/{name}: references differ")
                    elif not same(df[suffix].to_numpy(), ds[:]):
                        fail(f"/index/{name}: values differ")
                    covered.add(f"index/{name}")
                    break

        # Periods.
        t = run.time
        for name, ds in raw["time"].items():
            want = ds.asstr()[:] if h5py.check_string_dtype(ds.dtype) else ds[:]
            if name not in t.columns or not same(t[name].to_numpy(), want):
                fail(f"/time/{name}: differs in reader.time")
            covered.add(f"time/{name}")
        if not (t["period_start"].dt.strftime("%Y-%m-%d").to_numpy() == raw["time/period_start_date"].asstr()[:]).all():
            fail("reader.time.period_start does not match /time/period_start_date")

        # Replications.
        reps = run.replications
        for name, ds in raw["replications"].items():
            col = "replication" if name == "index" else name
            want = ds[:].astype(bool) if name == "recorded" else ds[:]
            if col not in reps.columns or not same(reps[col].to_numpy(), want):
                fail(f"/replications/{name}: differs in reader.replications")
            covered.add(f"replications/{name}")

        # Diagnostics.
        diag = run.diagnostics
        for name, ds in raw.get("diagnostics", {}).items():
            got = diag[diag.anomaly == name].sort_values("replication")["count"].to_numpy()
            if not same(got, ds[:]):
                fail(f"/diagnostics/{name}: differs in reader.diagnostics")
            covered.add(f"diagnostics/{name}")

        # Provenance.
        if run.resolved_scenario != raw["provenance/resolved_scenario"].asstr()[()]:
            fail("/provenance/resolved_scenario differs")
        covered.add("provenance/resolved_scenario")

        # Variables: rebuild each array from the long frame and compare with the file.
        info = run.variable_info().set_index("variable")
        for v in run.variables:
            ds = raw[v]
            frame = run.frame(v, recorded_only=False)
            axis = ds.attrs["index"].decode() if isinstance(ds.attrs["index"], bytes) else ds.attrs["index"]
            axis = axis.rsplit("/", 1)[-1]
            entity = axis[:-1] if axis.endswith("s") else axis
            names = list(raw["index"][axis].asstr()[:])
            position = {n: i for i, n in enumerate(names)}
            shape = ds.shape
            rebuilt = np.full(shape, np.nan if ds.dtype.kind == "f" else -12345, dtype=ds.dtype)
            rows = frame[entity].map(position).to_numpy()
            rebuilt[frame["replication"].to_numpy(), frame["period"].to_numpy(), rows] = frame["value"].to_numpy()
            if len(frame) != int(np.prod(shape)):
                fail(f"/{v}: frame has {len(frame)} rows for shape {shape}")
            if frame["value"].dtype != ds.dtype:
                fail(f"/{v}: dtype {frame['value'].dtype}, file {ds.dtype}")
            if not same(rebuilt, ds[...]):
                fail(f"/{v}: values differ after the round trip")
            starts = raw["time/period_start_date"].asstr()[:]
            if not (frame["period_start"].dt.strftime("%Y-%m-%d").to_numpy() == starts[frame["period"].to_numpy()]).all():
                fail(f"/{v}: period_start does not match the period")
            for a in ("unit", "aggregation", "axis", "index", "description"):
                want = ds.attrs[a]
                want = want.decode() if isinstance(want, bytes) else want
                if info.loc[v, a] != want:
                    fail(f"/{v}: attribute {a} differs in variable_info")
            if "codes" in ds.attrs:
                codes = [c.decode() if isinstance(c, bytes) else c for c in ds.attrs["codes"]]
                labels = frame["label"].to_numpy()
                values = frame["value"].to_numpy()
                ok = all((labels[i] == codes[values[i]]) if 0 <= values[i] < len(codes) else labels[i] is None
                         for i in range(len(values)))
                if not ok or list(info.loc[v, "codes"]) != codes:
                    fail(f"/{v}: code labels differ")
            # The default view drops unrecorded replications and nothing else.
            recorded = raw["replications/recorded"][:] != 0
            if not same(run.array(v), ds[...][recorded]):
                fail(f"/{v}: recorded-only array differs")
            covered.add(v)

        # Every dataset of the file must have been checked.
        everything = []
        raw.visititems(lambda name, obj: everything.append(name) if isinstance(obj, h5py.Dataset) else None)
        for name in everything:
            if name not in covered:
                fail(f"/{name}: not exposed by the reader (group {name.split('/')[0]!r}; layout groups "
                     f"{LAYOUT_GROUPS})")
        print(f"{path}: {len(covered)} datasets and {len(raw.attrs)} attributes round-trip"
              if not failures else f"{path}: {len(failures)} failure(s)")
    return failures


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    failures = []
    for path in argv[1:]:
        failures += check_file(path)
    for f in failures:
        print(f"FAIL {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
