"""Text normalisation that keeps a map back to the original characters.

Articles arrive as plain text, Markdown or simple HTML, with curly quotes, long dashes,
non-breaking spaces and hard line breaks. The later stages read one clean string; every
character of it remembers the span of the original it came from, so that evidence can
always be quoted as an exact span of the *original* text.

* HTML: ``<script>``/``<style>`` blocks and comments are dropped, block tags become
  paragraph breaks, other tags vanish; character references are decoded everywhere.
* Markdown: heading, quote and list markers, emphasis, code ticks and link targets go;
  each list item (and each HTML ``<li>``) becomes a paragraph, its start kept in
  :attr:`Normalized.items` so that a short item is not taken for a heading.
* Characters: curly quotes become straight, dashes become ``-``, zero-width characters
  go, runs of white space become one space, a blank line becomes ``"\\n\\n"``.

>>> norm = normalize("<p>Moscow   \\u201ccondemned\\u201d it</p>")
>>> norm.text
'Moscow "condemned" it'
>>> start, end = norm.span(7, 18)
>>> norm.original[start:end]
'\\u201ccondemned\\u201d'
"""

from __future__ import annotations

import html
import re
from array import array
from dataclasses import dataclass

__all__ = ["Normalized", "looks_like_html", "normalize"]

#: One-to-one character replacements (the length of the text is kept by them).
_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)

_HTML_HINT = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*\b[^<>]*|/[a-zA-Z][a-zA-Z0-9]*\s*|!--)>?")
_BLOCK_TAGS = (
    r"p|div|br|hr|h[1-6]|li|ul|ol|tr|td|th|table|title|header|footer|section|article"
    r"|blockquote|pre|dd|dt|dl|main|aside|nav|figure|figcaption|body|html|head"
)
_SPACE_CHARS = " \t\r\n\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u0085"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

_HTML_PARTS = (
    r"(?P<drop_block><(?P<raw>script|style|noscript|template)\b[^>]*>.*?(?:</(?P=raw)\s*>|\Z))"
    r"|(?P<comment><!--.*?(?:-->|\Z))"
    rf"|(?P<block></?(?:{_BLOCK_TAGS})\b[^<>]*>)"
    r"|(?P<tag></?[a-zA-Z][a-zA-Z0-9:-]*\b[^<>]*>|<![^<>]*>|<\?[^<>]*\?>)"
)
_MARKDOWN_PARTS = (
    # a "- " line just after a line closing a quotation is its attribution ('"..."' then
    # '- the foreign ministry of Norway'), not a list item: its dash is kept
    r"(?P<md_line>(?:(?<=\n)|\A)[ \t]{0,3}(?:\#{1,6}[ \t]+|>[ \t]?))"
    r"|(?P<md_item>(?:(?<=\n)|\A)(?:[ \t]{0,3}\d{1,3}[.)][ \t]+"
    r"|(?<![\"\u201d\u00bb]\n)[ \t]{0,3}[-*+][ \t]+))"
    r"|(?P<md_link>!?\[(?P<link_text>[^\[\]\n]{0,500})\]\([^()\n]{0,500}\))"
    r"|(?P<md_emph>\*{1,3}(?=\S)|(?<=\S)\*{1,3}|(?<![A-Za-z0-9])_{1,3}(?=\S)|(?<=\S)_{1,3}(?![A-Za-z0-9])|`+)"
)
_COMMON_PARTS = (
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});)"
    rf"|(?P<space>[{_SPACE_CHARS}]+)|(?P<zero>[{_ZERO_WIDTH}]+)"
)

_HTML_RE = re.compile(_HTML_PARTS + "|" + _MARKDOWN_PARTS + _COMMON_PARTS, re.S | re.I)
_TEXT_RE = re.compile(_MARKDOWN_PARTS + _COMMON_PARTS, re.S)


def looks_like_html(text: str) -> bool:
    """Whether the text contains something that looks like an HTML tag.

    >>> looks_like_html("a <b>bold</b> claim"), looks_like_html("3 < 4 > 2")
    (True, False)
    """
    return _HTML_HINT.search(text) is not None


