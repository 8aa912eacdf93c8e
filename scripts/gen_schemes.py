#!/usr/bin/env python
"""Generate the SKOS concept schemes for CAMEO and PLOVER.

Writes two Turtle files, byte-for-byte deterministic (no timestamps, everything sorted):

``ontology/cameo.ttl``
    * ``https://w3id.org/diplomatic-kg/scheme/cameo``: every CAMEO event code, with label,
      definition and usage note, hierarchy (``skos:broader``/``skos:narrower``), Goldstein score
      (``dkg:goldstein``) and GDELT quad class (``dkg:quadClass``).
    * ``https://w3id.org/diplomatic-kg/scheme/cameo-actor``: the CAMEO actor codes of GDELT's
      lookup tables (countries and regions, known groups, types/roles).

``ontology/plover.ttl``
    * ``https://w3id.org/diplomatic-kg/scheme/plover``: the 16 PLOVER event types and their modes.
    * ``https://w3id.org/diplomatic-kg/scheme/plover-context``: the PLOVER contexts.
    * the CAMEO -> PLOVER mapping (``CAMEO2PLOVER-2021.txt``) as SKOS mapping properties from
      each ``cameo:`` concept. It lives in this file because ``kg/graph.py`` loads
      ``kg.ttl``, ``cameo.ttl`` and ``plover.ttl`` into the ontology graph.

GDELT's ``CAMEO.eventcodes.txt`` has known defects: the DEMAND block carries labels from an
older CAMEO version (101, 105-108) and line 156 merges codes 1056 and 106. They are detected
by :func:`repair_gdelt_eventcodes` (comparing every label against the two codebooks) and
repaired; :func:`cross_check` reports every remaining disagreement between the three tables.

Usage::

    python scripts/gen_schemes.py                 # write ontology/cameo.ttl, ontology/plover.ttl
    python scripts/gen_schemes.py --out-dir DIR   # write elsewhere
    python scripts/gen_schemes.py --check         # exit 1 if the committed files are stale
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Final

ROOT: Final = Path(__file__).resolve().parents[1]
CAMEO_DIR: Final = ROOT / "data" / "third_party" / "cameo_lookups"
PLOVER_DIR: Final = ROOT / "data" / "third_party" / "plover"
DEFAULT_OUT_DIR: Final = ROOT / "ontology"

BASE: Final = "https://w3id.org/diplomatic-kg/"
DKG: Final = BASE + "ontology#"
CAMEO_SCHEME: Final = BASE + "scheme/cameo"
CAMEO_NS: Final = CAMEO_SCHEME + "/"
ACTOR_SCHEME: Final = BASE + "scheme/cameo-actor"
ACTOR_NS: Final = ACTOR_SCHEME + "/"
PLOVER_SCHEME: Final = BASE + "scheme/plover"
PLOVER_NS: Final = PLOVER_SCHEME + "/"
CONTEXT_SCHEME: Final = BASE + "scheme/plover-context"
CONTEXT_NS: Final = CONTEXT_SCHEME + "/"

RDF: Final = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS: Final = "http://www.w3.org/2000/01/rdf-schema#"
SKOS: Final = "http://www.w3.org/2004/02/skos/core#"
DCTERMS: Final = "http://purl.org/dc/terms/"
XSD: Final = "http://www.w3.org/2001/XMLSchema#"

CC_BY_SA_4: Final = "https://creativecommons.org/licenses/by-sa/4.0/"

#: GDELT's quad classes, by CAMEO root code. GDELT Event codebook (QuadClass field):
#: 1 = Verbal Cooperation, 2 = Material Cooperation, 3 = Verbal Conflict, 4 = Material Conflict;
#: GDELT assigns them by root code (01-05, 06-09, 10-14, 15-20), which the GDELT exports in
#: data/ confirm row by row.
QUAD_CLASS_NAMES: Final = {
    1: "Verbal Cooperation",
    2: "Material Cooperation",
    3: "Verbal Conflict",
    4: "Material Conflict",
}


def quad_class(code: str) -> int:
    """GDELT's QuadClass of a CAMEO event code, from its two-digit root.

    >>> [quad_class(c) for c in ("01", "0256", "057", "09", "10", "111", "14", "15", "195")]
    [1, 1, 1, 2, 3, 3, 3, 4, 4]
    """
    root = int(code[:2])
    if not 1 <= root <= 20:
        raise ValueError(f"not a CAMEO event code: {code!r}")
    if root <= 5:
        return 1
    if root <= 9:
        return 2
    return 3 if root <= 14 else 4


# --------------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One input file: where it is in this repository and where it came from."""

    local: Path
    repo: str
    commit: str
    path: str
    licence: str

    @property
    def url(self) -> str:
        return f"https://github.com/{self.repo}/blob/{self.commit}/{self.path}"

    @property
    def citation(self) -> str:
        return f"{self.repo} @ {self.commit[:12]} : {self.path} ({self.licence})"


_GDELT_REPO = ("moxious/gdelt", "44a29095a50287d62a965fc0a94e8b9bd08274ea")
_GDELT_LICENCE = "licence not stated in the repository; GDELT lookup table"
_PLOVER_REPO = ("openeventdata/PLOVER", "5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f")

GDELT_EVENTCODES: Final = Source(
    CAMEO_DIR / "CAMEO.eventcodes.txt", *_GDELT_REPO, "data/CAMEO.eventcodes.txt", _GDELT_LICENCE
)
GDELT_GOLDSTEIN: Final = Source(
    CAMEO_DIR / "CAMEO.goldsteinscale.txt",
    *_GDELT_REPO,
    "data/CAMEO.goldsteinscale.txt",
    _GDELT_LICENCE,
)
GDELT_KNOWNGROUP: Final = Source(
    CAMEO_DIR / "CAMEO.knowngroup.txt", *_GDELT_REPO, "data/CAMEO.knowngroup.txt", _GDELT_LICENCE
)
GDELT_TYPE: Final = Source(
    CAMEO_DIR / "CAMEO.type.txt", *_GDELT_REPO, "data/CAMEO.type.txt", _GDELT_LICENCE
)
GDELT_COUNTRY: Final = Source(
    CAMEO_DIR / "CAMEO.country.txt",
    "aamend/spark-gdelt",
    "c3f4cc548f5cedadacb8c1195e08e66aca2b6f71",
    "src/main/resources/com/aamend/spark/gdelt/reference/cameoCountry.txt",
    "Apache-2.0",
)
ICEWS_CODEBOOK: Final = Source(
    CAMEO_DIR / "cameo-codes_icews-pkg.csv",
    "andybega/icews",
    "3746c729551f5fcb5a49f643f82638011a5fcfec",
    "data-raw/cameo-codes.csv",
    "MIT",
)
JUDY_CODEBOOK: Final = Source(
    CAMEO_DIR / "cameo_codebook_judy2k.csv",
    "judy2k/CAMEO-Event-Data-Codebook",
    "b83774aea3a04237a42f13826c5f82c9b21b8916",
    "cameo.csv",
    "licence not stated in the repository",
)
PLOVER_MANUAL: Final = Source(
    PLOVER_DIR / "PLOVER_MANUAL.tex", *_PLOVER_REPO, "PLOVER_MANUAL.tex", "CC BY-SA 4.0"
)
CAMEO2PLOVER: Final = Source(
    PLOVER_DIR / "CAMEO2PLOVER-2021.txt", *_PLOVER_REPO, "CAMEO2PLOVER-2021.txt", "CC BY-SA 4.0"
)
PLOVER_SUMMARY_2017: Final = Source(
    PLOVER_DIR / "plover_reference.html", *_PLOVER_REPO, "plover_reference.html", "CC BY-SA 4.0"
)
NGEC_CODEBOOK: Final = Source(
    PLOVER_DIR / "PLOVER_structured_codebook_NGEC.csv",
    "ahalterman/NGEC-2025",
    "a3909e2aa02969ccaaa915a9626a5316e1cac0f8",
    "NGEC/assets/PLOVER_structured_codebook_updated.csv",
    "licence not stated in the repository",
)

