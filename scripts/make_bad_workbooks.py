#!/usr/bin/env python3
"""Writes the hostile workbooks of tests/data/bad/ (small files that would make a naive reader
allocate gigabytes): minimal .xlsx and .ods packages written by hand, byte for byte the same on
every run. Usage: python3 scripts/make_bad_workbooks.py [OUT_DIR]"""

import sys
import zipfile
from pathlib import Path

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent.parent / "tests/data/bad")

HEADER = ["Métier", "Effectif", "Tâche", "Exposition"]
ROWS = [["Agent d'accueil", "3", "Accueillir le public", "0.5"], ["Jardinier", "2", "Tailler les haies", "0.1"]]


def put(z, name, text):
    info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(info, text)


def col_name(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def xlsx(path, cells, shared=None):
    """cells: (row, col, text) 0-based; strings inline."""
    rows = {}
    for r, c, t in cells:
        rows.setdefault(r, []).append((c, t))
    xml = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r in sorted(rows):
        xml.append(f'<row r="{r + 1}">')
        for c, t in sorted(rows[r]):
            esc = t.replace("&", "&amp;").replace("<", "&lt;")
            xml.append(f'<c r="{col_name(c)}{r + 1}" t="inlineStr"><is><t>{esc}</t></is></c>')
        xml.append("</row>")
    xml.append("</sheetData></worksheet>")
    with zipfile.ZipFile(path, "w") as z:
        put(z, "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' if shared is not None else "")
            + "</Types>")
        put(z, "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        put(z, "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>')
        put(z, "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            + ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' if shared is not None else "")
            + "</Relationships>")
        put(z, "xl/worksheets/sheet1.xml", "".join(xml))
        if shared is not None:
            put(z, "xl/sharedStrings.xml", shared)


def ods(path, table_rows):
    """table_rows: raw XML of the rows of one table."""
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="Feuil1">'
               + table_rows + "</table:table></office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w") as z:
        info = zipfile.ZipInfo("mimetype", date_time=(2025, 1, 1, 0, 0, 0))
        z.writestr(info, "application/vnd.oasis.opendocument.spreadsheet")
        put(z, "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
        put(z, "content.xml", content)


def ods_row(values, repeat=1):
    cells = "".join(f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>' for v in values)
    rep = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{rep}>{cells}</table:table-row>"


def table(extra):
    cells = [(0, c, h) for c, h in enumerate(HEADER)]
    cells += [(r + 1, c, v) for r, row in enumerate(ROWS) for c, v in enumerate(row)]
    return cells + extra


OUT.mkdir(parents=True, exist_ok=True)
# One stray cell in the last cell of the sheet: 17 billion cells as a dense grid.
xlsx(OUT / "stray_cell_xfd1048576.xlsx", table([(1048575, 16383, "x")]))
# A stray cell at ZZ100000: 70 million cells as a grid; read, it is a value outside the header.
xlsx(OUT / "stray_cell_zz100000.xlsx", table([(99999, 701, "x")]))
# A column of stray values at XFD: 3,200 rows × 16,384 columns make 52 million CSV fields.
xlsx(OUT / "stray_column_xfd.xlsx", table([(r, 16383, "x") for r in range(3, 3200)]))
# A row far below the table: a row like any other, read, its line the sheet's row.
xlsx(OUT / "stray_row_far_below.xlsx", table([(1048575, c, v) for c, v in enumerate(["Jardinier", "2", "Arroser", "0.2"])]))
# Shared strings that unpack to 100 MB from a few hundred kB.
xlsx(OUT / "shared_strings_bomb.xlsx", table([]),
     shared='<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
     + "<si><t/></si>" * ((100 << 20) // 13) + "</sst>")
# ODS: one row of 20 values repeated a million times: 20 million cells (1.1 GB in calamine,
# within its own limit of 100 million).
ods(OUT / "repeated_rows.ods",
    ods_row(HEADER) + ods_row(ROWS[0]) +
    '<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="20" '
    'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>')
# ODS: a stray value far right and far below.
ods(OUT / "stray_cell_far.ods",
    ods_row(HEADER) + ods_row(ROWS[0]) +
    '<table:table-row table:number-rows-repeated="500000"><table:table-cell table:number-columns-repeated="4"/></table:table-row>'
    '<table:table-row><table:table-cell table:number-columns-repeated="16000"/>'
    '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>')
# A valid workbook with controls in its names (read, and escaped on a terminal).
xlsx(OUT / "names_with_controls.xlsx",
     [(0, c, h) for c, h in enumerate(HEADER)] + [(1, 0, "Agent\u001b[31m rouge\u202e"), (1, 1, "3"), (1, 2, "Accueillir"), (1, 3, "0.5")])


# .xls: tests/data/commune.xls with one record patched in place (its Workbook stream is stored
# contiguously, so the record's bytes are found in the file as they are in the stream).
XLS = (Path(__file__).parent.parent / "tests/data/commune.xls").read_bytes()


def patch(pattern, nth, at, new, name):
    data = bytearray(XLS)
    i = -1
    for _ in range(nth):
        i = data.find(pattern, i + 1)
    assert i > 0, pattern
    data[i + at:i + at + len(new)] = new
    (OUT / name).write_bytes(bytes(data))


# A DIMENSIONS record (0x0200, 14 bytes) announcing rows 1 to 4,294,967,280: calamine reserves
# that grid when it opens the file.
patch(b"\x00\x02\x0e\x00", 1, 8, (0xFFFFFFF0).to_bytes(4, "little"), "dimensions_huge.xls")
# The second sheet's first LABELSST record (0x00FD, 10 bytes; the first sheet has one cell only)
# moved to row 65536, column 256: a grid of 65536 × 256 cells from A1.
patch(b"\xfd\x00\x0a\x00", 2, 4, (0xFFFF).to_bytes(2, "little") + (0xFF).to_bytes(2, "little"), "cell_far_away.xls")
