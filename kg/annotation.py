"""Curated annotation files: YAML (or JSON, which is YAML) → a checked ``Document``.

Everything that can be wrong in a hand-written file is reported as one
``AnnotationError`` whose text is ``FILE:LINE: what is wrong``: malformed YAML, a
field pydantic rejects, an evidence quote that is not in the article, an unknown actor,
a file that is not UTF-8.

>>> from pathlib import Path
>>> doc = load_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
>>> doc.id, len(doc.reactions) >= 7
('belgorod-2023-12-30', True)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from kg.actors import ActorRegistry, UnknownActorError
from kg.model import ActorKind, AnnotationFile, Document, Evidence

__all__ = [
    "EXAMPLES",
    "AnnotationError",
    "anchor",
    "annotation_schema",
    "load_annotation",
    "read_utf8",
]

#: The examples folder of a source checkout (used by doctests and the demo).
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

Loc = tuple[str | int, ...]


class AnnotationError(ValueError):
    """A problem in an input file, located by file and (where known) line.

    >>> str(AnnotationError("a.yaml", 3, "unknown actor 'XXX'"))
    "a.yaml:3: unknown actor 'XXX'"
    """

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


def read_utf8(path: Path) -> str:
    """Read a text file that must be UTF-8; an ``AnnotationError`` names the bad line.

    A leading byte-order mark is dropped; line endings are kept as they are, so that
    character offsets stay those of the file.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AnnotationError(path, None, f"cannot read file: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise AnnotationError(
            path, line, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        ) from exc
    return text.removeprefix("\ufeff")


