"""Blocking and pairwise scoring of two accounts.

Blocking keeps only pairs worth scoring: compatible kinds (a state agency may call a
strike an explosion or sabotage), dates within a window, and the same country or the
same normalised place. The score then weighs place-name similarity (with transliteration
variants such as Kiev/Kyiv), perpetrator agreement, means, casualty figures and the
distance in days. Every feature is general: nothing here names an episode.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.fusion.accounts import Account, Range

__all__ = ["DEFAULT_WINDOW", "blocked", "compatible_kinds", "place_similarity", "place_tokens",
           "score"]

DEFAULT_WINDOW = 2

#: Kinds one source may give where another gives the other: a strike reported as an
#: explosion (a state agency denying it was hit) or as sabotage.
_VIOLENT = frozenset({"strike", "explosion", "sabotage"})

#: Transliteration and spelling variants of place names, to one spelling.
VARIANTS = {
    "kiev": "kyiv",
    "kharkov": "kharkiv",
    "odessa": "odesa",
    "nikolaev": "mykolaiv",
    "nikolayev": "mykolaiv",
    "zaporozhye": "zaporizhzhia",
    "zaporozhzhia": "zaporizhzhia",
    "dnipropetrovsk": "dnipro",
    "krivoy": "kryvyi",
    "rog": "rih",
    "lvov": "lviv",
    "rovno": "rivne",
    "chernigov": "chernihiv",
    "kramatorsk": "kramatorsk",
    "przewodów": "przewodow",
    # Adjectives of countries and regions, to the name.
    "ukrainian": "ukraine",
    "russian": "russia",
    "israeli": "israel",
    "iranian": "iran",
    "iraqi": "iraq",
    "syrian": "syria",
    "polish": "poland",
    "crimean": "crimea",
}

#: Words that say where within a place, not which place.
_STOP_WORDS = """
    the of in on at near and an city town village region oblast province district
    northern southern eastern western north south east west central outskirts
    suburb suburbs centre center area areas across several other cities parts part
"""
_STOP = frozenset(_STOP_WORDS.split())


@lru_cache(maxsize=65536)
def place_tokens(place: str | None) -> frozenset[str]:
    """The words that name a place, lower case, accents off, variants spelt one way.

    >>> sorted(place_tokens("northern outskirts of Kharkov"))
    ['kharkiv']
    >>> sorted(place_tokens("Kiev")) == sorted(place_tokens("Kyiv"))
    True
    """
    if not place:
        return frozenset()
    text = unicodedata.normalize("NFKD", place.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = [w for w in re.findall(r"[a-z0-9]+", text) if len(w) > 1]
    return frozenset(VARIANTS.get(w, w) for w in words if w not in _STOP)


def place_similarity(
    a: str | None, b: str | None, country_a: str | None = None, country_b: str | None = None
) -> float | None:
    """Overlap of two place names' words over the shorter one; None when one is unknown.

    A place that only names the event's country ("Israel", "cities across Ukraine") is
    vague, not different: against a named place within it, it scores 0.5.

    >>> place_similarity("Kyiv", "Kiev"), place_similarity("Kharkiv", "Belgorod")
    (1.0, 0.0)
    >>> place_similarity("Israel", "Nevatim air base", "Israel", "Israel")
    0.5
    """
    ta, tb = place_tokens(a), place_tokens(b)
    if not ta or not tb:
        return None
    vague_a = bool(country_a) and ta <= place_tokens(country_a)
    vague_b = bool(country_b) and tb <= place_tokens(country_b)
    if vague_a != vague_b:
        return 0.5
    return len(ta & tb) / min(len(ta), len(tb))


def compatible_kinds(a: str, b: str) -> bool:
    """Whether two accounts' kinds may describe one event."""
    return a == b or (a in _VIOLENT and b in _VIOLENT)


def blocked(a: Account, b: Account, window: int = DEFAULT_WINDOW) -> bool:
    """Whether a pair passes blocking (and so is scored at all)."""
    if a.doc == b.doc or not compatible_kinds(a.kind, b.kind):
        return False
    if a.date is None or b.date is None or abs((a.date - b.date).days) > window:
        return False
    if a.country is not None and b.country is not None:
        return a.country == b.country
    return bool(place_tokens(a.place) & place_tokens(b.place)) or (
        a.country is None or b.country is None
    )


def _overlap(xs: tuple[Range, ...], ys: tuple[Range, ...]) -> float | None:
    """How close two accounts' tolls are: 1 when ranges overlap, less as they drift
    apart (tolls rise over days, so a ratio, not a difference), None when one has none."""
    if not xs or not ys:
        return None
    best = 0.0
    for lo1, hi1 in xs:
        for lo2, hi2 in ys:
            h1, h2 = hi1 if hi1 is not None else lo1, hi2 if hi2 is not None else lo2
            if lo1 <= h2 and lo2 <= h1:
                return 1.0
            small, large = min(h1, h2), max(lo1, lo2)
            best = max(best, (small + 1) / (large + 1))
    return best


def score(a: Account, b: Account) -> float:
    """The evidence that two accounts tell one event, roughly in [-2, 3]."""
    total = 0.0
    similarity = place_similarity(a.place, b.place, a.country_name, b.country_name)
    if similarity is not None:
        total += 1.5 * similarity - 0.75
    if a.country is not None and b.country is not None:
        total += 0.5 if a.country == b.country else -2.0
    total += 0.3 if a.kind == b.kind else -0.2
    if a.date is not None and b.date is not None:
        total += (0.5, -0.4, -1.0)[min(abs((a.date - b.date).days), 2)]
    if a.perpetrators and b.perpetrators:
        total += 0.4 if a.perpetrators & b.perpetrators else -0.4
    if a.means and b.means:
        total += 0.2 if a.means & b.means else -0.2
    killed = _overlap(a.killed, b.killed)
    if killed is not None:
        total += 0.6 * killed - 0.2
    return total
