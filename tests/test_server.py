"""``kg serve`` as a client meets it: a real server process on a free loopback port, a real
store on disk built from the seed example, real HTTP requests (httpx, SPARQLWrapper, curl).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib
from rdflib.util import from_n3

import served
from conftest import SEED_ANNOTATION
from kg import Document, KnowledgeGraph
from kg.remote import RemoteStore
from kg.snapshot import PinnedView
from served import free_port

TOKEN = "test-token-0123456789"
TIMEOUT = 2.0  # the servers' --timeout
MAX_BODY = 4096
MAX_RESULTS = 500
DKG = "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#>\n"
SKOS = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
CONDEMNATIONS = (
    DKG + SKOS + "SELECT ?who ?whom WHERE { ?a dkg:condemns ?b . "
    "?a skos:prefLabel ?who . ?b skos:prefLabel ?whom } ORDER BY ?who ?whom"
)
#: Three copies of every triple joined with each other: never finishes on the seed store.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SRJ = "application/sparql-results+json"


class Server(served.Server):
    """``kg serve`` with this module's --timeout, and the requests its tests send."""

    def __init__(self, store: Path, log: Path, *args: str, env: dict[str, str] | None = None):
        super().__init__(store, log, *args, env=env, timeout=TIMEOUT)

    def select(self, query: str, accept: str = SRJ) -> httpx.Response:
        return self.post("/sparql", data={"query": query}, headers={"Accept": accept})

    def triples(self) -> int:
        count: int = self.get("/health").json()["triples"]
        return count


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "store"
    graph = KnowledgeGraph.open(path)
    graph.add_annotation(SEED_ANNOTATION)
    graph.close()  # one writer at a time: the server must find the store unlocked
    return path


