//! The rubric reader and pattern compiler on arbitrary text, then the matcher on the same
//! text: a rubric either loads or gives a located error, never a panic, and matching any text
//! against a loaded rubric gives rules best first.

#![no_main]

use libfuzzer_sys::fuzz_target;

use exposure::rubric::Rubric;

const HEADER: &str = "code,theme,label,score,patterns,ilo_refs,rationale\n";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // As given, and behind a valid header so that the rows themselves get exercised.
    for source in [text.to_string(), format!("{HEADER}{text}")] {
        match Rubric::parse(&source, "fuzz.csv") {
            Ok(rubric) => {
                for probe in [&*text, "accueil telephonique du public", ""] {
                    let normalized = exposure::normalize::normalize(probe);
                    let found = rubric.matches(&normalized);
                    for pair in found.windows(2) {
                        assert!(
                            (pair[0].specificity, std::cmp::Reverse(pair[0].rule))
                                >= (pair[1].specificity, std::cmp::Reverse(pair[1].rule))
                        );
                    }
                    assert_eq!(rubric.best(probe), found.first().map(|m| m.rule));
                }
            }
            Err(e) => assert!(e.to_string().starts_with("fuzz.csv")),
        }
    }
});