CAMEO_SOURCES: Final = (
    GDELT_EVENTCODES,
    GDELT_GOLDSTEIN,
    ICEWS_CODEBOOK,
    JUDY_CODEBOOK,
    GDELT_COUNTRY,
    GDELT_KNOWNGROUP,
    GDELT_TYPE,
)
PLOVER_SOURCES: Final = (NGEC_CODEBOOK, PLOVER_MANUAL, CAMEO2PLOVER)


# --------------------------------------------------------------------------------------------
# A small deterministic Turtle writer (IRIs and literals only: no blank nodes anywhere)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Iri:
    value: str


@dataclass(frozen=True, order=True)
class Lit:
    lexical: str
    lang: str | None = None
    datatype: str | None = None


Node = Iri | Lit


def en(text: str) -> Lit:
    return Lit(text, lang="en")


def decimal_lit(value: Decimal) -> Lit:
    return Lit(format_decimal(value), datatype=XSD + "decimal")


def integer_lit(value: int) -> Lit:
    return Lit(str(value), datatype=XSD + "integer")


def format_decimal(value: Decimal) -> str:
    """Canonical-ish xsd:decimal lexical form with at least one fractional digit.

    >>> [format_decimal(Decimal(v)) for v in ("-2", "-2.0", "3.40", "0", "-10")]
    ['-2.0', '-2.0', '3.4', '0.0', '-10.0']
    """
    text = format(value.normalize(), "f")
    if "." not in text:
        text += ".0"
    if text == "-0.0":
        text = "0.0"
    return text


_PN_LOCAL: Final = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?$")

_PREDICATE_ORDER: Final = [
    RDF + "type",
    SKOS + "notation",
    SKOS + "prefLabel",
    RDFS + "label",
    DCTERMS + "title",
    SKOS + "altLabel",
    SKOS + "hiddenLabel",
    SKOS + "definition",
    DCTERMS + "description",
    SKOS + "scopeNote",
    SKOS + "editorialNote",
    SKOS + "inScheme",
    SKOS + "topConceptOf",
    SKOS + "broader",
    SKOS + "narrower",
    DKG + "goldstein",
    DKG + "quadClass",
    SKOS + "closeMatch",
    SKOS + "broadMatch",
    SKOS + "narrowMatch",
    SKOS + "relatedMatch",
    SKOS + "hasTopConcept",
    SKOS + "member",
    DCTERMS + "source",
    DCTERMS + "license",
    DCTERMS + "rights",
    RDFS + "comment",
]


class Turtle:
    """Renders resources as Turtle with fixed prefixes, sorted predicates and objects."""

    def __init__(self, prefixes: Sequence[tuple[str, str]]) -> None:
        self.prefixes = list(prefixes)
        # longest namespace first so that e.g. cameo-actor/ wins over a shorter match
        self._by_length = sorted(self.prefixes, key=lambda p: -len(p[1]))

    def header(self) -> str:
        return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in self.prefixes)

    def iri(self, value: str) -> str:
        if value == RDF + "type":
            return "a"
        for prefix, ns in self._by_length:
            if value.startswith(ns) and _PN_LOCAL.match(value[len(ns) :]):
                return f"{prefix}:{value[len(ns) :]}"
        return f"<{value}>"

    def literal(self, lit: Lit) -> str:
        body = (
            lit.lexical.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
        )
        if lit.lang is not None:
            return f'"{body}"@{lit.lang}'
        if lit.datatype in (XSD + "integer", XSD + "decimal"):
            return lit.lexical  # Turtle's bare numeric forms
        if lit.datatype is None or lit.datatype == XSD + "string":
            return f'"{body}"'
        return f'"{body}"^^{self.iri(lit.datatype)}'

    def node(self, node: Node) -> str:
        return self.iri(node.value) if isinstance(node, Iri) else self.literal(node)

    def block(self, subject: str, props: Iterable[tuple[str, Node]]) -> str:
        grouped: dict[str, set[str]] = defaultdict(set)
        for pred, obj in props:
            grouped[pred].add(self.node(obj))
        rank = {p: i for i, p in enumerate(_PREDICATE_ORDER)}
        preds = sorted(grouped, key=lambda p: (rank.get(p, len(rank)), p))
        lines = []
        for pred in preds:
            objs = sorted(grouped[pred], key=_object_sort_key)
            sep = ",\n        " if len(objs) > 3 or any(len(o) > 60 for o in objs) else ", "
            lines.append(f"    {self.iri(pred)} {sep.join(objs)}")
        return f"{self.iri(subject)}\n" + " ;\n".join(lines) + " .\n"


def _object_sort_key(rendered: str) -> tuple[int, str]:
    # keep code lists in code order (prefixed names sort as strings: 01 < 010 < 011 < 02)
    return (0 if not rendered.startswith('"') else 1, rendered)


@dataclass
class Resource:
    iri: str
    props: list[tuple[str, Node]] = field(default_factory=list)

    def add(self, pred: str, obj: Node) -> None:
        self.props.append((pred, obj))

    def values(self, pred: str) -> list[Node]:
        return [o for p, o in self.props if p == pred]


def render(
    turtle: Turtle, header_comment: str, sections: Sequence[tuple[str, list[Resource]]]
) -> str:
    out = [header_comment, "\n", turtle.header()]
    for title, resources in sections:
        out.append(f"\n# {'-' * 94}\n# {title}\n# {'-' * 94}\n")
        for res in resources:
            out.append("\n")
            out.append(turtle.block(res.iri, res.props))
    return "".join(out)


def comment_block(lines: Iterable[str]) -> str:
    return "".join(f"# {line}".rstrip() + "\n" for line in lines)


# --------------------------------------------------------------------------------------------
# Reading the CAMEO tables
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GdeltRow:
    line: int
    code: str
    text: str


def read_gdelt_table(path: Path) -> list[GdeltRow]:
    """A GDELT lookup table (header + two tab-separated columns), verbatim, with line numbers."""
    rows = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        code, _, text = line.partition("\t")
        rows.append(GdeltRow(number, code.strip(), text))
    return rows


def fix_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as Mac Roman (and stored as Windows-1252).

    The icews-pkg codebook has e.g. ``Moscow\\u201a\\u00c4\\u00f4s`` for ``Moscow's``. Runs that
    do not round-trip are left alone.

    >>> fix_mojibake("Moscow\\u201a\\u00c4\\u00f4s will")
    'Moscow\\u2019s will'
    """

    def repair(match: re.Match[str]) -> str:
        try:
            return match.group().encode("mac_roman").decode("utf-8")
        except UnicodeError:
            return match.group()

    return re.sub(r"[^\x00-\x7f]+", repair, text)


@dataclass(frozen=True)
class IcewsCode:
    code: str
    name: str
    goldstein: Decimal
    description: str | None
    usage_notes: str | None
    root_code: str
    ns_left: int
    ns_right: int


def _na(value: str) -> str | None:
    value = " ".join(value.split())
    return None if value in ("", "NA") else value


def read_icews_codebook(path: Path) -> dict[str, IcewsCode]:
    """The CAMEO 1.1b3 codebook of the icews R package (Windows-1252 bytes, mojibake fixed)."""
    text = path.read_bytes().decode("cp1252")
    out: dict[str, IcewsCode] = {}
    for row in csv.DictReader(io.StringIO(text)):
        code = row["code"]
        out[code] = IcewsCode(
            code=code,
            name=" ".join(fix_mojibake(row["name"]).split()),
            goldstein=Decimal(row["goldstein"]),
            description=_na(fix_mojibake(row["description"])),
            usage_notes=_na(fix_mojibake(row["usage_notes"])),
            root_code=row["root_code"],
            ns_left=int(row["nsLeft"]),
            ns_right=int(row["nsRight"]),
        )
    return out


def read_judy_codebook(path: Path) -> dict[str, str]:
    """judy2k's codebook: ``code,description`` rows without a header."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row[0].strip(): " ".join(row[1].split()) for row in csv.reader(handle) if row}


def judy_label_in_gdelt_style(label: str) -> str:
    """judy2k writes GDELT's ``", not specified below"`` as ``"- not specified below"``.

    >>> judy_label_in_gdelt_style("Demand that target yields- not specified below")
    'Demand that target yields, not specified below'
    """
    return re.sub(r"\s*-\s*not specified below$", ", not specified below", label)


# --------------------------------------------------------------------------------------------
# Label comparison
# --------------------------------------------------------------------------------------------

