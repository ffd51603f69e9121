//! The outputs shown in README.md are the real outputs of the current binary.

use crate::{data, exposure};

#[test]
fn readme_outputs_are_current() {
    let readme = std::fs::read_to_string(data("README.md")).unwrap();
    let mut blocks = 0;
    for part in readme.split("<!-- README-OUTPUT: ").skip(1) {
        let (args, rest) = part.split_once(" -->\n").unwrap();
        let (shown, _) = rest.split_once("<!-- END-OUTPUT -->").unwrap();
        let out = exposure()
            .current_dir(data(""))
            .args(args.split_whitespace())
            .output()
            .unwrap();
        let expected = format!("```text\n$ exposure {args}\n{}```\n", String::from_utf8(out.stdout).unwrap());
        assert_eq!(
            shown, expected,
            "README block `{args}` is out of date: run `cargo build && python3 scripts/update_readme.py`"
        );
        blocks += 1;
    }
    assert!(blocks > 0);
}
