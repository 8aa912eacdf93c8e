"""A set of merge keys that lives on disk: constant memory however many records a run reads.

An import run must know which records it has already written (GDELT repeats events across
its files), and a Python set of a billion keys would not fit. :class:`KeySet` keeps 63-bit
hashes of the keys in a temporary SQLite table (deleted when closed); lookups are batched.

>>> keys = KeySet()
>>> keys.add_new(["a", "b", "a"]), keys.add_new(["b", "c"])
([True, True, False], [False, True])
>>> keys.close()
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence

__all__ = ["KeySet", "key_hash"]

_BATCH = 500  # parameters per SELECT


def key_hash(key: str) -> int:
    """A 63-bit hash of a key (a SQLite integer)."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


class KeySet:
    """Keys seen so far, in a temporary on-disk SQLite database."""

    def __init__(self, cache_mib: int = 64) -> None:
        self._db = sqlite3.connect("")  # "": a private temporary database, on disk
        self._db.execute(f"PRAGMA cache_size = -{cache_mib * 1024}")
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute("CREATE TABLE seen (h INTEGER PRIMARY KEY) WITHOUT ROWID")

    def add_new(self, keys: Sequence[str]) -> list[bool]:
        """Add the keys; for each, whether it was new (the first of equal keys is new)."""
        hashes = [key_hash(k) for k in keys]
        known: set[int] = set()
        for start in range(0, len(hashes), _BATCH):
            part = hashes[start : start + _BATCH]
            marks = ",".join("?" * len(part))
            query = f"SELECT h FROM seen WHERE h IN ({marks})"
            known.update(h for (h,) in self._db.execute(query, part))
        new: list[bool] = []
        for h in hashes:
            new.append(h not in known)
            known.add(h)
        fresh = ((h,) for h, n in zip(hashes, new, strict=True) if n)
        self._db.executemany("INSERT OR IGNORE INTO seen VALUES (?)", fresh)
        return new

    def close(self) -> None:
        """Drop the table and its file."""
        self._db.close()