_STOP_WORDS: Final = frozenset(
    {"a", "an", "the", "of", "or", "and", "to", "for", "in", "on", "with", "by", "such", "as", "at"}
)


def label_tokens(label: str) -> list[str]:
    """Content words of a CAMEO label, lower-cased, crude singulars, in order.

    >>> label_tokens("Threaten with sanctions, boycott, embargo- not specified below")
    ['threaten', 'sanction', 'boycott', 'embargo']
    """
    text = re.sub(r"[,-]?\s*not specified below", "", label.lower())
    out = []
    for token in re.findall(r"[a-z0-9]+", text):
        if token in _STOP_WORDS:
            continue
        if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
            token = token[:-1]
        out.append(token)
    return out


def object_words(label: str) -> set[str]:
    """The content words after the leading verb: what the action is about."""
    return set(label_tokens(label)[1:])


def labels_conflict(a: str, b: str) -> bool:
    """Two labels for one code name *different* things: both say what the action is about and
    they share no word for it. Shortenings and rewordings do not conflict.

    >>> labels_conflict("Demand mediation", "Demand that target yields")
    True
    >>> labels_conflict("Demand policy support", "Demand diplomatic cooperation (policy support)")
    False
    >>> labels_conflict("Appeal, not specified below", "Make an appeal or request")
    False
    """
    wa, wb = object_words(a), object_words(b)
    return bool(wa) and bool(wb) and not (wa & wb)


def same_label(a: str, b: str) -> bool:
    return label_tokens(a) == label_tokens(b)


# --------------------------------------------------------------------------------------------
# Detecting and repairing the defects of GDELT's CAMEO.eventcodes.txt
# --------------------------------------------------------------------------------------------

#: ``<label of code A><code B>:[<Goldstein of B>] <label of code B>``: two table rows run
#: together, as on line 156 of GDELT's table (1056 and 106).
_MERGED_ROW: Final = re.compile(
    r"^(?P<head>.*?\S)\s*(?P<code>\d{2,4}):\[(?P<goldstein>[-+]?\d+(?:\.\d+)?)\]\s*(?P<tail>\S.*)$"
)


@dataclass(frozen=True)
class Repair:
    code: str
    kind: str  # "split-merged-row" | "conflicting-label" | "garbled-label"
    line: int
    gdelt: str  # GDELT's text as found
    repaired: str  # what the scheme uses
    evidence: str

    def describe(self) -> str:
        return (
            f"{self.code} ({self.kind}, line {self.line}): GDELT {self.gdelt!r} -> "
            f"{self.repaired!r}; {self.evidence}"
        )


@dataclass
class GdeltRepairResult:
    #: GDELT's labels after repair, by code (codes of the split row included)
    labels: dict[str, str]
    #: GDELT's text for each code before repair (the whole row for a merged row's first code)
    original: dict[str, str]
    #: the source line of each code
    lines: dict[str, int]
    #: Goldstein scores found inside merged rows (GDELT's goldstein table lacks those codes)
    inline_goldstein: dict[str, Decimal]
    repairs: list[Repair]

    def repaired(self, kind: str) -> dict[str, Repair]:
        return {r.code: r for r in self.repairs if r.kind == kind}


def split_merged_rows(
    rows: Sequence[GdeltRow],
) -> tuple[list[GdeltRow], dict[str, Decimal], list[Repair]]:
    """Split rows that hold two table rows run together; return the rows, the Goldstein scores
    found inline, and one repair per split."""
    out: list[GdeltRow] = []
    goldstein: dict[str, Decimal] = {}
    repairs: list[Repair] = []
    for row in rows:
        match = _MERGED_ROW.match(row.text)
        if match is None:
            out.append(row)
            continue
        head, code, tail = match["head"].strip(), match["code"], match["tail"].strip()
        out.append(GdeltRow(row.line, row.code, head))
        out.append(GdeltRow(row.line, code, tail))
        goldstein[code] = Decimal(match["goldstein"])
        repairs.append(
            Repair(
                row.code,
                "split-merged-row",
                row.line,
                row.text,
                head,
                f"the row also holds code {code} ({tail!r}, Goldstein {match['goldstein']}), "
                f"which the table otherwise lacks",
            )
        )
        repairs.append(
            Repair(
                code,
                "split-merged-row",
                row.line,
                row.text,
                tail,
                f"split off the row of {row.code}",
            )
        )
    return out, goldstein, repairs


def codebook_label(code: str, icews: Mapping[str, str], judy: Mapping[str, str]) -> str:
    """The label a repair takes from the codebooks: judy2k's (GDELT's wording conventions) when
    it is plain ASCII and agrees with icews-pkg, otherwise icews-pkg's."""
    judy_label = judy.get(code)
    icews_label = icews.get(code)
    if (
        judy_label is not None
        and judy_label.isascii()
        and (icews_label is None or not labels_conflict(judy_label, icews_label))
    ):
        return judy_label_in_gdelt_style(judy_label)
    if icews_label is not None:
        return icews_label
    raise KeyError(code)


def repair_gdelt_eventcodes(
    rows: Sequence[GdeltRow],
    icews: Mapping[str, str],
    judy: Mapping[str, str],
    vocabulary_texts: Iterable[str] = (),
) -> GdeltRepairResult:
    """Detect and repair the defects of GDELT's CAMEO.eventcodes.txt.

    ``rows`` are the table's rows verbatim (:func:`read_gdelt_table`); ``icews`` and ``judy``
    map codes to the labels of the two codebooks; ``vocabulary_texts`` (the codebook's
    definitions and notes) widen the vocabulary of check 3. Three checks, in order:

    1. merged rows: a label that contains ``<code>:[<score>] <label>`` is two rows run
       together; it is split in two.
    2. conflicting labels: the label names a different thing than *both* codebooks do
       (:func:`labels_conflict`), while the codebooks agree with each other; the codebook
       label replaces it. If GDELT's label is the codebook label of another code, that is
       reported as evidence of a shifted block.
    3. garbled labels: characters outside ASCII (mis-decoded quotes) or words that occur
       nowhere in either codebook (typos, words run together); the codebook label replaces it.
    """
    split_rows, inline_goldstein, repairs = split_merged_rows(rows)
    verbatim = {row.code: row.text for row in rows}
    vocabulary: set[str] = set()
    for text in [*icews.values(), *judy.values(), *vocabulary_texts]:
        vocabulary.update(label_tokens(text))
    by_tokens: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for code, label in icews.items():
        by_tokens[tuple(label_tokens(label))].append(code)

    labels: dict[str, str] = {}
    original: dict[str, str] = {}
    lines: dict[str, int] = {}
    for row in split_rows:
        text = " ".join(row.text.split())
        # a code that opens a merged row keeps the whole row as its original text
        original[row.code] = " ".join(verbatim.get(row.code, row.text).split())
        lines[row.code] = row.line
        labels[row.code] = text
        references = [ref for ref in (icews.get(row.code), judy.get(row.code)) if ref is not None]
        if not references:
            continue
        refs_agree = len(references) < 2 or not labels_conflict(references[0], references[1])
        if refs_agree and all(labels_conflict(text, ref) for ref in references):
            fixed = codebook_label(row.code, icews, judy)
            evidence = "codebooks: " + " / ".join(repr(r) for r in references)
            elsewhere = [c for c in by_tokens.get(tuple(label_tokens(text)), []) if c != row.code]
            if elsewhere:
                evidence += f"; GDELT's label is the codebook label of {', '.join(elsewhere)}"
            repairs.append(Repair(row.code, "conflicting-label", row.line, text, fixed, evidence))
            labels[row.code] = fixed
            continue
        unknown = sorted(set(label_tokens(text)) - vocabulary)
        non_ascii = sorted({ch for ch in text if ord(ch) > 127})
        if (unknown or non_ascii) and not any(same_label(text, r) for r in references):
            fixed = codebook_label(row.code, icews, judy)
            problems = []
            if non_ascii:
                problems.append(f"non-ASCII characters {''.join(non_ascii)!r}")
            if unknown:
                problems.append(f"words found in neither codebook {unknown}")
            evidence = "; ".join(problems)
            repairs.append(Repair(row.code, "garbled-label", row.line, text, fixed, evidence))
            labels[row.code] = fixed
    steps = ("split-merged-row", "conflicting-label", "garbled-label")
    repairs.sort(key=lambda r: (r.code, steps.index(r.kind)))
    return GdeltRepairResult(labels, original, lines, inline_goldstein, repairs)


