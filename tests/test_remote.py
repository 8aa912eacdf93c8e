"""The remote store against a real Virtuoso: the same answers as the embedded store.

The session starts one Virtuoso (``tests/virtuoso.py``) on loopback and loads the seed
example and the real GDELT sample into it through our code (``add_annotation``,
``import_files``), as into an embedded store. Without ``virtuoso-t`` (or with
``KG_VIRTUOSO_BIN`` naming a missing file) every test here is skipped, with the reason,
through :func:`virtuoso.require`; under ``CI=true`` they fail instead.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from pyoxigraph import (
    BlankNode,
    CanonicalizationAlgorithm,
    Dataset,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    Triple,
)
from test_import_support import resampled_gdelt

from conftest import SEED_ANNOTATION
from kg import KnowledgeGraph
from kg.annotation import load_annotation
from kg.backup import dump, load
from kg.importers import import_files
from kg.queries import named_queries
from kg.remote import STAGING_PREFIX, RemoteStore, RemoteStoreError
from kg.results import Results
from kg.store import QueryError
from kg.vocab import DATASETS_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH
from virtuoso import DBA, VirtuosoServer, require, running_virtuoso

XSD = "http://www.w3.org/2001/XMLSchema#"
EX = "https://example.org/"


@pytest.fixture(scope="session")
def virtuoso() -> Iterator[VirtuosoServer]:
    require()
    with running_virtuoso() as server:
        yield server


@pytest.fixture
def own_virtuoso() -> Iterator[VirtuosoServer]:
    """A Virtuoso of the test's own, for a test that must not disturb the session's."""
    require()
    with running_virtuoso() as server:
        yield server


IMPORT_DATA = Path(__file__).parent / "data" / "import"
GDELT_SAMPLE = IMPORT_DATA / "gdelt2_20191024143000_head600.export.CSV"


@pytest.fixture(scope="session")
def remote(virtuoso: VirtuosoServer) -> Iterator[KnowledgeGraph]:
    graph = KnowledgeGraph.connect(virtuoso.endpoint)
    graph.add_annotation(SEED_ANNOTATION)
    import_files(graph, "gdelt", [GDELT_SAMPLE])
    yield graph
    graph.close()


@pytest.fixture(scope="session")
def embedded() -> KnowledgeGraph:
    graph = KnowledgeGraph.memory()
    graph.add_annotation(SEED_ANNOTATION)
    import_files(graph, "gdelt", [GDELT_SAMPLE])
    return graph


@pytest.fixture(params=["graph-store", "insert-data"])
def store(virtuoso: VirtuosoServer, request: pytest.FixtureRequest) -> Iterator[RemoteStore]:
    """A bare remote store writing batches of 100 triples through Virtuoso's Graph Store
    endpoint or as INSERT DATA; the test's graphs are under https://example.org/."""
    remote_store = RemoteStore(
        virtuoso.endpoint,
        batch_size=100,
        load_batch_size=100,
        page_size=70,
        graph_store="auto" if request.param == "graph-store" else None,
    )
    assert (remote_store.graph_store is not None) == (request.param == "graph-store")
    yield remote_store
    for graph in remote_store.graphs():
        if graph.value.startswith(EX):
            remote_store.drop_graph(graph)
    remote_store.close()


def multiset(results: Results) -> Counter[tuple[Any, ...]]:
    return Counter(tuple(record.values()) for record in results.records())


def _order_keys(sparql: str) -> list[str]:
    match = re.search(r"ORDER\s+BY\s+(.+?)\s*(?:LIMIT|OFFSET|$)", sparql, re.S | re.I)
    return re.findall(r"[?$](\w+)", match.group(1)) if match else []


def order_is_determined(sparql: str, results: Results) -> bool:
    """Whether the query's ORDER BY keys tell every row of ``results`` apart."""
    keys = _order_keys(sparql)
    if not keys or any(k not in results.columns for k in keys):
        return False
    seen = [tuple(r[k] for k in keys) for r in results.records()]
    return len(set(seen)) == len(seen)


