"""The starter translations file of ``reportgen translations``: every text an edition translates.

A file that exists is kept as it is, byte for byte (its comments, its order, every translation
the analyst wrote); the texts it lacks are appended, in the order of the data files, each under
a comment naming the file and field it comes from. A text the report already translates
elsewhere (when writing to another file) is carried over; the others get an empty translation
marked ``# TODO``, which the loader reads as "not translated yet". Run twice, the second run
adds nothing, so the file is unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from reportgen.data import Analysis
from reportgen.data.load import display_path, read_yaml
from reportgen.data.schema import Translation
from reportgen.errors import Problem, ReportError
from reportgen.i18n import ARTICLES
from reportgen.model.coverage import Text, translatable

LANGUAGE_NAMES = {"es": "Spanish", "pt-BR": "Brazilian Portuguese"}
TODO = "# TODO: translate"
_NORMALISED = TypeAdapter(Translation)


@dataclass(frozen=True)
class Starter:
    """What ``reportgen translations`` writes: the file's new text and what it added."""

    text: str
    added: int  # entries appended
    todo: int  # of which without a translation
    kept: int  # texts the file already had


class _Dumper(yaml.SafeDumper):
    """Texts as the analyst would write them: plain where possible, multi-line prose as a block."""


_Dumper.add_representer(
    str, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s, style="|" if "\n" in s else None)
)


def _scalar(key: str, value: str) -> list[str]:
    # No line folding: a folded plain scalar could read back with other whitespace than the data's.
    return yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True, width=10**9, sort_keys=False).rstrip("\n").split("\n")


def entry(text: Text, lang: str, folder: Path) -> str:
    """One entry, under a comment saying where its English comes from."""
    where = text.path.relative_to(folder).as_posix() if text.path else "(no data file)"
    lines = ["", f"# {where}: {text.field}"]
    english = _scalar("en", text.text)
    lines += ["- " + english[0], *("  " + line for line in english[1:])]
    if text.translation is None:
        lines.append(f'  {lang}: ""  {TODO}')
    else:
        lines += ["  " + line for line in _scalar(lang, text.translation)]
        lines += [f"  article: {text.article}"] if text.article else []
    return "\n".join(lines) + "\n"


def header(report_id: str, ref: str, lang: str) -> str:
    articles = ", ".join(ARTICLES[lang])
    return (
        f"# {LANGUAGE_NAMES[lang]} ({lang}) translations of the data texts of {report_id}.\n"
        f"# Each entry: `en:` a text exactly as the data files write it, `{lang}:` its translation, and\n"
        f"# optionally `article:` ({articles}), the article the translation takes, so that sentences\n"
        f"# can contract it with a preposition. An empty `{lang}:` is not translated yet: the edition\n"
        f"# shows the English and `reportgen build` warns. Proper names (key players, vendors, investors,\n"
        f"# start-ups, companies, people, sources) need no entry: they are shown as written.\n"
        f"# Written by `reportgen translations {ref} --lang {lang}`; run it again after the data changes:\n"
        f"# it appends what is missing and never changes an entry.\n"
    )


def _existing(path: Path, folder: Path) -> tuple[str, set[str]]:
    """The file's text and the English of its entries (placeholders too); ('', {}) if absent."""
    if not path.exists():
        return "", set()
    entries: Any = read_yaml(path, folder if path.resolve().is_relative_to(folder.resolve()) else None) or []
    if not isinstance(entries, list):
        raise ReportError(Problem(display_path(path), "(top level)", "expected a list of {en: ..., ...} entries"))
    english = set()
    for entry_ in entries:
        if isinstance(entry_, dict) and isinstance(entry_.get("en"), str):
            try:
                english.add(_NORMALISED.validate_python(entry_["en"]))
            except ValidationError:
                continue  # the loader names what is wrong with it
    return path.read_text(encoding="utf-8"), english


def starter(analysis: Analysis, lang: str, path: Path, ref: str) -> Starter:
    """The starter file for ``lang`` at ``path``: its current text with what it lacks appended."""
    folder = analysis.computed.source.folder
    current, present = _existing(path, folder)
    texts = translatable(analysis, lang)
    missing = [t for t in texts if t.text not in present]
    if not missing:
        return Starter(current, 0, 0, len(texts))
    todo = sum(t.translation is None for t in missing)
    if current.strip():
        added = f"\n# Added by `reportgen translations {ref} --lang {lang}`: {len(missing)} text(s), {todo} to translate.\n"
        text = current + ("" if current.endswith("\n") else "\n") + added
    else:
        text = header(analysis.computed.meta.id, ref, lang)
    text += "".join(entry(t, lang, folder) for t in missing)
    try:
        appendable = isinstance(yaml.safe_load(text) or [], list)
    except yaml.YAMLError:
        appendable = False
    if not appendable:
        raise ReportError(Problem(display_path(path), "(top level)",
                                  "entries cannot be appended to this file: write it as a YAML block list ('- en: ...')"))
    return Starter(text, len(missing), todo, len(texts) - len(missing))