# --------------------------------------------------------------------------------------------
# Cross-checking the three tables
# --------------------------------------------------------------------------------------------


def expected_parent(code: str) -> str | None:
    """The parent of a CAMEO code: 2-digit root for 3 digits, 3-digit code for 4 digits."""
    if len(code) == 2:
        return None
    if len(code) in (3, 4):
        return code[: len(code) - 1]
    raise ValueError(f"not a CAMEO event code: {code!r}")


def nested_set_parent(icews: Mapping[str, IcewsCode], code: str) -> str | None:
    """The parent of ``code`` according to the icews-pkg nested-set ids."""
    me = icews[code]
    enclosing = [c for c in icews.values() if c.ns_left < me.ns_left and c.ns_right > me.ns_right]
    if not enclosing:
        return None
    return max(enclosing, key=lambda c: c.ns_left).code


def cross_check(
    repaired: GdeltRepairResult,
    gdelt_goldstein: Mapping[str, Decimal],
    icews: Mapping[str, IcewsCode],
    judy: Mapping[str, str],
) -> list[str]:
    """Every disagreement between GDELT's tables (after repair) and the two codebooks."""
    findings: list[str] = []
    gdelt = repaired.labels
    tables = {"GDELT": set(gdelt), "icews-pkg": set(icews), "judy2k": set(judy)}
    for name, codes in tables.items():
        for other, other_codes in tables.items():
            missing = sorted(other_codes - codes)
            if name != other and missing:
                findings.append(f"codes in {other} but not in {name}: {', '.join(missing)}")
    goldstein_codes = set(gdelt_goldstein) | set(repaired.inline_goldstein)
    if goldstein_codes != set(gdelt):
        findings.append(
            f"GDELT goldstein table vs event table: {sorted(goldstein_codes ^ set(gdelt))}"
        )
    for code in sorted(set(gdelt) | set(icews) | set(judy)):
        labels = {
            "GDELT": gdelt.get(code),
            "icews-pkg": icews[code].name if code in icews else None,
            "judy2k": judy.get(code),
        }
        present = {k: v for k, v in labels.items() if v is not None}
        if len({tuple(label_tokens(v)) for v in present.values()}) > 1:
            shown = "; ".join(f"{k} {v!r}" for k, v in present.items())
            findings.append(f"{code} label wording differs: {shown}")
        ours = gdelt_goldstein.get(code, repaired.inline_goldstein.get(code))
        if ours is not None and code in icews and ours != icews[code].goldstein:
            findings.append(
                f"{code} Goldstein differs: GDELT {format_decimal(ours)}, "
                f"icews-pkg {format_decimal(icews[code].goldstein)}"
            )
        if code in icews:
            if icews[code].root_code != code[:2]:
                findings.append(f"{code} icews-pkg root_code is {icews[code].root_code}")
            if nested_set_parent(icews, code) != expected_parent(code):
                findings.append(f"{code} icews-pkg nested set puts it under another parent")
    described: dict[str, list[str]] = defaultdict(list)
    for entry in icews.values():
        if entry.description is not None:
            described[entry.description].append(entry.code)
    for text, twins in sorted(described.items()):
        if len(twins) > 1:
            findings.append(f"icews-pkg gives {', '.join(twins)} the same description {text!r}")
    return findings


# --------------------------------------------------------------------------------------------
# The CAMEO event-code scheme
# --------------------------------------------------------------------------------------------

_PLACEHOLDER_DESCRIPTION: Final = re.compile(r"^need new description\.?$", re.IGNORECASE)


@dataclass
class CameoData:
    concepts: list[Resource]
    scheme: Resource
    repair: GdeltRepairResult
    findings: list[str]
    codes: list[str]
    notes: list[str]


def cameo_iri(code: str) -> str:
    return CAMEO_NS + code


def build_cameo_events() -> CameoData:
    gdelt_rows = read_gdelt_table(GDELT_EVENTCODES.local)
    gdelt_goldstein = {
        r.code: Decimal(r.text.strip()) for r in read_gdelt_table(GDELT_GOLDSTEIN.local)
    }
    icews = read_icews_codebook(ICEWS_CODEBOOK.local)
    judy = read_judy_codebook(JUDY_CODEBOOK.local)
    repair = repair_gdelt_eventcodes(
        gdelt_rows,
        {c: e.name for c, e in icews.items()},
        judy,
        [t for e in icews.values() for t in (e.description, e.usage_notes) if t],
    )
    findings = cross_check(repair, gdelt_goldstein, icews, judy)
    notes: list[str] = []

    codes = sorted(set(repair.labels) | set(icews) | set(judy))
    repairs_by_code: dict[str, list[Repair]] = defaultdict(list)
    for r in repair.repairs:
        repairs_by_code[r.code].append(r)

    concepts: list[Resource] = []
    children: dict[str, list[str]] = defaultdict(list)
    for code in codes:
        parent = expected_parent(code)
        if parent is not None:
            if parent not in codes:
                raise ValueError(f"CAMEO code {code} has no parent {parent} in any table")
            children[parent].append(code)

    for code in codes:
        res = Resource(cameo_iri(code))
        res.add(RDF + "type", Iri(SKOS + "Concept"))
        res.add(SKOS + "notation", Lit(code))
        res.add(SKOS + "inScheme", Iri(CAMEO_SCHEME))
        entry = icews.get(code)
        if code in repair.labels:
            label = repair.labels[code]
        elif entry is not None:
            label = entry.name
            res.add(
                SKOS + "editorialNote",
                en("Not in GDELT's CAMEO.eventcodes.txt; label from the icews-pkg codebook."),
            )
            notes.append(f"{code} added from icews-pkg (absent from GDELT): {label!r}")
        else:
            label = judy_label_in_gdelt_style(judy[code])
            res.add(
                SKOS + "editorialNote",
                en(
                    "Extension code: in neither GDELT's tables nor the icews-pkg codebook "
                    "(CAMEO 1.1b3); listed only in the judy2k codebook. No Goldstein score."
                ),
            )
            notes.append(f"{code} added from judy2k only (extension code): {label!r}")
        res.add(SKOS + "prefLabel", en(label))
        alt: set[str] = set()
        for candidate in (
            entry.name if entry else None,
            judy_label_in_gdelt_style(judy[code]) if code in judy else None,
        ):
            if (
                candidate
                and candidate.isascii()
                and candidate.casefold() not in {label.casefold()} | {a.casefold() for a in alt}
            ):
                alt.add(candidate)
        for a in sorted(alt):
            res.add(SKOS + "altLabel", en(a))
        gdelt_text = repair.original.get(code)
        if gdelt_text and gdelt_text.casefold() not in {label.casefold()} | {
            a.casefold() for a in alt
        }:
            # GDELT's own (possibly defective) wording: findable, never displayed. GDELT-derived
            # data sets carry these strings instead of codes.
            res.add(SKOS + "hiddenLabel", en(gdelt_text))
        for r in repairs_by_code.get(code, []):
            res.add(
                SKOS + "editorialNote",
                en(
                    f"Repaired ({r.kind}): GDELT's CAMEO.eventcodes.txt line {r.line} reads "
                    f"{r.gdelt!r}; {r.evidence}."
                ),
            )
        if entry is not None and entry.description is not None:
            if _PLACEHOLDER_DESCRIPTION.match(entry.description):
                notes.append(f"{code}: icews-pkg description is a placeholder, omitted")
            else:
                res.add(SKOS + "definition", en(entry.description))
                twins = [
                    c for c, e in icews.items() if c != code and e.description == entry.description
                ]
                if twins:
                    res.add(
                        SKOS + "editorialNote",
                        en(
                            f"The icews-pkg codebook gives {', '.join(twins)} the same "
                            "definition; one of them is probably a copy error."
                        ),
                    )
        if entry is not None and entry.usage_notes is not None:
            res.add(SKOS + "scopeNote", en(entry.usage_notes))
        parent = expected_parent(code)
        if parent is None:
            res.add(SKOS + "topConceptOf", Iri(CAMEO_SCHEME))
        else:
            res.add(SKOS + "broader", Iri(cameo_iri(parent)))
        for child in children.get(code, []):
            res.add(SKOS + "narrower", Iri(cameo_iri(child)))
        goldstein = gdelt_goldstein.get(code, repair.inline_goldstein.get(code))
        if goldstein is None and entry is not None:
            goldstein = entry.goldstein
            notes.append(f"{code}: Goldstein {format_decimal(goldstein)} from icews-pkg")
        elif goldstein is not None and entry is not None and goldstein != entry.goldstein:
            res.add(
                SKOS + "editorialNote",
                en(
                    f"Goldstein score from GDELT's CAMEO.goldsteinscale.txt "
                    f"({format_decimal(goldstein)}); the icews-pkg codebook has "
                    f"{format_decimal(entry.goldstein)}."
                ),
            )
        if goldstein is not None:
            res.add(DKG + "goldstein", decimal_lit(goldstein))
        res.add(DKG + "quadClass", integer_lit(quad_class(code)))
        concepts.append(res)

    scheme = Resource(CAMEO_SCHEME)
    scheme.add(RDF + "type", Iri(SKOS + "ConceptScheme"))
    scheme.add(SKOS + "prefLabel", en("CAMEO event codes"))
    scheme.add(RDFS + "label", en("CAMEO event codes"))
    scheme.add(
        DCTERMS + "description",
        en(
            "The CAMEO (Conflict and Mediation Event Observations) event codes, version 1.1b3 "
            "as used by GDELT and ICEWS, plus the extension codes of the judy2k codebook. "
            "Labels are GDELT's (CAMEO.eventcodes.txt) with its known defects repaired from "
            "the icews-pkg and judy2k codebooks; definitions and scope notes from the "
            "icews-pkg codebook; dkg:goldstein from GDELT's CAMEO.goldsteinscale.txt; "
            "dkg:quadClass is GDELT's QuadClass (1 Verbal Cooperation: roots 01-05, "
            "2 Material Cooperation: 06-09, 3 Verbal Conflict: 10-14, 4 Material Conflict: "
            "15-20). skos:notation is the code as a plain string, leading zeros kept."
        ),
    )
    for src in (GDELT_EVENTCODES, GDELT_GOLDSTEIN, ICEWS_CODEBOOK, JUDY_CODEBOOK):
        scheme.add(DCTERMS + "source", Iri(src.url))
    scheme.add(
        DCTERMS + "rights",
        en(
            "GDELT lookup tables (moxious/gdelt): licence not stated; icews-pkg codebook "
            "(andybega/icews): MIT; judy2k codebook: licence not stated. The CAMEO codebook "
            "is by Schrodt, Gerner and Yilmaz (University of Kansas)."
        ),
    )
    for code in codes:
        if expected_parent(code) is None:
            scheme.add(SKOS + "hasTopConcept", Iri(cameo_iri(code)))
    return CameoData(concepts, scheme, repair, findings, codes, notes)


