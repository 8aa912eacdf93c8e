"""Helpers of the importer tests (``tests/test_import_*.py``): import into a real on-disk
store, count what it holds, and count the sample files independently with plain ``csv``."""

from __future__ import annotations

import csv
import random
from collections import Counter
from pathlib import Path
from typing import Any

from pyoxigraph import QuerySolutions, Store

from kg import KnowledgeGraph
from kg.actors import ActorRegistry
from kg.importers import ImportReport, import_files
from kg.model import ActorKind

DATA = Path(__file__).parent / "data" / "import"
GDELT2 = DATA / "gdelt2_20191024143000_head600.export.CSV"
GDELT1 = DATA / "gdelt1_sample_subset.tsv"
ICEWS = DATA / "icews_events.2018.sample_head800.tab"
PLOVER = DATA / "plover_gsr_cameo_subset.json"
ACLED = DATA / "acled_made_up.csv"

PREFIXES = """
PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX schema: <https://schema.org/>
"""
REACTION_CLASSES = {
    "Condemnation": "condemns",
    "Blame": "blames",
    "Support": "supports",
    "Solidarity": "expressesSolidarityWith",
    "Threat": "threatens",
    "CeasefireCall": "callsForCeasefire",
}
STATE_ORGANS = {"GOV", "MIL", "COP", "JUD", "SPY", "LEG"}


def resampled_gdelt(path: Path, n: int) -> Path:
    """N rows resampled from the real GDELT sample: new ids, days over 2019, an article
    per three rows."""
    rows = [row.split("\t") for row in GDELT2.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            fields = list(rng.choice(rows))
            fields[0] = str(500_000_000 + i)
            fields[1] = f"2019{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            fields[60] = f"{fields[60]}#a{i // 3}"
            f.write("\t".join(fields) + "\n")
    return path


def import_into(store: Path, dataset: str, files: list[Path], **options: Any) -> ImportReport:
    """Import files into the on-disk store at ``store`` (created if missing)."""
    with KnowledgeGraph.open(store) as kg:
        return import_files(kg, dataset, files, **options)


def select(store: Path, query: str) -> list[dict[str, str]]:
    """Rows of a SELECT over a closed store, values as strings."""
    answer = Store.read_only(str(store)).query(PREFIXES + query, use_default_graph_as_union=True)
    assert isinstance(answer, QuerySolutions)
    columns = [v.value for v in answer.variables]
    return [{c: row[c].value for c in columns if row[c] is not None} for row in answer]


def dataset(name: str) -> str:
    return f"<https://w3id.org/diplomatic-kg/id/dataset/{name}>"


def coded_events(store: Path, name: str) -> int:
    rows = select(
        store,
        "SELECT (COUNT(?e) AS ?n) WHERE { ?e a dkg:CodedEvent ; "
        f"prov:wasDerivedFrom {dataset(name)} }}",
    )
    return int(rows[0]["n"])


def reactions_by_type(store: Path, name: str) -> Counter[str]:
    rows = select(
        store,
        f"""SELECT ?class (COUNT(?r) AS ?n) WHERE {{
              ?r a ?class ; prov:wasDerivedFrom ?e . ?e prov:wasDerivedFrom {dataset(name)} .
              ?class <http://www.w3.org/2000/01/rdf-schema#subClassOf> dkg:Reaction .
            }} GROUP BY ?class""",
    )
    return Counter({REACTION_CLASSES[r["class"].rsplit("#", 1)[1]]: int(r["n"]) for r in rows})


def actors(store: Path, name: str) -> set[str]:
    rows = select(
        store,
        f"""SELECT DISTINCT ?a WHERE {{
              ?e prov:wasDerivedFrom {dataset(name)} ; a dkg:CodedEvent .
              {{ ?e dkg:sourceActor ?a }} UNION {{ ?e dkg:targetActor ?a }} }}""",
    )
    return {r["a"].rsplit("/", 1)[1] for r in rows}


def quad_count(store: Path) -> int:
    return len(Store.read_only(str(store)))


# --------------------------------------------------------------------------- independent counts


def cameo_reaction(code: str) -> str | None:
    """The reaction type of a CAMEO code, written out again from the issue's table."""
    if code == "111":
        return "condemns"
    if code[:3] == "112":
        return "blames"
    if code[:2] == "05":
        return "supports"
    if code == "018":
        return "expressesSolidarityWith"
    if code[:2] == "13":
        return "threatens"
    if code in ("0256", "1056"):
        return "callsForCeasefire"
    return None


def _cameo_actor(country: str, group: str, types: list[str]) -> str | None:
    by_cameo = {a.cameo: a for a in ActorRegistry.default() if a.cameo}
    if group:
        actor = by_cameo.get(group)
        return actor.id if actor is not None and actor.kind is ActorKind.IGO else None
    actor = by_cameo.get(country)
    if actor is None or actor.kind is not ActorKind.STATE:
        return None
    return actor.id if all(t in STATE_ORGANS for t in types if t) else None


def independent_gdelt(path: Path) -> tuple[int, Counter[str], set[str]]:
    """Events (distinct signatures), reactions by type, actors: with csv, from scratch."""
    events: dict[tuple[str, ...], list[str]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            url = {61: row[-1], 58: row[-1]}.get(len(row), "")
            key = (row[1], row[5], row[15], row[26], url) if url else ("id", row[0])
            events.setdefault(key, row)
    reactions: Counter[str] = Counter()
    seen: set[str] = set()
    for row in events.values():
        source = _cameo_actor(row[7], row[8], row[12:15])
        target = _cameo_actor(row[17], row[18], row[22:25])
        seen.update(a for a in (source, target) if a)
        kind = cameo_reaction(row[26])
        if kind is not None and source is not None:
            reactions[kind] += 1
    return len(events), reactions, seen


# --------------------------------------------------------------------------- compressed copies


def gzipped(path: Path, folder: Path, name: str | None = None) -> Path:
    """A gzip copy of a fixture (named without .gz unless ``name`` says otherwise: the
    importers tell compression by content)."""
    import gzip

    out = folder / (name or f"{path.name}.gz")
    out.write_bytes(gzip.compress(path.read_bytes()))
    return out


def zipped(path: Path, folder: Path, name: str | None = None) -> Path:
    """A zip archive holding one fixture."""
    import zipfile

    out = folder / (name or f"{path.name}.zip")
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(path, arcname=path.name)
    return out
