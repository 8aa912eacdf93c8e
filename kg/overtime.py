"""The signed actor graph over time: structural balance, communities and bloc alignment,
month by month (``kg analyze --by month``).

The input is the ``json`` view (as for :mod:`kg.analysis`), whose reactions carry their
dates; a reaction without a date is left out. Each month's reactions make a signed graph
(``kg.analysis.signed_graph``), whose triangle census is its **balance** and whose
positive ties, split by Louvain (seed ``kg.analysis.SEED``), its **communities** (actors
with no signed tie that month are left out).

**Bloc alignment** compares who reacts with whom against membership of a bloc (NATO,
EU, G7) at each date. An actor's *stance* on a target in a month is the sign of its
positive reactions (support, solidarity) minus its negative ones (condemnation, blame,
threat) to it; two actors with a stance on the same target are *aligned* when the signs
agree and *opposed* when they differ. An actor counts as a member in a month when it was
a member on the day of one of its reactions that month (Finland's reactions of 2022 are
not a NATO member's, those of 2024 are). For each bloc: ``cohesion``, the share of
aligned pairs among the (pair, target) instances of two members, and ``outside``, the
same share for a member and a non-member; None when there is no such instance.

>>> view = {"actors": [], "events": [], "reactions": [
...     {"type": "condemns", "agent": {"code": "A"}, "target": {"code": "C"},
...      "date": "2024-01-05"},
...     {"type": "condemns", "agent": {"code": "B"}, "target": {"code": "C"},
...      "date": "2024-01-09"}]}
>>> month = by_month(view, {"X": [("A", None, None), ("B", "2024-01-08", None)]})[0]
>>> month["month"], month["blocs"]["X"]["cohesion"], month["blocs"]["X"]["aligned"]
('2024-01', 1.0, 1)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from itertools import combinations
from typing import Any, Final

import networkx as nx

from kg.analysis import NEGATIVE_TYPES, POSITIVE_TYPES, SEED, balance, signed_graph, to_networkx
from kg.results import Results

__all__ = ["BLOCS", "Membership", "bloc_alignment", "by_month", "memberships", "months_text"]

#: The blocs compared by default.
BLOCS: Final = ("NATO", "EU", "G7")
#: A membership: the member's code, its first and last day (ISO dates; None: open).
Membership = tuple[str, str | None, str | None]


def memberships(
    run: Callable[..., Results], blocs: Iterable[str] = BLOCS
) -> dict[str, list[Membership]]:
    """Each bloc's dated memberships, from the named query ``bloc-members``."""
    found: dict[str, list[Membership]] = {}
    for bloc in blocs:
        rows = run("bloc-members", bloc=bloc).records()
        found[bloc] = [
            (r["code"], _iso(r["from"]), _iso(r["to"])) for r in rows
        ]
    return found


def _iso(value: object) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else None


def _member_on(spans: list[Membership], code: str, day: str) -> bool:
    return any(
        member == code and (start is None or start <= day) and (end is None or day <= end)
        for member, start, end in spans
    )


def _code(ref: Mapping[str, Any] | None) -> str | None:
    return None if ref is None else ref.get("code")


