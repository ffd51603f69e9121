//! The roster reader on arbitrary bytes: every input gives rows or a located error, never a
//! panic; a row always has a job, numbers are finite and not negative, a score is in [0, 1].

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let result = exposure::load::read_roster(
        "fuzz.csv",
        Box::new(std::io::Cursor::new(data.to_vec())),
        &mut |row| {
            assert!(!row.job.is_empty());
            assert!(row.line >= 1);
            for n in [row.headcount, row.weight].into_iter().flatten() {
                assert!(n.is_finite() && n >= 0.0);
            }
            if let Some(s) = row.score {
                assert!((0.0..=1.0).contains(&s));
            }
            let text = exposure::normalize::normalize(row.task);
            assert_eq!(exposure::normalize::normalize(&text), text);
            Ok(())
        },
        &mut |_| {},
    );
    if let Err(e) = result {
        assert!(e.to_string().starts_with("fuzz.csv"));
    }
});