def _copy(store: Path, tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    target = tmp_path_factory.mktemp(name) / "store"
    shutil.copytree(store, target)
    return target


@pytest.fixture(scope="module")
def server(seed_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    store = _copy(seed_store, tmp_path_factory, "served")
    running = Server(
        store,
        store.parent / "server.log",
        "--max-results",
        str(MAX_RESULTS),
        "--max-body",
        str(MAX_BODY),
    )
    yield running
    running.stop()


@pytest.fixture(scope="module")
def update_server(seed_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    store = _copy(seed_store, tmp_path_factory, "updatable")
    running = Server(
        store, store.parent / "server.log", "--allow-update", env={"KG_UPDATE_TOKEN": TOKEN}
    )
    yield running
    running.stop()


def condemnations_in_python() -> list[tuple[str, str]]:
    graph = KnowledgeGraph.memory()
    graph.add_annotation(SEED_ANNOTATION)
    return [(r["who"], r["whom"]) for r in graph.query(CONDEMNATIONS).records()]


def rows_from(response: httpx.Response) -> list[tuple[str, str]]:
    """(who, whom) rows out of any of the four result formats."""
    kind = response.headers["content-type"].split(";")[0]
    if kind == SRJ:
        data = json.loads(response.content)
        return [(b["who"]["value"], b["whom"]["value"]) for b in data["results"]["bindings"]]
    if kind == "application/sparql-results+xml":
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        root = ET.fromstring(response.content)
        rows = []
        for result in root.iterfind("r:results/r:result", ns):
            values = {b.get("name"): b.findtext("r:literal", namespaces=ns) for b in result}
            rows.append((str(values["who"]), str(values["whom"])))
        return rows
    if kind == "text/csv":
        table = list(csv.reader(io.StringIO(response.text)))
        assert table[0] == ["who", "whom"]
        return [(who, whom) for who, whom in table[1:]]
    assert kind == "text/tab-separated-values"
    lines = [line.split("\t") for line in response.text.splitlines()]
    assert lines[0] == ["?who", "?whom"]
    # TSV cells are terms in N-Triples syntax: "Russia"@en
    return [(str(from_n3(who)), str(from_n3(whom))) for who, whom in lines[1:]]


# --------------------------------------------------------------------------- queries


def test_sparqlwrapper_gets_the_rows_the_python_api_gets(server: Server) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery(CONDEMNATIONS)
    client.setReturnFormat(JSON)
    answer = client.queryAndConvert()
    assert isinstance(answer, dict)
    rows = [(b["who"]["value"], b["whom"]["value"]) for b in answer["results"]["bindings"]]
    assert rows == condemnations_in_python()
    assert rows  # the seed has condemnations


@pytest.mark.skipif(not Path("/usr/bin/curl").exists(), reason="needs /usr/bin/curl")
def test_curl_with_accept_text_csv_gets_csv(server: Server) -> None:
    run = subprocess.run(
        ["/usr/bin/curl", "-sS", "-f", "-H", "Accept: text/csv", "--data-urlencode",
         f"query={CONDEMNATIONS}", server.url + "/sparql"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    table = list(csv.reader(io.StringIO(run.stdout)))
    assert table[0] == ["who", "whom"]
    assert [tuple(row) for row in table[1:]] == condemnations_in_python()


@pytest.mark.parametrize(
    "accept",
    [SRJ, "application/sparql-results+xml", "text/csv", "text/tab-separated-values"],
)
def test_each_result_format_parses_to_the_same_rows(server: Server, accept: str) -> None:
    response = server.select(CONDEMNATIONS, accept)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    assert rows_from(response) == condemnations_in_python()


def test_without_accept_header_results_are_sparql_json(server: Server) -> None:
    response = httpx.get(server.url + "/sparql", params={"query": CONDEMNATIONS}, headers={})
    assert response.headers["content-type"] == SRJ


@pytest.mark.parametrize("how", ["GET", "POST form", "POST sparql-query"])
def test_a_query_can_be_sent_by_get_by_form_or_as_the_body(server: Server, how: str) -> None:
    if how == "GET":
        response = server.get("/sparql", params={"query": CONDEMNATIONS})
    elif how == "POST form":
        response = server.post("/sparql", data={"query": CONDEMNATIONS})
    else:
        response = server.post(
            "/sparql",
            content=CONDEMNATIONS.encode(),
            headers={"Content-Type": "application/sparql-query"},
        )
    assert rows_from(response) == condemnations_in_python()


def test_query_is_an_alias_of_sparql(server: Server) -> None:
    response = server.get("/query", params={"query": CONDEMNATIONS})
    assert rows_from(response) == condemnations_in_python()


def test_ask_answers_a_boolean(server: Server) -> None:
    response = server.select(DKG + "ASK { ?a dkg:condemns ?b }")
    assert response.json() == {"head": {}, "boolean": True}


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
    ],
)
def test_construct_results_parse_with_rdflib(
    server: Server, accept: str, rdflib_format: str
) -> None:
    query = DKG + "CONSTRUCT { ?a dkg:condemns ?b } WHERE { ?a dkg:condemns ?b }"
    response = server.select(query, accept)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    graph = rdflib.Graph().parse(data=response.content, format=rdflib_format)
    assert len(graph) == len(set(condemnations_in_python())) > 0


def test_default_graph_uri_replaces_the_union_default_graph(server: Server) -> None:
    ontology = "https://w3id.org/diplomatic-kg/graph/ontology"
    ask = DKG + "ASK { ?a dkg:condemns ?b }"
    restricted = server.get("/sparql", params={"query": ask, "default-graph-uri": ontology})
    assert restricted.json()["boolean"] is False
    assert server.get("/sparql", params={"query": ask}).json()["boolean"] is True


def test_an_unsupported_accept_header_gets_406(server: Server) -> None:
    response = server.select(CONDEMNATIONS, "image/png")
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text


# --------------------------------------------------------------------------- named queries


def test_the_named_queries_are_listed_with_their_parameters(server: Server) -> None:
    listing = {q["name"]: q for q in server.get("/queries").json()}
    profile = listing["actor-profile"]
    assert profile["description"].startswith("An actor's profile")
    assert profile["params"] == [
        {"name": "actor", "kind": "actor", "required": True, "default": None,
         "description": "the actor"},
        {"name": "since", "kind": "date", "required": False, "default": "0001-01-01",
         "description": "only reactions dated on or after this day"},
        {"name": "until", "kind": "date", "required": False, "default": "9999-12-31",
         "description": "only reactions dated on or before this day"},
    ]  # fmt: skip
    assert profile["url"] == "/queries/actor-profile"


def test_a_named_query_takes_its_parameter_from_the_query_string(server: Server) -> None:
    response = server.get("/queries/who-blames-whom", params={"agent": "RUS"})
    targets = {b["target_label"]["value"] for b in response.json()["results"]["bindings"]}
    assert targets == {"Ukraine", "United Kingdom", "United States"}


def test_a_named_query_answers_in_the_negotiated_format(server: Server) -> None:
    response = server.get(
        "/queries/actor-profile", params={"actor": "RUS"}, headers={"Accept": "text/csv"}
    )
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert table
    assert {row["actor"] for row in table} == {"https://w3id.org/diplomatic-kg/id/actor/RUS"}


def test_an_unknown_named_query_is_404(server: Server) -> None:
    assert server.get("/queries/no-such-query").status_code == 404


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"agent": "XYZZY"}, "XYZZY"),  # no such actor
        ({"colour": "red"}, "no parameter 'colour'"),
    ],
)
def test_a_bad_parameter_is_400_with_the_message(
    server: Server, params: dict[str, str], message: str
) -> None:
    response = server.get("/queries/who-blames-whom", params=params)
    assert response.status_code == 400
    assert message in response.text


