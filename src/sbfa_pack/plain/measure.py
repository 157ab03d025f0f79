"""Measuring plain language: sentences, words, rare words, readability, passive and nominal style.

Sentences are split on ``. ! ? ؟`` and the Greek question mark ``;`` followed by a space, and between
blocks (a heading, a list item and a table cell are sentences of their own; the lines of one
paragraph are joined first). Markdown markup
(links, emphasis, code, HTML tags) is removed first so that only what the learner reads is counted.

Rare words come from `wordfreq <https://pypi.org/project/wordfreq/>`_'s "small" lists (word
frequencies from subtitles, Wikipedia, books and the web, per language): a word is rare when its Zipf
frequency is below the budget's ``rare_zipf`` (3.0: fewer than once per million words). Numbers,
single letters, words in ``*italics*`` (the project writes official host-country terms that way, as
in *Gewerbeanmeldung*) and a few units are not counted. Without the optional ``plain`` extra the rare
words are not measured and the check says so.

Readability scores exist only where a formula is established for the language: Flesch Reading
Ease (en), Amstad (de), Fernández Huerta (es); higher is easier (60–80 is plain). Passive and nominal
style are estimated where a simple pattern is reliable enough (en, de, es); elsewhere ``None``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

_MARKUP = [
    (re.compile(r"```.*?```", re.DOTALL), " "),
    (re.compile(r"`[^`]*`"), " "),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: their alt text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links: their text
    (re.compile(r"<[^>]+>"), " "),
    (re.compile(r"https?://\S+"), " "),
    (re.compile(r"^\s{0,3}(?:#{1,6}|[-*+]|\d+[.)]|>|\|)\s*", re.MULTILINE), ""),
    (re.compile(r"\|"), "\n"),
    (re.compile(r"[*_]{2,}"), ""),
]
_ITALIC = re.compile(r"(?<![*\w])[*_]([^*_\n]+)[*_](?![*\w])")
# Official terms are written in parentheses or quotes beside the plain word: "the trade office
# (Gewerbeamt)", «έναρξη δραστηριότητας». They are kept on purpose and are not counted as rare.
_QUOTED = re.compile(r"\(([^()\n]{1,80})\)|[\"“„«‚‘]([^\"“”„«»\n]{1,80})[\"”»’‘]")
_SCRIPT = {"el": "GREEK", "uk": "CYRILLIC", "ar": "ARABIC", "fa": "ARABIC"}
_SENTENCE_END = re.compile(r"(?<=[.!?؟;])\s+|\n+")
_BLOCK_START = re.compile(r"^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>|\|)")
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_VOWELS = {"en": "aeiouy", "de": "aeiouyäöü", "es": "aeiouáéíóúü"}
_PASSIVE = {
    "en": re.compile(r"\b(?:is|are|was|were|be|been|being|gets|got)\s+(?:\w+ly\s+)?(?:\w+ed|made|paid|done|"
                     r"given|taken|known|seen|shown|written|sent|kept|held|built|sold|told|found)\b", re.I),
    "de": re.compile(r"\b(?:wird|werden|wurde|wurden)\b[^.!?]*\b(?:ge\w+(?:t|en)|\w+iert)\b|\b\w+(?:t|en)\s+worden\b",
                     re.I),
    "es": re.compile(r"\b(?:es|son|fue|fueron|será|serán|ser|sido)\s+\w+(?:ado|ada|ados|adas|ido|ida|idos|idas)\b",
                     re.I),
}
_NOMINAL = {
    "en": re.compile(r"\w{3,}(?:tion|sion|ment|ness|ity|ance|ence)s?\b", re.I),
    "de": re.compile(r"\w{3,}(?:ung|heit|keit|ion|ität)(?:en)?\b", re.I),
    "es": re.compile(r"\w{3,}(?:ción|sión|miento|dad|ancia|encia)(?:es|s)?\b", re.I),
}
_NOT_WORDS = frozenset({"km", "kg", "eur", "nok", "pln", "vat", "pdf", "www", "eu", "eea", "id"})


def plain_text(markdown: str) -> tuple[str, set[str]]:
    """What the learner reads of ``markdown``, and the italic terms in it (official terms)."""
    terms = {w.lower() for m in _ITALIC.finditer(markdown) for w in _WORD.findall(m.group(1))}
    terms |= {w.lower() for m in _QUOTED.finditer(markdown) for w in _WORD.findall(m.group(1) or m.group(2))}
    text = _ITALIC.sub(r"\1", _unwrap(markdown))
    for pattern, repl in _MARKUP:
        text = pattern.sub(repl, text)
    return text, terms


def _unwrap(markdown: str) -> str:
    """Lines of one paragraph joined (a soft line break is a space); a blank line, a heading, a list
    item, a quote or a table row starts a new block on its own line."""
    blocks: list[str] = []
    joinable = False
    for line in markdown.splitlines():
        if not line.strip():
            joinable = False
            continue
        if joinable and not _BLOCK_START.match(line):
            blocks[-1] += " " + line.strip()
        else:
            blocks.append(line)
        joinable = not line.lstrip().startswith(("#", "|"))
    return "\n".join(blocks)


def sentences(text: str) -> list[str]:
    """The sentences of plain text (see the module docstring); empty pieces dropped."""
    return [s.strip() for s in _SENTENCE_END.split(text) if _WORD.search(s)]


_TASHKEEL = re.compile("[\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed]")


def words(sentence: str) -> list[str]:
    """The words of a sentence; Arabic-script vowel marks (tashkeel) and tatweel are dropped first,
    as the word lists do, so that a marked word is one word."""
    return [w for w in _WORD.findall(_TASHKEEL.sub("", sentence)) if len(w) > 1 or w.isupper()]


def syllables(word: str, lang: str) -> int:
    """Vowel groups: the usual estimate behind readability formulas (at least one)."""
    vowels = _VOWELS.get(lang, "aeiou")
    n = len(re.findall(f"[{vowels}]+", word.lower()))
    if lang == "en" and word.lower().endswith("e") and n > 1 and not word.lower().endswith("le"):
        n -= 1
    return max(1, n)


@cache
def _wordfreq() -> Any:
    try:
        import wordfreq  # optional: the `plain` extra
    except ModuleNotFoundError:
        return None
    return wordfreq


def rare_words_available() -> bool:
    return _wordfreq() is not None


@cache
def _frequencies(lang: str) -> dict[str, float] | None:
    """The language's word list (word → frequency), loaded once; None when there is none."""
    wf = _wordfreq()
    if wf is None:
        return None
    try:
        return dict(wf.get_frequency_dict(lang.split("-")[0], wordlist="small"))
    except LookupError:
        return None


