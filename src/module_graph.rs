//! The modules' imports, read from the sources: no module may import a module that imports it
//! back, directly or through others. A stage of the pipeline reads the stages before it and
//! the leaf modules (hashing, interning, statistics), never the stages after it.
//!
//! A node is a top-level module: `src/x.rs`, or `src/x/` with its submodules (`render`, `cmd`
//! and `sheet` are one node each: a submodule and its parent belong together). An edge is any
//! `crate::x` path in the code, in a `use` or inline, tests included; comments and string
//! literals are not code.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Cycles tolerated for now, each as its modules in order. Empty: every cycle outside
/// `src/render/` and `src/cmd/` is broken on issue-15pipe, and the renderers' own (renderers
/// taking clap types from `cli`) belong to issue-15render; an entry added there names its
/// branch, and a stale one fails the test so that it is removed.
const ALLOWED: &[&[&str]] = &[];

/// Module → modules it names, with where (file:line) it first does.
type Graph = BTreeMap<String, BTreeMap<String, String>>;

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    let graph = graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(graph.len() > 20, "the sources were not found: {graph:?}");
    let cycles: Vec<Vec<String>> = strongly_connected(&graph)
        .into_iter()
        .filter(|c| c.len() > 1)
        .collect();
    let allowed = |c: &Vec<String>| {
        ALLOWED.iter().any(|a| {
            let mut a: Vec<&str> = a.to_vec();
            a.sort_unstable();
            a == c.iter().map(String::as_str).collect::<Vec<_>>()
        })
    };
    let mut report = String::new();
    for cycle in cycles.iter().filter(|c| !allowed(c)) {
        report.push_str(&format!(
            "modules that import each other: {}\n",
            cycle.join(", ")
        ));
        for from in cycle {
            for (to, at) in &graph[from] {
                if cycle.contains(to) {
                    report.push_str(&format!("  {from} → {to} ({at})\n"));
                }
            }
        }
    }
    for a in ALLOWED {
        let mut a: Vec<String> = a.iter().map(|m| m.to_string()).collect();
        a.sort_unstable();
        if !cycles.contains(&a) {
            report.push_str(&format!(
                "allowed cycle {} is gone: remove it from ALLOWED\n",
                a.join(", ")
            ));
        }
    }
    assert!(report.is_empty(), "\n{report}");
}

/// The reader finds the paths of code and only those.
#[test]
fn paths_are_read_from_code_only() {
    let text = r##"
use crate::a::X;
use crate::{b::{Y, Z}, c, d as e};
// crate::f in a comment
/* crate::g /* nested */ crate::h */
let s = "crate::i \" crate::j";
let r = r#"crate::k "# ;
let c = '"'; let l: &'static str = crate::l::NAME;
fn f<'a>(x: &'a crate::m::T) {}
"##;
    let found: BTreeSet<String> = crate_paths(&code_only(text)).into_iter().collect();
    let expected: BTreeSet<String> = ["a", "b", "c", "d", "l", "m"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(found, expected);
    let cyclic: Graph = [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]
        .iter()
        .fold(Graph::new(), |mut g, (from, to)| {
            g.entry(from.to_string())
                .or_default()
                .insert(to.to_string(), String::new());
            g.entry(to.to_string()).or_default();
            g
        });
    let sccs = strongly_connected(&cyclic);
    assert!(sccs.contains(&vec!["a".to_string(), "b".into(), "c".into()]));
    assert!(sccs.contains(&vec!["d".to_string()]));
}

/// The module graph of the sources under `src`.
fn graph(src: &Path) -> Graph {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut graph = Graph::new();
    for file in files {
        let relative = file.strip_prefix(src).expect("under src");
        let first = relative.components().next().expect("a path");
        let node = first.as_os_str().to_string_lossy();
        let node = node.strip_suffix(".rs").unwrap_or(&node).to_string();
        // The crate root declares the modules; the binary names the library, not `crate::`.
        if node == "lib" || node == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("a readable source");
        let code = code_only(&text);
        let edges = graph.entry(node.clone()).or_default();
        for (number, line) in code.lines().enumerate() {
            for target in crate_paths(line) {
                if target != node {
                    edges
                        .entry(target)
                        .or_insert_with(|| format!("{}:{}", relative.display(), number + 1));
                }
            }
        }
    }
    graph
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("a readable folder")
        .map(|e| e.expect("an entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text with comments and the contents of string and character literals blanked out
/// (line breaks kept, so that lines keep their numbers).
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('#') || next == Some('"')) && !ident_before(&chars, i) {
            // A raw string: r"…", r#"…"#, …
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let hashes = j - i - 1;
            i = j + 1;
            while i < chars.len() {
                if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
                    i += hashes + 1;
                    break;
                }
                out.push(blank(chars[i]));
                i += 1;
            }
            out.push_str("\"\"");
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if let Some(&c) = chars.get(i) {
                    out.push(blank(c));
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && next == Some('\\') {
            // An escaped character: '\n', '\'', '\u{…}'.
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            i += 3;
            out.push_str("' '");
        } else {
            // Code, or a lifetime's quote.
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// The modules that the `crate::` paths of some code name: `crate::x::…`, `crate::{x, y::…}`.
fn crate_paths(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = &code[..code.len() - rest.len() + at];
        rest = &rest[at + "crate::".len()..];
        // `$crate::` or `my_crate::` is not this crate's root.
        if before.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let after = rest.trim_start();
        if let Some(group) = after.strip_prefix('{') {
            // Top-level names of the group, up to its closing brace.
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.extend(first_name(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 {
                    item.push(c);
                }
            }
            found.extend(first_name(&item));
        } else {
            found.extend(first_name(after));
        }
    }
    found.retain(|name| name != "self");
    found
}

fn first_name(path: &str) -> Option<String> {
    let name: String = path
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

/// Tarjan's strongly connected components, each sorted, in a deterministic order.
fn strongly_connected(graph: &Graph) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        let graph = s.graph;
        for w in graph[v].keys().filter(|w| graph.contains_key(w.as_str())) {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            component.sort();
            s.out.push(component);
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.out
}
