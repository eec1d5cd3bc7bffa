"""Install the packaged plugin into a QGIS profile and enable it.

Default: the dedicated demo profile ``soest-demo`` under ~/.local/share/QGIS/QGIS3/profiles, so
the user's own default profile is left alone. The old plugin folder is replaced atomically.
"""

import argparse
import os
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import package  # noqa: E402

DEFAULT_PROFILES = Path.home() / ".local" / "share" / "QGIS" / "QGIS3" / "profiles"


def install(zip_path, profile, profiles_dir=DEFAULT_PROFILES):
    profile_dir = Path(profiles_dir) / profile
    plugins_dir = profile_dir / "python" / "plugins"
    plugins_dir.mkdir(parents=True, exist_ok=True)
    target = plugins_dir / package.PLUGIN
    with tempfile.TemporaryDirectory(dir=plugins_dir, prefix=".install-") as tmp:
        with zipfile.ZipFile(zip_path) as archive:
            archive.extractall(tmp)
        old = None
        if target.exists():
            old = plugins_dir / f".old-{package.PLUGIN}"
            shutil.rmtree(old, ignore_errors=True)
            target.rename(old)
        (Path(tmp) / package.PLUGIN).rename(target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    enable(profile_dir)
    return target


def desktop_env(env):
    """Environment for the QGIS desktop so it sees the project venv's packages (onnxruntime, pyvista …).

    The venv keeps the system numpy, so adding its site-packages to QGIS's Python is safe.
    """
    import sysconfig

    site = sysconfig.get_paths()["purelib"]
    env = dict(env)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (site, env.get("PYTHONPATH", "")) if p)
    for name in ("QT_QPA_PLATFORM", "QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH"):
        env.pop(name, None)
    return env


def enable(profile_dir):
    """Mark the plugin enabled in the profile's QGIS3.ini (Qt's own INI writer keeps its format)."""
    from qgis.PyQt.QtCore import QSettings

    ini = Path(profile_dir) / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    settings.setValue(f"PythonPlugins/{package.PLUGIN}", True)
    settings.sync()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="soest-demo")
    parser.add_argument("--profiles-dir", default=str(DEFAULT_PROFILES))
    parser.add_argument("--zip", help="plugin zip (default: build it now)")
    args = parser.parse_args(argv)
    zip_path = args.zip or package.build(package.REPO / "dist")
    target = install(zip_path, args.profile, args.profiles_dir)
    print(f">> Installed into {target} (profile '{args.profile}') and enabled")


if __name__ == "__main__":
    sys.exit(main())
