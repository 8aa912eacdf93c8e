"""Sentence splitting with offsets: paragraphs at blank lines, then spaCy's sentencizer.

Only ``spacy.blank("en")`` and its rule-based ``sentencizer`` are used (no trained model):
the tokenizer knows abbreviations such as "U.S.", "Gen." and "Jan.". A paragraph of one
short line without closing punctuation is kept as a *heading*.

>>> found = split_sentences("Kyiv Hit\\n\\nA strike hit Kyiv. Moscow denied it.")
>>> [(s.text, s.heading) for s in found]
[('Kyiv Hit', True), ('A strike hit Kyiv.', False), ('Moscow denied it.', False)]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["Sentence", "split_sentences"]

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")
_CLOSING = re.compile(r"[.!?:;\"')\]]\s*$")
#: A title may end on a quoted phrase ('Kyiv calls missile strike "open act of terror"').
_CLOSING_TITLE = re.compile(r"[.!?:;][\"')\]\u201d]?\s*$")
#: spaCy's tokenizer works on one paragraph at a time; a longer one is cut at this length.
MAX_PARAGRAPH = 100_000
#: A longer "sentence" (a list, a run-on, junk) is cut into pieces of at most this length,
#: which bounds the work of the later stages per sentence.
MAX_SENTENCE = 1_500


@dataclass(frozen=True)
class Sentence:
    """A sentence of the normalised text: ``text == normalised[start:end]``."""

    start: int
    end: int
    text: str
    paragraph: int
    heading: bool = False


@functools.cache
def _nlp() -> Language:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = MAX_PARAGRAPH + 1
    return nlp


#: A quoted sentence that ends inside its marks: the line is speech, even when what
#: follows it has no full stop ('"We condemn it." - the foreign ministry of X').
_QUOTED_SENTENCE = re.compile(r"[.!?][\"\u201d]")


def _is_heading(text: str, *, title: bool = False) -> bool:
    """A short line without closing punctuation that quotes no full sentence; a text's
    first line, its title, may be longer ("Press statement of the Ministry of Foreign
    Affairs of the Republic of Turkey on the shooting down of ...").

    >>> _is_heading("France"), _is_heading('"We condemn it." - the ministry of Chile')
    (True, False)
    """
    words = len(text.split())
    return (
        words <= (40 if title else 24)
        and not (_CLOSING_TITLE if title else _CLOSING).search(text)
        and not _QUOTED_SENTENCE.search(text)
    )


def _chunks(start: int, text: str) -> list[tuple[int, str]]:
    """Cut an over-long paragraph at white space so spaCy never sees more than the limit."""
    pieces = []
    while len(text) > MAX_PARAGRAPH:
        cut = text.rfind(" ", 0, MAX_PARAGRAPH)
        cut = cut if cut > 0 else MAX_PARAGRAPH
        pieces.append((start, text[:cut]))
        start, text = start + cut, text[cut:]
    pieces.append((start, text))
    return pieces


def _pieces(start: int, text: str) -> list[tuple[int, str]]:
    """Cut an over-long sentence at a comma (else a space) before :data:`MAX_SENTENCE`.

    >>> max(len(p) for _, p in _pieces(0, "a, " * 1000)) <= MAX_SENTENCE
    True
    """
    pieces = []
    while len(text) > MAX_SENTENCE:
        cut = text.rfind(", ", 0, MAX_SENTENCE)
        cut = cut + 1 if cut > 0 else text.rfind(" ", 0, MAX_SENTENCE)
        cut = cut if cut > 0 else MAX_SENTENCE
        head = text[:cut].rstrip()
        if head:
            pieces.append((start, head))
        rest = text[cut:]
        skipped = len(rest) - len(rest.lstrip())
        start, text = start + cut + skipped, rest.lstrip()
    if text:
        pieces.append((start, text))
    return pieces


#: A quotation mark opening the next sentence, which the sentencizer leaves at the end of
#: the one before: 'He said so. "' + 'This is bad," he said.'
_OPENING_QUOTE = re.compile(r"\s+[\"\u201c']$")


def _spans(chunk_start: int, chunk: str, doc: Doc) -> list[tuple[int, int]]:
    """The sentencizer's ``[start, end)`` spans of a chunk (``doc`` is its parse), an
    opening quotation mark moved to the sentence it opens: the speaker of a quote is read
    in the quote's own sentence ('"...," he said'), so the mark must not make it look like
    the end of the last one.

    >>> text = 'He spoke. "Go," he said.'
    >>> [text[start:end] for start, end in _spans(0, text, _nlp()(text))]
    ['He spoke.', '"Go," he said.']
    """
    spans = [(chunk_start + sent.start_char, chunk_start + sent.end_char) for sent in doc.sents]
    for i in range(len(spans) - 1):
        start, end = spans[i]
        mark = _OPENING_QUOTE.search(chunk, 0, end - chunk_start)
        if mark is not None and mark.start() + chunk_start > start:
            spans[i] = (start, chunk_start + mark.start())
            spans[i + 1] = (chunk_start + mark.end() - 1, spans[i + 1][1])
    return spans


def split_sentences(text: str, items: frozenset[int] = frozenset()) -> list[Sentence]:
    """Sentences of a normalised text (see :mod:`kg.extract.normalize`), with offsets; a
    paragraph that starts at one of ``items`` is a list item, never a heading.

    >>> [s.start for s in split_sentences("The U.S. said so. It did.")]
    [0, 18]
    """
    paragraphs = [(m.start(), m.group()) for m in _PARAGRAPH.finditer(text)]
    # (paragraph number, heading sentence) or (paragraph number, chunk start, chunk): the
    # chunks go through the sentencizer in one batch, about a third faster than one by one
    parts: list[tuple[int, Sentence] | tuple[int, int, str]] = []
    for index, (para_start, para_text) in enumerate(paragraphs):
        if para_start not in items and _is_heading(para_text.strip(), title=index == 0):
            stripped = para_text.strip()
            offset = para_start + para_text.index(stripped[:1]) if stripped else para_start
            if stripped:
                heading = Sentence(offset, offset + len(stripped), stripped, index, True)
                parts.append((index, heading))
            continue
        parts.extend((index, start, chunk) for start, chunk in _chunks(para_start, para_text))
    docs = iter(_nlp().pipe(part[2] for part in parts if len(part) == 3))
    sentences: list[Sentence] = []
    for part in parts:
        if len(part) == 2:
            sentences.append(part[1])
            continue
        index, chunk_start, chunk = part
        for sent_start, sent_end in _spans(chunk_start, chunk, next(docs)):
            raw = text[sent_start:sent_end]
            stripped = raw.strip()
            if not stripped:
                continue
            start = sent_start + (len(raw) - len(raw.lstrip()))
            for piece_start, piece in _pieces(start, stripped):
                sentences.append(Sentence(piece_start, piece_start + len(piece), piece, index))
    return sentences
