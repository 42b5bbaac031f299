"""One sheet per dimension: every segment per year as a formula of the assumptions.

Revenue follows the data layer's share shift: a segment is its parent times its base-year
share grown at its own rate, divided by the same for all its siblings, so that siblings always
add up to their parent. Volume follows revenue divided by the segment's relative price,
normalised to the parent's volume. Each group of siblings is one block with a total row and
a check row that stays at zero while the segments add up to their parent. Every value those
formulas cache (segments, totals, shares, CAGRs, checks) is the model's (``report.workbook``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from reportgen.model.elements import Dimension, GroupValues, Report, Segment, SiblingGroup, YearlyValues
from reportgen.writers.shared import with_names
from reportgen.writers.xlsx import charts
from reportgen.writers.xlsx.book import FIRST_YEAR_COL, Book, Sheet, year_col
from reportgen.writers.xlsx.inputs import Inputs
from reportgen.writers.xlsx.market import MarketRefs, cagr_formula

LABEL, INPUT_A, INPUT_B = range(3)
A, B = xl_col_to_name(INPUT_A), xl_col_to_name(INPUT_B)


@dataclass(frozen=True)
class _Block:
    """One group of siblings in one measure, laid out from ``header``."""

    group: SiblingGroup
    header: int

    @property
    def parent(self) -> Segment | None:
        return self.group.parent

    @property
    def kids(self) -> tuple[Segment, ...]:
        return self.group.segments

    @property
    def first(self) -> int:
        return self.header + 1

    @property
    def last(self) -> int:
        return self.header + len(self.kids)

    @property
    def total(self) -> int:
        return self.last + 1

    def row(self, seg: Segment) -> int:
        return self.first + self.kids.index(seg)


class _DimensionSheet:
    """Writes the blocks of one dimension; knows where every segment's rows are."""

    def __init__(self, book: Book, report: Report, dim: Dimension, inputs: Inputs, market: MarketRefs):
        self.book, self.report, self.dim, self.inputs, self.market = book, report, dim, inputs, market
        self._ = _ = report.gettext
        self.workbook = report.workbook
        self.years = self.workbook.years
        self.base = self.workbook.base_year
        self.after = ([_("Share {year}").format(year=y) for y in self.workbook.share_years]
                      + [_("CAGR {start}-{end}").format(start=a, end=b) for a, b in self.workbook.periods])
        self.title = dim.title
        self.sheet = book.add_sheet(self.title, _("Segments by {dimension}: values, shares, CAGRs and checks").format(
            dimension=self.title.lower()))
        self.revenue_rows: dict[str, int] = {}
        self.volume_rows: dict[str, int] = {}

    def col(self, year: int) -> str:
        return xl_col_to_name(year_col(self.years, year))

    def write(self) -> Sheet:
        sheet, fmt, _ = self.sheet, self.report.fmt, self._
        row = sheet.title(
            _("By {dimension}").format(dimension=self.title.lower()),
            _("A segment = parent x its {base} share x (1 + own growth)^(year - {base}), divided by the same for all its "
              "siblings, so segments always add up to their parent. Shares and growth rates are inputs on the {sheet} "
              "sheet.").format(base=self.base, sheet=self.inputs.sheet.name),
        )
        if self.dim.note:
            sheet.text(2, LABEL, self.dim.note, self.book.fmt("muted"), fit=False)
        sheet.text(row, LABEL, _("Revenue ({unit})").format(unit=fmt.money_unit), self.book.fmt("section"), fit=False)
        first_header = row + 1
        revenue_blocks = []
        row += 1
        for group in self.dim.groups:
            block = _Block(group, row)
            self._revenue_block(block)
            revenue_blocks.append(block)
            row = block.total + 3
        price = self.workbook.price
        if price is not None:
            sheet.text(row, LABEL, _("Volume: {measure} ({unit})").format(measure=price.measure, unit=price.unit),
                       self.book.fmt("section"), fit=False)
            row += 1
            for block in revenue_blocks:
                vblock = _Block(block.group, row)
                self._volume_block(vblock, block)
                row = vblock.total + 3
        charts.place(sheet, row, [(self._chart(b), b.group.chart) for b in revenue_blocks])
        sheet.finish(freeze=(first_header + 1, FIRST_YEAR_COL))
        return sheet

    # --- blocks --------------------------------------------------------------------------

    def _revenue_block(self, block: _Block) -> None:
        """Share shift: parent x share x (1+growth)^(year-base) / SUMPRODUCT over the siblings."""
        sheet, base_year = self.sheet, self.inputs.base_year
        labels = (self._block_label(block), self._("Share {year}").format(year=self.base), self._("Own growth"))
        sheet.year_header(block.header, self.years, self.base, labels, self.after)
        for seg in block.kids:
            r = block.row(seg)
            self.revenue_rows[seg.key] = r
            found = self.inputs.segments[(self.dim.id, seg.key)]
            sheet.formula(r, INPUT_A, f"={found.share}", seg.share, "percent", "link")
            sheet.formula(r, INPUT_B, f"={found.growth}", seg.growth, "percent", "link")
        r0, r1 = block.first + 1, block.last + 1  # 1-based rows for A1 references

        def formula(seg: Segment, year: int) -> str:
            r, col = block.row(seg) + 1, self.col(year)
            year_cell = f"{col}${block.header + 1}"
            weight = f"${A}{r}*(1+${B}{r})^({year_cell}-{base_year})"
            weights = f"${A}${r0}:${A}${r1},(1+${B}${r0}:${B}${r1})^({year_cell}-{base_year})"
            return f"={self._parent(block, 'revenue', year)}*{weight}/SUMPRODUCT({weights})"

        self._values(block, "revenue", formula, block.group.revenue, "money")

    def _volume_block(self, block: _Block, revenue: _Block) -> None:
        """Volume: parent volume x (revenue / price index) / the same summed over the siblings."""
        sheet = self.sheet
        sheet.year_header(block.header, self.years, self.base, (self._block_label(block), self._("Price index"), ""), self.after)
        for seg in block.kids:
            found = self.inputs.segments[(self.dim.id, seg.key)]
            self.volume_rows[seg.key] = block.row(seg)
            sheet.formula(block.row(seg), INPUT_A, f"={found.price_index}", seg.price_index, "index", "link")
        r0, r1 = block.first + 1, block.last + 1
        q0, q1 = revenue.first + 1, revenue.last + 1

        def formula(seg: Segment, year: int) -> str:
            r, col, rev = block.row(seg) + 1, self.col(year), revenue.row(seg) + 1
            return (f"={self._parent(block, 'volume', year)}*({col}{rev}/${A}{r})"
                    f"/SUMPRODUCT({col}${q0}:{col}${q1}/${A}${r0}:${A}${r1})")

        assert block.group.volume is not None  # volume blocks exist only where the report has volume
        self._values(block, "volume", formula, block.group.volume, "count")

    def _values(self, block: _Block, measure: str, formula: Callable[[Segment, int], str], group: GroupValues,
                kind: str) -> None:
        """Segment rows, then a total and a check row, with share and CAGR columns."""
        sheet, years, book, _ = self.sheet, self.years, self.book, self._
        for seg, values in zip(block.kids, group.rows, strict=True):
            r = block.row(seg)
            sheet.text(r, LABEL, seg.name, book.fmt(f"indent{min(seg.depth, 3)}" if seg.depth else "label"))
            for y in years:
                sheet.formula(r, year_col(years, y), formula(seg, y), values.values[y], kind)
            self._shares_and_cagrs(r, block, measure, values, "formula")
        total, check = block.total, block.total + 1
        sheet.text(total, LABEL, _("Total"), book.fmt("total"))
        parent = block.parent.name if block.parent else _("market")
        sheet.text(check, LABEL, with_names(_("Check: total less {parent} (0 = adds up)"), parent=parent), book.fmt("check"))
        for col in range(INPUT_A, INPUT_B + 1):
            sheet.ws.write_blank(total, col, None, book.fmt("total"))
        for y in years:
            col = year_col(years, y)
            first, last = xl_rowcol_to_cell(block.first, col), xl_rowcol_to_cell(block.last, col)
            sheet.formula(total, col, f"=SUM({first}:{last})", group.total.values[y], kind, "total")
            sheet.formula(check, col, f"={xl_rowcol_to_cell(total, col)}-{self._parent(block, measure, y)}",
                          group.check[y], kind, "check")
        self._shares_and_cagrs(total, block, measure, group.total, "total")

    def _shares_and_cagrs(self, row: int, block: _Block, measure: str, values: YearlyValues, role: str) -> None:
        col = year_col(self.years, self.years[-1]) + 1
        for i, y in enumerate(self.workbook.share_years):
            cell = xl_rowcol_to_cell(row, year_col(self.years, y))
            self.sheet.formula(row, col + i, f"={cell}/{self._parent(block, measure, y)}", values.shares[y], "percent", role)
        for i, (a, b) in enumerate(self.workbook.periods):
            self.sheet.formula(row, col + 2 + i, cagr_formula(row, self.years, a, b), values.cagr[(a, b)], "cagr", role)

    # --- parents and charts -----------------------------------------------------------------

    def _parent(self, block: _Block, measure: str, year: int) -> str:
        """The parent's cell for ``year``: the market on the Market sheet, or the parent segment's row here."""
        if block.parent is None:
            row = self.market.revenue_row if measure == "revenue" else self.market.volume_row
            assert row is not None
            return self.market.cell(row, year)
        rows = self.revenue_rows if measure == "revenue" else self.volume_rows
        return f"{self.col(year)}${rows[block.parent.key] + 1}"

    def _block_label(self, block: _Block) -> str:
        if block.parent is None:
            return self.title
        return with_names(self._("{segment}: sub-segments"), segment=block.parent.name)

    def _chart(self, block: _Block):
        _, period = self._, f"{self.years[0]}-{self.years[-1]}"
        if block.parent is None:
            title = _("Revenue by {dimension}, {period}").format(dimension=self.title.lower(), period=period)
        else:
            title = _("Revenue by sub-segment of {segment}, {period}").format(segment=block.parent.name,
                                                                              period=period)
        return charts.stacked_columns(
            self.sheet, self.years, block.header, [block.row(s) for s in block.kids],
            title, _("Revenue, {unit}").format(unit=self.report.fmt.money_unit), self.book.number_formats["money"],
        )


def write_dimension(book: Book, report: Report, dim: Dimension, inputs: Inputs, market: MarketRefs) -> Sheet:
    return _DimensionSheet(book, report, dim, inputs, market).write()
