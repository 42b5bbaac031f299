"""The ``reportgen`` command line.

Exit codes CI can trust: 0 success (warnings allowed), 1 a build failed, 2 invalid input
(or warnings under ``--strict``). Input problems print as ``path: field: problem`` with no
traceback unless ``--debug`` is given.
"""

from __future__ import annotations

import sys
import time
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
    from reportgen.data.folders import list_reports

    refs = list(reports) or list_reports(obj.data_dir)
    if not refs:
        raise ReportError(Problem(str(obj.data_dir), "", "no reports found"))
    return refs


BRAND_OPTION = click.option(
    "--brand", "brand_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
    help="Brand file (_brand.yml) every report wears (default: the report folder's, else the data dir's, else the house brand).")


@main.command()
@click.argument("reports", nargs=-1)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2).")
@BRAND_OPTION
@click.pass_obj
@handle_errors
def check(obj: Context, reports: tuple[str, ...], strict: bool, brand_file: Path | None) -> None:
    """Validate reports and report inconsistencies (all reports if none given).

    Also checks that the message catalogs translate every fixed string, the brand each report
    wears (its colours, fonts, logo and template), and warns about data texts left untranslated
    in the languages a report lists under ``languages``.
    """
    from reportgen.data import analyse
    from reportgen.data.brand import brand_for
    from reportgen.data.load import resolve_report
    from reportgen.i18n import catalog_problems
    from reportgen.model.coverage import translation_warnings

    catalogs = catalog_problems()
    _print_problems(catalogs)
    failed, warned = bool(catalogs), False
    for ref in _report_refs(obj, reports):
        try:
            folder = resolve_report(ref, obj.data_dir)
            analysis = analyse(folder)
            brand = brand_for(folder, obj.data_dir, brand_file)
        except ReportError as exc:
            if obj.debug:
                raise
            _print_problems(exc.problems)
            click.echo(f"{ref}: invalid ({len(exc.problems)} error(s))", err=True)
            failed = True
            continue
        warnings = list(analysis.warnings) + translation_warnings(analysis) + list(brand.warnings)
        _print_problems(warnings)
        warned |= bool(warnings)
        click.echo(f"{ref}: ok ({len(warnings)} warning(s))")
    if failed or (strict and warned):
        sys.exit(EXIT_INVALID)