# --------------------------------------------------------------------------------------------
# The CAMEO actor-code scheme
# --------------------------------------------------------------------------------------------

_ACTOR_TABLES: Final = (
    ("country", GDELT_COUNTRY, "CAMEO country and region codes"),
    ("knowngroup", GDELT_KNOWNGROUP, "CAMEO known-group codes"),
    ("type", GDELT_TYPE, "CAMEO actor type (role) codes"),
)


@dataclass
class ActorData:
    concepts: list[Resource]
    scheme: Resource
    collections: list[Resource]
    counts: dict[str, int]
    notes: list[str]


def build_cameo_actors() -> ActorData:
    labels: dict[str, list[str]] = defaultdict(list)  # code -> labels in table order
    members: dict[str, set[str]] = defaultdict(set)  # table -> codes
    notes: list[str] = []
    for table, source, _title in _ACTOR_TABLES:
        for row in read_gdelt_table(source.local):
            label = " ".join(row.text.split())
            if row.code in members[table] and label in labels[row.code]:
                notes.append(f"{source.local.name}: duplicate row {row.code} {label!r} dropped")
                continue
            if row.code in members[table]:
                notes.append(
                    f"{source.local.name}: {row.code} has two labels: "
                    f"{labels[row.code][0]!r} and {label!r}"
                )
            members[table].add(row.code)
            if label not in labels[row.code]:
                labels[row.code].append(label)
    for code in sorted(labels):
        in_tables = [t for t, _s, _ in _ACTOR_TABLES if code in members[t]]
        if len(in_tables) > 1:
            notes.append(f"{code} is in several tables ({', '.join(in_tables)}): one concept")

    concepts = []
    for code in sorted(labels):
        res = Resource(ACTOR_NS + code)
        res.add(RDF + "type", Iri(SKOS + "Concept"))
        res.add(SKOS + "notation", Lit(code))
        first, *others = labels[code]
        res.add(SKOS + "prefLabel", en(first))
        for other in others:
            res.add(SKOS + "altLabel", en(other))
        if any(not _same_name(first, o) for o in others):
            res.add(
                SKOS + "editorialNote",
                en(
                    "GDELT's tables give this code several different names: "
                    + "; ".join(labels[code])
                    + "."
                ),
            )
        res.add(SKOS + "inScheme", Iri(ACTOR_SCHEME))
        res.add(SKOS + "topConceptOf", Iri(ACTOR_SCHEME))
        concepts.append(res)

    collections = []
    for table, source, title in _ACTOR_TABLES:
        col = Resource(f"{ACTOR_NS}collection/{table}")
        col.add(RDF + "type", Iri(SKOS + "Collection"))
        col.add(SKOS + "prefLabel", en(f"{title} ({source.local.name})"))
        col.add(DCTERMS + "source", Iri(source.url))
        for code in sorted(members[table]):
            col.add(SKOS + "member", Iri(ACTOR_NS + code))
        collections.append(col)

    scheme = Resource(ACTOR_SCHEME)
    scheme.add(RDF + "type", Iri(SKOS + "ConceptScheme"))
    scheme.add(SKOS + "prefLabel", en("CAMEO actor codes"))
    scheme.add(RDFS + "label", en("CAMEO actor codes"))
    scheme.add(
        DCTERMS + "description",
        en(
            "The three-letter CAMEO actor codes of GDELT's lookup tables: countries and "
            "regions (CAMEO.country.txt), known groups (CAMEO.knowngroup.txt) and actor "
            "types or roles (CAMEO.type.txt), one skos:Collection per table. A code that is "
            "in several tables is one concept. These are codes only; reference actors are "
            "described elsewhere (ontology/actors.ttl)."
        ),
    )
    for _t, source, _ in _ACTOR_TABLES:
        scheme.add(DCTERMS + "source", Iri(source.url))
    scheme.add(
        DCTERMS + "rights",
        en(
            "CAMEO.country.txt (aamend/spark-gdelt): Apache-2.0; CAMEO.knowngroup.txt and "
            "CAMEO.type.txt (moxious/gdelt): licence not stated."
        ),
    )
    for res in concepts:
        scheme.add(SKOS + "hasTopConcept", Iri(res.iri))
    counts = {table: len(members[table]) for table, _s, _ in _ACTOR_TABLES}
    return ActorData(concepts, scheme, collections, counts, notes)


