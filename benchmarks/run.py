"""Run the benchmarks (`make bench`): every ``benchmarks/bench_*.py`` module's ``main(out_dir)``.

Figures go to stdout and to ``benchmarks/results/<name>.json``; select some with
``BENCH=citymodel,shuttle make bench``. Speed is measured here, never asserted in tests.
"""

import importlib
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def discover(selection=None):
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if selection:
        wanted = [s.strip() for s in selection.split(",") if s.strip()]
        names = [n for n in names if any(w in n for w in wanted)]
    return names


def main():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    results_dir = HERE / "results"
    results_dir.mkdir(exist_ok=True)
    machine = {"python": platform.python_version(), "cpus": os.cpu_count(), "machine": platform.machine()}
    failed = []
    for name in discover(os.environ.get("BENCH")):
        print(f"\n=== {name} ===", flush=True)
        start = time.perf_counter()
        try:
            module = importlib.import_module(f"benchmarks.{name}")
            figures = module.main(results_dir / name)
        except Exception:  # noqa: BLE001 - one failing benchmark must not hide the others
            traceback.print_exc()
            failed.append(name)
            continue
        record = {"benchmark": name, "seconds": round(time.perf_counter() - start, 1), "machine": machine}
        record["figures"] = figures
        (results_dir / f"{name}.json").write_text(json.dumps(record, indent=1, ensure_ascii=False, default=str))
    if failed:
        print("\nFailed benchmarks: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
