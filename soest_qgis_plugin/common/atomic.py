"""Atomic file writes: write to a temporary name beside the target, then rename into place.

A crash or an error while writing never leaves a half-written file under the real name.
"""

import contextlib
import os
import tempfile


@contextlib.contextmanager
def atomic_path(target):
    """Yield a temporary path beside ``target``; on success it replaces ``target``.

    For writers that insist on a path (GDAL, trimesh, ezdxf). On any exception the temporary
    file is removed and ``target`` is left untouched.
    """
    target = os.fspath(target)
    folder = os.path.dirname(os.path.abspath(target)) or "."
    os.makedirs(folder, exist_ok=True)
    base = os.path.basename(target)
    # Keep the real suffix: some writers (GDAL, trimesh) pick the format from it.
    suffix = "".join(base.partition(".")[1:]) if "." in base else ""
    fd, tmp = tempfile.mkstemp(prefix=".tmp-" + base.partition(".")[0] + "-", suffix=suffix, dir=folder)
    os.close(fd)
    os.unlink(tmp)  # writers such as GDAL refuse to create over an existing file
    try:
        yield tmp
        if not os.path.exists(tmp):
            raise FileNotFoundError(tmp)
        _fsync_file(tmp)
        os.replace(tmp, target)
        _fsync_dir(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_write(target, mode="wb", encoding=None, newline=None):
    """Open a temporary file for writing; it becomes ``target`` only if the block succeeds."""
    with atomic_path(target) as tmp:
        kwargs = {} if "b" in mode else {"encoding": encoding or "utf-8", "newline": newline}
        with open(tmp, mode, **kwargs) as handle:
            yield handle


def _fsync_file(path):
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_dir(folder):
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
