"""diplomatic-kg: a knowledge graph of diplomatic reactions to armed-conflict events.

>>> from kg import KnowledgeGraph
>>> kg = KnowledgeGraph.memory()
>>> kg.documents()
[]
"""

from kg.actors import ActorRegistry, UnknownActorError
from kg.annotation import AnnotationError, load_annotation
from kg.graph import KnowledgeGraph
from kg.model import (
    Actor,
    ActorKind,
    AnnotationFile,
    Attribution,
    Document,
    Event,
    EventKind,
    Evidence,
    Quantity,
    Reaction,
    ReactionType,
)
from kg.results import Results
from kg.timeline import timeline

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "ActorKind",
    "ActorRegistry",
    "AnnotationError",
    "AnnotationFile",
    "Attribution",
    "Document",
    "Event",
    "EventKind",
    "Evidence",
    "KnowledgeGraph",
    "Quantity",
    "Reaction",
    "ReactionType",
    "Results",
    "UnknownActorError",
    "__version__",
    "load_annotation",
    "timeline",
]