def test_a_missing_required_parameter_is_400(server: Server) -> None:
    response = server.get("/queries/actor-profile")
    assert response.status_code == 400
    assert "actor" in response.text


@pytest.mark.parametrize(
    ("query", "param", "value", "reason"),
    [
        ("who-blames-whom", "agent", "RUS> } ; DROP ALL ; #", "is not an actor code"),
        ("reactions-to-event", "event", '" . ?s ?p ?o', "is not a valid IRI"),
        ("actor-profile", "actor", 'UKR" . ?s ?p ?o', "is not an actor code"),
    ],
)
def test_injection_through_a_parameter_is_rejected_and_changes_nothing(
    server: Server, query: str, param: str, value: str, reason: str
) -> None:
    before = server.triples()
    response = server.get(f"/queries/{query}", params={param: value})
    assert response.status_code == 400
    assert reason in response.text
    assert server.triples() == before


# --------------------------------------------------------------------------- updates


def test_an_update_on_a_read_only_server_is_403_even_with_a_token(server: Server) -> None:
    before = server.triples()
    response = server.post(
        "/sparql",
        data={"update": "DROP ALL"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 403
    assert server.triples() == before


def test_an_update_without_a_token_is_401_with_a_bearer_challenge(update_server: Server) -> None:
    response = update_server.post(
        "/sparql",
        content=b"DROP ALL",
        headers={"Content-Type": "application/sparql-update"},
    )
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_an_update_with_a_wrong_token_is_401_and_changes_nothing(update_server: Server) -> None:
    before = update_server.triples()
    response = update_server.post(
        "/sparql", data={"update": "DROP ALL"}, headers={"Authorization": "Bearer guess"}
    )
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["www-authenticate"]
    assert update_server.triples() == before


def test_an_update_with_the_token_is_applied(update_server: Server) -> None:
    update = (
        "INSERT DATA { GRAPH <https://example.org/g> "
        '{ <https://example.org/s> <https://example.org/p> "applied" } }'
    )
    response = update_server.post(
        "/sparql", data={"update": update}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 204
    ask = update_server.select('ASK { ?s <https://example.org/p> "applied" }')
    assert ask.json()["boolean"] is True


def test_allow_update_without_a_token_in_the_environment_refuses_to_start(
    seed_store: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "KG_UPDATE_TOKEN"}
    run = subprocess.run(
        [sys.executable, "-m", "kg", "serve", "--store", str(seed_store), "--allow-update",
         "--port", str(free_port())],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert run.returncode != 0
    assert "KG_UPDATE_TOKEN" in run.stderr


# --------------------------------------------------------------------------- limits


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


@pytest.mark.slow
def test_a_slow_query_is_stopped_with_503_and_the_server_keeps_answering(server: Server) -> None:
    started = time.monotonic()
    response = server.select(SLOW)
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert "ran out of time" in response.text
    assert elapsed < TIMEOUT + 1.5
    assert rows_from(server.select(CONDEMNATIONS)) == condemnations_in_python()
    if Path("/proc/self/stat").exists():  # the killed query no longer burns CPU
        time.sleep(0.5)
        pids = [*_descendants(server.process.pid), server.process.pid]
        before = _cpu_seconds(pids)
        time.sleep(1.0)
        assert _cpu_seconds(pids) - before < 0.5


#: Every pair of triples, sorted: materialised before the first row, so its memory grows
#: by gigabytes a second (the seed store has 11k triples: 10^8 pairs).
HUNGRY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?d LIMIT 1"


@pytest.mark.slow
def test_a_query_needing_more_than_max_memory_is_stopped_with_503_and_others_answer(
    seed_store: Path, tmp_path: Path
) -> None:
    running = Server(seed_store, tmp_path / "server.log", "--max-memory", "1536",
                     "--timeout", "30")  # fmt: skip
    try:
        response = httpx.post(running.url + "/sparql", data={"query": HUNGRY}, timeout=40)
        assert response.status_code == 503
        # the memory cap stopped it: a query out of time gets "ran out of time" instead
        assert "more memory than the server allows (1536 MiB per worker)" in response.text
        assert rows_from(running.select(CONDEMNATIONS)) == condemnations_in_python()
    finally:
        running.stop()


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_query_running_when_the_server_is_killed_stops_too(
    seed_store: Path, tmp_path: Path
) -> None:
    running = Server(seed_store, tmp_path / "server.log", "--timeout", "60")

    def query_forever() -> None:
        with contextlib.suppress(httpx.HTTPError):  # the server dies under it
            running.select(SLOW)

    try:
        threading.Thread(target=query_forever, daemon=True).start()
        time.sleep(0.5)
        helpers = _descendants(running.process.pid)
        assert helpers
    finally:
        running.process.kill()  # no clean-up: SIGKILL
        running.process.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in helpers):
        time.sleep(0.05)
    assert not [pid for pid in helpers if Path(f"/proc/{pid}").exists()]


def test_a_remote_store_on_an_endpoint_that_is_not_virtuoso_writes_with_insert_data(
    server: Server,
) -> None:
    with RemoteStore(server.url + "/sparql", read_only=True) as store:
        assert store.graph_store is None  # no Graph Store guessed for another server


def test_a_body_over_the_limit_is_413(server: Server) -> None:
    padding = "#" + "x" * MAX_BODY + "\n"
    response = server.select(padding + CONDEMNATIONS)
    assert response.status_code == 413
    assert str(MAX_BODY) in response.text


def test_a_result_over_max_results_is_413_not_truncated(server: Server) -> None:
    response = server.select("SELECT * WHERE { ?s ?p ?o }")
    assert response.status_code == 413
    assert f"more than {MAX_RESULTS} rows" in response.text


def test_a_malformed_query_is_400_with_the_parsers_message(server: Server) -> None:
    response = server.select("SELEKT ?x WHERE { ?x ?y ?z }")
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
    assert "error at 1:1" in response.text


def test_a_federated_service_call_is_refused(server: Server) -> None:
    response = server.select("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert response.status_code == 400
    assert "SERVICE" in response.text


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads /proc/net/tcp")
def test_it_listens_on_loopback_only_by_default(server: Server) -> None:
    listening = [
        line.split()[1]
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
        if line.split()[3] == "0A"  # LISTEN
    ]
    assert f"0100007F:{server.port:04X}" in listening


# --------------------------------------------------------------------------- pages and CORS


def test_health_reports_documents_and_triples(server: Server) -> None:
    health = server.get("/health").json()
    assert health["status"] == "ok"
    assert health["documents"] >= 1
    assert health["triples"] > 1000
    assert health["read_only"] is True


def test_the_service_description_is_turtle(server: Server) -> None:
    response = server.get("/sparql", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    endpoint = rdflib.URIRef(server.url + "/sparql")
    assert (endpoint, rdflib.RDF.type, sd.Service) in graph
    assert (endpoint, sd.feature, sd.UnionDefaultGraph) in graph
    assert (endpoint, sd.supportedLanguage, sd.SPARQL11Update) not in graph


def test_the_html_page_escapes_a_hostile_title_stored_in_the_graph(server: Server) -> None:
    hostile = Document(id="hostile-title", text="Nothing.", title="<script>alert(1)</script>")
    with KnowledgeGraph.open(server.store) as graph:  # written while the server runs
        graph.add_document(hostile)
    page = server.get("/sparql", headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<script>alert" not in page.text


def test_the_html_page_lists_the_named_queries_and_forbids_scripts(server: Server) -> None:
    page = server.get("/sparql", headers={"Accept": "text/html"})
    assert "who-condemns-whom" in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]


# --------------------------------------------------------------------------- a writer meanwhile


@pytest.mark.slow
def test_documents_added_by_kg_add_while_serving_become_visible(
    server: Server, tmp_path: Path
) -> None:
    files = []
    for i in range(8):
        path = tmp_path / f"extra-{i}.yaml"
        path.write_text(
            "format: diplomatic-kg/annotation@1\n"
            f"document: {{id: extra-doc-{i}, text: 'Nothing was said.'}}\n",
            encoding="utf-8",
        )
        files.append(path)
    statuses: list[int] = []
    stop = threading.Event()

    def keep_querying() -> None:
        while not stop.is_set():
            statuses.append(server.get("/queries/who-blames-whom").status_code)

    reader = threading.Thread(target=keep_querying)
    reader.start()
    try:
        add = subprocess.run(
            [sys.executable, "-m", "kg", "add", "--store", str(server.store), *map(str, files)],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    finally:
        stop.set()
        reader.join()
    assert add.returncode == 0, add.stderr
    assert statuses and set(statuses) == {200}  # served all along
    ids = server.select(
        DKG + "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
        "SELECT ?id WHERE { ?d a dkg:Document ; dcterms:identifier ?id }"
    ).json()["results"]["bindings"]
    assert {f"extra-doc-{i}" for i in range(8)} <= {b["id"]["value"] for b in ids}


@pytest.mark.slow
def test_the_endpoint_keeps_answering_while_kg_import_writes_the_store(
    seed_store: Path, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    """Server, workers and importer share one CPU, so the importer's compactions land
    between a worker's snapshot and its reads; each worker reads a pinned snapshot."""
    from test_import_support import resampled_gdelt

    source = resampled_gdelt(tmp_path / "events.CSV", 20_000)
    store = _copy(seed_store, tmp_path_factory, "importing")
    cpus = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cpus)})  # inherited by the server, its workers, kg import
    try:
        running = Server(store, tmp_path / "server.log")
        try:
            statuses: list[int] = []
            rows: list[int] = []
            command = [sys.executable, "-m", "kg", "import", "gdelt", str(source),
                       "--store", str(store), "--chunk-rows", "400"]  # fmt: skip
            importer = subprocess.Popen(command, stdout=subprocess.DEVNULL)
            while importer.poll() is None:
                answer = running.get("/queries/who-condemns-whom")
                statuses.append(answer.status_code)
                if answer.status_code == 200:
                    rows.append(len(answer.json()["results"]["bindings"]))
            assert importer.wait() == 0
            after = running.get("/queries/who-condemns-whom")
            health = running.get("/health").json()
        finally:
            running.stop()
    finally:
        os.sched_setaffinity(0, cpus)
    assert len(statuses) > 1 and set(statuses) == {200}, statuses
    assert after.status_code == 200
    assert rows[0] < len(after.json()["results"]["bindings"])  # the import's rows are there
    assert not list((store / "kg-readers").iterdir())  # the workers' snapshots are gone
    with PinnedView.open(store) as view:  # /health counts the imported triples too
        assert health["triples"] == len(view.store)