def _foreign(word: str, lang: str) -> bool:
    """A word in another script than the language's (a Greek office name in an English text)."""
    script = _SCRIPT.get(lang.split("-")[0], "LATIN")
    return not unicodedata.name(word[0], "").startswith(script)


def is_rare(word: str, lang: str, threshold: float, first: bool = False) -> bool | None:
    """True when ``word`` is rare in ``lang``; None when rarity is not measured: the language has no
    list, or the word is a number, a unit, an acronym (two capitals or more), in another script, or
    a name (capitalised inside a sentence, in languages that do not capitalise their nouns)."""
    freqs = _frequencies(lang)
    if freqs is None or word.lower() in _NOT_WORDS or sum(c.isupper() for c in word) >= 2:
        return None
    if _foreign(word, lang) or (word[0].isupper() and not first and lang.split("-")[0] != "de"):
        return None
    return _frequency(word, lang) < 10 ** (threshold - 9)  # Zipf = log10(frequency per billion words)


@lru_cache(maxsize=200_000)
def _frequency(word: str, lang: str) -> float:
    """As wordfreq's word_frequency, on its list loaded once: the same normalisation (case,
    Arabic diacritics, …) through its own preprocess, without re-tokenising every call."""
    freqs = _frequencies(lang)
    assert freqs is not None
    base = lang.split("-")[0]
    key = _wordfreq().preprocess.preprocess_text(word.replace("’", "'"), base)
    return freqs.get(key) or freqs.get(key.split("-")[0], 0.0) or _wordfreq().word_frequency(word, base, "small")


@dataclass
class Figures:
    """Counts over any amount of text; figures are derived from them."""

    sentences: int = 0
    words: int = 0
    syllables: int = 0
    counted: int = 0  # words whose rarity was measured
    rare: int = 0
    passive: int = 0
    nominal: int = 0
    longest: int = 0

    def add(self, other: Figures) -> None:
        for name in ("sentences", "words", "syllables", "counted", "rare", "passive", "nominal"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.longest = max(self.longest, other.longest)

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def rare_share(self) -> float | None:
        return self.rare / self.counted if self.counted else None

    def readability(self, lang: str) -> float | None:
        """Flesch Reading Ease (en), Amstad (de), Fernández Huerta (es); None elsewhere."""
        if not self.words or not self.sentences:
            return None
        asl, asw = self.words / self.sentences, self.syllables / self.words
        base = lang.split("-")[0]
        if base == "en":
            return round(206.835 - 1.015 * asl - 84.6 * asw, 1)
        if base == "de":
            return round(180 - asl - 58.5 * asw, 1)
        if base == "es":
            return round(206.84 - 60 * asw - 1.02 * asl, 1)
        return None

    def share(self, name: str) -> float | None:
        """Passive or nominal sentences per sentence, where measured."""
        return getattr(self, name) / self.sentences if self.sentences else None


def measure_sentence(sentence: str, lang: str, rare_zipf: float,
                     terms: frozenset[str] | set[str] = frozenset()) -> tuple[Figures, list[str]]:
    """The figures of one sentence and its rare words."""
    base = lang.split("-")[0]
    ws = words(sentence)
    f = Figures(sentences=1, words=len(ws), longest=len(ws))
    rare: list[str] = []
    if base in _VOWELS:
        f.syllables = sum(syllables(w, base) for w in ws)
    for i, w in enumerate(ws):
        if w.lower() in terms:
            continue
        r = is_rare(w, lang, rare_zipf, first=i == 0)
        if r is not None:
            f.counted += 1
            if r:
                f.rare += 1
                rare.append(w)
    if base in _PASSIVE and _PASSIVE[base].search(sentence):
        f.passive = 1
    if base in _NOMINAL and len(_NOMINAL[base].findall(sentence)) >= 3:
        f.nominal = 1
    return f, rare
