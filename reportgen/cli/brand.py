"""``reportgen brand --from-template FILE``: write a starter ``_brand.yml`` from a corporate PowerPoint template.

The work is ``reportgen.template_brand``'s; this parses the arguments and says what was written.
"""

from __future__ import annotations

from pathlib import Path

import click

from reportgen.cli import Context, handle_errors


@click.command("brand")
@click.option("--from-template", "template", required=True, type=click.Path(path_type=Path, dir_okay=False),
              metavar="FILE", help="A .pptx or .potx whose theme colours, fonts and master logos start the brand.")
@click.option("-o", "--out", type=click.Path(path_type=Path, dir_okay=False), default=Path("_brand.yml"), show_default=True,
              help="The brand file to write (never overwritten); logos are written beside it.")
@click.pass_obj
@handle_errors
def brand(obj: Context, template: Path, out: Path) -> None:
    """Write a starter brand file from TEMPLATE's theme and master pictures, naming TEMPLATE as the deck's template."""
    from reportgen.template_brand import write_starter_brand

    starter = write_starter_brand(template, out)
    for name in starter.logos:
        click.echo(f"{out.parent / name}: logo from the template's masters")
    for kind in starter.skipped:
        click.echo(f"note: the template's masters also have {kind} pictures, which a logo cannot be: "
                   "save the logo as PNG, JPEG or SVG and name it under logo:", err=True)
    click.echo(f"{out}: starter brand from {template.name}")
