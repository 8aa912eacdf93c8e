"""The PLOVER schemes (event types with their modes, and contexts) from the NGEC codebook
and the PLOVER manual, and the CAMEO -> PLOVER mapping of ``CAMEO2PLOVER-2021.txt`` as SKOS
mapping properties, as resources for ``writer``."""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from pyoxigraph import Literal, NamedNode

from kg.vocab import OX

from .cameo import cameo_iri
from .sources import (
    CAMEO2PLOVER,
    CC_BY_SA_4,
    CONTEXT,
    CONTEXT_SCHEME,
    NGEC_CODEBOOK,
    PLOVER_MANUAL,
    PLOVER_SCHEME,
    PLOVER_SUMMARY_2017,
    QUAD_CLASS_NAMES,
)
from .writer import Resource, concept_scheme, en, integer_lit

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


def plover_iri(event: str, mode: str = "") -> NamedNode:
    """The concept of a PLOVER event type, or of one of its modes.

    >>> plover_iri("ACCUSE", "disapprove").value
    'https://w3id.org/diplomatic-kg/scheme/plover/ACCUSE-disapprove'
    """
    return OX.PLOVER[f"{event}-{mode}" if mode else event]


def context_iri(name: str) -> NamedNode:
    return CONTEXT[name]


@dataclass
class CodeMapping:
    code: str
    target: NamedNode
    property: NamedNode
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

    fan_in: Counter[NamedNode] = Counter()
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
                prop = OX.SKOS.narrowMatch
            elif root_fan_in[ml.event] > 1:
                prop = OX.SKOS.broadMatch
            else:
                prop = OX.SKOS.closeMatch
        else:
            prop = OX.SKOS.broadMatch if fan_in[target] > 1 else OX.SKOS.closeMatch
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
        res.add(OX.RDF.type, OX.SKOS.Concept)
        res.add(OX.SKOS.notation, Literal(name))
        res.add(OX.SKOS.prefLabel, en(name.capitalize()))
        res.add(OX.SKOS.definition, en(ptype.definition))
        if ptype.ngec_scope:
            res.add(OX.SKOS.scopeNote, en("Includes: " + "; ".join(ptype.ngec_scope) + "."))
        # extraction notes of rows without a mode, and those shared by every mode, go on the
        # type; the others on their mode
        mode_notes = [set(v) for m, v in ptype.ngec_notes.items() if m]
        shared = set.intersection(*mode_notes) if mode_notes else set()
        for note in sorted(shared | set(ptype.ngec_notes.get("", []))):
            res.add(OX.SKOS.scopeNote, en(note))
        res.add(OX.SKOS.inScheme, PLOVER_SCHEME)
        res.add(OX.SKOS.topConceptOf, PLOVER_SCHEME)
        for mode in ptype.modes:
            res.add(OX.SKOS.narrower, plover_iri(name, mode))
        if ptype.quad is not None:
            res.add(OX.DKG.quadClass, integer_lit(ptype.quad))
        type_resources.append(res)
        for mode in ptype.modes:
            mres = Resource(plover_iri(name, mode))
            mres.add(OX.RDF.type, OX.SKOS.Concept)
            mres.add(OX.SKOS.notation, Literal(f"{name}-{mode}"))
            mres.add(OX.SKOS.prefLabel, en(f"{name.capitalize()}: {mode}"))
            ngec = ptype.ngec_modes.get(mode)
            manual = ptype.manual_modes.get(mode)
            if ngec:
                mres.add(OX.SKOS.definition, en("; ".join(ngec)))
                if manual:
                    mres.add(OX.SKOS.scopeNote, en(f"PLOVER manual (2021): {manual}"))
                else:
                    why = "commented out of" if mode in ptype.manual_dropped else "not listed in"
                    mres.add(
                        OX.SKOS.editorialNote,
                        en(
                            f"From the NGEC codebook; {why} the {name} mode table of the "
                            "PLOVER manual (2021)."
                        ),
                    )
            elif manual:
                mres.add(OX.SKOS.definition, en(manual))
                mres.add(
                    OX.SKOS.editorialNote,
                    en("From the PLOVER manual (2021); not in the NGEC codebook."),
                )
            for note in ptype.ngec_notes.get(mode, []):
                if note not in shared:
                    mres.add(OX.SKOS.scopeNote, en(note))
            mres.add(OX.SKOS.inScheme, PLOVER_SCHEME)
            mres.add(OX.SKOS.broader, plover_iri(name))
            type_resources.append(mres)

    context_resources = []
    for name in sorted(contexts):
        res = Resource(context_iri(name))
        res.add(OX.RDF.type, OX.SKOS.Concept)
        res.add(OX.SKOS.notation, Literal(name))
        res.add(OX.SKOS.prefLabel, en(name.replace("_", " ")))
        res.add(OX.SKOS.definition, en(contexts[name]))
        res.add(OX.SKOS.inScheme, CONTEXT_SCHEME)
        res.add(OX.SKOS.topConceptOf, CONTEXT_SCHEME)
        context_resources.append(res)

    mappings, mapping_notes = resolve_mappings(
        read_cameo2plover(CAMEO2PLOVER.local), types, contexts, cameo_codes
    )
    notes.extend(mapping_notes)
    by_code: dict[str, Resource] = {}
    for m in mappings:
        res = by_code.setdefault(m.code, Resource(cameo_iri(m.code)))
        res.add(m.property, m.target)
        for c in m.contexts:
            res.add(OX.SKOS.relatedMatch, context_iri(c))
    mapping_resources = [by_code[c] for c in sorted(by_code)]

    plover = concept_scheme(
        PLOVER_SCHEME,
        "PLOVER event types and modes",
        (
            "The 16 PLOVER (Political Language Ontology for Verifiable Event Records) event "
            "types, each with its modes as narrower concepts named TYPE-mode. Definitions "
            "from the NGEC structured codebook; modes are the union of the NGEC codebook and "
            "the mode tables of the PLOVER manual (2021), each marked where only one source "
            "has it. dkg:quadClass is the manual's quad category."
        ),
        (src.url for src in (NGEC_CODEBOOK, PLOVER_MANUAL)),
        (
            "PLOVER manual (openeventdata/PLOVER): CC BY-SA 4.0; NGEC codebook "
            "(ahalterman/NGEC-2025): licence not stated."
        ),
        licence=CC_BY_SA_4,
    )
    for name in sorted(types):
        plover.add(OX.SKOS.hasTopConcept, plover_iri(name))

    ctx_scheme = Resource(CONTEXT_SCHEME)
    ctx_scheme.add(OX.RDF.type, OX.SKOS.ConceptScheme)
    ctx_scheme.add(OX.SKOS.prefLabel, en("PLOVER contexts"))
    ctx_scheme.add(OX.RDFS.label, en("PLOVER contexts"))
    ctx_scheme.add(
        OX.DCTERMS.description,
        en("The general contexts of the PLOVER manual (2021), table 'General contexts'."),
    )
    ctx_scheme.add(OX.DCTERMS.source, NamedNode(PLOVER_MANUAL.url))
    ctx_scheme.add(OX.DCTERMS.license, CC_BY_SA_4)
    for name in sorted(contexts):
        ctx_scheme.add(OX.SKOS.hasTopConcept, context_iri(name))

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