def _cases() -> list[Any]:
    """Every named query: without parameters (when none is required) and with each."""
    samples = {"actor": "RUS", "agent": "RUS", "target": "RUS", "country": "UKR"}
    samples |= {"domestic": "true"}
    samples |= {"event": "EVENT", "class": "https://w3id.org/diplomatic-kg/ontology#Blame"}
    samples |= {"reaction": "REACTION", "type": "blames"}
    samples |= {"place": "https://w3id.org/diplomatic-kg/id/place/RUS/belgorod", "km": "150"}
    samples |= {"lat": "49.98177", "long": "36.25475"}  # Kharkiv: Belgorod is 72.9 km away
    # Date spans that cut the seed article (2023-12-30) from the GDELT sample (2019-10-24).
    samples |= {"since": "2020-01-01", "until": "2019-12-31", "bloc": "NATO"}
    cases: list[tuple[str, dict[str, str]]] = []
    for name, query in named_queries().items():
        required = {p.name: samples[p.name] for p in query.params if p.required}
        cases.append((name, required))
        for param in query.params:
            if not param.required:
                cases.append((name, required | {param.name: samples[param.name]}))
        if any(p.name == "target" for p in query.params):
            cases.append((name, {"agent": "RUS", "target": "UKR"}))
    return [pytest.param(case, id=_case_id(*case)) for case in cases]


#: Named queries Virtuoso 7.2.5 cannot answer: on the chained BIND arithmetic of the
#: distance (kg/queries/events-near*.rq) it returns no rows, and with ORDER BY fails with
#: SR087 "Non numeric argument(s) to arithmetic operation", even with the parameters
#: written into the query. Oxigraph answers them (tests/test_places.py).
VIRTUOSO_GAPS = {"events-near", "events-near-point"}


def _case_id(name: str, params: dict[str, str]) -> str:
    return name + "".join(f"[{k}={v.rsplit('#', 1)[-1]}]" for k, v in params.items())


@pytest.mark.parametrize("case", _cases())
def test_every_named_query_answers_the_same_on_virtuoso(
    case: tuple[str, dict[str, str]], remote: KnowledgeGraph, embedded: KnowledgeGraph
) -> None:
    name, params = case
    # Skipped here, after the fixtures: without Virtuoso its own skip reason comes first.
    if name in VIRTUOSO_GAPS:
        pytest.skip("Virtuoso 7.2.5 mis-evaluates chained BIND arithmetic")
    if params.get("event") == "EVENT":
        params = params | {"event": embedded.run("events").column("event")[0]}
    if params.get("reaction") == "REACTION":
        params = params | {"reaction": embedded.run("reactions").column("reaction")[0]}
    expected, got = embedded.run(name, **params), remote.run(name, **params)
    assert got.columns == expected.columns
    assert multiset(got) == multiset(expected)
    if order_is_determined(named_queries()[name].sparql, expected):
        assert got.records() == expected.records()


def test_the_parity_cases_find_rows(remote: KnowledgeGraph) -> None:
    # Guard against comparing empty answers only: rows from the document and the dataset.
    sources = Counter(
        "document" if "/id/doc/" in r["doc"] else "dataset"
        for r in remote.run("reactions").records()
    )
    assert sources["document"] == 10
    assert sources["dataset"] > 10
    assert len(remote.run("top-condemnations")) > 0
    assert len(remote.run("actor-network")) > 0


def test_the_gdelt_sample_is_the_same_default_graph_on_both_stores(
    remote: KnowledgeGraph, embedded: KnowledgeGraph
) -> None:
    # The embedded store's default graph is a named graph of its own on the endpoint.
    held = {q.triple for q in remote.store.quads(DefaultGraph())}
    assert len(held) > 1000
    assert held == {q.triple for q in embedded.store.quads(DefaultGraph())}
    assert NamedNode(str(DATASETS_GRAPH)) not in remote.store.graphs()


