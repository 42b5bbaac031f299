"""Column widths of the PDF's tables: numbers never wrap, long text shares what is left, and when
nothing fits every column shrinks alike."""

from __future__ import annotations

import pytest

from reportgen.writers.pdf.html import CHAR_MM, LONG_TEXT, PADDING_MM, TEXT_WIDTH, Cell, TableRow, column_widths


def table(head: list[tuple[str, bool]], rows: list[list[str]]) -> tuple[tuple[Cell, ...], tuple[TableRow, ...]]:
    """Header cells (label, numeric) and rows of text, numeric where the header is."""
    numeric = [n for _, n in head]
    return (tuple(Cell(label, n) for label, n in head),
            tuple(TableRow(tuple(Cell(text, n, header=j == 0) for j, (text, n) in enumerate(zip(r, numeric, strict=True))))
                  for r in rows))


def printed(widths: tuple[float, ...], width: float = TEXT_WIDTH) -> list[float]:
    """Millimetres each column gets in a table ``width`` mm wide."""
    assert sum(widths) == pytest.approx(100, abs=0.05)
    return [w * width / 100 for w in widths]


def one_line(text: str) -> float:
    return len(text) * CHAR_MM + PADDING_MM


def close(mm: float):
    """Widths are printed as percentages with two decimals: a few hundredths of a millimetre."""
    return pytest.approx(mm, abs=0.05)


def test_number_columns_get_their_widest_figure_and_text_takes_the_rest():
    reason = "Growth assumed from the regional pipeline, approvals and reimbursement decisions " * 3
    head, rows = table([("Reason", False), ("2024", True), ("2034", True)],
                       [[reason, "1,234.56", "12,345.67"], [reason, "2.50", "31.61"]])
    text, first, last = printed(column_widths(head, rows, TEXT_WIDTH))
    assert first == close(one_line("1,234.56"))
    assert last == close(one_line("12,345.67"))
    assert text == close(TEXT_WIDTH - first - last)


def test_long_text_columns_share_the_rest_by_how_much_they_hold():
    short, long = "word " * 6, "word " * 12  # 30 and 60 characters: both wrap, one holds twice as much
    head, rows = table([("Figure", False), ("Basis", False), ("Value", True)], [[short, long, "3.72"]] * 3)
    figure, basis, value = printed(column_widths(head, rows, TEXT_WIDTH))
    assert value == close(one_line("Value"))  # a number column is as wide as its header word, if that is wider
    assert basis == pytest.approx(2 * figure, rel=1e-3)
    assert figure + basis == close(TEXT_WIDTH - value)


def test_a_text_column_is_never_narrower_than_its_longest_word():
    word = "Pharmacovigilance-and-regulatory"  # one long word beside a lot of short text
    term_text, note_text = f"{word} x", "a b c d e f g h " * 20
    head, rows = table([("Term", False), ("Note", False)], [[term_text, note_text]] * 2)
    by_length = TEXT_WIDTH * len(term_text) / (len(term_text) + min(len(note_text), LONG_TEXT))
    term, note = printed(column_widths(head, rows, TEXT_WIDTH))
    # Its share by length would be narrower than the word; it gets the word's width (less the
    # sliver every column gives up when the total is brought back to the table's width).
    assert term == pytest.approx(one_line(word), rel=0.005) and term > by_length
    assert note == close(TEXT_WIDTH - term)


def test_short_labels_stay_on_one_line_while_there_is_room_and_wrap_when_tight():
    label = "Home healthcare"  # 15 characters: short enough to keep on one line
    roomy_head, roomy_rows = table([("Segment", False), ("2024", True)], [[label, "1.00"]])
    roomy, _ = printed(column_widths(roomy_head, roomy_rows, TEXT_WIDTH))
    assert roomy >= one_line(label) - 0.01
    years = [(str(y), True) for y in range(2024, 2032)]  # eight number columns leave too little for the label
    head, rows = table([("Segment", False), *years], [[label, *["12,345.00"] * 8]])
    tight = printed(column_widths(head, rows, TEXT_WIDTH))
    assert one_line("healthcare") <= tight[0] < one_line(label)  # it wraps, but its longest word still fits
    assert all(w == close(one_line("12,345.00")) for w in tight[1:])  # numbers keep their width


def test_when_nothing_fits_every_column_shrinks_alike():
    head, rows = table([("Name", True), *[(str(y), True) for y in range(2020, 2035)]],
                       [["12,345,678.00", *["1,234,567.00"] * 15]])
    needs = [one_line("12,345,678.00"), *[one_line("1,234,567.00")] * 15]
    assert sum(needs) > TEXT_WIDTH
    got = printed(column_widths(head, rows, TEXT_WIDTH))
    assert sum(got) == pytest.approx(TEXT_WIDTH, abs=0.1)
    assert [g / n for g, n in zip(got, needs, strict=True)] == pytest.approx([TEXT_WIDTH / sum(needs)] * 16, rel=2e-3)
