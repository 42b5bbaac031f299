"""A deck as a client's machine shows it, and where its text actually landed.

A client without our fonts sees the deck through LibreOffice (or PowerPoint) with the standard
Office-compatible fonts only: Liberation (Arial, Times New Roman and Courier metrics), Carlito
(Calibri), Caladea (Cambria) and DejaVu. ``render_pdfs`` converts decks to PDF with a fontconfig
that lists just those, in one LibreOffice start. ``landed`` reads every word's box from the PDF
(poppler's ``pdftotext -bbox``) and pairs it with the text of the shape, or table cell, that
holds it: LibreOffice draws shapes in z-order and a table cell by cell, so the words of each
come in the deck's order, with a chart's own labels in between. A word that was broken across
lines is not found whole; a word that ran out of its box is found outside it.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from tests.libreoffice import TIMEOUT, soffice

FONT_ROOT = Path("/usr/share/fonts/truetype")
CLIENT_FONT_DIRS = ("dejavu", "liberation", "liberation2", "crosextra")
CLIENT_FONT_PACKAGES = "fonts-crosextra-carlito fonts-crosextra-caladea fonts-liberation2 fonts-dejavu-core"
EMU_PER_PT = 12700
NUMBER = re.compile(r"[-+]?\d[\d.,\u00a0\u202f]*\s?%?")
_ANCHOR = 2  # words that must follow one another to find where a shape's text starts
_LOOKAHEAD = 12  # words skipped, at most, between two words of one text
BULLET = "•"


def missing_client_fonts() -> list[str]:
    """The client font folders this machine lacks (their Debian packages: ``CLIENT_FONT_PACKAGES``)."""
    return [d for d in CLIENT_FONT_DIRS if d != "liberation" and not (FONT_ROOT / d).is_dir()]


def client_fontconfig(workdir: Path) -> Path:
    """A fontconfig file that shows LibreOffice the client fonts and nothing else."""
    dirs = "".join(f"<dir>{FONT_ROOT / d}</dir>" for d in CLIENT_FONT_DIRS)
    conf = workdir / "client-fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig>{dirs}<cachedir>{workdir / "fc-cache"}</cachedir></fontconfig>',
                    encoding="utf-8")
    return conf


def render_pdfs(decks: list[Path], workdir: Path) -> list[Path]:
    """Each deck as LibreOffice prints it with the client fonts only; one LibreOffice start for all."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    outdir = workdir / "rendered"
    outdir.mkdir(exist_ok=True)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(workdir), "FONTCONFIG_FILE": str(client_fontconfig(workdir))}
    cmd = [exe, f"-env:UserInstallation={(workdir / 'lo-profile').resolve().as_uri()}", "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", str(outdir), *map(str, decks)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT * 2, env=env, check=False)
    pdfs = [outdir / (d.stem + ".pdf") for d in decks]
    missing = [p.name for p in pdfs if not p.is_file()]
    if proc.returncode != 0 or missing:
        raise RuntimeError(f"LibreOffice failed (exit {proc.returncode}, missing {missing}):\n{proc.stdout}\n{proc.stderr}")
    return pdfs


