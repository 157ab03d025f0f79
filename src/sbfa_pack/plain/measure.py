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
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), " "),  # e-mail addresses
    (re.compile(r"(?<![\w@/])(?:www\.)?(?:[a-z0-9-]+\.)+(?:com|org|net|info|eu|int|gov|no|de|es|gr|pl|ua)"
                r"\b(?:/[^\s)]*)?", re.I), " "),  # addresses without https:// (biznes.gov.pl)
    (re.compile(r"^\s{0,3}(?:#{1,6}|[-*+]|\d+[.)]|>|\|)\s*", re.MULTILINE), ""),
    (re.compile(r"\|"), "\n"),
    (re.compile(r"[*_]{2,}"), ""),
]
_ITALIC = re.compile(r"(?<![*\w])[*_]([^*_\n]+)[*_](?![*\w])")
_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\([^)]*\)")
_TERM_LINK = re.compile(r"\[([^\]]*)\]\(term:[^)]*\)")  # a glossary term: explained where it stands
_BOLD = re.compile(r"\*\*([^*\n]+)\*\*|__([^_\n]+)__")
# Official terms are written in parentheses or quotes beside the plain word: "the trade office
# (Gewerbeamt)", «έναρξη δραστηριότητας». They are kept on purpose and are not counted as rare.
_QUOTED = re.compile(r"\(([^()\n]{1,80})\)|[\"“„«‚‘]([^\"“”„«»\n]{1,80})[\"”“»’‘]")
# A longer quote is a term only when it is in another language: the question to ask an office in its
# own words ("Jakie dokumenty są potrzebne …?"), not the course's own wording in quotes.
_LONG_QUOTE = re.compile(r"[\"“„«‚‘]([^\"“”„«»\n]{81,300})[\"”“»’‘]")
# The languages whose words a course quotes: the host countries' and the project's.
_HOST_LANGUAGES = ("en", "de", "es", "pl", "nb", "el", "uk", "ar", "fr", "it", "pt", "sv", "da", "nl")
_SCRIPT = {"el": "GREEK", "uk": "CYRILLIC", "ar": "ARABIC", "fa": "ARABIC"}
_SENTENCE_END = re.compile(r"(?<=[.!?؟;])\s+|(?<=[.!?؟;][\"”»“’])\s+|\n+")  # also after a closing quote
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
# Units and currencies (symbols and ISO codes, in the scripts the catalogs use): amounts are read as
# numbers, not as words.
_NOT_WORDS = frozenset({"km", "kg", "eur", "nok", "pln", "vat", "pdf", "www", "eu", "eea", "id",
                        "zł", "zl", "gr", "kr", "usd", "gbp", "chf", "sek", "dkk", "uah", "грн", "зл", "евро"})


def plain_text(markdown: str, lang: str | None = None) -> tuple[str, set[str]]:
    """What the learner reads of ``markdown``, and the terms in it that are not counted as rare: official
    terms in italics, parentheses or short quotes, glossary terms, and (given the text's ``lang``) bold
    words and long quotes in another language (see :func:`foreign`)."""
    markdown = _unwrap(markdown)  # a term or a quote wrapped over two lines is one
    terms = {w.lower() for m in _TERM_LINK.finditer(markdown) for w in _WORD.findall(m.group(1))}
    markdown = _LINK.sub(r"\1", markdown)  # a link's target is not read (nor a term)
    if lang is not None:
        for m in [*_BOLD.finditer(markdown), *_LONG_QUOTE.finditer(markdown)]:
            span = _WORD.findall(m.group(1) or m.group(2) or "")
            if foreign(span, lang) or (m.re is _BOLD and _proper_name(span)):
                terms |= {w.lower() for w in span}
    markdown = _BOLD.sub(lambda m: m.group(1) or m.group(2), markdown)
    terms |= {w.lower() for m in _ITALIC.finditer(markdown) for w in _WORD.findall(m.group(1))}
    terms |= {w.lower() for m in _QUOTED.finditer(markdown) for w in _WORD.findall(m.group(1) or m.group(2))}
    text = _ITALIC.sub(r"\1", markdown)
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
    if _frequency(word, lang) >= 10 ** (threshold - 9):  # Zipf = log10(frequency per billion words)
        return False
    return not _inflected_form(word, lang)


# Languages whose words take many endings (cases, persons, genders): the lists count every form apart,
# so a form of a common word can be missing. A word of 7 letters or more whose stem (the word less its
# last 3 letters) begins a word of the list is a form of a common word, not a rare word.
_INFLECTED = frozenset({"de", "el", "nb", "pl", "uk"})
_ENDING = 3


def _inflected_form(word: str, lang: str) -> bool:
    base = lang.split("-")[0]
    if base not in _INFLECTED or len(word) < 7:
        return False
    w = word.lower()
    return w[: len(w) - _ENDING] in _stems(base) or (
        base in _COMPOUNDING and len(w) <= _COMPOUND_LETTERS and _compound(w, base, 1))


# German and Norwegian join words into one (Steuer·tabelle, skatte·kontoret): a compound of common
# words (two parts of 3 letters or more, with the joining -s-/-e-/-n- of these languages) reads as its
# parts; a longer chain (Krankenversicherungsbeitrag, over 18 letters) stays a hard word.
_COMPOUND_LETTERS = 18
_COMPOUNDING = frozenset({"de", "nb"})
_JOINS = ("", "s", "e", "n", "es", "en", "er")


