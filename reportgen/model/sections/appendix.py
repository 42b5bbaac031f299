"""The appendix: every yearly value of the market and of every segment, in revenue and volume."""

from __future__ import annotations

from reportgen.model.blocks import segment_rows, yearly_chart, yearly_table
from reportgen.model.context import Context
from reportgen.model.elements import Section, SectionKind
from reportgen.model.names import isolate


def appendix(ctx: Context) -> Section:
    data, fmt, m, _, t = ctx.data, ctx.fmt, ctx.meta, ctx._, ctx.t
    volume = m.volume if data.volume is not None else None
    blocks: list = [
        yearly_table(
            ctx, "appendix-total", _("Market revenue ({unit})").format(unit=fmt.money_unit), _("Measure"),
            [(_("Revenue"), data.total, 0, "data")], None,
        )
    ]
    if volume is not None:
        measure, unit = t(volume.name), t(volume.unit_short or volume.unit)  # tables and axes: the short form
        rows = [(measure, data.volume, 0, "data")]
        shown, shown_unit = isolate(measure), isolate(unit)  # in titles: kept in order when right-to-left
        blocks.append(yearly_table(ctx, "appendix-volume", f"{shown} ({shown_unit})", _("Measure"), rows, None, "count", unit))
        blocks.append(yearly_chart(ctx, "volume", f"{shown}, {ctx.period}", measure, data.volume, "count", unit))
    subs = [Section("appendix-market", _("Market totals"), SectionKind.APPENDIX, tuple(blocks))]
    for dim in data.dimensions:
        name = ctx.title(dim)
        tables: list = [
            yearly_table(
                ctx,
                f"appendix-{dim.id}-revenue",
                _("Revenue by {dimension} ({unit})").format(dimension=name, unit=fmt.money_unit),
                t(dim.title),
                segment_rows(ctx, dim, "revenue", nested=True),
                data.total,
            )
        ]
        if volume is not None:
            tables.append(
                yearly_table(
                    ctx,
                    f"appendix-{dim.id}-volume",
                    _("{measure} by {dimension} ({unit})").format(measure=shown, dimension=name, unit=shown_unit),
                    t(dim.title),
                    segment_rows(ctx, dim, "volume", nested=True),
                    data.volume,
                    "count",
                    unit,
                )
            )
        subs.append(Section(f"appendix-{dim.id}", ctx.by(dim), SectionKind.APPENDIX, tuple(tables)))
    title = _("Appendix: revenue and volume tables") if m.volume else _("Appendix: revenue tables")
    headline = (_("Revenue and volume, {period}, every segment") if m.volume else _("Revenue, {period}, every segment")).format(
        period=ctx.period
    )
    return Section("appendix", title, SectionKind.APPENDIX, (), tuple(subs), headline=headline)
