"""Refuse a character the PDF has no font for, before anything is built.

WeasyPrint draws a character no font has as an empty box and logs a warning, which fails the
PDF build after the deck and workbook were written. This check finds it first, with the file,
the field and the character, from the character maps of the fonts the PDF falls back on
(``reportgen.typefaces``: the house face and the machine's Noto families, which every brand's
PDF has behind its own faces), so a report that passes ``check`` builds whatever brand it wears.
"""

from __future__ import annotations

from itertools import chain

from reportgen.data.brand import house_brand
from reportgen.data.load import ReportSource, display_path
from reportgen.data.texts import data_texts, translation_texts
from reportgen.errors import Problem
from reportgen.typefaces import draws_nothing, family_for, stack


def undrawable_characters(source: ReportSource) -> list[Problem]:
    """One error per field and character that no font of the PDF's stack draws."""
    texts = list(chain(data_texts(source), translation_texts(source)))
    fonts = stack(house_brand().families)
    missing = {c for c in set().union(*(text for _, _, text in texts)) if not draws_nothing(c) and family_for(c, fonts) is None}
    problems = []
    for path, field, text in texts if missing else ():
        for char in dict.fromkeys(text):  # each character once, in the order it appears
            if char in missing:
                problems.append(Problem(display_path(path), field, f"the character {_named(char)} is in no font the PDF can use"))
    return problems


def _named(char: str) -> str:
    """``U+1F600 '😀'``: the code point, and the character as Python quotes it (escaped if invisible)."""
    return f"U+{ord(char):04X} {char!r}"
