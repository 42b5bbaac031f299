"""The report model as one self-contained web page: what goes where, and what may run.

Templates (``templates/``) lay out blocks by type and sections by kind, as the PDF's do; this
module hands them the formatted pieces: tables as rows of cells (the shapes the PDF uses, from
``writers.shared``), charts as inline SVG (``svg``), the logos as data: URIs, the brand's colours
as the stylesheet's variables and its typefaces as embedded subsets (``fonts``), and the
publishing metadata (``publish``).

Nothing in the page is fetched and nothing runs unless asked: a Content-Security-Policy in the
page allows only its own stylesheet (by hash), data: images and fonts, and no script but the
one a caller passes in (the preview's reload script, by hash). So even a string that slipped
past escaping could neither run nor load anything. Jinja2 escapes every string it prints, and
prose comes as elements made from the model's spans, escaped alike (``writers.html_prose``):
a link is an ``<a href rel="noopener">``, which the policy need not allow (it fetches nothing).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from reportgen.model.brand import Brand, Colours, rgb
from reportgen.model.elements import Block, Chart, Faq, ItemList, KeyFigures, Paragraph, Report, Table
from reportgen.resources import package_path
from reportgen.writers.html.fonts import family_stack, font_faces
from reportgen.writers.html.publish import description, json_ld, og_locale
from reportgen.writers.html.svg import Words, chart_svg, series_colours
from reportgen.writers.html_prose import cell_html, inline_html, lone_paragraph, prose_html
from reportgen.writers.shared import anchor, brand_variables, css_rule, logo_text, table_view, toc

TEMPLATES_DIR = package_path("writers", "html", "templates")
BLOCK_KINDS = {Paragraph: "paragraph", ItemList: "list", KeyFigures: "figures", Table: "table", Chart: "chart", Faq: "faq"}
# What follows the brand's faces in the page's font stacks: the reader's own faces of each kind.
SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
MONO = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace'


@dataclass(frozen=True)
class WebChart:
    chart: Chart
    anchor: str
    svg: Markup
    legend: tuple[tuple[str, str, str], ...]  # (colour, name, share) per series, or per slice of a doughnut


def render_page(report: Report, live_script: str | None = None) -> str:
    """The whole edition as an HTML string; ``live_script`` (the preview's) is added at the end."""
    # Rendered once with slots for the stylesheet and its policy: the fonts are cut to what the
    # page shows, so the stylesheet can only be made from the page (report text is escaped, and
    # JSON-LD writes '<' as \u003c, so no text can spell a slot).
    page = _environment().get_template("page.html.j2").render(**_context(report, live_script),
                                                               css=Markup(CSS_SLOT), csp=Markup(CSP_SLOT))
    css = _css(report.brand, font_faces(page, report.brand))
    return page.replace(CSP_SLOT, str(escape(csp(css, live_script))), 1).replace(CSS_SLOT, css, 1)


CSS_SLOT, CSP_SLOT = "/*<reportgen-css>*/", "<reportgen-csp>"


def csp(css: str, script: str | None = None) -> str:
    """The page's Content-Security-Policy: its own stylesheet and (when given) script by hash,
    data: images and fonts, and, for the preview's script, its own server; nothing else."""
    policy = ["default-src 'none'", f"style-src '{_hash(css)}'", "img-src data:", "font-src data:", "base-uri 'none'", "form-action 'none'"]
    policy += [f"script-src '{_hash(script)}'", "connect-src 'self'"] if script else ["script-src 'none'"]
    return "; ".join(policy)


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode("ascii")


def _context(report: Report, live_script: str | None) -> dict:
    fmt, _, brand = report.fmt, report.gettext, report.brand
    edition = fmt.date(report.meta.edition)
    words = Words(_("Forecast years"))

    def chart(block: Chart) -> WebChart:
        colours = series_colours(block, brand.colours)
        svg_id = anchor("svg", block.id)
        if block.kind == "doughnut":
            legend = tuple(zip(colours, block.categories, map(fmt.percent, block.series[0].values), strict=True))
        else:
            legend = tuple((c, s.name, "") for c, s in zip(colours, block.series, strict=True)) if len(block.series) > 1 else ()
        return WebChart(block, anchor("c", block.id), chart_svg(block, svg_id, colours, brand.colours, fmt, words), legend)

    prepared = _("Prepared for {client}").split("{client}", 1)
    client = brand.client
    return {
        "report": report,
        "meta": report.meta,
        "client": client,
        "description": description(report),
        "og_locale": og_locale(report.meta.language),
        "json_ld": json_ld(report),
        "edition": edition,
        "logo_src": client.logo.data_uri if client.logo else None,
        "brand_logo": brand.logo.small.data_uri if brand.logo else None,
        "brand_logo_alt": (brand.logo.small.alt or report.meta.publisher) if brand.logo else "",
        "toc": toc(report),
        "labels": {
            "skip": _("Skip to content"),
            "contents": _("Contents"),
            "region": _("Region"),
            "period": _("Period"),
            "edition": _("Edition"),
            "authors": _("Authors"),
            "notes": _("Sources and notes"),
            "logo": logo_text(report),
            "prepared_before": prepared[0],
            "prepared_after": prepared[1] if len(prepared) > 1 else "",
            "published": _("Published by {publisher}; edition of {date}.").format(publisher=report.meta.publisher, date=edition),
            "sources": _("Research sources: {sources}.").format(sources="; ".join(report.meta.sources)) if report.meta.sources else "",
        },
        "groups": groups,
        "block_kind": lambda item: "charts" if isinstance(item, tuple) else BLOCK_KINDS[type(item)],
        "table": lambda block, section: table_view(block, report, section),
        "chart": chart,
        "figure_text": lambda figure: fmt.figure(figure.value, figure.type),
        "anchor": anchor,
        "heading": lambda depth: min(depth + 2, 6),
        "live_script": Markup(live_script) if live_script else None,
    }


def groups(blocks: Sequence[Block]) -> list[Block | tuple[Chart, ...]]:
    """A section's blocks with consecutive charts gathered, to stand side by side where there is room."""
    out: list[Block | tuple[Chart, ...]] = []
    for block in blocks:
        if isinstance(block, Chart):
            if out and isinstance(out[-1], tuple):
                out[-1] = (*out[-1], block)
            else:
                out.append((block,))
        else:
            out.append(block)
    return out


def _css(brand: Brand, faces: str) -> str:
    """The stylesheet: the brand's faces, its colours, typefaces and text size as variables, then page.css."""
    body = family_stack(brand.body.family, SANS)
    variables = brand_variables(brand) | {
        "--font-body": body,
        "--font-headings": family_stack(brand.headings.family, body) if brand.headings.family != brand.body.family else body,
        "--font-mono": family_stack(brand.monospace.family, MONO) if brand.monospace else MONO,
        "--shadow": "rgba({}, {}, {}, 0.16)".format(*rgb(brand.colours.text)),  # a wide table's edge, where it scrolls on
    }
    if brand.body.size:
        variables["--body-size"] = brand.body.size
    if brand.body.line_height:
        variables["--line-height"] = f"{brand.body.line_height:g}"
    return f"{faces}\n{css_rule(':root', variables)}\n{_stylesheet()}"


@cache
def _stylesheet() -> str:
    return (TEMPLATES_DIR / "page.css").read_text(encoding="utf-8")


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    env.globals.update(prose=prose_html, inline=inline_html, cell=cell_html, lone_paragraph=lone_paragraph)
    return env


def problems_css(colours: Colours) -> str:
    return (
        f"body {{ margin: 0; font: 16px/1.5 system-ui, sans-serif; color: {colours.text}; background: {colours.background}; }}"
        " main { max-width: 60rem; margin: 0 auto; padding: 2rem 1rem; }"
        f" h1 {{ font-size: 1.5rem; color: {colours.danger}; }} .problems {{ padding-left: 1.25rem; }}"
        f" code {{ font: 0.95rem/1.5 {MONO}; white-space: pre-wrap; overflow-wrap: anywhere; }}"
    )


def render_problems(title: str, hint: str, lines: Sequence[str], colours: Colours, live_script: str | None = None) -> str:
    """A page listing why the report cannot be built (the preview shows it until the next good save), in ``colours``."""
    css = Markup(problems_css(colours))
    return _environment().get_template("problems.html.j2").render(
        title=title, hint=hint, lines=lines, css=css, csp=csp(css, live_script), live_script=Markup(live_script) if live_script else None,
    )
