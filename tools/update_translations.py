"""Update i18n/soest_qgis_plugin_de.ts from the source code.

Extracts every string literal passed to ``tr(...)`` / ``self.tr(...)`` in the package (one
context, ``soest``, see common/i18n.py), keeps the translations already in the .ts, and takes
new ones from ``i18n/de/*.tsv`` (``English<TAB>German`` lines that engineers add beside their
code). Strings no longer in the code are marked obsolete. ``lrelease`` then compiles the .qm
(``make translations``).

Why not pylupdate5: its context for module-level ``tr()`` calls differs from the one our single
context uses at run time; an ast walk is exact and needs no Qt tooling.
"""

import argparse
import ast
import csv
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "soest_qgis_plugin"
TS_PATH = REPO / "i18n" / "soest_qgis_plugin_de.ts"
TSV_DIR = REPO / "i18n" / "de"
CONTEXT = "soest"


# Class attributes that SoestAlgorithm passes through tr() at run time.
TRANSLATED_ATTRIBUTES = {"DISPLAY_NAME", "GROUP", "HELP"}


def extract_strings(package=PACKAGE):
    """Return {source text: [(file, line), ...]} for every tr() literal, in source order."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            text = _tr_literal(node) or _translated_attribute(node)
            if text:
                found.setdefault(text, []).append((path.relative_to(REPO).as_posix(), node.lineno))
    return found


def _tr_literal(node):
    if not isinstance(node, ast.Call) or not node.args:
        return None
    func = node.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
    if name not in ("tr", "tr_noop"):
        return None
    arg = node.args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    return None


def _translated_attribute(node):
    if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Constant):
        return None
    names = {t.id for t in node.targets if isinstance(t, ast.Name)}
    if names & TRANSLATED_ATTRIBUTES and isinstance(node.value.value, str):
        return node.value.value
    return None


def read_ts(path=TS_PATH):
    """Return {source: translation} of finished translations in the .ts file."""
    if not path.exists():
        return {}
    result = {}
    for message in ET.parse(path).getroot().iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source is None or translation is None or translation.get("type") in ("unfinished", "obsolete"):
            continue
        if translation.text:
            result[source] = translation.text
    return result


def read_tsv(folder=TSV_DIR):
    result = {}
    for path in sorted(folder.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) >= 2 and row[0] and not row[0].startswith("#"):
                    result[_unescape(row[0])] = _unescape(row[1])
    return result


def _unescape(text):
    return text.replace("\\n", "\n").replace("\\t", "\t")


def write_ts(strings, translations, path=TS_PATH):
    root = ET.Element("TS", version="2.1", language="de_DE", sourcelanguage="en")
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for source, places in strings.items():
        message = ET.SubElement(context, "message")
        for file, line in places[:3]:
            ET.SubElement(message, "location", filename="../" + file, line=str(line))
        ET.SubElement(message, "source").text = source
        translation = ET.SubElement(message, "translation")
        if source in translations:
            translation.text = translations[source]
        else:
            translation.set("type", "unfinished")
    ET.indent(root) if hasattr(ET, "indent") else None
    body = ET.tostring(root, encoding="unicode")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".ts.tmp")
    tmp.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    tmp.replace(path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report missing translations")
    args = parser.parse_args(argv)
    strings = extract_strings()
    translations = {**read_ts(), **read_tsv()}
    missing = [s for s in strings if s not in translations]
    if not args.check:
        write_ts(strings, translations)
        print(f"{TS_PATH.relative_to(REPO)}: {len(strings)} strings, {len(strings) - len(missing)} translated")
    for text in missing:
        where = ", ".join(f"{f}:{line}" for f, line in strings[text][:2])
        print(f"missing German: {text!r} ({where})", file=sys.stderr)
    return 1 if (args.check and missing) else 0


if __name__ == "__main__":
    sys.exit(main())
