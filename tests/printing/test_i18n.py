"""Every tr() literal of the printing domain has a German line in i18n/de/printing.tsv."""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TRANSLATED_ATTRIBUTES = ("DISPLAY_NAME", "GROUP", "HELP")


def tr_literals():
    found = set()
    for path in sorted((REPO / "soest_qgis_plugin" / "printing").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                if name == "tr":
                    found.add(node.args[0].value)
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ) and (
                any(getattr(target, "id", "") in TRANSLATED_ATTRIBUTES for target in node.targets) and node.value.value
            ):
                found.add(node.value.value)
    return found


def tsv():
    rows = {}
    for line in (REPO / "i18n" / "de" / "printing.tsv").read_text(encoding="utf-8").splitlines():
        english, _tab, german = line.partition("\t")
        rows[english] = german
    return rows


def test_every_string_has_german():
    german = tsv()
    missing = sorted(text for text in tr_literals() if not german.get(text))
    assert missing == []


def test_placeholders_survive_translation():
    import re

    for english, german in tsv().items():
        assert sorted(re.findall(r"\{\w*\}", english)) == sorted(re.findall(r"\{\w*\}", german)), english


def test_no_duplicate_or_stray_lines():
    lines = (REPO / "i18n" / "de" / "printing.tsv").read_text(encoding="utf-8").splitlines()
    english = [line.split("\t")[0] for line in lines]
    assert all("\t" in line for line in lines)
    assert len(english) == len(set(english))


def test_no_conflict_with_other_domains():
    """The lead merges all TSVs into one context: the same English must get the same German."""
    mine = tsv()
    conflicts = []
    for path in sorted((REPO / "i18n" / "de").glob("*.tsv")):
        if path.name == "printing.tsv":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            english, _tab, german = line.partition("\t")
            if english in mine and german and mine[english] != german:
                conflicts.append((path.name, english, mine[english], german))
    assert conflicts == []
