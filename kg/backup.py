"""Back up and restore the whole dataset: ``kg dump -o FILE`` and ``kg load FILE...``.

A dump is every graph of the store (documents, ontology and reference actors in named
graphs; imported event datasets in the default graph) as N-Quads (``.nq``) or TriG
(``.trig``), written to a temporary file beside the destination
and renamed over it: a reader never sees half a dump, and a failed dump leaves the old
file. It does not depend on the on-disk format of Oxigraph (which may change between
versions), so ``kg dump`` then ``kg load`` moves a graph to a new version or to a remote
store.

Loading reads every file first (one bad file: one error line naming it, nothing written),
then replaces each graph the files hold with the files' content, through
``KGStore.replace_graphs``: one transaction in the embedded store (blank node labels kept
when none of the graphs exists yet, so a dump loaded into an empty store gives back
exactly the same quads), one graph after another in a remote one. Other graphs are left
alone, and loading the same files again changes nothing.

The default graph of a quad file replaces the store's default graph, as any other graph
of the file replaces its namesake (on a SPARQL endpoint, the default graph is a named
graph of its own: see ``kg.stores.sparql``). Triple files (``.ttl``, ``.nt``, ``.jsonld``) go
into the named graph ``into``, or else into a graph named after the SHA-256 of the file's
bytes (``https://w3id.org/diplomatic-kg/graph/file/<sha256>``): loading the same file
twice gives the same graph, an edited file a new one (use ``into`` to replace it); with
``into``, the default graph of a quad file goes there too.

The reference graphs (``REFERENCE_GRAPHS``: the ontology with the CAMEO and PLOVER
schemes, and the reference actors) are what every document and query relies on, so a
file cannot replace them by accident: a file graph of that name is refused, in one line
naming the graph, unless ``force`` (``kg load --force``) is given. A file holding exactly
what the store holds (a dump of the same version, blank node labels aside) loads as usual,
so a dump still loads back without ``--force``.

>>> import tempfile
>>> from kg import KnowledgeGraph
>>> source = KnowledgeGraph.memory()
>>> with tempfile.TemporaryDirectory() as folder:
...     written = dump(source, Path(folder) / "kg.nq")
...     target = KnowledgeGraph.memory()
...     load(target, Path(folder) / "kg.nq") == written
True
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from pyoxigraph import (
    BlankNode,
    CanonicalizationAlgorithm,
    Dataset,
    DefaultGraph,
    NamedNode,
    Quad,
    RdfFormat,
    parse,
    serialize,
)

from kg.errors import BackupError as BackupError
from kg.files import atomic_writer
from kg.graph import KnowledgeGraph
from kg.store import GraphName
from kg.vocab import OX, PREFIXES

__all__ = [
    "QUAD_FORMATS",
    "REFERENCE_GRAPHS",
    "TRIPLE_FORMATS",
    "BackupError",
    "dump",
    "file_graph",
    "load",
    "load_files",
    "read",
    "read_all",
    "refuse_reference_graphs",
]

#: File suffixes of the formats that carry named graphs.
QUAD_FORMATS = {".nq": RdfFormat.N_QUADS, ".nquads": RdfFormat.N_QUADS, ".trig": RdfFormat.TRIG}
#: File suffixes of the formats that carry one graph.
TRIPLE_FORMATS = {
    ".ttl": RdfFormat.TURTLE,
    ".nt": RdfFormat.N_TRIPLES,
    ".jsonld": RdfFormat.JSON_LD,
}
_DUMP_FORMATS = {".nq": RdfFormat.N_QUADS, ".nquads": RdfFormat.N_QUADS, ".trig": RdfFormat.TRIG}
_POSITION = re.compile(r"^Parser error at line (\d+)[^:]*: (.*?)(?: \(line \d+\))?$", re.S)

Graphs = dict[GraphName, list[Quad]]

#: The graphs ``KnowledgeGraph`` loads from the packaged ontology files, with what they hold.
REFERENCE_GRAPHS: dict[NamedNode, str] = {
    OX.ONTOLOGY_GRAPH: "the ontology with the CAMEO and PLOVER schemes",
    OX.REFERENCE_GRAPH: "the reference actors",
}


def file_graph(data: bytes) -> NamedNode:
    """The graph a triple file goes into when no graph is given: named after its SHA-256.

    >>> file_graph(b"").value
    'https://w3id.org/diplomatic-kg/graph/file/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    """
    return OX.FILE_GRAPHS[hashlib.sha256(data).hexdigest()]


