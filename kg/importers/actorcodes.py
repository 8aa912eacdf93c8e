"""Dataset actors → reference actors, without inventing new ones.

A reaction counts for a state or an international organisation (``dkg:agent``). The
datasets code the *body* that spoke: GDELT's ``RUSGOV`` is "the Russian government",
``USAMIL`` "the US military", ICEWS names "Foreign Affairs (Bangladesh)". Such a body is
resolved to the state it speaks for, and the kind of body is kept as a CAMEO actor type
(``GOV``, ``MIL``, ``COP``, ``JUD``, ``SPY``, ``LEG``: :data:`STATE_ORGANS`), which
``kg.importers.nquads`` writes as ``dkg:speakerType cameoactor:GOV`` on the reaction. That
way the many generic bodies of the datasets (every country times every type) need no actor
of their own; only when the dataset names a body or a person that ``ontology/actors.ttl``
knows (``RUS.MFA``, ``RUS.PUTIN``) is it recorded as the ``dkg:speaker``.

Actors that do not speak for a state (opposition, rebels, media, business, civilians,
regions such as ``AFR``) resolve to nothing: their events are kept, without that actor.

>>> resolver = ActorResolver()
>>> resolver.cameo("RUS", "", ("GOV",))
ResolvedActor(actor='RUS', role='GOV', speaker=None)
>>> resolver.cameo("EUR", "EEC", ("IGO",)).actor
'EU'
>>> resolver.cameo("RUS", "", ("MED",)) is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.actors import ActorRegistry
from kg.importers.geo import COUNTRY_NAME_ALIASES, FIPS_TO_ISO3
from kg.model import ActorKind

__all__ = ["STATE_ORGANS", "ActorResolver", "ResolvedActor"]

#: CAMEO actor types of bodies that speak for their state.
STATE_ORGANS = frozenset({"GOV", "MIL", "COP", "JUD", "SPY", "LEG"})

#: ICEWS sectors of state bodies; any "... Ministry" sector counts too.
_ICEWS_STATE_SECTORS = frozenset(
    {
        "Government", "Executive", "Executive Office", "Cabinet", "Legislative / Parliamentary",
        "Lower House", "Upper House", "Unicameral", "Judicial", "Military", "Army", "Navy",
        "Air Force", "Marines", "Military Intelligence", "Intelligence", "Police",
    }
)  # fmt: skip
#: ICEWS sectors of actors that oppose or escape the state, even inside it.
_ICEWS_NON_STATE_SECTORS = frozenset(
    {
        "Dissident", "Protestors / Popular Opposition / Mobs", "Insurgents", "Rebels",
        "Separatists", "Opposition Major Party (Out Of Government)",
        "Opposition Minor Party (Out Of Government)", "Criminals / Gangs",
        "Unidentified Forces", "Radicals / Extremists / Fundamentalists",
    }
)  # fmt: skip
_MILITARY = frozenset({"Military", "Army", "Navy", "Air Force", "Marines"})
_LEGISLATIVE = frozenset(
    {"Legislative / Parliamentary", "Lower House", "Upper House", "Unicameral"}
)
#: ACLED's names of state forces: "Military Forces of Russia (2000-)".
_ACLED_STATE = re.compile(
    r"^(?P<body>Military Forces|Police Forces|Government) of (?P<country>[^()]+?)\s*\(\d{4}-"
)
_ACLED_ROLE = {"Military Forces": "MIL", "Police Forces": "COP", "Government": "GOV"}
_CACHE_LIMIT = 50_000


@dataclass(frozen=True)
class ResolvedActor:
    """A dataset actor as the reference actor it counts for.

    ``actor`` is a state or an international organisation; ``role`` the CAMEO type of the
    body that acted for it; ``speaker`` a reference body or person, when one is named.
    """

    actor: str
    role: str | None = None
    speaker: str | None = None


class ActorResolver:
    """Resolves the actor codes and names of GDELT, ICEWS, PLOVER and ACLED.

    Results are cached (a bounded cache: the datasets repeat a few thousand actors).
    """

    def __init__(self, registry: ActorRegistry | None = None) -> None:
        self.registry = registry or ActorRegistry.default()
        self._cache: dict[tuple[str, ...], ResolvedActor | None] = {}

    def _cached(self, key: tuple[str, ...]) -> tuple[bool, ResolvedActor | None]:
        if key in self._cache:
            return True, self._cache[key]
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        return False, None

    # ------------------------------------------------------------------ states

    def _principal(self, actor_id: str | None, kinds: tuple[ActorKind, ...]) -> str | None:
        if actor_id is None:
            return None
        actor = self.registry.get(actor_id)
        return actor.id if actor is not None and actor.kind in kinds else None

    def state(self, iso3: str) -> str | None:
        """The state with this ISO alpha-3 id.

        >>> ActorResolver().state("UKR"), ActorResolver().state("XXX")
        ('UKR', None)
        """
        return self._principal(iso3.strip().upper() or None, (ActorKind.STATE,))

    def state_by_name(self, name: str) -> str | None:
        """The state a country name denotes (``"Russian Federation"`` → ``RUS``).

        >>> ActorResolver().state_by_name("Occupied Palestinian Territory")
        'PSE'
        """
        name = name.strip()
        if not name or name == "NA":
            return None
        alias = COUNTRY_NAME_ALIASES.get(name.casefold())
        if alias is not None:
            return alias
        states = [a.id for a in self.registry.lookup(name) if a.kind is ActorKind.STATE]
        return states[0] if len(states) == 1 else None

    def state_by_fips(self, code: str) -> str | None:
        """The state of a FIPS 10-4 country code (GDELT's geography columns).

        >>> ActorResolver().state_by_fips("UP")
        'UKR'
        """
        return self.state(FIPS_TO_ISO3.get(code.strip().upper(), ""))

    def _igo_by_name(self, name: str) -> str | None:
        igos = [a.id for a in self.registry.lookup(name) if a.kind is ActorKind.IGO]
        return igos[0] if len(igos) == 1 else None

    # ------------------------------------------------------------------ CAMEO (GDELT)

    def cameo(self, country: str, known_group: str, types: tuple[str, ...]) -> ResolvedActor | None:
        """A CAMEO-coded actor (GDELT's ``Actor1CountryCode``, ``Actor1KnownGroupCode``,
        ``Actor1Type1Code``...).

        A known group that is a reference organisation (``EEC`` → EU, ``UNO`` → UN, ``NAT``
        → NATO) is that organisation; a country with no type, or with state-organ types only,
        is that state, the first type being the role.

        >>> ActorResolver().cameo("USA", "", ())
        ResolvedActor(actor='USA', role=None, speaker=None)
        >>> ActorResolver().cameo("UKR", "", ("GOV", "MED")) is None
        True
        """
        key = ("cameo", country, known_group, *types)
        hit, value = self._cached(key)
        if hit:
            return value
        resolved: ResolvedActor | None = None
        if known_group:
            igo = self.registry.by_cameo(known_group)
            if igo is not None and igo.kind is ActorKind.IGO:
                resolved = ResolvedActor(igo.id)
        elif country:
            state = self.registry.by_cameo(country)
            roles = [t for t in types if t]
            is_state = state is not None and state.kind is ActorKind.STATE
            if state is not None and is_state and all(t in STATE_ORGANS for t in roles):
                resolved = ResolvedActor(state.id, roles[0] if roles else None)
        self._cache[key] = resolved
        return resolved

    # ------------------------------------------------------------------ ICEWS

    def icews(self, name: str, sectors: str, country: str) -> ResolvedActor | None:
        """An ICEWS actor from its name, sectors (comma-separated) and country.

        >>> r = ActorResolver()
        >>> r.icews("Foreign Affairs (Russia)", "Executive,Foreign Ministry,Government",
        ...         "Russian Federation")
        ResolvedActor(actor='RUS', role='GOV', speaker='RUS.MFA')
        >>> r.icews("United Nations", "International Government Organization", "NA").actor
        'UN'
        >>> r.icews("Citizen (Japan)", "General Population / Civilian / Social", "Japan") is None
        True
        """
        key = ("icews", name, sectors, country)
        hit, value = self._cached(key)
        if hit:
            return value
        value = self._icews(name.strip(), {s.strip() for s in sectors.split(",")}, country)
        self._cache[key] = value
        return value

    def _icews(self, name: str, sectors: set[str], country: str) -> ResolvedActor | None:
        state = self.state_by_name(country)
        if state is None:
            if "International Government Organization" in sectors or sectors <= {"NA", ""}:
                igo = self._igo_by_name(name)
                return ResolvedActor(igo) if igo is not None else None
            return None
        if name == country.strip() or self.state_by_name(name) == state:
            return ResolvedActor(state)
        state_sectors = sectors & _ICEWS_STATE_SECTORS or {
            s for s in sectors if s.endswith("Ministry")
        }
        if not state_sectors or sectors & _ICEWS_NON_STATE_SECTORS:
            return None
        if "Police" in sectors:
            role = "COP"
        elif "Judicial" in sectors:
            role = "JUD"
        elif sectors & _MILITARY and not sectors & {"Government", "Executive"}:
            role = "MIL"
        elif sectors & _LEGISLATIVE and not sectors & {"Executive", "Cabinet"}:
            role = "LEG"
        else:
            role = "GOV"
        return ResolvedActor(state, role, self._icews_speaker(name, sectors, state))

    def _icews_speaker(self, name: str, sectors: set[str], state: str) -> str | None:
        for sector, suffix in (("Foreign Ministry", "MFA"), ("Defense / Security Ministry", "MOD")):
            if sector in sectors and f"{state}.{suffix}" in self.registry:
                return f"{state}.{suffix}"
        for actor in self.registry.lookup(name):
            speaks = actor.kind in (ActorKind.BODY, ActorKind.PERSON)
            if speaks and self.registry.principal(actor.id).id == state:
                return actor.id
        return None

    # ------------------------------------------------------------------ PLOVER

    def plover(self, code: str, sector: str, text: str) -> ResolvedActor | None:
        """A PLOVER actor: ``code`` an ISO alpha-3 or CAMEO country code (or ``IGO`` with
        the organisation's name in ``text``), ``sector`` a CAMEO actor type.

        >>> ActorResolver().plover("HUN", "GOV", "Hungarian officials")
        ResolvedActor(actor='HUN', role='GOV', speaker=None)
        >>> ActorResolver().plover("IGO", "", "United Nations").actor
        'UN'
        """
        code, sector = code.strip().upper(), sector.strip().upper()
        if code == "IGO":
            igo = self._igo_by_name(text)
            return ResolvedActor(igo) if igo is not None else None
        state = self.state(code)
        if state is None:
            by_cameo = self.registry.by_cameo(code) if code else None
            if by_cameo is not None and by_cameo.kind in (ActorKind.STATE, ActorKind.IGO):
                state = by_cameo.id
        if state is None or (sector and sector not in STATE_ORGANS):
            return None
        return ResolvedActor(state, sector or None)

    # ------------------------------------------------------------------ ACLED

    def acled(self, name: str) -> ResolvedActor | None:
        """An ACLED actor: state forces ("Military Forces of Russia (2000-)") resolve to
        their state; an organisation ("NATO: North Atlantic Treaty Organization") to itself.

        >>> ActorResolver().acled("Military Forces of Ukraine (2019-)")
        ResolvedActor(actor='UKR', role='MIL', speaker=None)
        >>> ActorResolver().acled("Civilians (Ukraine)") is None
        True
        """
        match = _ACLED_STATE.match(name.strip())
        if match:
            state = self.state_by_name(match["country"])
            return ResolvedActor(state, _ACLED_ROLE[match["body"]]) if state else None
        head = name.split(":", 1)[0].strip()
        igo = self._igo_by_name(head) if ":" in name else None
        return ResolvedActor(igo) if igo is not None else None
