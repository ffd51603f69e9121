#!/usr/bin/env python3
"""Writes the example commune (data/examples/commune.csv) as an OpenDocument spreadsheet
(tests/data/commune.ods) and a legacy Excel 97-2003 workbook (tests/data/commune.xls), so that
the integration tests read both formats end to end. The suite writes .xlsx itself (with
rust_xlsxwriter) but has no writer for these two.

Both workbooks hold a hidden first sheet "Notes", then the roster on "Effectifs", numbers as
numbers (the CSV's decimal commas read back). The .ods is plain zip + XML, written here by hand;
the .xls needs xlwt (pip install xlwt==1.3.0).

    python3 scripts/build_sheet_fixtures.py
"""

import csv
import pathlib
import zipfile
from xml.sax.saxutils import escape

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "examples" / "commune.csv"
OUT = ROOT / "tests" / "data"
# A fixed date inside the zip, so the bytes are the same on every run.
ZIP_DATE = (2026, 11, 25, 0, 0, 0)


def rows():
    with open(SOURCE, encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter=";"))


def number(cell):
    try:
        return float(cell.replace(",", "."))
    except ValueError:
        return None


def ods_cell(cell):
    value = number(cell)
    if value is not None:
        return (f'<table:table-cell office:value-type="float" office:value="{value!r}">'
                f"<text:p>{escape(cell)}</text:p></table:table-cell>")
    if cell == "":
        return "<table:table-cell/>"
    return f'<table:table-cell office:value-type="string"><text:p>{escape(cell)}</text:p></table:table-cell>'


def write_ods(data):
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'office:version="1.2"'
    )
    body = "".join(
        "<table:table-row>" + "".join(ods_cell(c) for c in row) + "</table:table-row>"
        for row in data
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}>'
        "<office:automatic-styles>"
        '<style:style style:name="hidden" style:family="table">'
        '<style:table-properties table:display="false"/></style:style>'
        "</office:automatic-styles>"
        "<office:body><office:spreadsheet>"
        '<table:table table:name="Notes" table:style-name="hidden"><table:table-row>'
        '<table:table-cell office:value-type="string"><text:p>Effectifs au 1er janvier</text:p>'
        "</table:table-cell></table:table-row></table:table>"
        f'<table:table table:name="Effectifs">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    path = OUT / "commune.ods"
    with zipfile.ZipFile(path, "w") as z:
        # The mimetype comes first and uncompressed, as the format requires.
        for name, text, method in [
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED),
            ("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED),
            ("content.xml", content, zipfile.ZIP_DEFLATED),
        ]:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = method
            z.writestr(info, text.encode("utf-8"))
    return path


def write_xls(data):
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    notes = book.add_sheet("Notes")
    notes.write(0, 0, "Effectifs au 1er janvier")
    notes.visibility = 1  # hidden
    sheet = book.add_sheet("Effectifs")
    for r, row in enumerate(data):
        for c, cell in enumerate(row):
            value = number(cell)
            sheet.write(r, c, value if value is not None else cell)
    book.active_sheet = 1
    path = OUT / "commune.xls"
    book.save(str(path))
    return path


def main():
    data = rows()
    for path in (write_ods(data), write_xls(data)):
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
