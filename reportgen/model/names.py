"""Data names inside generated sentences: isolated for bidirectional text, and with their article.

A name from the data (a segment, a country, the region, a market) is put into a sentence
through a ``Name``, never as a bare string, for two reasons:

- **Direction.** A name in Arabic or Hebrew inside a left-to-right sentence would pull the
  neighbouring numbers and punctuation into its own direction ("مصر 38.0%" shows the number on
  the wrong side). A name holding right-to-left letters is wrapped in FSI ... PDI (Unicode's
  first-strong isolate), which every writer's text engine honours, so the sentence keeps its
  order. Names without such letters are left as they are, so left-to-right outputs do not change.
- **Articles.** Spanish and Portuguese put an article before many names, and contract it with a
  preposition ("do Brasil", "da América Latina", "del Reino Unido", but "de Portugal"). The
  article a translated name takes is in its translation entry (``article: o``); a message says
  where it wants one with a format spec on the placeholder: ``{region:de}`` -> "da América
  Latina", ``{market:the}`` -> "o mercado ...", ``{member:^}`` -> the name capitalised. Sentences
  are worded so that no verb or adjective has to agree with a name (labels such as "Largest
  country in 2024: Brazil, with 38.0% of the market"), so the article is all a name needs.

A market's name kept in English in a Spanish or Portuguese edition is shown as "el mercado
(Middle East dental implants market)": the article then belongs to the word "mercado", never
to the English words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reportgen.i18n import ARTICLES, Language

FSI, PDI = "\u2068", "\u2069"  # first-strong isolate, pop directional isolate
RTL_CLASSES = ("R", "AL")  # bidirectional classes of Hebrew and Arabic letters
_ISOLATED = re.compile(f"{FSI}[^{PDI}]*{PDI}")

# The contractions of a preposition with a definite article (i18n.ARTICLES), by language.
CONTRACTIONS: dict[str, dict[tuple[str, str], str]] = {
    "es": {("de", "el"): "del", ("a", "el"): "al"},
    "pt-BR": {
        **{("de", a): "d" + a for a in ("o", "a", "os", "as")},
        **{("em", a): "n" + a for a in ("o", "a", "os", "as")},
        ("a", "o"): "ao", ("a", "a"): "à", ("a", "os"): "aos", ("a", "as"): "às",
        ("por", "o"): "pelo", ("por", "a"): "pela", ("por", "os"): "pelos", ("por", "as"): "pelas",
    },
}


def is_rtl(text: str) -> bool:
    """Whether ``text`` holds right-to-left letters outside the names already isolated in it."""
    return any(unicodedata.bidirectional(c) in RTL_CLASSES for c in _ISOLATED.sub("", text))


def isolate(text: str) -> str:
    """``text`` wrapped in FSI ... PDI when it holds right-to-left letters, else unchanged."""
    return f"{FSI}{text}{PDI}" if is_rtl(text) else text


def upper_first(text: str) -> str:
    """Capitalise a phrase used as a label ('mercado global...' -> 'Mercado global...')."""
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """Lower-case a title for use mid-sentence, leaving acronyms ('AAV') alone."""
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


@dataclass(frozen=True)
class Name:
    """A name as a sentence uses it: its text in the edition's language and the article it takes.

    ``str(name)`` and ``{name}`` give the text alone (isolated when right-to-left); the format
    specs ``the``, a preposition (``de``, ``em``, ``en``, ``a``, ``por``...) and ``^`` add the
    article, the contracted preposition, or a capital; a capitalised spec (``The``, ``De``)
    capitalises the result, for the start of a sentence.
    """

    text: str
    article: str = ""  # the definite article the text takes ("" none, and always in English)
    lang: str = "en"

    def __str__(self) -> str:
        return isolate(self.text)

    def __format__(self, spec: str) -> str:
        if not spec:
            return str(self)
        if spec == "^":
            return isolate(upper_first(self.text))
        word = spec.lower()
        if word == "the":
            out = f"{self.article} {self}" if self.article else str(self)
        elif self.article:
            out = f"{CONTRACTIONS.get(self.lang, {}).get((word, self.article), f'{word} {self.article}')} {self}"
        else:
            out = f"{word} {self}"
        return upper_first(out) if spec[0].isupper() else out


def name(lang: Language, text: str) -> Name:
    """A data name in the edition's language, with the article its translation entry gives."""
    return Name(lang.tr(text), lang.article(text), lang.code)


def proper(lang: Language, text: str) -> Name:
    """A proper name (company, person): shown as written unless the translations file has it."""
    return Name(lang.proper(text), lang.article(text), lang.code)


def phrase(lang: Language, translated: str) -> Name:
    """A phrase from the message catalog ("el mercado", "o segmento X") as a ``Name``: a leading
    article in its translation becomes the article, so that prepositions contract with it."""
    first, _, rest = translated.partition(" ")
    if rest and first in ARTICLES.get(lang.code, ()):
        return Name(rest, first, lang.code)
    return Name(translated, "", lang.code)


def market(lang: Language, text: str, lower: bool = False) -> Name:
    """A market's name (the report's or a comparison's), read after 'the' in English.

    Translated, it takes its entry's article, or by default the article of the word 'market'
    (translations are written "mercado de ..."). Kept in English in another language, it is
    shown in brackets after that word, so no article lands on English words.
    """
    if lang.code == "en" or lang.code not in ARTICLES:
        return Name(lower_first(text) if lower else text, "", lang.code)
    noun = phrase(lang, lang.gettext("the market"))
    if lang.has(text):
        return Name(lang.tr(text), lang.article(text) or noun.article, lang.code)
    lang.tr(text)  # recorded as untranslated
    return Name(f"{noun.text} ({text})", noun.article, lang.code)


def listing(names: list[Name], separator: str = ", ") -> str:
    """Names joined for a sentence, each isolated."""
    return separator.join(str(n) for n in names)
