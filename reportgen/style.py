"""Number formats shared by the Office writers: how each value type reads in a workbook's cells
and a native chart's labels.

The look itself (colours, typefaces, logos) is the brand's (``reportgen.model.brand``, loaded
from a brand file by ``reportgen.data.brand``).
"""

from __future__ import annotations

from reportgen.format import CAGR_DECIMALS, MONEY_DECIMALS, SHARE_DECIMALS, is_percent

# Decimal places per value type: the formatter's, so a figure rounds the same in the workbook's
# cells and the deck's chart labels as in the PDF's text. "index" is the workbook's price index.
_DECIMALS = {"money": MONEY_DECIMALS, "percent": SHARE_DECIMALS, "cagr": CAGR_DECIMALS, "index": 2}


def number_format(value_type: str, decimals: int | None = None, *, grouped: bool = True) -> str:
    """An Excel number format (workbook cells, native chart labels) showing a value type.

    ``decimals`` overrides the type's places (axis ticks need fewer); ``grouped`` adds the
    thousands separator.
    """
    places = _DECIMALS.get(value_type, 0) if decimals is None else decimals
    code = ("#,##0" if grouped else "0") + ("." + "0" * places if places else "")
    return code + "%" if is_percent(value_type) else code
