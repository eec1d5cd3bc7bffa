"""Optional: CityJSON exports validated against the official CityJSON 2.0 JSON schemas.

The schemas are not part of the repo. Point ``SOEST_CITYJSON_SCHEMAS`` at a folder holding the
files of the ``schemas/`` folder of https://github.com/cityjson/specs at a 2.0 release
(cityjson.schema.json, cityobjects.schema.json, geomprimitives.schema.json, appearance.schema.json,
geomtemplates.schema.json, metadata.schema.json; or only the self-contained cityjson.min.schema.json).
Without it the export tests skip; the loader test below runs always.
"""

import json
import os
from pathlib import Path

import pytest

from soest_qgis_plugin.citymodel.export import export_buildings
from tests.citymodel.conftest_export import E0, N0, town, with_part, write_dem

jsonschema = pytest.importorskip("jsonschema")

ENV = "SOEST_CITYJSON_SCHEMAS"
HOW = (
    f"set {ENV} to a folder with the official CityJSON 2.0 schemas (the schemas/ folder of "
    "github.com/cityjson/specs at a 2.0 release: cityjson.schema.json and the files it references, "
    "or cityjson.min.schema.json); they are not shipped in the repo"
)


def load_validator(folder):
    """A Draft 7 validator for the CityJSON schema in ``folder`` with every ``$ref`` resolved
    locally: each file is registered under its ``$id`` and under its file URI."""
    folder = Path(folder)
    store, schemas = {}, {}
    for path in sorted(folder.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        schemas[path.name] = schema
        store[path.resolve().as_uri()] = schema
        if isinstance(schema, dict) and schema.get("$id"):
            store[schema["$id"]] = schema
    name = "cityjson.schema.json" if "cityjson.schema.json" in schemas else "cityjson.min.schema.json"
    if name not in schemas:
        raise FileNotFoundError(f"no cityjson.schema.json or cityjson.min.schema.json in {folder}")
    main = schemas[name]
    base = main.get("$id") or (folder / name).resolve().as_uri()
    resolver = jsonschema.RefResolver(base_uri=base, referrer=main, store=store)
    validator = jsonschema.Draft7Validator(
        main, resolver=resolver, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    return validator, main


def schema_version(schema):
    """'2.0.1' from the $id or title of a CityJSON schema, or ''."""
    import re

    for text in (schema.get("$id", ""), schema.get("title", "")):
        match = re.search(r"(\d+\.\d+(?:\.\d+)?)", text)
        if match:
            return match.group(1)
    return ""


def schema_errors(validator, doc):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


@pytest.fixture(scope="module")
def official():
    folder = os.environ.get(ENV)
    if not folder or not Path(folder).is_dir():
        pytest.skip(HOW)
    validator, main = load_validator(folder)
    version = schema_version(main)
    if not version.startswith("2."):
        pytest.skip(f"{ENV} holds CityJSON {version or '?'} schemas, the export is 2.0: {HOW}")
    return validator


@pytest.mark.parametrize(
    "options",
    [None, {"local_origin": True}, {"target_crs": "EPSG:4326"}, {"target_crs": "EPSG:3857"}, "terrain"],
    ids=["plain", "local-origin", "epsg4326", "epsg3857", "terrain"],
)
def test_export_passes_the_official_schema(tmp_path, official, options):
    if options == "terrain":
        dem = write_dem(tmp_path / "dgm1.tif", E0 - 100, N0 - 100, E0 + 300, N0 + 300)
        options = {"terrain": str(dem), "terrain_max_cells": 500}
    out = tmp_path / "stadt.city.json"
    export_buildings(town(12) + [with_part("DENW_PART")], out, options)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert schema_errors(official, doc) == []


def test_real_fixture_passes_the_official_schema(tmp_path, official, shared_fixtures):
    from tests.citymodel.conftest_export import read_fixture_buildings

    buildings, _log = read_fixture_buildings(shared_fixtures / "citygml" / "LoD2_32_331_5726_1_NW.gml")
    out = tmp_path / "real.city.json"
    export_buildings(buildings, out)
    assert schema_errors(official, json.loads(out.read_text(encoding="utf-8"))) == []


def test_loader_resolves_refs_across_files(tmp_path):
    """The loader itself (runs without the official schemas): a two-file schema set in the
    CityJSON layout, with a relative ``$ref`` between the files."""
    base = "https://www.cityjson.org/schemas/2.0.1/"
    (tmp_path / "cityjson.schema.json").write_text(
        json.dumps(
            {
                "$schema": "http://json-schema.org/draft-07/schema#",
                "$id": base + "cityjson.schema.json",
                "title": "CityJSON v2.0.1",
                "type": "object",
                "properties": {"CityObjects": {"additionalProperties": {"$ref": "cityobjects.schema.json#/Building"}}},
            }
        )
    )
    (tmp_path / "cityobjects.schema.json").write_text(
        json.dumps(
            {
                "$id": base + "cityobjects.schema.json",
                "Building": {"type": "object", "properties": {"type": {"enum": ["Building"]}}, "required": ["type"]},
            }
        )
    )
    validator, main = load_validator(tmp_path)
    assert schema_version(main) == "2.0.1"
    assert schema_errors(validator, {"CityObjects": {"a": {"type": "Building"}}}) == []
    errors = schema_errors(validator, {"CityObjects": {"a": {"type": "Bridge"}}})
    assert len(errors) == 1 and errors[0].startswith("CityObjects/a/type:")
