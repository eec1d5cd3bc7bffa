"""Run core functions in a QgsTask: progress and cancel in QGIS's task manager, no frozen GUI.

``run()`` happens in a worker thread and touches no widget or layer; it stores the result or
the exception. ``finished()`` runs on the main thread and calls the dock's callbacks there.
"""

import traceback

from qgis.core import Qgis, QgsApplication, QgsMessageLog, QgsTask

from .errors import Cancelled, SoestError
from .i18n import tr


class TaskFeedback:
    """Adapts a QgsTask to the feedback interface the core expects."""

    def __init__(self, task):
        self._task = task
        self.messages = []

    def setProgress(self, percent):  # noqa: N802 - QGIS API name
        self._task.setProgress(max(0.0, min(100.0, float(percent))))

    def isCanceled(self):  # noqa: N802
        return self._task.isCanceled()

    def pushInfo(self, text):  # noqa: N802
        self.messages.append(("info", text))

    def pushWarning(self, text):  # noqa: N802
        self.messages.append(("warning", text))

    def reportError(self, text, fatalError=False):  # noqa: N802, N803
        self.messages.append(("error", text))


class CoreTask(QgsTask):
    """Runs ``function(feedback)`` in the background and reports back on the main thread."""

    def __init__(self, description, function, on_done=None, on_error=None, can_cancel=True):
        flags = QgsTask.Flag.CanCancel if can_cancel else QgsTask.Flags()
        super().__init__(description, flags)
        self._function = function
        self._on_done = on_done
        self._on_error = on_error
        self.feedback = TaskFeedback(self)
        self.result = None
        self.error = None

    def run(self):
        try:
            self.result = self._function(self.feedback)
            return not self.isCanceled()
        except Cancelled as error:
            self.error = error
        except SoestError as error:
            self.error = error
        except Exception as error:  # noqa: BLE001 - a worker thread must never raise
            self.error = SoestError(tr("Unexpected error: {error}").format(error=error), traceback.format_exc())
        return False

    def finished(self, ok):
        self._log_messages()
        if ok and self.error is None:
            if self._on_done:
                self._on_done(self.result)
            return
        if self.error is None:
            self.error = Cancelled(tr("Cancelled by the user."))
        if self.error.details:
            QgsMessageLog.logMessage(self.error.details, "Soest", Qgis.MessageLevel.Critical)
        if self._on_error:
            self._on_error(self.error)

    def _log_messages(self):
        levels = {
            "info": Qgis.MessageLevel.Info,
            "warning": Qgis.MessageLevel.Warning,
            "error": Qgis.MessageLevel.Critical,
        }
        for kind, text in self.feedback.messages:
            QgsMessageLog.logMessage(text, "Soest", levels[kind])


def start_task(task):
    """Hand a task to QGIS's task manager (keeps a reference so it is not garbage-collected)."""
    _running.add(task)
    task.taskCompleted.connect(lambda: _running.discard(task))
    task.taskTerminated.connect(lambda: _running.discard(task))
    QgsApplication.taskManager().addTask(task)
    return task


_running = set()
