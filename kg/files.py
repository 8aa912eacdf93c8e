"""Files written whole or not at all: the one atomic-write helper of the package.

A temporary file beside the destination (same folder, so same file system) is written,
flushed to disk, given the permissions a new file would have, and renamed over the
destination; on any failure it is removed and the destination is left as it was.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     target = Path(folder) / "out" / "data.txt"
...     write_atomically(target, b"first\\n")
...     try:
...         with atomic_writer(target) as f:
...             _ = f.write(b"half")
...             raise OSError("disk full")
...     except OSError:
...         pass
...     (target.read_bytes(), sorted(p.name for p in target.parent.iterdir()))
(b'first\\n', ['data.txt'])
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

__all__ = ["atomic_writer", "write_atomically"]


@contextmanager
def atomic_writer(destination: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary file that replaces ``destination`` when the block ends without an error.

    The destination's folder is created if missing. The file is synced before the
    rename, so a crash leaves the old content or the new, never a mix.

    Raises
    ------
    OSError
        The folder or the temporary file cannot be written; the destination is unchanged.
    """
    path = Path(destination)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as output:
            yield output
            output.flush()
            os.fsync(output.fileno())
        # mkstemp makes the file 0600; give it the mode any new file would have.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomically(destination: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``destination`` through :func:`atomic_writer`.

    Raises
    ------
    OSError
        The file cannot be written; the destination is unchanged.
    """
    with atomic_writer(destination) as output:
        output.write(data)
