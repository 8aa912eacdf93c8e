"""First-person statements: "we" is the author the title or the place line names."""

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


def test_we_is_the_state_of_the_place_line_when_the_title_names_an_office() -> None:
    text = (
        "Statement of the National Defence Council on the events of 6 May\n\n"
        "Nairobi, 7 May 2024. The Council met today to review the shelling of Mandera.\n\n"
        "We demand that Ethiopia immediately stop its attacks on our border towns."
    )
    assert reactions(text) == {("KEN", "calls_for_ceasefire", "ETH")}


def test_we_in_a_news_story_is_no_author() -> None:
    text = (
        "Kenya protests after shelling of Mandera\n\n"
        "Ethiopian artillery shelled the town of Mandera on Monday, killing four civilians.\n\n"
        "We condemn in the strongest terms this attack on a peaceful town."
    )
    assert reactions(text) == set()
