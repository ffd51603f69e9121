//! The spreadsheet reader on hostile workbooks: the fuzz input is a whole file, or one part of
//! an otherwise valid .xlsx (the sheet, the shared strings) or .ods (the content) package, as
//! chosen by its first byte. Every input gives a sheet as CSV or an error naming the file, never
//! a panic nor an abort, within libFuzzer's memory limit (-rss_limit_mb); a sheet read is then
//! read as a roster, with the roster target's invariants.

#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const SHEET: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2"><v>0.5</v></c></row></sheetData></worksheet>"#;
const STRINGS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Métier</t></si><si><t>Tâche</t></si><si><t>Exposition</t></si><si><t>Agent</t></si><si><t>Accueillir</t></si></sst>"#;
const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        zip.start_file(*name, stored).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn xlsx(sheet: &[u8], strings: &[u8]) -> Vec<u8> {
    package(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", strings),
    ])
}

fn ods(content: &[u8]) -> Vec<u8> {
    package(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", MANIFEST.as_bytes()),
        ("content.xml", content),
    ])
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (bytes, ext) = match mode % 5 {
        0 => (rest.to_vec(), "xlsx"),
        1 => (rest.to_vec(), "ods"),
        2 => (xlsx(rest, STRINGS.as_bytes()), "xlsx"),
        3 => (xlsx(SHEET.as_bytes(), rest), "xlsx"),
        _ => (ods(rest), "ods"),
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("fuzz.{ext}"));
    std::fs::write(&path, &bytes).unwrap();
    let shown = path.display().to_string();
    match exposure::sheet::read(&path, None) {
        Ok(sheet) => {
            assert!(sheet.display.starts_with(&shown));
            let result = exposure::load::read_roster(
                &sheet.display,
                Box::new(std::io::Cursor::new(sheet.csv)),
                &mut |row| {
                    assert!(!row.job.is_empty());
                    for n in [row.headcount, row.weight].into_iter().flatten() {
                        assert!(n.is_finite() && n >= 0.0);
                    }
                    if let Some(s) = row.score {
                        assert!((0.0..=1.0).contains(&s));
                    }
                    Ok(())
                },
                &mut |_| {},
            );
            if let Err(e) = result {
                assert!(e.to_string().starts_with(&shown), "{e}");
            }
        }
        Err(e) => assert!(e.to_string().starts_with(&shown), "{e}"),
    }
});
