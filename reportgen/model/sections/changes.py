"""Changes since the previous edition: what moved, in the report's words and language.

When ``report.yaml`` names the edition this one replaces, the data layer compares the two
(``Analysis.previous``: an ``EditionDiff``) and this section states the result, as every other
section does, from facts and never from formatted text: first the headline changes as sentences
(the market's value in the base and the last year, its CAGR, new leaders and new fastest
growers), then a table per part of the report of what moved by at least the threshold (the
market's value or CAGR; a segment's share of its parent, since a segment that kept its share
moved with the market), with raw numbers and value types so that the workbook keeps them
numeric, and last the changed inputs summarised. It is made of paragraphs, a list and tables
only, so every format lays it out as it lays out any section.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.data.changes import CAGR, COMPARISON, MARKET, SEGMENT, SHARE, VALUE, EditionDiff, RankChange, ValueChange
from reportgen.data.compute import ComputedDimension, ComputedSegment
from reportgen.data.previous import PreviousEdition
from reportgen.data.series import Yearly
from reportgen.i18n import Language
from reportgen.model import names, sentences
from reportgen.model.context import Context
from reportgen.model.elements import Column, Item, ItemList, Paragraph, Row, Section, SectionKind, Table
from reportgen.model.names import upper_first
from reportgen.model.sections.changes_inputs import dimension_of, inputs_summary, shown_inputs


@dataclass(frozen=True)
class _Subject:
    """One row of a changes table: a series of this edition, and where the diff files its results."""

    dimension: str | None
    kind: str  # MARKET, COMPARISON or SEGMENT
    key: str  # the subject as the diff names it: 'market', a comparison's id, a segment's (new) name
    label: str
    series: Yearly
    level: int = 0
    segment: ComputedSegment | None = None


class Changes:
    """The section for one edition: its diff against the previous one, in the edition's language."""

    def __init__(self, ctx: Context, previous: PreviousEdition):
        self.ctx, self.previous = ctx, previous
        self.diff: EditionDiff = previous.diff.material(previous.threshold)
        self.date = ctx.fmt.date(previous.computed.meta.edition)
        # Names only the previous edition has (a renamed segment's old name, a removed dimension's
        # title) are translated by its own translations, this edition's taking precedence.
        code = ctx.lang.code
        self.old_lang = Language(code, {**previous.computed.source.translations.get(code, {}), **ctx.lang.data})
        # The tables compare the last year and the first CAGR period both editions have: the
        # report's own when the year range did not change.
        old = previous.computed
        self.year = max(set(ctx.years) & set(old.years), default=None)
        self.period = next((p for p in ctx.data.periods if p in old.periods), None)
        self.full = {_key(r): r for r in previous.diff.results}

    def section(self) -> Section:
        ctx, _ = self.ctx, self.ctx._
        headline = self.headline_sentences()
        tables = self.tables()
        blocks: list = [Paragraph(self.intro())]
        if headline:
            blocks.append(ItemList(tuple(Item(s) for s in headline)))
        elif not tables and self.previous.diff.results:
            blocks.append(Paragraph(_("No figure moved by {threshold} or more.").format(threshold=self.threshold())))
        elif not tables and shown_inputs(self.diff):
            blocks.append(Paragraph(_("No figure moved.")))
        blocks += tables
        summary = inputs_summary(ctx, self.diff, self.old_lang)
        if summary:
            blocks.append(ItemList(tuple(summary)))
        end_value = self.full.get((None, MARKET, MARKET, VALUE, self.year, None))
        material = end_value if end_value is not None and end_value in self.diff.results else None
        return Section(
            "changes",
            _("Changes since the previous edition"),
            SectionKind.CHANGES,
            tuple(blocks),
            headline=sentences.changes_headline(material, self.date, ctx.fmt, ctx.lang),
            notes=(_("Both editions are computed with the same method, each from its own inputs; money is compared in "
                     "{unit}, and a renamed segment under its new name.").format(unit=ctx.fmt.money_unit),),
        )

    # --- text ---

    def threshold(self) -> str:
        t = self.previous.threshold
        return self.ctx.fmt.percent(t, 0 if float(round(t * 100, 6)).is_integer() else 2)

    def intro(self) -> str:
        ctx, _ = self.ctx, self.ctx._
        text = _("This edition, of {date}, updates the edition of {old_date}.").format(
            date=ctx.fmt.date(ctx.meta.edition), old_date=self.date)
        full = self.previous.diff
        if not (shown_inputs(full) or full.results or full.ranks):
            return text + " " + _("The figures and texts are the same in both.")
        if self.previous.threshold > 0:
            rule = _("Figures that moved by less than {threshold} are not listed, nor segments whose share of their parent "
                     "moved by less than that: their value moved with the market's.").format(threshold=self.threshold())
        else:
            rule = _("Every figure that moved is listed, and every segment whose share of its parent moved; the others "
                     "moved with the market.")
        return f"{text} {rule}"

    def headline_sentences(self) -> list[str]:
        ctx, out = self.ctx, []
        for change in self.diff.headline():
            if isinstance(change, RankChange):
                member = ctx.member(dimension_of(ctx, change.dimension))
                new, old = ctx.name(change.new), names.name(self.old_lang, change.old)
                out.append(sentences.rank_change(change, member, new, old, ctx.fmt, ctx.lang))
            else:
                out.append(sentences.market_change(change, self.date, ctx.fmt, ctx.lang))
        return out

    # --- tables ---

    def tables(self) -> list[Table]:
        """A table per part of the report whose figures moved: the market, then each dimension."""
        if self.year is None:
            return []
        ctx = self.ctx
        material = {(r.dimension, r.subject_type, r.subject) for r in self.diff.results if self._moved(r)}
        old_ids = {c.meta.id for c in self.previous.computed.comparisons}
        market = [_Subject(None, MARKET, MARKET, upper_first(ctx.t(ctx.meta.market.name)), ctx.data.total)]
        market += [_Subject(None, COMPARISON, c.meta.id, upper_first(ctx.t(c.meta.name)), c.values)
                   for c in ctx.data.comparisons if c.meta.id in old_ids]
        out = []
        rows = [s for s in market if (s.dimension, s.kind, s.key) in material]
        if rows:
            out.append(self.table("changes-market", ctx._("Market"), ctx._("Market"), rows))
        for dim in ctx.data.dimensions:
            rows = self.segments(dim, material)
            if rows:
                out.append(self.table(f"changes-{dim.id}", ctx.by(dim), upper_first(ctx.t(dim.title)), rows))
        return out

    def _moved(self, r: ValueChange) -> bool:
        """Whether a material change puts its subject in a table: for the market and comparisons their
        value in the table's year or their CAGR; for a segment its share of its parent in the base year
        or the table's year (a segment that kept its share moved with the market, which its table shows)."""
        if r.subject_type == SEGMENT:
            return r.measure == SHARE and r.year in (self.ctx.base, self.year)
        return (r.measure == VALUE and r.year == self.year) or (r.measure == CAGR and r.period == self.period)

    def segments(self, dim: ComputedDimension, material: set) -> list[_Subject]:
        """The dimension's segments whose figures moved, depth first, each with its parents."""
        moved = {name for d, kind, name in material if d == dim.id and kind == SEGMENT}
        keep = set(moved)
        for name in moved:
            seg = dim.segment(name)
            while seg.parent is not None:
                keep.add(seg.parent)
                seg = dim.segment(seg.parent)
        renamed = {r.subject: r.old_subject for r in self.previous.diff.results if r.dimension == dim.id and r.old_subject}
        out: list[_Subject] = []

        def visit(parent: str | None) -> None:
            for seg in dim.children(parent):
                if seg.name in keep:
                    label = self.ctx.t(seg.name)
                    if seg.name in renamed:  # a label composed of names: each isolated, as in every composed label
                        old = names.name(self.old_lang, renamed[seg.name])
                        label = self.ctx._("{name} (previously {old})").format(name=self.ctx.name(seg.name), old=old)
                    out.append(_Subject(dim.id, SEGMENT, seg.name, label, seg.revenue, seg.depth, seg))
                    visit(seg.name)

        visit(None)
        return out

    def table(self, table_id: str, title: str, label: str, subjects: list[_Subject]) -> Table:
        """Previous and current value in the table's year and the change; then for segments their
        share of the parent in that year (their growth shows in it), for the market its CAGR."""
        ctx, _, unit, year = self.ctx, self.ctx._, self.ctx.fmt.money_unit, self.year
        assert year is not None
        segments = any(s.segment is not None for s in subjects)
        columns = [
            Column("name", label, "text"),
            Column("previous", _("{year}, previous ({unit})").format(year=year, unit=unit), "money", unit),
            Column("current", _("{year}, current ({unit})").format(year=year, unit=unit), "money", unit),
            Column("change", _("Change"), "percent"),
        ]
        if segments:
            columns += [Column("share-previous", _("Share {year}, previous").format(year=year), "percent"),
                        Column("share-current", _("Share {year}, current").format(year=year), "percent")]
        elif self.period is not None:
            start, end = self.period
            columns += [Column("cagr-previous", _("CAGR {start}-{end}, previous").format(start=start, end=end), "cagr"),
                        Column("cagr-current", _("CAGR {start}-{end}, current").format(start=start, end=end), "cagr")]
        rows = []
        for s in subjects:
            now = s.series[year]
            before = self._old(s, VALUE, now, year=year)
            cells: list[object] = [s.label, before, now, (now - before) / before if before else None]
            if s.segment is not None:
                share = s.segment.share_in(year)
                cells += [self._old(s, SHARE, share, year=year), share]
            elif self.period is not None:
                rate = s.series.cagr(*self.period)
                cells += [self._old(s, CAGR, rate, period=self.period), rate]
            rows.append(Row(tuple(cells), level=s.level))
        return Table(table_id, title, tuple(columns), tuple(rows), source=ctx.source_line)

    def _old(self, s: _Subject, measure: str, now: float, year: int | None = None, period: tuple[int, int] | None = None) -> float:
        """The previous edition's figure: the diff's, or this edition's when the diff has no change for it."""
        change = self.full.get((s.dimension, s.kind, s.key, measure, year, period))
        return change.old if change is not None else now


def _key(r: ValueChange) -> tuple:
    return (r.dimension, r.subject_type, r.subject, r.measure, r.year, r.period)


def changes(ctx: Context) -> Section | None:
    """The section, or None when the report names no previous edition."""
    previous = ctx.analysis.previous
    return None if previous is None else Changes(ctx, previous).section()
