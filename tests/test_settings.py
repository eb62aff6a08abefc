"""Settings files: validation with the file, the line and a fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import ToolkitError
from pipeline.model.values import contrast_ratio
from pipeline.read.settings import load_settings

from conftest import ROOT


def problems(path: Path) -> list[str]:
    with pytest.raises(ToolkitError) as caught:
        load_settings(path)
    return [str(p) for p in caught.value.problems]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.yml"
    path.write_text(text, encoding="utf-8")
    return path


def real_settings(tmp_path: Path, old: str, new: str) -> Path:
    text = (ROOT / "content" / "settings.yml").read_text(encoding="utf-8")
    assert old in text
    return write(tmp_path, text.replace(old, new, 1))


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


@pytest.mark.parametrize("name", ["settings.yml", "examples/riverside-settings.yml"])
def test_shipped_settings_are_valid(name: str) -> None:
    settings = load_settings(ROOT / "content" / name)
    assert settings.council.name
    assert settings.contact("monitoring-officer") is not None
    assert contrast_ratio(settings.brand_colour, "#ffffff") >= 4.5


def test_unknown_key_names_its_line_and_the_nearest_key(tmp_path: Path) -> None:
    path = real_settings(tmp_path, "brand_colour:", "brand_color:")
    [message] = problems(path)
    assert message.startswith(f"{path}:{line_of(path, 'brand_color:')}:")
    assert "Unknown setting 'brand_color'" in message
    assert "Did you mean 'brand_colour'?" in message


def test_malformed_yaml_names_the_line(tmp_path: Path) -> None:
    path = real_settings(tmp_path, "committee: Democracy", "committee: [Democracy")
    [message] = problems(path)
    assert "not valid YAML" in message
    assert f"{path}:" in message


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = real_settings(tmp_path, 'brand_colour: "#005a70"', 'brand_colour: "#ffff00"')
    path = write(tmp_path, path.read_text().replace("    card: true", "    card: maybe", 1))
    found = problems(path)
    assert len(found) == 2
    assert any("too light to read on white" in p for p in found)
    assert any(
        "should be true or false" in p and f":{line_of(path, 'card: maybe')}:" in p for p in found
    )


def test_impossible_meeting_date_is_refused(tmp_path: Path) -> None:
    path = real_settings(tmp_path, "date: 2024-04-15", "date: 2024-02-30")
    [message] = problems(path)
    assert "should be a real date" in message
    assert f":{line_of(path, '2024-02-30')}:" in message


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    path = real_settings(tmp_path, "committee: ", "committee: Audit\ncommittee: ")
    [message] = problems(path)
    assert "'committee' is given twice" in message


def test_missing_required_settings_are_named(tmp_path: Path) -> None:
    found = problems(write(tmp_path, "council:\n  name: Test Council\n"))
    assert any("'committee' is missing" in p for p in found)
    assert any("'contacts' is missing" in p for p in found)


def test_duplicate_contact_ids_are_refused(tmp_path: Path) -> None:
    path = real_settings(tmp_path, "id: democratic-services", "id: monitoring-officer")
    assert any("Two contacts have the id 'monitoring-officer'" in p for p in problems(path))


def test_placeholders_are_listed_with_their_lines() -> None:
    settings = load_settings(ROOT / "content" / "settings.yml")
    found = {p.name: p for p in settings.placeholders()}
    assert found, "the shipped settings still contain TODO placeholders"
    for placeholder in found.values():
        assert placeholder.value.startswith("TODO:")
        assert placeholder.line is not None


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_links_must_be_web_addresses(tmp_path: Path) -> None:
    path = real_settings(
        tmp_path,
        'code_of_conduct: "TODO: web address of the council\'s Councillor Code of Conduct"',
        "code_of_conduct: www.example.gov.uk/code",
    )
    [message] = problems(path)
    assert message.startswith(f"{path}:{line_of(path, 'www.example.gov.uk/code')}:")
    assert "'links.code_of_conduct' does not look right" in message
    assert "starting https://" in message


def test_links_and_local_arrangements_are_required(tmp_path: Path) -> None:
    text = (ROOT / "content" / "settings.yml").read_text(encoding="utf-8")
    start, end = text.index("\nlinks:\n"), text.index("\n# Arrangements that differ")
    path = write(tmp_path, text[:start] + text[end:])
    assert any("'links' is missing" in p for p in problems(path))
    path = real_settings(tmp_path, "  training:", "  # training:")
    [message] = problems(path)
    assert "'arrangements.training' is missing" in message


def test_links_and_arrangements_are_settings_for_the_text(tmp_path: Path) -> None:
    settings = load_settings(ROOT / "content" / "examples" / "riverside-settings.yml")
    values = settings.variables()
    assert values["links.complaints"] == settings.links.complaints
    assert values["links.complaints"].startswith("https://")
    assert values["arrangements.updates"].startswith("Member Services emails every councillor")
    shipped = {p.name: p for p in load_settings(ROOT / "content" / "settings.yml").placeholders()}
    for name in ("links.recording_protocol", "arrangements.removal_requests"):
        assert shipped[name].value.startswith("TODO:")
        assert shipped[name].line is not None


@pytest.mark.parametrize("size", ["a6", "a7", "business"])
def test_card_size_is_given_to_the_text_in_words(tmp_path: Path, size: str) -> None:
    from pipeline.render.card_content import CARD_SIZES

    path = real_settings(tmp_path, "toolkit_url:", f"card:\n  size: {size}\n\ntoolkit_url:")
    words = load_settings(path).variables()["card.size"]
    card = CARD_SIZES[size]
    assert f"({card.width:g} × {card.height:g} mm)" in words
    assert words.split()[0].lower().startswith(card.name.split()[0].lower())


def test_card_size_defaults_to_a6_in_the_text() -> None:
    assert (
        load_settings(ROOT / "content" / "settings.yml")
        .variables()["card.size"]
        .startswith("A6 size")
    )
