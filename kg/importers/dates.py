"""Dates as event datasets and their re-exports write them, day-first or month-first
decided from the whole file.

ISO dates (``2022-03-01``, with or without a time), ``16 May 2025`` / ``16-May-2025``, and
numeric dates with ``/``, ``-`` or ``.`` (``14/08/2020 00:00:00``). A numeric date such as
``03/04/2022`` reads either way: :class:`DateOrder` looks at every date of the file first,
and a file where some first number is over 12 (``14/08/2020``) is day-first; one where only
a second number is (``08/14/2020``) is month-first; a file with neither is day-first, as
ACLED writes its dates.

>>> order = DateOrder()
>>> for text in ("03/04/2022", "08/14/2022 00:00:00"):
...     order.see(text)
>>> order.day_first, parse_date("03/04/2022", day_first=order.day_first)
(False, datetime.date(2022, 3, 4))
>>> parse_date("16 May 2025"), parse_date("2022-03-01T10:00:00")
(datetime.date(2025, 5, 16), datetime.date(2022, 3, 1))
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateOrder", "parse_date"]

_NUMERIC = re.compile(
    r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NAMED = re.compile(r"^(\d{1,2})[ -]([A-Za-z]+)\.?[ -](\d{4})(?:[ T].*)?$")
_MONTHS = {
    name: i
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip


@dataclass
class DateOrder:
    """Evidence, over a file's dates, for day-first or month-first numeric dates."""

    numeric: int = 0
    day_over_12: int = 0
    month_over_12: int = 0
    iso: int = 0
    named: int = 0

    def see(self, text: str) -> None:
        """Count one date."""
        text = text.strip()
        match = _NUMERIC.match(text)
        if match is None:
            if _ISO.match(text) or _COMPACT.match(text):
                self.iso += 1
            elif _NAMED.match(text):
                self.named += 1
            return
        self.numeric += 1
        first, second = int(match[1]), int(match[2])
        if first > 12:
            self.day_over_12 += 1
        elif second > 12:
            self.month_over_12 += 1

    @property
    def day_first(self) -> bool:
        """Day-first unless only month-first dates were seen."""
        return not (self.month_over_12 and not self.day_over_12)

    def describe(self) -> str:
        """How the dates were read, for the import summary."""
        parts = []
        if self.numeric:
            why = (
                "seen in dates like 14/08"
                if self.day_over_12
                else "seen in dates like 08/14"
                if self.month_over_12
                else "no date tells, day-first as ACLED writes them"
            )
            order = "day-first" if self.day_first else "month-first"
            mixed = (
                " (both orders seen: read day-first)"
                if self.day_over_12 and self.month_over_12
                else ""
            )
            parts.append(f"dates {order} ({why}){mixed}")
        if self.iso:
            parts.append("ISO dates")
        if self.named:
            parts.append("dates with month names (16 May 2025)")
        return ", ".join(parts) or "no dates"


def parse_date(text: str, *, day_first: bool = True, name: str = "date") -> dt.date:
    """A date in any of the forms above; ``ValueError`` names the column (``name``)."""
    text = text.strip()
    try:
        match = _NUMERIC.match(text)
        if match is not None:
            a, b, year = int(match[1]), int(match[2]), int(match[3])
            day, month = (a, b) if day_first else (b, a)
            if month > 12 and day <= 12:  # this date can only be read the other way
                day, month = month, day
            return dt.date(year, month, day)
        match = _ISO.match(text) or _COMPACT.match(text)
        if match is not None:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        match = _NAMED.match(text)
        if match is not None and match[2].lower() in _MONTHS:
            return dt.date(int(match[3]), _MONTHS[match[2].lower()], int(match[1]))
    except ValueError:
        pass
    raise ValueError(f"{name} {text!r} is not a date (YYYY-MM-DD, DD/MM/YYYY, DD Month YYYY)")