def pdf_fonts(pdf: Path) -> set[str]:
    """The font families a PDF embeds, without subset prefixes (``Carlito-Bold``)."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {line.split()[0].split("+")[-1] for line in out.splitlines()[2:] if line.strip()}


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def page_words(pdf: Path) -> list[list[Word]]:
    """Every word of every page with its box, in points from the top left, in drawing order."""
    xhtml = subprocess.run(["pdftotext", "-raw", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(xhtml, etree.XMLParser(recover=True))
    return [[Word(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))) for w in page.iter("{*}word")]
            for page in root.iter("{*}page")]


@dataclass(frozen=True)
class Text:
    """One shape's (or table cell's) text and the box it must stay in, in points."""

    where: str
    words: tuple[str, ...]
    box: tuple[float, float, float, float]  # left, top, right, bottom
    number: bool = False  # a table cell holding one number: it must never break


def _pt(emu: int) -> float:
    return emu / EMU_PER_PT


def slide_texts(slide) -> list[Text]:
    """The texts of a slide in drawing order: text boxes and placeholders whole, tables cell by cell."""
    out = []
    for shape in slide.shapes:
        left, top = _pt(shape.left), _pt(shape.top)
        if shape.has_text_frame and shape.text_frame.text.strip():
            box = (left, top, left + _pt(shape.width), top + _pt(shape.height))
            out.append(Text(shape.name, tuple(shape.text_frame.text.split()), box))
        elif shape.has_table:
            table = shape.table
            y = top
            for r, row in enumerate(table.rows):
                x = left
                for c, cell in enumerate(row.cells):
                    w = _pt(table.columns[c].width)
                    text = cell.text.strip()
                    if text:
                        out.append(Text(f"{shape.name} cell {r},{c}", tuple(text.split()), (x, y, x + w, y + _pt(row.height)),
                                        bool(NUMBER.fullmatch(text))))
                    x += w
                y += _pt(row.height)
    return out


@dataclass(frozen=True)
class Landed:
    """A text and where each of its words landed: one box per word, or several for a word broken
    across lines (at a hyphen, or between letters); none for a word not found."""

    text: Text
    words: tuple[tuple[Word, ...], ...]

    @property
    def boxes(self) -> list[Word]:
        return [w for pieces in self.words for w in pieces]

    def broken(self) -> list[str]:
        """The words that did not land whole on one line."""
        return [t for t, pieces in zip(self.text.words, self.words, strict=True) if len(pieces) != 1]


def _distance(word: Word, box: tuple[float, float, float, float]) -> float:
    left, top, right, bottom = box
    return max(left - word.x1, word.x0 - right, 0.0) + max(top - word.y1, word.y0 - bottom, 0.0)


class _Page:
    """A page's words, handed out once each."""

    def __init__(self, words: list[Word]):
        self.words, self.used = [w for w in words if w.text != BULLET], set()  # bullets are drawn, not written
        self.text = [w.text for w in self.words]

    def pieces(self, i: int, word: str) -> list[int]:
        """The page words from ``i`` on that, put together, spell ``word`` (one, or its broken pieces)."""
        taken, rest = [], word
        while rest and i < len(self.text) and i not in self.used and self.text[i] and rest.startswith(self.text[i]):
            taken.append(i)
            rest, i = rest[len(self.text[i]):], i + 1
        return taken if not rest else []

    def spells(self, i: int, words: tuple[str, ...]) -> bool:
        """Whether the page words from ``i`` on are ``words``, one after another, each whole or in pieces
        (a header broken at its hyphen, "2024-" and "2034", still starts where it is)."""
        for word in words:
            taken = self.pieces(i, word)
            if not taken:
                return False
            i = taken[-1] + 1
        return True

    def take(self, indices: list[int]) -> tuple[Word, ...]:
        self.used.update(indices)
        return tuple(self.words[i] for i in indices)


def landed(texts: list[Text], words: list[Word]) -> list[Landed]:
    """Pair each text's words with the page's words.

    A text starts at the nearest place on the page where its first words follow one another
    (LibreOffice draws placeholders and charts in an order of its own), then takes its words in
    order, skipping what is drawn between them and words another text already took.
    """
    page, out = _Page(words), []
    words = page.words
    for text in texts:
        starts = [i for i in range(len(words)) if page.spells(i, text.words[:_ANCHOR])]
        if not starts:
            out.append(Landed(text, ((),) * len(text.words)))
            continue
        at = min(starts, key=lambda i: (_distance(words[i], text.box), i))
        found = []
        for word in text.words:
            hit = next((i for i in range(at, min(at + _LOOKAHEAD, len(words))) if page.pieces(i, word)), None)
            if hit is None:
                found.append(())
                continue
            indices = page.pieces(hit, word)
            found.append(page.take(indices))
            at = indices[-1] + 1
        out.append(Landed(text, tuple(found)))
    return out


# --- what a client would see as wrong --------------------------------------------------------

V_SLACK = 0.3  # of a word's height: a word box reaches a little past its line; a line too many is a whole height
H_SLACK = 1.0  # points


def outside(landed_text: Landed) -> list[str]:
    """The words drawn outside their shape's (or cell's) box."""
    left, top, right, bottom = landed_text.text.box
    out = []
    for w in landed_text.boxes:
        slack = V_SLACK * (w.y1 - w.y0)
        if w.x0 < left - H_SLACK or w.x1 > right + H_SLACK or w.y0 < top - slack or w.y1 > bottom + slack:
            out.append(w.text)
    return out


def split_number(landed_text: Landed) -> bool:
    """A table number not drawn whole on one line (a broken word, or its '%' on the next line)."""
    boxes = landed_text.boxes
    if landed_text.broken() or not boxes:
        return True
    return max(w.y0 for w in boxes) - min(w.y0 for w in boxes) > 0.5 * (boxes[0].y1 - boxes[0].y0)


def slide_problems(slide, words: list[Word], title_name: str) -> list[str]:
    """Everything on one rendered slide that a client would see as broken."""
    texts = landed(slide_texts(slide), words)
    problems = []
    for t in texts:
        if t.text.number and split_number(t):
            problems.append(f"{t.text.where}: number {' '.join(t.text.words)!r} split across lines")
        elif not t.boxes:
            problems.append(f"{t.text.where}: {' '.join(t.text.words)[:40]!r} not found")
        if bad := outside(t):
            problems.append(f"{t.text.where}: {' '.join(bad)[:60]!r} outside its box")
    title = next((t for t in texts if t.text.where == title_name), None)
    if title is not None and title.boxes:
        title_bottom = max(w.y1 for w in title.boxes)
        below = [w for t in texts if t.text.box[1] >= title.text.box[3] for w in t.boxes]
        if below and (overlap := title_bottom - min(w.y0 for w in below)) > 0:
            problems.append(f"title runs {overlap:.1f} pt into the body")
    return problems
