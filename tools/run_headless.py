"""`make run` without a display: the plugin's Processing algorithms through qgis_process.

Installs the packaged plugin into a private QGIS home under the output folder (the user's own
profiles are left alone), runs the main jobs of every panel on the demo data, writes the results
to ``demo-output/`` and prints a summary.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))
sys.path.insert(0, str(REPO))


def qgis_process_binary():
    """Debian 12's /usr/bin/qgis_process wrapper passes an option the binary rejects."""
    for candidate in ("/usr/bin/qgis_process.bin", shutil.which("qgis_process") or ""):
        if candidate and os.path.exists(candidate):
            return candidate
    raise SystemExit("qgis_process not found: run `make setup`")


def private_home(out):
    """A HOME whose default profile has the current plugin package, enabled."""
    import package

    home = out / ".qgis-home"
    plugins = home / ".local/share/QGIS/QGIS3/profiles/default/python/plugins"
    shutil.rmtree(plugins / package.PLUGIN, ignore_errors=True)
    plugins.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(package.build(out / ".dist")) as archive:
        archive.extractall(plugins)
    return home


def environment(home):
    import sysconfig

    env = dict(os.environ, HOME=str(home), QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = sysconfig.get_paths()["purelib"]  # the venv's packages (onnxruntime …)
    for name in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH"):
        env.pop(name, None)
    return env


def jobs(data, out):
    """(title, algorithm id, parameters) of the demo run, in order."""
    from tools.demo_data.streets import MARKT

    x, y = MARKT
    markt = f"{x - 150},{x + 150},{y - 150},{y + 150} [EPSG:25832]"
    store = out / "stadtmodell.gpkg"
    damage = out / "strassenschaeden.gpkg"
    shuttle = out / "shuttle_barrierefreiheit.gpkg"
    return [
        ("3D-Stadtmodell importieren", "soest:import_citymodel", {"INPUT": data / "citygml", "OUTPUT": store}),
        (
            "Markt als glTF exportieren",
            "soest:export_citymodel",
            {"INPUT": store, "OUTPUT": out / "markt.glb", "EXTENT": markt, "LOCAL_ORIGIN": True},
        ),
        (
            "Markt für den 3D-Druck (1:1000)",
            "soest:export_citymodel",
            {"INPUT": store, "OUTPUT": out / "markt_3d_druck.stl", "EXTENT": markt, "PRINT_SCALE": 1000},
        ),
        (
            "Straßenschäden erkennen",
            "soest:detect_road_damage",
            {
                "IMAGES": data / "drive" / "images",
                "TRACK": data / "drive" / "drive.gpx",
                "CONFIDENCE": 0.3,
                "OUTPUT": damage,
            },
        ),
        ("Schadensliste exportieren", "soest:export_road_damage", {"INPUT": damage, "OUTPUT": out / "schaeden.xlsx"}),
        (
            "Shuttle-Barrierefreiheit analysieren",
            "soest:shuttle_accessibility",
            {
                "ROUTES": data / "gtfs_sofia.zip",
                "NETWORK": data / "network.gpkg",
                "SURVEY": data / "survey.gpkg",
                "DEM": data / "dgm1_soest.tif",
                "BUILDINGS": f"{store}|layername=buildings",
                "OUTPUT": shuttle,
            },
        ),
        (
            "Karte drucken (A3 quer)",
            "soest:print_map",
            {
                "PROJECT": data / "soest-demo.qgz",
                "TEMPLATE": "A3_quer",
                "TITLE": "Soest – Altstadt",
                "OUTPUT": out / "karte_altstadt_a3.pdf",
            },
        ),
        (
            "Haltestellen-Steckbriefe",
            "soest:print_report",
            {"REPORT": "stop", "INPUT": shuttle, "OUTPUT": out / "haltestellen_steckbriefe.pdf"},
        ),
    ]


def run_job(binary, env, algorithm, parameters):
    arguments = [f"{key}={value}" for key, value in parameters.items()]
    command = [binary, "run", algorithm, "--json", "--"] + arguments
    completed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)
    text = completed.stdout[completed.stdout.find("{") :] if "{" in completed.stdout else ""
    try:
        result = json.loads(text) if text else {}
    except json.JSONDecodeError:
        result = {}
    return completed.returncode, result, completed.stderr


def summarise(result):
    results = result.get("results", {})
    parts = [f"{k}={v}" for k, v in results.items() if not isinstance(v, (dict, list))]
    return ", ".join(parts)[:300]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="demo-data")
    parser.add_argument("--out", default="demo-output")
    parser.add_argument("--profile", default="soest-demo", help="unused headless; kept for make run")
    args = parser.parse_args(argv)
    data, out = Path(args.data).resolve(), Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    binary = qgis_process_binary()
    env = environment(private_home(out))
    subprocess.run([binary, "plugins", "enable", "soest_qgis_plugin"], env=env, capture_output=True, timeout=600)
    failures = 0
    print(f">> Demo run on {data} → {out}")
    for title, algorithm, parameters in jobs(data, out):
        start = time.perf_counter()
        code, result, errors = run_job(binary, env, algorithm, parameters)
        seconds = time.perf_counter() - start
        if code == 0:
            print(f"   ✔ {title} ({algorithm}, {seconds:.1f} s): {summarise(result)}")
        else:
            failures += 1
            message = (errors.strip().splitlines() or ["?"])[-1]
            print(f"   ✘ {title} ({algorithm}, {seconds:.1f} s): {message}")
    files = sorted(p for p in out.iterdir() if p.is_file())
    print(">> Results in demo-output/: " + ", ".join(p.name for p in files))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
