"""The dots that lead a contents entry to its page number (``leader()``), laid out as one run of text.

WeasyPrint fills a leader with one text box per repetition of its string: a contents line of
". " leaders is some 76 boxes, each drawn as a text object of its own. The latam contents drew
2,965 of them, and drawing them was over a third of the contents part's time, which is laid out
last, after every other part of the PDF, while nothing else can run. Here the boxes of each leader
become one box holding the repeated string, laid out by WeasyPrint's own text layout at the
leftmost box's place: the same dots in the same places (each repetition advances the same
width), drawn as one text object.

``install`` puts the hook in place once per process, before the PDF writer typesets.
"""

from __future__ import annotations

from collections.abc import Callable

from reportgen.writers.pdf.hooks import replace


def install() -> None:
    """Put the hook in place (idempotent)."""
    import weasyprint.layout.inline

    replace(weasyprint.layout.inline, "handle_leader", _one_run)


def _one_run(original: Callable) -> Callable:
    from weasyprint.layout.inline import split_text_box
    from weasyprint.layout.leader import leader_index

    def handle_leader(context, line, containing_block):
        original(context, line, containing_block)
        _, leader = leader_index(line)
        if leader is None or len(leader.children) < 2:
            return
        first = min(leader.children, key=lambda box: box.position_x)
        merged, _, _ = split_text_box(context, first.copy_with_text(first.text * len(leader.children)), float("inf"), 0,
                                      is_line_start=False)
        merged.position_x, merged.position_y = first.position_x, first.position_y
        leader.children = (merged,)

    return handle_leader