@dataclass(frozen=True)
class Normalized:
    """The clean text and, per character, the original span ``[starts[i], ends[i])``."""

    original: str
    text: str
    starts: array[int]
    ends: array[int]
    #: Where list items start in ``text`` (a Markdown "- ", "* " or "1. " line, an HTML
    #: ``<li>``): each is a paragraph of its own, never a heading however short.
    items: frozenset[int] = frozenset()

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the clean span ``[start, end)`` (``start < end``).

        >>> norm = normalize("a &amp; b")
        >>> norm.text, norm.span(2, 3)
        ('a & b', (2, 7))
        """
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"bad span [{start}, {end}) of a text of {len(self.text)}")
        return self.starts[start], self.ends[end - 1]

    def original_text(self, start: int, end: int) -> str:
        """The original text behind the clean span ``[start, end)``.

        >>> normalize("It was \\u2018barbaric\\u2019").original_text(7, 17)
        '\\u2018barbaric\\u2019'
        """
        a, b = self.span(start, end)
        return self.original[a:b]


class _Builder:
    """Accumulates clean text with offsets, folding white space as it goes."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts: array[int] = array("q")
        self.ends: array[int] = array("q")
        self.pending: tuple[str, int, int] | None = None
        self.empty = True
        self.items: set[int] = set()
        self.item_next = False

    def item(self, start: int, end: int) -> None:
        """A list item starts here: a paragraph break, and the next text is an item."""
        self.space("\n\n", start, end)
        self.item_next = True

    def _text_starts(self) -> None:
        if self.item_next:
            self.items.add(len(self.starts))  # one offset per clean character so far
            self.item_next = False

    def space(self, kind: str, start: int, end: int) -> None:
        if self.pending is None or (kind == "\n\n" and self.pending[0] != "\n\n"):
            self.pending = (kind, start, end)

    def _flush(self) -> None:
        if self.pending is not None and not self.empty:
            kind, start, end = self.pending
            self.parts.append(kind)
            for _ in kind:
                self.starts.append(start)
                self.ends.append(end)
        self.pending = None

    def run(self, text: str, start: int) -> None:
        """Copy ``text``, which is ``original[start:start + len(text)]``."""
        if not text:
            return
        self._flush()
        self._text_starts()
        self.parts.append(text.translate(_TRANSLATE))
        self.starts.extend(range(start, start + len(text)))
        self.ends.extend(range(start + 1, start + len(text) + 1))
        self.empty = False

    def char(self, ch: str, start: int, end: int) -> None:
        """One character standing for ``original[start:end]``."""
        if ch.isspace():
            self.space("\n\n" if ch in "\n\u2029" else " ", start, end)
            return
        self._flush()
        self._text_starts()
        self.parts.append(ch.translate(_TRANSLATE))
        self.starts.append(start)
        self.ends.append(end)
        self.empty = False


def normalize(text: str, *, html_mode: bool | None = None) -> Normalized:
    """Normalise ``text`` (HTML is detected unless ``html_mode`` says).

    >>> normalize("# Title\\n\\nKyiv \\u2014 **Moscow** said").text
    'Title\\n\\nKyiv - Moscow said'
    """
    if html_mode is None:
        html_mode = looks_like_html(text)
    pattern = _HTML_RE if html_mode else _TEXT_RE
    out = _Builder()
    pos = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        out.run(text[pos:start], pos)
        pos = end
        kind = match.lastgroup
        if kind == "space":
            newlines = match.group().count("\n") + match.group().count("\u2029")
            out.space("\n\n" if newlines >= 2 else " ", start, end)
        elif kind == "block" and re.match(r"<li\b", match.group(), re.I):
            out.item(start, end)
        elif kind in ("block", "drop_block", "comment"):
            out.space("\n\n" if kind == "block" else " ", start, end)
        elif kind == "entity":
            decoded = html.unescape(match.group())
            if decoded == match.group():
                out.run(decoded, start)
            else:
                for ch in decoded:
                    if ch in _ZERO_WIDTH:
                        continue
                    out.char(ch, start, end)
        elif kind == "md_link":
            link_start = match.start("link_text")
            out.run(match.group("link_text"), link_start)
        elif kind in ("md_line", "md_item") and out.empty is False and out.pending is None:
            out.run(match.group(), start)  # not at a line start after all
        elif kind == "md_item":
            out.item(start, end)
        # tag, md_line, md_emph, zero: dropped
    out.run(text[pos:], pos)
    return Normalized(text, "".join(out.parts), out.starts, out.ends, frozenset(out.items))
