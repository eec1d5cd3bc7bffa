"""Feedback objects the core reports progress to.

The core takes any object with the methods of ``QgsProcessingFeedback`` that it uses:
``setProgress(percent)``, ``isCanceled()``, ``pushInfo(text)``, ``pushWarning(text)``
and ``reportError(text, fatalError=False)``. Processing passes its own feedback; the dock passes
a ``TaskFeedback`` (see ``tasks.py``); tests and scripts use ``CollectingFeedback``.
"""

from .errors import Cancelled


class NullFeedback:
    """Feedback that ignores everything and never cancels."""

    def setProgress(self, percent):  # noqa: N802 - QGIS API name
        pass

    def isCanceled(self):  # noqa: N802
        return False

    def pushInfo(self, text):  # noqa: N802
        pass

    def pushWarning(self, text):  # noqa: N802
        pass

    def reportError(self, text, fatalError=False):  # noqa: N802, N803
        pass


class CollectingFeedback(NullFeedback):
    """Keeps every message and the last progress; can be told to cancel after N checks."""

    def __init__(self, cancel_after=None):
        self.infos, self.warnings, self.errors, self.progress = [], [], [], []
        self._cancel_after = cancel_after
        self._checks = 0

    def setProgress(self, percent):  # noqa: N802
        self.progress.append(float(percent))

    def isCanceled(self):  # noqa: N802
        self._checks += 1
        return self._cancel_after is not None and self._checks > self._cancel_after

    def pushInfo(self, text):  # noqa: N802
        self.infos.append(text)

    def pushWarning(self, text):  # noqa: N802
        self.warnings.append(text)

    def reportError(self, text, fatalError=False):  # noqa: N802, N803
        self.errors.append(text)


def raise_if_canceled(feedback):
    """Stop the current job cleanly when the user pressed cancel."""
    if feedback is not None and feedback.isCanceled():
        from .i18n import tr

        raise Cancelled(tr("Cancelled by the user."))


def warn(feedback, text):
    """pushWarning where the feedback has it (QGIS < 3.16 did not), else pushInfo; None: nobody listens."""
    if feedback is None:
        return
    if hasattr(feedback, "pushWarning"):
        feedback.pushWarning(text)
    else:
        feedback.pushInfo(text)
