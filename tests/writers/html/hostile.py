"""A report whose data strings try to become markup, script, style or a URL in the web edition."""

from __future__ import annotations

import dataclasses

from reportgen.model import QA, Chart, ChartSeries, Column, Faq, Item, ItemList, Paragraph, Report, Row, Section, SectionKind, Table

SCRIPT = "<script>window.__pwned = 1; alert(1)</script>"
END_SCRIPT = '</script><script>window.__pwned = 2; alert("ld")</script><!--'
JS_URL = "javascript:alert(2)"
ATTRIBUTE = '" onmouseover="alert(3)" x="'
STYLE = "</style><style>body { display: none }</style>"
IMAGE = "<img src=x onerror=alert(4)>"
PAYLOADS = (SCRIPT, END_SCRIPT, JS_URL, ATTRIBUTE, STYLE, IMAGE)


def hostile(report: Report) -> Report:
    """``report`` with every payload in the title, client line, a section, a table, a chart and the FAQ."""
    table = Table("hostile-table", ATTRIBUTE, (Column("name", STYLE, "text"), Column("2024", "2024", "money", "USD bn")),
                  (Row((SCRIPT, 1.5)), Row((IMAGE, 2.5), kind="total")), source=END_SCRIPT, note=JS_URL)
    chart = Chart("hostile-chart", ATTRIBUTE, "stacked_column", (END_SCRIPT, IMAGE),
                  (ChartSeries(STYLE, (1.0, 2.0)), ChartSeries(SCRIPT, (0.5, 0.25))), "money", JS_URL, END_SCRIPT, SCRIPT)
    section = Section("hostile", SCRIPT + IMAGE, SectionKind.TEXT,
                      (Paragraph(STYLE + JS_URL), ItemList((Item(IMAGE, JS_URL), Item(ATTRIBUTE))), table, chart),
                      headline=ATTRIBUTE, notes=(END_SCRIPT,))
    faq = Section("hostile-faq", END_SCRIPT, SectionKind.FAQ, (Faq((QA(END_SCRIPT, STYLE), QA(ATTRIBUTE, SCRIPT))),))
    meta = dataclasses.replace(report.meta, title=END_SCRIPT + " " + report.meta.title, subtitle=STYLE, keywords=(ATTRIBUTE, JS_URL))
    brand = report.brand.for_client(dataclasses.replace(report.brand.client, name=SCRIPT))
    return dataclasses.replace(report, meta=meta, brand=brand, sections=(report.sections[0], section, faq, *report.sections[1:]))
