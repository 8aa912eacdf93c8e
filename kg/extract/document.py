"""The analysed document every later stage reads: clean text, sentences, actors, places.

>>> analysis = analyse("Moscow condemned the strike on Kharkiv.")
>>> [m.surface for m in analysis.mentions], [p.name for p in analysis.places]
(['Moscow'], ['Moscow', 'Kharkiv'])
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from kg.actors import ActorRegistry
from kg.extract.datelines import DATELINE, dateline_spans
from kg.extract.lexicon import Lexicon, Trigger
from kg.extract.mentions import Mention, MentionFinder
from kg.extract.normalize import Normalized, normalize
from kg.extract.parse import UNUSED_PIPES, load_parser
from kg.extract.places import Gazetteer, Place
from kg.extract.sentences import Sentence, split_sentences
from kg.model import ActorKind

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from kg.extract.uncoded import Unresolved

__all__ = ["MAX_PARSED_CHARS", "Analysis", "analyse"]

#: The longest sentence given to the parser (a long news sentence has 400 characters).
MAX_PARSED_CHARS = 2_000


@dataclass
class Analysis:
    """A normalised document with its sentences, actor mentions and place names."""

    normalized: Normalized
    sentences: list[Sentence]
    mentions: list[Mention]
    places: list[Place]
    registry: ActorRegistry
    date: dt.date | None = None
    _mention_starts: list[int] = field(default_factory=list)
    _place_starts: list[int] = field(default_factory=list)
    #: Where each paragraph's first sentence starts (headings included, and without).
    paragraph_starts: dict[int, int] = field(default_factory=dict)
    body_paragraph_starts: dict[int, int] = field(default_factory=dict)
    #: Parses of the sentences a reader asked for, by sentence start.
    _parses: dict[int, Doc] = field(default_factory=dict)
    #: Sentences whose parse has its named entities.
    _entities: set[int] = field(default_factory=set)
    _triggers: list[Trigger] | None = None
    #: Agents and targets of reactions that no reference actor stands for, as the reaction
    #: readers find them (:func:`kg.extract.uncoded.unresolved_actors`), repeats included.
    unresolved: list[Unresolved] = field(default_factory=list)
    #: The datelines ("PARIS, June 13 -"), whose words name no actor.
    datelines: list[tuple[int, int]] = field(default_factory=list)
    #: The state whose capital the story was filed from ("DAMASCUS, 19 March -"), for an
    #: unnamed ministry or government of its own (:func:`kg.extract.anaphors.resolve_anaphor`).
    home: Mention | None = None
    #: The quotations of each paragraph, by paragraph number, found once (every trigger
    #: of a paragraph asks: asked anew, a long paragraph would cost its length each time).
    paragraph_quotes: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    #: The headings below the title (a round-up's country lines), in text order, and
    #: their starts, for finding the one a sentence stands under by bisection.
    headings: list[Sentence] = field(default_factory=list)
    heading_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._mention_starts = [m.start for m in self.mentions]
        self._place_starts = [p.start for p in self.places]
        self.headings = [s for s in self.sentences if s.heading and s.paragraph > 0]
        self.heading_starts = [s.start for s in self.headings]
        for sentence in self.sentences:
            self.paragraph_starts.setdefault(sentence.paragraph, sentence.start)
            if not sentence.heading:
                self.body_paragraph_starts.setdefault(sentence.paragraph, sentence.start)

    @property
    def text(self) -> str:
        """The normalised text."""
        return self.normalized.text

    def triggers(self) -> list[Trigger]:
        """The reaction triggers of the text (:meth:`Lexicon.find`), found once."""
        if self._triggers is None:
            self._triggers = Lexicon.default().find(self.text)
        return self._triggers

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions that start in ``[start, end)``."""
        lo = bisect.bisect_left(self._mention_starts, start)
        hi = bisect.bisect_left(self._mention_starts, end)
        return self.mentions[lo:hi]

    def places_in(self, start: int, end: int) -> list[Place]:
        """Place names that start in ``[start, end)``."""
        lo = bisect.bisect_left(self._place_starts, start)
        hi = bisect.bisect_left(self._place_starts, end)
        return self.places[lo:hi]

    def parse(
        self, sentence: Sentence, *, parsed_only: bool = False, any_sentence: bool = False
    ) -> Doc | None:
        """The dependency parse of a sentence holding an actor mention, else ``None``.

        Parsed once, on demand: only the sentences a reader needs (a trigger and an actor)
        pay for the statistical parser. Character offsets of the parse are relative to
        ``sentence.start``. With ``parsed_only``, only a parse already made (by
        :meth:`parse_batch`) is returned: a reader that is a mere fallback pays nothing.
        With ``any_sentence``, a sentence without an actor mention is parsed too (the
        reader of unresolved actors looks for the names no actor has); the readers that
        ask without it never see that parse. A run-on "sentence" longer than
        :data:`MAX_PARSED_CHARS` is left to the rules, which bounds the time of a hostile
        input.
        """
        if len(sentence.text) > MAX_PARSED_CHARS:
            return None
        if not any_sentence and not self.mentions_in(sentence.start, sentence.end):
            return None
        doc = self._parses.get(sentence.start)
        if doc is None and parsed_only:
            return None
        if doc is None:
            nlp = load_parser()
            with nlp.select_pipes(disable=list(UNUSED_PIPES)):
                doc = nlp(sentence.text)
            self._parses[sentence.start] = doc
        return doc

    def entities(self, sentence: Sentence, *, any_sentence: bool = False) -> Doc | None:
        """The parse of a sentence with its named entities (tagged on first request).

        Entity recognition costs about a third of the pipeline, and only some readers
        need it, so the parses are made without it and it runs here, once per sentence.
        ``any_sentence`` as for :meth:`parse`.
        """
        doc = self.parse(sentence, any_sentence=any_sentence)
        if doc is not None and sentence.start not in self._entities:
            load_parser().get_pipe("ner")(doc)
            self._entities.add(sentence.start)
        return doc

    def parse_batch(self, sentences: list[Sentence]) -> None:
        """Parse, in one batch, those of ``sentences`` that :meth:`parse` would parse.

        One call of the pipeline over a list is about twice as fast as one call per
        sentence; :meth:`parse` then finds them ready.
        """
        todo = [
            s
            for s in sentences
            if s.start not in self._parses
            and len(s.text) <= MAX_PARSED_CHARS
            and self.mentions_in(s.start, s.end)
        ]
        if not todo:
            return
        nlp = load_parser()
        with nlp.select_pipes(disable=list(UNUSED_PIPES)):
            for sentence, doc in zip(todo, nlp.pipe(s.text for s in todo), strict=True):
                self._parses[sentence.start] = doc

    def sentence_at(self, position: int) -> Sentence | None:
        """The sentence holding a position of the normalised text."""
        for sentence in self.sentences:
            if sentence.start <= position < sentence.end:
                return sentence
        return None