def test_importing_the_sample_again_adds_nothing(
    remote: KnowledgeGraph, virtuoso: VirtuosoServer
) -> None:
    before = set(remote.store.quads(DefaultGraph()))
    done = subprocess.run(
        [sys.executable, "-m", "kg", "import", "gdelt", "--store", virtuoso.endpoint,
         str(GDELT_SAMPLE)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "imported before, unchanged: skipped" in done.stdout
    assert set(remote.store.quads(DefaultGraph())) == before


class _DiesAfterTwoChunks(RemoteStore):
    """The process dies (here: raises) when the import sends its third chunk."""

    chunks = 0

    def bulk_load(self, nquads: bytes) -> None:
        if self.chunks == 2:
            raise KeyboardInterrupt("killed")
        self.chunks += 1
        super().bulk_load(nquads)


def test_a_rerun_after_an_interrupted_import_completes_it_without_duplicates(
    virtuoso: VirtuosoServer,
) -> None:
    graph = EX + "gdelt-interrupted"  # the test's own dataset graph
    with RemoteStore(virtuoso.endpoint) as store, _DiesAfterTwoChunks(virtuoso.endpoint) as dies:
        try:
            with pytest.raises(KeyboardInterrupt):
                import_files(dies, "gdelt", [GDELT_SAMPLE], graph=graph, chunk_rows=100)
            left = {q.triple for q in store.quads(NamedNode(graph))}
            import_files(store, "gdelt", [GDELT_SAMPLE], graph=graph)
            held = {q.triple for q in store.quads(NamedNode(graph))}
        finally:
            store.drop_graph(NamedNode(graph))
    clean = KnowledgeGraph.memory()
    import_files(clean, "gdelt", [GDELT_SAMPLE])
    expected = {q.triple for q in clean.store.quads(DefaultGraph())}
    assert 0 < len(left - expected) < len(expected)  # part written, markers left pending
    assert held == expected


@pytest.mark.slow
def test_a_kg_import_killed_mid_way_reruns_to_what_a_clean_import_writes(
    tmp_path: Path, own_virtuoso: VirtuosoServer
) -> None:
    source = resampled_gdelt(tmp_path / "events.CSV", 3_000)
    server = own_virtuoso  # its own: the session's holds the parity data
    command = [sys.executable, "-m", "kg", "import", "gdelt", "--store", server.endpoint,
               "--chunk-rows", "200", str(source)]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with RemoteStore(server.endpoint) as store:
        datasets = NamedNode(str(DATASETS_GRAPH))
        deadline = time.monotonic() + 120
        while store.count(datasets) < 3_000 and time.monotonic() < deadline:
            assert process.poll() is None, "the import ended before it could be killed"
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        left = {q.triple for q in store.quads(DefaultGraph())}
        rerun = subprocess.run(command, capture_output=True, text=True, check=False)
        assert rerun.returncode == 0, rerun.stderr
        held = {q.triple for q in store.quads(DefaultGraph())}
    clean = KnowledgeGraph.memory()
    import_files(clean, "gdelt", [source])
    expected = {q.triple for q in clean.store.quads(DefaultGraph())}
    assert 0 < len(left & expected) < len(expected)  # killed part-way
    assert held == expected


def test_the_json_view_is_the_same(remote: KnowledgeGraph, embedded: KnowledgeGraph) -> None:
    assert remote.to_json() == embedded.to_json()


def test_connecting_loads_the_ontology_and_the_reference_actors(
    remote: KnowledgeGraph, embedded: KnowledgeGraph
) -> None:
    for graph in (NamedNode(str(ONTOLOGY_GRAPH)), NamedNode(str(REFERENCE_GRAPH))):
        assert len(list(remote.store.quads(graph))) == len(list(embedded.store.quads(graph)))


def test_connecting_again_writes_nothing(remote: KnowledgeGraph, virtuoso: VirtuosoServer) -> None:
    # Updates go to a port nobody listens on: any write would fail.
    nowhere = f"http://127.0.0.1:{unused_port()}/sparql"
    with RemoteStore(virtuoso.endpoint, nowhere) as store:
        assert KnowledgeGraph(store).documents() == ["belgorod-2023-12-30"]


def test_document_quads_read_back_exactly(remote: KnowledgeGraph, embedded: KnowledgeGraph) -> None:
    graph = NamedNode("https://w3id.org/diplomatic-kg/id/doc/belgorod-2023-12-30")
    assert set(remote.store.quads(graph)) == set(embedded.store.quads(graph))


def test_adding_the_same_document_again_changes_nothing(
    remote: KnowledgeGraph, virtuoso: VirtuosoServer
) -> None:
    doc = load_annotation(SEED_ANNOTATION, remote.registry)
    graph = NamedNode("https://w3id.org/diplomatic-kg/id/doc/belgorod-2023-12-30")
    before = len(list(remote.store.quads(graph)))
    result = remote.add_document(doc)
    assert result.unchanged
    assert len(list(remote.store.quads(graph))) == before


def test_a_corrected_document_replaces_its_graph(
    remote: KnowledgeGraph, embedded: KnowledgeGraph
) -> None:
    doc = load_annotation(SEED_ANNOTATION, remote.registry)
    copy = doc.model_copy(update={"id": "belgorod-copy"})
    corrected = copy.model_copy(update={"reactions": copy.reactions[:-1]})
    graph = NamedNode("https://w3id.org/diplomatic-kg/id/doc/belgorod-copy")
    try:
        for kg in (remote, embedded):
            kg.add_document(copy)
            assert kg.add_document(corrected, replace=True).replaced
        assert set(remote.store.quads(graph)) == set(embedded.store.quads(graph))
        assert multiset(remote.run("who-blames-whom")) == multiset(embedded.run("who-blames-whom"))
    finally:
        for kg in (remote, embedded):
            kg.remove_document("belgorod-copy")
    assert remote.documents() == ["belgorod-2023-12-30"]


def test_removing_a_document_drops_its_graph(store: RemoteStore) -> None:
    graph = NamedNode(EX + "g")
    store.replace_graph(
        graph, [Quad(NamedNode(EX + "s"), NamedNode(EX + "p"), Literal("o"), graph)]
    )
    store.drop_graph(graph)
    assert graph not in store.graphs()
    assert list(store.quads(graph)) == []


def test_a_graph_larger_than_a_batch_is_written_whole(store: RemoteStore) -> None:
    graph = NamedNode(EX + "big")
    quads = [
        Quad(NamedNode(f"{EX}s{i}"), NamedNode(EX + "p"), Literal(str(i)), graph)
        for i in range(250)
    ]
    store.replace_graph(graph, quads)
    assert set(store.quads(graph)) == set(quads)  # read in pages of 70
    store.replace_graph(graph, quads[:3])
    assert set(store.quads(graph)) == set(quads[:3])
    assert not [g for g in store.graphs() if g.value.startswith(STAGING_PREFIX)]


def test_blank_nodes_keep_their_structure_across_batches(store: RemoteStore) -> None:
    graph = NamedNode(EX + "lists")
    p, first = NamedNode(EX + "p"), NamedNode(EX + "first")
    quads = []
    for i in range(40):  # 40 small blank-node structures of 3 triples, over batches of 100
        node = BlankNode()
        quads += [
            Quad(NamedNode(f"{EX}s{i}"), p, node, graph),
            Quad(node, first, Literal(str(i)), graph),
            Quad(node, NamedNode(EX + "kind"), Literal("item"), graph),
        ]
    store.replace_graph(graph, quads)
    rows = store.select(
        f"SELECT ?s ?v WHERE {{ GRAPH {graph} {{ ?s {p} ?b . ?b {first} ?v }} }}"
    ).records()
    assert sorted((r["s"], r["v"]) for r in rows) == sorted(
        (f"{EX}s{i}", str(i)) for i in range(40)
    )
    assert len(list(store.quads(graph))) == 120


def test_literals_come_back_as_the_embedded_store_gives_them(store: RemoteStore) -> None:
    graph = NamedNode(EX + "literals")
    s, p = NamedNode(EX + "s"), NamedNode(EX + "p")
    objects = [
        Literal("true", datatype=NamedNode(XSD + "boolean")),
        Literal("false", datatype=NamedNode(XSD + "boolean")),
        Literal("13", datatype=NamedNode(XSD + "integer")),
        Literal("-2.5", datatype=NamedNode(XSD + "decimal")),
        Literal("2023-12-30", datatype=NamedNode(XSD + "date")),
        Literal("Belgorod", language="en"),
        Literal('a "quote" } ; DROP ALL ; \n\\ <b> é 🕊'),
    ]
    store.replace_graph(graph, [Quad(s, p, o, graph) for o in objects])
    assert {q.object for q in store.quads(graph)} == set(objects)


def test_aggregates_come_back_as_integers(store: RemoteStore) -> None:
    graph = NamedNode(EX + "counts")
    s, p = NamedNode(EX + "s"), NamedNode(EX + "hedged")
    store.replace_graph(
        graph,
        [
            Quad(s, p, Literal(True), graph),
            Quad(NamedNode(EX + "t"), p, Literal(False), graph),
        ],
    )
    row = store.select(
        f"SELECT (COUNT(*) AS ?n) (SUM(IF(?h, 1, 0)) AS ?hedged) "
        f"WHERE {{ GRAPH {graph} {{ ?x {p} ?h }} }}"
    ).rows[0]
    integer = NamedNode(XSD + "integer")
    assert row == (Literal("2", datatype=integer), Literal("1", datatype=integer))


def test_a_hostile_string_is_bound_as_one_literal(store: RemoteStore) -> None:
    graph = NamedNode(EX + "hostile")
    hostile = Literal('x" } } ; DROP ALL ; SELECT * { ?a ?b "')
    store.replace_graph(graph, [Quad(NamedNode(EX + "s"), NamedNode(EX + "p"), hostile, graph)])
    results = store.select("SELECT ?s ?o WHERE { ?s ?p ?o }", {"o": hostile})
    assert results.records() == [{"s": EX + "s", "o": hostile.value}]
    assert len(store.graphs()) > 2  # nothing was dropped


def test_a_bound_variable_must_be_selected(remote: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="SELECT"):
        remote.query("SELECT ?a WHERE { ?a ?p ?t }", t=remote.actor_term("RUS"))


def test_binding_matches_substitution_under_optional(
    remote: KnowledgeGraph, embedded: KnowledgeGraph
) -> None:
    # SEP-0007 substitution keeps rows whose OPTIONAL part does not match the bound value.
    sparql = (
        "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>\n"
        "SELECT ?reaction ?target WHERE { ?reaction dkg:agent ?a OPTIONAL { ?reaction "
        "dkg:target ?target } }"
    )
    bound = {"target": remote.actor_term("UKR")}
    assert multiset(remote.query(sparql, **bound)) == multiset(embedded.query(sparql, **bound))


def test_ask_and_construct_take_bindings(remote: KnowledgeGraph, embedded: KnowledgeGraph) -> None:
    rus = remote.actor_term("RUS")
    sparql = (
        "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>\n"
        "CONSTRUCT { ?agent dkg:blames ?target } WHERE { ?agent dkg:blames ?target }"
    )
    assert set(remote.store.construct(sparql, {"agent": rus})) == set(
        embedded.store.construct(sparql, {"agent": rus})
    )
    ask = "ASK { ?agent <https://w3id.org/diplomatic-kg/ontology#blames> ?target }"
    assert remote.store.ask(ask, {"agent": rus}) and embedded.store.ask(ask, {"agent": rus})


def test_virtuoso_own_graphs_are_hidden(remote: KnowledgeGraph, embedded: KnowledgeGraph) -> None:
    assert remote.store.graphs() == embedded.store.graphs()


def test_digest_authentication_on_the_protected_endpoint(virtuoso: VirtuosoServer) -> None:
    with RemoteStore(virtuoso.auth_endpoint, auth=DBA) as store:
        assert store.ask("ASK { ?s ?p ?o }")
    user, password = DBA
    url = virtuoso.auth_endpoint.replace("http://", f"http://{user}:{password}@")
    with RemoteStore(url) as store:
        assert store.ask("ASK { ?s ?p ?o }")


def test_an_update_without_the_grant_says_what_to_grant(
    virtuoso: VirtuosoServer, store: RemoteStore
) -> None:
    graph = NamedNode(EX + "refused")
    quad = Quad(NamedNode(EX + "s"), NamedNode(EX + "p"), Literal("o"), graph)
    virtuoso.sql('REVOKE SPARQL_UPDATE FROM "SPARQL";')
    try:
        with pytest.raises(RemoteStoreError, match="GRANT SPARQL_UPDATE"):
            store.replace_graph(graph, [quad])
    finally:
        virtuoso.sql('GRANT SPARQL_UPDATE TO "SPARQL";')


def test_a_wrong_password_is_one_clear_error(virtuoso: VirtuosoServer) -> None:
    with (
        RemoteStore(virtuoso.auth_endpoint, auth=("dba", "wrong")) as store,
        pytest.raises(RemoteStoreError, match="refused"),
    ):
        store.ask("ASK { ?s ?p ?o }")


def test_an_unreachable_endpoint_is_one_clear_error() -> None:
    port = unused_port()
    with (
        RemoteStore(f"http://127.0.0.1:{port}/sparql") as store,
        pytest.raises(RemoteStoreError, match=str(port)),
    ):
        store.ask("ASK {}")


def test_a_bad_query_is_a_query_error(store: RemoteStore) -> None:
    with pytest.raises(QueryError, match="400"):
        store.select("SELECT ?x WHERE { this is not sparql }")


def unused_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_dump_of_virtuoso_loads_into_the_embedded_store_as_the_same_dataset(
    remote: KnowledgeGraph, embedded: KnowledgeGraph, tmp_path: Path
) -> None:
    written = dump(remote, tmp_path / "virtuoso.nq")
    target = KnowledgeGraph.memory()
    for graph in target.store.graphs():
        target.store.drop_graph(graph)
    assert load(target, tmp_path / "virtuoso.nq") == written
    assert canonical(target.store.quads()) == canonical(embedded.store.quads())


def test_a_dump_loaded_into_virtuoso_replaces_its_graphs(
    remote: KnowledgeGraph, embedded: KnowledgeGraph, tmp_path: Path
) -> None:
    dump(embedded, tmp_path / "embedded.nq")
    load(remote, tmp_path / "embedded.nq")
    assert canonical(remote.store.quads()) == canonical(embedded.store.quads())
    assert not [g for g in remote.store.graphs() if g.value.startswith(STAGING_PREFIX)]


def canonical(quads: Iterable[Quad]) -> Dataset:
    """The dataset with its blank nodes named canonically (RDFC-1.0)."""
    dataset = Dataset(quads)
    dataset.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)
    return dataset


def test_virtuosos_graph_store_is_found_beside_its_sparql_endpoint(
    virtuoso: VirtuosoServer,
) -> None:
    base = virtuoso.endpoint.rsplit("/", 1)[0]
    with RemoteStore(virtuoso.endpoint) as anonymous:
        assert anonymous.graph_store == base + "/sparql-graph-crud"
    with RemoteStore(virtuoso.auth_endpoint, auth=DBA) as authenticated:
        assert authenticated.graph_store == base + "/sparql-graph-crud-auth"


def test_a_graph_posted_with_digest_authentication_reads_back(virtuoso: VirtuosoServer) -> None:
    graph = NamedNode(EX + "posted-with-auth")
    quads = [Quad(NamedNode(f"{EX}s{i}"), NamedNode(EX + "p"), Literal(i), graph) for i in range(5)]
    with RemoteStore(virtuoso.auth_endpoint, auth=DBA) as store:
        store.replace_graph(graph, quads)
        try:
            assert set(store.quads(graph)) == set(quads)
        finally:
            store.drop_graph(graph)


def test_a_graph_store_that_refuses_the_post_is_one_clear_error(
    virtuoso: VirtuosoServer,
) -> None:
    wrong = virtuoso.endpoint.rsplit("/", 1)[0] + "/no-graph-store-here"
    graph = NamedNode(EX + "never")
    quad = Quad(NamedNode(EX + "s"), NamedNode(EX + "p"), Literal("o"), graph)
    with (
        RemoteStore(virtuoso.endpoint, graph_store=wrong) as store,
        pytest.raises(RemoteStoreError, match="no-graph-store-here refused the graph"),
    ):
        store.replace_graph(graph, [quad])


@dataclass
class Refusing:
    """A Graph Store on loopback that answers each POST with the next of ``answers``
    (status, text) and keeps the bodies it got."""

    url: str = ""
    answers: list[tuple[int, str]] = field(default_factory=list)
    bodies: list[bytes] = field(default_factory=list)


@pytest.fixture()
def refusing() -> Iterator[Refusing]:
    state = Refusing()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            state.bodies.append(self.rfile.read(int(self.headers["Content-Length"])))
            status, text = state.answers.pop(0)
            self.send_response(status)
            self.send_header("Content-Length", str(len(text.encode())))
            self.end_headers()
            self.wfile.write(text.encode())

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/graph-store"
    yield state
    server.shutdown()
    server.server_close()


DEADLOCK = (500, "Error 40001 SR172: Transaction deadlocked")


def test_a_write_refused_as_a_deadlock_victim_is_sent_again(refusing: Refusing) -> None:
    refusing.answers += [DEADLOCK, DEADLOCK, (201, "")]
    graph = NamedNode(EX + "retried")
    triples = [Triple(NamedNode(EX + "s"), NamedNode(EX + "p"), Literal("o"))]
    with RemoteStore(refusing.url, graph_store=refusing.url) as store:
        store.add_triples(graph, triples)
    assert len(refusing.bodies) == 3
    assert len(set(refusing.bodies)) == 1  # the same write, whole, each time


def test_a_write_refused_for_another_reason_is_not_sent_again(refusing: Refusing) -> None:
    refusing.answers += [(500, "Error 22023: the submitted resource is not valid")]
    graph = NamedNode(EX + "refused")
    triples = [Triple(NamedNode(EX + "s"), NamedNode(EX + "p"), Literal("o"))]
    with (
        RemoteStore(refusing.url, graph_store=refusing.url) as store,
        pytest.raises(RemoteStoreError, match="22023"),
    ):
        store.add_triples(graph, triples)
    assert len(refusing.bodies) == 1
