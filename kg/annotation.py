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

import datetime as dt
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from kg.actors import ActorRegistry, UnknownActorError
from kg.errors import AnnotationError as AnnotationError
from kg.model import ActorKind, AnnotationFile, Document, Evidence
from kg.reading import Reading
from kg.vocab import ANNOTATION_SCHEMA

__all__ = [
    "EXAMPLES",
    "AnnotationError",
    "anchor",
    "annotation_schema",
    "first_error",
    "line_of",
    "load_annotation",
    "parse_yaml",
    "read_utf8",
]

#: The examples folder of a source checkout (used by doctests and the demo).
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

Loc = tuple[str | int, ...]


def read_utf8(path: Path) -> str:
    """Read a text file that must be UTF-8; an ``AnnotationError`` names the bad line.

    A leading byte-order mark is dropped; line endings are kept as they are, so that
    character offsets stay those of the file.

    Raises
    ------
    AnnotationError
        The file cannot be read, or is not UTF-8 (the message names the line).
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AnnotationError(path, None, f"cannot read file: {exc.strerror or exc}") from exc
    return _decode_utf8(path, raw)


def _decode_utf8(path: Path, raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise AnnotationError(
            path, line, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        ) from exc
    return text.removeprefix("\ufeff")


def _read_text_file(annotation: Path, line: int | None, name: str) -> str:
    """The article a ``text_file`` names: a regular file in the annotation file's folder.

    The name is resolved (symbolic links followed) and must stay inside that folder, so an
    annotation cannot publish ``/etc/passwd`` or ``../../secret`` as a document's text.
    A device (``/dev/zero``), a FIFO or a folder is refused before it is opened, and the
    file is read no further than ``kg extract``'s limit (``MAX_BYTES``): nothing an
    annotation names can make ``kg add`` block or read without bound. Every refusal is an
    ``AnnotationError`` at the line of ``text_file``.
    """
    from kg.extract.batch import MAX_BYTES  # here: it loads the extraction pipeline

    def refuse(why: str) -> AnnotationError:
        return AnnotationError(annotation, line, f"text_file {name!r} {why}")

    folder = annotation.parent.resolve()
    try:
        target = (annotation.parent / name).resolve(strict=True)
    except FileNotFoundError as exc:
        raise refuse("does not exist") from exc
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symbolic link loop
        raise refuse(f"cannot be read: {getattr(exc, 'strerror', None) or exc}") from exc
    if not target.is_relative_to(folder):
        raise refuse(f"is outside the annotation file's folder ({folder})")
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; O_NOFOLLOW: the name was
        # resolved above, so a link swapped in meanwhile is refused, not followed.
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError as exc:
        raise refuse(f"cannot be read: {exc.strerror or exc}") from exc
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise refuse("is not a regular file")
        if info.st_size > MAX_BYTES:
            raise refuse(f"is larger than the limit of {MAX_BYTES:,} bytes")
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:  # it grew after fstat
        raise refuse(f"is larger than the limit of {MAX_BYTES:,} bytes")
    return _decode_utf8(target, raw)


def line_of(node: yaml.Node | None, loc: Loc) -> int | None:
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


def first_error(exc: ValidationError) -> tuple[Loc, str]:
    """The location and one-line message of a validation error's first error."""
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


