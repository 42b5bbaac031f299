"""``reportgen diff OLD NEW``: what changed between two editions of a report.

The comparison itself is ``reportgen.data.changes`` (pure, typed); this module only reads the
two editions (``reportgen.data.revision``) and writes the diff as a terminal table, GitHub
markdown or JSON. Nothing is rendered: no report model is built and no writer runs.
Exit codes: 0 nothing changed, 1 something changed, 2 invalid input.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable
from typing import Any

import click

from reportgen.cli import EXIT_INVALID, Context, handle_errors, print_problems
from reportgen.errors import ReportError

EXIT_SAME, EXIT_CHANGED = 0, 1
JSON_FORMAT, JSON_VERSION = "reportgen-diff", 1
MAX_TEXT = 60  # characters of an input text shown in a table cell (JSON has it whole)


def parse_threshold(value: str) -> float:
    """``0.01`` or ``1%`` -> 0.01."""
    text = value.strip()
    try:
        number = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a relative size such as 0.01 or 1%", param_hint="--threshold") from None
    if not math.isfinite(number) or number < 0:
        raise click.BadParameter(f"{value!r} must be zero or more", param_hint="--threshold")
    return number


@click.command()
@click.argument("old")
@click.argument("new")
@click.option("--threshold", default="0", show_default=True, metavar="R",
              help="Hide result moves smaller than R, relative (0.01 or 1%). Inputs and rank changes are always listed.")
@click.option("--format", "output", type=click.Choice(["table", "markdown", "json"]), default="table", show_default=True,
              help="Terminal table, GitHub markdown, or JSON (schema in docs/data-format.md).")
@click.pass_obj
@handle_errors
def diff(obj: Context, old: str, new: str, threshold: str, output: str) -> None:
    """List what changed from edition OLD to edition NEW: inputs, results, ranks.

    OLD and NEW are report folders, ids under --data-dir, or REPORT@REV: the report as it was
    at a git revision (hash, HEAD~1, tag) of the repository containing it, read without
    checking anything out. Exit codes: 0 nothing changed, 1 something changed, 2 invalid input.
    """
    from reportgen.data.changes import diff_editions
    from reportgen.data.revision import open_edition

    limit = parse_threshold(threshold)
    editions, failed = [], False
    for ref in (old, new):
        try:
            editions.append(open_edition(ref, obj.data_dir))
        except ReportError as exc:
            if obj.debug:
                raise
            print_problems(exc.problems)  # each 'path: field: problem', as check prints them
            failed = True
    if failed:
        sys.exit(EXIT_INVALID)
    before, after = editions
    full = diff_editions(before.analysis, after.analysis, old, new)
    shown = full.material(limit)
    fmt = _formatter(after.analysis.computed)
    if output == "json":
        click.echo(json.dumps(to_json(shown), indent=2, ensure_ascii=False, allow_nan=False))
    elif full.is_empty:
        click.echo(f"no changes between {old} and {new}")
    elif output == "markdown":
        click.echo(to_markdown(shown, fmt, after.analysis.computed))
    else:
        print_table(shown, fmt, after.analysis.computed)
    sys.exit(EXIT_SAME if full.is_empty else EXIT_CHANGED)


def _formatter(data: Any):
    from reportgen.format import Formatter

    meta = data.meta
    return Formatter.for_language(meta.currency.code, meta.currency.symbol, meta.unit.name, meta.unit.short, meta.unit.scale,
                                  "en", "en")


# ---- JSON -------------------------------------------------------------------------------


def _number(value: float | None) -> float | None:
    """JSON has no NaN or infinity: a CAGR from a zero value is null."""
    return None if value is None or not math.isfinite(value) else value


def _period(p: tuple[int, int] | None) -> list[int] | None:
    return list(p) if p else None


def _json_input(c: Any) -> dict[str, Any]:
    return {"file": c.file, "field": c.field, "change": c.change, "topic": c.topic, "dimension": c.dimension,
            "subject": c.subject, "old": c.old, "new": c.new}


def _json_result(r: Any) -> dict[str, Any]:
    return {"dimension": r.dimension, "subject_type": r.subject_type, "subject": r.subject, "old_subject": r.old_subject,
            "parent": r.parent, "measure": r.measure, "year": r.year, "period": _period(r.period), "old": _number(r.old),
            "new": _number(r.new), "absolute": _number(r.absolute), "relative": _number(r.relative)}


def _json_rank(r: Any) -> dict[str, Any]:
    return {"dimension": r.dimension, "parent": r.parent, "kind": r.kind, "year": r.year, "period": _period(r.period),
            "old": r.old, "new": r.new, "old_value": _number(r.old_value), "new_value": _number(r.new_value)}


def _json_edition(e: Any) -> dict[str, Any]:
    return {"ref": e.ref, "id": e.id, "title": e.title, "edition": e.edition.isoformat(), "years": [e.first_year, e.last_year],
            "base_year": e.base_year, "currency": e.currency, "unit": e.unit}


def to_json(d: Any) -> dict[str, Any]:
    """The diff as the documented JSON document (docs/data-format.md, "reportgen diff")."""
    from reportgen.data.changes import RankChange

    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "old": _json_edition(d.old),
        "new": _json_edition(d.new),
        "changed": not d.is_empty,
        "threshold": d.threshold,
        "hidden": d.hidden,
        "dimensions": [{"id": r.id, "title": r.title, "file": r.file, "status": r.status} for r in d.dimensions],
        "headline": [{"type": "rank", **_json_rank(h)} if isinstance(h, RankChange) else {"type": "result", **_json_result(h)}
                     for h in d.headline()],
        "inputs": [_json_input(c) for c in d.inputs],
        "results": [_json_result(r) for r in d.results],
        "ranks": [_json_rank(r) for r in d.ranks],
    }


# ---- cells shared by the table and markdown ----------------------------------------------

PERCENT_FIELDS = ("share", "growth", "change")


def _num(v: float) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def _clip(text: str, width: int = MAX_TEXT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def show_input(value: Any, field: str, fmt: Any) -> str:
    """An input value for a cell: percent fields as written with '%', anchors and prices as money."""
    last = field.rsplit(".", 1)[-1]
    if value is None:
        return "-"
    if isinstance(value, bool) or not isinstance(value, int | float | str | list | dict):
        return _clip(str(value))
    if isinstance(value, int | float):
        if last in PERCENT_FIELDS or field.endswith("stated_cagr.value"):
            return f"{_num(value)}%"
        if ".anchors[" in field and last == "value":
            return fmt.money(value)
        if field.endswith("price.base"):
            return fmt.price(value)
        return _num(value)
    if isinstance(value, list):
        return _clip(", ".join(show_input(v, field, fmt) if not isinstance(v, list) else f"[{', '.join(map(_num, v))}]"
                               for v in value))
    if isinstance(value, dict):
        return _clip(", ".join(f"{k}: {show_input(v, f'{field}.{k}', fmt)}" for k, v in value.items()))
    return _clip(value)


def _signed(delta: float, show: Callable[[float], str]) -> str:
    if math.isnan(delta):
        return "n/a"
    return ("-" if delta < 0 else "+") + show(abs(delta))


def result_cells(r: Any, fmt: Any) -> tuple[str, str, str, str, str, str]:
    """(subject, measure, old, new, change, relative) of a result."""
    from reportgen.data.changes import CAGR, COMPARISON, MARKET, PRICE, SHARE, VOLUME

    shows: dict[str, Callable[[float], str]] = {
        SHARE: fmt.percent, CAGR: fmt.cagr, VOLUME: fmt.count, PRICE: lambda v: fmt.number(v, 0),
    }
    show = shows.get(r.measure, fmt.number)
    if r.measure in (SHARE, CAGR):
        decimals = 1 if r.measure == SHARE else 2
        change = _signed(r.absolute * 100, lambda v: f"{fmt.number(v, decimals)} pp")
    else:
        change = _signed(r.absolute, show)
    rel = r.relative
    relative = ("new" if r.old == 0 else "n/a") if rel is None else _signed(rel, fmt.percent)
    when = f"{r.period[0]}-{r.period[1]}" if r.period else str(r.year)
    measure = f"{'CAGR' if r.measure == CAGR else r.measure} {when}"
    if r.subject_type == MARKET:
        subject = "Market"
    elif r.subject_type == COMPARISON:
        subject = f"Comparison {r.subject}"
    else:
        subject = r.subject + (f" (was {r.old_subject})" if r.old_subject else "")
    return subject, measure, show(r.old), show(r.new), change, relative


def rank_cells(r: Any, fmt: Any) -> tuple[str, str, str, str]:
    """(among, rank, old, new) of a rank change."""
    from reportgen.data.changes import LEADER

    if r.kind == LEADER:
        what, show = f"leader {r.year}", fmt.percent
    else:
        what, show = f"fastest {r.period[0]}-{r.period[1]}", fmt.cagr
    among = "top level" if r.parent is None else f"within {r.parent}"
    return among, what, f"{r.old} ({show(r.old_value)})", f"{r.new} ({show(r.new_value)})"


def input_cells(c: Any, fmt: Any) -> tuple[str, str, str, str]:
    return c.location, c.change, show_input(c.old, c.field, fmt), show_input(c.new, c.field, fmt)


def _by(title: str) -> str:
    """'Country' -> 'By country' (titles are sentence case, as the deliverables use them)."""
    return f"By {title[:1].lower()}{title[1:]}"


def _group_title(g: Any) -> str:
    from reportgen.data.changes import GROUP_DIMENSION

    title = _by(g.title) if g.kind == GROUP_DIMENSION else g.title
    status = f", {g.status}" if g.status != "kept" else ""
    return f"{title} ({g.file}{status})"


def _headline_cells(d: Any, fmt: Any) -> list[tuple[str, ...]]:
    from reportgen.data.changes import RankChange

    rows: list[tuple[str, ...]] = []
    for h in d.headline():
        if isinstance(h, RankChange):
            _, what, old, new = rank_cells(h, fmt)
            rows.append((_by(d.dimension(h.dimension).title), what, old, new, "", ""))
        else:
            rows.append(result_cells(h, fmt))
    return rows


def _units(fmt: Any, data: Any) -> str:
    meta = data.meta
    parts = [f"values in {fmt.money_unit}"]
    if meta.volume:
        parts += [f"volumes in {meta.volume.unit}", f"prices in {fmt.currency}"]
    return "; ".join(parts) + "; shares of the parent; changes of shares and CAGRs in percentage points"


def _heading(d: Any) -> str:
    return f"{d.new.title}: {d.old.ref} (edition {d.old.edition}) -> {d.new.ref} (edition {d.new.edition})"


def _summary(d: Any) -> str:
    line = f"{len(d.inputs)} input change(s), {len(d.results)} result change(s), {len(d.ranks)} rank change(s)"
    if d.hidden:
        line += f"; {d.hidden} result move(s) below {d.threshold:.4g} ({d.threshold * 100:.4g}%) hidden"
    return line


INPUT_HEAD = ("Field", "Change", "Old", "New")
RESULT_HEAD = ("Subject", "Measure", "Old", "New", "Change", "Rel.")
RANK_HEAD = ("Among", "Rank", "Old", "New")


# ---- terminal -----------------------------------------------------------------------------


def print_table(d: Any, fmt: Any, data: Any, console: Any = None) -> None:
    """The diff as rich tables, one group after another, readable on 100 columns."""
    import shutil

    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = console or Console(width=shutil.get_terminal_size((100, 24)).columns, highlight=False)

    def table(title: str, head: tuple[str, ...], rows: list[tuple[str, ...]], right_from: int) -> None:
        t = Table(title=Text(title, style="bold"), title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        for k, name in enumerate(head):
            t.add_column(name, justify="right" if k >= right_from else "left", overflow="fold")
        previous = None
        for row in rows:
            first = "" if row[0] == previous and right_from == 2 else row[0]  # a subject is named once for its rows
            previous = row[0]
            t.add_row(*(Text(c) for c in (first, *row[1:])))
        console.print(t)

    console.print(Text(_heading(d), style="bold"))
    console.print(Text(_units(fmt, data)))
    headline = _headline_cells(d, fmt)
    if headline:
        console.print()
        table("Headline", RESULT_HEAD, headline, 2)
    for g in d.groups():
        console.print()
        console.print(Text(_group_title(g), style="bold"))
        if g.inputs:
            table("Inputs", INPUT_HEAD, [input_cells(c, fmt) for c in g.inputs], 4)
        if g.ranks:
            table("Rank changes", RANK_HEAD, [rank_cells(r, fmt) for r in g.ranks], 4)
        if g.results:
            table("Results", RESULT_HEAD, [result_cells(r, fmt) for r in g.results], 2)
    console.print()
    console.print(Text(_summary(d)))


# ---- markdown -----------------------------------------------------------------------------


def _md(text: str) -> str:
    """Data text shown literally in GitHub markdown: no code span or emphasis, no HTML, no table break."""
    for char in "\\`*|":
        text = text.replace(char, "\\" + char)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _md_row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(_md(c) for c in cells) + " |"


def _md_table(head: tuple[str, ...], rows: list[tuple[str, ...]], right_from: int) -> list[str]:
    rule = tuple("---:" if k >= right_from else "---" for k in range(len(head)))
    return [_md_row(head), "|" + "|".join(rule) + "|", *(_md_row(r) for r in rows), ""]


def to_markdown(d: Any, fmt: Any, data: Any) -> str:
    """The diff as GitHub-flavoured markdown: a heading per group, a table per kind of change."""
    lines = [f"# Changes: {_md(d.old.ref)} → {_md(d.new.ref)}", "", f"{_md(_heading(d))}.", "", f"_{_units(fmt, data)}._", ""]
    headline = _headline_cells(d, fmt)
    if headline:
        lines += ["## Headline", "", *_md_table(RESULT_HEAD, headline, 2)]
    for g in d.groups():
        lines += [f"## {_md(_group_title(g))}", ""]
        if g.inputs:
            lines += ["### Inputs", "", *_md_table(INPUT_HEAD, [input_cells(c, fmt) for c in g.inputs], 4)]
        if g.ranks:
            lines += ["### Rank changes", "", *_md_table(RANK_HEAD, [rank_cells(r, fmt) for r in g.ranks], 4)]
        if g.results:
            lines += ["### Results", "", *_md_table(RESULT_HEAD, [result_cells(r, fmt) for r in g.results], 2)]
    lines.append(_summary(d))
    return "\n".join(lines)


__all__ = ["diff", "parse_threshold", "print_table", "to_json", "to_markdown"]
