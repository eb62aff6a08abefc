"""The toolkit text itself: complete, plain English, contact details only from settings."""

from __future__ import annotations

import re

import pytest

from pipeline import model as m
from pipeline.read.readability import by_section, overall, score, syllables

from conftest import ROOT

# The areas the committee asked for (and the legal references the annual review relies on), and
# words each area's main heading must contain.
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
    "legal references": r"legal references",
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
    # The legal statements of the 2026 review (docs/legal-review.md lists each with its source).
    r"digital imprint|\"imprint\"",
    r"elected office-holder",
    r"a postal address",
    r"do not use your home address",
    r"paid advert",
    r"section 106 of the Representation of the People Act 1983",
    r"personal character or conduct",
    r"non-trivial psychological or physical harm",
    r"no reasonable excuse",
    r"only harms your reputation is a matter for defamation",
    r"section 181",
    r"cyberflashing",
    r"intimate image without consent",
    r"epilepsy",
    r"self-harm",
    r"On some platforms, such as X, they can still see your public posts",
    r"Indemnities for Members and Officers",
    r"indemnify you (for bringing|to sue)",
    r"reasonable, in the public interest and in good faith",
    r"court order forbids",
    r"Defamation is usually a civil matter",
    r"showed it at the time",
    r"harassment protection covers all but marriage",
    r"Many threats are crimes",
    r"Freedom of Information Act 2000",
    r"it is a crime to delete or hide it",
    r"disqualification order",
    r"for five years",
    r"November 2025",
    r"suspend a councillor",
    r"when this version was checked",
    # Topics a councillor needs in 2026.
    r"deepfake",
    r"made with AI to be labelled",
    r"made-up picture, video or sound of a real person",
    r"WhatsApp and other group chats",
    r"Screenshots leak",
    r"community group",
    r"doxxing",
    r"police single point of contact",
    r"police contact plan",
    r"If someone complains about your post",
    r"Independent Person",
    r"Keeping records",
    r"Your log holds personal data",
    r"within a year",
    r"Legal references",
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
    assert re.search(topic, " ".join(body.split()), re.IGNORECASE), topic


def test_plain_english(document: m.Document) -> None:
    scores = by_section(document)
    whole = overall(scores)
    report = "\n".join(f"{s.reading_ease:5.1f} {s.section}" for s in [*scores, whole])
    assert whole.reading_ease >= 60, report
    assert whole.words_per_sentence < 20, report
    assert all(s.reading_ease >= 50 for s in scores), report


def test_length_is_complete_but_usable(document: m.Document) -> None:
    words = overall(by_section(document)).words
    assert 4000 <= words <= 8000, words


def test_contact_details_come_from_settings_not_the_text(body: str) -> None:
    assert not re.search(r"\b0\d{3,4} ?\d{3} ?\d{3,4}\b", body), "a phone number typed in the text"
    assert not re.search(r"\b(999|101|116 ?123)\b", body), "a police or helpline number typed"
    assert not re.search(r"[\w.]+@[\w-]+\.[\w.]+", body), "an email address typed in the text"
    assert "North Northamptonshire" not in body.split("# Document control")[0]
    assert "northnorthants" not in body and "northants.police" not in body, "a council address"


def test_council_arrangements_and_pages_come_from_settings(body: str) -> None:
    for name in (
        "links.code_of_conduct",
        "links.complaints",
        "links.recording_protocol",
        "arrangements.removal_requests",
        "arrangements.training",
        "arrangements.updates",
        "card.size",
        "contacts.police-emergency.phone",
    ):
        assert re.search(r"\{\{ " + re.escape(name) + r" \}\}", body), name
    assert re.search(r"::: contact [a-z -]*\bpolice-spoc\b", body), "the police contact block"
    # One council's ways of working (from the Durham case study) are not typed in as every
    # council's, and the card's size is never typed.
    assert not re.search(r"\bA[67]\b", body), "a card size typed in the text"
    assert "two sessions" not in body and "legal team runs" not in body
    assert "communications team can ask platforms" not in body.lower()


