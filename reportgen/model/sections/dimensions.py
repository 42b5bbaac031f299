"""One section per way of splitting the market (a dimension), with a subsection per parent
segment; the geography dimension becomes the regional analysis."""

from __future__ import annotations

from reportgen.data.compute import ComputedDimension, ComputedSegment
from reportgen.model import sentences
from reportgen.model.blocks import estimate_notes, segment_rows, share_chart, themes, trend_chart, yearly_table
from reportgen.model.context import Context
from reportgen.model.elements import Block, ItemList, Paragraph, Section, SectionKind


def dimension(ctx: Context, dim: ComputedDimension, section_id: str | None = None, extra: tuple[Block, ...] = ()) -> Section:
    """Commentary, the share and trend charts and the revenue table, then one subsection per parent segment."""
    data, fmt, _, t = ctx.data, ctx.fmt, ctx._, ctx.t
    name = ctx.title(dim)
    blocks: list = [Paragraph(" ".join(sentences.dimension_commentary(dim, data, fmt, ctx.lang)))]
    if dim.note:
        blocks += ctx.prose(dim.note)
    blocks += [
        *_described(ctx, dim.top),
        share_chart(
            ctx,
            f"{dim.id}-share",
            _("Share by {dimension}, {year}").format(dimension=name, year=ctx.base),
            dim.top,
            ctx.phrase(_("shares by {dimension}").format(dimension=name)),
        ),
        trend_chart(
            ctx,
            f"{dim.id}-trend",
            _("Revenue by {dimension}, {period}").format(dimension=name, period=ctx.period),
            dim,
            ctx.phrase(_("the market by {dimension}").format(dimension=name)),
        ),
        yearly_table(
            ctx,
            f"{dim.id}-revenue",
            _("Revenue by {dimension} ({unit})").format(dimension=name, unit=fmt.money_unit),
            t(dim.title),
            segment_rows(ctx, dim, "revenue"),
            data.total,
        ),
        *extra,
    ]
    return Section(
        section_id or f"dim-{dim.id}",
        ctx.chapter(dim),
        SectionKind.DIMENSION,
        tuple(blocks),
        tuple(_subsegments(ctx, dim, parent.name) for parent in dim.parents),
        headline=sentences.action_title(dim, data, fmt, ctx.lang),
        notes=estimate_notes(ctx, dim),
    )


def _subsegments(ctx: Context, dim: ComputedDimension, parent: str) -> Section:
    """A parent segment split among its sub-segments."""
    data, fmt, _ = ctx.data, ctx.fmt, ctx._
    parent_name = ctx.name(parent)
    slug = f"{dim.id}-{_slug(parent)}"
    return Section(
        slug,
        _("{segment}: sub-segments").format(segment=parent_name),
        SectionKind.SUBSEGMENT,
        (
            Paragraph(" ".join(sentences.dimension_commentary(dim, data, fmt, ctx.lang, parent))),
            *_described(ctx, dim.children(parent)),
            share_chart(
                ctx,
                f"{slug}-share",
                _("{segment}: share by sub-segment, {year}").format(segment=parent_name, year=ctx.base),
                dim.children(parent),
                ctx.phrase(_("shares of {segment} by sub-segment").format(segment=parent_name)),
            ),
            yearly_table(
                ctx,
                f"{slug}-revenue",
                _("{segment} by sub-segment ({unit})").format(segment=parent_name, unit=fmt.money_unit),
                _("Sub-segment"),
                segment_rows(ctx, dim, "revenue", parent),
                dim.segment(parent).revenue,
            ),
        ),
        headline=sentences.action_title(dim, data, fmt, ctx.lang, parent),
        notes=estimate_notes(ctx, dim),
    )


def _described(ctx: Context, segments: list[ComputedSegment]) -> tuple[Block, ...]:
    """What each of these segments covers, for those whose data says ('Other pets: Rabbits,
    ferrets, birds and reptiles'), where the chapter introduces them; none says: nothing."""
    items = tuple(ctx.item(s.description, ctx.t(s.name)) for s in segments if s.description)
    return (ItemList(items),) if items else ()


def regional(ctx: Context) -> Section | None:
    """The geography dimension, with the content file's regional themes after its table."""
    geo = ctx.data.geography
    if geo is None:
        return None
    extra = (themes(ctx, ctx.content.regional),) if ctx.content.regional else ()
    return dimension(ctx, geo, "regional", extra)


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-").replace("--", "-")
