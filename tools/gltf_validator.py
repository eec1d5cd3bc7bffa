"""The Khronos glTF validator (npm package ``gltf-validator``) for the export tests.

The reference validator of the glTF 2.0 specification is published on the npm registry. This
module installs the pinned version with the machine's own npm into ``.cache/node`` (git-ignored,
never committed; npm checks the package's integrity, ``--ignore-scripts`` runs nothing at install
time) and runs it with node on one ``.glb``/``.gltf`` file. tools/setup.sh installs it; the tests
do when it is missing, and skip with the reason where node, npm or the registry are not there.

    python -m tools.gltf_validator [FILE ...]   install when missing; print each file's report
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = "gltf-validator"
VERSION = "2.0.0-dev.3.10"
REPO = Path(__file__).resolve().parents[1]
PREFIX = REPO / ".cache" / "node"
MODULE = PREFIX / "node_modules" / PACKAGE

# validateBytes takes GLB and glTF JSON alike (the exporter embeds a .gltf's buffer as a data URI).
_SCRIPT = (
    "const v=require(process.argv[1]);const fs=require('fs');"
    "v.validateBytes(new Uint8Array(fs.readFileSync(process.argv[2])))"
    ".then(r=>process.stdout.write(JSON.stringify(r)))"
    ".catch(e=>{process.stderr.write(String(e));process.exit(2);});"
)


class UnavailableError(RuntimeError):
    """The validator cannot be installed here (the message says why)."""


def installed_version():
    try:
        return json.loads((MODULE / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None


def ensure():
    """The installed package's folder; installs the pinned version when it is missing."""
    if shutil.which("node") is None:
        raise UnavailableError("node is needed to run the Khronos glTF validator")
    if installed_version() == VERSION:
        return MODULE
    npm = shutil.which("npm")
    if npm is None:
        raise UnavailableError("npm is needed to install the Khronos glTF validator")
    PREFIX.mkdir(parents=True, exist_ok=True)
    command = [npm, "install", "--prefix", str(PREFIX), "--no-audit", "--no-fund", "--ignore-scripts"]
    try:
        run = subprocess.run([*command, f"{PACKAGE}@{VERSION}"], capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise UnavailableError(f"npm install {PACKAGE}@{VERSION} failed: {error}") from error
    if run.returncode != 0 or installed_version() != VERSION:
        raise UnavailableError(f"npm install {PACKAGE}@{VERSION} failed: {(run.stderr or run.stdout)[-800:]}")
    return MODULE


def validate(path):
    """The validator's report of one file: a dict with ``issues`` (numErrors, numWarnings,
    messages) and ``info`` (totalTriangleCount …)."""
    module = ensure()
    run = subprocess.run(
        [shutil.which("node"), "-e", _SCRIPT, str(module), str(path)], capture_output=True, text=True, timeout=600
    )
    if run.returncode != 0:
        raise RuntimeError(f"gltf-validator failed on {path}: {run.stderr[-2000:]}")
    return json.loads(run.stdout)


def main(argv=None):
    files = sys.argv[1:] if argv is None else argv
    try:
        print(f">> Khronos glTF validator {VERSION} in {ensure()}")
    except UnavailableError as error:
        print(f">> Khronos glTF validator not installed: {error}")
        return 1
    for path in files:
        issues = validate(path)["issues"]
        print(f"{path}: {issues['numErrors']} errors, {issues['numWarnings']} warnings")
        for message in issues["messages"][:20]:
            print(f"  {message['severity']} {message['code']} {message.get('pointer', '')}: {message['message']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
