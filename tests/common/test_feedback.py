"""The feedback helpers the core reports through."""

import pytest

from soest_qgis_plugin.common.errors import Cancelled
from soest_qgis_plugin.common.feedback import CollectingFeedback, NullFeedback, raise_if_canceled, warn


def test_warn_reaches_the_feedback_or_nobody():
    feedback = CollectingFeedback()
    warn(feedback, "Achtung")
    assert feedback.warnings == ["Achtung"]
    warn(None, "ignored")  # a core function called without feedback must not fail


def test_cancel_raises_cancelled_only_when_asked():
    raise_if_canceled(NullFeedback())
    raise_if_canceled(None)
    with pytest.raises(Cancelled):
        raise_if_canceled(CollectingFeedback(cancel_after=0))
