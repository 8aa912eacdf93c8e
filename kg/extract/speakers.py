"""Speakers a text names once for a stretch of it: a statement's author, a round-up's
country heading.

**First-person statements.** An official statement speaks in the first person ("We
condemn ...", "We demand that ...") and names its author once, in its title ("Statement
of the Ministry of Foreign Affairs of X on ...") or, when the title names only an office,
in the place line that heads or signs it ("Islamabad, 26 February 2019."). The reactions
of such a text whose agent the sentence does not name are the author's; in any other
text "we" is someone's quoted speech, and its author is whoever the quotation's speaker
is.

**Round-ups.** A "world reacts" piece puts a country or organisation name alone on a
line above the paragraph of its reaction ("France", then "The foreign ministry condemned
the attack"); the name is the agent of that paragraph's reactions that name none
(:func:`heading_actor`).

>>> from kg.extract.document import analyse
>>> a = analyse("Statement by the Foreign Ministry of Chile on the attack\\n\\nWe condemn it.")
>>> [m.principal for m in statement_author(a)]
['CHL']
>>> statement_author(analyse("Chile condemns the attack\\n\\nWe condemn it, Chile said."))
[]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.model import ActorKind

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.document import Analysis
    from kg.extract.mentions import Mention
    from kg.extract.sentences import Sentence

__all__ = ["FIRST_PERSON", "heading_actor", "statement_author"]

#: A title that announces a statement, and where its author's part ends ("... on the").
_STATEMENT_TITLE = re.compile(
    r"^(?:(?:Joint|Official|Press)\s+)?(?:Statement|Declaration|Communiqu[eé]|Press\s+release)\b"
    r"(?P<author>.*?)(?:\s+(?:on|regarding|concerning|about|following|in\s+connection\s+with)\s|$)",
    re.I,
)
#: A title that ends in what it is: "Foreign Ministry statement on the attack".
_STATEMENT_LAST = re.compile(
    r"^(?P<author>.+?)\s+(?:joint\s+)?(?:statement|declaration|communiqu[eé]|press\s+release)\b",
    re.I,
)
#: A place line: "Kyiv, 17 March 2022", "Islamabad, 26 February 2019."
_PLACE_LINE = re.compile(
    r"[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?,\s+(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2}),?\s+\d{4}"
)
#: "we" as the subject of what follows: "We condemn", "we will ensure", "and we demand".
FIRST_PERSON = re.compile(
    r"(?:^|[.;:!?]\s+|,\s+(?:and\s+)?|\band\s+)[Ww]e\s+(?:(?:\w+ly|also|again|therefore|once\s+"
    r"again|will|shall|must|have|hereby)\s+)*$"
)


def statement_author(analysis: Analysis) -> list[Mention]:
    """The author of a first-person statement (empty when the text is none): the actor
    its title names before what the statement is about, else the one of its place line."""
    sentences = analysis.sentences
    if not sentences or not sentences[0].heading:
        return []
    title = sentences[0]
    match = _STATEMENT_TITLE.match(title.text) or _STATEMENT_LAST.match(title.text)
    if match is None:
        return []
    lo, hi = title.start + match.start("author"), title.start + match.end("author")
    # "Joint statement of the foreign ministers of Estonia, Latvia and Lithuania": each
    # signatory; a title that names none ("Press release") may name it on the next line
    next_line = sentences[1] if len(sentences) > 1 and sentences[1].heading else None
    for start, end in ((lo, hi), (next_line.start, next_line.end) if next_line else (0, 0)):
        named = _signatories(analysis.mentions_in(start, end))
        if named:
            return [replace(m, role="agent", prep=None, possessive=False) for m in named]
    starts = sorted(analysis.paragraph_starts.values())[1:]
    for start in starts[:1] + starts[-1:]:
        line = _PLACE_LINE.match(analysis.text, start)
        if line is None:
            continue
        found = [m for m in analysis.mentions_in(start, line.end()) if m.start == start]
        if found:
            return [replace(found[0], role="agent", prep=None, possessive=False)]
    body = next((s for s in sentences[1:] if not s.heading), None)
    if body is not None:
        # "The Government of the Co-operative Republic of Guyana informs the public": the
        # statement's first sentence names whom its "we" is
        named = analysis.mentions_in(body.start, body.end)
        if named and _AUTHOR_OPENING.fullmatch(analysis.text, body.start, named[0].start):
            return [replace(named[0], role="agent", prep=None, possessive=False)]
    return []


#: What may open a statement's first sentence before the state that speaks in it.
_AUTHOR_OPENING = re.compile(
    r"\s*(?:The\s+)?(?:(?:Government|Ministry(?:\s+of\s+[A-Z][\w\s]*?)?|Foreign\s+Ministry|"
    r"Presidency|Office\s+of\s+the\s+President)\s+of\s+)?(?:the\s+)?(?:[A-Z][\w-]*\s+)?"
)


def _signatories(named: list[Mention]) -> list[Mention]:
    """The actors a statement's title names, once each: its author or its signatories."""
    found: list[Mention] = []
    for m in named:
        if m.kind is not ActorKind.PERSON and all(f.principal != m.principal for f in found):
            found.append(m)
    return found


def heading_actor(analysis: Analysis, sentence: Sentence) -> list[Mention]:
    """The actor named alone in the heading the sentence's paragraph stands under (not
    the title): "France", "The United Nations:"; empty when there is none.

    >>> from kg.extract.document import analyse
    >>> a = analyse("World reacts\\n\\nDrones hit Kyiv.\\n\\nFrance\\n\\nIt condemned them.")
    >>> [m.principal for m in heading_actor(a, a.sentences[-1])]
    ['FRA']
    >>> heading_actor(a, a.sentences[1])
    []
    """
    before = bisect.bisect_left(analysis.heading_starts, sentence.start)
    if before == 0:
        return []
    heading = analysis.headings[before - 1]
    named = analysis.mentions_in(heading.start, heading.end)
    if len(named) != 1 or named[0].kind is ActorKind.PERSON:
        return []
    lo, hi = named[0].start - heading.start, named[0].end - heading.start
    rest = heading.text[:lo] + heading.text[hi:]
    if not re.fullmatch(r"[\W_]*(?:[Tt]he\s+)?[\W_]*", rest):
        return []  # "US backing": a section title, not a speaker
    return [replace(named[0], role="agent", prep=None, possessive=False)]