def _compound(w: str, lang: str, parts: int) -> bool:
    freqs = _frequencies(lang) or {}
    for i in range(3, len(w) - 2):
        head, rest = w[:i], w[i:]
        if not any(head.endswith(j) and head[: len(head) - len(j)] in freqs for j in _JOINS if len(head) - len(j) >= 3):
            continue
        if rest in freqs or (rest[: len(rest) - _ENDING] in _stems(lang) and len(rest) >= 6) or (
                parts > 1 and _compound(rest, lang, parts - 1)):
            return True
    return False


@cache
def _stems(lang: str) -> frozenset[str]:
    """The beginnings (4 letters or more) of the words of ``lang``'s list."""
    freqs = _frequencies(lang) or {}
    return frozenset(w[:i] for w in freqs for i in range(4, len(w)))


@lru_cache(maxsize=200_000)
def _frequency(word: str, lang: str) -> float:
    """As wordfreq's word_frequency, on its list loaded once: the same normalisation (case,
    Arabic diacritics, …) through its own preprocess, without re-tokenising every call."""
    freqs = _frequencies(lang)
    assert freqs is not None
    base = lang.split("-")[0]
    key = _wordfreq().preprocess.preprocess_text(word.replace("’", "'"), base)
    found = freqs.get(key) or freqs.get(key.split("-")[0], 0.0) or _wordfreq().word_frequency(word, base, "small")
    if not found and base == "ar":
        found = max((freqs.get(stem, 0.0) for stem in _arabic_stems(key)), default=0.0)
    if not found and base == "es":
        found = max((freqs.get(stem, 0.0) for stem in _spanish_stems(key)), default=0.0)
    return float(found)


# Spanish writes the object pronouns after an imperative, infinitive or gerund as one word, and the
# stress mark that keeps the stress in place ("rellénala": "fill it in", "dándole"); the word lists
# count each such form apart. A form the list does not hold is looked up without the pronouns and
# the mark (rellena, dando).
_ES_CLITICS = ("selos", "selas", "selo", "sela", "melo", "mela", "telo", "tela", "nos", "los", "las", "les",
               "la", "lo", "le", "me", "te", "se", "os")
_ES_UNMARK = str.maketrans("áéíóú", "aeiou")


def _spanish_stems(word: str) -> list[str]:
    return [word[: -len(c)].translate(_ES_UNMARK) for c in _ES_CLITICS
            if word.endswith(c) and len(word) - len(c) >= 3 and any(v in word for v in "áéíóú")]


# Arabic writes conjunctions, prepositions, the article and possessive pronouns as one word with the
# noun ("وتكاليفك": "and your costs"); the word lists count each such form apart. A form the list does
# not hold is looked up without them (a light stemmer: Larkey, Ballesteros and Connell, 2002).
_AR_PREFIXES = ("وبال", "ولل", "فلل", "وال", "بال", "كال", "فال", "لل", "ال", "و", "ف", "ب", "ل", "ك", "س")
_AR_SUFFIXES = ("كما", "هما", "تهم", "تها", "ها", "هم", "هن", "كم", "كن", "نا", "ك", "ه", "ي", "ة")


def _arabic_stems(word: str) -> list[str]:
    stems = []
    for p in ("", *_AR_PREFIXES):
        if not word.startswith(p) or len(word) - len(p) < 2:
            continue
        rest = word[len(p):]
        stems += [rest, "ال" + rest] if p.endswith("لل") else [rest]  # لل: ل + ال
        stems += [rest[: -len(x)] for x in _AR_SUFFIXES if rest.endswith(x) and len(rest) - len(x) >= 2]
    return stems


def _proper_name(span: list[str]) -> bool:
    """A name of two words or more, every word but short ones capitalised: an office or a programme
    in bold (**Independent Authority for Public Revenue**, **Innovation Norway**)."""
    long = [w for w in span if len(w) > 3]
    return len(span) >= 2 and bool(long) and all(w[0].isupper() for w in long)


def foreign(span: list[str], lang: str) -> bool:
    """True when the words of ``span`` are in another language than ``lang``: more of them are common
    words (not rare) of some other language than of ``lang``. A host-country term in bold
    (**Gewerbeanmeldung** in English) is foreign; an ordinary hard word in bold is not."""
    if not span or _frequencies(lang) is None:
        return False
    base = lang.split("-")[0]
    def known(in_lang: str) -> int:
        return sum(is_rare(w, in_lang, 3.0, first=True) is False for w in span)
    own = known(base)
    return any(known(other) > own for other in _HOST_LANGUAGES if other != base)


@dataclass
class Figures:
    """Counts over any amount of text; figures are derived from them."""

    sentences: int = 0
    words: int = 0
    syllables: int = 0
    sounded: int = 0  # words whose syllables are counted (not the official terms and names)
    counted: int = 0  # words whose rarity was measured
    rare: int = 0
    passive: int = 0
    nominal: int = 0
    longest: int = 0

    def add(self, other: Figures) -> None:
        for name in ("sentences", "words", "syllables", "sounded", "counted", "rare", "passive", "nominal"):
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
        asl, asw = self.words / self.sentences, self.syllables / (self.sounded or self.words)
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
        sounded = [w for w in ws if w.lower() not in terms and not _foreign(w, lang)]
        f.syllables, f.sounded = sum(syllables(w, base) for w in sounded), len(sounded)
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
