"""Casualty figures as ranges: "over a dozen" is at least 13, "111 others" exactly 111.

Number words are read with text2num ("thirty-nine" -> 39); the vague quantities are ours:
"a dozen" 12, "dozens" at least 24, "scores" at least 40, "hundreds" at least 200.

>>> parse_quantity("over a dozen"), parse_quantity("at least 39"), parse_quantity("dozens")
((13, None), (39, None), (24, None))
>>> parse_quantity("111"), parse_quantity("nearly forty"), parse_quantity("two")
((111, 111), (30, 40), (2, 2))
>>> parse_quantity("more than two dozen"), parse_quantity("three dozen")
((25, None), (36, 36))
"""

from __future__ import annotations

import re

from text_to_num import text2num  # type: ignore[import-not-found,import-untyped,unused-ignore]

__all__ = ["QUANTITY", "is_vague", "parse_quantity"]

_UNITS = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    "eighty|ninety|hundred|thousand"
)
_WORDS = rf"(?:{_UNITS})(?:(?:[\s-]+(?:and\s+)?)(?:{_UNITS}))*"
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
#: "two dozen", "3 dozen": so many twelves.
_DOZENS = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+dozen"
_VAGUE = (
    r"a\s+hundred|a\s+thousand|a\s+dozen|half\s+a\s+dozen|dozens|scores|hundreds|thousands"
    r"|several|a\s+few"
)
_MODIFIER = (
    r"at\s+least|more\s+than|over|nearly|almost|about|around|some|approximately|roughly|"
    r"up\s+to|as\s+many\s+as|fewer\s+than|less\s+than|an\s+estimated|at\s+most|well\s+over|"
    r"no\s+fewer\s+than|no\s+less\s+than|just\s+over|just\s+under|close\s+to|upwards\s+of"
)
#: A figure with its modifier: group ``mod`` (optional) and ``num``.
QUANTITY = re.compile(
    rf"(?<![\w-])(?:(?P<mod>{_MODIFIER})\s+)?(?P<num>{_DOZENS}|{_DIGITS}|{_VAGUE}|{_WORDS})(?![\w-])",
    re.I,
)
_VAGUE_VALUES = {
    "a hundred": (100, 100),
    "a thousand": (1000, 1000),
    "a dozen": (12, 12),
    "half a dozen": (6, 6),
    "dozens": (24, None),
    "scores": (40, None),
    "hundreds": (200, None),
    "thousands": (2000, None),
    "several": (3, None),
    "a few": (2, None),
}


#: A told figure that is a word for "many", with its modifier: "dozens", "at least scores".
_ONLY_VAGUE = re.compile(
    rf"(?:(?:{_MODIFIER})\s+)?(?:dozens|scores|hundreds|thousands|several|a\s+few)", re.I
)


def is_vague(text: str) -> bool:
    """Whether a told figure says only "many": "scores", "dozens", not "four" or "40".

    >>> is_vague("scores"), is_vague("more than dozens"), is_vague("four"), is_vague("about 40")
    (True, True, False, False)
    """
    return _ONLY_VAGUE.fullmatch(" ".join(text.split())) is not None


def _number(text: str) -> int | None:
    text = " ".join(text.lower().split())
    if text[0].isdigit():
        return int(text.replace(",", ""))
    try:
        return int(text2num(text.replace(" and ", " "), "en"))
    except ValueError:
        return None


def parse_quantity(text: str) -> tuple[int, int | None] | None:
    """``(min, max)`` of a figure (``max`` None: open-ended), or None if it is not one."""
    match = QUANTITY.fullmatch(text.strip())
    if match is None:
        return None
    num = " ".join(match.group("num").lower().split())
    mod = " ".join((match.group("mod") or "").lower().split())
    if num in _VAGUE_VALUES:
        low, high = _VAGUE_VALUES[num]
        if mod in ("more than", "over", "well over", "just over", "upwards of") and high:
            return high + 1, None
        if mod in ("at least", "no fewer than", "no less than") or high is None:
            return low, None if high is None or mod else high
        return low, high
    dozens = re.fullmatch(r"(\S+) dozen", num)
    value = _number(dozens.group(1)) if dozens else _number(num)
    if value is not None and dozens:
        value *= 12
    if value is None:
        return None
    if mod in ("at least", "no fewer than", "no less than", "upwards of"):
        return value, None
    if mod in ("more than", "over", "well over", "just over"):
        return value + 1, None
    if mod in ("nearly", "almost", "close to", "just under"):
        return max(0, value - max(1, value // 4)), value
    if mod in ("up to", "as many as", "at most"):
        return 0, value
    if mod in ("fewer than", "less than"):
        return 0, max(0, value - 1)
    return value, value
