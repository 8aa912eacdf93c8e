"""Numbers as datasets and their re-exports write them: counts that are floats (``0.0``,
from R and pandas), coordinates.

>>> count("3.0", "fatalities"), count("", "fatalities"), decimal("50.45", "latitude")
(3, None, 50.45)
>>> count("2.5", "fatalities")
Traceback (most recent call last):
ValueError: fatalities '2.5' is not a count
"""

from __future__ import annotations

import math

__all__ = ["count", "decimal"]


def count(text: str, name: str) -> int | None:
    """A non-negative whole number, also written as a float (``4.0``); '' or NA is None."""
    text = text.strip()
    if not text or text in ("NA", "NaN", "nan", "None", "null"):
        return None
    if text.isdigit():
        return int(text)
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{name} {text!r} is not a count") from None
    if not math.isfinite(value) or value < 0 or value != int(value):
        raise ValueError(f"{name} {text!r} is not a count")
    return int(value)


def decimal(text: str, name: str) -> float | None:
    """A finite number ('' or NA is None)."""
    text = text.strip()
    if not text or text in ("NA", "NaN", "nan", "None", "null"):
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{name} {text!r} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{name} {text!r} is not a number")
    return value
