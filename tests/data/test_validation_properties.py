"""Property: for any report folder, ``analyse`` succeeds with every number showable, or fails
with problems that each print as one ``path: field: message`` line. Never anything else.

Folders are generated valid-ish (random years, 1-100 segments per dimension, hierarchies,
shares, extreme magnitudes, text in any script with control characters) and then broken at
random: a value replaced by one of another type or by an integer no float holds, a key dropped
or misspelt, a list or a text flooded far past the size limits, raw YAML damaged (alias bombs,
10,000-level nesting, a 400-digit number), a file replaced by a link, written in another encoding,
holding a NUL, too large, named in bytes that are not UTF-8 or spelt ``.yml``, or unreadable.
``make test`` runs the same 40 examples every time; ``make fuzz`` runs 2,000 new random ones
(``tests/properties.py``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import os
import string
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

import yaml
from hypothesis import given
from hypothesis import strategies as st

from reportgen.data import Analysis, analyse
from reportgen.data.files import MAX_BYTES
from reportgen.data.series import Yearly
from reportgen.errors import ReportError, one_line
from reportgen.format import Formatter
from tests.properties import examples

PROFILE = examples(ci=40, fuzz=2000)

# Scripts the PDF's font stack draws (reportgen/style.py), and format characters; any other
# character (SHOWABLE: emoji, unassigned planes, rare ideographs) only in wild reports, where
# `check` refuses what no font draws.
SCRIPTS = "Latin Ünïcödé Ελληνικά кириллица עברית العربية 中文字 日本語 かな 한국어 हिन्दी ไทย \u200f\u200e\u202e\u200d"
NASTY = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9f\ufeff\ufffe\uffff\n\t\r {}[]:#&*!|>'\"%@`,-?~="
SHOWABLE = st.characters(exclude_categories=["Cs", "Cc", "Cn"])  # any script; no controls, surrogates or noncharacters


def mostly(usual: st.SearchStrategy, rare: st.SearchStrategy, odds: int = 10) -> st.SearchStrategy:
    """``usual``, and one time in ``odds`` ``rare``."""
    return st.integers(1, odds).flatmap(lambda i: rare if i == 1 else usual)


@dataclasses.dataclass(frozen=True)
class Values:
    """The strategies for one report's values. A report is 'wild' one time in four: then any
    value may be extreme or invalid. Deciding per report, not per value, keeps most reports
    valid, so that computing and the guard after it are exercised, not just validation."""

    wild: bool

    def rare(self, usual: st.SearchStrategy, rare: st.SearchStrategy) -> st.SearchStrategy:
        return mostly(usual, rare, odds=5) if self.wild else usual

    def texts(self, max_size: int = 24) -> st.SearchStrategy[str]:
        usual = st.text(st.one_of(st.sampled_from(string.ascii_letters + string.digits + " "), st.sampled_from(SCRIPTS)),
                        min_size=1, max_size=max_size).filter(str.strip)
        return mostly(usual, st.text(st.one_of(st.sampled_from(NASTY), SHOWABLE), min_size=1, max_size=max_size), odds=20) \
            if self.wild else usual

    @property
    def growths(self) -> st.SearchStrategy[float]:
        return self.rare(st.floats(-10, 40), st.one_of(st.floats(-100, 1000), st.sampled_from([-100, -99.999, 0, 0.05, 1000, 1001])))

    @property
    def magnitudes(self) -> st.SearchStrategy[float]:
        return self.rare(st.floats(1, 1e4), st.one_of(st.floats(0, 1e30), st.sampled_from([0, -1, 1e-300, 1e26, 1e300])))

    def pick(self, usual: list, rare: list) -> st.SearchStrategy:
        return self.rare(st.sampled_from(usual), st.sampled_from(rare))


@st.composite
def series(draw, years: range, v: Values) -> dict[str, Any]:
    """A series whose assumptions cover exactly the years outside its anchors (mostly)."""
    anchor_years = sorted(draw(st.sets(st.sampled_from(years), min_size=1, max_size=3)))
    out: dict[str, Any] = {
        "name": draw(v.texts()),
        "anchors": [{"year": y, "value": draw(v.magnitudes), "source": draw(v.texts())} for y in anchor_years],
        "assumptions": [],
    }
    for start, end in ((years.start, anchor_years[0] - 1), (anchor_years[-1] + 1, years.stop - 1)):
        if start <= end:
            out["assumptions"].append({"from": start, "to": end, "growth": draw(v.growths), "reason": draw(v.texts(60))})
    if draw(st.booleans()):
        a, b = sorted(draw(st.sets(st.sampled_from(years), min_size=2, max_size=2)))
        out["stated_cagr"] = {"value": draw(v.growths), "from": a, "to": b}
    return out


@st.composite
def dimensions(draw, index: int, v: Values) -> dict[str, Any]:
    """1-100 segments, sub-segments under earlier ones, shares that add up per parent (mostly)."""
    count = draw(st.one_of(st.integers(1, 8), st.integers(1, 100)))
    names = [f"{draw(v.texts(12))} {i}" for i in range(count)]
    parents = [None] + [draw(st.one_of(st.none(), st.sampled_from(names[:i]))) for i in range(1, count)]
    segments = [{"name": n, "growth": draw(v.growths)} for n in names]
    for seg, parent in zip(segments, parents, strict=True):
        if parent is not None:
            seg["parent"] = parent
    for parent in dict.fromkeys(parents):
        group = [s for s, p in zip(segments, parents, strict=True) if p == parent]
        weights = [draw(st.floats(0.001, 100)) for _ in group]
        for seg, w in zip(group, weights, strict=True):
            seg["share"] = round(100 * w / sum(weights), 12)
        if draw(st.booleans()):
            group[-1].pop("share")  # the remainder
    if v.wild and draw(st.booleans()):
        segments[draw(st.integers(0, count - 1))]["share"] = draw(st.sampled_from([0, -5, 100, 150, None]))
    for seg in segments:
        if draw(st.integers(0, 4)) == 0:
            seg["price_index"] = draw(v.rare(st.floats(0.01, 100), st.sampled_from([0.001, 1000, 0, 1e6])))
    return {"id": f"dim-{index}", "title": draw(v.texts(40)), "kind": draw(st.sampled_from(["segment", "geography"])),
            "estimate": draw(v.texts()), "growth_basis": draw(v.texts(80)), "segments": segments}


@st.composite
def report_folders(draw) -> dict[str, Any]:
    """The files of one report folder, as data: {relative path: YAML data}."""
    v = Values(wild=draw(st.integers(0, 3)) == 0)
    first = draw(st.integers(1900, 2190))
    historical = draw(st.integers(1, min(10, 2199 - first)))
    base = first + historical
    last = min(2200, base + draw(st.integers(1, 40)))
    years = range(first, last + 1)
    name, short, scale = draw(v.pick([("billion", "bn", 1e9), ("million", "m", 1e6), ("thousand", "k", 1e3), ("units", "units", 1.0)],
                                     [("billion", "bn", 1e12), ("crore", "cr", 1e7), ("trillion", "tn", 1e12)]))
    report: dict[str, Any] = {
        "id": "fuzzed", "title": draw(v.texts(80)), "subtitle": draw(v.texts(80)), "region": draw(v.texts()),
        "publisher": draw(v.texts()),
        "edition": draw(v.pick(["2025-10-09", "2024-02-29"], ["2023-02-30", "1899-01-01", "25-1-9"])),
        "currency": {"code": draw(st.sampled_from(["USD", "EUR", "JPY", "BRL"]))},
        "unit": {"name": name, "short": short, "scale": scale},
        "years": {"historical": [first, base - 1], "base": base, "forecast": [base + 1, last]},
        "market": draw(series(years, v)),
        "team": [{"name": draw(v.texts()), "role": draw(v.texts())} for _ in range(draw(st.integers(0, 12)))],
        "keywords": draw(st.lists(v.texts(), max_size=5)),
        "comparisons": [{"id": f"comp-{i}", **draw(series(years, v))} for i in range(draw(st.integers(0, 2)))],
    }
    if draw(st.booleans()):
        unit, unit_scale = draw(v.pick([("patients", 1), ("thousand units", 1000), ("k robots", 1e3), ("mn items", 1e6)],
                                       [("thousand units", 1), ("robots", 1000), ("k robots", 1e6)]))
        report["volume"] = {"name": draw(v.texts()), "unit": unit, "unit_scale": unit_scale, "item": draw(v.texts()),
                            "price": {"base": draw(v.rare(st.floats(1, 1e4), st.floats(1e-9, 1e17))), "change": draw(v.growths),
                                      "reason": draw(v.texts())}}
    files: dict[str, Any] = {"report.yaml": report}
    for i in range(draw(st.integers(0, 3))):
        files[f"dimensions/{i}.yaml"] = draw(dimensions(i, v))
    if draw(st.booleans()):
        files["content.yaml"] = {
            "developments": [{"date": draw(v.pick(["2024", "2024-09", "1999-12"], ["2024-13", "2024-00", "0000-01", "24-1"])),
                              "company": draw(v.texts()), "text": draw(v.texts(200))}],
            "faq": [{"question": draw(v.texts(100)), "answer": draw(v.texts(300))}],
            "vendors": [{"name": draw(v.texts()), "focus": draw(v.texts()), "offerings": draw(v.texts())}],
        }
    if draw(st.booleans()):
        files["translations/es.yaml"] = [{"en": draw(v.texts()), "es": draw(v.texts())} for _ in range(draw(st.integers(0, 3)))]
    return files


WRONG_VALUES = st.one_of(st.none(), st.booleans(), st.just(""), st.just("   "), Values(wild=True).texts(), st.floats(allow_nan=True),
                         st.integers(-(10**30), 10**30), st.just([]), st.just({}), st.lists(Values(wild=True).texts(), max_size=2),
                         st.just({"{{ x }}": None}), st.just("{{ placeholder }}"), st.just("2023-02-30"),
                         st.sampled_from([10**400, -(10**400), 2**1024]))  # integers no float holds


def _containers(value: Any, path: tuple = ()) -> list[tuple]:
    """Paths of every mapping and list inside ``value``, itself included."""
    out = [path] if isinstance(value, dict | list) else []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, item in items:
        out += _containers(item, (*path, key))
    return out


def _at(value: Any, path: tuple) -> Any:
    for key in path:
        value = value[key]
    return value


@st.composite
def broken(draw, files: dict[str, Any]) -> dict[str, Any]:
    """A few random edits of the data: a value of the wrong kind, a key dropped or misspelt."""
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(sorted(files)))
        target = _at(files[name], draw(st.sampled_from(_containers(files[name]))))
        keys = list(target) if isinstance(target, dict) else list(range(len(target)))
        if not keys:
            continue
        key = draw(st.sampled_from(keys))
        action = draw(st.sampled_from(["replace", "replace", "drop", "misspell", "flood"]))
        if action == "replace":
            target[key] = draw(WRONG_VALUES)
        elif action == "drop":
            target.pop(key)
        elif action == "flood" and isinstance(target[key], list | str) and target[key]:
            # far past the size limits: a list pasted 2,000 times over, a text of up to 60,000 characters
            target[key] = target[key] * (draw(st.integers(101, 2000)) if isinstance(target[key], list) else
                                         -(-draw(st.integers(5001, 60_000)) // len(target[key])))
        elif isinstance(target, dict):
            target[f"{key}x"] = target.pop(key)
    return files


RAW_DAMAGE = ["\tindented: with a tab\n", "x: !!set {a, b}\n", "y: {{ placeholder }}\n", "title: again\ntitle: twice\n",
              "z: !!binary aGVsbG8=\n", "w: !!timestamp 2024-01-01\n", "[unclosed\n", "v: *nowhere\n", "k: !!int nope\n",
              "\x00", "a: b: c\n", "---\nsecond: document\n", "? [complex, key]\n: value\n", "n: " + "9" * 5000 + "\n",
              "m: " + "9" * 400 + "\n", "deep: " + "[" * 10_000 + "]" * 10_000 + "\n", "loop: &l [*l]\n",
              # a billion laughs: 9 ** 9 texts, if anything expanded the aliases
              "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9) if i else ', '.join(['lol'] * 9)}]\n" for i in range(10))
              + "sources: *l9\n"]


def write(folder: Path, files: dict[str, Any], raw: str | None = None) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        path.write_text(text + (raw or "") if name == "report.yaml" else text, encoding="utf-8")


def numbers(value: Any, periods: tuple[tuple[int, int], ...]):
    """Every float in a computed report, with every CAGR it shows and every year-on-year growth."""
    if isinstance(value, Yearly):
        yield from value.values
        yield from (value.cagr(a, b) for a, b in periods)
        yield from (value.growth(y) for y in list(value.years)[1:])
    elif isinstance(value, float):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name != "source":
                yield from numbers(getattr(value, f.name), periods)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from numbers(item, periods)


def assert_sound(folder: Path) -> Analysis | None:
    """The property: success with every number finite and printable, or one-line problems."""
    try:
        analysis = analyse(folder)
    except ReportError as exc:
        assert exc.problems
        for p in exc.problems:
            line = str(p)
            assert p.severity == "error" and p.message.strip()
            assert "\n" not in line and "\r" not in line, line
            assert line == ": ".join(one_line(part) for part in (p.path, p.field, p.message) if part), line
            assert p.path.startswith(str(folder)) or not os.path.isabs(p.path), line
        return None
    computed = analysis.computed
    fmt = Formatter(computed.meta.currency.code, computed.meta.unit.short, computed.meta.unit.name)
    for x in numbers(computed, computed.periods):
        assert math.isfinite(x), x
        fmt.number(x), fmt.percent(x), fmt.count(x)
    for p in analysis.warnings:
        assert p.severity == "warning" and "\n" not in str(p)
    return analysis


@PROFILE
@given(report_folders())
def test_a_generated_report_is_computed_soundly_or_refused_in_one_line_each(files):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "fuzzed"
        write(folder, files)
        assert_sound(folder)


@PROFILE
@given(report_folders().flatmap(broken))
def test_a_broken_report_is_refused_in_one_line_each(files):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "fuzzed"
        write(folder, files)
        assert_sound(folder)


@PROFILE
@given(report_folders(), st.sampled_from(RAW_DAMAGE))
def test_damaged_yaml_is_refused_in_one_line(files, raw):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "fuzzed"
        write(folder, files, raw)
        assert analyse_refused(folder)


def analyse_refused(folder: Path) -> bool:
    return assert_sound(folder) is None


@PROFILE
@given(report_folders(), st.sampled_from(["outside", "loop", "dangling", "folder", "inside"]), st.data())
def test_a_report_file_that_is_not_a_plain_file_inside_is_refused(files, kind, data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "fuzzed"
        write(folder, files)
        (Path(tmp) / "outside.yaml").write_text("secret_field: do-not-show\n")
        victim = folder / data.draw(st.sampled_from(sorted(files)))
        victim.unlink()
        if kind == "outside":
            os.symlink(Path(tmp) / "outside.yaml", victim)
        elif kind == "loop":
            os.symlink(victim.name, victim)
        elif kind == "dangling":
            os.symlink("missing.yaml", victim)
        elif kind == "folder":
            victim.mkdir()
        else:  # a link to a copy inside the folder is read like the file
            (folder / "copy.yaml").write_text(yaml.safe_dump(files[victim.relative_to(folder).as_posix()], allow_unicode=True))
            os.symlink(folder / "copy.yaml", victim)
        try:
            analyse(folder)
        except ReportError as exc:
            assert "do-not-show" not in str(exc) and "secret_field" not in str(exc)
        if kind == "inside":
            assert_sound(folder)
        else:
            assert analyse_refused(folder)


FILE_DAMAGE = ["utf-16", "latin-1", "bom", "nul", "too large", "name not UTF-8", "yml", "unreadable"]


@PROFILE
@given(report_folders(), st.sampled_from(FILE_DAMAGE), st.data())
def test_a_file_damaged_on_disk_is_refused_in_one_line(files, damage, data):
    """Other encodings, NUL bytes, a file past the size limit, a name that is not UTF-8, a ``.yml``,
    an unreadable file or folder (as root nothing is unreadable, so the refusal is simulated)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "fuzzed"
        write(folder, files)
        victim = folder / data.draw(st.sampled_from(sorted(files)))
        text = victim.read_text(encoding="utf-8")
        denied = None
        if damage in ("utf-16", "latin-1"):
            victim.write_bytes(text.encode(damage, errors="replace"))
        elif damage == "bom":
            victim.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
        elif damage == "nul":
            at = data.draw(st.integers(0, len(text)))
            victim.write_text(text[:at] + "\x00" + text[at:], encoding="utf-8")
        elif damage == "too large":
            victim.write_text(text + "# " + "x" * MAX_BYTES + "\n", encoding="utf-8")
        elif damage == "name not UTF-8":
            os.rename(victim, os.fsencode(victim.parent) + b"/\xff" + os.fsencode(victim.name))
        elif damage == "yml":
            victim.rename(victim.with_suffix(".yml"))
        else:  # the file, or the folder it is in, cannot be read
            denied = victim.parent if victim.parent != folder else victim
        with _denied(denied):
            if damage in ("latin-1", "bom"):  # the same bytes as UTF-8 when the text is ASCII, or a BOM, which YAML allows
                assert_sound(folder)
            else:
                assert analyse_refused(folder)


@contextlib.contextmanager
def _denied(path: Path | None):
    """Listing or opening ``path`` fails as it does for a user without the permission."""
    if path is None:
        yield
        return
    scandir, open_ = os.scandir, os.open

    def refuse(real):
        def call(target, *args, **kwargs):
            if Path(os.fsdecode(target)) == path:
                raise PermissionError(13, "Permission denied", str(target))
            return real(target, *args, **kwargs)
        return call

    with mock.patch("os.scandir", refuse(scandir)), mock.patch("os.open", refuse(open_)):
        yield
