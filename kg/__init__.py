"""diplomatic-kg: a knowledge graph of diplomatic reactions to armed-conflict events.

>>> from kg import KnowledgeGraph
>>> kg = KnowledgeGraph.memory()
>>> kg.documents()
[]
"""

from kg.actors import ActorRegistry
from kg.annotation import load_annotation
from kg.errors import (
    AnnotationError,
    BackupError,
    ConfigError,
    ExtractionError,
    GuardError,
    InputError,
    KGError,
    ModelError,
    ParamError,
    QueryError,
    ReadingConflictError,
    ReadOnlyStoreError,
    RemoteStoreError,
    SourceError,
    StoreBusyError,
    StoreError,
    StoreLockedError,
    StrictError,
    UnknownActorError,
    UnknownCodeError,
    UnknownQueryError,
)
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
    "BackupError",
    "ConfigError",
    "Document",
    "Event",
    "EventKind",
    "Evidence",
    "ExtractionError",
    "GuardError",
    "InputError",
    "KGError",
    "KnowledgeGraph",
    "ModelError",
    "ParamError",
    "Quantity",
    "QueryError",
    "Reaction",
    "ReactionType",
    "ReadOnlyStoreError",
    "ReadingConflictError",
    "RemoteStoreError",
    "Results",
    "SourceError",
    "StoreBusyError",
    "StoreError",
    "StoreLockedError",
    "StrictError",
    "UnknownActorError",
    "UnknownCodeError",
    "UnknownQueryError",
    "__version__",
    "load_annotation",
    "timeline",
]