#: The deepest nesting of collections an annotation file may have (a real one has 6).
#: PyYAML composes recursively: without a bound, ``[[[[...`` ends in a RecursionError.
MAX_DEPTH = 64


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, with every failure turned into a located ``YAMLError``.

    Bounds the nesting depth while composing, and reports a scalar that resolves to a
    value Python cannot build (``2023-02-30`` as a date, a number of more digits than
    ``int()`` converts) at its own line instead of letting a bare ``ValueError`` escape.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise yaml.composer.ComposerError(
                    None, None, f"nested deeper than {MAX_DEPTH} levels", event.start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as exc:
            raise _BadValue(None, None, _unbuildable(node, exc), node.start_mark) from exc


class _BadValue(yaml.constructor.ConstructorError):
    """Well-formed YAML whose value cannot be built (a 30th of February)."""


def _unbuildable(node: yaml.Node, exc: Exception) -> str:
    """Why a scalar cannot be read, in the user's terms."""
    value = str(node.value)
    kind = str(node.tag).rsplit(":", 1)[-1]
    if kind == "int" and "digits" in str(exc):
        return f"a number of {len(value):,} characters is too large"
    kind = {"timestamp": "date"}.get(kind, kind)
    shown = value if len(value) <= 40 else value[:37] + "..."
    return f"{shown!r} is not a valid {kind}: {exc}"


def parse_yaml(path: Path, source: str) -> tuple[Any, yaml.Node | None]:
    """The data of a YAML text and its node tree (for :func:`line_of`), in one pass.

    Raises:
        AnnotationError: the text is not YAML, nests too deeply or holds a value that
            cannot be built; the message names ``path`` and the line.
    """
    loader: _Loader | None = None
    try:
        loader = _Loader(source)  # the reader checks the characters here
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = "" if isinstance(exc, _BadValue) else "malformed YAML: "
        raise AnnotationError(path, line, f"{what}{exc.problem or exc}") from exc
    except yaml.YAMLError as exc:
        raise AnnotationError(path, None, f"malformed YAML: {exc}") from exc
    except RecursionError as exc:  # pragma: no cover - MAX_DEPTH stops it first
        raise AnnotationError(path, None, "malformed YAML: nested too deeply") from exc
    finally:
        if loader is not None:
            loader.dispose()
    return data, root


def load_annotation(path: str | Path, registry: ActorRegistry | None = None) -> Document:
    """Read, validate and anchor one annotation file into a ``Document``.

    Raises
    ------
    AnnotationError
        The first problem found, as ``FILE:LINE: message``: unreadable or not UTF-8, not
        YAML, not of the format, an unknown actor, a quote the text does not hold.

    Examples
    --------
    >>> doc = load_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
    >>> doc.id, doc.reactions[0].evidence[0].start is not None
    ('belgorod-2023-12-30', True)
    """
    path = Path(path)
    registry = registry or ActorRegistry.default()
    data, root = parse_yaml(path, read_utf8(path))
    if not isinstance(data, dict):
        raise AnnotationError(
            path, line_of(root, ()), "expected a mapping with 'document' at the top"
        )

    try:
        ann = AnnotationFile.model_validate(data)
    except ValidationError as exc:
        loc, message = first_error(exc)
        raise AnnotationError(path, line_of(root, loc), message) from exc

    meta = ann.document
    if meta.text_file is not None:
        line = line_of(root, ("document", "text_file"))
        text = _read_text_file(path, line, meta.text_file)
    else:
        assert meta.text is not None  # the model guarantees one of the two
        text = meta.text

    for ref in _actor_refs(ann):
        try:
            actor = registry[ref.actor_id]
        except UnknownActorError as exc:
            raise AnnotationError(path, line_of(root, ref.loc), str(exc.args[0])) from exc
        if ref.must_be_state and actor.kind is not ActorKind.STATE:
            raise AnnotationError(
                path,
                line_of(root, ref.loc),
                f"{ref.actor_id!r} is a {actor.kind.value}, not a state",
            )

    for loc, spans in _evidence_slots(ann):
        for j, evidence in enumerate(spans):
            try:
                spans[j] = anchor(text, evidence)
            except ValueError as exc:
                raise AnnotationError(path, line_of(root, (*loc, j)), str(exc)) from exc

    try:
        return Document(
            id=meta.id,
            reading=Reading.curation(meta.annotator, _saved_at(path)),
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
        raise AnnotationError(path, None, first_error(exc)[1]) from exc


def _saved_at(path: Path) -> dt.datetime | None:
    """When the annotation file was last saved (UTC, to the second): the end of the
    curation, as its provenance records it."""
    try:
        return dt.datetime.fromtimestamp(int(path.stat().st_mtime), dt.UTC)
    except (OSError, OverflowError, ValueError):
        return None


def annotation_schema() -> dict[str, Any]:
    """The JSON Schema of the annotation file format (what ``kg schema`` prints)."""
    schema = AnnotationFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = ANNOTATION_SCHEMA
    return schema


def dumps_schema() -> str:
    """``annotation_schema()`` as indented JSON text."""
    return json.dumps(annotation_schema(), indent=2, ensure_ascii=False)
