"""Relative dates resolved against the article's date.

"yesterday", "the previous day", "on Saturday", "last Friday", "December 29" and
"29 December" are read; a weekday is the most recent such day *on or before* the article
date, so "on Saturday" in an article dated Saturday is that same day (dateparser would
answer the week before).

>>> import datetime as dt
>>> saturday = dt.date(2023, 12, 30)
>>> resolve("on Saturday", saturday), resolve("the previous day", saturday)
(datetime.date(2023, 12, 30), datetime.date(2023, 12, 29))
>>> resolve("last Saturday", saturday), resolve("December 31", saturday)
(datetime.date(2023, 12, 23), datetime.date(2022, 12, 31))
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["DATE_EXPRESSION", "find_dates", "resolve", "statement_date"]

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for name in names
}
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:" + "|".join(_WEEKDAYS) + r")"
DATE_EXPRESSION = re.compile(
    r"\b(?:"
    r"(?P<yesterday>yesterday|the\s+(?:previous|preceding)\s+day|the\s+day\s+before)"
    r"|(?P<today>today|this\s+morning|this\s+afternoon|this\s+evening|tonight|overnight)"
    rf"|(?P<last>last)\s+(?P<last_day>{_WEEKDAY})"
    rf"|(?:on\s+)?(?P<weekday>{_WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH})(?:,?\s+(?P<year2>\d{{4}}))?"
    r")\b",
    re.I,
)


def _resolve(match: re.Match[str], base: dt.date) -> dt.date | None:
    if match.group("yesterday"):
        return base - dt.timedelta(days=1)
    if match.group("today"):
        return base
    if match.group("last"):
        wanted = _WEEKDAYS.index(match.group("last_day").lower())
        back = (base.weekday() - wanted) % 7 or 7
        return base - dt.timedelta(days=back)
    if match.group("weekday"):
        wanted = _WEEKDAYS.index(match.group("weekday").lower())
        return base - dt.timedelta(days=(base.weekday() - wanted) % 7)
    month_text = match.group("month") or match.group("month2")
    day_text = match.group("day") or match.group("day2")
    year_text = match.group("year") or match.group("year2")
    month = _MONTHS[month_text.lower().rstrip(".")]
    year = int(year_text) if year_text else base.year
    try:
        found = dt.date(year, month, int(day_text))
    except ValueError:
        return None
    if not year_text and found > base:
        try:
            found = found.replace(year=year - 1)
        except ValueError:
            return None
    return found


def resolve(expression: str, base: dt.date) -> dt.date | None:
    """The date an expression denotes in an article dated ``base``, or None."""
    match = DATE_EXPRESSION.search(expression)
    return _resolve(match, base) if match else None


def find_dates(text: str, base: dt.date) -> list[tuple[int, int, dt.date]]:
    """``(start, end, date)`` of every date expression in ``text``.

    >>> find_dates("hit on Friday, 2 died", dt.date(2024, 1, 6))
    [(4, 13, datetime.date(2024, 1, 5))]
    """
    found = []
    for match in DATE_EXPRESSION.finditer(text):
        date = _resolve(match, base)
        if date is not None:
            found.append((match.start(), match.end(), date))
    return found


#: How far before a reaction's trigger a date may stand and still date the statement
#: ("On Sunday, the foreign ministry in Moscow condemned"), and how far after it ("said on
#: Sunday"). Further after the trigger, a date usually belongs to what is reacted to
#: ("condemned the strike on Saturday"), so it is not taken.
BEFORE_TRIGGER = 80
AFTER_TRIGGER = 4
#: A date right after an event noun dates the event, not the statement ("After the strike
#: on Friday, Moscow condemned").
_EVENT_NOUN_BEFORE = re.compile(
    r"\b(?:strikes?|attacks?|bombings?|shelling|explosions?|blasts?|raids?|barrages?|"
    r"assaults?|incidents?|killings?|massacre|vote)\s*,?\s*$",
    re.I,
)


def statement_date(
    sentence: str, trigger_start: int, trigger_end: int, base: dt.date
) -> dt.date | None:
    """The day a statement was made, when its sentence says so near the reporting verb.

    Offsets are within ``sentence``. A date expression counts when it ends at most
    ``BEFORE_TRIGGER`` characters before the trigger, or starts at most ``AFTER_TRIGGER``
    after it; the nearest one wins. A date after the document's date is not taken.

    >>> sunday = dt.date(2023, 12, 31)
    >>> text = "On Saturday, Moscow condemned the attack."
    >>> statement_date(text, text.index("condemned"), text.index(" the attack"), sunday)
    datetime.date(2023, 12, 30)
    >>> text = "Moscow condemned the strike on Friday."
    >>> statement_date(text, text.index("condemned"), text.index(" the strike"), sunday) is None
    True
    >>> text = "After the strike on Friday, Moscow condemned it."
    >>> statement_date(text, text.index("condemned"), text.index(" it."), sunday) is None
    True
    >>> text = "The ministry said on Sunday it condemned the attack."
    >>> statement_date(text, text.index("said"), text.index(" on Sunday"), sunday)
    datetime.date(2023, 12, 31)
    """
    best: tuple[int, dt.date] | None = None
    for start, end, day in find_dates(sentence, base):
        if day > base:
            continue
        if end <= trigger_start:
            gap = trigger_start - end
            if gap > BEFORE_TRIGGER:
                continue
        elif start >= trigger_end:
            gap = start - trigger_end
            if gap > AFTER_TRIGGER:
                continue
        else:
            continue  # inside the trigger
        if _EVENT_NOUN_BEFORE.search(sentence, 0, start):
            continue
        if best is None or gap < best[0]:
            best = (gap, day)
    return best[1] if best else None
