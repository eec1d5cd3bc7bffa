"""`make screenshots`: PNGs of each panel (real QGIS under Xvfb) and of the print sheets into docs/."""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))
sys.path.insert(0, str(REPO))


def panel_screenshots(out_dir, demo_dir, language="de_DE"):
    import install_plugin
    import package

    with tempfile.TemporaryDirectory(prefix="soest-shots-") as tmp:
        root = Path(tmp) / "qgis"
        install_plugin.install(package.build(Path(tmp) / "dist"), "shots", root / "profiles")
        quiet_profile(root / "profiles" / "shots", language)
        env = dict(os.environ, HOME=tmp, SOEST_SCREENSHOT_DIR=str(out_dir), SOEST_DEMO_DIR=str(demo_dir))
        env = install_plugin.desktop_env(env)
        command = ["qgis", "--profiles-path", str(root), "--profile", "shots", "--nologo", "--noversioncheck"]
        project = Path(demo_dir) / "soest-demo.qgz"
        if project.exists():
            command += ["--project", str(project)]
        command += ["--code", str(REPO / "tools" / "screenshot_in_qgis.py")]
        if not os.environ.get("DISPLAY"):
            command = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24"] + command
        subprocess.run(command, env=env, timeout=900, check=False)
    report = json.loads((Path(out_dir) / "screenshots.json").read_text())
    for path in report["saved"]:
        print(">> " + os.path.relpath(path, REPO))
    for error in report["errors"]:
        print("!! " + error)
    return report


def quiet_profile(profile_dir, language):
    from qgis.PyQt.QtCore import QSettings

    settings = QSettings(str(profile_dir / "QGIS" / "QGIS3.ini"), QSettings.Format.IniFormat)
    values = {
        "qgis/showTips": False,
        "qgis/checkVersion": False,
        "qgis/allowVersionCheck": False,
        "core/NewsFeed/httpsfeedqgisorg/disabled": True,
        "locale/overrideFlag": True,
        "locale/userLocale": language,
        "qgis/migrationDone": True,
    }
    for key, value in values.items():
        settings.setValue(key, value)
    settings.sync()


def sheet_thumbnails(out_dir, demo_dir):
    try:
        from soest_qgis_plugin.printing import thumbnails
    except ImportError:
        print("!! printing thumbnails not available yet")
        return
    thumbnails.make_thumbnails(out_dir, demo_dir)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(REPO / "docs"))
    parser.add_argument("--demo", default=str(REPO / "demo-data"))
    args = parser.parse_args(argv)
    Path(args.out).mkdir(parents=True, exist_ok=True)
    panel_screenshots(Path(args.out).resolve(), Path(args.demo).resolve())
    sheet_thumbnails(Path(args.out).resolve(), Path(args.demo).resolve())


if __name__ == "__main__":
    sys.exit(main())