def bloc_alignment(
    reactions: Iterable[Mapping[str, Any]], spans: list[Membership]
) -> dict[str, Any]:
    """One bloc's alignment in a set of dated reactions (see the module): the members
    that reacted, the aligned and opposed (pair, target) instances among members and
    between members and others, ``cohesion`` and ``outside``."""
    net: dict[tuple[str, str], int] = {}
    days: dict[str, list[str]] = {}
    for r in reactions:
        agent, target = _code(r.get("agent")), _code(r.get("target"))
        if agent is None or target is None or agent == target:
            continue
        sign = 1 if r["type"] in POSITIVE_TYPES else -1 if r["type"] in NEGATIVE_TYPES else 0
        if sign:
            net[(agent, target)] = net.get((agent, target), 0) + sign
            days.setdefault(agent, []).append(str(r["date"]))
    members = sorted(a for a, ds in days.items() if any(_member_on(spans, a, d) for d in ds))
    by_target: dict[str, dict[str, int]] = {}
    for (agent, target), value in net.items():
        if value:
            by_target.setdefault(target, {})[agent] = 1 if value > 0 else -1
    counts = {"aligned": 0, "opposed": 0, "outside_aligned": 0, "outside_opposed": 0}
    for target in sorted(by_target):
        stances = by_target[target]
        for a, b in combinations(sorted(stances), 2):
            inside = (a in members) + (b in members)
            if inside == 0:
                continue
            prefix = "" if inside == 2 else "outside_"
            same = stances[a] == stances[b]
            counts[prefix + ("aligned" if same else "opposed")] += 1
    return {
        "members": members,
        **counts,
        "cohesion": _share(counts["aligned"], counts["opposed"]),
        "outside": _share(counts["outside_aligned"], counts["outside_opposed"]),
    }


def _share(yes: int, no: int) -> float | None:
    return None if yes + no == 0 else round(yes / (yes + no), 6)


def _communities(S: nx.Graph) -> list[list[str]]:
    """Louvain communities of the positive ties among the actors with a signed tie."""
    positive = nx.Graph()
    positive.add_nodes_from(n for n in S if S.degree(n) > 0)
    positive.add_edges_from(
        (u, v, {"weight": d["positive"]}) for u, v, d in S.edges(data=True) if d["sign"] > 0
    )
    found = nx.community.louvain_communities(positive, weight="weight", seed=SEED)
    return sorted((sorted(str(n) for n in g) for g in found), key=lambda g: (-len(g), g))


def by_month(
    view: Mapping[str, Any], blocs: Mapping[str, list[Membership]] | None = None
) -> list[dict[str, Any]]:
    """Balance, communities and bloc alignment of each month with dated reactions, in
    order: ``[{"month", "reactions", "actors", "ties", "balance", "communities",
    "blocs": {bloc: alignment}}]``."""
    months: dict[str, list[Mapping[str, Any]]] = {}
    for reaction in view.get("reactions") or ():
        if reaction.get("date"):
            months.setdefault(str(reaction["date"])[:7], []).append(reaction)
    report = []
    for month in sorted(months):
        reactions = months[month]
        S = signed_graph(to_networkx({**view, "reactions": reactions}))
        report.append(
            {
                "month": month,
                "reactions": len(reactions),
                "actors": sum(1 for n in S if S.degree(n) > 0),
                "ties": S.number_of_edges(),
                "balance": balance(S),
                "communities": _communities(S),
                "blocs": {
                    name: bloc_alignment(reactions, spans)
                    for name, spans in (blocs or {}).items()
                },
            }
        )
    return report


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def months_text(report: list[dict[str, Any]]) -> str:
    """The report of ``by_month`` as the lines ``kg analyze --by month`` prints."""
    lines = []
    for m in report:
        b = m["balance"]
        lines.append(
            f"{m['month']}  reactions {m['reactions']}  actors {m['actors']}  "
            f"signed ties {m['ties']}  triangles {b['triangles']} "
            f"(balanced {b['balanced']}, ratio {_figure(b['ratio'])})"
        )
        groups = " ".join("[" + " ".join(g) + "]" for g in m["communities"])
        lines.append(f"  communities: {groups or '-'}")
        for name, a in m["blocs"].items():
            if not a["members"]:
                continue
            lines.append(
                f"  {name}: {len(a['members'])} member(s) reacting ({' '.join(a['members'])}); "
                f"cohesion {_figure(a['cohesion'])} ({a['aligned']} aligned, "
                f"{a['opposed']} opposed); with others {_figure(a['outside'])} "
                f"({a['outside_aligned']} aligned, {a['outside_opposed']} opposed)"
            )
    return "\n".join(lines)
