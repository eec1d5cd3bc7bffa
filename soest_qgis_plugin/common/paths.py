"""Where the plugin's files are, both in the installed plugin folder and in a source checkout."""

import os

PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _first_existing(name):
    # Installed plugin: <plugin>/resources; source checkout: <repo>/resources beside the package.
    for base in (PACKAGE_DIR, os.path.dirname(PACKAGE_DIR)):
        candidate = os.path.join(base, name)
        if os.path.exists(candidate):
            return candidate
    return os.path.join(PACKAGE_DIR, name)


def resources_dir():
    return _first_existing("resources")


def resource_path(*parts):
    return os.path.join(resources_dir(), *parts)


def i18n_dir():
    return _first_existing("i18n")


def metadata_path():
    return _first_existing("metadata.txt")


def models_dir():
    return os.path.join(PACKAGE_DIR, "models")


def icon_path(name):
    return resource_path("icons", name)
