"""The closed vocabularies of the document models: kinds of actor, reaction, event and
strike, where a date comes from, what a casualty figure counts.

They live apart from :mod:`kg.model`, which re-exports them (import them from there), so
that the models' module stays small; each value is the one the annotation files, the json
view and the ontology use.

>>> ReactionType("expressesSolidarityWith") is REACTION_TYPE_ALIASES["solidarity"]
True
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "REACTION_TYPE_ALIASES",
    "ActorKind",
    "DateSource",
    "EventKind",
    "Measure",
    "ReactionType",
    "StrikeMeans",
]


class ActorKind(StrEnum):
    """What kind of actor: the ontology class it maps to."""

    STATE = "state"
    IGO = "igo"
    BODY = "body"
    PERSON = "person"
    ARMED_GROUP = "armed_group"


class ReactionType(StrEnum):
    """The reaction types; the values are the json export's names and the shortcut properties."""

    CONDEMNS = "condemns"
    BLAMES = "blames"
    SUPPORTS = "supports"
    SOLIDARITY = "expressesSolidarityWith"
    THREATENS = "threatens"
    CEASEFIRE = "callsForCeasefire"


#: Other spellings accepted in annotation files (the gold files use the first two).
REACTION_TYPE_ALIASES: dict[str, ReactionType] = {
    "solidarity": ReactionType.SOLIDARITY,
    "calls_for_ceasefire": ReactionType.CEASEFIRE,
    "condemnation": ReactionType.CONDEMNS,
    "blame": ReactionType.BLAMES,
    "support": ReactionType.SUPPORTS,
    "threat": ReactionType.THREATENS,
    "ceasefire_call": ReactionType.CEASEFIRE,
}


class EventKind(StrEnum):
    """Kinds of conflict event; each maps to one ontology class."""

    STRIKE = "strike"
    AIRSPACE_VIOLATION = "airspace_violation"
    EXPLOSION = "explosion"
    SABOTAGE = "sabotage"
    VOTE = "vote"
    OTHER = "other"


class StrikeMeans(StrEnum):
    """How a strike was delivered, when the report says."""

    MISSILE = "missile"
    DRONE = "drone"
    ARTILLERY = "artillery"
    AIR = "air"


class DateSource(StrEnum):
    """How the date of a reaction or an event was determined (``dkg:dateSource``)."""

    #: The text says when ("on Sunday, the ministry said"), resolved against the document date.
    STATED = "stated"
    #: The text does not say: the document's own date stands in for it.
    DOCUMENT = "document"
    #: The day a coded event dataset (GDELT, ICEWS, ACLED, PLOVER) gives the record.
    DATASET = "dataset"


class Measure(StrEnum):
    """What a casualty figure counts; the values are the annotation's and json view's keys."""

    KILLED = "killed"
    INJURED = "injured"
    CHILDREN_KILLED = "children_killed"
