"""Event words: where a sentence tells of a strike, an airspace violation, an explosion,
sabotage or a vote, and how it tells of it.

:func:`find_event_triggers` finds the words ("missile strikes", "shelling", "entered its
airspace", "blasts", "voted") and says of each: the means ("drone strike"), whether it
refers back to an event already told ("the attack", "this strike"), whether it only
characterises one ("called the breach deliberate sabotage"), and whether it is another,
earlier event ("earlier Russian strikes"). A negated or planned act ("no indication that
it was an intentional attack", "plotting an attack") is no event word. What the words
make into events is :func:`kg.extract.events.find_events`.

>>> from kg.extract.sentences import split_sentences
>>> [sentence] = split_sentences("Russian drone strikes hit Odesa.")
>>> [(t.kind.value, t.means.value) for t in find_event_triggers(sentence)]
[('strike', 'drone')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.model import EventKind, StrikeMeans

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.sentences import Sentence

__all__ = ["CRAFT", "EventTrigger", "find_event_triggers"]

_MEANS = (
    r"(?:(?P<means>missile|rocket|drone|air|artillery|mortar|cruise\s+missile|"
    r"ballistic\s+missile|tomahawk|kamikaze\s+drone|airborne|aerial|naval|chemical)\s+)?"
)
_LINE = r"(?:cables?|pipelines?|interconnectors?)"
#: Craft that fly into a neighbour's sky.
CRAFT = r"(?:balloons?|drones?|aircraft|planes?|jets?|helicopters?)"
_ACROSS = r"(?:across|over)\s+(?:the\s+)?(?:border|frontier|demarcation\s+line)"
_EVENT_RE = re.compile(
    r"(?<![\w-])(?:"
    rf"(?P<strike>{_MEANS}(?:strikes?|airstrikes?|attacks?|barrages?|bombardments?|raids?|assaults?)"
    r"|dropped\s+(?:[\w,-]+\s+){0,6}?bombs?"
    r"|shelling|shelled|bombings?|bombed|shot\s+down|shooting\s+down|shoot-down|shootdown|downing|downed|"
    r"brought\s+down|pounding|pounded|fired\s+\d+|fired\s+(?:a|two|three|several|dozens\s+of)"
    r"|(?:fired|firing)\s+(?:[\w-]+\s+){0,6}?(?:missiles?|rockets?|shells|drones?|projectiles|"
    r"torpedo(?:es)?|rounds?|mortars?|grenades)|fired\s+across"
    # "a bomb dropped by a Myanmar aircraft", "released their payload"
    r"|bombs?\s+dropped(?=\s+by\b)|released\s+(?:\w+\s+)?payloads?"
    # "fighting broke out along the border": a fight of two sides
    r"|(?:fighting|clashes|hostilities|gunfire|firefights?|shooting|skirmish(?:es)?)\s+"
    r"(?:\w+\s+)?(?:broke\s+out|erupted)"
    # troops crossing a border or a line of control: an incursion
    r"|(?:troops|forces|soldiers|army)\s+(?:had\s+)?crossed\s+(?:into\s+)?(?:the\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:border|frontier|line\s+of\s+control|demarcation\s+line)"
    r"|(?:troops|forces|soldiers|army)\s+(?:had\s+)?crossed\s+into\s+(?-i:[A-Z])[\w-]+"
    # a person or a ship taken by armed men: "was seized", "taken by force", "abducted"
    r"|(?:was|were|been)\s+(?:\w+ly\s+)?(?:seized|abducted|kidnapped|taken\s+by\s+force|rammed)"
    # "North Korea's launch of a long-range rocket", "the North Korean rocket launch"
    r"|(?:rocket|missile|satellite)\s+launch(?:es)?\b|launch(?:es)?\s+of\s+(?:an?|its|the|two)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:rockets?|missiles?|satellites?)"
    r"|(?:launched|test-fired|test-launched)\s+(?:[\w-]+\s+){0,5}?(?:missiles?|rockets?|"
    r"drones|barrages?|airstrikes|"
    r"(?:air|drone|missile|rocket)\s+strikes)"
    r"|(?:missiles?|rockets?|drones?|shells|torpedo(?:es)?)\s+(?:were|was|had\s+been|have\s+been)"
    r"\s+(?:\w+ly\s+)?fired|came\s+under\s+(?:\w+\s+)?fire|torpedoed|sank|sinking\s+of"
    r"|(?:drones|missiles|rockets)\s+(?:that\s+)?[A-Z][\w-]+\s+(?:had\s+)?(?:launched|fired)"
    r"|(?:rocket|artillery|mortar|tank)\s+fire"
    # "carried out an aerial aggression": a state agency's words for an air strike
    r"|(?:aerial|air|missile)\s+aggression"
    # "Azerbaijani fire killed four soldiers", "killed by Indian fire": a side's gunfire
    # (the nationality says whose), not a blaze
    r"|(?:(?<=an\s)|(?<=i\s)|(?<=ese\s)|(?<=ish\s))(?:gun)?fire(?=\s+(?:\w+\s+)?(?:killed|"
    r"wounded|injured)\b|\s+(?:on|across|along|near|in|at)\s|\s*[.,;])"
    # fighting between armed men: "a clash with Chinese troops", "hand-to-hand fighting"
    r"|clash(?:es|ed)?\s+(?:with|between)\s+(?:[\w-]+\s+){0,3}?(?:troops|forces|soldiers|army|"
    r"military|police|policemen|fighters|militants|rebels|gunmen|guards|commandos|units|sides)"
    r"|hand-to-hand\s+(?:fighting|combat|clash(?:es)?)|fire-?fights?|gun-?fights?|gun\s+battles?"
    # "killed in an ambush"; "drones targeted the oil port"
    r"|ambush(?:es)?|(?:missiles?|drones?|rockets?|warplanes?|jets|aircraft|helicopters?)\s+"
    r"(?:\w+ly\s+)?targeted"
    r"|exchanged\s+(?:\w+\s+)?(?:fire|gunfire|shots|artillery\s+fire)"
    # "a helicopter gunship fired on a village", "troops fired at protesters"
    r"|(?:troops|forces|soldiers|army|gunmen|militants|fighters|police|guards|gunships?|helicopters?|"
    r"warplanes?|jets|warships?|vessels?|boats?|tanks?)\s+(?:\w+ly\s+)?fired\s+(?:on|at|upon)\b"
    # armed men killing: "Pakistani troops killed two soldiers", "gunmen shot dead"
    r"|(?:troops|forces|soldiers|army|gunm[ae]n|armed\s+men|militants?|fighters|attackers?|snipers?|"
    r"rebels|insurgents|jihadists|military|police|navy|coast\s+guard|border\s+guards|warplanes|"
    r"jets|helicopters?|gunships?|aircraft|drones|"
    r"warships?|bombers|ships?|vessels?)\s+"
    # "gunmen on motorcycles killed", "men in uniform stormed": how they came
    r"(?:(?:on|in|riding)\s+(?:a\s+|pick-up\s+)?(?:motorcycles?|motorbikes?|trucks?|"
    r"pick-ups?|vehicles?|cars?|a\s+minibus|minibuses|boats?|uniforms?|military\s+fatigues)\s+)?"
    r"(?:\w+ly\s+)?(?:killed|shot\s+dead|gunned\s+down|massacred|executed|beheaded|attacked|"
    r"ambushed|raided|stormed|abducted|kidnapped|seized|destroyed|flattened|razed|rammed|hit)"
    # ... with an object: "soldiers killed in a clash" is the victims, told passively
    r"(?=\s+(?:at\s+least\s+|more\s+than\s+|some\s+|about\s+)?(?:\d|a\b|an\b|the\b|two|three|"
    r"four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|dozens|scores|hundreds|several|civilians|people|one|its|"
    r"villagers|soldiers|police|worshippers|students|his|her|their|"
    # "stormed Israeli towns", "killed Ukrainian soldiers": a named side's people or places
    r"(?-i:[A-Z][a-z]+)\s))"
    r"|massacre\b|(?:mass\s+)?killings?\s+of\s+(?:at\s+least\s+|more\s+than\s+|some\s+)?"
    r"(?:\d+|dozens|scores|hundreds|two|three|four|five|six|seven|eight|nine|ten|civilians|"
    r"villagers|men,?\s+women|unarmed|innocent)"
    r"|exchanges?\s+of\s+fire"
    # "the Revolutionary Guards seized the tanker": the name holds no "forces" word
    r"|seized(?=\s+(?:the|a|an|two|three)\s+(?:[\w-]+\s+){0,3}?(?:ship|tanker|vessel|boat|"
    r"ferry|freighter|trawler)s?\b)"
    r"|tore\s+through|struck(?!\s+(?:an?\s+)?(?:roadside\s+)?(?:explosive|(?:land)?mine|bomb|IED)\b)"
    r"|opened\s+fire|stormed\s+into|storming\s+of|overran|overrun|boarded|"
    # "fired water cannon at a Philippine boat": a coast guard's attack
    r"(?:fired|turned)\s+(?:a\s+|their\s+|its\s+)?water[\s-]cannons?(?=\s+(?:at|on)\s+"
    r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:boats?|vessels?|ships?|crew))|"
    r"(?:was|were|been)\s+(?:\w+ly\s+)?targeted"
    # "rockets fired from Lebanon hit Haifa": the launch site between weapon and verb
    r"|(?:missiles?|drones?|rockets?|shells?|bombs?)\s+(?:(?:fired|launched)\s+(?:from|by)\s+"
    r"(?:[\w'-]+\s+){1,4}?)?(?:had\s+|have\s+)?(?:also\s+|\w+ly\s+)?(?:hit|struck|slammed\s+into|"
    r"destroyed|"
    r"landed\s+(?:on|in|near)|"
    r"fell\s+(?:on|in)|rained\s+down\s+on))"
    # "wounded by mortar shells fired by Azerbaijani troops" (after the longer form above)
    r"|(?:missiles?|drones?|rockets?|shells|mortars?|projectiles|torpedo(?:es)?)\s+fired(?=\s+by\b)"
    # "a school was hit by shells": the strike, told passively
    r"|(?:was|were|been|being)\s+(?:\w+ly\s+)?hit\s+by\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:shells?|shellfire|rockets?|missiles?|drones?|bombs?|(?:air\s*)?strikes?|artillery|fire|"
    r"mortars?|airstrikes?)"
    # "a missile was intercepted over Riyadh": the attack, stopped
    r"|(?:missiles?|drones?|rockets?)\s+(?:\w+\s+){0,3}?(?:was|were)\s+(?:\w+ly\s+)?intercepted"
    r"|(?P<airspace>airspace\s+violations?|violat\w*\s+(?:of\s+)?(?:\w+\s+){0,2}airspace"
    # "forced a Ryanair flight to land in Minsk", "the forced landing": an airliner taken down
    r"|forced\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,4}?(?:flight|plane|airliner|aircraft|jet)\s+"
    r"(?:carrying\s+(?:[\w-]+\s+){1,4}?)?to\s+land|forced\s+(?:landing|diversion)"
    r"|(?:(?:enter(?:s|ed|ing)?|was\s+in|been\s+in|penetrated)"
    r"|(?:crossed|crossing|strayed|straying|flew|flying|flown|intruded|intruding|ventured)"
    # "after flying about two kilometres into Pakistani airspace"
    r"(?:\s+(?:about|some|nearly|around|up\s+to|at\s+least|more\s+than)?\s*[\w.-]+\s+"
    r"(?:kilometres|kilometers|km|miles|nautical\s+miles))?(?:\s+deep)?\s+into)\s+"
    r"(?:\w+'?s?\s+){0,2}airspace"
    # "incursions by Russian drones and aircraft into Polish and Estonian airspace"
    r"|incursions?\s+(?:by\s+(?:[\w-]+\s+){1,5}?)?into\s+(?:[\w-]+\s+){0,4}?airspace"
    # "sent balloons carrying rubbish across the frontier": into the neighbour's sky
    r"|(?:sent|sending|flew|flown|floated|floating)\s+(?:[\w,-]+\s+){0,6}?"
    rf"{CRAFT}\s+(?:[\w,-]+\s+){{0,8}}?{_ACROSS}"
    rf"|{CRAFT}\s+(?:had\s+|have\s+)?(?:been\s+)?(?:flown|flying)\s+over"
    # "a surveillance balloon was spotted over the US state of Montana"
    rf"|{CRAFT}\s+(?:was|were|had\s+been|has\s+been)\s+(?:spotted|seen|detected|tracked|"
    r"sighted)\s+(?:flying\s+|drifting\s+|hovering\s+)?over"
    rf"|{CRAFT}\s+(?:\w+\s+){{0,2}}?(?:crossed|(?:flew|drifted|floated)\s+(?:across|over))"
    r"\s+(?:the\s+)?(?:border|frontier|demarcation\s+line))"
    r"|(?P<explosion>explosions?|blasts?|exploded|detonat\w+|blown\s+up|blew\s+up"
    r"|(?:nuclear|atomic|hydrogen[\s-]bomb|thermonuclear)\s+(?:weapons?\s+)?tests?"
    r"|(?:car|truck|lorry|roadside|suicide)\s+bomb(?:s|ers?|ings?)?|bomb\s+attacks?"
    r"|bombs?\s+(?:ripped|tore)\s+(?:through|apart)|landmines?|improvised\s+explosive\s+devices?"
    # "their vehicle struck an explosive device", "the patrol drove over a mine"
    r"|(?:struck|hit|drove\s+over|ran\s+over|stepped\s+on)\s+(?:an?\s+)?(?:roadside\s+)?"
    r"(?:explosive\s+device|(?:land)?mine|bomb|IED)s?\b"
    r"|explosives?-(?:packed|laden)|laden\s+with\s+explosives)"
    r"|(?P<sabotage>sabotage|sabotaged|saboteurs?"
    # "damaged the power cable", "two pipelines were severed": an undersea line broken
    rf"|(?:damag\w*|cut|cutting|severed|severing|ruptured|rupturing)\s+(?:[\w-]+\s+){{0,5}}?{_LINE}"
    rf"|{_LINE}\s+(?:were|was|had\s+been|have\s+been)\s+(?:\w+\s+)?(?:damaged|cut|severed|ruptured)"
    rf"|damage\s+to\s+(?:[\w-]+\s+){{0,5}}?{_LINE})"
    r"|(?P<vote>voted|votes?\s+(?:in\s+favou?r|against)|adopted\s+(?:a|the)\s+resolution"
    r"|resolution\s+(?:was\s+)?(?:adopted|passed)|passed\s+with\s+\d+\s+votes"
    r"|won\s+\d+\s+votes|(?:was\s+)?(?:rejected|defeated)\s+by\s+\d+\s+votes"
    r"|vetoed|(?:cast|casting|used|wielded)\s+(?:a|its|their)\s+veto|failed\s+to\s+adopt)"
    r")(?![\w-])",
    re.I,
)
_MEANS_OF = {
    "missile": StrikeMeans.MISSILE,
    "rocket": StrikeMeans.MISSILE,
    "cruise missile": StrikeMeans.MISSILE,
    "ballistic missile": StrikeMeans.MISSILE,
    "tomahawk": StrikeMeans.MISSILE,
    "drone": StrikeMeans.DRONE,
    "kamikaze drone": StrikeMeans.DRONE,
    "air": StrikeMeans.AIR,
    "airborne": StrikeMeans.AIR,
    "aerial": StrikeMeans.AIR,
    "artillery": StrikeMeans.ARTILLERY,
    "mortar": StrikeMeans.ARTILLERY,
}
_VERBAL = re.compile(
    r".*(?:ing|ed)$|(?:shot|brought|opened|tore|fired|was|were|been|struck|blew|stormed|overran|"
    r"overrun)\b",
    re.I,
)
#: "called the breach deliberate sabotage": a description of an event already reported.
_CHARACTERISATION = re.compile(
    r"\b(?:called|described|branded|termed|labelled|labeled|regarded|as|was|were|be|been|"
    r"is|qualified\s+as)\s+"
    # "were killed when Ethiopian shells hit": a clause of its own, no characterisation
    r"(?:(?!(?:when|after|while|before|because|since|until|as|and|but)\b)"
    r"(?:the|it|them|this|that|an?|\w+ly|\w+)\s+){0,4}$",
    re.I,
)
#: "no indication that it was an intentional attack": no event.
_NEGATED_EVENT = re.compile(
    r"\b(?:no|not|never|denied|deny|denies|without)\s+(?:\w+\s+){0,5}$"
    r"|\b(?:in\s+order\s+to|prepar\w+|plann\w+|plott\w+|threaten\w*\s+to|would|could|might|"
    r"vow\w*\s+to|pledg\w+\s+to)\s+(?:(?:an?|the|new|another|further|more|fresh|major)\s+){0,2}$"
    # "its options include attacks on": what may be done, not what was
    r"|\b(?:options|choices|scenarios)\s+(?:\w+\s+){0,2}(?:include|included|including|are|were)"
    r"\s+(?:\w+\s+){0,2}$"
    # "the latest example of Israeli attacks": a kind of act, not one
    r"|\b(?:examples?|instances?|kinds?|types?)\s+of\s+(?:[\w-]+\s+){0,2}$"
    # "any attack on Syria would be regarded as an attack on the whole Islamic world": an
    # act supposed, not one that happened
    r"|\b(?:any|every)\s+(?:(?:further|new|future|possible|military|armed|such)\s+)?$"
    r"|\b(?:would|will|could|shall)\s+be\s+(?:regarded|considered|seen|treated|deemed|viewed)"
    r"\s+as\s+an?\s+(?:(?:direct|military|armed)\s+)?$"
    # "an attack on Turkey was an attack on NATO": the second half of the maxim
    r"|\ban?\s+(?:attack|assault)\s+(?:on|against)\s+[^.;,]{1,40}?\s+(?:is|was|would\s+be|"
    r"will\s+be)\s+an?\s+$",
    re.I,
)
#: After an event noun, what makes it no act: a warning of one ("air raid sirens", "a drone
#: alert"), or the alliance's maxim ("an attack on one is an attack on all"). Not after a
#: verb: "struck shelters" is a blow.
_NOT_AN_ACT_AFTER = re.compile(
    r"\s+(?:sirens?|alerts?|alarms?|warnings?|shelters?|drills?)\b"
    r"|\s+on\s+(?:one|all|any)(?:\s+(?:of\s+us|member|ally|is)\b|\s*[.,;:]|\s*$)"
    # "an attack on Turkey was an attack on NATO": the maxim's first half
    r"|\s+(?:on|against)\s+[^.;,]{1,40}?\s+(?:is|was|would\s+be|will\s+be)\s+an?\s+"
    r"(?:attack|assault)\s+(?:on|against)\b"
    # "an attack on democracy", "an assault on the constitutional order": on an idea
    r"|\s+(?:on|against)\s+(?:the\s+|our\s+|its\s+|their\s+)?(?:[\w-]+\s+)?(?:democracy|"
    r"freedom|liberty|constitution|constitutional\s+order|rule\s+of\s+law|institutions|values|"
    r"humanity|civili[sz]ation|peace\s+process|dignity|sovereignty|independence|press\s+freedom|"
    r"free\s+speech|truth)\b",
    re.I,
)
#: "militant groups responsible for attacks on India": a record of acts (a bare plural),
#: not one act; "responsible for the attack", "behind Saturday's strikes" tell one.
_RECORD_OF_ACTS = re.compile(
    r"\b(?:responsible\s+for|behind|blamed\s+for|known\s+for)\s+"
    r"(?:(?!(?:the|this|that|these|those|its|their|an?|two|three|four|five|both)\b)[a-z-]+\s+)"
    r"{0,2}$"
)
#: "naval commandos boarded the ship", "coast guard personnel armed with knives boarded":
#: armed men boarding a vessel is a raid; anyone else boarding is travel.
_FORCES_BOARD = re.compile(
    r"\b(?:commandos|troops|soldiers|personnel|marines|forces|guards?|sailors|pirates|militants|"
    r"gunmen|special\s+forces)\s+(?:[\w,-]+\s+){0,7}$",
    re.I,
)
#: "the deal struck in Doha", "an agreement struck at Panmunjom": no blow.
_STRUCK_DEAL = re.compile(
    r"\b(?:deal|agreement|accord|compromise|bargain|truce|ceasefire|balance|chord|note)\s+"
    r"(?:\w+\s+)?(?:was\s+|had\s+been\s+|been\s+)?$",
    re.I,
)
#: What is shot down when it is rejected: "the proposal was shot down by Germany".
_PROPOSAL_BEFORE = re.compile(
    r"\b(?:proposals?|plans?|ideas?|bills?|motions?|drafts?|requests?|resolutions?|amendments?|"
    r"bids?|offers?|suggestions?|claims?)\s+(?:\w+\s+){0,2}(?:was\s+|were\s+|been\s+)?$",
    re.I,
)
#: Where a bomb went off ("a bombing at a mosque", "bombings in Jos"), and the words that
#: make a bombing a terrorist's ("twin bombings"): a bomb set off, not an air raid.
_BOMBING_AT = re.compile(r"\s+(?:at|in|inside|outside|near)\b", re.I)
_TERROR_BOMBING = re.compile(r"\b(?:twin|terrorist|coordinated|serial|triple|deadly)\s+$", re.I)
_AIR_WORDS = re.compile(
    r"\b(?:air|aerial|jets?|warplanes?|aircraft|planes?|bombers|helicopters?|airstrikes?)\b", re.I
)
#: "an explosion of violence", "a blast of criticism": figurative.
_FIGURATIVE_BLAST = re.compile(
    r"\s+of\s+(?:\w+\s+)?(?:violence|anger|rage|protests?|joy|grief|criticism|outrage|"
    r"activity|growth|interest|demand|support|emotion|colou?r|cases|fury)\b",
    re.I,
)
#: "struck a different tone", "struck a deal": an idiom, no blow.
_STRUCK_IDIOM = re.compile(
    r"\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:tone|note|chord|balance|deal|agreement|"
    r"compromise|bargain|pose|figure|blow\s+for|nerve)\b",
    re.I,
)
#: "earlier Russian strikes": another, earlier event.
_EARLIER = re.compile(r"\b(?:earlier|previous|prior|past|separate|other)\s+(?:[\w-]+\s+)?$", re.I)
#: "The strike came a day after a drone hit Tel Aviv": the event after "after" is
#: another, earlier one than the one the sentence told first.
_CAME_AFTER = re.compile(
    r"\b(?:days?|weeks?|months?|years?)\s+(?:after|before)\s+[^.;]{0,70}$", re.I
)
#: Between a bomb and the verb of its blast: "a suicide bomber struck", "a car bomb that
#: tore through": nothing but an adverb or a relative pronoun.
_BOMB_DID = re.compile(r"\s+(?:(?:that|which|who)\s+)?(?:\w+ly\s+)?(?:had\s+|has\s+)?")
#: A fight between two sides, which neither side alone carried out.
_MUTUAL = re.compile(
    r"clash|hand-to-hand|fire-?fight|gun-?fight|gun\s+battle|exchanges?\s+of|exchanged|fighting|"
    r"hostilities|gunfire",
    re.I,
)
_BLAST = re.compile(r"\b(?:explosions?|blasts?|exploded|detonat\w+)\b", re.I)
#: Generic words that refer back to an event rather than introduce one.
_ANAPHORIC = re.compile(r"\b(?:the|this|these|those|its|their)\s+(?:\w+\s+)?$|\bthat\s+$", re.I)


@dataclass(frozen=True)
class EventTrigger:
    """An event word of a sentence (offsets in the document) and how it tells of its event."""

    kind: EventKind
    start: int
    end: int
    means: StrikeMeans | None
    anaphoric: bool
    earlier: bool = False
    characterisation: bool = False
    demonstrative: bool = False
    #: A fight between two sides ("a clash with Chinese troops"): the other side named is
    #: a party to it, not its author.
    mutual: bool = False


def find_event_triggers(sentence: Sentence) -> list[EventTrigger]:
    """The event words of a sentence, in order."""
    found: list[EventTrigger] = []
    for match in _EVENT_RE.finditer(sentence.text):
        group = match.lastgroup or "strike"
        kind = EventKind("airspace_violation" if group == "airspace" else group)
        means_word = (match.group("means") or "").lower()
        means_word = " ".join(means_word.split())
        means = _MEANS_OF.get(means_word) if kind is EventKind.STRIKE else None
        if means is None and kind is EventKind.STRIKE and re.match(r"shell", match.group(), re.I):
            means = StrikeMeans.ARTILLERY
        if means is None and kind is EventKind.STRIKE and re.match(r"dropped", match.group(), re.I):
            means = StrikeMeans.AIR
        before = sentence.text[: match.start()]
        if (
            kind is EventKind.STRIKE
            and re.fullmatch(r"bombings?", match.group(), re.I)
            and not _AIR_WORDS.search(sentence.text)
            and (
                _TERROR_BOMBING.search(before[-30:])
                or (
                    _BOMBING_AT.match(sentence.text, match.end())
                    # "NATO's bombing in Serbia", "the Israeli bombing in Gaza": a state's
                    and not re.search(r"(?:'s|\b(?-i:[A-Z])[\w-]+)\s+$", before[-25:])
                )
            )
        ):
            kind = EventKind.EXPLOSION  # "a bombing at a mosque in Herat": a bomb, no air raid
        if match.group().lower() == "boarded" and not _FORCES_BOARD.search(before[-90:]):
            continue  # "passengers boarded the plane": no raid
        if re.match(r"(?:was\s+|were\s+)?shot\s+down|shooting\s+down", match.group(), re.I) and (
            _PROPOSAL_BEFORE.search(before[-50:])
        ):
            continue  # "the proposal was shot down": rejected, not downed
        if kind is EventKind.EXPLOSION and _FIGURATIVE_BLAST.match(sentence.text, match.end()):
            continue  # "an explosion of violence": no blast
        if match.group().lower() == "struck" and (
            _STRUCK_DEAL.search(before[-40:]) or _STRUCK_IDIOM.match(sentence.text, match.end())
        ):
            continue  # "the agreement struck at Panmunjom", "struck a different tone": no blow
        verbal_trigger = bool(_VERBAL.match(match.group().split()[0]))
        anaphoric = (
            bool(_ANAPHORIC.search(before[-25:]))
            and not match.group("means")
            # "drones that crossed into Polish airspace": a relative clause, not "that attack"
            and not (verbal_trigger and kind is not EventKind.STRIKE)
        )
        verbal = bool(_VERBAL.match(match.group()))
        characterisation = (
            not verbal
            and bool(_CHARACTERISATION.search(before[-60:]))
            and not re.search(r"\b(?:by|from|in|of|with)\s+(?:\w+\s+)?$", before[-30:])
        )
        if (
            kind is EventKind.SABOTAGE
            and re.search(_LINE, match.group(), re.I)
            and _BLAST.search(sentence.text)
        ):
            continue  # "explosions ruptured the pipelines": the explosions are the event
        if kind is EventKind.SABOTAGE and re.match(
            r"\s+(?:groups?|units?|teams?|squads?|cells?|networks?)\b", sentence.text[match.end() :]
        ):
            continue  # "sabotage groups" are people, not an act
        if kind is EventKind.SABOTAGE and re.search(r"\b(?:acts?|case|form)\s+of\s+$", before):
            characterisation = True
        if kind is EventKind.SABOTAGE and found and re.search(r",\s*$", before):
            characterisation = True  # "blasts off Fujairah, sabotage that ...": the blasts
        if characterisation:
            anaphoric = True
        if _NEGATED_EVENT.search(before[-60:]):
            continue
        if not verbal and _NOT_AN_ACT_AFTER.match(sentence.text, match.end()):
            continue  # "air raid sirens sounded", "an attack on one is an attack on all"
        if re.search(r"s$", match.group(), re.I) and _RECORD_OF_ACTS.search(before[-50:]):
            continue
        if kind is EventKind.STRIKE and re.search(
            r"\b(?:explosions?|blasts?|bombs?)\s+(?:\w+ly\s+)?$", before[-30:], re.I
        ):
            continue  # "an explosion tore through the hull": the explosion itself
        earlier = bool(_EARLIER.search(before[-30:])) or bool(
            re.match(
                r"\s+(?:that|which)\s+had\s|\s+(?:(?:a|one|two|three|several)\s+(?:weeks?|"
                r"months?|years?)\s+(?:earlier|before|ago)|the\s+previous\s+(?:week|month|year)|"
                r"last\s+(?:week|month|year))\b",
                sentence.text[match.end() : match.end() + 25],
            )
        )
        if found and _CAME_AFTER.search(before[-90:]):
            earlier = True  # "the strike came a day after a drone hit": the one before
        if (
            kind is EventKind.STRIKE
            and found
            and found[-1].kind is EventKind.EXPLOSION
            and _BOMB_DID.fullmatch(sentence.text, found[-1].end - sentence.start, match.start())
            and re.match(r"(?:struck|hit|attacked|tore\s+through)\b", match.group(), re.I)
        ):
            continue  # "a suicide bomber struck a market": the bombing, told by its verb
        if (
            kind is EventKind.STRIKE
            and found
            and found[-1].kind is EventKind.EXPLOSION
            and re.fullmatch(r"attacks?|assault", match.group(), re.I)
        ):
            continue  # "twin explosions ... in the deadliest attack in years": the blasts
        found.append(
            EventTrigger(
                kind,
                sentence.start + match.start(),
                sentence.start + match.end(),
                means,
                anaphoric and not earlier,
                earlier,
                characterisation,
                bool(re.search(r"\b(?:this|that|these|those)\s+(?:\w+\s+)?$", before[-25:], re.I)),
                bool(_MUTUAL.match(match.group())),
            )
        )
    return found
