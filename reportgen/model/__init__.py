"""The format-neutral report model and the code that builds it from computed data.

``build_report`` turns one analysed report into a ``Report`` in one language: the sections every
format lays out and the workbook's inputs (``Report.workbook``). Writers read nothing else.

The builder (which imports the data layer) is imported when first used: what only needs the
model's types (a worker unpickling a report, a build with nothing to do) does not pay for it.
"""

from typing import TYPE_CHECKING, Any

from reportgen.model.brand import Brand, Client, Colours
from reportgen.model.elements import (
    QA,
    Block,
    Chart,
    ChartSeries,
    Column,
    Faq,
    Flow,
    Inline,
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
    Span,
    Table,
)

if TYPE_CHECKING:
    from reportgen.model.builder import build_report, formatter_for

__all__ = [
    "QA",
    "Block",
    "Brand",
    "Chart",
    "ChartSeries",
    "Client",
    "Colours",
    "Column",
    "Faq",
    "Flow",
    "Inline",
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
    "Span",
    "Table",
    "build_report",
    "formatter_for",
]


def __getattr__(name: str) -> Any:
    if name in ("build_report", "formatter_for"):
        from reportgen.model import builder

        return getattr(builder, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
