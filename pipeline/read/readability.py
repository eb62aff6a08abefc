"""Flesch reading ease for each main section, so authors can keep the toolkit in plain English.

Syllables are counted with pyphen's hyphenation dictionary (the fallback textstat itself uses),
so no language data has to be downloaded. Each paragraph, list item, table cell and heading ends
a sentence, as a reader takes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import model as m

WORD = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*")
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")


@dataclass(frozen=True)
class Score:
    section: str
    words: int
    sentences: int
    syllables: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / max(self.sentences, 1)

    @property
    def reading_ease(self) -> float:
        if not self.words:
            return 0.0
        return 206.835 - 1.015 * self.words_per_sentence - 84.6 * (self.syllables / self.words)


@cache
def _dictionary():
    import pyphen

    return pyphen.Pyphen(lang="en_GB")


def syllables(word: str) -> int:
    if not word.isalpha():
        return 1  # numbers, codes and abbreviations are read as one unit here
    return len(_dictionary().positions(word.lower())) + 1


def _texts(block: m.Block | m.ListItem) -> list[str]:
    """The sentence-bearing texts of one block (code is not prose, so it is left out)."""
    return [] if isinstance(block, m.CodeBlock) else m.own_texts(block)


def score(section: str, texts: list[str]) -> Score:
    words = sentences = syllable_count = 0
    for text in texts:
        found = WORD.findall(text)
        if not found:
            continue
        words += len(found)
        syllable_count += sum(syllables(w) for w in found)
        # A text ends a sentence even without a full stop (list items, headings, cells).
        sentences += max(len(SENTENCE_END.findall(text.rstrip() + ".")), 1)
    return Score(section, words, sentences, syllable_count)


def by_section(document: m.Document) -> list[Score]:
    """One score per main ('#') section, in order."""
    sections: list[tuple[str, list[str]]] = []
    for block in m.walk_blocks(document.blocks):
        if isinstance(block, m.Heading) and block.level == 1:
            sections.append((m.plain_text(block.children), []))
        if sections:
            sections[-1][1].extend(_texts(block))
    return [score(name, texts) for name, texts in sections]


def overall(scores: list[Score]) -> Score:
    return Score(
        "Whole toolkit",
        sum(s.words for s in scores),
        sum(s.sentences for s in scores),
        sum(s.syllables for s in scores),
    )
