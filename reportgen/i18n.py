"""Languages: message catalogs for fixed strings and translations for data strings.

Fixed strings (headings, labels, generated sentences) are gettext messages in
``reportgen/locale/<locale>/LC_MESSAGES/messages.po``, read at run time with Babel (no
compile step). Data strings (segment names, content) are translated by the report's own
``translations/<lang>.yaml``; a missing one falls back to English, and ``check`` and
``build`` warn (``reportgen translations`` writes the file to fill in).
"""

from __future__ import annotations

import gettext
import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from reportgen.errors import Problem
from reportgen.resources import LOCALE_DIR, PACKAGE_DIR, PDF_TEMPLATES_DIR

DEFAULT_LANGUAGE = "en"
# Language code used on the command line and in data -> Babel/CLDR locale identifier.
LANGUAGES = {"en": "en", "es": "es", "pt-BR": "pt_BR"}
# The definite articles a translated name may take (``article:`` in translations/<lang>.yaml).
ARTICLES = {"es": ("el", "la", "los", "las"), "pt-BR": ("o", "a", "os", "as")}


def babel_locale(lang: str) -> str:
    return LANGUAGES[lang]


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / babel_locale(lang) / "LC_MESSAGES" / "messages.po"


@cache
def messages(lang: str) -> gettext.NullTranslations:
    """The gettext translations for a language (English: the messages themselves)."""
    if lang == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    with catalog_path(lang).open("rb") as fh:
        catalog = read_po(fh, locale=babel_locale(lang))
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


@dataclass(frozen=True)
class Language:
    """Everything language-dependent a model builder or writer needs.

    ``tr`` records what it was asked for: every data text the edition translates (``asked``)
    and those it had no translation for (``misses``), which ``check``, the build's warning and
    the starter file of ``reportgen translations`` are made from.
    """

    code: str
    data: dict[str, str] = field(default_factory=dict)  # English data string -> translation
    articles: dict[str, str] = field(default_factory=dict)  # English data string -> article of its translation
    misses: set[str] = field(default_factory=set, compare=False, repr=False)  # data strings asked for, untranslated
    asked: set[str] = field(default_factory=set, compare=False, repr=False)  # every data string asked for

    @property
    def locale(self) -> str:
        return babel_locale(self.code)

    def gettext(self, message: str) -> str:
        return messages(self.code).gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return messages(self.code).ngettext(singular, plural, n)

    def tr(self, text: str) -> str:
        """A data string in this language, or in English when no translation exists."""
        if not text or self.code == DEFAULT_LANGUAGE or not any(c.isalpha() for c in text):
            return text  # a year or a figure ("2024-2025") reads the same in every language
        self.asked.add(text)
        if text not in self.data:
            self.misses.add(text)
            return text
        return self.data[text]

    def proper(self, text: str) -> str:
        """A proper name (a company, a person): its translation if the file has one, else as
        written, and never reported as untranslated."""
        return self.data.get(text, text) if text and self.code != DEFAULT_LANGUAGE else text

    def has(self, text: str) -> bool:
        """Whether the report's translations give ``text`` in this language."""
        return text in self.data

    def article(self, text: str) -> str:
        """The article the translation of ``text`` takes ("" none, and always in English)."""
        return self.articles.get(text, "") if self.code != DEFAULT_LANGUAGE else ""


def used_messages() -> set[str]:
    """Every message the package and templates use, extracted as ``make messages`` does."""
    from babel.messages.extract import extract_from_dir

    found: set[str] = set()
    for folder, method in ((PACKAGE_DIR, "python"), (PDF_TEMPLATES_DIR, "jinja2")):
        pattern = "**.py" if method == "python" else "**.j2"
        options = {pattern: {"extensions": "jinja2.ext.i18n"}} if method == "jinja2" else {}
        for _file, _line, message, _comments, _context in extract_from_dir(str(folder), [(pattern, method)], options_map=options):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


def missing_messages(lang: str, used: Iterable[str]) -> list[str]:
    """Messages the sources use that the language's catalog lacks or leaves untranslated."""
    with catalog_path(lang).open("rb") as fh:
        catalog = read_po(fh, locale=babel_locale(lang))
    missing = []
    for message in set(used):
        entry = catalog.get(message)
        strings = entry.string if entry is not None else None
        if not strings or (isinstance(strings, tuple) and not all(strings)):
            missing.append(message)
    return sorted(missing)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def placeholder_mismatches(lang: str) -> list[str]:
    """Messages whose translation fills other placeholders than the English (a typo would fail the
    build, or drop a number). Format specs are the translator's (``{region:de}``, see model/names)."""
    with catalog_path(lang).open("rb") as fh:
        catalog = read_po(fh, locale=babel_locale(lang))
    wrong = []
    for entry in catalog:
        if not entry.id or not entry.string:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        expected = set().union(*(_placeholders(i) for i in ids))
        if any(s and _placeholders(s) != expected for s in strings):
            wrong.append(ids[0])
    return sorted(wrong)


def catalog_problems() -> list[Problem]:
    """An error per message a catalog misses or mistranslates: a report must never ship
    half-translated chrome."""
    used = used_messages()
    problems = []
    for lang in LANGUAGES:
        if lang == DEFAULT_LANGUAGE:
            continue
        shown = str(catalog_path(lang).relative_to(PACKAGE_DIR.parent))
        problems += [
            Problem(shown, "msgid", f"no {lang} translation for {m!r} (run `make messages`, then translate)")
            for m in missing_messages(lang, used)
        ]
        problems += [
            Problem(shown, "msgid", f"the {lang} translation of {m!r} has other placeholders than the message")
            for m in placeholder_mismatches(lang)
        ]
    return problems
