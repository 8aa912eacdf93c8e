"""The CAMEO tables and codebooks: reading them, comparing their labels, and detecting and
repairing the defects of GDELT's ``CAMEO.eventcodes.txt``.

GDELT's table has known defects: the DEMAND block carries labels from an older CAMEO
version (101, 105-108) and line 156 merges codes 1056 and 106. They are detected by
:func:`repair_gdelt_eventcodes` (comparing every label against the two codebooks) and
repaired; :func:`cross_check` reports every remaining disagreement between the three tables.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Final

from .writer import format_decimal

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

