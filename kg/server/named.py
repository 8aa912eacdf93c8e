"""The named queries as the server plans and lists them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kg.queries import NamedQuery, named_queries
from kg.results import Term

if TYPE_CHECKING:  # pragma: no cover
    from kg.actors import ActorRegistry


def plan_named_query(
    name: str, params: Mapping[str, str], registry: ActorRegistry
) -> tuple[str, dict[str, Term]]:
    """The SPARQL text and bound terms of a named query, bound as ``KnowledgeGraph.run``
    binds them (``NamedQuery.bind`` with the registry's actors): the server runs the query
    in a worker process.

    Raises
    ------
    KeyError
        An unknown query name.
    ParamError
        A bad, unknown or missing parameter, or an unknown actor.

    Examples
    --------

    >>> from kg.actors import ActorRegistry
    >>> sparql, bound = plan_named_query("who-blames-whom", {"agent": "RUS"},
    ...                                  ActorRegistry.default())
    >>> bound["agent"].value
    'https://w3id.org/diplomatic-kg/id/actor/RUS'
    """
    query = named_queries()[name]
    return query.sparql, query.bind(params, actor=registry.param_term)


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