def _line_of(node: yaml.Node | None, loc: Loc) -> int | None:
    """The 1-based line of the YAML node at ``loc``, or of its deepest existing parent."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if k.value == key), None)
            if found is None:
                found = next((k for k, _ in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            found = node.value[key] if key < len(node.value) else None
        else:
            found = None
        if found is None:
            break
        node = found
        line = node.start_mark.line + 1
    return line


def _first_error(exc: ValidationError) -> tuple[Loc, str]:
    error = exc.errors(include_url=False)[0]
    loc: Loc = tuple(p for p in error["loc"] if isinstance(p, str | int))
    message = error["msg"].removeprefix("Value error, ")
    # pydantic adds the tag of a union member to the location; keep what the user wrote.
    where = ".".join(str(p) for p in loc)
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return loc, f"{where}: {message}{more}" if where else message + more


def anchor(text: str, evidence: Evidence) -> Evidence:
    """Find ``evidence.text`` in ``text`` and return it with ``start``/``end`` filled.

    A given ``start`` must point at the quote; without one the quote must occur exactly
    once. Raises ``ValueError`` with a hint when it only matches after straightening
    quotes and dashes.

    >>> anchor("Moscow condemned it.", Evidence(text="condemned")).start
    7
    """
    quote = evidence.text
    if evidence.start is not None:
        if text[evidence.start : evidence.start + len(quote)] != quote:
            found = text.find(quote)
            hint = f"; it occurs at {found}" if found >= 0 else ""
            raise ValueError(f"evidence {quote!r} is not the text at offset {evidence.start}{hint}")
        start = evidence.start
    else:
        start = text.find(quote)
        if start < 0:
            raise ValueError(
                f"evidence {quote!r} does not occur in the article{_near_miss(text, quote)}"
            )
        again = text.find(quote, start + 1)
        if again >= 0:
            raise ValueError(
                f"evidence {quote!r} occurs more than once (at {start} and {again}): give 'start'"
            )
    return Evidence(text=quote, start=start, end=start + len(quote))


_STRAIGHTEN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def _near_miss(text: str, quote: str) -> str:
    if quote.translate(_STRAIGHTEN) in text.translate(_STRAIGHTEN):
        return " (it does after straightening quotes or dashes: copy the article's characters)"
    return ""


@dataclass(frozen=True)
class _ActorRef:
    loc: Loc
    actor_id: str
    must_be_state: bool = False


def _actor_refs(ann: AnnotationFile) -> Iterator[_ActorRef]:
    for i, event in enumerate(ann.events):
        base: Loc = ("events", i)
        if event.country is not None:
            yield _ActorRef((*base, "country"), event.country, must_be_state=True)
        for where, claim in event.claims():
            yield _ActorRef((*base, *where, "perpetrator"), claim.perpetrator)
            if claim.according_to is not None:
                yield _ActorRef((*base, *where, "according_to"), claim.according_to)
        for where, _, figure in event.figures():
            if figure.according_to is not None:
                yield _ActorRef((*base, *where, "according_to"), figure.according_to)
    for i, reaction in enumerate(ann.reactions):
        base = ("reactions", i)
        yield _ActorRef((*base, "agent"), reaction.agent)
        if reaction.target is not None:
            yield _ActorRef((*base, "target"), reaction.target)
        if reaction.according_to is not None:
            yield _ActorRef((*base, "according_to"), reaction.according_to)


def _evidence_slots(ann: AnnotationFile) -> Iterator[tuple[Loc, list[Evidence]]]:
    for i, event in enumerate(ann.events):
        yield ("events", i, "evidence"), event.evidence
        for where, claim in event.claims():
            yield ("events", i, *where, "evidence"), claim.evidence
        for where, _, figure in event.figures():
            yield ("events", i, *where, "evidence"), figure.evidence
    for i, reaction in enumerate(ann.reactions):
        yield ("reactions", i, "evidence"), reaction.evidence


def _parse_yaml(path: Path, source: str) -> tuple[Any, yaml.Node | None]:
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
        data = yaml.safe_load(source)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise AnnotationError(path, line, f"malformed YAML: {exc.problem or exc}") from exc
    except yaml.YAMLError as exc:
        raise AnnotationError(path, None, f"malformed YAML: {exc}") from exc
    return data, root


def load_annotation(path: str | Path, registry: ActorRegistry | None = None) -> Document:
    """Read, validate and anchor one annotation file into a ``Document``.

    Raises ``AnnotationError`` (``FILE:LINE: message``) on the first problem found.
    """
    path = Path(path)
    registry = registry or ActorRegistry.default()
    data, root = _parse_yaml(path, read_utf8(path))
    if not isinstance(data, dict):
        raise AnnotationError(
            path, _line_of(root, ()), "expected a mapping with 'document' at the top"
        )

    try:
        ann = AnnotationFile.model_validate(data)
    except ValidationError as exc:
        loc, message = _first_error(exc)
        raise AnnotationError(path, _line_of(root, loc), message) from exc

    meta = ann.document
    if meta.text_file is not None:
        text = read_utf8(path.parent / meta.text_file)
    else:
        assert meta.text is not None  # the model guarantees one of the two
        text = meta.text

    for ref in _actor_refs(ann):
        try:
            actor = registry[ref.actor_id]
        except UnknownActorError as exc:
            raise AnnotationError(path, _line_of(root, ref.loc), str(exc.args[0])) from exc
        if ref.must_be_state and actor.kind is not ActorKind.STATE:
            raise AnnotationError(
                path,
                _line_of(root, ref.loc),
                f"{ref.actor_id!r} is a {actor.kind.value}, not a state",
            )

    for loc, spans in _evidence_slots(ann):
        for j, evidence in enumerate(spans):
            try:
                spans[j] = anchor(text, evidence)
            except ValueError as exc:
                raise AnnotationError(path, _line_of(root, (*loc, j)), str(exc)) from exc

    try:
        return Document(
            id=meta.id,
            text=text,
            title=meta.title,
            date=meta.date,
            url=meta.url,
            publisher=meta.publisher,
            language=meta.language,
            events=ann.events,
            reactions=ann.reactions,
        )
    except ValidationError as exc:  # pragma: no cover - anchoring above makes this unreachable
        raise AnnotationError(path, None, _first_error(exc)[1]) from exc


def annotation_schema() -> dict[str, Any]:
    """The JSON Schema of the annotation file format (what ``kg schema`` prints)."""
    schema = AnnotationFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://w3id.org/diplomatic-kg/schema/annotation-1.json"
    return schema


def dumps_schema() -> str:
    """``annotation_schema()`` as indented JSON text."""
    return json.dumps(annotation_schema(), indent=2, ensure_ascii=False)
