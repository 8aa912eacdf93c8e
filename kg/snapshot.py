"""Read-only views of an on-disk store that a concurrent writer cannot pull files from.

RocksDB's read-only open (``Store.read_only``) reads the live MANIFEST and then opens the
table files it lists *lazily*, on first use (Oxigraph sets ``max_open_files`` from the
descriptor limit, not -1). A writer in another process (``kg import``, ``kg add``) keeps
compacting and deletes the files its own compactions made obsolete; a reader that reaches
such a file later fails with "No such file". In Oxigraph 0.5 that failure does not end the
query: the storage iterator answers the same error on every ``next()``, and an operator
that materialises its input (a hash join, an aggregate) collects those errors until the
process runs out of memory (seen: 24 GB in seconds, then the OOM killer).

A *pinned snapshot* closes the race the way a RocksDB checkpoint does, from the reader's
side: the MANIFEST is copied, every table file is hard-linked into a private folder
(``kg-readers/<pid>-<id>/`` inside the store), and the read-only store is opened there.
A writer's compaction then only drops its own link; the snapshot's link keeps the data
until the view is closed. The copy is taken again until the live MANIFEST did not change
while the links were made, so every file the copy names was linked. Costs: a few
milliseconds and, while a view is open, the disk space of files compacted away meanwhile.

Where the store folder is not writable (or cannot hold hard links), the view falls back to
a direct read-only open, as before.

>>> import tempfile
>>> from pyoxigraph import NamedNode, Quad
>>> with tempfile.TemporaryDirectory() as d:
...     writer = Store(d)
...     writer.add(Quad(NamedNode("https://e.org/s"), NamedNode("https://e.org/p"),
...                     NamedNode("https://e.org/o")))
...     writer.flush()
...     with PinnedView.open(d) as view:
...         pinned = view.folder is not None and view.folder.is_dir()
...         count = len(view.store)
...     (pinned, count, list((Path(d) / READERS).iterdir()))
(True, 1, [])
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Self

from pyoxigraph import Store

from kg.errors import StoreBusyError as StoreBusyError
from kg.store import OxigraphStore

__all__ = [
    "READERS",
    "PinnedView",
    "ReadView",
    "SnapshotStore",
    "StoreBusyError",
    "is_rocksdb_file",
    "is_storage_error",
    "store_marker",
    "sweep_stale_views",
]

#: The folder, inside a store, that holds the readers' pinned snapshots.
READERS = "kg-readers"


#: ``errno`` values of a file system that cannot hard-link (or not across the two paths).
_NO_HARD_LINKS = (errno.EXDEV, errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK)


def is_rocksdb_file(name: str) -> bool:
    """Whether a file of a store folder belongs to RocksDB's state (not our readers' folder,
    not an info log, not the bulk loader's unfinished files).

    >>> [is_rocksdb_file(n) for n in ("000012.sst", "MANIFEST-000007", READERS, "LOG")]
    [True, True, False, False]
    """
    return name not in (READERS, "LOCK") and not name.startswith(("LOG", "bulk-"))


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def sweep_stale_views(store: str | Path) -> list[Path]:
    """Remove the snapshot folders of readers that are gone (killed before they closed);
    return them. A folder is named ``<pid>-<id>``: one whose process no longer exists is
    stale.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     (Path(d) / READERS / "999999999-x").mkdir(parents=True)
    ...     [p.name for p in sweep_stale_views(d)]
    ['999999999-x']
    """
    removed = []
    readers = Path(store) / READERS
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        for folder in readers.iterdir():
            pid, _, _ = folder.name.partition("-")
            if pid.isdigit() and int(pid) != os.getpid() and not _pid_alive(int(pid)):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed


def _manifest(store: Path) -> tuple[str, bytes]:
    """The name of the live MANIFEST and the bytes written to it so far."""
    name = (store / "CURRENT").read_text(encoding="ascii").strip()
    return name, (store / name).read_bytes()


def _unchanged(store: Path, name: str, size: int) -> bool:
    """Whether the live MANIFEST is still ``name`` with ``size`` bytes: no version edit
    (flush, compaction, ingestion) was recorded, so no file it names became obsolete."""
    try:
        current = (store / "CURRENT").read_text(encoding="ascii").strip()
        return current == name and (store / name).stat().st_size == size
    except FileNotFoundError:
        return False


def _pin(store: Path, folder: Path) -> bool:
    """Fill ``folder`` with a consistent image of ``store``; ``False`` if the store changed
    meanwhile (the folder is then left for the caller to empty and retry)."""
    try:
        name, manifest = _manifest(store)
    except FileNotFoundError:  # the MANIFEST was replaced between the two reads
        return False
    (folder / name).write_bytes(manifest)
    (folder / "CURRENT").write_text(name + "\n", encoding="ascii")
    with os.scandir(store) as entries:
        for entry in entries:
            if not is_rocksdb_file(entry.name) or entry.name in (name, "CURRENT"):
                continue
            target = folder / entry.name
            try:
                if entry.name.endswith(".sst"):
                    os.link(entry.path, target)  # immutable once written: share it
                elif entry.is_file():
                    # The WAL, OPTIONS, IDENTITY: copied, since the writer appends to a WAL
                    # (and recycles old ones) while we read it.
                    shutil.copyfile(entry.path, target)
            except FileNotFoundError:  # gone since the listing: the check below decides
                continue
    return _unchanged(store, name, len(manifest))


@dataclass
class PinnedView:
    """A read-only ``Store`` over a pinned snapshot of the store at ``path`` (or over the
    store itself when it cannot be pinned, ``folder`` then being ``None``).

    Keep the view for as long as its ``store`` is used: closing it, or dropping the last
    reference to it, deletes the snapshot folder (a pyoxigraph ``Store`` cannot be
    weakly referenced, so the view, not the store, owns the folder)."""

    path: Path
    store: Store
    folder: Path | None = None
    _cleanup: weakref.finalize[..., PinnedView] | None = field(default=None, repr=False)

    @classmethod
    def open(cls, path: str | Path, *, attempts: int = 200) -> Self:
        """Pin a snapshot of the store at ``path`` and open it read-only.

        Retries while a writer keeps changing the store (each attempt takes milliseconds;
        an import records a change every few hundred), raising ``StoreBusyError`` after
        ``attempts``.

        Raises
        ------
        StoreBusyError
            The store changed during each of ``attempts`` attempts to pin it.
        """
        path = Path(path)
        if not (path / "CURRENT").is_file():  # not a store: let RocksDB say what is wrong
            return cls(path, _open_direct(path))
        sweep_stale_views(path)
        folder = path / READERS / f"{os.getpid()}-{secrets.token_hex(4)}"
        try:
            folder.parent.mkdir(exist_ok=True)
            folder.mkdir()
        except OSError:  # a store we may read but not write to: no snapshot
            return cls(path, _open_direct(path))
        for attempt in range(attempts):
            try:
                if _pin(path, folder):
                    view = cls(path, Store.read_only(str(folder)), folder)
                    view._cleanup = weakref.finalize(
                        view, shutil.rmtree, str(folder), ignore_errors=True
                    )
                    return view
            except OSError as exc:
                if exc.errno in _NO_HARD_LINKS:
                    shutil.rmtree(folder, ignore_errors=True)
                    return cls(path, _open_direct(path))
                if exc.errno is not None:  # a real I/O error (no space, permissions)
                    shutil.rmtree(folder, ignore_errors=True)
                    raise
                # else: RocksDB refused the image (it changed as we copied): retry
            except RuntimeError:  # RocksDB's "Corruption" for the same reason: retry
                pass
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            time.sleep(min(0.001 * (attempt + 1), 0.05))
        shutil.rmtree(folder, ignore_errors=True)
        raise StoreBusyError(
            f"store {path} changed on each of {attempts} attempts to take a snapshot of it"
        )

    def close(self) -> None:
        """Release the store and delete the snapshot (the writer's files are untouched).
        Closing twice is harmless."""
        with contextlib.suppress(AttributeError):
            del self.store
        if self._cleanup is not None:
            self._cleanup()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class SnapshotStore(OxigraphStore):
    """The store protocol over a pinned snapshot of an on-disk store: read-only, and safe
    from a concurrent writer's compactions (see the module notes).

    Raises
    ------
    StoreBusyError
        On opening: the store changed on every attempt to pin a snapshot of it.
    ReadOnlyStoreError
        On every write.
    """

    read_only = True

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._view = PinnedView.open(self.path)
        self._store = self._view.store

    def close(self) -> None:
        del self._store
        self._view.close()


def _open_direct(path: Path, attempts: int = 20) -> Store:
    """A plain read-only open, retrying RocksDB's open race with a writer's compaction
    (the MANIFEST lists a file that is deleted before it is opened: "No such file")."""
    for attempt in range(attempts):
        try:
            return Store.read_only(str(path))
        except (OSError, RuntimeError) as exc:
            if "No such file" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.005 * (attempt + 1))
    raise AssertionError("unreachable")  # pragma: no cover


# ------------------------------------------------------------ a view that follows the store


def is_storage_error(message: str) -> bool:
    """RocksDB reports a file compacted away under an old snapshot as ``Corruption`` or
    ``IO error`` (pyoxigraph raises ``OSError`` or ``RuntimeError``): reopen and retry.

    >>> is_storage_error("IO error: No such file or directory"), is_storage_error("syntax")
    (True, False)
    """
    return "Corruption" in message or "IO error" in message


def store_marker(path: str | Path) -> tuple[tuple[str, int, int], ...]:
    """What changes when a writer commits: every file of RocksDB's state (not its info log,
    lock or the readers' snapshots), with size and mtime (each commit appends to the WAL).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "000001.log").write_bytes(b"x")
    ...     _ = (Path(d) / "LOG").write_bytes(b"x")
    ...     [name for name, _, _ in store_marker(d)]
    ['000001.log']
    """
    marker = []
    with os.scandir(path) as entries:
        for entry in entries:
            if not is_rocksdb_file(entry.name):
                continue
            try:
                st = entry.stat()
            except FileNotFoundError:  # removed by a compaction as we looked
                continue
            marker.append((entry.name, st.st_size, st.st_mtime_ns))
    return tuple(sorted(marker))


class ReadView:
    """A read-only pinned snapshot of a store that re-pins itself when the store folder has
    changed (:func:`store_marker`), so a reader sees commits made since it opened.

    The store is a :class:`PinnedView`, so a writer's compaction cannot delete a file under
    a query; re-pinning releases the files the writer has dropped.

    Raises
    ------
    OSError
        The store cannot be opened (at the start, or on a refresh: the old view is kept).
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.marker: tuple[tuple[str, int, int], ...] = ()
        self.view = self._open()
        self.reopened = 0

    @property
    def store(self) -> Store:
        """The pinned store queries run on."""
        return self.view.store

    def _open(self) -> PinnedView:
        marker = store_marker(self.path)
        try:
            view = PinnedView.open(self.path)
        except (OSError, RuntimeError) as exc:
            raise OSError(str(exc)) from exc
        self.marker = marker
        return view

    def refresh(self, *, force: bool = False) -> bool:
        """Re-pin if the store changed (or ``force``); whether it did."""
        if force or store_marker(self.path) != self.marker:
            fresh = self._open()  # keep the old view if opening fails
            self.view.close()
            self.view = fresh
            self.reopened += 1
            return True
        return False
