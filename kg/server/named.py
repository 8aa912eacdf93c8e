"""The named queries as the server plans and lists them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from pyoxigraph import (
    NamedNode,
    Triple,
)

from kg.queries import NamedQuery, ParamError, named_queries
from kg.results import Results, Term
from kg.store import KGStore

if TYPE_CHECKING:  # pragma: no cover
    from kg.actors import ActorRegistry

# --------------------------------------------------------------------------- named queries


class _Planner(KGStore):
    """A store that runs nothing: it records the SELECT ``KnowledgeGraph.run`` would run.

    The server runs queries in worker processes; planning through ``KnowledgeGraph.run``
    keeps its parameter binding (declared kinds, known actors) the one binding there is.
    """

    read_only = True

    def __init__(self) -> None:
        self.planned: tuple[str, dict[str, Term]] | None = None

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Results:
        self.planned = (sparql, dict(bindings or {}))
        return Results([], [])

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        raise NotImplementedError("the planner only records SELECT queries")

    def construct(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[Triple]:
        raise NotImplementedError("the planner only records SELECT queries")

    def replace_graph(self, graph: NamedNode, quads: Iterable[Any]) -> None:
        raise NotImplementedError("the planner writes nothing")

    def drop_graph(self, graph: NamedNode) -> None:
        raise NotImplementedError("the planner writes nothing")

    def replace_graphs(self, graphs: Mapping[Any, Iterable[Any]]) -> None:
        raise NotImplementedError("the planner writes nothing")

    def quads(self, graph: Any = None) -> Any:
        raise NotImplementedError("the planner holds nothing")

    def graphs(self) -> list[NamedNode]:
        raise NotImplementedError("the planner holds nothing")


def plan_named_query(
    name: str, params: Mapping[str, str], registry: ActorRegistry
) -> tuple[str, dict[str, Term]]:
    """The SPARQL text and bound terms of a named query, bound by ``KnowledgeGraph.run``.

    ``KeyError`` for an unknown name, ``ParamError`` for a bad or unknown parameter.

    >>> from kg.actors import ActorRegistry
    >>> sparql, bound = plan_named_query("who-blames-whom", {"agent": "RUS"},
    ...                                  ActorRegistry.default())
    >>> bound["agent"].value
    'https://w3id.org/diplomatic-kg/id/actor/RUS'
    """
    from kg.actors import UnknownActorError
    from kg.graph import KnowledgeGraph

    query = named_queries()[name]
    query.bind(params)  # unknown or missing parameters, before any keyword reaches run()
    planner = _Planner()
    try:
        KnowledgeGraph(planner, registry).run(name, **params)
    except UnknownActorError as exc:
        raise ParamError(str(exc.args[0])) from exc
    assert planner.planned is not None
    return planner.planned


def describe_named_query(query: NamedQuery) -> dict[str, Any]:
    """A named query as the ``/queries`` route lists it."""
    return {
        "name": query.name,
        "description": query.description,
        "params": [
            {
                "name": p.name,
                "kind": p.kind,
                "required": p.required,
                "default": p.default,
                "description": p.doc,
            }
            for p in query.params
        ],
        "url": f"/queries/{query.name}",
    }
