"""Event constructions, one sentence pair each, written for this test: which events a
text tells (kind, country, alleged perpetrator) and their casualty figures."""

from __future__ import annotations

import pytest
from event_rows import DAY, Row, events

from kg.extract import extract_document

CASES: list[tuple[str, list[Row]]] = [
    # the places after "in response to" another event are that event's, not this one's
    (
        "Iranian missiles struck the Al Udeid base on Monday in response to the American "
        "strikes on Fordow and Natanz.",
        [("strike", "QAT", "IRN"), ("strike", "IRN", "USA")],
    ),
    # a coalition named by the state that leads it after "led by" is that state's
    (
        "Since Thursday a coalition of Gulf states led by Saudi Arabia has bombed rebel "
        "positions across Yemen.",
        [("strike", "YEM", "SAU")],
    ),
    # aircraft that entered one state's airspace from another's territory were sent by that
    # other state; the bombs they dropped next are its strike, where they fell
    (
        "Military aircraft entered the airspace of Georgia from the territory of the Russian "
        "Federation on Friday and dropped bombs on the Pankisi Gorge, killing one man.",
        [("airspace_violation", "GEO", "RUS"), ("strike", "GEO", "RUS")],
    ),
    # a capital named in apposition is where it happened, not who acted
    (
        "Soldiers opened fire on an opposition rally in the capital, Conakry, on Monday.",
        [("strike", "GIN", None)],
    ),
    # a warning of an attack is no attack, nor is the alliance's maxim; a verb before the
    # same words is a blow ("struck shelters")
    ("Air raid sirens sounded in Kyiv on Wednesday night.", []),
    (
        "Italian jets were scrambled over Rome on Friday. Allied solidarity is our defence: an "
        "attack on one is an attack on all.",
        [],
    ),
    # a side's gunfire, told by the nationality of whoever fired, is a strike of that side;
    # a fire service is no fire
    (
        "Azerbaijani fire killed two Armenian soldiers in Armenia's Syunik province on Tuesday.",
        [("strike", "ARM", "AZE")],
    ),
    (
        "A Pakistani soldier was killed by Indian fire in Kashmir on Sunday.",
        [("strike", None, "IND")],
    ),
    ("The Ukrainian fire service said the blaze at the depot was out.", []),
    # the actor after "by" is the author of the visit it follows, not of the massacre
    (
        "Gunmen killed some 160 villagers in Ogossagou, central Mali, on Saturday. The "
        "massacre came in the middle of a visit to the Sahel by a Security Council delegation.",
        [("strike", "MLI", None)],
    ),
    # a state agency's "aerial aggression", and missiles "firing" as "fired"
    (
        "The Israeli enemy carried out an aerial aggression at dawn on Friday.",
        [("strike", None, "ISR")],
    ),
    # a headline's victims are no authors: "kills Bahraini soldiers"
    (
        "World reacts as Houthi drone kills Bahraini soldiers on Saudi border\n\n"
        "Two Bahraini servicemen were killed on Monday when a drone struck their position on "
        "Saudi Arabia's southern border.",
        [("strike", "SAU", None)],
    ),
    # a government's shelling is its state's, on its own soil too
    (
        "Syrian government shelling hit a Turkish observation post near Saraqeb, in Idlib "
        "province, on Monday.",
        [("strike", "SYR", "SYR")],
    ),
    # armed men who stormed a named side's towns
    ("Hamas fighters stormed Israeli towns early on Saturday.", [("strike", "ISR", None)]),
    # an air base named alone is in its host state
    ("Iran fired missiles at the Al Udeid air base on Monday evening.", [("strike", "QAT", "IRN")]),
    # armed men killing a count told in words: "twenty", "fifteen"
    ("Rebels killed twenty villagers in Burundi on Friday.", [("strike", "BDI", None)]),
    (
        "Myanmar's military killed dozens of protesters in Yangon on Saturday.",
        [("strike", "MMR", "MMR")],
    ),
    # security forces that were struck are no author of the strike
    (
        "A police helicopter was shot down over Cali on Thursday, in the deadliest day for "
        "Colombia's security forces in years.",
        [("strike", "COL", None)],
    ),
    # the maxim told of one ally: neither half is an attack that happened
    ("Erdogan warned that an attack on Turkey was an attack on the whole alliance.", []),
    (
        "Turkish jets struck shelters and caves near Duhok in Iraq on Sunday.",
        [("strike", "IRQ", "TUR")],
    ),
    # waters of no state: a raid there happened in no country
    (
        "Israeli naval commandos boarded a Turkish-flagged ferry bound for Gaza in "
        "international waters before dawn on Monday.",
        [("strike", None, "ISR")],
    ),
    # the state whose posts an attack verb names, after a count, is where it struck
    (
        "NATO aircraft attacked two Pakistani army checkpoints at Salala on Saturday.",
        [("strike", "PAK", "NATO")],
    ),
    # the day of the act a main clause tells ("summoned the envoy on Monday and told him
    # that ...") is not the day of the strike its clause speaks of: one strike, told twice
    (
        "The Ukrainian foreign ministry summoned the Iranian envoy on Monday and told him that "
        "the strike on Odesa carried out with Iranian drones was a war crime. On Sunday, "
        "Russian drones struck Odesa, killing four people.",
        [("strike", "UKR", "RUS")],
    ),
    # a strike on another town of the same country, told with its own place, is another
    # event; the same town told again is the same event
    (
        "Russian missiles hit Vinnytsia on Thursday, killing 23 people. Russian missiles had "
        "also hit the south-eastern city of Dnipro, killing three people.",
        [("strike", "UKR", "RUS"), ("strike", "UKR", "RUS")],
    ),
    (
        "Russian missiles struck Kyiv on Monday. In Kyiv, the strikes killed eight people.",
        [("strike", "UKR", "RUS")],
    ),
    # a fight of two states on their common border happened in neither alone; a fight
    # between two sides in one country happened there
    (
        "Fighting broke out on Sunday on the border between Armenia and Azerbaijan, between "
        "Armenia's Tavush province and Azerbaijan's Tovuz district.",
        [("strike", None, None)],
    ),
    (
        "Fighting broke out near Donetsk on Sunday between Ukrainian troops and separatists, "
        "killing four soldiers.",
        [("strike", "UKR", None)],
    ),
    # a state's own forces named without their state act for the state where they struck;
    # forces named with their state are that state's
    (
        "Government forces shelled the town of Houla in Syria on Friday, killing 108 people.",
        [("strike", "SYR", "SYR")],
    ),
    (
        "Turkish security forces shelled a village near Duhok in Iraq on Friday, killing two "
        "people.",
        [("strike", "IRQ", "TUR")],
    ),
    # words for an attack the rules had not read: a base-form "enter" airspace, an incursion
    # "by" craft "into" airspace, a bomb that "ripped through", suicide bombings and a bomb
    # attack (explosions, not strikes), an ambush, missiles that "had also hit", aircraft
    # that attacked
    (
        "NATO scrambled jets after Russian drones began to enter Polish airspace on Tuesday night.",
        [("airspace_violation", "POL", "RUS")],
    ),
    (
        "Tallinn protested the incursion by three Russian fighter jets into Estonian airspace "
        "on Friday.",
        [("airspace_violation", "EST", "RUS")],
    ),
    (
        "A bomb ripped through a crowded market in Peshawar on Sunday, killing 12 people.",
        [("explosion", "PAK", None)],
    ),
    ("Two suicide bombings in Volgograd killed 31 people.", [("explosion", "RUS", None)]),
    (
        "Turkey condemned the bomb attack in Istanbul on Sunday that killed six people.",
        [("explosion", "TUR", None)],
    ),
    (
        "Three Indian soldiers were killed in an ambush by Pakistani troops near Jammu on Tuesday.",
        [("strike", "IND", "PAK")],
    ),
    (
        "Russian missiles had also hit Dnipro on Friday, killing three people.",
        [("strike", "UKR", "RUS")],
    ),
    (
        "NATO aircraft attacked two army posts near Peshawar on Saturday, killing 24 soldiers.",
        [("strike", "PAK", "NATO")],
    ),
    # an event the sentence places nowhere is where the text before it was: news tells
    # where before it tells what happened there
    (
        "Schools stayed shut in Kharkiv on Monday. Russian drones struck a power plant "
        "overnight, killing two workers.",
        [("strike", "UKR", "RUS")],
    ),
    # ... but not where talks were held, nor in the author's own country
    (
        "Talks on a ceasefire in Geneva broke up on Friday. Russian drones struck a power "
        "plant overnight, killing two workers.",
        [("strike", None, "RUS")],
    ),
    (
        "Schools stayed shut in Belgorod on Monday. Russian drones struck a power plant "
        "overnight, killing two workers.",
        [("strike", None, "RUS")],
    ),
    # an attack supposed ("any attack on", "an attack on one is an attack on all") is none
    (
        "Russian missiles hit Kharkiv on Monday. Iran warned Israel that any attack on Syria "
        "would be regarded as an attack on the whole Islamic world.",
        [("strike", "UKR", "RUS")],
    ),
    (
        "Russian missiles hit Kharkiv on Monday. The alliance said an attack on one is an "
        "attack on all.",
        [("strike", "UKR", "RUS")],
    ),
    # "blamed on the coalition": the state that leads the coalition named before
    (
        "The Saudi-led coalition has fought the Houthis since 2015. Air strikes blamed on the "
        "coalition hit a funeral hall in Sanaa on Saturday, killing 140 people.",
        [("strike", "YEM", "SAU")],
    ),
    # "its" weapon, described by a word or two, is the speaking body's state's; the day it
    # spoke is not the day of the strike, which stays one event with the first telling
    (
        "Thursday's missile strike on Kremenchuk killed 20 people. The Russian defence "
        "ministry said on Friday that its long-range missiles had hit a depot in Kremenchuk.",
        [("strike", "UKR", "RUS")],
    ),
    # where a gathering met is not where "the strike" it heard of happened
    (
        "A missile strike on Kremenchuk killed 20 people. The minister, who learned of the "
        "strike at a summit on energy in Madrid, called it a war crime.",
        [("strike", "UKR", None)],
    ),
    # a place after a coordinated verb belongs to that verb, not to "the attack"
    (
        "Russian missiles hit an apartment block in Kharkiv on Monday. Canada deplored the "
        "attack and called on Russia to stop the war.",
        [("strike", "UKR", "RUS")],
    ),
    # "dropped a bomb" is a strike; "the armed forces of X" did it
    (
        "The armed forces of Israel dropped a heavy bomb on a school in Rafah on Monday.",
        [("strike", "PSE", "ISR")],
    ),
    # what one side might do is no event
    (
        "Russian drones struck Odesa overnight. Kyiv's options include strikes on airfields "
        "in Russia.",
        [("strike", "UKR", "RUS")],
    ),
    # a ship's flag is whose ship it is, not where the strike was
    (
        "A Houthi drone struck the Liberia-flagged tanker in the Gulf of Aden, killing "
        "two sailors.",
        [("strike", None, None)],
    ),
    # a supplier of the weapon is not its user
    (
        "The depot in Luhansk was struck by rockets from a British-supplied launcher, "
        "killing 12 soldiers.",
        [("strike", "UKR", None)],
    ),
    # armed men boarding a vessel is a raid; where the vessel was bound is not the place
    (
        "Russian marines boarded a Kyiv-bound cargo ship in the Black Sea on Monday.",
        [("strike", None, "RUS")],
    ),
    ("Hundreds of passengers boarded the ferry in Helsinki on Monday.", []),
    # overrunning a camp is an assault
    (
        "Armed militias overran a displacement camp near Goma, killing 30 people.",
        [("strike", "COD", None)],
    ),
    # near a state's embassy is not near the state
    (
        "A drone hit a hotel near the Russian embassy in Kyiv, killing two guards.",
        [("strike", "UKR", None)],
    ),
    # "came a week after": the event after "after" is another, with its own place
    (
        "Israeli jets struck Hodeidah on Saturday, killing six people. The raid came a week "
        "after a drone hit an apartment building beside the old harbour of Eilat, killing one man.",
        [("strike", "YEM", "ISR"), ("strike", "ISR", None)],
    ),
    # an event the text places nowhere is where the dateline's town is
    (
        "GOMA, DR Congo, May 4 - At least 20 people were killed on Friday when shells "
        "landed on a camp for displaced people.",
        [("strike", "COD", None)],
    ),
    # ... but not an attack named once in passing after the lead: that may be anywhere
    (
        "OSLO, May 4 - Norway's foreign minister met her Danish counterpart on Monday to "
        "discuss shipping.\n\nThe Danish minister said that attacks on pipelines had become so "
        "common that nobody could call them accidents.",
        [],
    ),
    # armed men boarding a state's boats attack that state, even with no place named
    (
        "Vietnam protested on Tuesday after coast guard officers armed with batons and "
        "knives boarded Vietnamese fishing boats near the reef on Sunday.",
        [("strike", "VNM", None)],
    ),
    # "near" governs the town, not the country the town is in
    (
        "Drones hit a camp near Tawila in Sudan's Kordofan region on Monday, killing 12 people.",
        [("strike", "SDN", None)],
    ),
    # a clash between troops is an event; the other side is a party, not its author
    (
        "Three soldiers were killed on Sunday in a clash with Azerbaijani troops in "
        "Armenia's Syunik province.",
        [("strike", "ARM", None)],
    ),
    # ... but not a clash with protesters
    ("Police used tear gas in clashes with protesters in Belgrade.", []),
    # craft sent across a frontier violate the neighbour's airspace; the sender did it
    (
        "VILNIUS, May 4 - Lithuania closed its border crossings on Friday after Belarus sent "
        "dozens of balloons carrying cigarettes across the frontier.",
        [("airspace_violation", "LTU", "BLR")],
    ),
    # a broken undersea line is sabotage; the ship's flag state is no place; the police
    # who boarded the ship did not damage the cable
    (
        "HELSINKI, May 4 - Finnish police on Friday boarded and detained a cargo ship "
        "registered in Panama which investigators suspect damaged a data cable between "
        "Finland and Sweden.",
        [("sabotage", "FIN", None)],
    ),
    ("Two undersea data cables were cut in the Baltic Sea on Sunday.", [("sabotage", None, None)]),
    # lines broken by explosions: the explosions are the event
    ("The explosions ruptured both pipelines in the Baltic Sea.", [("explosion", None, None)]),
    # the cause someone blames for the event just told is no second event
    (
        "An explosion at a market in Khartoum killed 40 people, according to the health "
        "ministry, which blamed an RSF drone strike.",
        [("explosion", "SDN", None)],
    ),
    # a kind of act is no act
    (
        "Poland said the fire at the warehouse was one more example of Russian attacks on "
        "its territory.",
        [],
    ),  # an act told without author belongs to the side whose own people defend it ...
    (
        "Bombers struck an air base in Syria overnight. The Turkish defence minister "
        "defended the operation as self-defence.",
        [("strike", "SYR", "TUR")],
    ),
    # ... or call it a success; not to the victim, nor to one who only judges it
    (
        "Bombers struck a nuclear site in Iran on Sunday. President Joe Biden called the "
        "operation a spectacular success.",
        [("strike", "IRN", "USA")],
    ),
    (
        "Bombers struck an air base in Syria overnight. Syria's foreign minister called "
        "the operation a failure.",
        [("strike", "SYR", None)],
    ),
    (
        "Jets struck a fuel depot in Syria. Germany called the strikes necessary.",
        [("strike", "SYR", None)],
    ),
    # two sides claiming it: no author; someone's report of a claim is a blame
    (
        "Jets struck a fuel depot in Syria. Turkey defended the strikes, and Israel called "
        "the operation a success.",
        [("strike", "SYR", None)],
    ),
    (
        "Jets struck a fuel depot in Syria. Iran said Israel had ordered the strikes.",
        [("strike", "SYR", None)],
    ),
    # where an event's effects were perceived is away from it
    (
        "Russian missiles struck an arms depot overnight, in a barrage heard across Romania.",
        [("strike", None, "RUS")],
    ),
    # "the country's north-east" is in the state named last
    (
        "North Korea said it had tested a hydrogen bomb. The blast at the test site, in the "
        "country's north-east, set off a tremor.",
        [("explosion", "PRK", None)],
    ),
    (
        "Ethiopia said the blast at the arms depot in the country's south killed 12 people.",
        [("explosion", "ETH", None)],
    ),
    # a record of acts (a bare plural) is no act; "the attack" it is responsible for is one
    (
        "Indian missiles hit a camp in Pakistan. India said the camp belonged to militants "
        "responsible for attacks on India.",
        [("strike", "PAK", "IND")],
    ),
    (
        "Indian missiles hit a camp in Pakistan. India said the camp belonged to the group "
        "responsible for the attack in Mumbai.",
        [("strike", "PAK", "IND"), ("strike", "IND", None)],
    ),
    # where the debris of an event fell is not where it happened
    (
        "Russian missiles hit an apartment block in Dnipro, killing 30 people. Moldova, "
        "where debris from the barrages fell on its territory, summoned the Russian "
        "ambassador.",
        [("strike", "UKR", "RUS")],
    ),
    # an author the text gives stays
    (
        "Israeli jets struck a depot in Syria. Turkey defended the operation.",
        [("strike", "SYR", "ISR")],
    ),
    # armed men attacking: an event whose author the text leaves to a group
    (
        "Gunmen attacked a mosque in North Sinai on Friday, killing 305 people.",
        [("strike", "EGY", None)],
    ),
    # where rockets were fired from is not who fired them
    (
        "Rockets fired from Lebanon hit the northern Israeli town of Kiryat Shmona on Monday.",
        [("strike", "ISR", None)],
    ),
    # a missile intercepted over a city is an attack on it
    (
        "A ballistic missile was intercepted over Riyadh on Saturday.",
        [("strike", "SAU", None)],
    ),
    # the victims, told passively, are no attack of their own
    (
        "Pakistani troops killed two Indian soldiers near Poonch on Tuesday. The sacrifice of "
        "the soldiers killed in the raid would not be forgotten, Delhi said.",
        [("strike", None, "PAK")],
    ),
    # a strike told passively: "was hit by shells"
    (
        "A clinic sheltering families in Khan Younis was hit by tank shells, killing nine.",
        [("strike", "PSE", None)],
    ),
    # rockets that landed on a state's own districts struck that state
    (
        "Rockets fired from Cambodia landed in two Thai border districts on Thursday.",
        [("strike", "THA", None)],
    ),
    # the owner of a school that was struck is not the author of the strike
    (
        "A UN school in Jabalia struck on Wednesday had sheltered 3,000 people.",
        [("strike", "PSE", None)],
    ),
    # fire across a border is a strike on the other side
    (
        "North Korean troops fired across the border into South Korea on Thursday afternoon.",
        [("strike", "KOR", "PRK")],
    ),
    # soldiers raiding "one of its posts"
    (
        "Indian soldiers raided one of its posts in Pakistan's Kotli district, killing a soldier.",
        [("strike", "PAK", "IND")],
    ),
    # a person seized by force is an act of force, whoever did it
    (
        "An Estonian officer was seized near the border post of Luhamaa in Estonia.",
        [("strike", "EST", None)],
    ),
    # drones flown over an airport violate the airspace there
    (
        "Large drones had flown over the airport in Copenhagen, forcing flights to divert.",
        [("airspace_violation", "DNK", None)],
    ),
    # the bomb dropped "by" an aircraft of a state
    (
        "A bomb dropped by a Myanmar military aircraft killed four farmers in Lincang in China.",
        [("strike", "CHN", "MMR")],
    ),
    # a deal struck is no blow
    ("The agreement struck at Panmunjom in South Korea ended the standoff.", []),
    # armed men storming a compound
    (
        "Armed men stormed the compound in Benghazi, Libya, on Tuesday night.",
        [("strike", "LBY", None)],
    ),
    # troops crossing into a neighbour
    ("Thai troops crossed the border into Cambodia on Monday.", [("strike", "KHM", "THA")]),
    # who accuses another of an attack is not its author
    (
        "Israel accused Hamas of having launched the rockets at Sderot on Monday.",
        [("strike", "ISR", None)],
    ),
    # the state that leads a coalition into an attack is its author
    (
        "Saudi Arabia and a coalition of mostly Gulf Arab states launched air strikes on "
        "rebel positions in Yemen.",
        [("strike", "YEM", "SAU")],
    ),
    # "the city's airport": in the city named before
    (
        "Fighting spread to Port Sudan last week. On Tuesday, drones struck the city's "
        "airport, killing three people.",
        [("strike", "SDN", None)],
    ),
    # "struck a different tone" is no blow
    (
        "Russian missiles hit Kharkiv on Monday. Beijing struck a different tone at the UN.",
        [("strike", "UKR", "RUS")],
    ),
    # a proposal shot down is rejected, not downed
    ("The proposal was shot down by Germany at the summit in Brussels.", []),
    # "an explosion of violence" is no blast
    ("An explosion of violence in Kenya left dozens dead after the vote.", []),
    # a craft that flew some distance into a neighbour's airspace: its maker's violation
    (
        "A Belarusian military helicopter landed in a meadow near Druskininkai on Friday "
        "after flying three kilometres into Lithuanian airspace.",
        [("airspace_violation", "LTU", "BLR")],
    ),
    # "coast guard" and "border guards" are forces, not a coast or a border
    (
        "Iranian border guards fired on an Afghan patrol near Herat, killing a soldier.",
        [("strike", "AFG", "IRN")],
    ),
    (
        "Chinese coast guard personnel boarded a Philippine supply boat near Sabina Shoal on "
        "Monday, injuring three sailors.",
        [("strike", None, "CHN")],
    ),
    # warplanes and ships that destroy, seize or ram: their state's act
    (
        "Egyptian warplanes destroyed an arms depot near Derna, Libya, on Monday.",
        [("strike", "LBY", "EGY")],
    ),
    (
        "Iranian naval forces seized a Liberian-flagged tanker in the Strait of Hormuz on Friday.",
        [("strike", None, "IRN")],
    ),
    (
        "A Philippine supply boat was rammed by a Chinese coast guard ship near Scarborough "
        "Shoal on Monday.",
        [("strike", None, "CHN")],
    ),
    # jets that "hit" a house: a strike by their state
    (
        "Egyptian jets hit a warehouse near Derna, Libya, on Monday, killing four guards.",
        [("strike", "LBY", "EGY")],
    ),
    # water cannon fired at a boat is an attack; on protesters in a street it is no war event
    (
        "Chinese coast guard ships fired water cannon at a Philippine supply boat near Second "
        "Thomas Shoal on Sunday.",
        [("strike", None, "CHN")],
    ),
    ("Police used water cannon on protesters in Tbilisi on Sunday.", []),
    # a force whose name holds no "forces" word seizing a ship
    (
        "The Revolutionary Guards seized a Greek tanker in the Gulf of Oman on Wednesday.",
        [("strike", None, "IRN")],
    ),
    # a man named by his nationality attacks on his own: no state's act
    (
        "A Jordanian gunman opened fire on tourists in Amman on Sunday, killing two people.",
        [("strike", "JOR", None)],
    ),
    ("A gunman killed three worshippers at a mosque in Kano on Friday.", [("strike", "NGA", None)]),
    (
        "A Tunisian suicide bomber blew himself up outside a church in Cairo on Sunday.",
        [("explosion", "EGY", None)],
    ),
    # a bombing at a place is a bomb set off; a state's bombing is from the air
    (
        "A bombing at a mosque in Kunduz killed 40 worshippers on Friday.",
        [("explosion", "AFG", None)],
    ),
    ("NATO's bombing in Serbia killed 16 people on Friday.", [("strike", "SRB", "NATO")]),
    # a city's name opening a person's name is no place
    (
        "Defence Minister Hassan al-Mashhadani said drones struck a military academy in Homs "
        "on Thursday.",
        [("strike", "SYR", None)],
    ),
    # an attack on an idea is no event, nor are talks named after a city a place
    (
        "Police officers rebelled in Quito on Thursday. In La Paz, Bolivia's president called "
        "the revolt an attack on democracy.",
        [],
    ),
    (
        "Ankara said the shelling of Aleppo must stop, and the opposition walked out of the "
        "Geneva talks.",
        [("strike", "SYR", None)],
    ),
    # a missile launched from home ground, at no one named
    (
        "China said it opposed such tests. North Korea fired a ballistic missile from "
        "Banghyon on Tuesday morning.",
        [("strike", "PRK", "PRK")],
    ),
    # how armed men came does not part them from what they did
    (
        "Gunmen on motorcycles killed 40 villagers in Mali's Mopti region on Saturday.",
        [("strike", "MLI", None)],
    ),
    # the attack a sentence's blasts were is no second event
    (
        "KARACHI, Oct 19 - Twin explosions tore through the crowds welcoming the former prime "
        "minister home to Pakistan on Thursday, killing 30 people in the deadliest attack the "
        "country has seen.",
        [("explosion", "PAK", None)],
    ),
    # where a reaction was voiced is not where the act it names happened
    (
        "A truck bomb hit a navy convoy near Habarana on Monday, killing 100 sailors. In "
        "Washington, the State Department said the United States condemned the attack in the "
        "strongest terms.",
        [],
    ),
    # a launch told as a noun, placed nowhere: on its author's ground, not the dateline's
    (
        "SEOUL, Dec 12 - The Security Council condemned North Korea's launch of a long-range "
        "rocket on Wednesday.",
        [("strike", "PRK", "PRK")],
    ),
    # an airliner forced down is an airspace event of whoever forced it
    (
        "Belarus forced a Ryanair flight to land in Minsk on Sunday.",
        [("airspace_violation", "BLR", "BLR")],
    ),
    # a city of a country the story names nowhere else places nothing ("Gombe" of Kinshasa)
    (
        "Soldiers guarded the presidential palace in Kinshasa on Sunday, near the residence in "
        "Gombe. Two police officers were killed in an exchange of fire.",
        [("strike", "COD", None)],
    ),
    # a vehicle that struck a hidden bomb met an explosion, not a strike
    (
        "In Mali, two French soldiers were killed when their armoured vehicle struck an "
        "explosive device.",
        [("explosion", "MLI", None)],
    ),
    (
        "Three marines were killed near Tumaco in Colombia when their patrol drove over a mine.",
        [("explosion", "COL", None)],
    ),
    # shooting that broke out is a fight
    (
        "The shooting broke out on Saturday near a village in Kyrgyzstan's Batken region.",
        [("strike", "KGZ", None)],
    ),
    # a town followed by its country is that country's, not a larger namesake's
    (
        "A car bomb exploded outside a police station in San Lorenzo, Ecuador, on Monday.",
        [("explosion", "ECU", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_events_of_a_construction(text: str, expected: list[Row]) -> None:
    assert events(text) == expected


def figures(text: str) -> list[tuple[tuple[int, int | None] | None, ...]]:
    doc = extract_document(text, doc_id="t", date=DAY)
    return [
        tuple(None if q is None else (q.min, q.max) for q in (e.killed, e.injured))
        for e in doc.events
    ]


def test_a_toll_told_long_after_its_event_and_bodies_counted_are_the_dead() -> None:
    text = (
        "Egypt began three days of mourning as the death toll from the attack on a Sufi "
        "mosque in North Sinai rose to 305, among them 27 children."
    )
    document = extract_document(text, doc_id="t", date=DAY)
    assert [(e.killed.min, e.killed.max) for e in document.events if e.killed] == [(305, 305)]
    counted = extract_document(
        "Syrian forces shelled Houla on Friday. UN observers counted the bodies of 108 people.",
        doc_id="t",
        date=DAY,
    )
    assert [(e.killed.min, e.killed.max) for e in counted.events if e.killed] == [(108, 108)]


def test_a_toll_put_at_or_risen_among_some_and_the_martyred_are_the_dead() -> None:
    martyred = "Drones struck an academy in Homs on Thursday, and 89 people were martyred."
    assert figures(martyred) == [((89, 89), None)]
    assert figures(
        "Two bombs hit the Moscow metro on Monday. The health ministry now puts the toll at "
        "38 dead."
    ) == [((38, 38), None)]
    assert figures(
        "A US strike hit a tunnel complex in Achin in Afghanistan on Thursday. The toll among "
        "the fighters had risen to 94."
    ) == [((94, 94), None)]


def test_those_beheaded_or_massacred_are_the_dead() -> None:
    text = "Insurgents beheaded more than 50 people in Mozambique's Cabo Delgado on Sunday."
    assert figures(text) == [((51, None), None)]
    assert figures("Gunmen massacred 30 villagers in Niger on Saturday.") == [((30, 30), None)]


def test_dozens_counted_in_twelves() -> None:
    text = "A car bomb in Kandahar on Monday wounded more than two dozen people."
    assert figures(text) == [(None, (25, None))]


def test_a_later_higher_toll_replaces_the_first() -> None:
    text = (
        "At least 12 people were killed when Russian missiles hit a school in Sumy. "
        "Rescuers kept searching the rubble. By evening the toll had risen to 19, as two "
        "more victims died in hospital."
    )
    assert figures(text) == [((19, 19), None)]


def test_a_run_of_figures_keeps_telling_the_same_event() -> None:
    text = (
        "Russian missiles hit a school in Sumy, killing 12 people. The school had 300 "
        "pupils. Rescuers said the toll had risen to 19. Officials in Kyiv gave no details. "
        "About 40 people were wounded."
    )
    assert figures(text) == [((19, 19), (40, 40))]


def test_figures_go_to_the_event_told_just_before_them() -> None:
    text = (
        "Israeli jets struck the port of Hodeidah in Yemen on Saturday. The strike came a day "
        "after a drone hit a building in Tel Aviv, killing one man and wounding four."
    )
    assert figures(text) == [(None, None), ((1, 1), (4, 4))]


def test_an_unplaced_retelling_with_figures_completes_the_event() -> None:
    text = (
        "Ukraine said dozens of soldiers were killed in an explosion at a barracks in Donetsk "
        "on Friday. Moscow's army said 31 soldiers were killed and 40 wounded when the "
        "building was struck by rockets."
    )
    assert events(text) == [("explosion", "UKR", None)]
    assert figures(text) == [((31, 31), (40, 40))]


def test_a_denial_does_not_dispute_the_author_the_lead_gives_under_a_quoting_headline() -> None:
    # The headline ends on a quoted phrase: still a headline, not the event's first telling,
    # which is the lead's "Monday's Russian missile strike"; Moscow's denial then disputes
    # nothing, and "the strike" is condemned at its author.
    text = (
        'Kremenchuk mourns as Kyiv calls missile strike "an act of terror"\n\n'
        "The toll from Monday's Russian missile strike on a shopping centre in Kremenchuk "
        "rose to 20.\n\n"
        "Moscow denied targeting civilians.\n\n"
        "Canada's foreign minister condemned the strike."
    )
    document = extract_document(text, doc_id="t", date=DAY)
    assert [(r.agent, r.type.value, r.target) for r in document.reactions] == [
        ("CAN", "condemns", "RUS")
    ]


def test_a_later_toll_far_from_the_event_replaces_the_first_count() -> None:
    # "The toll has risen again": the figures of the next sentence count the story's own
    # event, however far from where it was last told, and replace the lead's count.
    text = (
        "A Russian missile hit a restaurant in Kramatorsk on Tuesday evening, killing four "
        "people.\n\n"
        "Colombia condemned the attack. Its consul was in contact with the injured.\n\n"
        "The minister spoke of an act of terror. Rescue work went on through the night.\n\n"
        "The toll has risen again. The emergency service says 10 people are now known to "
        "have died and 61 were wounded."
    )
    assert events(text) == [("strike", "UKR", "RUS")]
    assert figures(text) == [((10, 10), (61, 61))]


def test_a_count_in_figures_replaces_one_told_in_words() -> None:
    # the lead's "scores" and "dozens" are what was known first; the count told later in
    # figures is the event's own, higher or not
    text = (
        "Soldiers opened fire on a rally in the capital, Conakry, killing scores of people "
        "and wounding dozens. At least 157 people were killed and 1,253 wounded when the "
        "troops stormed the stadium, a rights group said."
    )
    assert events(text) == [("strike", "GIN", None)]
    assert figures(text) == [((157, None), (1253, 1253))]


def test_an_authored_mention_refers_to_that_authors_event_not_the_story_of_another_kind() -> None:
    # "the Turkish bombardments" names its author: the strikes Turkey carried out, not the
    # car bomb the story is about, which nobody claimed and which stays without author
    text = (
        "A car bomb exploded beside a bus in Izmir on Monday, killing ten people. Police "
        "said the bomb had been packed with nails. The blast shattered windows along the "
        "street.\n\n"
        "Hours later Turkish warplanes struck militant camps in northern Iraq.\n\n"
        "Germany called for an end to the Turkish bombardments."
    )
    assert events(text) == [("explosion", "TUR", None), ("strike", "IRQ", "TUR")]
