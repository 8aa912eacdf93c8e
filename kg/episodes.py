"""Episodes: canonical events, the reactions to them, and the escalation chains that join
them, read from the store (named queries ``canonical-facts`` and ``canonical-reactions``).

An **escalation chain** joins a canonical event E to a later one F (later: by the day
it happened, then by the day it was first reported, then by IRI, so the order is total
and a chain never loops) within ``horizon`` days, when the graph shows one of:

* **retaliation**: F is carried out by the state E hit (F's perpetrators include E's
  country) in a state said to have carried out E, and one document reports both;
* **a reaction carried out**: a document reports a threat, blame or condemnation of E by
  party X against party Y, and reports F too, which happened after E and was carried out
  by X in Y (the threat made good) or by Y in X (the threatened party striking first).

Of the events that follow E so, the chain keeps the most reported (most accounts), and
an event continues one chain only: a chain is a line, event after event. Nothing here
names an episode: the rules read only dates, countries, perpetrators, reaction types and
which document reports what.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kg.results import Results
from kg.vocab import ACTOR

__all__ = [
    "HORIZON",
    "HOSTILE",
    "Episode",
    "EpisodeEvent",
    "EpisodeReaction",
    "chain_links",
    "code",
    "load_episodes",
]

#: Days after an event within which a later event may continue its chain.
HORIZON = 14
#: Reaction types that may be carried out by a later event.
HOSTILE = frozenset({"threatens", "blames", "condemns"})
_ACTOR = str(ACTOR)

RunNamed = Callable[..., Results]


def code(iri: str | None) -> str | None:
    """An actor's code from its IRI (``…/id/actor/RUS.MOD`` → ``RUS.MOD``).

    >>> code("https://w3id.org/diplomatic-kg/id/actor/RUS.MOD"), code(None)
    ('RUS.MOD', None)
    """
    if iri is None:
        return None
    return iri[len(_ACTOR) :] if iri.startswith(_ACTOR) else iri


@dataclass(frozen=True)
class EpisodeEvent:
    """A canonical event as an episode shows it."""

    iri: str
    kind: str | None
    date: dt.date | None
    country: str | None
    place: str | None
    perpetrators: frozenset[str]
    accounts: int
    docs: frozenset[str]
    first_report: dt.date | None
    refs: frozenset[str] = frozenset()

    @property
    def label(self) -> str:
        """``strike in Belgorod``: the kind and the place most accounts give."""
        kind = (self.kind or "event").replace("_", " ")
        return f"{kind} in {self.place}" if self.place else kind

    def order_key(self) -> tuple[str, str, str]:
        """Events follow one another by day, then first report, then IRI."""
        day = self.date.isoformat() if self.date else "9999-12-31"
        first = self.first_report.isoformat() if self.first_report else "9999-12-31"
        return (day, first, self.iri)


@dataclass(frozen=True)
class EpisodeReaction:
    """One reaction to a canonical event, as its reports give it (one per statement:
    the same type, agent, speaker, target and day reported by several documents is one)."""

    event: str
    type: str
    agent: str
    speaker: str | None
    target: str | None
    date: dt.date | None
    second_hand: bool
    hedged: bool
    docs: tuple[str, ...]


@dataclass
class Episode:
    """The events and reactions of a store, with the chain links between events."""

    events: dict[str, EpisodeEvent]
    reactions: list[EpisodeReaction]
    links: dict[str, str] = field(default_factory=dict)

    def chain(self, start: str) -> list[EpisodeEvent]:
        """The events of the chain ``start`` belongs to, in order (itself alone when it
        is in none)."""
        neighbours: dict[str, set[str]] = {}
        for a, b in self.links.items():
            neighbours.setdefault(a, set()).add(b)
            neighbours.setdefault(b, set()).add(a)
        seen, todo = {start}, [start]
        while todo:
            for other in neighbours.get(todo.pop(), ()):
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        return sorted((self.events[i] for i in seen), key=EpisodeEvent.order_key)

    def resolve(self, ref: str) -> str:
        """The canonical event a reference names: its IRI, the hash its IRI ends with,
        an account (``doc#e1``) or a document id (its first event).

        Raises
        ------
        KeyError
            When no canonical event answers to ``ref``.
        """
        for iri, event in sorted(self.events.items()):
            if ref == iri or iri.endswith("/" + ref) or ref in event.refs:
                return iri
        firsts = sorted(
            (r.split("#", 1)[1], iri)
            for iri, event in self.events.items()
            for r in event.refs
            if r.split("#", 1)[0] == ref
        )
        if firsts:
            return firsts[0][1]
        raise KeyError(f"no canonical event for {ref!r} (run 'kg fuse' first?)")


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _events(rows: Results) -> dict[str, EpisodeEvent]:
    grouped: dict[str, list[dict[str, object]]] = {}
    for row in rows.records():
        grouped.setdefault(row["event"], []).append(row)
    events = {}
    for iri, group in grouped.items():
        head = group[0]
        places: Counter[str] = Counter()
        by_account: dict[str, str] = {}
        for row in group:
            if row["place"] is not None:
                by_account.setdefault(str(row["account"]), str(row["place"]))
        places.update(by_account.values())
        issued = [d for d in (_date(r["issued"]) for r in group) if d is not None]
        events[iri] = EpisodeEvent(
            iri=iri,
            kind=head["kind"],  # type: ignore[arg-type]
            date=_date(head["earliest"]),
            country=head["country"],  # type: ignore[arg-type]
            place=places.most_common(1)[0][0] if places else None,
            perpetrators=frozenset(str(r["perpetrator"]) for r in group if r["perpetrator"]),
            accounts=len({r["account"] for r in group}),
            docs=frozenset(str(r["doc_id"]) for r in group),
            first_report=min(issued) if issued else None,
            refs=frozenset(f"{r['doc_id']}#{r['local_id']}" for r in group),
        )
    return events


def _reactions(rows: Results) -> list[EpisodeReaction]:
    grouped: dict[tuple[object, ...], list[dict[str, object]]] = {}
    for row in rows.records():
        key = (row["event"], row["type"], row["agent"], row["speaker"], row["target"],
               _date(row["date"]))  # fmt: skip
        grouped.setdefault(key, []).append(row)
    found = []
    for (event, kind, agent, speaker, target, date), group in grouped.items():
        found.append(
            EpisodeReaction(
                event=str(event),
                type=str(kind),
                agent=str(agent),
                speaker=None if speaker is None else str(speaker),
                target=None if target is None else str(target),
                date=date if isinstance(date, dt.date) else None,
                second_hand=all(r["according_to"] is not None for r in group),
                hedged=all(r["hedged"] is True for r in group),
                docs=tuple(sorted({str(r["doc_id"]) for r in group})),
            )
        )
    return found


def _follows(e: EpisodeEvent, f: EpisodeEvent, reactions: Iterable[EpisodeReaction]) -> bool:
    """Whether F continues E's chain by one of the two rules (module docstring)."""
    both = e.docs & f.docs
    if both and e.country in f.perpetrators and f.country in e.perpetrators:
        return True
    if e.date is None or f.date is None or f.date <= e.date:
        return False
    for r in reactions:
        if r.type not in HOSTILE or r.target is None or not set(r.docs) & f.docs:
            continue
        if (r.agent in f.perpetrators and f.country == r.target) or (
            r.target in f.perpetrators and f.country == r.agent
        ):
            return True
    return False


def chain_links(
    events: dict[str, EpisodeEvent], reactions: list[EpisodeReaction], horizon: int = HORIZON
) -> dict[str, str]:
    """Event IRI → the IRI of the event that continues its chain (see the module).

    Every pair that follows by the rules is a candidate; the most reported pairs are
    taken first (accounts of the earlier event, then of the later, then their order),
    each event taking at most one successor and one predecessor, so chains are lines.
    """
    about: dict[str, list[EpisodeReaction]] = {}
    for reaction in reactions:
        about.setdefault(reaction.event, []).append(reaction)
    ordered = sorted(events.values(), key=EpisodeEvent.order_key)
    candidates: list[tuple[EpisodeEvent, EpisodeEvent]] = []
    for i, e in enumerate(ordered):
        if e.date is None:
            continue
        last = e.date + dt.timedelta(days=horizon)
        candidates.extend(
            (e, f)
            for f in ordered[i + 1 :]
            if f.date is not None and f.date <= last and _follows(e, f, about.get(e.iri, ()))
        )
    candidates.sort(key=lambda p: (-p[0].accounts, -p[1].accounts, p[0].order_key(),
                                   p[1].order_key()))  # fmt: skip
    links: dict[str, str] = {}
    taken: set[str] = set()
    for e, f in candidates:
        if e.iri not in links and f.iri not in taken:
            links[e.iri] = f.iri
            taken.add(f.iri)
    return dict(sorted(links.items(), key=lambda item: events[item[0]].order_key()))


def load_episodes(run: RunNamed, horizon: int = HORIZON) -> Episode:
    """Every canonical event of the store with its reactions and chain links."""
    events = _events(run("canonical-facts"))
    reactions = _reactions(run("canonical-reactions"))
    return Episode(events, reactions, chain_links(events, reactions, horizon))