def _one_line(path: Path, exc: Exception) -> str:
    text = " ".join(str(exc).split())
    match = _POSITION.match(text)
    if match:
        return f"{path}:{match.group(1)}: {match.group(2)}"
    return f"{path}: {text}"


def read(path: str | Path, *, into: str | None = None) -> Graphs:
    """Parse one file into its graphs; nothing is written.

    Raises
    ------
    BackupError
        An unknown suffix, an unreadable file, a syntax error (``FILE:LINE: message``), a
        graph named by a blank node, or an ``into`` that is not an IRI.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "one.ttl"
    >>> _ = path.write_text("<https://e.org/s> <https://e.org/p> 1 .")
    >>> [(g.value, len(quads)) for g, quads in read(path, into="https://e.org/g").items()]
    [('https://e.org/g', 1)]
    >>> read(path.with_suffix(".csv"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.BackupError: ...one.csv: unknown format '.csv' (known: ...)
    """
    path = Path(path)
    suffix = path.suffix.lower()
    fmt = QUAD_FORMATS.get(suffix) or TRIPLE_FORMATS.get(suffix)
    if fmt is None:
        known = ", ".join([*QUAD_FORMATS, *TRIPLE_FORMATS])
        raise BackupError(f"{path}: unknown format {suffix or '(no suffix)'!r} (known: {known})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BackupError(f"{path}: {exc.strerror or exc}") from exc
    target: GraphName
    if into is not None:
        try:
            target = NamedNode(into)
        except ValueError as exc:
            raise BackupError(f"--into {into!r} is not an IRI: {exc}") from exc
    elif suffix in QUAD_FORMATS:
        target = DefaultGraph()  # no hash of a dump that may be gigabytes
    else:
        target = file_graph(data)
    graphs: Graphs = {}
    try:
        for item in parse(data, format=fmt, base_iri=path.absolute().as_uri()):
            name = item.graph_name if isinstance(item, Quad) else DefaultGraph()
            if isinstance(name, BlankNode):
                raise BackupError(
                    f"{path}: a graph named by a blank node ({name}) is not supported"
                )
            graph = target if isinstance(name, DefaultGraph) else name
            graphs.setdefault(graph, []).append(
                Quad(item.subject, item.predicate, item.object, graph)
            )
    except (SyntaxError, ValueError) as exc:
        if isinstance(exc, BackupError):
            raise
        raise BackupError(_one_line(path, exc)) from exc
    return graphs


def load(
    graph: KnowledgeGraph, path: str | Path, *, into: str | None = None, force: bool = False
) -> int:
    """Load a ``.nq``/``.trig`` (quads) or ``.ttl``/``.nt``/``.jsonld`` (triples) file.

    Each graph of the file replaces the store's graph of that name (one transaction in the
    embedded store); triples go into ``into`` or the file's SHA-256 graph (see
    ``file_graph``). A reference graph that differs from the store's is refused
    (``BackupError``) unless ``force``. Returns the number of distinct quads loaded.

    Raises
    ------
    BackupError
        The file cannot be read (see ``read``), or it would change a reference graph and
        not ``force``.
    ReadOnlyStoreError
        The store is read-only.

    Examples
    --------
    >>> import tempfile
    >>> from kg import KnowledgeGraph
    >>> path = Path(tempfile.mkdtemp()) / "one.ttl"
    >>> _ = path.write_text("<https://e.org/s> <https://e.org/p> 1 .")
    >>> kg = KnowledgeGraph.memory()
    >>> load(kg, path, into="https://e.org/g")
    1
    >>> len(list(kg.store.quads(NamedNode("https://e.org/g"))))
    1
    """
    return load_files(graph, [Path(path)], into=into, force=force)


def load_files(
    graph: KnowledgeGraph,
    paths: Iterable[str | Path],
    *,
    into: str | None = None,
    force: bool = False,
) -> int:
    """Load several files at once: all are read, and checked against the reference graphs,
    before anything is written.

    Raises
    ------
    BackupError
        A file cannot be read (see ``read``), or the files would change a reference graph
        and not ``force``; nothing is written.
    ReadOnlyStoreError
        The store is read-only.

    Examples
    --------
    >>> import tempfile
    >>> from kg import KnowledgeGraph
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ("a.ttl", "b.ttl"):
    ...     _ = (folder / name).write_text(f"<https://e.org/{name}> <https://e.org/p> 1 .")
    >>> load_files(KnowledgeGraph.memory(), [folder / "a.ttl", folder / "b.ttl"])
    2
    """
    graphs = refuse_reference_graphs(graph, read_all(paths, into=into), force=force)
    graph.store.replace_graphs(graphs)
    return sum(len(quads) for quads in graphs.values())


def _same_content(ours: list[Quad], theirs: list[Quad]) -> bool:
    """The same quads, blank node labels aside (the ontology has a few)."""
    if set(ours) == set(theirs):
        return True
    if len(set(ours)) != len(set(theirs)):
        return False
    datasets = []
    for quads in (ours, theirs):
        dataset = Dataset(quads)
        dataset.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)
        datasets.append(dataset)
    return datasets[0] == datasets[1]


