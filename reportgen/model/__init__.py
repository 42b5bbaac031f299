"""The format-neutral report model and the code that builds it from computed data.

``build_report`` turns one analysed report into a ``Report`` in one language: the sections every
format lays out and the workbook's inputs (``Report.workbook``). Writers read nothing else.
"""

from reportgen.model.builder import build_report, formatter_for
from reportgen.model.elements import (
    QA,
    Block,
    Branding,
    Chart,
    ChartSeries,
    Column,
    Faq,
    Item,
    ItemList,
    KeyFigure,
    KeyFigures,
    Meta,
    Paragraph,
    Report,
    Row,
    Section,
    SectionKind,
    Table,
)

__all__ = [
    "QA",
    "Block",
    "Branding",
    "Chart",
    "ChartSeries",
    "Column",
    "Faq",
    "Item",
    "ItemList",
    "KeyFigure",
    "KeyFigures",
    "Meta",
    "Paragraph",
    "Report",
    "Row",
    "Section",
    "SectionKind",
    "Table",
    "build_report",
    "formatter_for",
]
