"""The ``reportgen`` command line.

Exit codes CI can trust: 0 success (warnings allowed), 1 a build failed, 2 invalid input
(or warnings under ``--strict``). Input problems print as ``path: field: problem`` with no
traceback unless ``--debug`` is given.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from reportgen import __version__
from reportgen.errors import BuildError, Problem, ReportError

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2
DEFAULT_DATA_DIR = Path("data")


class Context:
    def __init__(self, data_dir: Path, debug: bool):
        self.data_dir = data_dir
        self.debug = debug


def _print_problems(problems: list[Problem]) -> None:
    for p in problems:
        prefix = "warning: " if p.severity == "warning" else "error: "
        click.echo(prefix + str(p), err=True)


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn expected failures into one-line messages and exit codes."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context().find_object(Context)
        try:
            return func(*args, **kwargs)
        except ReportError as exc:
            if ctx and ctx.debug:
                raise
            _print_problems(exc.problems)
            sys.exit(EXIT_INVALID)
        except BuildError as exc:
            if ctx and ctx.debug:
                raise
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_FAILED)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportgen")
@click.option(
    "--data-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_DATA_DIR,
    show_default=True,
    help="Folder in which report ids are looked up.",
)
@click.option("--debug", is_flag=True, help="Show full tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx: click.Context, data_dir: Path, debug: bool) -> None:
    """Turn market-research data into PDF, PowerPoint and Excel deliverables.

    REPORT arguments are ids (folders under --data-dir) or paths to a report folder.
    """
    ctx.obj = Context(data_dir, debug)


@main.command("list")
@click.pass_obj
@handle_errors
def list_cmd(obj: Context) -> None:
    """List the reports found under the data dir."""
    from reportgen.data.load import list_reports, load_source

    for report_id in list_reports(obj.data_dir):
        try:
            meta = load_source(obj.data_dir / report_id).report
            click.echo(f"{report_id}\t{meta.title} ({meta.years.historical[0]}-{meta.years.forecast[1]})")
        except ReportError:
            click.echo(f"{report_id}\t(invalid: run 'reportgen check {report_id}')")


def _report_refs(obj: Context, reports: tuple[str, ...]) -> list[str]:
    from reportgen.data.load import list_reports

    refs = list(reports) or list_reports(obj.data_dir)
    if not refs:
        raise ReportError(Problem(str(obj.data_dir), "", "no reports found"))
    return refs


@main.command()
@click.argument("reports", nargs=-1)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2).")
@click.pass_obj
@handle_errors
def check(obj: Context, reports: tuple[str, ...], strict: bool) -> None:
    """Validate reports and report inconsistencies (all reports if none given)."""
    from reportgen.data import analyse
    from reportgen.data.load import resolve_report

    failed = warned = False
    for ref in _report_refs(obj, reports):
        try:
            analysis = analyse(resolve_report(ref, obj.data_dir))
        except ReportError as exc:
            if obj.debug:
                raise
            _print_problems(exc.problems)
            click.echo(f"{ref}: invalid ({len(exc.problems)} error(s))", err=True)
            failed = True
            continue
        _print_problems(list(analysis.warnings))
        warned |= bool(analysis.warnings)
        click.echo(f"{ref}: ok ({len(analysis.warnings)} warning(s))")
    if failed or (strict and warned):
        sys.exit(EXIT_INVALID)


@main.command()
@click.argument("report")
@click.pass_obj
@handle_errors
def show(obj: Context, report: str) -> None:
    """Print the computed tables of one report (totals and every dimension)."""
    from reportgen.data import analyse
    from reportgen.data.load import resolve_report
    from reportgen.show import print_report

    analysis = analyse(resolve_report(report, obj.data_dir))
    _print_problems(list(analysis.warnings))
    print_report(analysis.computed)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the data format (also in docs/data-format.schema.json)."""
    import json

    from reportgen.data.schema import json_schema

    click.echo(json.dumps(json_schema(), indent=2, sort_keys=True))


def _formats(value: str) -> list[str]:
    from reportgen.writers import FORMATS

    chosen = [f.strip() for f in value.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"unknown format(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}")
    return chosen


@main.command()
@click.argument("reports", nargs=-1)
@click.option("--format", "formats", default="pdf,pptx,xlsx", show_default=True, help="Comma-separated formats to build.")
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
    show_default=True,
    help="Output root; files go to OUT/<report-id>/<report-id>.<ext>.",
)
@click.pass_obj
@handle_errors
def build(obj: Context, reports: tuple[str, ...], formats: str, out: Path) -> None:
    """Build deliverables for REPORTS (all reports if none given)."""
    from reportgen.build import build as build_report

    for ref in _report_refs(obj, reports):
        for output in build_report(ref, _formats(formats), out, obj.data_dir):
            click.echo(f"built {output.path} ({output.size:,} bytes)")


if __name__ == "__main__":  # pragma: no cover
    main()