def refuse_reference_graphs(graph: KnowledgeGraph, graphs: Graphs, *, force: bool) -> Graphs:
    """``graphs`` to write, or a ``BackupError`` naming the first reference graph they would
    change (unless ``force``). A reference graph identical to the store's is kept: writing
    it changes nothing.

    Raises
    ------
    BackupError
        ``graphs`` would change a reference graph, and not ``force``.

    Examples
    --------
    >>> from kg import KnowledgeGraph
    >>> from kg.vocab import OX
    >>> kg = KnowledgeGraph.memory()
    >>> same = {OX.REFERENCE_GRAPH: list(kg.store.quads(OX.REFERENCE_GRAPH))}
    >>> refuse_reference_graphs(kg, same, force=False) is same
    True
    >>> refuse_reference_graphs(kg, {OX.REFERENCE_GRAPH: []}, force=False)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.BackupError: the files would replace the reference graph <...> (the reference...
    """
    if force:
        return graphs
    for name, what in REFERENCE_GRAPHS.items():
        theirs = graphs.get(name)
        if theirs is None:
            continue
        ours = list(graph.store.quads(name))
        if ours and not _same_content(ours, theirs):
            raise BackupError(
                f"the files would replace the reference graph <{name.value}> ({what}: "
                f"{len(ours):,} triples in the store, {len(theirs):,} in the files); "
                "pass --force to replace it"
            )
    return graphs


def read_all(paths: Iterable[str | Path], *, into: str | None = None) -> Graphs:
    """Read several files into one set of graphs (a graph in two files gets both parts).

    Raises
    ------
    BackupError
        A file cannot be read (see ``read``).
    """
    graphs: Graphs = {}
    for path in paths:
        for name, quads in read(path, into=into).items():
            graphs.setdefault(name, []).extend(quads)
    return {name: list(dict.fromkeys(quads)) for name, quads in graphs.items()}


def dump(graph: KnowledgeGraph, destination: str | Path) -> int:
    """Write every quad of the store to ``destination`` (``.nq``: N-Quads, ``.trig``: TriG),
    atomically; returns the number of quads written.

    Raises
    ------
    BackupError
        ``destination`` is not ``.nq`` or ``.trig`` (a dump keeps named graphs).

    Examples
    --------
    >>> import tempfile
    >>> from kg import KnowledgeGraph
    >>> kg = KnowledgeGraph.memory()
    >>> path = Path(tempfile.mkdtemp()) / "kg.nq"
    >>> dump(kg, path) == len(path.read_text(encoding="utf-8").splitlines()) > 0
    True
    >>> dump(kg, path.with_suffix(".ttl"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.BackupError: ...kg.ttl: a dump keeps named graphs, so it is N-Quads (.nq) or TriG ...
    """
    destination = Path(destination)
    fmt = _DUMP_FORMATS.get(destination.suffix.lower())
    if fmt is None:
        raise BackupError(
            f"{destination}: a dump keeps named graphs, so it is N-Quads (.nq) or TriG (.trig)"
        )
    count = 0

    def counted(quads: Iterator[Quad]) -> Iterator[Quad]:
        nonlocal count
        for quad in quads:
            count += 1
            yield quad

    with atomic_writer(destination) as output:
        serialize(counted(graph.store.quads()), output, format=fmt, prefixes=dict(PREFIXES))
    return count
