#!/usr/bin/env bash
# Sets up whatever is missing: QGIS and tools from Debian's packages, then the project venv.
# Safe to run again; each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="qgis python3-qgis qgis-providers xvfb xauth pyqt5-dev-tools qttools5-dev-tools gdal-bin
  python3-venv python3-pip python3-rasterio python3-geopandas python3-lxml python3-shapely python3-pil
  python3-scipy poppler-utils assimp-utils python3-psycopg2 postgresql postgresql-common postgis postgresql-$(sh -c 'v=$(apt-cache depends postgresql 2>/dev/null | sed -n "s/.*Depends: postgresql-\([0-9][0-9]*\)$/\1/p" | head -n1); if [ -z "$v" ]; then . /etc/os-release; case "$VERSION_ID" in 13*) v=17;; *) v=15;; esac; fi; echo "$v"')-postgis-3"

need_apt() {
  for pkg in $APT_PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || return 0
  done
  return 1
}

if need_apt; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  echo ">> Installing QGIS and tools from Debian's packages (apt-get) ..."
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $APT_PACKAGES >/dev/null
fi

SYSTEM_PYTHON=/usr/bin/python3
if [ ! -x .venv/bin/python ]; then
  echo ">> Creating the venv (.venv) on the system Python that QGIS uses ..."
  "$SYSTEM_PYTHON" -m venv --system-site-packages .venv
fi

stamp=.venv/.soest-setup-$(cat requirements.txt requirements-dev.txt | md5sum | cut -c1-12)
if [ ! -f "$stamp" ]; then
  # A newer numpy in the venv would break QGIS's GDAL bindings: pin the system's.
  numpy_version=$("$SYSTEM_PYTHON" -c 'import numpy; print(numpy.__version__)')
  echo "numpy==$numpy_version" > .venv/constraints.txt
  echo ">> Installing Python packages (numpy kept at $numpy_version) ..."
  .venv/bin/python -m pip install -q --disable-pip-version-check -c .venv/constraints.txt -r requirements-dev.txt
  rm -f .venv/.soest-setup-*
  touch "$stamp"
fi
# The official CityJSON validator's own 2.0 schemas (from its PyPI build) for the export tests.
# Not fatal: without PyPI the tests that need them skip and say why.
if ! .venv/bin/python -m tools.official_cityjson_schema; then
  echo ">> Official CityJSON schemas not fetched (reason above); setup goes on, their tests will skip. Retry: .venv/bin/python -m tools.official_cityjson_schema"
fi
# The Khronos glTF validator (npm, pinned) for the glTF/GLB export tests. Not fatal either.
if ! .venv/bin/python -m tools.gltf_validator; then
  echo ">> Khronos glTF validator not installed (reason above); setup goes on, its tests will skip. Retry: .venv/bin/python -m tools.gltf_validator"
fi
.venv/bin/python -c "import qgis.core, numpy; print('>> Setup ok: QGIS', qgis.core.Qgis.QGIS_VERSION, '| numpy', numpy.__version__)"
