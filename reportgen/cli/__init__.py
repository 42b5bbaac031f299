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
from typing import Any, Literal, TypeVar, cast

import click

import reportgen
from reportgen import BuildError, Problem, ReportError, __version__

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2
DEFAULT_DATA_DIR = Path("data")


class Context:
    def __init__(self, data_dir: Path, debug: bool):
        self.data_dir = data_dir
        self.debug = debug


def print_problems(problems: list[Problem]) -> None:
    for p in problems:
        prefix = "warning: " if p.severity == "warning" else "error: "
        click.echo(prefix + str(p), err=True)


def print_strict_refusal(problems: list[Problem]) -> None:
    """The line saying that ``problems``, warnings all, fail under ``--strict``, naming their files."""
    files = ", ".join(dict.fromkeys(p.path for p in problems))
    click.echo(f"{files}: failed under --strict: {len(problems)} warning(s), each an error here", err=True)


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
            print_problems(exc.problems)
            if all(p.severity == "warning" for p in exc.problems):  # what a client wears, refused under --strict
                print_strict_refusal(exc.problems)
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


BRAND_OPTION = click.option(
    "--brand", "brand_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
    help="Brand file (_brand.yml) every report wears (default: the report folder's, else the data dir's, else the house brand).")


VARIANT_OPTION = click.option("--variant", "variants", multiple=True,
                              help="Client variant (repeatable); default: the house edition.")
VARIANTS_OPTION = click.option("--variants", "variants_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
                               help="Variants file (default: <data-dir>/variants.yaml).")


@main.command()
@click.argument("reports", nargs=-1)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2).")
@BRAND_OPTION
@VARIANT_OPTION
@VARIANTS_OPTION
@click.pass_obj
@handle_errors
def check(obj: Context, reports: tuple[str, ...], strict: bool, brand_file: Path | None, variants: tuple[str, ...],
          variants_file: Path | None) -> None:
    """Validate reports and report inconsistencies (all reports if none given).

    Also checks that the message catalogs translate every fixed string, the brand each report
    wears (its colours, fonts, logo and template), and warns about data texts left untranslated
    in the languages a report lists under ``languages``. With --variant, also what those
    client editions wear (their accent, logo and brand), as a build of them would.
    """
    from reportgen.builder.checking import check_reports, package_problems, variant_problems
    from reportgen.data.folders import refs_or_every_report

    catalogs = package_problems()
    print_problems(catalogs)
    clients = variant_problems(variants, variants_file, obj.data_dir)
    print_problems(clients)
    if strict and clients and all(p.severity == "warning" for p in clients):
        print_strict_refusal(clients)
    refs = refs_or_every_report(list(reports), obj.data_dir)
    failed, warned = bool(catalogs) or any(p.severity != "warning" for p in clients), bool(clients)
    for checked in check_reports(refs, obj.data_dir, raise_invalid=obj.debug, brand=brand_file):
        print_problems(list(checked.problems))
        if not checked.valid:
            click.echo(f"{checked.ref}: invalid ({len(checked.problems)} error(s))", err=True)
            failed = True
            continue
        warned |= bool(checked.problems)
        if strict and checked.problems:
            click.echo(f"{checked.ref}: failed under --strict: {len(checked.problems)} warning(s), each an error here", err=True)
        else:
            click.echo(f"{checked.ref}: ok ({len(checked.problems)} warning(s))")
    if failed or (strict and warned):
        sys.exit(EXIT_INVALID)


@main.command()
@click.argument("report")
@click.option("--outline", is_flag=True, help="Print the sections' ids and titles in order instead (for report.yaml's outline).")
@click.pass_obj
@handle_errors
def show(obj: Context, report: str, outline: bool) -> None:
    """Print the computed tables of one report (totals and every dimension).

    With --debug, each dimension table also shows the reconciliation of its segments with their
    parent (sum - total, zero to rounding). With --outline, the ids of the report's sections in
    their order, with their titles, and the ids it leaves out."""
    from reportgen.cli.show import print_outline, print_report
    from reportgen.data import analyse
    from reportgen.data.load import resolve_report

    analysis = analyse(resolve_report(report, obj.data_dir))
    print_problems(list(analysis.warnings))
    if outline:
        print_outline(analysis)
    else:
        print_report(analysis.computed, reconcile=obj.debug)


@main.command()
@click.argument("kind", required=False)
def schema(kind: str | None) -> None:
    """Print the JSON Schema of one kind of file (report, dimension, content, translation,
    variants), for an editor to check and complete those files; without KIND, list the kinds.

    The same schemas are committed as docs/schemas/KIND.json (docs/data-format.md, Editors).
    """
    from reportgen import schemas

    if kind is None:
        for k in schemas.KINDS:
            click.echo(f"{k.name:<12} {k.files}")
        return
    if kind not in schemas.BY_NAME:
        raise click.BadParameter(f"unknown kind {kind!r}; choose from {', '.join(schemas.BY_NAME)}", param_hint="KIND")
    click.echo(schemas.text(schemas.BY_NAME[kind]), nl=False)


