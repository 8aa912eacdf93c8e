"""Speakers a text names once: a first-person statement's author ("we"), a round-up's
country headings, and the attribution of a quote-first round-up."""

from __future__ import annotations

import datetime as dt

from kg.extract import extract_document
from kg.extract.batch import predict

DATE = dt.date(2024, 5, 7)


def reactions(text: str) -> set[tuple[str, str, str | None]]:
    return {r.key for r in predict(extract_document(text, doc_id="case", date=DATE)).reactions}


def test_we_is_the_author_the_statement_title_names() -> None:
    text = (
        "Statement of the Ministry of Foreign Affairs of Kenya on the shelling of Mandera\n\n"
        "Ethiopian artillery shelled the town of Mandera on Monday, killing four civilians.\n\n"
        "We condemn in the strongest terms this attack on a peaceful town."
    )
    assert reactions(text) == {("KEN", "condemns", "ETH")}


def test_a_long_statement_title_still_names_its_author() -> None:
    # a title of 30 words is still the text's title: it names who "we" are
    text = (
        "Official statement of the Ministry of Foreign Affairs of the Republic of Kenya on "
        "the repeated shelling of the northern border town of Mandera by Ethiopian artillery "
        "units during the night of Monday\n\n"
        "Ethiopian artillery shelled the town of Mandera on Monday, killing four civilians.\n\n"
        "We condemn in the strongest terms this attack on a peaceful town."
    )
    assert reactions(text) == {("KEN", "condemns", "ETH")}


def test_we_is_the_state_of_the_place_line_when_the_title_names_an_office() -> None:
    text = (
        "Statement of the National Defence Council on the events of 6 May\n\n"
        "Nairobi, 7 May 2024. The Council met today to review the shelling of Mandera.\n\n"
        "We demand that Ethiopia immediately stop its attacks on our border towns."
    )
    assert reactions(text) == {("KEN", "calls_for_ceasefire", "ETH")}


def test_we_of_a_joint_statement_is_each_of_its_signatories() -> None:
    text = (
        "Joint statement of the foreign ministers of Estonia, Latvia and Lithuania\n\n"
        "We stand in full solidarity with the Czech Republic."
    )
    assert reactions(text) == {
        ("EST", "solidarity", "CZE"),
        ("LVA", "solidarity", "CZE"),
        ("LTU", "solidarity", "CZE"),
    }


def test_a_title_that_names_no_one_leaves_the_author_to_the_next_line() -> None:
    text = (
        "Press release\n\nThe Ministry of Foreign Affairs of Chile\n\n"
        "We condemn in the strongest terms the shelling of the border town of Mandera."
    )
    assert reactions(text) == {("CHL", "condemns", None)}


def test_a_title_that_ends_in_statement_names_its_author_first() -> None:
    text = (
        "Kenya foreign ministry statement on the shelling of Mandera\n\n"
        "We condemn in the strongest terms the shelling of the border town."
    )
    assert reactions(text) == {("KEN", "condemns", None)}


def test_we_in_a_news_story_is_no_author() -> None:
    text = (
        "Kenya protests after shelling of Mandera\n\n"
        "Ethiopian artillery shelled the town of Mandera on Monday, killing four civilians.\n\n"
        "We condemn in the strongest terms this attack on a peaceful town."
    )
    assert reactions(text) == set()


def test_a_country_heading_is_the_agent_of_the_paragraph_under_it() -> None:
    text = (
        "Reactions to the shelling of Mandera\n\n"
        "Ethiopian artillery shelled the Kenyan town of Mandera on Monday, killing 12 people.\n\n"
        "Italy\n\n"
        "The foreign ministry condemned the attack in the strongest terms.\n\n"
        "Germany\n\n"
        "The shelling of civilians is a crime, the government said in a statement.\n\n"
        "Section two: analysis\n\n"
        "Analysts condemned the attack as reckless."
    )
    assert reactions(text) == {("ITA", "condemns", "ETH"), ("DEU", "condemns", "ETH")}


def test_a_quote_first_line_takes_the_actor_after_its_dash() -> None:
    text = (
        "What they said about the shelling of Mandera\n\n"
        "Ethiopian artillery shelled the Kenyan town of Mandera on Monday, killing 12 people.\n\n"
        '"We condemn this cowardly attack on a peaceful town." '
        "\u2014 the foreign ministry of Norway"
    )
    assert reactions(text) == {("NOR", "condemns", "ETH")}


def test_a_hyphen_line_under_a_quotation_is_its_attribution_not_a_list_item() -> None:
    text = (
        "What they said about the shelling of Mandera\n\n"
        "Ethiopian artillery shelled the Kenyan town of Mandera on Monday, killing 12 people.\n\n"
        '"We condemn this cowardly attack on a peaceful town."\n'
        "- the foreign ministry of Norway. Its embassy in Nairobi was closed.\n\n"
        '"We condemn the shelling of Mandera."\n'
        "- Sweden's foreign ministry."
    )
    assert reactions(text) == {("NOR", "condemns", "ETH"), ("SWE", "condemns", "ETH")}


def test_speech_introduced_by_a_colon_is_its_clause_subjects() -> None:
    lead = (
        "Shelling of Mandera\n\n"
        "Ethiopian artillery shelled the Kenyan town of Mandera on Monday, killing 12 people.\n\n"
    )
    assert reactions(
        lead + 'The Norwegian foreign minister was blunt: "This is a barbaric act."'
    ) == {("NOR", "condemns", "ETH")}
    # the clause's subject, not the actor it addresses
    assert reactions(
        lead + 'Sweden\'s envoy turned to the Ethiopian delegate: "Please stop this war."'
    ) == {("SWE", "calls_for_ceasefire", None)}
