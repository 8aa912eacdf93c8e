"""Daily actor-to-actor counts: the summary that makes "who condemns whom" fast at scale.

Per-event nodes keep the provenance; questions over a million of them ("the top 10 who
condemn whom", "the actor network of 2019") read a much smaller summary instead: one
observation per (dataset, day, class, source actor, target actor), in the style of the
RDF Data Cube vocabulary, counting the reactions of that class (or the attacks, by their
perpetrator) on that day::

    <id/aggregate/gdelt/…> a qb:Observation ; qb:dataSet <id/aggregate/gdelt> ;
        dkg:edgeClass dkg:Condemnation ; dcterms:date "2019-10-24"^^xsd:date ;
        dkg:sourceActor id:actor/RUS ; dkg:targetActor id:actor/UKR ;   # no target: none
        dkg:count 4 ; prov:wasDerivedFrom <id/dataset/gdelt> .

Each imported dataset's observations form one ``qb:DataSet`` (``<id/aggregate/gdelt>``)
whose ``qb:structure`` is the one data structure definition of the daily counts: dimensions
``dcterms:date``, ``dkg:edgeClass``, ``dkg:sourceActor``, ``dkg:targetActor``, measure
``dkg:count``. So the Data Cube integrity constraints IC-1 (an observation is in exactly one
data set) and IC-2 (a data set has exactly one structure) hold. An observation with no
target leaves that dimension out, which IC-11 (every dimension has a value) does not allow:
a no-target reaction (a ceasefire call) has no actor to put there.

:func:`refresh` recomputes the observations of the days marked ``dkg:pendingAggregation``
from the reaction and event nodes themselves, so re-importing never double counts; new
observations are bulk loaded, changed counts and the markers' removal are one SPARQL update
(a transaction). A crash between the two leaves the markers, and the next refresh redoes
those days. The named queries ``top-condemnations`` and ``actor-network`` read the
observations; :func:`actor_network` builds the networkx view of a year from them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from pyoxigraph import NamedNode, QuerySolutions, Store, Variable

from kg.importers.nquads import ATTACK_CLASSES, QuadWriter, dataset_iri
from kg.importers.records import Dataset, Kind
from kg.rdf import REACTION_CLASSES
from kg.results import Term
from kg.store import KGStore
from kg.vocab import ACTOR, DCTERMS, DKG, ID, OX, PROV, QB, RDF, RDFS, XSD, sparql_prefixes

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

__all__ = [
    "EDGE_NAMES",
    "STRUCTURE",
    "Key",
    "RefreshStats",
    "actor_network",
    "cube_iri",
    "edge_key",
    "pending_days",
    "pending_quad",
    "refresh",
    "structure_quads",
]

#: The name of each counted class, as in the json view ("condemns") or the attack kinds.
EDGE_NAMES: Final[dict[str, str]] = {
    **{cls.value: kind.value for kind, cls in REACTION_CLASSES.items()},
    **{cls: kind.value for kind, cls in ATTACK_CLASSES.items()},
}
#: Above this many days, a refresh recomputes every day of the dataset in one query.
_DAY_FILTER_LIMIT = 64
_COUNT: Final = "<" + str(DKG["count"]) + ">"  # DKG.count would be str.count
_OBSERVATION: Final = OX.QB.Observation
_PREFIXES = sparql_prefixes("dkg", "prov", "dcterms", "rdf", "xsd")


@dataclass(frozen=True)
class RefreshStats:
    """What a refresh did: days recomputed, observations added, changed and removed."""

    days: int = 0
    added: int = 0
    changed: int = 0
    removed: int = 0


def pending_quad(writer: QuadWriter, day: dt.date) -> str:
    """The marker a chunk writes for a day whose aggregates must be recomputed."""
    return writer.quad(
        writer.dataset_node, f"<{DKG.pendingAggregation}>", f'"{day.isoformat()}"^^<{XSD.date}>'
    )


def _graph(graph: str, body: str) -> str:
    return f"GRAPH <{graph}> {{ {body} }}" if graph else body


def pending_days(store: KGStore, dataset: Dataset | str, graph: str | None = None) -> list[dt.date]:
    """The days marked for recomputation (``dkg:pendingAggregation``) in ``graph`` (by
    default the store's ``import_graph``)."""
    graph = store.import_graph if graph is None else graph
    query = (
        f"{_PREFIXES}\nSELECT ?day WHERE {{ "
        + _graph(graph, f"<{dataset_iri(dataset)}> dkg:pendingAggregation ?day")
        + " }"
    )
    return sorted({_day(row["day"]) for row in store.rows(query)})


def _day(term: object) -> dt.date:
    # An endpoint may add a time zone to a date ("2019-10-24Z"): the day is what counts.
    return dt.date.fromisoformat(_value(term)[:10])


def _value(term: object) -> str:
    return str(getattr(term, "value", ""))


def _day_filter(days: list[dt.date] | None) -> str:
    if days is None:
        return ""
    values = " ".join(f'"{d.isoformat()}"^^xsd:date' for d in days)
    return f"VALUES ?day {{ {values} }}"


Key = tuple[str, str, str | None, str]  # class, source, target, day


def _counts(
    store: KGStore, graph: str, dataset: Dataset, days: list[dt.date] | None
) -> dict[Key, int]:
    reactions = " ".join(f"<{c.value}>" for c in REACTION_CLASSES.values())
    attacks = " ".join(f"<{c}>" for c in ATTACK_CLASSES.values())
    body = f"""
        {{
          VALUES ?class {{ {reactions} }}
          ?item a ?class ; dkg:agent ?source ; prov:wasDerivedFrom ?event .
          OPTIONAL {{ ?item dkg:target ?target }}
        }} UNION {{
          VALUES ?class {{ {attacks} }}
          ?event a ?class ; dkg:sourceActor ?source .
          OPTIONAL {{ ?event dkg:targetActor ?target }}
          BIND(?event AS ?item)
        }}
        ?event dkg:occurredOn ?day .
        FILTER EXISTS {{ ?event prov:wasDerivedFrom <{dataset_iri(dataset)}> }}"""
    query = f"""{_PREFIXES}
        SELECT ?class ?source ?target ?day (COUNT(?item) AS ?n) WHERE {{
          {_day_filter(days)}
          {_graph(graph, body)}
        }} GROUP BY ?class ?source ?target ?day"""
    counts: dict[Key, int] = {}
    for row in store.rows(query):
        key = _key(row)
        counts[key] = int(_value(row["n"]))
    return counts


def _observations(
    store: KGStore, graph: str, dataset: Dataset, days: list[dt.date] | None
) -> dict[Key, tuple[str, int]]:
    body = f"""
        ?obs a <{QB}Observation> ; dkg:edgeClass ?class ; dkg:sourceActor ?source ;
             dcterms:date ?day ; dkg:count ?n .
        OPTIONAL {{ ?obs dkg:targetActor ?target }}
        FILTER EXISTS {{ ?obs prov:wasDerivedFrom <{dataset_iri(dataset)}> }}"""
    query = f"""{_PREFIXES}
        SELECT ?obs ?class ?source ?target ?day ?n WHERE {{
          {_day_filter(days)}
          {_graph(graph, body)}
        }}"""
    found: dict[Key, tuple[str, int]] = {}
    for row in store.rows(query):
        key = _key(row)
        found[key] = (_value(row["obs"]), int(_value(row["n"])))
    return found


def _key(row: Mapping[str, Term | None]) -> Key:
    target = row["target"]
    return (
        _value(row["class"]),
        _value(row["source"]),
        _value(target) if target is not None else None,
        _day(row["day"]).isoformat(),
    )


def observation_iri(dataset: Dataset, key: Key) -> str:
    """The IRI of the observation of a (class, source, target, day) key."""
    digest = hashlib.blake2b("\x1f".join(k or "" for k in key).encode(), digest_size=8)
    return f"{ID}aggregate/{dataset.value}/{digest.hexdigest()}"


def cube_iri(dataset: Dataset) -> str:
    """The qb:DataSet holding a dataset's daily observations.

    >>> cube_iri(Dataset("gdelt"))
    'https://w3id.org/diplomatic-kg/id/aggregate/gdelt'
    """
    return f"{ID}aggregate/{dataset.value}"


#: The data structure definition of the daily counts, shared by every dataset's cube.
STRUCTURE: Final = f"{ID}aggregate/structure/daily-edge-counts"
_COMPONENTS: Final = (  # (name, qb:dimension or qb:measure, property), in qb:order
    ("day", "dimension", str(DCTERMS.date)),
    ("class", "dimension", str(DKG.edgeClass)),
    ("source", "dimension", str(DKG.sourceActor)),
    ("target", "dimension", str(DKG.targetActor)),
    ("count", "measure", str(DKG["count"])),
)


def structure_quads(writer: QuadWriter) -> list[str]:
    """The dataset's cube (qb:DataSet) and the structure it follows, with its components.

    Deterministic IRIs: loading these again adds nothing.
    """
    q, cube, dsd = writer.quad, f"<{cube_iri(writer.dataset)}>", f"<{STRUCTURE}>"
    label = f'"Daily actor-to-actor counts of {writer.dataset.value}"@en'
    lines = [
        q(cube, f"<{RDF.type}>", f"<{QB}DataSet>"),
        q(cube, f"<{QB}structure>", dsd),
        q(cube, f"<{RDFS.label}>", label),
        q(cube, f"<{PROV.wasDerivedFrom}>", writer.dataset_node),
        q(dsd, f"<{RDF.type}>", f"<{QB}DataStructureDefinition>"),
    ]
    for order, (name, role, prop) in enumerate(_COMPONENTS, start=1):
        spec = f"<{STRUCTURE}/{name}>"
        lines += [
            q(dsd, f"<{QB}component>", spec),
            q(spec, f"<{RDF.type}>", f"<{QB}ComponentSpecification>"),
            q(spec, f"<{QB}{role}>", f"<{prop}>"),
            q(spec, f"<{QB}order>", f'"{order}"^^<{XSD.integer}>'),
        ]
    return lines


def _observation_quads(writer: QuadWriter, key: Key, count: int) -> list[str]:
    cls, source, target, day = key
    node = f"<{observation_iri(writer.dataset, key)}>"
    q = writer.quad
    lines = [
        q(node, f"<{RDF.type}>", f"<{QB}Observation>"),
        q(node, f"<{QB}dataSet>", f"<{cube_iri(writer.dataset)}>"),
        q(node, f"<{DKG.edgeClass}>", f"<{cls}>"),
        q(node, f"<{DKG.sourceActor}>", f"<{source}>"),
        q(node, f"<{DCTERMS.date}>", f'"{day}"^^<{XSD.date}>'),
        q(node, _COUNT, f'"{count}"^^<{XSD.integer}>'),
        q(node, f"<{PROV.wasDerivedFrom}>", writer.dataset_node),
    ]
    if target is not None:
        lines.append(q(node, f"<{DKG.targetActor}>", f"<{target}>"))
    return lines


def refresh(
    store: KGStore,
    dataset: Dataset | str,
    *,
    graph: str | None = None,
    deltas: Mapping[Key, int] | None = None,
    stale: Collection[dt.date] = (),
) -> RefreshStats:
    """Bring a dataset's observations up to date and clear its pending markers.

    ``deltas`` are the counts an import run added, by (class, source, target, day) key:
    they are added to the stored counts. Every pending day they do not explain, and every
    ``stale`` day (pending before the run began: a killed run's), is recomputed from the
    reaction and event nodes instead. Without deltas, every pending day is recomputed.
    ``graph`` is where the dataset was imported (by default the store's ``import_graph``).

    Raises
    ------
    ReadOnlyStoreError
        The store is read-only.
    """
    graph = store.import_graph if graph is None else graph
    dataset = Dataset(dataset)
    deltas = deltas or {}
    pending = set(pending_days(store, dataset, graph))
    if not pending and not deltas:
        return RefreshStats()
    delta_days = {dt.date.fromisoformat(key[3]) for key in deltas}
    recompute = (pending - delta_days) | (set(stale) & pending)
    recompute_days = {day.isoformat() for day in recompute}
    truth: dict[Key, int] = {}
    if recompute:
        counted = _counts(store, graph, dataset, _filter(recompute))
        truth = {key: n for key, n in counted.items() if key[3] in recompute_days}
    touched = recompute | delta_days
    has_any = store.has_instance_from(_OBSERVATION, NamedNode(dataset_iri(dataset)))
    old = _observations(store, graph, dataset, _filter(touched)) if has_any else {}
    counts = {
        key: old.get(key, ("", 0))[1] + n
        for key, n in deltas.items()
        if key[3] not in recompute_days
    }
    counts.update(truth)
    writer = QuadWriter(dataset, graph=graph)
    added = [key for key in counts if key not in old]
    if added:
        lines = structure_quads(writer)
        lines += [line for key in added for line in _observation_quads(writer, key, counts[key])]
        store.bulk_load("".join(lines).encode("utf-8"))
    changed = [key for key in counts if key in old and old[key][1] != counts[key]]
    removed = [key for key in old if key[3] in recompute_days and key not in truth]
    markers = [pending_quad(writer, day) for day in sorted(pending)]
    delete: list[str] = []
    insert: list[str] = []
    for key in changed:
        node, count = old[key]
        delete.append(writer.quad(f"<{node}>", _COUNT, f'"{count}"^^<{XSD.integer}>'))
        insert.append(writer.quad(f"<{node}>", _COUNT, f'"{counts[key]}"^^<{XSD.integer}>'))
    for key in removed:
        node, count = old[key]
        delete.extend(_observation_quads(writer, key, count))
    _update(store, graph, delete, insert, markers)
    return RefreshStats(len(touched), len(added), len(changed), len(removed))


def _filter(days: Collection[dt.date]) -> list[dt.date] | None:
    """The days to filter a query on, or None (every day) when there are many."""
    return sorted(days) if len(days) <= _DAY_FILTER_LIMIT else None


def edge_key(cls: str, source: str, target: str | None, day: dt.date) -> Key:
    """The key of an observation: class IRI, source and target actor ids, day.

    >>> edge_key("https://w3id.org/diplomatic-kg/ontology#Blame", "RUS", None,
    ...          dt.date(2019, 1, 2))[1:]
    ('https://w3id.org/diplomatic-kg/id/actor/RUS', None, '2019-01-02')
    """
    return (cls, f"{ACTOR}{source}", f"{ACTOR}{target}" if target else None, day.isoformat())


def _update(
    store: KGStore, graph: str, delete: list[str], insert: list[str], markers: list[str]
) -> None:
    """DELETE DATA (``delete`` and the pending ``markers``) then INSERT DATA: one SPARQL
    update (one transaction) on the embedded store. An endpoint takes requests of at most
    ``max_update_triples``: the changed counts and removals first, the markers last, so
    that a failure part-way leaves the markers and the next run redoes their days.
    """

    def block(lines: list[str]) -> str:
        body = "".join(line.removesuffix(f" <{graph}> .\n").removesuffix(" .\n") + " .\n"
                       for line in lines)  # fmt: skip
        return f"GRAPH <{graph}> {{\n{body}}}" if graph else body

    def request(delete: list[str], insert: list[str]) -> None:
        parts = []
        if delete:
            parts.append(f"DELETE DATA {{ {block(delete)} }}")
        if insert:
            parts.append(f"INSERT DATA {{ {block(insert)} }}")
        if parts:
            store.update(" ;\n".join(parts))

    size = store.max_update_triples
    if size is None:
        request(markers + delete, insert)
        return
    half = max(1, size // 2)
    for start in range(0, max(len(delete), len(insert)), half):
        request(delete[start : start + half], insert[start : start + half])
    for start in range(0, len(markers), size):
        request(markers[start : start + size], [])


# --------------------------------------------------------------------------- reading


def edge_name(cls: str) -> str:
    """The name of a counted class: ``condemns``, ``blames``..., ``strike``, ``explosion``.

    >>> edge_name("https://w3id.org/diplomatic-kg/ontology#Condemnation")
    'condemns'
    """
    return EDGE_NAMES.get(cls, Kind.OTHER.value)


def actor_network(
    store: Store,
    year: int,
    *,
    classes: Iterable[str] | None = None,
    domestic: bool = False,
) -> nx.MultiDiGraph:
    """The actor network of one year, from the aggregates of every dataset in ``store``
    (``KnowledgeGraph.actor_network`` does the same for any store, remote ones too).

    Nodes are actor codes (attributes ``label``); one edge per (source, target, type), its
    key the type (``condemns``... as in ``kg.analysis.to_networkx``, or ``strike``), with
    ``weight`` the number of reactions or attacks that year. Counts without a target become
    the node attribute ``untargeted`` = ``{type: count}``.

    Datasets code actors by country, so a government condemning its own opposition is
    Armenia condemning Armenia. Such domestic counts become the node attribute
    ``domestic`` = ``{type: count}`` rather than self-loops, which would inflate degrees
    and PageRank in an international network; ``domestic=True`` keeps them as self-loops.
    """
    from kg.queries import named_query

    query = named_query("actor-network")
    # The query's date span, bound to the year: only that year's days are summed.
    bound = query.bind({"since": f"{year:04d}-01-01", "until": f"{year:04d}-12-31"})
    answer = store.query(
        query.sparql,
        substitutions={Variable(name): term for name, term in bound.items()},
        use_default_graph_as_union=True,
    )
    assert isinstance(answer, QuerySolutions)
    columns = [v.value for v in answer.variables]
    rows = ({c: row[c] for c in columns} for row in answer)
    return network_of_year(rows, year, classes=classes, domestic=domestic)


def network_of_year(
    rows: Iterable[Mapping[str, object]],
    year: int,
    *,
    classes: Iterable[str] | None = None,
    domestic: bool = False,
) -> nx.MultiDiGraph:
    """The network of ``actor_network`` from the rows of the ``actor-network`` query
    (RDF terms by column name).

    >>> from pyoxigraph import Literal
    >>> row = {"year": Literal("2019"), "class": OX.DKG.Condemnation,
    ...        "source": OX.ACTOR["ARM"], "source_label": Literal("Armenia"),
    ...        "target": OX.ACTOR["ARM"], "target_label": Literal("Armenia"),
    ...        "count": Literal("3")}
    >>> G = network_of_year([row], 2019)
    >>> G.number_of_edges(), G.nodes["ARM"]["domestic"]
    (0, {'condemns': 3})
    """
    import networkx as nx

    wanted = set(classes) if classes is not None else None
    graph = nx.MultiDiGraph(year=year)
    for row in rows:
        cls = _value(row["class"])
        if _value(row["year"]) != str(year) or (wanted is not None and cls not in wanted):
            continue
        name = edge_name(cls)
        source = _code(row["source"])
        graph.add_node(source, label=_value(row["source_label"]) or source)
        count = int(_value(row["count"]))
        target = row.get("target")
        if target is None:
            untargeted = graph.nodes[source].setdefault("untargeted", {})
            untargeted[name] = untargeted.get(name, 0) + count
            continue
        code = _code(target)
        if code == source and not domestic:
            within = graph.nodes[source].setdefault("domestic", {})
            within[name] = within.get(name, 0) + count
            continue
        graph.add_node(code, label=_value(row.get("target_label")) or code)
        graph.add_edge(source, code, key=name, type=name, weight=count)
    return graph


def _code(term: object) -> str:
    return _value(term).rsplit("/", 1)[-1]
