"""The toolkit text itself: complete, plain English, contact details only from settings."""

from __future__ import annotations

import re

import pytest

from pipeline import model as m
from pipeline.readability import by_section, overall, score, syllables

from conftest import ROOT

# The twelve areas the committee asked for, and words the area's main heading must contain.
AREAS = {
    "purpose and formats": r"about this toolkit",
    "general considerations": r"using social media well",
    "specific considerations": r"specific situations",
    "meetings": r"meetings",
    "code of conduct": r"code of conduct",
    "staying safe": r"staying safe",
    "managing pages and comments": r"pages and comments",
    "online abuse": r"abuse.*harassment.*intimidation",
    "support": r"support",
    "training and induction": r"training and induction",
    "pocket card": r"pocket card",
    "document control": r"document control",
}

# Sub-topics each area must cover, found in its sub-headings or text.
TOPICS = [
    r"another format",
    r"personal and official accounts",
    r"face-to-face",
    r"pre-election period",
    r"Code of Recommended Practice on Local Authority Publicity",
    r"predetermination",
    r"Localism Act 2011",
    r"Schedule 12A",
    r"data controller",
    r"UK GDPR",
    r"[Dd]efamation",
    r"copyright",
    r"[Ee]quality",
    r"[Rr]ecording and filming",
    r"exempt",
    r"section 27|s27|s\. ?27",
    r"monitoring officer",
    r"sensitive interest",
    r"two-step verification",
    r"phishing",
    r"house rules",
    r"[Bb]locking residents",
    r"doxing",
    r"impersonation",
    r"course of conduct",
    r"Protection from Harassment Act 1997",
    r"Malicious Communications Act 1988",
    r"Communications Act 2003",
    r"Online Safety Act 2023",
    r"Defamation Act 2013",
    r"31 January 2024",
    r"crime reference",
    r"Debate Not Hate",
    r"wellbeing",
    r"legal session",
    r"practical session",
    r"12 months|every year|annual",
]


@pytest.fixture(scope="module")
def document(real_document: m.Document) -> m.Document:
    return real_document


@pytest.fixture(scope="module")
def body() -> str:
    text = (ROOT / "content" / "toolkit.md").read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1]


def test_each_of_the_twelve_areas_has_its_main_heading(document: m.Document) -> None:
    sections = [m.plain_text(h.children).lower() for h in document.headings() if h.level == 1]
    assert len(sections) == len(AREAS)
    for (area, pattern), heading in zip(AREAS.items(), sections, strict=True):
        assert re.search(pattern, heading), f"{area}: '{heading}'"


@pytest.mark.parametrize("topic", TOPICS)
def test_topic_is_covered(body: str, topic: str) -> None:
    assert re.search(topic, body, re.IGNORECASE), topic


def test_plain_english(document: m.Document) -> None:
    scores = by_section(document)
    whole = overall(scores)
    report = "\n".join(f"{s.reading_ease:5.1f} {s.section}" for s in [*scores, whole])
    assert whole.reading_ease >= 60, report
    assert whole.words_per_sentence < 20, report
    assert all(s.reading_ease >= 50 for s in scores), report


def test_length_is_complete_but_usable(document: m.Document) -> None:
    words = overall(by_section(document)).words
    assert 4000 <= words <= 7000, words


def test_contact_details_come_from_settings_not_the_text(body: str) -> None:
    assert not re.search(r"\b0\d{3,4} ?\d{3} ?\d{3,4}\b", body), "a phone number typed in the text"
    assert not re.search(r"[\w.]+@[\w-]+\.[\w.]+", body), "an email address typed in the text"
    assert "North Northamptonshire" not in body.split("# Document control")[0]


def test_card_has_steps_and_dos_and_donts(document: m.Document) -> None:
    marked = [b for b in m.walk_blocks(document.blocks) if getattr(b, "card", "")]
    kinds = {(b.kind, b.card) for b in marked if isinstance(b, m.Callout)}
    assert ("steps", "front") in kinds
    assert ("do", "back") in kinds and ("dont", "back") in kinds


def test_every_section_links_only_with_descriptive_text(document: m.Document) -> None:
    for block in m.walk_blocks(document.blocks):
        inlines = block.children if isinstance(block, m.Paragraph) else ()
        for node in m.walk_inlines(inlines):
            if isinstance(node, m.Link) and node.external:
                text = m.plain_text(node.children)
                assert len(text.split()) >= 2 and "http" not in text, text


def test_reading_ease_formula_on_a_known_sentence() -> None:
    result = score("test", ["The cat sat on the mat."])
    assert (result.words, result.sentences, result.syllables) == (6, 1, 6)
    assert result.reading_ease == pytest.approx(206.835 - 1.015 * 6 - 84.6)
    assert syllables("councillor") == 3
