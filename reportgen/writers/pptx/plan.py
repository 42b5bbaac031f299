"""The deck policy: which slides a report becomes and what sits where on each of them.

Planning is separate from drawing so that every decision about space is made with measured
text before a shape exists. This module decides what goes on which slide: a title slide and an
agenda, then per section its charts on chart slides (two side by side, or one with a panel of
commentary or a short table beside it), its prose, key figures, tables and process steps as
bands that ``packing`` stacks down content slides, and a closing slide of sources. Everything is
driven by block types and a few section kinds; nothing here knows which market it is laying out.
It also decides how each chart is drawn, as its space depends on it: a share chart with more
slices than a doughnut keeps legible is drawn as bars, and beside another chart it takes half
the width, as any axis chart does, where a real doughnut needs less.
Every size is taken from the deck's ``Geometry`` (the house slide's, or a template layout's): the
panel beside a chart keeps the house share of the content width, and a table shows as many
year columns as fit the width it is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from reportgen.model.elements import (
    LINE_BREAK,
    Chart,
    Faq,
    Inline,
    ItemList,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Report,
    Section,
    SectionKind,
    Table,
)
from reportgen.writers.pptx.geometry import Geometry
from reportgen.writers.pptx.packing import (
    SIDE_TILE_H,
    Band,
    ChartFrame,
    FiguresBand,
    FiguresFrame,
    LabelFrame,
    Placed,
    StepsBand,
    TableBand,
    TableFrame,
    TextFrame,
    caption_height,
    continued,
    fit_companion,
    pack,
    source_height,
    source_line,
    source_parts,
    text_band,
)
from reportgen.writers.pptx.style import (
    BODY_SIZES,
    DENSE_TABLE_ROWS,
    DENSE_TABLE_SIZE,
    GAP,
    KICKER_H,
    KICKER_SIZE,
    TABLE_SIZE,
    TITLE_SIZES,
    Box,
)
from reportgen.writers.pptx.tables import TableLayout, layout_table
from reportgen.writers.pptx.text import TextItem, column_height, flow_items, shorten

DECK_SKIPS = frozenset({SectionKind.FAQ, SectionKind.APPENDIX})  # reading matter for the PDF and workbook, not for presenting
STRIP_MAX = 1.3  # commentary above two charts (or a chart and its table) ...
CHARTS_MIN_H = 2.5  # ... which keep this height where the commentary fits at a smaller size
SLIDE_YEARS = 7  # year columns a full-width table shows
SIDE_YEARS = 4  # ... and a table beside a chart
SIDE_TABLE_ROWS = 8
FIT_TOLERANCE = 1e-6  # inches: text columns share out the width exactly, up to rounding
MAX_SLICES = 4  # more categories than this and a share chart is drawn as bars
DOUGHNUT_SHARE = 0.42  # of the width, for a doughnut beside another chart (an even split otherwise)


@dataclass(frozen=True)
class SlidePlan:
    kind: Literal["title", "content"]
    section_id: str
    kicker: str
    title: str
    frames: tuple[Placed, ...] = ()
    notes: tuple[str, ...] = ()



# --- sections to slides --------------------------------------------------------------------


@dataclass
class _Content:
    """A section's material in reading order: text runs merged, charts, tables and figures kept."""

    parts: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add_text(self, items: Sequence[TextItem]) -> None:
        if not items:
            return
        if self.parts and isinstance(self.parts[-1], tuple):
            self.parts[-1] = self.parts[-1] + tuple(items)
        else:
            self.parts.append(tuple(items))


def block_items(block) -> list[TextItem]:
    if isinstance(block, Paragraph | ItemList):
        return flow_items((block,))
    if isinstance(block, Faq):
        return [item for qa in block.items for item in (TextItem(qa.question, kind="heading"), *flow_items(qa.answer))]
    return []


