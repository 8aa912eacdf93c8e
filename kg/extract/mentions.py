"""Actor recognition: names, aliases, demonyms, metonyms, titled officials, anaphors.

One Aho-Corasick automaton (pyahocorasick) holds every label of the reference actors
(:class:`kg.actors.ActorRegistry`), folded to lower case without accents; it is built
once per registry. A match must stand between word boundaries and begin with a capital
letter as written (so "turkey" the bird is not Türkiye); labels of two or three capitals
("US", "UK", "EU") must match their case exactly.

Each mention is resolved to the state or organisation it speaks for
(``registry.principal``), and given a *role* read from the words around it:

* ``agent``: may react ("Moscow", "the Russian foreign ministry", "Ukrainian forces");
* ``place``: names where something happened ("the Russian city of Belgorod", "Polish
  airspace", "on Russian soil");
* ``weapon``: modifies a weapon or attack ("a Russian missile", "Ukrainian strikes").

Officials with titles ("President Volodymyr Zelensky", "Secretary General Jens
Stoltenberg") are one mention; an unknown official introduced as "Polish President
Andrzej Duda" teaches the document that "Duda" speaks for Poland. The head nouns that
decide a role are in :mod:`kg.extract.heads`; anaphors ("the ministry", "the alliance",
"it", "them") are resolved within a paragraph by :mod:`kg.extract.anaphors`.

>>> from kg.actors import ActorRegistry
>>> finder = MentionFinder.for_registry(ActorRegistry.default())
>>> found = finder.find("Ukrainian forces hit the Russian city of Belgorod; Moscow condemned it.")
>>> [(m.surface, m.principal, m.role) for m in found]  # doctest: +NORMALIZE_WHITESPACE
[('Ukrainian', 'UKR', 'agent'), ('the Russian', 'RUS', 'place'),
 ('Moscow', 'RUS', 'agent')]
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib.resources import files

import ahocorasick  # type: ignore[import-not-found,import-untyped,unused-ignore]

from kg.actors import ActorRegistry
from kg.extract.heads import AGENT_HEADS, PLACE_HEADS, WEAPON_HEADS
from kg.model import ActorKind

__all__ = ["Mention", "MentionFinder", "fold"]

_TITLE_WORDS = (
    "president|vice president|prime minister|foreign minister|defen[cs]e minister|"
    "minister|secretary[- ]general|secretary|general|gen\\.|chancellor|spokes(?:man|woman|"
    "person)|press secretary|ambassador|envoy|premier|king|queen|emir|chief|head|"
    "high representative|foreign policy chief|deputy|mr\\.?|mrs\\.?|ms\\.?|dr\\.?"
)
_TITLES_BEFORE = re.compile(rf"(?:\b(?:{_TITLE_WORDS})\s+)+$", re.I)
#: "Polish President Andrzej Duda", "NATO chief Mark Rutte", "Poland's Foreign Minister X",
#: with the particles of a name ("Commission President Ursula von der Leyen").
_NEW_OFFICIAL = re.compile(
    rf"^(?:'s)?\s+(?i:(?:{_TITLE_WORDS})\s+)+,?\s*"
    r"(?P<name>(?:[A-Z][\w'\-]+\s+(?:(?:von|van|der|den|de|du|da|di|la|le|bin|ibn)\s+){0,2}){0,2}"
    r"[A-Z][\w'\-]{2,})\b"
)
_BODY_AFTER = re.compile(
    r"^(?:'s)?\s+(?:(?P<mfa>foreign ministry|ministry of foreign affairs|foreign office|"
    r"foreign affairs ministry)|(?P<mod>defen[cs]e ministry|ministry of defen[cs]e)|"
    r"(?P<pres>presidency|presidential (?:office|administration)))\b",
    re.I,
)
_NEXT_WORD = re.compile(r"^(?:'s|')?\s+(?:[a-z\-]+\s+){0,2}?([A-Za-z\-]+)")
#: "in Karlovo, ": a country named after a place, between commas, is where it is.
_APPOSED_TO_PLACE = re.compile(
    r"\b(?:in|at|near|outside|on|of|into|from)\s+(?:the\s+)?(?:[A-Z][\w'.-]*\s+){0,3}?"
    r"[A-Z][\w'.-]*,\s+$"
)
#: A place noun a name stands in apposition to: "in the capital, Conakry", "at the
#: Syrian port city, Tartus": where something happened, not who acted.
_APPOSED_TO_PLACE_NOUN = re.compile(
    r"\b(?:in|at|near|outside|on|into)\s+(?:the|its|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:capital|city|town|village|port|province|region|district|enclave)\s*,\s+$",
    re.I,
)
_PLACE_ENDS = re.compile(
    r"\s*(?:[,.;:)]|$|\s+(?:on|in|at|late|early|overnight|last|this|when|where)\b)"
)
#: "the foreign ministry in", "officials in": the body of the state whose capital follows.
_BODY_IN = re.compile(
    r"\b(?:ministry|ministries|government|officials|authorities|leadership|presidency|"
    r"cabinet|spokes(?:man|woman|person))\s+in\s+$",
    re.I,
)
_PREV_WORDS = re.compile(
    r"([A-Za-z]+)(?:\s+(?:the|a|an|eastern|western|northern|southern|central|north|south|east|"
    r"west|north-eastern|south-eastern|north-western|south-western|northeastern|southeastern|"
    r"northwestern|southwestern))*[^\w.;:!?]*$"
)
_CITY_OF = re.compile(r"^\s+(?:city|town|village|region|province|oblast|port)\s+of\b", re.I)
#: A name after one of these is where something happened ("in Ukraine"), not who acts.
_PLACE_PREP = frozenset(["in", "across", "into", "inside", "throughout", "within", "near"])
#: A part of a country: "northern Kenya", "south-eastern Turkey".
_COMPASS = re.compile(
    r"\b(?:northern|southern|eastern|western|central|(?:north|south)-?(?:east|west)ern|mainland|"
    r"occupied)\s+$",
    re.I,
)
#: "the UN Command": the US-led command in Korea, which does not speak for the UN.
_UN_COMMAND = re.compile(r"\s+Command\b")
#: An office whose remit is a country ("the UN envoy for Yemen", "ambassador to Ukraine",
#: "the special rapporteur on Myanmar"): that country is where the office works, not whom
#: its holder speaks for.
_REMIT_OF = re.compile(
    r"\b(?:envoy|envoys|ambassador|ambassadors|representative|coordinator|rapporteur|"
    r"commissioner|mission|negotiator|mediator)\s+(?:for|to|on|in)\s+(?:the\s+)?$",
    re.I,
)
_CASE_SENSITIVE = re.compile(r"[A-Z][A-Z.]{1,4}")
#: "Dmitry Medvedev, the deputy head of ..." / "Pat Ryder, a Pentagon spokesman, ...": a
#: name in apposition with a title that a following actor mention qualifies.
_APPOSITION = re.compile(
    r"(?<![\w'])(?P<name>[A-Z][a-z][\w'\-]+(?:\s+(?:al-|bin\s+|de\s+|van\s+|von\s+)?[A-Z][\w'\-]+)"
    r"{1,2}),\s+(?:the\s+|a\s+|an\s+)?(?P<title>(?:[\w\-]+\s+){0,5}?(?:of\s+(?:the\s+)?)?)$"
)
_TITLE_WORD = re.compile(
    rf"\b(?:{_TITLE_WORDS}|adviser|advisor|aide|representative|commander|official|"
    r"director|leader|speaker|chairman|chairwoman|chair|member|deputy)\b",
    re.I,
)
_AREA_OF = re.compile(
    r"\b(?:areas?|parts?|regions?|provinces?|districts?|cities|towns|villages|north|south|east|"
    r"west|centre|center|heart|outskirts|suburbs|coast|interior|territory|territories|"
    r"capital|border\s+regions?|port|city|town|village|streets|skies|airspace)\s+of\s+"
    r"(?:the\s+)?$",
    re.I,
)
#: Some of an organisation's members, told by a count or a qualifier ("the five European
#: members of", "several member states of"): they act, not the organisation, and which
#: members they are is for the text to say.
_SUBSET_OF = re.compile(
    # (a conjunction before "members" counts none: "and members of the Council issued")
    r"\b(?!(?:the|all|its|their|and|but|while|as|when|after|then|also)\b)(?:\w[\w-]*\s+){1,2}"
    r"members?(?:\s+(?:states|countries))?\s+of\s+(?:the\s+)?$",
    re.I,
)
#: States a text may call by their halves once both are named: "the North", "the South".
_HALVES = {("PRK", "KOR"): {"North": "PRK", "South": "KOR"}}
#: "the North" standing alone: not "the North Atlantic", "the South China Sea", "North-East".
_HALF = re.compile(r"(?<=\b[Tt]he )(North|South)\b(?!-|\s+[A-Z]|\s+(?:of|and)\b)")
#: "Norwegian-owned", "US-led", "Iranian-made": an adjective compound of a name.
_COMPOUND = re.compile(
    r"-(owned|operated|flagged|registered|based|made|built|designed|supplied|backed|"
    r"sponsored|funded|controlled|held|led|allied|aligned|brokered|mediated)\b",
    re.I,
)
#: "Russia's Security Council": a state's own body, not the UN organ of that name.
_OWNED_LABEL = re.compile(r"(?:'s|')\s+$")


#: Letters that Unicode does not decompose into a base letter and a mark, spelt without
#: them in English news as often as with: "Yıldırım" / "Yildirim", "Radosław" / "Radoslaw".
_UNDECOMPOSED = {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŧ": "t"}


def fold(text: str) -> str:
    """Lower case without accents and with straight apostrophes, keeping the length.

    >>> fold("Türkiye’s")
    "turkiye's"
    >>> fold("Binali Yıldırım, Radosław Sikorski, Jonas Gahr Støre")
    'binali yildirim, radoslaw sikorski, jonas gahr store'
    """
    if text.isascii():
        return text.lower()
    table: dict[int, str] = {}
    for ch in set(text):
        if ch.isascii():
            continue
        base = unicodedata.normalize("NFKD", ch)[:1].lower() or ch
        base = _UNDECOMPOSED.get(base, base)
        if ch in "’‘ʼ`´":
            base = "'"
        table[ord(ch)] = base if len(base) == 1 else ch
    return (
        text.lower().translate(table)
        if len(text.lower()) == len(text)
        else "".join(c.lower() if len(c.lower()) == 1 else c for c in text).translate(table)
    )


@dataclass(frozen=True)
class Mention:
    """An actor mentioned at ``[start, end)`` of the normalised text."""

    start: int
    end: int
    surface: str
    actor: str
    principal: str
    kind: ActorKind
    via: str
    role: str = "agent"
    possessive: bool = False
    prep: str | None = None
    head: str | None = None

    @property
    def is_person(self) -> bool:
        """Whether the mention names a person (known or learned from a title)."""
        return self.kind is ActorKind.PERSON or self.via == "official"


@dataclass(frozen=True)
class _Label:
    actor: str
    via: str
    exact: str | None  # the label when it must match in this exact case


class MentionFinder:
    """Finds actor mentions in normalised text; build one per registry (it is cached)."""

    def __init__(self, registry: ActorRegistry) -> None:
        self.registry = registry
        self._automaton = ahocorasick.Automaton()
        labels: dict[str, list[_Label]] = {}
        for actor in registry:
            if actor.kind is ActorKind.ARMED_GROUP:
                # not read as actors: the extraction gold aims reactions at them at no one
                # (guideline 11), and kg.extract.uncoded reports them as groups without a code
                continue
            for via, names in (
                ("name", [actor.name, *actor.aliases]),
                ("metonym", actor.metonyms),
                ("demonym", actor.demonyms + _plurals(actor.demonyms)),
            ):
                for name in names:
                    key = fold(re.sub(r"^[Tt]he ", "", " ".join(name.split())))
                    exact = name if _CASE_SENSITIVE.fullmatch(name) else None
                    if len(key) < 2:
                        continue
                    labels.setdefault(key, []).append(_Label(actor.id, via, exact))
        for name, actor_id in _officials():
            if (
                actor_id in registry
                and not registry.lookup(name)
                # a group's spokesman speaks for the group, which is no actor (above)
                and registry[actor_id].kind is not ActorKind.ARMED_GROUP
            ):
                for spelling in _spellings(name):
                    labels.setdefault(fold(spelling), []).append(
                        _Label(actor_id, "known_official", None)
                    )
        for name, actor_id, via in _aliases():
            key = fold(re.sub(r"^[Tt]he ", "", name))
            if actor_id in registry and key not in labels:
                exact = name if _CASE_SENSITIVE.fullmatch(name) else None
                labels.setdefault(key, []).append(_Label(actor_id, via, exact))
        for key, values in labels.items():
            self._automaton.add_word(key, (len(key), tuple(values)))
        self._automaton.make_automaton()
        self._bodies = {a.id for a in registry if a.kind is ActorKind.BODY}

    @staticmethod
    @functools.cache
    def for_registry(registry: ActorRegistry) -> MentionFinder:
        """The finder of a registry, built on first use."""
        return MentionFinder(registry)

    # ------------------------------------------------------------------ matching

    def _raw(self, text: str) -> list[tuple[int, int, _Label]]:
        folded = fold(text)
        found: list[tuple[int, int, _Label]] = []
        for end_index, (length, values) in self._automaton.iter(folded):
            end = end_index + 1
            start = end - length
            if start > 0 and folded[start - 1].isalnum():
                continue
            if folded[max(0, start - 5) : start].endswith(("pro-", "anti-", "non-")):
                continue
            if end < len(folded) and folded[end].isalnum():
                continue
            if not text[start].isupper():
                continue
            for label in values:
                if label.exact is not None and text[start:end] != label.exact:
                    continue
                found.append((start, end, label))
                break
        # leftmost-longest, no overlaps
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        chosen: list[tuple[int, int, _Label]] = []
        last_end = -1
        for start, end, label in found:
            if start >= last_end:
                chosen.append((start, end, label))
                last_end = end
        return chosen

    def find(self, text: str) -> list[Mention]:
        """All actor mentions of ``text``, in order, roles assigned, officials learned."""
        mentions: list[Mention] = []
        learned: dict[str, str] = {}
        last_end = -1
        for start, end, label in self._raw(text):
            if start < last_end:
                continue
            if label.actor == "UN" and _UN_COMMAND.match(text, end):
                continue  # "the United Nations Command" in Korea: a US-led command, not the UN
            mention = self._mention(text, start, end, label, learned)
            if mention is not None:
                if mentions and mention.start < mentions[-1].end:
                    mentions.pop()  # a title absorbed the mention before it
                mentions.append(mention)
                last_end = mention.end
        mentions = [m for m in mentions if not _owned_body(text, m, mentions)]
        for i in range(1, len(mentions)):
            prev, m = mentions[i - 1], mentions[i]
            if (
                m.role == "place"
                and m.via == "name"
                and prev.kind is ActorKind.STATE
                and m.kind is ActorKind.STATE
                and re.fullmatch(r",\s+", text[prev.end : m.start])
            ):
                # "the prime ministers of Denmark, Finland, Iceland": a list of states, not a
                # place and its country (see _APPOSED_TO_PLACE)
                mentions[i] = replace(m, role=prev.role)
        # "the Lukashenko regime", "the Assad government": a leader's surname alone names
        # his state when it heads a regime, a government or an administration
        surnames = _official_surnames()
        for ruled in _RULED_BY.finditer(text):
            code = surnames.get(ruled.group(1))
            if code is not None and code in self.registry:
                learned.setdefault(ruled.group(1), code)
        for m in mentions:
            if m.kind in (ActorKind.STATE, ActorKind.IGO, ActorKind.BODY) and m.role == "agent":
                apposed = _APPOSITION.search(text, max(0, m.start - 90), m.start)
                tail = re.match(
                    r"(?:'s)?(?:\s+[\w\-]+){0,4}?\s*(?=[,;.)]|$)", text[m.end : m.end + 60]
                )
                if apposed is not None and (
                    _TITLE_WORD.search(apposed.group("title"))
                    or (tail is not None and _TITLE_WORD.search(tail.group()))
                ):
                    name = apposed.group("name")
                    if not self.registry.lookup(name):
                        learned.setdefault(name, m.principal)
                        learned.setdefault(name.split()[-1], m.principal)
        mentions = [_titled_by(text, mentions, i) for i in range(len(mentions))]
        if learned:
            mentions = _merge(mentions, self._learned(text, learned, mentions))
        return _merge(mentions, self._halves(text, mentions, learned))

    def _halves(self, text: str, known: list[Mention], learned: dict[str, str]) -> list[Mention]:
        """The halves "the North" and "the South" in a text that names both Koreas, as the
        text calls them once both are in play (alone, either could be a region)."""
        named = {m.principal for m in known}
        found: list[Mention] = []
        for pair, halves in _HALVES.items():
            if not set(pair) <= named:
                continue
            starts = [m.start for m in known]
            for match in _HALF.finditer(text):
                index = bisect.bisect_right(starts, match.start()) - 1
                if index >= 0 and known[index].end > match.start():
                    continue  # inside a mention already found ("the North Korean army")
                label = _Label(halves[match.group(1)], "metonym", None)
                mention = self._mention(text, match.start(), match.end(), label, learned)
                if mention is not None:
                    found.append(mention)
        return found

    def _mention(
        self, text: str, start: int, end: int, label: _Label, learned: dict[str, str]
    ) -> Mention | None:
        after = text[end : end + 80]
        possessive = after.startswith(("'s", "' "))
        actor_id, kind, principal, via, end = self._speaker(text, start, end, label, learned)
        # titles before a person: "President Volodymyr Zelensky"
        if kind is ActorKind.PERSON or via == "official":
            titles = _TITLES_BEFORE.search(text[max(0, start - 60) : start])
            if titles is not None:
                start -= len(titles.group())
        if via in ("official", "body") or kind is ActorKind.PERSON:
            possessive = text.startswith(("'s", "' "), end)
        if start > 4 and text[start - 4 : start].lower() == "the ":
            start -= 4
        head_match = _NEXT_WORD.match(text[end : end + 60])
        head = head_match.group(1).lower() if head_match else None
        prev = _PREV_WORDS.search(text[max(0, start - 30) : start])
        prep = prev.group(1).lower() if prev else None
        if prep == "in" and via == "metonym" and _BODY_IN.search(text, max(0, start - 60), start):
            prep = None  # "the foreign ministry in Berlin": Germany's ministry, who speaks
        return Mention(
            start=start,
            end=end,
            surface=text[start:end],
            actor=actor_id,
            principal=principal,
            kind=kind,
            via=via,
            role=_role(text, start, end, after, via, kind, possessive, prep),
            possessive=possessive,
            prep=prep,
            head=head,
        )

    def _speaker(
        self, text: str, start: int, end: int, label: _Label, learned: dict[str, str]
    ) -> tuple[str, ActorKind, str, str, int]:
        """Who the label at ``[start, end)`` speaks for: ``(actor id, kind, principal, via,
        end)``, the end moved past a body ("Russia's defence ministry") or an official
        ("Polish President Andrzej Duda", whose name is learned for the rest of the text)."""
        actor = self.registry[label.actor]
        principal = self.registry.principal(actor.id).id
        kind = actor.kind
        actor_id = actor.id
        via = label.via
        # a body or an official never runs on into the next paragraph: "United Nations",
        # a heading, then "Secretary-General X said"
        after = text[end : end + 80].split("\n", 1)[0]
        # "Russia's defence ministry", "Polish foreign ministry" -> the body when we know it
        body = _BODY_AFTER.match(after)
        if body is not None and kind is ActorKind.STATE:
            suffix = {"mfa": "MFA", "mod": "MOD", "pres": "PRESIDENCY"}[body.lastgroup or "mfa"]
            if f"{actor.id}.{suffix}" in self._bodies:
                actor_id = f"{actor.id}.{suffix}"
                kind = ActorKind.BODY
            end += body.end()
            via = "body"
        else:
            official = _NEW_OFFICIAL.match(after)
            if official is not None and kind in (ActorKind.STATE, ActorKind.IGO):
                name = official.group("name")
                known = self.registry.lookup(name)
                listed = _official_actor(name)
                if known and known[0].kind is ActorKind.PERSON:
                    actor_id, kind = known[0].id, ActorKind.PERSON
                    principal = self.registry.principal(actor_id).id
                elif (
                    listed is not None
                    and listed in self.registry
                    and listed != principal
                    # not "Egypt's foreign minister Ahmed Aboul Gheit", later the Arab
                    # League's head: the title says whom he speaks for here
                    and self.registry[listed].kind is ActorKind.STATE
                ):
                    # "Congo's President Felix Tshisekedi": the official's own state says
                    # which Congo the label means
                    actor_id = principal = self.registry.principal(listed).id
                    kind = self.registry[actor_id].kind
                    learned[name] = principal
                    learned.setdefault(name.split()[-1], principal)
                    via = "official"
                else:
                    learned[name] = principal
                    learned.setdefault(name.split()[-1], principal)
                    via = "official"
                end += official.end()
        if via == "known_official":
            surname = text[start:end].split()[-1]
            learned.setdefault(surname, principal)
            learned.setdefault(re.sub(r"^(?:al|el|bin|ibn)-", "", surname), principal)
            via = "official"
        return actor_id, kind, principal, via, end

    def _learned(self, text: str, learned: dict[str, str], known: list[Mention]) -> list[Mention]:
        names = sorted(learned, key=len, reverse=True)
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")
        starts = [m.start for m in known]
        found = []
        for match in pattern.finditer(text):
            index = bisect.bisect_right(starts, match.end()) - 1
            if index >= 0 and known[index].end > match.start():
                continue  # inside a mention already found
            start = match.start()
            titles = _TITLES_BEFORE.search(text[max(0, start - 60) : start])
            if titles is not None:
                start -= len(titles.group())
            principal = learned[match.group()]
            prev = _PREV_WORDS.search(text[max(0, start - 30) : start])
            found.append(
                Mention(
                    start=start,
                    end=match.end(),
                    surface=text[start : match.end()],
                    actor=principal,
                    principal=principal,
                    kind=self.registry[principal].kind,
                    via="official",
                    possessive=text.startswith(("'s", "' "), match.end()),
                    prep=prev.group(1).lower() if prev else None,
                )
            )
        return found


@functools.cache
def _officials() -> tuple[tuple[str, str], ...]:
    """``(name, actor id)`` of ``data/officials.tsv``."""
    data = (files("kg.extract") / "data" / "officials.tsv").read_text("utf-8")
    rows = []
    for line in data.splitlines():
        if line.strip() and not line.startswith("#"):
            name, actor_id = line.split("\t")[:2]
            rows.append((name.strip(), actor_id.strip()))
    return tuple(rows)


#: A surname before the word for what its bearer rules: "the Lukashenko regime".
_RULED_BY = re.compile(
    r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+(?:regime|government|administration|junta)\b"
)


@functools.cache
def _official_surnames() -> dict[str, str]:
    """The surnames of the listed officials that only one state's officials bear
    ("Lukashenko" -> BLR), at least five letters long."""
    by_surname: dict[str, set[str]] = {}
    for name, actor_id in _officials():
        surname = re.sub(r"^(?:al|el|bin|ibn)-", "", name.split()[-1])
        if len(surname) >= 5 and surname[:1].isupper():
            by_surname.setdefault(surname, set()).add(actor_id.split(".")[0])
    return {s: next(iter(codes)) for s, codes in by_surname.items() if len(codes) == 1}


def _official_actor(name: str) -> str | None:
    """The actor a listed official speaks for (``data/officials.tsv``), by folded name.

    >>> _official_actor("Félix Tshisekedi")
    'COD'
    """
    return _officials_by_name().get(fold(name))


@functools.cache
def _officials_by_name() -> dict[str, str]:
    return {fold(s): actor_id for name, actor_id in _officials() for s in _spellings(name)}


#: The Arabic article before a name, which English news writes "al-", "el-", "Al " or
#: "El ": "Abdel Fattah al-Sisi" is also "Abdel Fattah El Sisi".
_ARTICLE = re.compile(r"\b[AaEe]l[- ](?=[A-Z])")


def _spellings(name: str) -> list[str]:
    """A listed name and the spellings of its Arabic article that the news also uses.

    >>> _spellings("Abdel Fattah al-Sisi")
    ['Abdel Fattah al-Sisi', 'Abdel Fattah al Sisi', 'Abdel Fattah el-Sisi', 'Abdel Fattah el Sisi']
    >>> _spellings("Antony Blinken")
    ['Antony Blinken']
    """
    if not _ARTICLE.search(name):
        return [name]
    return [_ARTICLE.sub(article, name) for article in ("al-", "al ", "el-", "el ")]


@functools.cache
def _aliases() -> tuple[tuple[str, str, str], ...]:
    """``(label, actor id, via)`` of ``data/aliases.tsv``: metonyms and institution names
    that the reference actors lack ("the Pentagon", "the Elysee")."""
    data = (files("kg.extract") / "data" / "aliases.tsv").read_text("utf-8")
    rows = []
    for line in data.splitlines():
        if line.strip() and not line.startswith("#"):
            name, actor_id, via = (f.strip() for f in line.split("\t")[:3])
            rows.append((name, actor_id, via))
    return tuple(rows)


#: A word that makes an organisation's label a state's own body: "National Security Council".
_NATIONAL_BODY = re.compile(r"\b(?:National|Supreme|Federal|State|Presidential)\s+$")


def _owned_body(text: str, mention: Mention, mentions: list[Mention]) -> bool:
    """Whether an organisation's label is a state's own body ("Russia's Security
    Council", "the Iranian Security Council")."""
    if mention.kind is not ActorKind.IGO or mention.via != "name":
        return False
    if not mention.surface.removeprefix("the ")[:1].isupper() or mention.surface.isupper():
        return False
    if _NATIONAL_BODY.search(text, max(0, mention.start - 30), mention.start):
        return True  # "the National Security Council", "Supreme National Security Council"
    for other in mentions:
        if other.end <= mention.start and mention.start - other.end <= 4:
            gap = text[other.end : mention.start]
            if other.kind is ActorKind.STATE and (
                _OWNED_LABEL.fullmatch(gap) or (other.via == "demonym" and gap.strip() == "")
            ):
                return other.principal != mention.principal
    return False


#: An apposition on someone's past: "himself a former Thai foreign minister".
_FORMERLY = re.compile(r"\b(?:him|her)self\s+(?:an?\s+)?(?:former|onetime|one-time)\s+$", re.I)


def _role(
    text: str,
    start: int,
    end: int,
    after: str,
    via: str,
    kind: ActorKind,
    possessive: bool,
    prep: str | None,
) -> str:
    """What the mention at ``[start, end)`` is in its phrase: ``agent``, ``place``,
    ``weapon`` (an attack's author), ``owner`` or ``part`` (some of its members), told by
    the word after it and the preposition before; ``after`` is the text after the label as
    found (before a body or an official's name moved ``end``)."""
    compound = _COMPOUND.match(text, end)
    if compound is not None:
        # "Norwegian-owned", "Iranian-made": who owns or made it; "US-led": who leads it
        return "weapon" if compound.group(1).lower() == "led" else "owner"
    if prep == "of" and _SUBSET_OF.search(text, max(0, start - 60), start):
        return "part"  # "the five European members of the Security Council": not the council
    if _REMIT_OF.search(text, max(0, start - 40), start):
        return "place"  # "the UN envoy for Yemen": Yemen is the remit, a place
    if _FORMERLY.search(text, max(0, start - 40), start):
        return "part"  # "Ban Ki-moon, himself a former South Korean foreign minister": a past
    if via not in ("demonym", "name", "metonym") or kind not in (ActorKind.STATE, ActorKind.IGO):
        return "agent"
    nxt = _NEXT_WORD.match(after)
    word = nxt.group(1).lower() if nxt else ""
    words = _next_words(after)
    if via == "demonym" or possessive:
        if (
            word == "side"
            and prep not in (*_PLACE_PREP, "on", "from", "to", "at", "over")
            and not re.match(r"\s+sides?\s+of\b", after)
        ):
            return "agent"  # "the Armenian side bears full responsibility": its state
        if (_CITY_OF.match(after) or word in PLACE_HEADS) and not _GUARDS.match(after):
            return "place"
        if (
            word in WEAPON_HEADS
            or (any(w in WEAPON_HEADS for w in words[:2]) and (words[0] not in AGENT_HEADS))
            or _MODEL_THEN_WEAPON.match(after)
        ):
            # "Russian MiG-31 fighter jets", "Iranian Shahed-136 drones": a model named first
            return "weapon"
        return "agent"
    if word in WEAPON_HEADS and not after.startswith(","):
        return "weapon"
    if (
        (word in PLACE_HEADS and not _GUARDS.match(after))  # not "the China Coast Guard"
        or prep in _PLACE_PREP
        # "northern Kenya"; but "fired from northern Syria" names a launch site
        or (_COMPASS.search(text, max(0, start - 20), start) and prep != "from")
    ):
        return "place"  # "in Kharkiv", "northern Kenya"
    if (
        via == "name"
        and _APPOSED_TO_PLACE.search(text, max(0, start - 60), start)
        and _PLACE_ENDS.match(after)
    ):
        return "place"  # "in Karlovo, Bulgaria, on Monday": the country of a place
    if via == "metonym" and _APPOSED_TO_PLACE_NOUN.search(text, max(0, start - 60), start):
        return "place"
    if prep == "of" and _AREA_OF.search(text[max(0, start - 40) : start]):
        return "place"  # "Houthi-controlled areas of Yemen", "the north of Syria"
    return "agent"


#: A place word that begins the name of a force: "Chinese coast guard personnel boarded",
#: "Iranian border guards fired".
_GUARDS = re.compile(r"\s+(?:coast|border)\s+(?:guards?|guardsmen|police|troops|patrols?)\b", re.I)
#: A weapon's model between its maker and its kind: "MiG-31 fighter jets", "Su-35 jets".
_MODEL_THEN_WEAPON = re.compile(
    r"\s+[A-Z][\w]*-?\d[\w-]*\s+(?:[a-z]+\s+)?(?:jets?|fighters?|bombers?|drones?|missiles?|"
    r"aircraft|helicopters?|warplanes?|planes?|rockets?)\b"
)


def _next_words(after: str) -> list[str]:
    match = re.match(r"^(?:'s|')?((?:\s+[a-z][a-z\-]*){1,2})", after)
    return match.group(1).split() if match else [""]


def _plurals(demonyms: Iterable[str]) -> list[str]:
    return [d + "s" for d in demonyms if not d.endswith(("sh", "ch", "ese", "s", "i"))]


#: A state's title before an official's name in apposition: "Egypt's foreign minister, ".
_STATE_TITLE_COMMA = re.compile(rf"(?:'s)?\s+(?i:(?:{_TITLE_WORDS})\s+)*(?i:{_TITLE_WORDS}),\s+")


def _titled_by(text: str, mentions: list[Mention], index: int) -> Mention:
    """The ``index``-th mention, speaking for the state whose title it follows in
    apposition ("Egypt's foreign minister, Ahmed Aboul Gheit,"), when the officials list
    makes it an organisation's man (he later headed the Arab League)."""
    m = mentions[index]
    if index == 0 or m.via != "official" or m.kind is not ActorKind.IGO:
        return m
    state = mentions[index - 1]
    if state.kind is not ActorKind.STATE or not _STATE_TITLE_COMMA.fullmatch(
        text, state.end, m.start
    ):
        return m
    return replace(m, actor=state.principal, principal=state.principal, kind=state.kind)


def _merge(first: list[Mention], second: list[Mention]) -> list[Mention]:
    return sorted([*first, *second], key=lambda m: m.start)