def languages_option(value: str | None) -> list[str]:
    """``--lang``: comma-separated edition languages."""
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


def raise_interrupt(signum: int, frame: object) -> None:
    """A SIGTERM handler: stop as on Ctrl-C (workers stopped, finished outputs kept, exit 130)."""
    raise KeyboardInterrupt


@main.command()
@click.argument("reports", nargs=-1)
@click.option("--format", "formats", default="pdf,pptx,xlsx", show_default=True,
              help="Comma-separated formats to build: pdf, pptx, xlsx, html (the self-contained web edition).")
@VARIANT_OPTION
@VARIANTS_OPTION
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("output"), show_default=True,
              help="Output root: OUT/<id>/<id>.<ext>, variants in OUT/<id>/<variant>/.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Parallel workers (default: number of cores).")
@click.option("--force", is_flag=True, help="Rebuild everything, even outputs that are up to date.")
@click.option("--dry-run", is_flag=True, help="List what would be rebuilt and why; build nothing.")
@click.option("--strict", is_flag=True,
              help="Treat warnings as invalid input (exit 2): data warnings, and editions with untranslated data texts.")
@click.option("--pdf-variant", type=click.Choice(["pdf/ua-1", "pdf/a-3b", "none"]), default="pdf/ua-1", show_default=True,
              help="PDF flavour: tagged for accessibility (pdf/ua-1), archival (pdf/a-3b), or none: untagged, smaller and faster.")
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
          languages: str | None, executor: Literal["local", "dask"], scheduler: str | None, brand_file: Path | None) -> None:
    """Build deliverables for REPORTS (all reports under the data dir if none given).

    Incremental: an output whose inputs (data files, templates, variant, options, package) are
    unchanged since the last build is skipped. Exit codes: 0 built, 1 a build failed,
    2 invalid input, 130 interrupted.
    """
    import signal

    from reportgen.cli.progress import reporter

    asked: dict[str, Any] = {"formats": _formats(formats), "languages": languages_option(languages), "variants": variants,
                             "variants_file": variants_file, "out": out, "data_dir": obj.data_dir, "strict": strict,
                             "force": force, "pdf_variant": pdf_variant, "brand": brand_file}  # what plan and build share
    refs = list(reports) or None
    signal.signal(signal.SIGTERM, raise_interrupt)
    try:
        if dry_run:
            planned = _outcome(lambda: reportgen.plan(refs, **asked))
            print_problems([] if quiet else list(planned.warnings))
            for o in planned.outputs:
                rel = o.path.relative_to(out).as_posix()
                click.echo(f"build\t{rel}\t{o.reason}" if o.stale else f"up to date\t{rel}")
            _print_invalid(planned)
            sys.exit(EXIT_OK if planned.ok else EXIT_INVALID)
        with reporter(out, quiet) as on_progress:
            result = _outcome(lambda: reportgen.build(refs, **asked, jobs=jobs, executor=executor, scheduler=scheduler,
                                                      progress=on_progress))
    except KeyboardInterrupt:
        click.echo("interrupted: finished outputs are kept, unfinished ones were discarded", err=True)
        sys.exit(EXIT_INTERRUPTED)
    print_problems([] if quiet else list(result.warnings))
    _print_invalid(result)
    if not result.built and not result.failed and not result.invalid:
        click.echo("nothing to do: every output is up to date")
    click.echo(f"{result.summary} in {result.seconds:.2f}s")
    sys.exit(result.exit_code)


Done = TypeVar("Done")


def _outcome(run: Callable[[], Done]) -> Done:
    """What a plan or build did, also when it found invalid input (the ``ReportError`` it raises
    after the valid reports carries it); invalid arguments raise as they are."""
    try:
        return run()
    except ReportError as exc:
        if exc.result is None:
            raise
        return cast(Done, exc.result)


def _print_invalid(done: reportgen.BuildPlan | reportgen.BuildResult) -> None:
    print_problems(list(done.problems))
    for ref in done.invalid:
        click.echo(f"{ref}: invalid input, not built", err=True)


@main.command()
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("output"), show_default=True)
def clean(out: Path) -> None:
    """Remove built outputs listed in OUT/manifest.json (and the manifest); nothing else."""
    from reportgen.builder.clean import clean as clean_outputs

    removed = clean_outputs(out)
    click.echo(f"removed {len(removed)} output(s) from {out}")


from reportgen.cli.brand import brand  # noqa: E402  (defined in its own module, which imports this one)
from reportgen.cli.diff import diff  # noqa: E402
from reportgen.cli.translations import translations  # noqa: E402

main.add_command(brand)
main.add_command(diff)
main.add_command(translations)
import reportgen.cli.preview  # noqa: E402  (registers `reportgen preview` on main)
