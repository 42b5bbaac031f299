"""Packing bands down slides: text shrinks a type step before it splits, and what does not fit
continues on the next slide at an item or row boundary, never losing or cutting one."""

from __future__ import annotations

from reportgen.format import Formatter
from reportgen.model.elements import Column, Row, Table
from reportgen.writers.pptx.packing import (
    LabelFrame,
    TableBand,
    TableFrame,
    TextBand,
    TextFrame,
    continued,
    pack,
    source_line,
)
from reportgen.writers.pptx.plan import SLIDE_YEARS
from reportgen.writers.pptx.style import BODY_SIZE, BODY_SIZES, CONTENT, CONTENT_TOP, CONTENT_W, TABLE_SIZE
from reportgen.writers.pptx.tables import layout_table
from reportgen.writers.pptx.text import TextItem, column_height

FMT = Formatter("USD", "bn", "billion")


def english(message: str) -> str:
    return message


def items(n: int, words: int = 30) -> tuple[TextItem, ...]:
    return tuple(TextItem(" ".join(f"item{i}-word{w}" for w in range(words)), kind="bullet") for i in range(n))


def texts(frames) -> list[TextItem]:
    return [item for _, frame in frames if isinstance(frame, TextFrame) for item in frame.items]


def sizes(frames) -> set[float]:
    return {frame.size for _, frame in frames if isinstance(frame, TextFrame)}


def table(rows: int) -> Table:
    columns = (Column("name", "Segment", "text"), Column("2024", "2024", "money", "USD bn"), Column("2034", "2034", "money", "USD bn"))
    return Table("t", "Revenue by segment", columns, tuple(Row((f"Segment {i}", 1.0 + i, 2.0 + i)) for i in range(rows)),
                 source="Source: test.")


def table_band(rows: int) -> TableBand:
    return TableBand((layout_table(table(rows), FMT, CONTENT_W, TABLE_SIZE, SLIDE_YEARS),), "Revenue by segment", english, CONTENT)


# --- text ------------------------------------------------------------------------------------


def test_text_that_fits_keeps_the_largest_size():
    band = TextBand(items(2), 1, CONTENT)
    taken = band.take(CONTENT_TOP, CONTENT.h, fresh=True)
    assert taken.rest is None and sizes(taken.frames) == {BODY_SIZES[0]}
    assert texts(taken.frames) == list(band.items)


def test_text_a_little_too_long_shrinks_a_step_instead_of_splitting():
    band = TextBand(items(4), 1, CONTENT)
    heights = {s: column_height(band.items, s, band.width) for s in BODY_SIZES}
    room = (heights[BODY_SIZES[1]] + heights[BODY_SIZES[2]]) / 2  # fits the third size, not the second
    taken = band.take(CONTENT_TOP, room, fresh=True)
    assert taken.rest is None and sizes(taken.frames) == {BODY_SIZES[2]}
    assert taken.height <= room


def test_text_that_does_not_fit_at_the_smallest_size_continues_at_an_item_boundary():
    band = TextBand(items(12), 1, CONTENT)
    room = column_height(band.items, BODY_SIZES[-1], band.width) / 3
    taken = band.take(CONTENT_TOP, room, fresh=True)
    placed = texts(taken.frames)
    assert sizes(taken.frames) == {BODY_SIZE}  # split at the body size, not the smallest
    assert 0 < len(placed) < len(band.items)
    assert taken.rest.continued and placed + list(taken.rest.items) == list(band.items)  # whole items, none lost


def test_a_long_text_runs_over_pages_marked_as_continued():
    band = TextBand(items(40), 2, CONTENT)
    pages = pack([band], CONTENT)
    assert len(pages) > 1
    assert [cont for _, cont in pages] == [False] + [True] * (len(pages) - 1)
    assert [i for frames, _ in pages for i in texts(frames)] == list(band.items)


def test_text_too_big_for_what_is_left_of_a_slide_starts_on_the_next():
    band = TextBand(items(3), 1, CONTENT)
    assert band.take(CONTENT_TOP, 0.2, fresh=False) is None
    assert band.take(CONTENT_TOP, 0.2, fresh=True) is not None  # an empty slide always takes something


# --- tables ------------------------------------------------------------------------------------


def table_rows(frames) -> list[int]:
    return [r for _, frame in frames if isinstance(frame, TableFrame) for r in frame.rows]


def captions(frames) -> list[str]:
    return [frame.text for _, frame in frames if isinstance(frame, LabelFrame) and frame.role == "caption"]


def test_a_long_table_continues_at_a_row_boundary_with_its_caption_continued():
    band = table_band(60)
    pages = pack([band], CONTENT)
    assert len(pages) > 1
    rows = [table_rows(frames) for frames, _ in pages]
    assert [r for page in rows for r in page] == list(range(60))  # every row once, in order
    assert captions(pages[0][0]) == ["Revenue by segment"]
    assert all(captions(frames) == [continued("Revenue by segment", english)] for frames, _ in pages[1:])


def test_a_table_never_leaves_a_single_row_to_a_continuation_slide():
    band = table_band(12)
    layout = band.layouts[0]
    whole = band.take(CONTENT_TOP, 100.0, fresh=True)
    space = whole.height - layout.height(0, 12)  # caption and source line
    room = space + layout.height(0, 11) + 0.001  # room for all but the last row
    taken = band.take(CONTENT_TOP, room, fresh=True)
    assert table_rows(taken.frames) == list(range(10))
    assert taken.rest.start == 10 and taken.rest.continued


def test_a_table_that_would_show_under_three_rows_waits_for_the_next_slide():
    band = table_band(12)
    layout = band.layouts[0]
    tight = layout.header_height + 2 * max(layout.row_heights)
    assert band.take(CONTENT_TOP, tight, fresh=False) is None
    assert table_rows(band.take(CONTENT_TOP, tight, fresh=True).frames)  # but an empty slide shows what fits


def test_a_source_line_ends_each_source_and_note_as_a_sentence():
    """A note after a source written without a full stop does not run on from it; parts already
    ending a sentence (in any script) keep their own mark, and a repeated source shows once."""
    assert source_line(["Example tender database", "Prices exclude service contracts."]) == \
        "Example tender database. Prices exclude service contracts."
    assert source_line(["Source: X; 2024-2030 values are forecasts.", "", "Source: X; 2024-2030 values are forecasts.",
                        "Selected years shown?"]) == "Source: X; 2024-2030 values are forecasts. Selected years shown?"
    assert source_line(["出典：例のデータベース。"]) == "出典：例のデータベース。"
    assert source_line([]) == ""
