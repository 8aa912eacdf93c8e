"""The input files of the schemes, with their provenance, and the IRIs the schemes use.

Namespaces come from ``kg.vocab`` (spelled there once); the scheme IRIs are those
namespaces without their trailing slash.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

from pyoxigraph import NamedNode

from kg.vocab import BASE, CAMEO, CAMEO_ACTOR, DCTERMS, DKG, PLOVER, RDFS, SKOS, XSD, NodeNamespace

ROOT: Final = Path(__file__).resolve().parents[2]
CAMEO_DIR: Final = ROOT / "data" / "third_party" / "cameo_lookups"
PLOVER_DIR: Final = ROOT / "data" / "third_party" / "plover"
DEFAULT_OUT_DIR: Final = ROOT / "ontology"

SCHEMES: Final = BASE + "scheme/"
CAMEO_SCHEME: Final = NamedNode(str(CAMEO).rstrip("/"))
ACTOR_SCHEME: Final = NamedNode(str(CAMEO_ACTOR).rstrip("/"))
PLOVER_SCHEME: Final = NamedNode(str(PLOVER).rstrip("/"))
CONTEXT_SCHEME: Final = NamedNode(SCHEMES + "plover-context")
#: The PLOVER contexts: ``CONTEXT["protest"]``.
CONTEXT: Final = NodeNamespace(CONTEXT_SCHEME.value + "/")

#: The prefixes of the generated files (each file adds those of its own schemes).
COMMON_PREFIXES: Final = {
    "scheme": SCHEMES,
    "dcterms": str(DCTERMS),
    "dkg": str(DKG),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "xsd": str(XSD),
}

CC_BY_SA_4: Final = NamedNode("https://creativecommons.org/licenses/by-sa/4.0/")

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
