"""Find a report folder and read its files into validated models.

Errors from YAML parsing and from validation are turned into ``Problem`` objects naming the
file and the field, so the CLI can print ``path: field: problem`` and exit 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from reportgen.data.schema import ContentFile, DimensionFile, ReportFile
from reportgen.errors import Problem, ReportError

REPORT_FILE = "report.yaml"
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

    @property
    def report_path(self) -> Path:
        return self.folder / REPORT_FILE

    def files(self) -> list[Path]:
        """Every input file of the report, sorted: what a build of it depends on."""
        return sorted(p for p in self.folder.rglob("*") if p.is_file() and not p.name.startswith("."))


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when present: 5x faster
    """SafeLoader that refuses duplicate keys, which PyYAML would otherwise silently overwrite."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def display_path(path: Path) -> str:
    """Path relative to the working directory when possible: shorter messages."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; a syntax error becomes a Problem with its line number."""
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReportError(Problem(shown, "", "file not found")) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(Problem(shown, "", f"cannot read file ({exc})")) from None
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}" if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        raise ReportError(Problem(shown, where, f"invalid YAML: {problem}")) from None
    except yaml.YAMLError as exc:
        raise ReportError(Problem(shown, "", f"invalid YAML: {exc}")) from None


def field_name(loc: tuple[Any, ...]) -> str:
    """Turn a pydantic location tuple into ``market.anchors[1].value``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def validate(model: type[M], data: Any, path: Path) -> M:
    """Validate parsed YAML against a model; every error becomes a Problem."""
    shown = display_path(path)
    if not isinstance(data, dict):
        raise ReportError(Problem(shown, "(top level)", "expected a mapping of fields"))
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            # Drop pydantic's internal tags (e.g. 'function-after[...]') from the location.
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
            message = err["msg"].removeprefix("Value error, ")
            if err["type"] == "missing":
                message = "required field is missing"
            elif err["type"] == "extra_forbidden":
                message = "unknown field (check the spelling against docs/data-format.md)"
            problems.append(Problem(shown, field_name(loc), message))
        raise ReportError(problems) from None


def resolve_report(ref: str, data_dir: Path) -> Path:
    """A report argument is a folder path or an id under ``data_dir``."""
    candidate = Path(ref)
    if (candidate / REPORT_FILE).is_file():
        return candidate
    by_id = data_dir / ref
    if (by_id / REPORT_FILE).is_file():
        return by_id
    if candidate.is_dir() or by_id.is_dir():
        folder = candidate if candidate.is_dir() else by_id
        raise ReportError(Problem(display_path(folder / REPORT_FILE), "", "file not found"))
    known = ", ".join(list_reports(data_dir)) or "none"
    raise ReportError(Problem(ref, "", f"no such report: not a folder, and not an id under {display_path(data_dir)} (known: {known})"))


def list_reports(data_dir: Path) -> list[str]:
    """Ids of every report folder directly under ``data_dir``."""
    if not data_dir.is_dir():
        return []
    return sorted(p.name for p in data_dir.iterdir() if (p / REPORT_FILE).is_file())


def load_source(folder: Path) -> ReportSource:
    """Read and validate every file of one report folder, collecting all problems."""
    problems: list[Problem] = []

    def attempt(model: type[M], path: Path) -> M | None:
        try:
            return validate(model, read_yaml(path), path)
        except ReportError as exc:
            problems.extend(exc.problems)
            return None

    report = attempt(ReportFile, folder / REPORT_FILE)
    dim_paths = sorted((folder / DIMENSIONS_DIR).glob("*.yaml"))
    dimensions = [(p, attempt(DimensionFile, p)) for p in dim_paths]
    content_path = folder / CONTENT_FILE
    content = attempt(ContentFile, content_path) if content_path.exists() else ContentFile()
    translations: dict[str, dict[str, str]] = {}
    for path in sorted((folder / TRANSLATIONS_DIR).glob("*.yaml")):
        try:
            translations[path.stem] = read_translations(path)
        except ReportError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ReportError(problems)
    assert report is not None and content is not None
    ordered = sorted(((p, d) for p, d in dimensions if d is not None), key=lambda pd: (pd[1].order, pd[0].name))
    return ReportSource(folder=folder, report=report, dimensions=tuple(ordered), content=content, translations=translations)


def read_translations(path: Path) -> dict[str, str]:
    """``translations/<lang>.yaml``: a list of ``{en: <data text>, <lang>: <translation>}``.

    Keyed by the English text itself (as gettext does), so reordering the data keeps
    translations, and editing an English text makes its translation stale, which ``check``
    reports.
    """
    from reportgen.i18n import LANGUAGES

    lang, shown = path.stem, display_path(path)
    if lang not in LANGUAGES or lang == "en":
        raise ReportError(Problem(shown, "", f"unknown language {lang!r} (known: {', '.join(k for k in LANGUAGES if k != 'en')})"))
    entries = read_yaml(path) or []
    if not isinstance(entries, list):
        raise ReportError(Problem(shown, "(top level)", "expected a list of {en: ..., " + lang + ": ...} entries"))
    out: dict[str, str] = {}
    problems = []
    for i, entry in enumerate(entries):
        if not (isinstance(entry, dict) and set(entry) == {"en", lang} and all(isinstance(v, str) and v for v in entry.values())):
            problems.append(Problem(shown, f"[{i}]", f"expected exactly the keys 'en' and '{lang}', both non-empty text"))
        elif entry["en"] in out:
            problems.append(Problem(shown, f"[{i}].en", f"duplicate entry for {entry['en'][:40]!r}"))
        else:
            out[entry["en"]] = entry[lang]
    if problems:
        raise ReportError(problems)
    return out
