"""Find a report folder and read its files into validated models.

Errors from YAML parsing and from validation are turned into ``Problem`` objects naming the
file and the field, so the CLI can print ``path: field: problem`` and exit 2. Only regular
files inside the report folder are read (see ``files``), and YAML loads only the JSON-like
types, so what ``check`` accepts is what ``build`` builds, byte for byte on every run.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from reportgen.data.files import TooLarge, read_text, refusal
from reportgen.data.folders import REPORT_FILE, display_path, other_spelling, report_files, undecodable
from reportgen.data.folders import list_reports as list_reports  # re-exported: where callers find reports
from reportgen.data.folders import resolve_report as resolve_report
from reportgen.data.messages import Refused, field_name, suggestion, validation_message, yaml_message
from reportgen.data.schema import SEGMENT_FIELDS, ContentFile, DimensionFile, ReportFile, Segment, SegmentTable, Translation
from reportgen.data.section_schema import SectionFile
from reportgen.data.sections import SECTIONS_DIR, SectionSource, load_section
from reportgen.errors import Problem, ReportError, shown
from reportgen.markdown import link_changes

CONTENT_FILE = "content.yaml"
DIMENSIONS_DIR = "dimensions"
TRANSLATIONS_DIR = "translations"

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class ReportSource:
    """A report folder after parsing and per-file validation (cross-file checks come later)."""

    folder: Path
    report: ReportFile
    dimensions: tuple[tuple[Path, DimensionFile], ...]
    content: ContentFile
    translations: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> {English: translation}
    articles: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> {English: article of its translation}
    sections: tuple[SectionSource, ...] = ()  # sections/*.yaml, by file name, their tables read
    warnings: tuple[Problem, ...] = ()  # what reading found valid but probably not meant (a translation's links)

    @property
    def report_path(self) -> Path:
        return self.folder / REPORT_FILE

    def files(self) -> list[Path]:
        """Every input file of the report, sorted: what a build of it depends on (``folders.report_files``)."""
        return report_files(self.folder)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when present: 5x faster
    """SafeLoader for report files: keys are text, duplicate keys are errors, and only the
    JSON-like types load (text, numbers, booleans, null, lists, mappings).

    Dates stay text for the models to check (YAML's own date parsing raises on 2023-02-30),
    and a set (``!!set``) is refused: its order depends on the hash seed, so outputs would
    differ from run to run.
    """


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict[str, Any]:
    """A mapping with text keys, as written (``2024:`` and ``no:`` stay '2024' and 'no')."""
    loader.flatten_mapping(node)
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.MappingNode):
            raise Refused(None, None, "expected text, got a mapping (a '{{ }}' placeholder left in?)", key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode):
            raise Refused(None, None, "a key must be text, not a list", key_node.start_mark)
        if key_node.value in out:
            raise Refused(None, None, f"duplicate key {shown(key_node.value)}", key_node.start_mark)
        out[key_node.value] = loader.construct_object(value_node, deep=deep)
    return out


def _refuse(name: str, advice: str):
    """A constructor for a YAML type the format does not allow, saying what to write instead."""

    def construct(loader: _Loader, node: yaml.Node) -> Any:
        raise Refused(None, None, f"the YAML type !!{name} is not allowed: {advice}", node.start_mark)

    return construct


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:set", _refuse("set", "write a list, whose order is kept"))
for _name in ("binary", "timestamp", "omap", "pairs"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_name}", _refuse(_name, "write plain text, a number, a list or a mapping"))


def read_yaml(path: Path, folder: Path | None = None) -> Any:
    """Parse one YAML file; a syntax error becomes a Problem with its line number.

    With ``folder``, the file must be a regular file inside it (links followed); without, just
    a regular file. Either way nothing else is opened, so no other file's text is ever shown.
    """
    shown_path = display_path(path)
    why = refusal(path, folder)
    if why:
        raise ReportError(Problem(shown_path, "", why))
    try:
        text = read_text(path)
    except TooLarge as exc:
        raise ReportError(Problem(shown_path, "", str(exc))) from None
    except UnicodeDecodeError as exc:
        raise ReportError(Problem(shown_path, "", f"not UTF-8 text (byte {exc.start}); save the file as UTF-8")) from None
    except OSError as exc:
        raise ReportError(Problem(shown_path, "", f"cannot read file ({exc.strerror})")) from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        where, message = yaml_message(exc, text)
        raise ReportError(Problem(shown_path, where, message)) from None
    except (ValueError, RecursionError) as exc:  # a constructor's own failure, e.g. !!int on text
        raise ReportError(Problem(shown_path, "", f"invalid YAML: a value cannot be read ({shown(exc)})")) from None


def validate(model: type[M], data: Any, path: Path) -> M:
    """Validate parsed YAML against a model; every error becomes a Problem."""
    shown_path = display_path(path)
    if not isinstance(data, dict):
        raise ReportError(Problem(shown_path, "(top level)", "expected a mapping of fields"))
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        # Drop pydantic's internal tags (e.g. 'function-after[...]') from the locations.
        errors = [(err, tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))) for err in exc.errors(include_url=False)]
        # A misspelt required field is one mistake: the suggestion says it, 'missing' would repeat it.
        suggested = {(*loc[:-1], suggestion(model, loc)) for err, loc in errors if err["type"] == "extra_forbidden"}
        problems = [Problem(shown_path, field_name(loc), validation_message(err, model, loc))
                    for err, loc in errors if not (err["type"] == "missing" and loc in suggested)]
        raise ReportError(problems) from None


def _yaml_files(folder: Path, name: str, problems: list[Problem]) -> list[Path]:
    """The ``*.yaml`` files of a sub-folder, sorted; each is checked when it is read.

    Nothing meant as data is left out in silence: a folder that cannot be listed is an error, as
    a file that cannot be read is, and so is a file spelt ``.yml`` or ``.YAML`` (one spelling, the
    one every other file of the format has, rather than two files that may both exist). Names
    starting with a dot (editors' back-ups and locks) are not data, and not hashed either.
    """
    sub = folder / name
    if not os.path.lexists(sub):
        return []
    why = refusal(sub, folder, directory=True)
    if why:
        problems.append(Problem(display_path(sub), "", why))
        return []
    try:
        with os.scandir(sub) as entries:
            names = sorted(entry.name for entry in entries if not entry.name.startswith("."))
    except OSError as exc:
        problems.append(Problem(display_path(sub), "", f"cannot be read ({exc.strerror})"))
        return []
    for other in (n for n in names if _OTHER_YAML.search(n)):
        problems.append(Problem(display_path(sub / other), "", f"not read: only files ending in '.yaml' are; rename it "
                                                               f"{shown(_OTHER_YAML.sub('.yaml', other))}"))
    return [sub / n for n in names if n.endswith(".yaml")]


_OTHER_YAML = re.compile(r"\.(?!yaml$)(?i:ya?ml)$")  # .yml, .YAML, .Yml...


def load_source(folder: Path) -> ReportSource:
    """Read and validate every file of one report folder, collecting all problems."""
    problems: list[Problem] = []

    def attempt(model: type[M], path: Path) -> M | None:
        try:
            return validate(model, read_yaml(path, folder), path)
        except ReportError as exc:
            problems.extend(exc.problems)
            return None

    problems += [Problem(display_path(p), "", "the name is not valid UTF-8, so a build cannot record the file; rename it")
                 for p in undecodable(folder)]

    def dimension(path: Path) -> DimensionFile | None:
        try:
            return validate(DimensionFile, with_segments(read_yaml(path, folder), path, folder), path)
        except ReportError as exc:
            problems.extend(exc.problems)
            return None

    def section(path: Path) -> SectionSource | None:
        file = attempt(SectionFile, path)
        try:
            return None if file is None else load_section(path, file, folder)
        except ReportError as exc:
            problems.extend(exc.problems)
            return None

    report = attempt(ReportFile, folder / REPORT_FILE)
    dimensions = [(p, dimension(p)) for p in _yaml_files(folder, DIMENSIONS_DIR, problems)]
    sections = [section(p) for p in _yaml_files(folder, SECTIONS_DIR, problems)]
    content_path = folder / CONTENT_FILE
    content = attempt(ContentFile, content_path) if os.path.lexists(content_path) else ContentFile()
    for known in (REPORT_FILE, CONTENT_FILE):
        if (other := other_spelling(folder / known)) is not None:
            problems.append(Problem(display_path(other), "", f"not read: {known} is the only name read"))
    translations: dict[str, dict[str, str]] = {}
    articles: dict[str, dict[str, str]] = {}
    warnings: list[Problem] = []
    for path in _yaml_files(folder, TRANSLATIONS_DIR, problems):
        try:
            translations[path.stem], articles[path.stem] = read_translations(path, folder, warnings)
        except ReportError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ReportError(problems)
    assert report is not None and content is not None
    ordered = sorted(((p, d) for p, d in dimensions if d is not None), key=lambda pd: (pd[1].order, pd[0].name))
    return ReportSource(folder=folder, report=report, dimensions=tuple(ordered), content=content, translations=translations,
                        articles=articles, sections=tuple(s for s in sections if s is not None), warnings=tuple(warnings))


SEGMENT_TYPES = {"share": "percent", "growth": "percent", "price_index": "number"}  # the other fields are text


def with_segments(data: Any, path: Path, folder: Path) -> Any:
    """A dimension file's data with ``segments: {file: ..., sheet: ...}`` replaced by the segments
    that table holds (a row each, a column per field), every cell checked; other data as it is."""
    if not (isinstance(data, dict) and isinstance(data.get("segments"), dict)):
        return data
    try:
        table = SegmentTable.model_validate(data["segments"])
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        raise ReportError(Problem(display_path(path), field_name(("segments", *err["loc"])),
                                  validation_message(err, SegmentTable, err["loc"]))) from None
    from reportgen.data.cells import records
    from reportgen.data.table_files import read_grid

    grid = read_grid(folder / table.file, folder, table.sheet)
    columns = [(f, table.columns.get(f, f), SEGMENT_TYPES.get(f, "text")) for f in SEGMENT_FIELDS]
    required = {name for name, info in Segment.model_fields.items() if info.is_required()}
    segments = records(grid, columns, Segment, lambda f: f in required)
    return data | {"segments": [s.model_dump(exclude_unset=True) for s in segments]}


_TRANSLATION = TypeAdapter(Translation)


def read_translations(path: Path, folder: Path, warnings: list[Problem] | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """``translations/<lang>.yaml``: a list of ``{en: <data text>, <lang>: <translation>}``.

    Keyed by the English text itself (as gettext does), so reordering the data keeps
    translations, and editing an English text makes its translation stale, which ``check``
    reports. Both texts follow the rules of prose. An entry whose translation is empty (``""``
    or nothing) is a placeholder, as ``reportgen translations`` writes them: not translated yet.
    An entry may give the ``article`` its translation takes ("o" Brasil), so that sentences can
    write "do Brasil". Returns the translations and the articles, both keyed by the English; a
    translation whose links are not its English text's is added to ``warnings``.
    """
    from reportgen.i18n import ARTICLES, LANGUAGES

    lang, shown_path = path.stem, display_path(path)
    if lang not in LANGUAGES or lang == "en":
        known = ", ".join(k for k in LANGUAGES if k != "en")
        raise ReportError(Problem(shown_path, "", f"unknown language {shown(lang)} (known: {known})"))
    entries = read_yaml(path, folder) or []
    if not isinstance(entries, list):
        raise ReportError(Problem(shown_path, "(top level)", "expected a list of {en: ..., " + lang + ": ...} entries"))
    out: dict[str, str] = {}
    articles: dict[str, str] = {}
    seen: set[str] = set()
    problems = []
    for i, entry in enumerate(entries):
        if not (isinstance(entry, dict) and {"en", lang} <= set(entry) <= {"en", lang, "article"}):
            problems.append(Problem(shown_path, f"[{i}]", f"expected exactly the keys 'en' and '{lang}' (and optionally "
                                                           f"'article'); '{lang}' may be empty, not yet translated"))
            continue
        keys = ("en", lang) if entry[lang] not in ("", None) else ("en",)  # an empty translation: a placeholder
        texts = {}
        for key in keys:
            try:
                texts[key] = _TRANSLATION.validate_python(entry[key])
            except ValidationError as exc:
                err = exc.errors(include_url=False)[0]
                problems.append(Problem(shown_path, f"[{i}].{key}", validation_message(err, BaseModel, ())))
        article = entry.get("article")
        if article is not None and article not in ARTICLES[lang]:
            problems.append(Problem(shown_path, f"[{i}].article", f"expected one of {', '.join(ARTICLES[lang])} (the article the "
                                                                   f"{lang} text takes), got {shown(article)}"))
        if len(texts) < len(keys):
            continue
        if texts["en"] in seen:
            problems.append(Problem(shown_path, f"[{i}].en", f"duplicate entry for {shown(texts['en'])}"))
            continue
        seen.add(texts["en"])
        if lang in texts:
            out[texts["en"]] = texts[lang]
            if article:
                articles[texts["en"]] = article
            moved = link_changes(texts["en"], texts[lang])
            if moved and warnings is not None:
                warnings.append(Problem(shown_path, f"[{i}].{lang}", moved, severity="warning"))
    if problems:
        raise ReportError(problems)
    return out, articles
