"""The workbook on a client's machine: LibreOffice with only the standard Office fonts prints it.

Printed (to PDF) in English and Spanish in one LibreOffice start, with the client fontconfig of
``tests.writers.pptx.client_render``: every cell is drawn in Carlito (Calibri's metrics, which
the column widths were measured with), and no number is too wide for its column, which a
spreadsheet shows as '###'.
"""

from __future__ import annotations

import subprocess

import pytest

from reportgen.model import build_report
from reportgen.writers import xlsx
from tests.libreoffice import soffice
from tests.writers.pptx.client_render import CLIENT_FONT_PACKAGES, missing_client_fonts, pdf_fonts, render_pdfs

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed: the client rendering check needs it")

LANGS = ("en", "es")


@pytest.fixture(scope="module")
def printed(latam_analysis, tmp_path_factory) -> dict:
    assert not missing_client_fonts(), f"client fonts missing: apt-get install {CLIENT_FONT_PACKAGES}"
    work = tmp_path_factory.mktemp("client-xlsx")
    paths = []
    for lang in LANGS:
        paths.append(work / f"latam-{lang}.xlsx")
        paths[-1].write_bytes(xlsx.render(build_report(latam_analysis, lang=lang)))
    return dict(zip(LANGS, render_pdfs(paths, work), strict=True))


@pytest.mark.parametrize("lang", LANGS)
def test_every_number_fits_its_column_in_the_face_it_was_measured_with(printed, lang):
    pdf = printed[lang]
    assert pdf_fonts(pdf) <= {"Carlito", "Carlito-Bold", "Carlito-Italic", "Carlito-BoldItalic"}
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Revenue" in text or "Ingresos" in text
    assert "###" not in text
