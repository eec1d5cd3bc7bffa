"""Build the installable plugin zip (valid for plugins.qgis.org).

The zip holds one folder ``soest_qgis_plugin/`` with the code, ``metadata.txt``, ``LICENSE``,
``resources/`` and the compiled translations (``i18n/*.qm``) — no caches, no .pyc, no tests.
"""

import argparse
import configparser
import os
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PLUGIN = "soest_qgis_plugin"
SKIP_DIRS = {"__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis"}
SKIP_SUFFIXES = {".pyc", ".pyo", ".orig", ".rej", ".tmp"}
REQUIRED_METADATA = ("name", "qgisMinimumVersion", "description", "about", "version", "author", "email", "repository")


def read_metadata():
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keep camelCase keys as QGIS writes them
    parser.read(REPO / "metadata.txt", encoding="utf-8")
    return dict(parser["general"])


def check_metadata(metadata):
    missing = [key for key in REQUIRED_METADATA if not metadata.get(key)]
    if missing:
        raise SystemExit(f"metadata.txt lacks: {', '.join(missing)}")
    if not (REPO / metadata.get("icon", "")).exists():
        raise SystemExit(f"metadata.txt icon not found: {metadata.get('icon')}")


def plugin_files():
    """Yield (path on disk, path inside the plugin folder)."""
    yield from _tree(REPO / PLUGIN, Path())
    yield from _tree(REPO / "resources", Path("resources"))
    for qm in sorted((REPO / "i18n").glob("*.qm")):
        yield qm, Path("i18n") / qm.name
    yield REPO / "metadata.txt", Path("metadata.txt")
    yield REPO / "LICENSE", Path("LICENSE")


def _tree(root, prefix):
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            if path.suffix in SKIP_SUFFIXES or name.startswith("."):
                continue
            yield path, prefix / path.relative_to(root)


def build(out_dir):
    metadata = read_metadata()
    check_metadata(metadata)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{PLUGIN}-{metadata['version']}.zip"
    tmp = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        for source, inside in plugin_files():
            archive.write(source, (Path(PLUGIN) / inside).as_posix())
    tmp.replace(target)
    return target


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="dist")
    args = parser.parse_args(argv)
    target = build(args.out)
    print(f">> Plugin package: {target} ({target.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    sys.exit(main())
