"""The project's own error types.

Every error a user must understand is a ``SoestError`` whose message is already translated
(German when QGIS runs in German). Docks show it in the message bar, Processing algorithms
raise it as ``QgsProcessingException``. Anything else escaping the core is a bug.
"""


class SoestError(Exception):
    """An error with a user-facing (translated) message and optional developer details."""

    def __init__(self, message, details=None):
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self):
        return self.message


class InputError(SoestError):
    """A file or layer the user gave cannot be used (missing, corrupt, wrong CRS …)."""


class ModelError(SoestError):
    """A detection model cannot be loaded or does not fit a supported layout."""


class StoreError(SoestError):
    """A store (GeoPackage/PostGIS) cannot be opened, is read-only or inconsistent."""


class DependencyError(SoestError):
    """An optional Python package needed for this feature is not installed."""


class Cancelled(SoestError):  # noqa: N818 - the domain word, used everywhere
    """The user cancelled a long-running job; nothing was written."""
