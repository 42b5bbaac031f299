"""``reportgen translations REPORT --lang LANG``: write the starter translations file of an edition.

Every data text the edition translates is listed, in the order of the data files, with the
file and field it comes from; what the file already has is kept unchanged (see
``reportgen.model.starter``), so the command is safe to run again after every data change.
"""

from __future__ import annotations

from pathlib import Path

import click

from reportgen.cli import Context, handle_errors


def _language(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from reportgen.i18n import DEFAULT_LANGUAGE, LANGUAGES

    choices = [code for code in LANGUAGES if code != DEFAULT_LANGUAGE]
    if value not in choices:
        raise click.BadParameter(f"{value!r} is not a language to translate into; choose from {', '.join(choices)}")
    return value


@click.command("translations")
@click.argument("report")
@click.option("--lang", "lang", required=True, callback=_language, metavar="LANG", help="Language of the file: es or pt-BR.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="File to write (default: the report's translations/LANG.yaml); one that exists is extended, never changed.")
@click.pass_obj
@handle_errors
def translations(obj: Context, report: str, lang: str, out: Path | None) -> None:
    """Write the translations file of REPORT for LANG, listing every text to translate.

    Texts the file lacks are appended with an empty translation marked TODO, each under a
    comment naming the data file and field it comes from; entries already there are kept as
    they are. Proper names (key players, vendors, companies, people) are not listed.
    """
    from reportgen.builder.atomic import atomic_write
    from reportgen.data import analyse
    from reportgen.data.load import display_path, resolve_report
    from reportgen.model.coverage import translations_path
    from reportgen.model.starter import starter

    analysis = analyse(resolve_report(report, obj.data_dir))
    path = out or translations_path(analysis, lang)
    result = starter(analysis, lang, path, report)
    if not result.added:
        click.echo(f"{display_path(path)}: nothing to add ({result.kept} text(s) already listed)")
        return
    atomic_write(path, result.text.encode("utf-8"))
    click.echo(f"{display_path(path)}: added {result.added} text(s), {result.todo} to translate ({result.kept} already listed)")