def test_every_main_section_ends_with_your_next_step(document: m.Document) -> None:
    sections: list[list[m.Block]] = []
    for block in document.blocks:
        if isinstance(block, m.Heading) and block.level == 1:
            sections.append([])
        sections[-1].append(block)
    assert len(sections) == len(AREAS)
    for section in sections:
        name = m.plain_text(section[0].children)  # type: ignore[union-attr]
        last = section[-1]
        assert isinstance(last, m.Paragraph), name
        assert m.plain_text(last.children).startswith("Your next step: "), name


def test_numbered_steps_are_real_lists_not_typed_numbers(document: m.Document) -> None:
    for block in m.walk_blocks(document.blocks):
        if isinstance(block, m.Paragraph):
            text = m.plain_text(block.children)
            assert not re.match(r"\d+[.)] ", text), f"typed numbering on line {block.line}: {text}"
    blocks = list(document.blocks)
    start = next(
        i
        for i, b in enumerate(blocks)
        if isinstance(b, m.Heading) and m.plain_text(b.children) == "Responding step by step"
    )
    steps = next(b for b in blocks[start:] if isinstance(b, m.OrderedList))
    leads = [m.plain_text(item.children[0].children).split(".")[0] for item in steps.items]  # type: ignore[union-attr]
    assert leads == [
        "Stay safe",
        "Do not engage",
        "Keep evidence",
        "Report it to the platform (see the table below)",
        "Mute or block",
        "Tell the council",
        "Go to the police",
    ]


def test_the_card_and_the_text_agree(document: m.Document, body: str) -> None:
    card = next(
        b
        for b in m.walk_blocks(document.blocks)
        if isinstance(b, m.Callout) and b.kind == "steps" and b.card == "front"
    )
    steps = [m.plain_text(item.children[0].children) for item in card.children[0].items]  # type: ignore[union-attr]
    # Threats to home or family go to the police first, as in the text.
    assert "home or family" in steps[0] and "police" in steps[0]
    # "You do not need to know which law applies": the card does not ask you to judge a crime.
    assert not any("crime" in step for step in steps)
    assert "Report it to the police" in steps[-1]
    # Screenshots of abuse go to the police, never onto your page.
    flat = " ".join(body.split())
    assert "Do not share screenshots of private messages" not in flat
    assert "give a copy of an abusive message to the police" in flat
    # The text says to record the year and the time; the sample log does.
    log = next(
        b
        for b in m.walk_blocks(document.blocks)
        if isinstance(b, m.Table) and m.plain_text(b.header[0].children) == "Date and time"
    )
    assert re.fullmatch(
        r"\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}", m.plain_text(log.rows[0][0].children)
    )
    # Posting live from a public meeting is not ruled out by "post after you have left".
    assert "Public meetings are different" in flat


def test_a_draft_names_no_approver() -> None:
    import yaml

    text = (ROOT / "content" / "toolkit.md").read_text(encoding="utf-8")
    header = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
    if header["status"] == "draft":
        assert "approved" not in header
        own = [e for e in header["history"] if e["version"] == header["version"]]
        assert own and all("approved_by" not in e for e in own), "the draft names an approver"


def test_legal_references_link_to_the_law_itself(document: m.Document) -> None:
    blocks = list(document.blocks)
    start = next(
        i
        for i, b in enumerate(blocks)
        if isinstance(b, m.Heading) and m.plain_text(b.children) == "Legal references"
    )
    table = next(b for b in blocks[start:] if isinstance(b, m.Table))
    assert [m.plain_text(c.children) for c in table.header] == ["Law", "What it means for you"]
    assert len(table.rows) >= 15
    for law, meaning in table.rows:
        links = [n for n in m.walk_inlines(law.children) if isinstance(n, m.Link)]
        assert links and all(
            link.href.startswith("https://www.legislation.gov.uk/") for link in links
        ), m.plain_text(law.children)
        assert 2 <= len(m.plain_text(meaning.children).split()) <= 20


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
