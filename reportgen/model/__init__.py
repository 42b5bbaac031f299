"""The format-neutral report model and the code that builds it from computed data."""

from reportgen.model.build import build_report, formatter_for
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
    "Table",
    "build_report",
    "formatter_for",
]