@main.command()
@click.argument("report")
@click.pass_obj
@handle_errors
def show(obj: Context, report: str) -> None:
    """Print the computed tables of one report (totals and every dimension).

    With --debug, each dimension table also shows the reconciliation of its segments with their
    parent (sum - total, zero to rounding)."""
    from reportgen.cli.show import print_report
    from reportgen.data import analyse
    from reportgen.data.load import resolve_report

    analysis = analyse(resolve_report(report, obj.data_dir))
    _print_problems(list(analysis.warnings))
    print_report(analysis.computed, reconcile=obj.debug)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the data format (also in docs/data-format.schema.json)."""
    import json

    from reportgen.data.schema import json_schema

    click.echo(json.dumps(json_schema(), indent=2, sort_keys=True))


def _languages(value: str | None) -> list[str]:
    from reportgen.i18n import LANGUAGES

    chosen = [v.strip() for v in (value or "").split(",") if v.strip()]
    unknown = [v for v in chosen if v not in LANGUAGES]
    if unknown:
        raise click.BadParameter(f"unknown language(s) {', '.join(unknown)}; choose from {', '.join(LANGUAGES)}", param_hint="--lang")
    return chosen


def _formats(value: str) -> list[str]:
    from reportgen.writers import FORMATS

    chosen = [f.strip() for f in value.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"unknown format(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}")
    return chosen


EXIT_INTERRUPTED = 130


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@main.command()
@click.argument("reports", nargs=-1)
@click.option("--format", "formats", default="pdf,pptx,xlsx", show_default=True,
              help="Comma-separated formats to build: pdf, pptx, xlsx, html (the self-contained web edition).")
@click.option("--variant", "variants", multiple=True, help="Client variant to build (repeatable); default: the house edition.")
@click.option("--variants", "variants_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Variants file (default: <data-dir>/variants.yaml).")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("output"), show_default=True,
              help="Output root: OUT/<id>/<id>.<ext>, variants in OUT/<id>/<variant>/.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Parallel workers (default: number of cores).")
@click.option("--force", is_flag=True, help="Rebuild everything, even outputs that are up to date.")
@click.option("--dry-run", is_flag=True, help="List what would be rebuilt and why; build nothing.")
@click.option("--strict", is_flag=True,
              help="Treat warnings as invalid input (exit 2): data warnings, and editions with untranslated data texts.")
@click.option("--pdf-variant", type=click.Choice(["pdf/ua-1", "pdf/a-3b"]), default=None,
              help="PDF flavour: tagged for accessibility (pdf/ua-1) or archival (pdf/a-3b).")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the summary line.")
@click.option("--lang", "languages", default=None, metavar="LANGS",
              help="Comma-separated edition languages: en, es, pt-BR (default: the data's language).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run tasks in a local process pool or on Dask (needs reportgen[dask]).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler, e.g. tcp://host:8786; without it --executor dask starts a LocalCluster of --jobs workers.")
@BRAND_OPTION
@click.pass_obj
@handle_errors
def build(obj: Context, reports: tuple[str, ...], formats: str, variants: tuple[str, ...], variants_file: Path | None,
          out: Path, jobs: int | None, force: bool, dry_run: bool, strict: bool, pdf_variant: str | None, quiet: bool,
          languages: str | None, executor: str, scheduler: str | None, brand_file: Path | None) -> None:
    """Build deliverables for REPORTS (all reports under the data dir if none given).

    Incremental: an output whose inputs (data files, templates, variant, options, package) are
    unchanged since the last build is skipped. Exit codes: 0 built, 1 a build failed,
    2 invalid input, 130 interrupted.
    """
    import signal

    from reportgen import build as builder
    from reportgen.build.atomic import remove_temp_files
    from reportgen.build.executors import default_jobs, make_executor
    from reportgen.build.manifest import Manifest
    from reportgen.build.tasks import preload
    from reportgen.build.variants import select_variants
    from reportgen.cli.progress import reporter

    started = time.perf_counter()
    chosen = builder.Options(
        formats=tuple(_formats(formats)), variants=tuple(select_variants(variants, variants_file, obj.data_dir)),
        out=out, force=force, strict=strict, pdf_variant=pdf_variant, languages=tuple(_languages(languages)), brand=brand_file,
    )
    manifest = Manifest(out)
    refs = _report_refs(obj, reports)
    signal.signal(signal.SIGTERM, _raise_interrupt)
    interrupted = finished = False
    pool = None
    try:
        planned = builder.settled(refs, obj.data_dir, chosen, manifest)  # nothing to do, seen without analysing
        if planned is None:
            if executor == "local" and not dry_run:  # its workers import the writers while the reports are analysed
                pool = make_executor(executor, builder.useful_workers(chosen, len(refs), jobs or default_jobs()), scheduler,
                                     preload(chosen.formats))
            planned = builder.plan(refs, obj.data_dir, chosen, manifest)
        for ref, problems in planned.invalid:
            _print_problems(problems)
            click.echo(f"{ref}: invalid input, not built", err=True)
        if not quiet:
            _print_problems(planned.warnings)
        if dry_run:
            for line in builder.describe(planned):
                click.echo(line)
            sys.exit(EXIT_INVALID if planned.invalid else EXIT_OK)
        stale = [j for j in planned.jobs if j.reason]
        if not stale and not planned.invalid:
            click.echo("nothing to do: every output is up to date")
        summary = builder.Summary(skipped=[j.rel for j in planned.jobs if j.reason is None])
        if stale:
            manifest.check_writable()
            if pool is None:
                pool = make_executor(executor, builder.useful_workers(chosen, len(refs), jobs or default_jobs()), scheduler)
            with reporter(len(stale), quiet) as on_event:
                summary = builder.execute(planned, chosen, manifest, pool, on_event)
        finished = True
    except KeyboardInterrupt:
        interrupted = True
    finally:
        if pool is not None:
            pool.close(kill=not finished or not stale)  # interrupted, the manifest could not be saved, or nothing to build
            remove_temp_files(out)  # what killed workers left; other builds' files in flight are theirs
    if interrupted:
        click.echo("interrupted: finished outputs are kept, unfinished ones were discarded", err=True)
        sys.exit(EXIT_INTERRUPTED)
    summary.invalid = [ref for ref, _ in planned.invalid]
    summary.seconds = time.perf_counter() - started
    click.echo(summary.line())
    sys.exit(summary.exit_code)


@main.command()
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("output"), show_default=True)
def clean(out: Path) -> None:
    """Remove built outputs listed in OUT/manifest.json (and the manifest); nothing else."""
    from reportgen.build import clean as clean_outputs

    removed = clean_outputs(out)
    click.echo(f"removed {len(removed)} output(s) from {out}")


from reportgen.cli.diff import diff  # noqa: E402  (defined in its own module, which imports this one)
from reportgen.cli.translations import translations  # noqa: E402

main.add_command(diff)
main.add_command(translations)
import reportgen.cli.preview  # noqa: E402, F401  (registers `reportgen preview` on main)
