"""Generate the shipped print templates resources/templates/*.qpt (A4_hoch, A4_quer, A3_quer, A1_quer).

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_templates.py
Texts in the templates are German (the plugin's German translation is installed first; compiled on the
fly from i18n/de/*.tsv with lrelease, so it is always current).
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def tsv_to_qm(tsv_paths, out_dir):
    """Compile English<TAB>German lines into a .qm (context 'soest'); returns its path."""
    rows = {}
    for path in tsv_paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if "\t" in line and not line.startswith("#"):
                english, german = line.split("\t", 1)
                rows[english] = german
    messages = "".join(
        f"<message><source>{escape(en)}</source><translation>{escape(de)}</translation></message>\n"
        for en, de in rows.items()
    )
    ts = Path(out_dir) / "soest_de.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="de_DE">\n'
        f"<context><name>soest</name>\n{messages}</context>\n</TS>\n",
        encoding="utf-8",
    )
    qm = Path(out_dir) / "soest_de.qm"
    subprocess.run(["lrelease", "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


def install_german(tsv_glob="i18n/de/*.tsv"):
    """Install a German translator compiled from the TSVs (always current, unlike a built .qm)."""
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    out_dir = tempfile.mkdtemp(prefix="soest-i18n-")
    qm = tsv_to_qm(sorted(REPO.glob(tsv_glob)), out_dir)
    translator = QTranslator()
    if not translator.load(str(qm)):
        raise RuntimeError(f"cannot load {qm}")
    QCoreApplication.installTranslator(translator)
    return translator


def main(argv=None):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    translator = install_german()  # noqa: F841 - must stay alive while generating
    from soest_qgis_plugin.printing.templates import SHEETS, builtin_dir, write_sheet_template

    out = Path(argv[0]) if argv else Path(builtin_dir())
    out.mkdir(parents=True, exist_ok=True)
    for name in SHEETS:
        path = write_sheet_template(name, str(out / f"{name}.qpt"))
        print(">> wrote", path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
