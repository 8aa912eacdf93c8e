"""Event codes → what a record becomes (:class:`~kg.importers.records.Kind`).

CAMEO (GDELT, ICEWS), following the ontology's alignments (``ontology/kg.ttl``):

====================  =========================  ==========================================
code                  kind                       note
====================  =========================  ==========================================
111                   condemns                   criticize or denounce
112, 1121-1125        blames                     accuse
05x                   supports                   engage in diplomatic cooperation
018                   expressesSolidarityWith    make empathetic comment
13x                   threatens                  threaten
0256, 1056            callsForCeasefire          appeal for / demand de-escalation (both
                                                 codes' usage notes name ceasefires; kg.ttl
                                                 aligns dkg:CeasefireCall to both)
19x (195 too)         strike                     use of conventional military force
anything else         other                      kept as a generic coded event
====================  =========================  ==========================================

107 is *not* a ceasefire call: GDELT's lookup table labels it "Demand ceasefire", a known
defect; in CAMEO 1.1b3 it is "demand settling of dispute" (see ``ontology/cameo.ttl``).

PLOVER: ACCUSE-disapprove → condemns, ACCUSE-allege → blames, SUPPORT → supports,
THREATEN → threatens, REQUEST-yield in a military context → callsForCeasefire (CAMEO2PLOVER
maps 1056 there), ASSAULT with an aerial, drone or heavy-weapons mode (or no mode in a
military context: CAMEO 190) → strike. The pre-1.0 names of the gold-standard records
(DISAPPROVE, FIGHT, DEMAND, INVESTIGATE) are read as the manual's CAMEO-to-PLOVER table says.

>>> [cameo_kind(code).value for code in ("111", "1122", "107", "195")]
['condemns', 'blames', 'other', 'strike']
>>> plover_event("DISAPPROVE", None, "diplomatic")
('ACCUSE-disapprove', <Kind.CONDEMNS: 'condemns'>)
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from pyoxigraph import NamedNode, RdfFormat, parse

from kg.errors import UnknownCodeError as UnknownCodeError
from kg.importers.records import Kind
from kg.vocab import PLOVER

__all__ = [
    "CAMEO_CODE",
    "VIOLENT_ROOTS",
    "UnknownCodeError",
    "acled_event",
    "cameo_kind",
    "is_violent_cameo",
    "plover_event",
]

#: What a CAMEO event code looks like: two to four digits, leading zeros kept.
CAMEO_CODE = re.compile(r"^[0-9]{2,4}$")


#: CAMEO's root codes of violence: 18 assault, 19 fight, 20 unconventional mass violence.
VIOLENT_ROOTS = frozenset({"18", "19", "20"})


def is_violent_cameo(code: str) -> bool:
    """Whether a CAMEO code is of violence (roots 18 to 20): such records keep the state
    they happened in (``dkg:country``), so canonical events can be matched to them.

    >>> is_violent_cameo("183"), is_violent_cameo("190"), is_violent_cameo("111")
    (True, True, False)
    """
    return code[:2] in VIOLENT_ROOTS


def cameo_kind(code: str) -> Kind:
    """The kind of a CAMEO event code (the table above).

    Raises
    ------
    UnknownCodeError
        ``code`` is not a CAMEO event code (two to four digits).

    Examples
    --------
    >>> cameo_kind("051"), cameo_kind("0256"), cameo_kind("042")
    (<Kind.SUPPORTS: 'supports'>, <Kind.CEASEFIRE: 'callsForCeasefire'>, <Kind.OTHER: 'other'>)
    """
    if not CAMEO_CODE.match(code):
        raise UnknownCodeError(f"{code!r} is not a CAMEO event code (2 to 4 digits)")
    if code == "111":
        return Kind.CONDEMNS
    if code.startswith("112"):
        return Kind.BLAMES
    if code.startswith("05"):
        return Kind.SUPPORTS
    if code == "018":
        return Kind.SOLIDARITY
    if code.startswith("13"):
        return Kind.THREATENS
    if code in ("0256", "1056"):
        return Kind.CEASEFIRE
    if code.startswith("19"):
        return Kind.STRIKE
    return Kind.OTHER


#: PLOVER 0.5 event names (the gold-standard records) → PLOVER 1.0 type and default mode,
#: from the manual's table "PLOVER equivalents to CAMEO cue categories".
_LEGACY: dict[str, tuple[str, str | None]] = {
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "DEMAND": ("REQUEST", None),
    "FIGHT": ("ASSAULT", None),
}
_STRIKE_MODES = {
    "aerial": Kind.AIR_STRIKE,
    "drone": Kind.DRONE_STRIKE,
    "heavy-weapons": Kind.STRIKE,
}


@cache
def plover_concepts() -> frozenset[str]:
    """The PLOVER types and ``TYPE-mode`` concepts of ``ontology/plover.ttl``: the
    subjects in the ``plover:`` namespace (read as RDF, whatever the file's layout).

    >>> {"ACCUSE", "ACCUSE-disapprove"} <= plover_concepts()
    True
    """
    data = (resources.files("kg") / "ontology" / "plover.ttl").read_bytes()
    namespace = str(PLOVER)
    return frozenset(
        triple.subject.value.removeprefix(namespace)
        for triple in parse(data, format=RdfFormat.TURTLE)
        if isinstance(triple.subject, NamedNode) and triple.subject.value.startswith(namespace)
    )


def plover_event(event: str, mode: str | None, context: str | None) -> tuple[str, Kind]:
    """The PLOVER concept code (``TYPE`` or ``TYPE-mode``) and the kind of a PLOVER event.

    Raises
    ------
    UnknownCodeError
        ``event`` is not a PLOVER event type.

    Examples
    --------
    >>> plover_event("ASSAULT", "drone", None)
    ('ASSAULT-drone', <Kind.DRONE_STRIKE: 'drone_strike'>)
    >>> plover_event("REQUEST", "yield", "military, diplomatic")
    ('REQUEST-yield', <Kind.CEASEFIRE: 'callsForCeasefire'>)
    >>> plover_event("AGREE", "", None)
    ('AGREE', <Kind.OTHER: 'other'>)
    """
    name = event.strip().upper()
    mode = (mode or "").strip().lower() or None
    legacy = name in _LEGACY
    if legacy:
        name, default_mode = _LEGACY[name]
        mode = mode or default_mode
    concepts = plover_concepts()
    if name not in concepts:
        raise UnknownCodeError(f"{event!r} is not a PLOVER event type")
    code = f"{name}-{mode}" if mode and f"{name}-{mode}" in concepts else name
    contexts = {c.strip().lower() for c in re.split(r"[;,]", context or "") if c.strip()}
    kind = Kind.OTHER
    if name == "ACCUSE" and mode == "disapprove":
        kind = Kind.CONDEMNS
    elif name == "ACCUSE" and mode == "allege":
        kind = Kind.BLAMES
    elif name == "SUPPORT":
        kind = Kind.SUPPORTS
    elif name == "THREATEN":
        kind = Kind.THREATENS
    elif name == "REQUEST" and mode == "yield" and "military" in contexts:
        kind = Kind.CEASEFIRE
    elif name == "ASSAULT" and mode in _STRIKE_MODES:
        kind = _STRIKE_MODES[mode]
    elif name == "ASSAULT" and (legacy or (mode is None and "military" in contexts)):
        kind = Kind.STRIKE  # PLOVER 0.5 FIGHT is CAMEO 19; ASSAULT + military is CAMEO 190
    return code, kind


#: ACLED sub-event types that are attacks: (kind, closest CAMEO code). Every other
#: sub-event type (battles, protests, riots, violence against civilians, strategic
#: developments) is a generic coded event with no CAMEO code, keeping ACLED's label.
_ACLED_ATTACKS: dict[str, tuple[Kind, str | None]] = {
    "air/drone strike": (Kind.STRIKE, "195"),  # aircraft or drone: ACLED does not say which
    "shelling/artillery/missile attack": (Kind.STRIKE, "194"),
    "remote explosive/landmine/ied": (Kind.EXPLOSION, "183"),
    "suicide bomb": (Kind.EXPLOSION, "1831"),
    "grenade": (Kind.EXPLOSION, None),
}


def acled_event(event_type: str, sub_event_type: str) -> tuple[str | None, Kind]:
    """The CAMEO code (or None) and the kind of an ACLED event.

    Raises
    ------
    UnknownCodeError
        ``event_type`` or ``sub_event_type`` is empty.

    Examples
    --------
    >>> acled_event("Explosions/Remote violence", "Shelling/artillery/missile attack")
    ('194', <Kind.STRIKE: 'strike'>)
    >>> acled_event("Battles", "Armed clash")
    (None, <Kind.OTHER: 'other'>)
    """
    if not event_type.strip() or not sub_event_type.strip():
        raise UnknownCodeError("an ACLED event needs event_type and sub_event_type")
    kind, code = _ACLED_ATTACKS.get(sub_event_type.strip().lower(), (Kind.OTHER, None))
    return code, kind
