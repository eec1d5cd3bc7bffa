"""Every tr() literal of the shuttle domain has a German line in i18n/de/shuttle.tsv."""

import ast


def literals(folder):
    found = set()
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            func = getattr(node, "func", None)
            name = getattr(func, "id", getattr(func, "attr", None))
            if isinstance(node, ast.Call) and name == "tr" and node.args and isinstance(node.args[0], ast.Constant):
                found.add(node.args[0].value)
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = getattr(node.targets[0], "id", "")
                if target in ("DISPLAY_NAME", "GROUP", "HELP") and isinstance(node.value, ast.Constant):
                    found.add(node.value.value)
    return found


def test_every_string_has_german(repo_root):
    table = {}
    for line in (repo_root / "i18n" / "de" / "shuttle.tsv").read_text(encoding="utf-8").splitlines():
        english, _, german = line.partition("\t")
        assert german.strip(), line
        table[english] = german
    missing = literals(repo_root / "soest_qgis_plugin" / "shuttle") - set(table)
    assert not missing, sorted(missing)
    assert any(ch in "".join(table.values()) for ch in "äöüß")