def analyse(
    text: str, *, date: dt.date | None = None, registry: ActorRegistry | None = None
) -> Analysis:
    """Normalise, split and tag a text (the registry defaults to the packaged one)."""
    registry = registry or ActorRegistry.default()
    normalized = normalize(text)
    clean = normalized.text
    sentences = split_sentences(clean, normalized.items)
    firsts: dict[int, int] = {}
    for sentence in sentences:
        firsts.setdefault(sentence.paragraph, sentence.start)
    gazetteer = Gazetteer.default()
    found_places = gazetteer.find(clean)

    finder = MentionFinder.for_registry(registry)

    def is_place(name: str) -> bool:
        """ "KYIV": a city of the gazetteer; "WASHINGTON": a capital standing for its state."""
        title = name.title()
        if any(p.start == 0 and p.end == len(title) for p in gazetteer.find(title)):
            return True
        return any(
            m.start == 0 and m.end == len(title) and m.via == "metonym" for m in finder.find(title)
        )

    datelines = dateline_spans(clean, firsts.values(), is_place)
    home = None
    if datelines:
        start, end = datelines[0]
        match = DATELINE.match(clean, start, end)
        name = match.group("place").title() if match else ""
        home = next(
            (
                replace(m, start=start, end=start + len(name), via="dateline")
                for m in finder.find(name)
                if m.start == 0
                and m.end == len(name)
                and m.via == "metonym"
                and m.kind is ActorKind.STATE
            ),
            None,
        )

    def outside(start: int) -> bool:
        return not any(s <= start < e for s, e in datelines)

    return Analysis(
        normalized=normalized,
        sentences=sentences,
        mentions=[m for m in finder.find(clean) if outside(m.start)],
        places=[p for p in found_places if outside(p.start)],
        registry=registry,
        date=date,
        datelines=datelines,
        home=home,
    )
