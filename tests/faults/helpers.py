"""kill -9 at a random point: run Python code in a child process and SIGKILL it."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def child_code(body):
    """Code for ``python -c``: repo on sys.path, then ``body``."""
    return f"import sys; sys.path.insert(0, {str(REPO)!r})\n" + body


def run_and_kill(body, ready, delay, timeout=120):
    """Start ``body`` in a child, wait until the file ``ready`` exists (the child writes it when
    the interesting work begins), sleep ``delay`` seconds and SIGKILL it. Returns the exit code
    (-9 when killed, 0 when the child was faster)."""
    ready = Path(ready)
    if ready.exists():
        ready.unlink()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen([sys.executable, "-c", child_code(body)], env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + timeout
    while not ready.exists():
        if child.poll() is not None:
            err = child.stderr.read().decode(errors="replace")
            raise AssertionError(f"child ended before it started working ({child.returncode}):\n{err}")
        if time.monotonic() > deadline:
            child.kill()
            raise AssertionError("child did not start in time")
        time.sleep(0.01)
    time.sleep(delay)
    if child.poll() is None:
        child.send_signal(signal.SIGKILL)
    child.wait()
    child.stderr.close()
    return child.returncode