def _same_name(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        s = re.sub(r"\s*\([A-Z]+\)$", "", s)  # "World Trade Organization (WTO)"
        s = re.sub(r"ies$", "y", s.casefold())
        return s

    return norm(a) == norm(b)


# --------------------------------------------------------------------------------------------
# PLOVER: NGEC codebook, manual, CAMEO2PLOVER mapping
# --------------------------------------------------------------------------------------------


def latex_to_text(tex: str) -> str:
    r"""Plain text from the few LaTeX constructs of the PLOVER manual's tables.

    >>> latex_to_text(r"only covers \textit{excluding} ``x''---y \plcat{ASSAULT} pro\_democracy")
    'only covers excluding “x”—y ASSAULT pro_democracy'
    """
    text = re.sub(r"(?<!\\)%.*", "", tex)
    text = re.sub(r"\\hyperref\[[^\]]*\]\{([^}]*)\}", r"\1", text)
    for _ in range(3):
        text = re.sub(
            r"\\(?:textit|emph|ti|txt|plcat|plcon|plmod|texttt|textbf|url)\{([^{}]*)\}", r"\1", text
        )
    text = text.replace("``", "“").replace("''", "”").replace("---", "—").replace("--", "–")
    text = re.sub(r"`([^`']*)'", r"‘\1’", text)
    text = text.replace(r"\ldots", "…").replace("$+$", "+").replace("$-$", "−")
    text = re.sub(r"\\([_&%$#])", r"\1", text)
    text = text.replace("~", " ")
    return " ".join(text.split())


@dataclass
class PloverType:
    name: str
    definition: str
    quad: int | None = None
    #: mode -> definitions (NGEC rows, in order)
    ngec_modes: dict[str, list[str]] = field(default_factory=dict)
    #: definitions on NGEC rows without a mode
    ngec_scope: list[str] = field(default_factory=list)
    #: extraction notes by mode ("" = rows without a mode)
    ngec_notes: dict[str, list[str]] = field(default_factory=dict)
    #: mode -> content in the manual's mode table
    manual_modes: dict[str, str] = field(default_factory=dict)
    #: modes commented out in the manual's table
    manual_dropped: set[str] = field(default_factory=set)

    @property
    def modes(self) -> list[str]:
        return sorted(set(self.ngec_modes) | set(self.manual_modes))


def read_ngec_codebook(path: Path) -> dict[str, PloverType]:
    types: dict[str, PloverType] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["event"].strip()
            mode = row["mode"].strip()
            event_def = " ".join(row["event_def"].split())
            mode_def = " ".join(row["mode_def"].split()).rstrip(";").strip()
            note = " ".join(row["extraction_notes"].split())
            ptype = types.setdefault(name, PloverType(name, event_def))
            if ptype.definition != event_def:
                raise ValueError(f"NGEC codebook: two definitions for {name}")
            if mode:
                defs = ptype.ngec_modes.setdefault(mode, [])
                if mode_def and mode_def not in defs:
                    defs.append(mode_def)
            elif mode_def and mode_def != event_def and mode_def not in ptype.ngec_scope:
                ptype.ngec_scope.append(mode_def)
            notes = ptype.ngec_notes.setdefault(mode, [])
            if note and note not in notes:
                notes.append(note)
    return types


_QUAD_NAMES: Final = {name.upper(): number for number, name in QUAD_CLASS_NAMES.items()}


def read_manual(path: Path, types: dict[str, PloverType]) -> tuple[list[str], dict[str, str]]:
    """Add quad classes and the mode tables of the manual's event chapters to ``types``;
    return the manual's event types in order and its contexts (name -> content)."""
    tex = path.read_text(encoding="utf-8")
    events_part = tex.split(r"\chapter{Event Categories}", 1)[1].split(r"\chapter{Contexts}", 1)[0]
    order: list[str] = []
    for section in re.split(r"^\\section\{", events_part, flags=re.MULTILINE)[1:]:
        name, _, body = section.partition("}")
        name = name.strip()
        order.append(name)
        ptype = types.get(name)
        if ptype is None:
            raise ValueError(f"PLOVER manual has event type {name} that NGEC lacks")
        quad = re.search(r"\\subsection\{Quad category: ([A-Z ]+)\}", body)
        if quad:
            ptype.quad = _QUAD_NAMES[quad.group(1).strip()]
        for tabular in re.findall(r"\\begin\{tabular\}\{[^\n]*\n(.*?)\\end\{tabular\}", body, re.S):
            last: str | None = None
            for raw in tabular.split("\\\\"):
                for line in raw.splitlines():
                    stripped = line.strip()
                    if stripped.startswith("%"):
                        dropped = stripped.lstrip("%").split("&", 1)[0].strip()
                        if dropped:
                            ptype.manual_dropped.add(dropped)
                cell = " ".join(
                    ln for ln in raw.splitlines() if not ln.strip().startswith("%")
                ).replace(r"\hline", "")
                if "&" not in cell:
                    continue
                mode, content = (c.strip() for c in cell.split("&", 1))
                if mode == "Name":
                    continue
                if not mode and last is not None:
                    ptype.manual_modes[last] += " " + latex_to_text(content)
                    continue
                last = mode
                ptype.manual_modes[mode] = latex_to_text(content)
    contexts_part = tex.split(r"\label{tab:general-contexts}", 1)[1]
    contexts_table = contexts_part.split(r"\end{longtable}", 1)[0]
    contexts: dict[str, str] = {}
    for raw in contexts_table.split("\\\\"):
        cell = " ".join(ln for ln in raw.splitlines() if not ln.strip().startswith("%"))
        cell = cell.replace(r"\hline", "").replace(r"\endhead", "").replace(r"\endfoot", "")
        cell = cell.replace(r"\endlastfoot", "")
        if "&" not in cell or "multicolumn" in cell:
            continue
        name, content = (latex_to_text(c) for c in cell.split("&", 1))
        if name == "Name":
            continue
        contexts[name] = content
    return order, contexts


@dataclass(frozen=True)
class MappingLine:
    line: int
    code: str
    event: str
    mode: str
    contexts: tuple[str, ...]
    comment: str

    @property
    def is_root_header(self) -> bool:
        return len(self.code) == 2


_MAPPING_LINE: Final = re.compile(
    r"^(?P<code>\d{2,4}):\s*(?P<body>[^#]*?)\s*(?:#\s*(?P<comment>.*))?$"
)


def read_cameo2plover(path: Path) -> list[MappingLine]:
    """``CAMEO2PLOVER-2021.txt``: ``<code>: EVENT, mode, context[; context] # comment`` lines,
    and ``<root>: EVENT`` headers for the two-digit roots."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _MAPPING_LINE.match(line.strip())
        if match is None:
            continue
        fields = [f.strip() for f in match["body"].split(",")]
        fields += [""] * (3 - len(fields))
        contexts = tuple(c.strip() for c in fields[2].split(";") if c.strip())
        out.append(
            MappingLine(
                number,
                match["code"],
                fields[0],
                fields[1],
                contexts,
                (match["comment"] or "").strip(),
            )
        )
    return out


def read_plover_2017_types(path: Path) -> list[str]:
    """Event types of the 2017 PLOVER summary (for reporting only: superseded by 2021)."""
    html = path.read_text(encoding="utf-8")
    return re.findall(r'<h2 id="([A-Z]+)">', html)


def plover_iri(event: str, mode: str = "") -> str:
    return PLOVER_NS + (f"{event}-{mode}" if mode else event)


def context_iri(name: str) -> str:
    return CONTEXT_NS + name


@dataclass
class CodeMapping:
    code: str
    target: str  # IRI
    property: str  # IRI
    contexts: tuple[str, ...]


@dataclass
class PloverData:
    types: dict[str, PloverType]
    contexts: dict[str, str]
    type_resources: list[Resource]
    context_resources: list[Resource]
    mapping_resources: list[Resource]
    schemes: list[Resource]
    mappings: list[CodeMapping]
    notes: list[str]


def resolve_mappings(
    lines: Sequence[MappingLine],
    types: Mapping[str, PloverType],
    contexts: Mapping[str, str],
    cameo_codes: set[str],
) -> tuple[list[CodeMapping], list[str]]:
    """Resolve ``CAMEO2PLOVER`` lines to SKOS mapping links, with notes on what was skipped.

    The file says which PLOVER type (and mode) a CAMEO code becomes, never how close the two
    are, so no ``skos:exactMatch``. The property follows from the shape of the mapping:

    * ``skos:broadMatch`` when the PLOVER concept receives two or more CAMEO codes (it is a
      coarser concept: ``cameo:111 skos:broadMatch plover:ACCUSE-disapprove``) or, for root
      headers, when the PLOVER type is the target of several roots (09, 11 -> ACCUSE);
    * ``skos:narrowMatch`` when one CAMEO root is split over several PLOVER types (08 ->
      CONCEDE, RETREAT);
    * ``skos:closeMatch`` otherwise (one CAMEO code for one PLOVER concept).

    Contexts become ``skos:relatedMatch`` links to ``plover-context`` concepts.
    """
    notes: list[str] = []
    seen: dict[str, MappingLine] = {}
    resolved: list[MappingLine] = []
    for ml in lines:
        if ml.code not in cameo_codes:
            notes.append(f"line {ml.line}: {ml.code} is not a CAMEO code in any table; skipped")
            continue
        if ml.event not in types:
            notes.append(f"line {ml.line}: {ml.event} is not a PLOVER type; skipped")
            continue
        key = f"{ml.code}:{ml.event}" if ml.is_root_header else ml.code
        if key in seen:
            prev = seen[key]
            if (prev.event, prev.mode, prev.contexts) == (ml.event, ml.mode, ml.contexts):
                notes.append(f"line {ml.line}: {ml.code} repeats line {prev.line}; ignored")
            else:
                notes.append(
                    f"line {ml.line}: {ml.code} contradicts line {prev.line}; first one kept"
                )
            continue
        seen[key] = ml
        mode = ml.mode.strip()
        ctx = list(ml.contexts)
        if mode and mode not in types[ml.event].modes:
            if mode in contexts:
                notes.append(
                    f"line {ml.line}: {ml.code} has context {mode!r} in the mode column; "
                    f"treated as a context, mapped to {ml.event}"
                )
                ctx.insert(0, mode)
            else:
                notes.append(
                    f"line {ml.line}: {ml.code} mode {mode!r} is not a mode of {ml.event} "
                    f"(comment: {ml.comment!r}); mapped to the type"
                )
            mode = ""
        good_ctx = []
        for c in ctx:
            if c in contexts:
                good_ctx.append(c)
            else:
                notes.append(f"line {ml.line}: {ml.code} context {c!r} is not a PLOVER context")
        resolved.append(MappingLine(ml.line, ml.code, ml.event, mode, tuple(good_ctx), ml.comment))

    fan_in: Counter[str] = Counter()
    root_fan_in: Counter[str] = Counter()
    root_fan_out: Counter[str] = Counter()
    for ml in resolved:
        if ml.is_root_header:
            root_fan_in[ml.event] += 1
            root_fan_out[ml.code] += 1
        else:
            fan_in[plover_iri(ml.event, ml.mode)] += 1
    mappings = []
    for ml in resolved:
        target = plover_iri(ml.event, ml.mode)
        if ml.is_root_header:
            if root_fan_out[ml.code] > 1:
                prop = SKOS + "narrowMatch"
            elif root_fan_in[ml.event] > 1:
                prop = SKOS + "broadMatch"
            else:
                prop = SKOS + "closeMatch"
        else:
            prop = SKOS + ("broadMatch" if fan_in[target] > 1 else "closeMatch")
        mappings.append(CodeMapping(ml.code, target, prop, ml.contexts))
    mapped = {m.code for m in mappings}
    unmapped = sorted(cameo_codes - mapped)
    notes.append(f"CAMEO codes without a PLOVER mapping ({len(unmapped)}): {', '.join(unmapped)}")
    return mappings, notes


def build_plover(cameo_codes: set[str]) -> PloverData:
    types = read_ngec_codebook(NGEC_CODEBOOK.local)
    order, contexts = read_manual(PLOVER_MANUAL.local, types)
    notes: list[str] = []
    if sorted(order) != sorted(types):
        notes.append(f"manual types {sorted(order)} != NGEC types {sorted(types)}")
    legacy = [t for t in read_plover_2017_types(PLOVER_SUMMARY_2017.local) if t not in types]
    if legacy:
        notes.append(
            "plover_reference.html (2017 summary) has types no longer in PLOVER 2021, "
            f"not included: {', '.join(legacy)}"
        )

    type_resources: list[Resource] = []
    for name in sorted(types):
        ptype = types[name]
        res = Resource(plover_iri(name))
        res.add(RDF + "type", Iri(SKOS + "Concept"))
        res.add(SKOS + "notation", Lit(name))
        res.add(SKOS + "prefLabel", en(name.capitalize()))
        res.add(SKOS + "definition", en(ptype.definition))
        if ptype.ngec_scope:
            res.add(SKOS + "scopeNote", en("Includes: " + "; ".join(ptype.ngec_scope) + "."))
        # extraction notes of rows without a mode, and those shared by every mode, go on the
        # type; the others on their mode
        mode_notes = [set(v) for m, v in ptype.ngec_notes.items() if m]
        shared = set.intersection(*mode_notes) if mode_notes else set()
        for note in sorted(shared | set(ptype.ngec_notes.get("", []))):
            res.add(SKOS + "scopeNote", en(note))
        res.add(SKOS + "inScheme", Iri(PLOVER_SCHEME))
        res.add(SKOS + "topConceptOf", Iri(PLOVER_SCHEME))
        for mode in ptype.modes:
            res.add(SKOS + "narrower", Iri(plover_iri(name, mode)))
        if ptype.quad is not None:
            res.add(DKG + "quadClass", integer_lit(ptype.quad))
        type_resources.append(res)
        for mode in ptype.modes:
            mres = Resource(plover_iri(name, mode))
            mres.add(RDF + "type", Iri(SKOS + "Concept"))
            mres.add(SKOS + "notation", Lit(f"{name}-{mode}"))
            mres.add(SKOS + "prefLabel", en(f"{name.capitalize()}: {mode}"))
            ngec = ptype.ngec_modes.get(mode)
            manual = ptype.manual_modes.get(mode)
            if ngec:
                mres.add(SKOS + "definition", en("; ".join(ngec)))
                if manual:
                    mres.add(SKOS + "scopeNote", en(f"PLOVER manual (2021): {manual}"))
                else:
                    why = "commented out of" if mode in ptype.manual_dropped else "not listed in"
                    mres.add(
                        SKOS + "editorialNote",
                        en(
                            f"From the NGEC codebook; {why} the {name} mode table of the "
                            "PLOVER manual (2021)."
                        ),
                    )
            elif manual:
                mres.add(SKOS + "definition", en(manual))
                mres.add(
                    SKOS + "editorialNote",
                    en("From the PLOVER manual (2021); not in the NGEC codebook."),
                )
            for note in ptype.ngec_notes.get(mode, []):
                if note not in shared:
                    mres.add(SKOS + "scopeNote", en(note))
            mres.add(SKOS + "inScheme", Iri(PLOVER_SCHEME))
            mres.add(SKOS + "broader", Iri(plover_iri(name)))
            type_resources.append(mres)

    context_resources = []
    for name in sorted(contexts):
        res = Resource(context_iri(name))
        res.add(RDF + "type", Iri(SKOS + "Concept"))
        res.add(SKOS + "notation", Lit(name))
        res.add(SKOS + "prefLabel", en(name.replace("_", " ")))
        res.add(SKOS + "definition", en(contexts[name]))
        res.add(SKOS + "inScheme", Iri(CONTEXT_SCHEME))
        res.add(SKOS + "topConceptOf", Iri(CONTEXT_SCHEME))
        context_resources.append(res)

    mappings, mapping_notes = resolve_mappings(
        read_cameo2plover(CAMEO2PLOVER.local), types, contexts, cameo_codes
    )
    notes.extend(mapping_notes)
    by_code: dict[str, Resource] = {}
    for m in mappings:
        res = by_code.setdefault(m.code, Resource(cameo_iri(m.code)))
        res.add(m.property, Iri(m.target))
        for c in m.contexts:
            res.add(SKOS + "relatedMatch", Iri(context_iri(c)))
    mapping_resources = [by_code[c] for c in sorted(by_code)]

    plover = Resource(PLOVER_SCHEME)
    plover.add(RDF + "type", Iri(SKOS + "ConceptScheme"))
    plover.add(SKOS + "prefLabel", en("PLOVER event types and modes"))
    plover.add(RDFS + "label", en("PLOVER event types and modes"))
    plover.add(
        DCTERMS + "description",
        en(
            "The 16 PLOVER (Political Language Ontology for Verifiable Event Records) event "
            "types, each with its modes as narrower concepts named TYPE-mode. Definitions "
            "from the NGEC structured codebook; modes are the union of the NGEC codebook and "
            "the mode tables of the PLOVER manual (2021), each marked where only one source "
            "has it. dkg:quadClass is the manual's quad category."
        ),
    )
    for src in (NGEC_CODEBOOK, PLOVER_MANUAL):
        plover.add(DCTERMS + "source", Iri(src.url))
    plover.add(DCTERMS + "license", Iri(CC_BY_SA_4))
    plover.add(
        DCTERMS + "rights",
        en(
            "PLOVER manual (openeventdata/PLOVER): CC BY-SA 4.0; NGEC codebook "
            "(ahalterman/NGEC-2025): licence not stated."
        ),
    )
    for name in sorted(types):
        plover.add(SKOS + "hasTopConcept", Iri(plover_iri(name)))

    ctx_scheme = Resource(CONTEXT_SCHEME)
    ctx_scheme.add(RDF + "type", Iri(SKOS + "ConceptScheme"))
    ctx_scheme.add(SKOS + "prefLabel", en("PLOVER contexts"))
    ctx_scheme.add(RDFS + "label", en("PLOVER contexts"))
    ctx_scheme.add(
        DCTERMS + "description",
        en("The general contexts of the PLOVER manual (2021), table 'General contexts'."),
    )
    ctx_scheme.add(DCTERMS + "source", Iri(PLOVER_MANUAL.url))
    ctx_scheme.add(DCTERMS + "license", Iri(CC_BY_SA_4))
    for name in sorted(contexts):
        ctx_scheme.add(SKOS + "hasTopConcept", Iri(context_iri(name)))

    return PloverData(
        types,
        contexts,
        type_resources,
        context_resources,
        mapping_resources,
        [plover, ctx_scheme],
        mappings,
        notes,
    )


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------

_COMMON_PREFIXES: Final = [
    ("scheme", BASE + "scheme/"),
    ("dcterms", DCTERMS),
    ("dkg", DKG),
    ("rdfs", RDFS),
    ("skos", SKOS),
    ("xsd", XSD),
]


def _source_lines(sources: Iterable[Source]) -> list[str]:
    return [f"  - {s.local.name}: {s.citation}" for s in sources]


def cameo_ttl(cameo: CameoData, actors: ActorData) -> str:
    turtle = Turtle(
        [("cameo", CAMEO_NS), ("cameoactor", ACTOR_NS), *_COMMON_PREFIXES],
    )
    repairs = [
        f"  - {r.code} (line {r.line}, {r.kind}): {r.gdelt!r} -> {r.repaired!r}"
        for r in cameo.repair.repairs
    ]
    header = comment_block(
        [
            "CAMEO event codes and CAMEO actor codes as SKOS concept schemes.",
            "Generated by scripts/gen_schemes.py from data/third_party/ -- do not edit by hand.",
            "",
            "Sources (repository @ commit : path, licence):",
            *_source_lines(CAMEO_SOURCES),
            "",
            "Conventions:",
            "  - IRIs: cameo:<code> with the code exactly as in the codebook (leading zeros kept);",
            "    cameoactor:<CODE>.",
            "  - skos:notation is a plain string literal (the code).",
            "  - dkg:goldstein (xsd:decimal): GDELT's CAMEO.goldsteinscale.txt; icews-pkg where",
            "    GDELT has none. dkg:quadClass (xsd:integer): GDELT's QuadClass by root code,",
            "    1 Verbal Cooperation 01-05, 2 Material Cooperation 06-09,",
            "    3 Verbal Conflict 10-14, 4 Material Conflict 15-20.",
            "  - skos:hiddenLabel keeps GDELT's original wording where the label differs from it.",
            "",
            "Defects of GDELT's CAMEO.eventcodes.txt repaired here:",
            *repairs,
        ]
    )
    sections = [
        ("Scheme: CAMEO event codes", [cameo.scheme]),
        (f"CAMEO event codes ({len(cameo.concepts)})", cameo.concepts),
        ("Scheme: CAMEO actor codes", [actors.scheme, *actors.collections]),
        (f"CAMEO actor codes ({len(actors.concepts)})", actors.concepts),
    ]
    return render(turtle, header, sections)


def plover_ttl(plover: PloverData) -> str:
    turtle = Turtle(
        [
            ("cameo", CAMEO_NS),
            ("plover", PLOVER_NS),
            ("plovercontext", CONTEXT_NS),
            *_COMMON_PREFIXES,
        ],
    )
    n_modes = sum(len(t.modes) for t in plover.types.values())
    header = comment_block(
        [
            "PLOVER event types, modes and contexts as SKOS concept schemes, and the",
            "CAMEO -> PLOVER mapping (CAMEO2PLOVER-2021.txt) as SKOS mapping properties.",
            "Generated by scripts/gen_schemes.py from data/third_party/ -- do not edit by hand.",
            "",
            "Sources (repository @ commit : path, licence):",
            *_source_lines(PLOVER_SOURCES),
            "",
            "Licence of this file: it contains text adapted from the PLOVER manual and the",
            "CAMEO2PLOVER table, which are CC BY-SA 4.0 (share-alike), so this file is",
            "CC BY-SA 4.0 as well: https://creativecommons.org/licenses/by-sa/4.0/",
            "",
            f"Contents: {len(plover.types)} event types, {n_modes} modes, "
            f"{len(plover.contexts)} contexts, mappings for {len(plover.mapping_resources)} "
            "CAMEO codes.",
            "Mapping properties (the table names a target, not a degree of match):",
            "  skos:broadMatch   the PLOVER concept receives several CAMEO codes, or the PLOVER",
            "                    type receives several CAMEO roots;",
            "  skos:narrowMatch  one CAMEO root is split over several PLOVER types (08);",
            "  skos:closeMatch   one CAMEO code for one PLOVER concept;",
            "  skos:relatedMatch the PLOVER context(s) the table gives for the code.",
        ]
    )
    sections = [
        ("Schemes: PLOVER event types and modes; PLOVER contexts", plover.schemes),
        ("PLOVER event types and modes", plover.type_resources),
        ("PLOVER contexts", plover.context_resources),
        ("CAMEO -> PLOVER mapping (CAMEO2PLOVER-2021.txt)", plover.mapping_resources),
    ]
    return render(turtle, header, sections)


@dataclass
class Generated:
    files: dict[str, str]
    cameo: CameoData
    actors: ActorData
    plover: PloverData


def generate() -> Generated:
    cameo = build_cameo_events()
    actors = build_cameo_actors()
    plover = build_plover(set(cameo.codes))
    files = {"cameo.ttl": cameo_ttl(cameo, actors), "plover.ttl": plover_ttl(plover)}
    return Generated(files, cameo, actors, plover)


def report(gen: Generated) -> str:
    cameo, actors, plover = gen.cameo, gen.actors, gen.plover
    by_len = Counter(len(c) for c in cameo.codes)
    n_modes = sum(len(t.modes) for t in plover.types.values())
    props = Counter(m.property.rsplit("#", 1)[1] for m in plover.mappings)
    lines = [
        f"cameo: {len(cameo.codes)} event codes ({by_len[2]} roots, {by_len[3]} three-digit, "
        f"{by_len[4]} four-digit); {len(actors.concepts)} actor codes "
        + ", ".join(f"{k} {v}" for k, v in actors.counts.items()),
        f"plover: {len(plover.types)} types, {n_modes} modes, {len(plover.contexts)} contexts; "
        f"{len(plover.mapping_resources)} CAMEO codes mapped ("
        + ", ".join(f"{k} {v}" for k, v in sorted(props.items()))
        + ")",
        "",
        "Repairs of GDELT's CAMEO.eventcodes.txt:",
        *(f"  {r.describe()}" for r in cameo.repair.repairs),
        "",
        "Cross-check of GDELT / icews-pkg / judy2k:",
        *(f"  {f}" for f in cameo.findings),
        "",
        "CAMEO notes:",
        *(f"  {n}" for n in cameo.notes),
        "",
        "Actor-code notes:",
        *(f"  {n}" for n in actors.notes),
        "",
        "PLOVER notes:",
        *(f"  {n}" for n in plover.notes),
    ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR)
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if the files differ"
    )
    parser.add_argument("--quiet", action="store_true", help="do not print the report")
    args = parser.parse_args(argv)
    gen = generate()
    if not args.quiet:
        sys.stdout.write(report(gen))
    stale = []
    for name, text in gen.files.items():
        path = args.out_dir / name
        data = text.encode("utf-8")
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(str(path))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    if stale:
        sys.stderr.write("stale: " + ", ".join(stale) + " (run scripts/gen_schemes.py)\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
