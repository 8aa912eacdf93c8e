"""Quotations: where they are, and who says them.

A reaction stated inside a quotation is its speaker's, and the speaker is named outside
it: after the closing mark ('"...," he said', '"...," the ministry said in a statement',
'"...," said Zelensky') or before the opening one ('Zelensky said: "..."'). A state
named inside a quotation ("'Russia's response is unacceptable,' he said") is what the
speaker talks about, never the one who speaks; and a mention inside a quotation is no
subject of a verb outside it.

Quotations are found per paragraph, since one may run over several sentences: a straight
double quote opens when it follows the paragraph's start, a space or a bracket, and
closes otherwise; typographic quotes say which they are. An opening mark left unclosed
runs to the end of the paragraph.

>>> text = 'He said so. "Russia is to blame. It must stop," he said.'
>>> [text[a:b] for a, b in quote_spans(text, 0, len(text))]
['"Russia is to blame. It must stop,"']
>>> found = speaker_after(text, text.index(' he'), len(text))
>>> text[found.start : found.end]
'he'
>>> text = '"Nothing justifies this." — the foreign ministry of Norway'
>>> found = speaker_after(text, text.index(' —'), len(text))
>>> text[found.start : found.end]
'the foreign ministry of Norway'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QUOTE_MARK", "QuoteSpeaker", "quote_spans", "speaker_after", "speaker_before"]

#: A quotation mark, straight or curly.
QUOTE_MARK = re.compile(r"[\"\u201c\u201d]")
#: Verbs that say who spoke a quotation.
SPEAKS = (
    r"(?:said|says|told|tells|added|adds|wrote|writes|stated|states|warned|warns|insisted|"
    r"declared|tweeted|posted|stressed|continued|concluded|argued|noted|explained|"
    r"replied|responded|vowed)"
)
#: After the closing mark: '," he said', '," the ministry said', '," said Zelensky', and
#: the attribution of a quote-first round-up: '" — the foreign ministry of Norway'.
_AFTER = re.compile(
    r"\s*(?:[\u2014\u2013]|--?)\s*(?P<who3>[^.;:!?\"\u201c\u201d\n]{1,90}?)\s*(?:[.;]|$"
    # '— President Obama, in a White House statement which said ...': the aside ends it
    r"|,\s+(?:in|on|at|who|which|speaking|writing|during|after|according)\b)"
    r"|\s*,?\s*(?:(?P<who>[^,.;:!?\"\u201c\u201d]{1,90}?)\s+(?:\w+ly\s+)?" + SPEAKS + r"\b"
    r"|" + SPEAKS + r"\s+(?P<who2>[^,.;:!?\"\u201c\u201d]{1,90}?)\s*(?:[,.;]|$))",
    re.I | re.M,
)
#: How the words naming a speaker start: a pronoun, a determiner or a capital.
_SPEAKER_START = re.compile(r"(?:he|she|it|they|we|the|a|an|its|his|her|their)\b|[A-Z0-9]")
#: Before the opening mark: 'X said: ', 'X wrote on Telegram, ', 'X told reporters: '.
_BEFORE = re.compile(
    r"\b" + SPEAKS + r"(?:\s+(?:on|in|to|at)\s+[\w' -]{1,40}|\s+reporters|\s+that)?"
    # 'said her government "deeply deplores"': the speaker's own state speaks
    r"(?:\s+(?:his|her|their|its|the)\s+(?:government|country|nation|administration|cabinet))?"
    r"\s*[:,]?\s*$",
    re.I,
)


def quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The ``[open, close]`` spans (marks included) of the quotations in ``text[start:end]``."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for match in QUOTE_MARK.finditer(text, start, end):
        at = match.start()
        mark = match.group()
        opening = mark == "\u201c" or (
            mark == '"' and (at == start or text[at - 1].isspace() or text[at - 1] in "([")
        )
        if opened is None:
            if opening:
                opened = at
        elif not opening or mark == '"':
            spans.append((opened, at + 1))
            opened = None
    if opened is not None:
        spans.append((opened, end))
    return spans


@dataclass(frozen=True)
class QuoteSpeaker:
    """Where a quotation says who speaks it: ``[start, end)`` of the words naming the
    speaker (a name, a title, a pronoun) and where its speech verb is."""

    start: int
    end: int
    verb: int


def speaker_after(text: str, close: int, limit: int) -> QuoteSpeaker | None:
    """The speaker named right after a quotation closing at ``close`` (before ``limit``)."""
    if not (
        text[close - 2 : close - 1] in (",", ".", "!", "?")
        or re.match(r",|\s*(?:[\u2014\u2013]|--?)\s", text[close : close + 4])
    ):
        return None  # a phrase in quotation marks ('the "useless" office'), not speech
    match = _AFTER.match(text, close, limit)
    if match is None:
        return None
    group = next(g for g in ("who", "who2", "who3") if match.group(g) is not None)
    if not _SPEAKER_START.match(match.group(group)):
        return None
    return QuoteSpeaker(match.start(group), match.end(group), match.start(group))


def speaker_before(text: str, lower: int, opening: int) -> int | None:
    """Where the speech verb introducing a quotation that opens at ``opening`` stands
    ("X said: '...'"), searching from ``lower``; None when none does."""
    match = _BEFORE.search(text, lower, opening)
    return match.start() if match else None
