"""Text normalisation keeps an exact map back to the original characters."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.normalize import _TRANSLATE, normalize


def test_curly_quotes_become_straight() -> None:
    assert normalize("\u2018no\u2019 and \u201cyes\u201d").text == "'no' and \"yes\""


def test_dashes_become_hyphens() -> None:
    assert normalize("Kyiv \u2014 Moscow \u2013 Minsk").text == "Kyiv - Moscow - Minsk"


def test_whitespace_runs_fold_and_blank_lines_stay_paragraph_breaks() -> None:
    assert normalize("a  \t b\nc\n\n\n d").text == "a b c\n\nd"


def test_script_and_style_are_dropped() -> None:
    norm = normalize("<script>alert('Moscow condemned')</script><style>p{}</style><p>Kyiv</p>")
    assert norm.text == "Kyiv"


def test_block_tags_become_paragraph_breaks() -> None:
    assert normalize("<p>One.</p><p>Two.</p>").text == "One.\n\nTwo."


def test_entities_are_decoded_and_map_to_the_whole_reference() -> None:
    norm = normalize("<b>A &amp; B</b>")
    index = norm.text.index("&")
    assert norm.original[norm.starts[index] : norm.ends[index]] == "&amp;"


def test_markdown_markers_and_link_targets_are_dropped() -> None:
    text = "## Title\n\n**Bold** claim, see [the report](http://x.org)."
    assert normalize(text).text == "Title\n\nBold claim, see the report."


def test_span_maps_back_to_an_exact_original_span() -> None:
    original = "<p>It was \u2018a barbaric act\u2019,   Kyiv said.</p>"
    norm = normalize(original)
    start = norm.text.index("'a barbaric")
    end = norm.text.index("said") + 4
    a, b = norm.span(start, end)
    assert original[a:b] == "\u2018a barbaric act\u2019,   Kyiv said"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_offset_map_is_monotonic_and_points_at_the_source_character(text: str) -> None:
    norm = normalize(text)
    assert len(norm.starts) == len(norm.ends) == len(norm.text)
    previous = 0
    for i, ch in enumerate(norm.text):
        start, end = norm.starts[i], norm.ends[i]
        assert 0 <= start < end <= len(text)
        assert start >= previous
        previous = start
        source = text[start:end]
        if ch.isspace() or source.startswith("&"):
            continue
        assert source.translate(_TRANSLATE) == ch


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.integers(0, 199), st.integers(1, 200))
def test_any_clean_span_maps_to_original_text_containing_its_words(
    text: str, start: int, length: int
) -> None:
    norm = normalize(text, html_mode=False)
    if not norm.text:
        return
    start = min(start, len(norm.text) - 1)
    end = min(len(norm.text), start + length)
    a, b = norm.span(start, end)
    assert 0 <= a < b <= len(text)
    assert normalize(text[a:b], html_mode=False).text.strip() in norm.text


def test_a_hyphen_line_after_a_closing_quote_keeps_its_dash_but_list_markers_go() -> None:
    norm = normalize('- first item\n- second item\n\n"We condemn it."\n- the ministry')
    assert norm.text == 'first item\n\nsecond item\n\n"We condemn it." - the ministry'
    assert sorted(norm.items) == [0, 12]
