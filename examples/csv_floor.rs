//! The floor for `exposure score`: a bare read of a roster with the csv crate (one reused
//! `ByteRecord`, delimiter `;`), touching every field and doing nothing else; with `--strings`,
//! into a reused `StringRecord` (the same, plus UTF-8 validation). The benchmark
//! (`scripts/bench.sh`) compares `score` against it.
//!
//! ```text
//! cargo run --release --example csv_floor -- [--strings] roster.csv
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let strings = args.iter().any(|a| a == "--strings");
    let Some(path) = args.iter().find(|a| *a != "--strings").cloned() else {
        eprintln!("usage: csv_floor [--strings] ROSTER.csv");
        return ExitCode::from(2);
    };
    let reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(true)
        .from_path(&path);
    let mut reader = match reader {
        Ok(r) => r,
        Err(e) => {
            eprintln!("csv_floor: {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut record = csv::ByteRecord::new();
    let mut text = csv::StringRecord::new();
    let (mut rows, mut bytes) = (0u64, 0u64);
    loop {
        let read = if strings {
            reader.read_record(&mut text)
        } else {
            reader.read_byte_record(&mut record)
        };
        match read {
            Ok(true) => {
                rows += 1;
                bytes += if strings {
                    text.iter().map(|f| f.len() as u64).sum::<u64>()
                } else {
                    record.iter().map(|f| f.len() as u64).sum::<u64>()
                };
            }
            Ok(false) => break,
            Err(e) => {
                eprintln!("csv_floor: {path}: {e}");
                return ExitCode::from(2);
            }
        }
    }
    println!("{rows} rows, {bytes} field bytes");
    ExitCode::SUCCESS
}
