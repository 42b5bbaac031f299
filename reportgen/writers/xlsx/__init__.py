"""The Excel edition: a live workbook built from the report model.

Clients reuse the numbers in their own models, so every figure is a formula of the inputs on
the Assumptions sheet (change one and the workbook recomputes) and every formula carries the
value the model holds for it (``report.workbook``) as its cached result, so that readers which
do not recalculate (pandas, previewers, mail clients) still see the numbers. XlsxWriter writes it: native charts over the
cells, Excel tables, defined names and formulas with cached values, and a byte-identical
file for identical inputs.
"""

from __future__ import annotations

from reportgen.model.elements import Report
from reportgen.writers import font_metrics
from reportgen.writers.xlsx.book import Book
from reportgen.writers.xlsx.contents import write_contents
from reportgen.writers.xlsx.inputs import write_assumptions
from reportgen.writers.xlsx.market import write_market
from reportgen.writers.xlsx.segments import write_dimension
from reportgen.writers.xlsx.tables import custom_tables, qualitative_tables, write_table


def render(report: Report) -> bytes:
    with font_metrics.measuring(report.brand.office):  # column widths and row heights in the brand's Office face
        return _render(report)


def _render(report: Report) -> bytes:
    book = Book(report)
    _ = report.gettext
    contents = book.add_sheet(_("Contents"), _("Title, edition, key figures and links to every sheet"))
    inputs = write_assumptions(book, report)
    market = write_market(book, report, inputs)
    for dim in report.workbook.dimensions:
        write_dimension(book, report, dim, inputs, market)
    for table in [*qualitative_tables(report), *custom_tables(report)]:
        write_table(book, table)
    write_contents(contents, report, market, inputs.sheet)
    return book.close()
