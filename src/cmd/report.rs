//! `exposure report`: the report people open, as one self-contained HTML file or an Excel
//! workbook, chosen by `--format` or by the extension of `--output`.

use std::path::Path;

use anyhow::{Result, bail};

use crate::cli::{ReportArgs, ReportFormat};
use crate::output::emit;
use crate::render;

/// The format asked for, or the one the file's extension names.
pub fn format(output: &Path, format: Option<ReportFormat>) -> Result<ReportFormat> {
    if let Some(f) = format {
        return Ok(f);
    }
    let ext = output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm") => Ok(ReportFormat::Html),
        Some("xlsx") => Ok(ReportFormat::Xlsx),
        _ => bail!(crate::messages::report_format_unknown(
            &output.display().to_string()
        )),
    }
}

pub fn run(args: &ReportArgs, warn: &mut dyn FnMut(String)) -> Result<()> {
    if args.output.as_os_str() == "-" {
        bail!(crate::messages::report_needs_output());
    }
    // Fail on a bad name before any work is done.
    let format = format(&args.output, args.format)?;
    if crate::years::wanted(&args.input.rosters) {
        if format == ReportFormat::Xlsx {
            bail!(crate::messages::years_report_html_only());
        }
        let y = super::compare_years(&args.input, warn)?;
        return emit(Some(&args.output), |out, _| {
            render::years::html(&y, args.lang, out)
        });
    }
    let (analysis, _) = super::analyze_input(&args.input, &[], true, false, warn)?;
    match format {
        ReportFormat::Html => emit(Some(&args.output), |out, _| {
            render::html::render(&analysis, args.lang, out)
        }),
        ReportFormat::Xlsx => render::xlsx::render(&analysis, args.lang, &args.output),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_follows_the_extension() {
        let f = |p: &str| format(Path::new(p), None).ok();
        assert_eq!(f("r.html"), Some(ReportFormat::Html));
        assert_eq!(f("out/R.HTM"), Some(ReportFormat::Html));
        assert_eq!(f("r.xlsx"), Some(ReportFormat::Xlsx));
        assert_eq!(f("r.pdf"), None);
        assert_eq!(f("report"), None);
        assert_eq!(
            format(Path::new("r.pdf"), Some(ReportFormat::Xlsx)).ok(),
            Some(ReportFormat::Xlsx)
        );
    }
}
