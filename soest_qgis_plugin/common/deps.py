"""Optional Python packages: which are missing, and what to tell the user."""

import importlib.util

from .i18n import tr, tr_noop

# module name -> (pip package, feature it enables); feature text is translated when reported.
OPTIONAL = {
    "onnxruntime": ("onnxruntime", tr_noop("road damage detection")),
    "pyvista": ("pyvista", tr_noop("3D preview in the city model panel")),
    "trimesh": ("trimesh", tr_noop("3D printing export (STL)")),
    "ezdxf": ("ezdxf", tr_noop("DXF export")),
    "pygltflib": ("pygltflib", tr_noop("glTF export")),
    "rasterio": ("rasterio", tr_noop("terrain (DGM1) and slope analysis")),
    "lxml": ("lxml", tr_noop("CityGML import")),
    "openpyxl": ("openpyxl", tr_noop("Excel export")),
    "cv2": ("opencv-python-headless", tr_noop("dashcam video import")),
}


def is_available(module):
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def missing_dependencies(modules=None):
    """Return [(module, pip_name, feature)] for optional packages that cannot be imported."""
    names = modules or OPTIONAL.keys()
    return [(m, OPTIONAL[m][0], OPTIONAL[m][1]) for m in names if not is_available(m)]


def missing_message(missing):
    """A German (translated) sentence naming what to install, or '' when nothing is missing."""
    if not missing:
        return ""
    features = ", ".join(tr(feature) for _, _, feature in missing)
    packages = " ".join(pip for _, pip, _ in missing)
    return tr(
        "Some functions are unavailable ({features}). Install the Python packages: pip install {packages}"
    ).format(features=features, packages=packages)


def require(module):
    """Raise a DependencyError with install advice when ``module`` is missing."""
    from .errors import DependencyError

    missing = missing_dependencies([module])
    if missing:
        raise DependencyError(missing_message(missing))