def _spoken(text: Inline) -> str:
    """A paragraph's text as a headline made of it reads (``prose.plain``: hard breaks as spaces)."""
    return text.plain.replace(LINE_BREAK, " ")


def has_chart(section: Section) -> bool:
    return bool(section.find(Chart))


def chart_frame(chart: Chart) -> ChartFrame:
    """The chart as the deck draws it: a doughnut with more than ``MAX_SLICES`` slices as bars,
    which keep every label legible where thin slices would not."""
    many = chart.kind == "doughnut" and len(chart.categories) > MAX_SLICES
    return ChartFrame(chart, "bar" if many else chart.kind)


class DeckPlanner:
    """Plans every slide of one report's deck."""

    def __init__(self, report: Report, geometry: Geometry):
        self.report, self.geometry, self.area = report, geometry, geometry.content
        self.fmt = report.fmt
        self._ = report.gettext

    def plan(self) -> list[SlidePlan]:
        body: list[SlidePlan] = []
        starts: list[tuple[str, int]] = []
        for top in self.report.sections:
            if top.kind in DECK_SKIPS:
                continue
            starts.append((top.title, len(body)))
            body += self.section_slides(top, top.title)
        body += self.sources_slides()
        title = self.title_slide()
        agenda = self.agenda_slides(starts, 0)
        agenda = self.agenda_slides(starts, len(agenda))  # numbers depend on how many agenda slides there are
        return [title, *agenda, *body]

    # --- fixed slides ---

    def title_slide(self) -> SlidePlan:
        meta, _ = self.report.meta, self._
        notes = [meta.title, meta.subject,
                 _("Published by {publisher}, {date}.").format(publisher=meta.publisher, date=self.fmt.date(meta.edition))]
        if meta.sources:
            notes.append(_("Research sources: {sources}.").format(sources="; ".join(meta.sources)))
        return SlidePlan("title", "title", "", meta.title, notes=tuple(notes))

    def agenda_slides(self, starts: list[tuple[str, int]], agenda_count: int) -> list[SlidePlan]:
        _ = self._
        first = 2 + agenda_count  # after the title slide and the agenda itself
        items = tuple(TextItem(title, self.fmt.integer(first + n), "entry") for title, n in starts)
        pages = pack([text_band(items, self.area, 2)], self.area)
        notes = (_("The agenda lists each part of the deck with the number of its first slide."),)
        title = _("Agenda")
        return [self.fixed_slide("agenda", title, continued(title, _) if cont else title, frames, notes)
                for frames, cont in pages]

    def sources_slides(self) -> list[SlidePlan]:
        meta, client, _ = self.report.meta, self.report.brand.client, self._
        items = [TextItem(_("Research sources"), kind="heading")] if meta.sources else []
        items += [TextItem(s, kind="bullet") for s in meta.sources]
        lines = dict.fromkeys(b.source for s in self.report.sections if s.kind not in DECK_SKIPS
                              for sub in s.walk() for b in sub.blocks if isinstance(b, Chart | Table) and b.source)
        if lines:
            items.append(TextItem(_("Charts and tables"), kind="heading"))
            items += [TextItem(line, kind="bullet") for line in lines]
        items.append(TextItem(_("About this deck"), kind="heading"))
        published = _("Published by {publisher}; edition of {date}.")
        items.append(TextItem(published.format(publisher=meta.publisher, date=self.fmt.date(meta.edition)), kind="bullet"))
        if meta.authors:
            items.append(TextItem(", ".join(meta.authors), _("Authors"), "bullet"))
        if client.name:
            items.append(TextItem(client.name, _("Prepared for"), "bullet"))
        notes = (_("Every figure in this deck comes from the report model; estimates are named in each slide's notes."),)
        title = _("Sources and notes")
        return [self.fixed_slide("sources", _("Sources"), continued(title, _) if cont else title, frames, notes)
                for frames, cont in pack([text_band(items, self.area, 1)], self.area)]

    def fixed_slide(self, section_id: str, kicker: str, title: str, frames: list[Placed], notes: tuple[str, ...]) -> SlidePlan:
        """A slide of the deck's own (agenda, sources): its title and kicker cut to their boxes like any other."""
        shown, kicker = self.shown_title(title), self.shown_kicker(kicker)
        return SlidePlan("content", section_id, kicker, shown, tuple(frames), ((title,) if shown != title else ()) + notes)

    def shown_title(self, title: str) -> str:
        box = self.geometry.title
        return shorten(title, TITLE_SIZES[-1], box.w, box.h)

    def shown_kicker(self, kicker: str) -> str:
        box = self.geometry.kicker or self.geometry.title  # a template's title placeholder holds the kicker line
        return shorten(kicker, KICKER_SIZE, box.w, KICKER_H)  # one line

    # --- section slides ---

    def section_slides(self, section: Section, kicker: str) -> list[SlidePlan]:
        content = self.content(section)
        title = section.headline or section.title
        charts = [p for p in content.parts if isinstance(p, Chart)]
        pages = self.chart_pages(section, content, charts) if charts else pack(self.bands(section, content.parts), self.area)
        slides = [self.slide(section, kicker, continued(title, self._) if cont else title, frames, content.notes)
                  for frames, cont in pages]
        for sub in section.subsections:
            if has_chart(sub):
                slides += self.section_slides(sub, f"{kicker} · {sub.title}")
        return slides

    def slide(self, section: Section, kicker: str, title: str, frames: list[Placed], notes: list[str]) -> SlidePlan:
        sources = [f.chart.source for _, f in frames if isinstance(f, ChartFrame)]
        sources += [f.layout.table.source for _, f in frames if isinstance(f, TableFrame)]
        shown = self.shown_title(title)
        lines = list(dict.fromkeys([*([title] if shown != title else []), *notes, *(s for s in sources if s)]))
        if not lines:
            lines = [self._("Prepared by {publisher}; the research sources are listed on the last slide.").format(
                publisher=self.report.meta.publisher)]
        kicker = self.shown_kicker(kicker)
        return SlidePlan("content", section.id, kicker, shown, tuple(frames), tuple(lines))

    def content(self, section: Section) -> _Content:
        """The section's blocks, with subsections that have no chart of their own folded in.

        A paragraph that repeats the headline is dropped: the headline is already the slide title.
        """
        out = _Content(notes=list(section.notes))
        if section.kind == SectionKind.VALUE_CHAIN and section.subsections:
            out.parts.append(StepsBand(tuple((s.title, s.headline) for s in section.subsections), self.area))
        self._fold(section, out, heading=False)
        return out

    def _fold(self, section: Section, out: _Content, heading: bool) -> None:
        blocks = [b for b in section.blocks if not (isinstance(b, Paragraph) and _spoken(b.text) == section.headline)]
        if heading and any(block_items(b) for b in blocks):
            out.add_text([TextItem(section.title, kind="heading")])
        for block in blocks:
            if isinstance(block, Chart | Table | KeyFigures):
                out.parts.append(block)
            else:
                out.add_text(block_items(block))
        for sub in section.subsections:
            if not has_chart(sub):
                out.notes += [n for n in sub.notes if n not in out.notes]
                self._fold(sub, out, heading=True)

    def bands(self, section: Section, parts: Sequence) -> list[Band]:
        """Bands for the parts, tables last: a table is reference material that may run over
        several slides, and prose after it would otherwise end up alone on a final slide."""
        out: list[Band] = []
        for part in sorted(parts, key=lambda p: isinstance(p, Table)):
            if isinstance(part, tuple):
                out.append(text_band(part, self.area))
            elif isinstance(part, Table) and part.rows:
                sizes = (DENSE_TABLE_SIZE,) if len(part.rows) > DENSE_TABLE_ROWS else (TABLE_SIZE, DENSE_TABLE_SIZE)
                layouts = tuple(self.table_layout(part, self.area.w, size, SLIDE_YEARS) for size in sizes)
                out.append(TableBand(layouts, "" if part.title == section.title else part.title, self._, self.area))
            elif isinstance(part, KeyFigures):
                out.append(FiguresBand(part.items, self.area))
            elif isinstance(part, StepsBand):
                out.append(part)
        return out

    def callout(self, section: Section, parts: Sequence) -> tuple[KeyFigure, ...]:
        """Figures for the panel beside a chart: the section's own, or for the market overview the
        report's growth-rate headline figures (the overview's chart is the market size over time)."""
        own = [f for p in parts if isinstance(p, KeyFigures) for f in p.items]
        if own or section.kind != SectionKind.OVERVIEW:
            return tuple(own)
        report_figures = [f for s in self.report.sections for f in (b for kf in s.find(KeyFigures) for b in kf.items)]
        return tuple(f for f in report_figures if f.type == "cagr")

    def chart_pages(self, section: Section, content: _Content, charts: list[Chart]) -> list[tuple[list[Placed], bool]]:
        """Chart slides, with the prose nearest the charts as their commentary.

        Text that does not fit beside or above the charts keeps its reading order: what came
        before the charts goes on a text slide before them, what came after goes after them.
        """
        parts = content.parts
        first = parts.index(charts[0])
        before = parts[:first]
        after = [p for p in parts[first:] if not isinstance(p, Chart | KeyFigures)]
        near_before = list(before[-1]) if before and isinstance(before[-1], tuple) else []
        near_after = list(after[0]) if after and isinstance(after[0], tuple) else []
        figures = self.callout(section, parts)
        side = self.side_table(charts, [p for p in after if isinstance(p, Table)])
        if len(charts) > 1 or side is not None:  # commentary across the top
            width, room = self.area.w, self._strip_room([*near_before, *near_after])
        else:
            width, room = self.geometry.panel_w, self._panel_room(figures)
        size, kept, dropped_before, dropped_after = fit_companion(near_before, near_after, width, room)
        lead = [p for p in (before[:-1] if near_before else before) if not isinstance(p, KeyFigures)]
        pages = pack(self.bands(section, [*lead, *([tuple(dropped_before)] if dropped_before else [])]), self.area)
        for i in range(0, len(charts), 2):
            text = kept if i == 0 else []
            if side is not None:
                pages.append((self.side_table_page(charts[0], side, text, size), False))
            else:
                pages.append((self.chart_page(charts[i:i + 2], text, size, figures if i == 0 else ()), False))
        rest = [p for p in (after[1:] if near_after else after) if p is not side]
        return pages + pack(self.bands(section, [*([tuple(dropped_after)] if dropped_after else []), *rest]), self.area)

    def side_table(self, charts: list[Chart], tables: list[Table]) -> Table | None:
        """The section's one short table, when it fits beside its one chart under a full commentary strip."""
        if len(charts) != 1 or len(tables) != 1 or not 0 < len(tables[0].rows) <= SIDE_TABLE_ROWS:
            return None
        layout = self.side_layout(tables[0])
        room = self.area.h - source_height() - STRIP_MAX - GAP
        return tables[0] if caption_height() + layout.height(0, len(tables[0].rows)) <= room else None

    def side_layout(self, table: Table) -> TableLayout:
        return self.table_layout(table, self.area.w * 0.56, TABLE_SIZE, SIDE_YEARS)

    def table_layout(self, table: Table, width: float, size: float, max_years: int) -> TableLayout:
        """The table measured for ``width`` with up to ``max_years`` year columns, fewer when their
        numbers (which never wrap) would not fit the width: a narrow slide shows fewer years."""
        years = max(1, min(max_years, sum(c.is_year for c in table.columns)))
        layout = layout_table(table, self.fmt, width, size, years)
        while layout.width > width + FIT_TOLERANCE and years > 1:
            years -= 1
            layout = layout_table(table, self.fmt, width, size, years)
        return layout

    def _strip_room(self, items: Sequence[TextItem]) -> float:
        """The height of the commentary ``items`` above charts: ``STRIP_MAX``, less on a short
        content area (a 10 in template's) so that the charts keep ``CHARTS_MIN_H`` for their
        plots, legends and every category label, the commentary being set smaller; never less than
        all of it takes at the smallest size, as text moved to a slide of its own costs more."""
        for_charts = self._chart_area().h - CHARTS_MIN_H - GAP
        return min(STRIP_MAX, max(for_charts, column_height(items, BODY_SIZES[-1], self.area.w)))

    def _panel_room(self, figures: Sequence[KeyFigure]) -> float:
        return self.area.h - source_height() - (len(figures) * (SIDE_TILE_H + GAP) if figures else 0)

    def chart_page(self, charts: list[Chart], items: list[TextItem], size: float, figures: Sequence[KeyFigure]) -> list[Placed]:
        """Two charts side by side under a commentary strip, or one chart with a panel beside it."""
        frames: list[Placed] = []
        area = self._chart_area()
        if len(charts) == 2:
            area = self._strip(frames, area, items, size)
            first, second = map(chart_frame, charts)
            left, right = area.split_x(area.w * (DOUGHNUT_SHARE if first.kind == "doughnut" else 0.5) - GAP / 2)
            frames += [(left, first), (right, second)]
        else:
            chart_box, panel = area.split_x(area.w - self.geometry.panel_w - GAP)
            frames.append((chart_box, chart_frame(charts[0])))
            y = panel.y
            if figures:
                h = len(figures) * (SIDE_TILE_H + GAP) - GAP
                frames.append((Box(panel.x, y, panel.w, h), FiguresFrame(tuple(figures), True)))
                y += h + GAP
            if items:
                frames.append((Box(panel.x, y, panel.w, column_height(items, size, panel.w)), TextFrame(tuple(items), size)))
        frames.append(self._source_frame(charts))
        return frames

    def side_table_page(self, chart: Chart, table: Table, items: list[TextItem], size: float) -> list[Placed]:
        """A chart with its short table beside it, under the commentary strip."""
        frames: list[Placed] = []
        area = self._strip(frames, self._chart_area(), items, size)
        layout = self.side_layout(table)
        table_h = layout.height(0, len(table.rows))
        chart_box, table_box = area.split_x(area.w - layout.width - GAP)
        top = table_box.y + max(0.0, (table_box.h - caption_height() - table_h) / 2)
        frames += [
            (chart_box, chart_frame(chart)),
            (Box(table_box.x, top, table_box.w, caption_height()), LabelFrame(table.title, "caption")),
            (Box(table_box.x, top + caption_height(), layout.width, table_h), TableFrame(layout, tuple(range(len(table.rows))))),
        ]
        frames.append(self._source_frame([chart], source_parts(layout, self._)))
        return frames

    @staticmethod
    def _strip(frames: list[Placed], area: Box, items: Sequence[TextItem], size: float) -> Box:
        """Put commentary across the top of ``area``; return what is left below it."""
        if not items:
            return area
        h = column_height(items, size, area.w)
        frames.append((Box(area.x, area.y, area.w, h), TextFrame(tuple(items), size)))
        return Box(area.x, area.y + h + GAP, area.w, area.h - h - GAP)

    def _chart_area(self) -> Box:
        """The content area less the source lines along its foot."""
        return Box(self.area.x, self.area.y, self.area.w, self.area.h - source_height())

    def _source_frame(self, charts: Sequence[Chart], extra: Sequence[str] = ()) -> Placed:
        text = source_line([*(c.source for c in charts), *extra])
        area = self.area
        return Box(area.x, area.bottom - source_height(), area.w, source_height()), LabelFrame(text, "source")


