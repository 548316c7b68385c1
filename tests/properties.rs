//! Property tests: every parser a colleague's file reaches (notebook, front matter, inline
//! values, SUMMARY.md, Swedish numbers, CSV) and the HTML a notebook's prose renders to, on
//! generated input: arbitrary input never panics, and what is written can be read back.
//!
//! Case counts are bounded (see `config`) so the whole file runs in a few seconds in a debug
//! build. Regression policy: failing cases are not persisted to `proptest-regressions` files
//! (`failure_persistence: None`); every failure these properties found became a named unit
//! test beside the code it fixed (listed in `tests/README.md`), which stays readable and
//! survives changes to the generators here.

use std::path::Path;
use std::str::FromStr;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use rust_decimal::Decimal;

use rapportbok::data::{ReadOptions, parse_csv};
use rapportbok::notebook::{self, Item, Notebook, PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN};
use rapportbok::number::{
    DecimalMark, MINUS, dot_groups_thousands, format_decimal, format_int, parse_int, parse_number,
    parse_number_any, parse_number_grouped, round_half_away,
};
use rapportbok::period::{Date, Period};
use rapportbok::render::{RenderOptions, render_body};
use rapportbok::script::{ItemResult, RunOutput};
use rapportbok::summary::{self, Chapter, Summary, SummaryItem};
use rapportbok::table::Values;

/// Few cases (unless `PROPTEST_CASES` asks for more), no files: see the module comment.
fn config(cases: u32) -> ProptestConfig {
    let default = ProptestConfig::default();
    ProptestConfig {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() {
            default.cases
        } else {
            cases
        },
        failure_persistence: None,
        max_shrink_iters: 2048,
        ..default
    }
}

// ---------------------------------------------------------------------------------------------
// Generators shared by the notebook and rendering properties.

/// Pieces of notebook text: Markdown and notebook syntax, raw HTML and script, the private-use
/// characters the template uses, entities, line endings and plain words.
const PIECES: &[&str] = &[
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    " ",
    "  ",
    "    ",
    "\t",
    "{{",
    "}}",
    "{{ x }}",
    "{{ \"}}\" }}",
    "{",
    "}",
    "\\",
    "\\{{",
    "`",
    "``",
    "```",
    "```rhai\n",
    "```rhai echo\n",
    "```rhai hide\n",
    "```rhai ekko\n",
    "~~~rhai\n",
    "```\n",
    "~~~\n",
    "let a = 1;\n",
    "> ",
    "- ",
    "* ",
    "1. ",
    "# ",
    "## ",
    "+++\n",
    "+++",
    "title = \"T\"\n",
    "[params]\n",
    "\"",
    "'",
    "<script>alert(1)</script>",
    "<SCRIPT>",
    "<scr",
    "ipt>",
    "<div>",
    "</div>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">",
    "<!-- ",
    " -->",
    "<",
    ">",
    "&",
    "&#xE000;",
    "&#xE001;",
    "&#57344;",
    "&lt;",
    "&amp;",
    "\u{E000}",
    "\u{E001}",
    "\u{E000}B0\u{E001}",
    "\u{E000}I0\u{E001}",
    "\u{E000}E0\u{E001}",
    "\u{feff}",
    "\0",
    "[länk](javascript:alert(1))",
    "[a](x.md)",
    "[a](",
    "](",
    "(",
    ")",
    "<javascript:alert(1)>",
    "![bild](x.png)",
    "![",
    "| a | b |\n|---|---|\n",
    "| 1 | 2 |\n",
    "Tabell: ",
    "[^1]",
    "[^1]: fot\n",
    "~~",
    "*",
    "**",
    "_",
    "<https://example.se>",
    "https://example.se",
    "<style>",
    "<iframe src=x>",
    "\" onmouseover=\"alert(1)",
    "å",
    "ä",
    "ö",
    "\u{2212}",
    "é",
    "Resultat",
    "mkr",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(PIECES).prop_map(str::to_string),
        2 => "[a-zåäö ]{1,8}",
        1 => any::<char>().prop_map(String::from),
    ]
}

/// Notebook-like text built from [`PIECES`].
fn notebook_text() -> impl Strategy<Value = String> {
    vec(piece(), 0..48).prop_map(|p| p.concat())
}

/// Any text, or notebook-like text.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), notebook_text()]
}

fn parse(source: &str) -> Notebook {
    notebook::parse(Path::new("egenskap.md"), source)
}

/// The notebook's lines as the parser numbers them (1-based: `lines[n - 1]`): ended by `\n`,
/// `\r\n` or a lone `\r`. A leading BOM is not part of line 1.
fn lines_of(source: &str) -> Vec<String> {
    let text = source.strip_prefix('\u{feff}').unwrap_or(source);
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .map(str::to_string)
        .collect()
}

/// How many line ends `source` has (`\n`, `\r\n`, a lone `\r`).
fn line_ends(source: &str) -> usize {
    source.replace("\r\n", "\n").matches(['\n', '\r']).count()
}

/// The placeholders in a template, in order: `('B', 3)`, `('I', 4)`, `('E', 0)`.
fn placeholders(template: &str) -> Vec<(char, usize)> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find(PLACEHOLDER_OPEN) {
        let after = &rest[open + PLACEHOLDER_OPEN.len_utf8()..];
        let close = after.find(PLACEHOLDER_CLOSE).unwrap_or(after.len());
        let tag = &after[..close];
        let kind = tag.chars().next().unwrap_or('?');
        let index = tag
            .get(1..)
            .and_then(|n| n.parse().ok())
            .unwrap_or(usize::MAX);
        out.push((kind, index));
        rest = after
            .get(close + PLACEHOLDER_CLOSE.len_utf8()..)
            .unwrap_or("");
    }
    out
}

/// Everything a parsed notebook promises about any source.
fn check_notebook(source: &str) -> Result<(), TestCaseError> {
    let nb = parse(source);
    let lines = lines_of(source);
    for (i, item) in nb.items.iter().enumerate() {
        match item {
            Item::Inline(e) => {
                // The expression's text stands at its line and column, right after `{{`.
                prop_assert!(e.line >= 1 && e.line <= lines.len(), "item {i}: {e:?}");
                let line: Vec<char> = lines[e.line - 1].chars().collect();
                prop_assert!(e.col >= 3 && e.col <= line.len() + 1, "item {i}: {e:?}");
                let before: String = line[e.col - 3..e.col - 1].iter().collect();
                prop_assert_eq!(before, "{{", "item {}: {:?}", i, e);
                let at: String = line[e.col - 1..].iter().collect();
                let first = e.source.split(['\n', '\r']).next().unwrap_or("");
                prop_assert!(at.starts_with(first), "item {i}: {e:?} at {at:?}");
                prop_assert!(!e.source.trim().is_empty());
            }
            Item::Cell(c) => {
                prop_assert!(c.fence_line >= 1 && c.fence_line <= lines.len(), "{c:?}");
                prop_assert_eq!(c.line, c.fence_line + 1);
                let fence = &lines[c.fence_line - 1];
                prop_assert!(
                    fence.contains("rhai") && (fence.contains("```") || fence.contains("~~~")),
                    "cell {i} fence line {fence:?}"
                );
                // Each line of code is the end of its notebook line (the container's prefix,
                // `> ` or a list's indent, comes before it).
                let code = c.code.strip_suffix('\n').unwrap_or(&c.code);
                if !code.is_empty() {
                    for (k, code_line) in code.split('\n').enumerate() {
                        let n = c.line + k;
                        prop_assert!(n <= lines.len(), "cell {i}: code line {k} past the end");
                        let source_line = lines[n - 1].as_str();
                        let code_line = code_line.trim_end_matches('\r');
                        if !source_line.contains('\t') {
                            prop_assert!(
                                source_line.ends_with(code_line),
                                "cell {i} line {n}: {source_line:?} does not end with {code_line:?}"
                            );
                        }
                    }
                }
            }
        }
    }
    // The template holds one placeholder per item, in order, and only escapes besides.
    let found = placeholders(&nb.template);
    let items: Vec<(char, usize)> = found.iter().copied().filter(|(k, _)| *k != 'E').collect();
    let expected: Vec<(char, usize)> = nb
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            (
                if matches!(item, Item::Cell(_)) {
                    'B'
                } else {
                    'I'
                },
                i,
            )
        })
        .collect();
    prop_assert_eq!(items, expected, "template {:?}", nb.template);
    for (kind, index) in &found {
        if *kind == 'E' {
            prop_assert!(*index <= 1, "escape E{index}");
        }
    }
    // The template keeps the notebook's line numbers (the preview's `data-line` relies on
    // it); only an empty cell between two lines of prose needs up to two more, to stand in a
    // paragraph of its own. An inline value written over several lines keeps at most two of
    // its line ends in the template, where a soft break changes nothing (known: otherwise the
    // lines after it are off in the preview).
    let squeezed = nb
        .items
        .iter()
        .filter(|i| matches!(i, Item::Cell(c) if c.code.is_empty() || !c.closed))
        .count();
    let folded: usize = nb
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Inline(e) => Some(e.source.matches('\n').count()),
            Item::Cell(_) => None,
        })
        .sum();
    let (template_lines, source_lines) = (line_ends(&nb.template), line_ends(source));
    prop_assert!(
        template_lines + folded >= source_lines && template_lines <= source_lines + 2 * squeezed,
        "{template_lines} template lines for {source_lines}: {:?}",
        nb.template
    );
    for d in &nb.diagnostics {
        prop_assert!(d.line <= lines.len(), "{d:?}");
    }
    Ok(())
}

/// The template with its placeholders put back as they were written: escapes as the
/// character, inline values as `{{source}}`.
fn unescape_template(nb: &Notebook) -> String {
    let mut out = String::new();
    let mut rest = nb.template.as_str();
    while let Some(open) = rest.find(PLACEHOLDER_OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + PLACEHOLDER_OPEN.len_utf8()..];
        let close = after.find(PLACEHOLDER_CLOSE).unwrap_or(after.len());
        let tag = &after[..close];
        match tag {
            "E0" => out.push(PLACEHOLDER_OPEN),
            "E1" => out.push(PLACEHOLDER_CLOSE),
            _ => {
                let index: usize = tag[1..].parse().unwrap_or(usize::MAX);
                if let Some(item) = nb.items.get(index) {
                    out.push_str("{{");
                    out.push_str(item.source());
                    out.push_str("}}");
                }
            }
        }
        rest = after
            .get(close + PLACEHOLDER_CLOSE.len_utf8()..)
            .unwrap_or("");
    }
    out.push_str(rest);
    out
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_notebook_text_parses_consistently(source in any_text()) {
        check_notebook(&source)?;
    }

    /// Prose without cells or front matter comes back from the template as it was written.
    #[test]
    fn prose_round_trips_through_the_template(
        // References to the placeholder characters are escaped like the characters: none here.
        source in notebook_text().prop_map(|s| s.replace("&#", "& #")),
    ) {
        let nb = parse(&source);
        // Inline values on one line (over several, the template may keep their line ends
        // beside the placeholder instead: see `check_notebook`).
        prop_assume!(nb.items.iter().all(|i| matches!(i, Item::Inline(e) if !e.source.contains(['\n', '\r']))));
        prop_assume!(!source.trim_start_matches('\u{feff}').starts_with("+++"));
        // Empty `{{ }}` are reported and dropped from the template: leave them out here.
        prop_assume!(nb.diagnostics.iter().all(|d| !d.message.contains("tomt")));
        // A lone `\r` ends a line: the template writes it as `\n`.
        let body = source.strip_prefix('\u{feff}').unwrap_or(&source);
        let mut expected = String::new();
        let mut chars = body.chars().peekable();
        while let Some(c) = chars.next() {
            expected.push(if c == '\r' && chars.peek() != Some(&'\n') { '\n' } else { c });
        }
        prop_assert_eq!(unescape_template(&nb), expected);
    }
}

// ---------------------------------------------------------------------------------------------
// Generated notebooks: front matter, prose with inline values, cells in containers. What was
// written is what the parser finds, at the lines and columns it was written at.

#[derive(Debug, Clone)]
enum Block {
    /// Lines of prose; each a list of (text, inline expression) runs.
    Prose(Vec<Vec<(String, Option<String>)>>),
    /// A cell: code lines, flags, container (`""`, `"> "`, or `"  "` under a list item).
    Cell {
        code: Vec<String>,
        flags: &'static str,
        container: &'static str,
    },
}

fn prose_line() -> impl Strategy<Value = Vec<(String, Option<String>)>> {
    let text = "[A-Za-zåäöÅÄÖ][a-zåäö0-9 ,.:]{0,12}";
    let expr = prop_oneof![
        "[a-zåäö_][a-z0-9_]{0,6}",
        "[a-z]{1,4} [+*/-] [0-9]{1,3}",
        "\"[a-z }{]{0,6}\"",
        "#\\{a: [0-9]\\}\\.a",
    ];
    vec((text, proptest::option::of(expr)), 1..4)
}

fn block() -> impl Strategy<Value = Block> {
    let code_line = prop_oneof![
        "[a-z0-9 =+;(){}\"\\[\\]]{0,20}",
        Just(String::new()),
        "    [a-z]{1,5}\\(\\);",
    ];
    prop_oneof![
        vec(prose_line(), 1..4).prop_map(Block::Prose),
        (
            vec(code_line, 0..5),
            select(&["", " echo", " hide", " echo, hide"][..]),
            select(&["", "> ", "  "][..]),
        )
            .prop_map(|(code, flags, container)| Block::Cell {
                code,
                flags,
                container
            }),
    ]
}

/// An item as the generator wrote it: the cell's code or the expression, line and column.
#[derive(Debug, Clone, PartialEq)]
enum Written {
    Cell {
        code: String,
        fence_line: usize,
        echo: bool,
        hide: bool,
        indent: usize,
    },
    Inline {
        source: String,
        line: usize,
        col: usize,
    },
}

/// A notebook's text and the items in it.
fn write_notebook(title: Option<&str>, blocks: &[Block], crlf: bool) -> (String, Vec<Written>) {
    let mut lines: Vec<String> = Vec::new();
    let mut written = Vec::new();
    if let Some(t) = title {
        lines.push("+++".into());
        lines.push(format!("title = \"{t}\""));
        lines.push("+++".into());
    }
    for block in blocks {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        match block {
            Block::Prose(prose) => {
                for runs in prose {
                    let mut line = String::new();
                    for (text, expr) in runs {
                        line.push_str(text);
                        if let Some(e) = expr {
                            line.push_str("{{ ");
                            written.push(Written::Inline {
                                source: format!(" {e} "),
                                line: lines.len() + 1,
                                col: line.chars().count(),
                            });
                            line.push_str(e);
                            line.push_str(" }} ");
                        }
                    }
                    lines.push(line);
                }
            }
            Block::Cell {
                code,
                flags,
                container,
            } => {
                if *container == "  " {
                    lines.push("- punkt".into());
                    lines.push(String::new());
                }
                let fence_line = lines.len() + 1;
                lines.push(format!("{container}```rhai{flags}"));
                for c in code {
                    lines.push(format!("{container}{c}"));
                }
                lines.push(format!("{container}```"));
                written.push(Written::Cell {
                    code: code.iter().map(|c| format!("{c}\n")).collect(),
                    fence_line,
                    echo: flags.contains("echo"),
                    hide: flags.contains("hide"),
                    indent: container.chars().count(),
                });
            }
        }
    }
    let eol = if crlf { "\r\n" } else { "\n" };
    let mut text = lines.join(eol);
    text.push_str(eol);
    (text, written)
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn written_notebooks_read_back(
        title in proptest::option::of("[A-Za-zåäö ]{1,12}"),
        blocks in vec(block(), 0..6),
        crlf in any::<bool>(),
    ) {
        let (source, written) = write_notebook(title.as_deref(), &blocks, crlf);
        let nb = parse(&source);
        prop_assert!(nb.diagnostics.is_empty(), "{:?}\n{source}", nb.diagnostics);
        prop_assert_eq!(nb.front.title.as_deref(), title.as_deref());
        let found: Vec<Written> = nb
            .items
            .iter()
            .map(|item| match item {
                Item::Cell(c) => Written::Cell {
                    // CRLF notebooks: the code keeps each line's `\r`; compare the text.
                    code: c.code.replace("\r\n", "\n"),
                    fence_line: c.fence_line,
                    echo: c.flags.echo,
                    hide: c.flags.hide,
                    indent: c.indent,
                },
                Item::Inline(e) => Written::Inline {
                    source: e.source.clone(),
                    line: e.line,
                    col: e.col,
                },
            })
            .collect();
        prop_assert_eq!(found, written, "{}", source);
        check_notebook(&source)?;
    }

    /// Front matter: any text between the fences never panics, and a diagnostic names a line
    /// inside the front matter.
    #[test]
    fn any_front_matter_is_read_or_reported(toml_text in any_text(), rest in notebook_text()) {
        let toml_text = toml_text.replace("+++", "");
        let source = format!("+++\n{toml_text}\n+++\n{rest}");
        let nb = parse(&source);
        let front_lines = toml_text.matches('\n').count() + 3;
        for d in nb.diagnostics.iter().filter(|d| d.message.starts_with("front matter")) {
            prop_assert!(d.line <= front_lines, "{d:?} in {front_lines} lines");
        }
        check_notebook(&source)?;
    }

    /// Front matter written as TOML reads back: title, description and params.
    #[test]
    fn written_front_matter_reads_back(
        title in proptest::option::of("\\PC{0,16}"),
        description in proptest::option::of("\\PC{0,16}"),
        params in proptest::collection::btree_map("[a-zåäö_][a-zåäö0-9_-]{0,8}", prop_oneof![
            any::<i64>().prop_map(toml::Value::Integer),
            "\\PC{0,10}".prop_map(toml::Value::String),
            any::<bool>().prop_map(toml::Value::Boolean),
        ], 0..4),
        body in notebook_text(),
    ) {
        let mut table = toml::Table::new();
        if let Some(t) = &title {
            table.insert("title".into(), toml::Value::String(t.clone()));
        }
        if let Some(d) = &description {
            table.insert("description".into(), toml::Value::String(d.clone()));
        }
        if !params.is_empty() {
            table.insert("params".into(), toml::Value::Table(params.clone().into_iter().collect()));
        }
        let toml_text = toml::to_string(&table).expect("a table serialises");
        let source = format!("+++\n{toml_text}+++\n{body}");
        let nb = parse(&source);
        prop_assert!(
            nb.diagnostics.iter().all(|d| !d.message.starts_with("front matter")),
            "{:?}\n{}", nb.diagnostics, source
        );
        prop_assert_eq!(nb.front.title, title);
        prop_assert_eq!(nb.front.description, description);
        prop_assert_eq!(nb.front.params, params);
    }
}

// ---------------------------------------------------------------------------------------------
// SUMMARY.md

#[derive(Debug, Clone)]
enum Entry {
    Part(String),
    Separator,
    /// A chapter outside a list (prefix or suffix chapter).
    Loose(String, Option<String>),
    /// A list of chapters: (depth, name, path).
    List(Vec<(usize, String, Option<String>)>),
}

fn chapter_name() -> impl Strategy<Value = String> {
    "[A-Za-zåäöÅÄÖ][A-Za-zåäö0-9 ,.:-]{0,10}[A-Za-zåäö0-9]"
}

fn chapter_path() -> impl Strategy<Value = Option<String>> {
    proptest::option::weighted(0.85, "[a-zåäö0-9_-]{1,6}(/[a-z0-9_-]{1,6}){0,2}\\.md")
}

fn entry() -> impl Strategy<Value = Entry> {
    prop_oneof![
        chapter_name().prop_map(Entry::Part),
        Just(Entry::Separator),
        (chapter_name(), chapter_path()).prop_map(|(n, p)| Entry::Loose(n, p)),
        vec((0usize..3, chapter_name(), chapter_path()), 1..6).prop_map(|mut items| {
            // A list starts at depth 0 and goes at most one level deeper per line.
            let mut depth = 0;
            for (i, item) in items.iter_mut().enumerate() {
                item.0 = if i == 0 { 0 } else { item.0.min(depth + 1) };
                depth = item.0;
            }
            Entry::List(items)
        }),
    ]
}

/// SUMMARY.md text for the entries, and the summary it stands for.
fn write_summary(
    title: Option<&str>,
    entries: &[Entry],
    crlf: bool,
    star: bool,
) -> (String, Summary) {
    let mut lines: Vec<String> = Vec::new();
    let mut summary = Summary::default();
    if let Some(t) = title {
        lines.push(format!("# {t}"));
        summary.title = Some(t.to_string());
    }
    let chapter = |name: &str, path: &Option<String>, line: usize| Chapter {
        name: name.to_string(),
        path: path.as_ref().map(std::path::PathBuf::from),
        line,
        children: Vec::new(),
    };
    let link =
        |name: &str, path: &Option<String>| format!("[{name}]({})", path.as_deref().unwrap_or(""));
    for entry in entries {
        lines.push(String::new());
        match entry {
            Entry::Part(name) => {
                lines.push(format!("# {name}"));
                if summary.title.is_none() && summary.items.is_empty() {
                    summary.title = Some(name.clone());
                } else {
                    summary.items.push(SummaryItem::PartTitle(name.clone()));
                }
            }
            Entry::Separator => {
                lines.push("---".into());
                summary.items.push(SummaryItem::Separator);
            }
            Entry::Loose(name, path) => {
                lines.push(link(name, path));
                summary
                    .items
                    .push(SummaryItem::Chapter(chapter(name, path, lines.len())));
            }
            Entry::List(items) => {
                // Build the tree with a stack of the open chapters at each depth.
                let mut stack: Vec<Chapter> = Vec::new();
                let mut roots: Vec<Chapter> = Vec::new();
                let close_to =
                    |stack: &mut Vec<Chapter>, roots: &mut Vec<Chapter>, depth: usize| {
                        while stack.len() > depth {
                            let done = stack.pop().expect("non-empty");
                            match stack.last_mut() {
                                Some(parent) => parent.children.push(done),
                                None => roots.push(done),
                            }
                        }
                    };
                for (depth, name, path) in items {
                    let marker = if star { "* " } else { "- " };
                    lines.push(format!(
                        "{}{marker}{}",
                        "  ".repeat(*depth),
                        link(name, path)
                    ));
                    close_to(&mut stack, &mut roots, *depth);
                    stack.push(chapter(name, path, lines.len()));
                }
                close_to(&mut stack, &mut roots, 0);
                summary
                    .items
                    .extend(roots.into_iter().map(SummaryItem::Chapter));
            }
        }
    }
    let eol = if crlf { "\r\n" } else { "\n" };
    (lines.join(eol) + eol, summary)
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_summary_text_parses_or_reports_lines(text in prop_oneof![
        any::<String>(),
        vec(prop_oneof![
            select(&["# ", "- ", "* ", "  ", "[", "]", "(", ")", "](", ".md", "---", "<!--", "-->",
                     "\n", "\r\n", "../", "/", "%20", "\u{feff}", "\t"][..]).prop_map(str::to_string),
            "[a-zåäö ]{1,6}",
        ], 0..40).prop_map(|p| p.concat()),
    ]) {
        let line_count = text.lines().count();
        match summary::parse(&text, Path::new("SUMMARY.md")) {
            Ok(s) => {
                for c in s.chapters() {
                    prop_assert!(c.line >= 1 && c.line <= line_count, "{c:?}");
                    let path = c.path.as_ref().expect("chapters() has paths");
                    prop_assert!(path.is_relative(), "{c:?}");
                }
            }
            Err(errors) => {
                prop_assert!(!errors.0.is_empty());
                for d in &errors.0 {
                    prop_assert!(d.line >= 1 && d.line <= line_count, "{d:?}");
                }
            }
        }
    }

    #[test]
    fn written_summaries_read_back(
        title in proptest::option::of(chapter_name()),
        entries in vec(entry(), 0..8),
        crlf in any::<bool>(),
        star in any::<bool>(),
    ) {
        let (text, expected) = write_summary(title.as_deref(), &entries, crlf, star);
        let parsed = summary::parse(&text, Path::new("SUMMARY.md"));
        prop_assert!(parsed.is_ok(), "{:?}\n{}", parsed, text);
        prop_assert_eq!(parsed.expect("checked"), expected, "{}", text);
    }
}

// ---------------------------------------------------------------------------------------------
// Swedish numbers

/// Any decimal rust_decimal can hold: 96-bit mantissa, scale 0 to 28.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
            any::<bool>(),
            0u32..=28
        )
            .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale)),
        (any::<i64>(), 0u32..=4).prop_map(|(m, s)| Decimal::new(m, s)),
        (-100_000i64..100_000, 0u32..=3).prop_map(|(m, s)| Decimal::new(m, s)),
    ]
}

/// Number-like text: digits, separators, signs, percent and a few letters.
fn number_text() -> impl Strategy<Value = String> {
    let chars = select(
        &[
            '0', '1', '5', '9', ' ', ',', '.', '\u{a0}', '\u{202f}', '\u{2009}', '-', '\u{2212}',
            '\u{2013}', '+', '%', 'e', 'E', '(', ')', 'k', '\t', 'å',
        ][..],
    );
    prop_oneof![
        vec(chars, 0..24).prop_map(|c| c.into_iter().collect()),
        any::<String>()
    ]
}

fn decimals_of(text: &str) -> usize {
    text.split_once(',').map_or(0, |(_, f)| f.chars().count())
}

/// `digits` with `sep` between groups of three, counted from the right.
fn grouped(digits: &str, sep: &str) -> String {
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(ch);
    }
    out
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn number_parsers_never_panic(text in number_text()) {
        let comma = parse_number(&text, DecimalMark::Comma);
        let point = parse_number(&text, DecimalMark::Point);
        let grouped = parse_number_grouped(&text, DecimalMark::Comma, true);
        let any = parse_number_any(&text);
        let int = parse_int(&text);
        let _ = dot_groups_thousands(&text);
        let _ = rapportbok::data::why_not_a_number(&text);
        prop_assert_eq!(any.is_some(), comma.is_some() || point.is_some());
        if let Some(i) = int {
            prop_assert_eq!(comma.map(|p| p.value), Some(Decimal::from(i)));
        }
        // Whatever was read is a number that formats and reads back to itself.
        for p in [comma, point, grouped].into_iter().flatten() {
            let back = parse_number(&format_decimal(p.value, Some(p.value.scale())), DecimalMark::Comma);
            prop_assert_eq!(back.map(|b| b.value), Some(p.value), "{:?}", text);
        }
    }

    #[test]
    fn format_then_parse_gives_the_decimal(value in any_decimal()) {
        let text = format_decimal(value, None);
        let expected = if value.scale() <= 2 { value } else { round_half_away(value, 2) };
        let parsed = parse_number(&text, DecimalMark::Comma);
        prop_assert_eq!(parsed.map(|p| p.value), Some(expected), "{}", text);
        prop_assert!(!text.contains('-'), "minus is U+2212: {text}");
        prop_assert_eq!(text.starts_with(MINUS), expected.is_sign_negative() && !expected.is_zero());
        if value.scale() <= 2 {
            prop_assert_eq!(decimals_of(&text), value.scale() as usize, "{}", text);
        } else {
            prop_assert!(decimals_of(&text) <= 2, "{text}");
        }
        // Groups of three between no-break spaces.
        let int_part = text.trim_start_matches(MINUS).split(',').next().unwrap_or("");
        let groups: Vec<&str> = int_part.split('\u{a0}').collect();
        prop_assert!(groups[0].len() <= 3 && !groups[0].is_empty(), "{text}");
        prop_assert!(groups[1..].iter().all(|g| g.len() == 3), "{text}");
    }

    #[test]
    fn format_with_decimals_then_parse_gives_the_rounded_decimal(
        value in any_decimal(),
        decimals in 0u32..=6,
    ) {
        let text = format_decimal(value, Some(decimals));
        let parsed = parse_number(&text, DecimalMark::Comma);
        prop_assert_eq!(parsed.map(|p| p.value), Some(round_half_away(value, decimals)), "{}", text);
        prop_assert_eq!(decimals_of(&text), decimals as usize, "{}", text);
    }

    #[test]
    fn format_int_then_parse_int(value in any::<i64>()) {
        let text = format_int(value);
        prop_assert_eq!(parse_int(&text), Some(value), "{}", text);
        prop_assert_eq!(format_decimal(Decimal::from(value), None), text);
    }

    /// Numbers written as Swedish exports write them read as the number.
    #[test]
    fn swedish_export_forms_read_back(
        int_digits in "[1-9][0-9]{0,14}|0",
        frac in proptest::option::of("[0-9]{1,4}"),
        sign in select(&["", "-", "\u{2212}", "\u{2013}", "+"][..]),
        sep in select(&["", " ", "\u{a0}", "\u{202f}", "\u{2009}"][..]),
        percent in select(&["", "%", " %", "\u{a0}%"][..]),
        pad in select(&["", " ", "\t"][..]),
    ) {
        let mut plain = String::new();
        if matches!(sign, "-" | "\u{2212}" | "\u{2013}") {
            plain.push('-');
        }
        plain.push_str(&int_digits);
        if let Some(f) = &frac {
            plain.push('.');
            plain.push_str(f);
        }
        let expected = Decimal::from_str(&plain).expect("plain decimal");
        let frac_text = frac.as_deref().map(|f| format!(",{f}")).unwrap_or_default();
        let text = format!("{pad}{sign}{}{frac_text}{percent}{pad}", grouped(&int_digits, sep));
        let p = parse_number(&text, DecimalMark::Comma);
        prop_assert_eq!(p.map(|p| (p.value, p.percent)), Some((expected, !percent.is_empty())), "{:?}", text);
        // The same number with a decimal point.
        let point = text.replace(',', ".");
        prop_assert_eq!(parse_number(&point, DecimalMark::Point).map(|p| p.value), Some(expected), "{:?}", point);
        // And with dots grouping thousands, when the writer says so.
        let dotted = format!("{sign}{}{frac_text}", grouped(&int_digits, "."));
        prop_assert_eq!(
            parse_number_grouped(&dotted, DecimalMark::Comma, true).map(|p| p.value),
            Some(expected),
            "{:?}", dotted
        );
        if int_digits.len() > 3 && frac.is_none() {
            prop_assert!(dot_groups_thousands(&dotted), "{dotted:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// CSV

fn csv_options() -> impl Strategy<Value = ReadOptions> {
    (
        proptest::option::of(select(&[b';', b',', b'\t'][..])),
        proptest::option::of(select(&[DecimalMark::Comma, DecimalMark::Point][..])),
        any::<bool>(),
    )
        .prop_map(|(separator, decimal, thousands_dot)| ReadOptions {
            separator,
            decimal,
            thousands_dot,
            ..ReadOptions::default()
        })
}

/// Pieces of CSV-like bytes: separators, quotes, line endings, Windows-1252 and UTF-8
/// letters, a BOM, NUL, numbers of every shape.
const CSV_PIECES: &[&[u8]] = &[
    b";",
    b",",
    b"\t",
    b"\"",
    b"\"\"",
    b"\n",
    b"\r\n",
    b"\r",
    b" ",
    b"\xA0",
    b"\x96",
    b"\xEF\xBB\xBF",
    b"1",
    b"12",
    b"1.234",
    b"1,5",
    b"-",
    b"2024-01",
    b"2024-01-31",
    b"%",
    b"a",
    b"\xC3\xA5",
    b"\xE5",
    b"\0",
    b"0123",
    b"99999999999999999999999999999",
    b"1e5",
];

fn csv_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        vec(any::<u8>(), 0..256),
        vec(select(CSV_PIECES).prop_map(<[u8]>::to_vec), 0..60).prop_map(|p| p.concat()),
    ]
}

/// One generated CSV cell.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    Number(Decimal),
    Text(String),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Text,
    Int,
    Decimal,
}

fn column_kind() -> impl Strategy<Value = Kind> {
    select(&[Kind::Text, Kind::Int, Kind::Decimal][..])
}

fn cell_of(kind: Kind) -> BoxedStrategy<Cell> {
    let value = match kind {
        Kind::Text => "[A-Za-zåäöÅÄÖé][A-Za-zåäöé0-9 ;,\"\n.-]{0,10}[a-zåäö0-9\"]?"
            .prop_map(|t| Cell::Text(t.trim_end().to_string()))
            .boxed(),
        Kind::Int => any::<i64>()
            .prop_map(|i| Cell::Number(Decimal::from(i / 1000)))
            .boxed(),
        Kind::Decimal => (-10_000_000_000i64..10_000_000_000, 1u32..=3)
            .prop_map(|(m, s)| Cell::Number(Decimal::new(m, s)))
            .boxed(),
    };
    prop_oneof![9 => value, 1 => Just(Cell::Empty)].boxed()
}

/// A table: unique header names and rows of cells of each column's kind.
fn table() -> impl Strategy<Value = (Vec<String>, Vec<Vec<Cell>>)> {
    vec(column_kind(), 2..5).prop_flat_map(|kinds| {
        let names = proptest::collection::hash_set("[A-Za-zåäö][a-zåäö0-9_]{0,8}", kinds.len())
            .prop_map(|s| s.into_iter().collect::<Vec<_>>());
        let row = kinds.iter().map(|k| cell_of(*k)).collect::<Vec<_>>();
        (names, vec(row, 0..12))
    })
}

/// How the generated file is written.
#[derive(Debug, Clone, Copy)]
struct Dialect {
    sep: u8,
    /// Decimals with a comma (`;` files, or quoted in `,` files) or a point.
    comma: bool,
    /// Spaces group thousands (`;` files only).
    group: Option<char>,
    quote_all: bool,
    bom: bool,
    crlf: bool,
    windows_1252: bool,
}

fn dialect() -> impl Strategy<Value = Dialect> {
    (
        select(&[b';', b',', b'\t'][..]),
        any::<bool>(),
        proptest::option::of(select(&[' ', '\u{a0}'][..])),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(sep, comma, group, quote_all, bom, crlf, windows_1252)| Dialect {
                sep,
                // A `;` or tab file reads its decimals with a comma unless told otherwise (a
                // dot there may group thousands: see `stated_forms_read_back`).
                comma: comma || sep != b',',
                group: group.filter(|_| sep != b','),
                quote_all,
                bom: bom && !windows_1252,
                crlf,
                windows_1252,
            },
        )
}

fn write_number(value: Decimal, d: Dialect) -> String {
    let text = value.abs().to_string();
    let (int_part, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text.clone(), None),
    };
    let mut out = String::new();
    if value.is_sign_negative() && !value.is_zero() {
        out.push('-');
    }
    match d.group {
        Some(g) => out.push_str(&grouped(&int_part, &g.to_string())),
        None => out.push_str(&int_part),
    }
    if let Some(f) = frac {
        out.push(if d.comma { ',' } else { '.' });
        out.push_str(&f);
    }
    out
}

fn write_field(text: &str, d: Dialect) -> String {
    let needs = text.contains([';', ',', '\t', '"', '\n', '\r']);
    if needs || (d.quote_all && !text.is_empty()) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn write_csv(names: &[String], rows: &[Vec<Cell>], d: Dialect) -> Vec<u8> {
    let sep = (d.sep as char).to_string();
    let eol = if d.crlf { "\r\n" } else { "\n" };
    let mut text = String::new();
    let header: Vec<String> = names.iter().map(|n| write_field(n, d)).collect();
    text.push_str(&header.join(&sep));
    text.push_str(eol);
    for row in rows {
        let fields: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Empty => String::new(),
                Cell::Number(v) => write_field(&write_number(*v, d), d),
                Cell::Text(t) => write_field(t, d),
            })
            .collect();
        text.push_str(&fields.join(&sep));
        text.push_str(eol);
    }
    if d.windows_1252 {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
        assert!(
            !unmappable,
            "the generator writes only Windows-1252 characters"
        );
        return bytes.into_owned();
    }
    let mut bytes = if d.bom {
        b"\xEF\xBB\xBF".to_vec()
    } else {
        Vec::new()
    };
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// A read column's cells, numbers as decimals whatever their type.
fn cells(values: &Values) -> Vec<Cell> {
    match values {
        Values::Text(v) => v
            .iter()
            .map(|t| {
                t.as_ref()
                    .map_or(Cell::Empty, |t| Cell::Text(t.to_string()))
            })
            .collect(),
        Values::Int(v) => v
            .iter()
            .map(|i| i.map_or(Cell::Empty, |i| Cell::Number(Decimal::from(i))))
            .collect(),
        Values::Decimal(v) => v
            .iter()
            .map(|x| x.map_or(Cell::Empty, Cell::Number))
            .collect(),
        other => vec![Cell::Text(format!("{other:?}"))],
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_bytes_read_as_csv_or_fail_cleanly(bytes in csv_bytes(), options in csv_options()) {
        match parse_csv("egenskap.csv", &bytes, &options) {
            Ok(table) => {
                let n = table.len();
                prop_assert!(table.columns.iter().all(|c| c.values.len() == n));
            }
            Err(message) => prop_assert!(message.contains("egenskap.csv"), "{message}"),
        }
    }

    #[test]
    fn written_tables_read_back((names, rows) in table(), d in dialect()) {
        let bytes = write_csv(&names, &rows, d);
        let table = parse_csv("tabell.csv", &bytes, &ReadOptions::default());
        let shown = String::from_utf8_lossy(&bytes).to_string();
        prop_assert!(table.is_ok(), "{:?}\n{}", table.err(), shown);
        let table = table.expect("checked");
        prop_assert_eq!(table.names(), names.clone(), "{}", shown);
        prop_assert_eq!(table.len(), rows.len(), "{}", shown);
        for (c, column) in table.columns.iter().enumerate() {
            let expected: Vec<Cell> = rows.iter().map(|r| r[c].clone()).collect();
            prop_assert_eq!(cells(&column.values), expected, "column {} of\n{}", names[c], shown);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering: prose and inline values to page HTML.

/// Elements the page body may contain: what CommonMark and GFM produce, and the engine's own
/// wrappers. Raw HTML from the writer is escaped unless the book sets `allow-html`, so any
/// other element (`<script>`, `<iframe>`, `<style>`, `<div>` from prose) is a leak.
const ELEMENTS: &[&str] = &[
    "a",
    "blockquote",
    "br",
    "caption",
    "code",
    "del",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "input",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "span",
    "strong",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];

/// One tag's name and attributes (`name`, raw value), or an error saying why it is not a tag.
fn read_tag(tag: &str) -> Result<(String, Vec<(String, String)>), String> {
    let inner = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let inner = inner.strip_prefix('/').unwrap_or(inner);
    let name_len = inner
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inner.len());
    let name = inner[..name_len].to_ascii_lowercase();
    if name.is_empty() {
        return Err(format!("not a tag: {tag}"));
    }
    let mut attrs = Vec::new();
    let mut rest = inner[name_len..].trim_start();
    while !rest.is_empty() {
        let end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let attr = rest[..end].to_ascii_lowercase();
        rest = &rest[end..];
        let value = if let Some(v) = rest.strip_prefix("=\"") {
            let close = v
                .find('"')
                .ok_or_else(|| format!("unclosed attribute in {tag}"))?;
            rest = &v[close + 1..];
            v[..close].to_string()
        } else if rest.starts_with('=') {
            return Err(format!("unquoted attribute in {tag}"));
        } else {
            String::new()
        };
        attrs.push((attr, value));
        rest = rest.trim_start();
    }
    Ok((name, attrs))
}

/// Every tag in `html` is one the engine writes, with no event handler and no script URL.
fn check_html(html: &str) -> Result<(), TestCaseError> {
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let after = &rest[open..];
        let close = after.find('>');
        prop_assert!(close.is_some(), "unclosed `<` in {html}");
        let tag = &after[..=close.unwrap_or(0)];
        prop_assert!(!tag[1..].contains('<'), "`<` inside a tag: {tag}");
        let read = read_tag(tag);
        prop_assert!(read.is_ok(), "{:?} in\n{}", read.as_ref().err(), html);
        let (name, attrs) = read.expect("checked");
        prop_assert!(ELEMENTS.contains(&name.as_str()), "<{name}> in\n{html}");
        for (attr, value) in attrs {
            prop_assert!(!attr.starts_with("on"), "event handler {attr} in {tag}");
            let url: String = value
                .replace("&amp;", "&")
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if matches!(attr.as_str(), "href" | "src") {
                prop_assert!(
                    !url.starts_with("javascript:")
                        && !url.starts_with("vbscript:")
                        && !url.starts_with("data:text"),
                    "script URL in {tag}"
                );
            }
        }
        rest = &after[close.unwrap_or(0) + 1..];
    }
    prop_assert!(!html.to_ascii_lowercase().contains("<script"));
    Ok(())
}

fn value_text() -> impl Strategy<Value = String> {
    prop_oneof![
        notebook_text(),
        any::<String>(),
        select(PIECES).prop_map(str::to_string)
    ]
}

proptest! {
    #![proptest_config(config(128))]

    /// Any prose, and any text an inline value or a cell shows, renders to HTML with only the
    /// engine's elements: raw HTML and script from the writer or from data stay text.
    #[test]
    fn prose_renders_without_raw_html(
        source in notebook_text(),
        values in vec(value_text(), 8),
        preview in any::<bool>(),
    ) {
        let nb = parse(&source);
        let run = RunOutput {
            items: nb
                .items
                .iter()
                .enumerate()
                .map(|(i, _)| ItemResult {
                    value: Ok(rhai::Dynamic::from(values[i % values.len()].clone())),
                    printed: Vec::new(),
                })
                .collect(),
            diagnostics: Vec::new(),
            data_reads: Vec::new(),
        };
        let body = render_body(&nb, &run, RenderOptions { allow_html: false, preview });
        check_html(&body.html)?;
        // No placeholder survives into the page, unless the prose wrote that character itself.
        let written = source.matches([PLACEHOLDER_OPEN, PLACEHOLDER_CLOSE]).count()
            + values.iter().map(|v| v.matches([PLACEHOLDER_OPEN, PLACEHOLDER_CLOSE]).count()).sum::<usize>()
            + source.matches("&#xE000;").count() + source.matches("&#xE001;").count()
            + source.matches("&#57344;").count()
            + values.iter().map(|v| v.matches("&#").count()).sum::<usize>();
        let left = body.html.matches([PLACEHOLDER_OPEN, PLACEHOLDER_CLOSE]).count();
        prop_assert!(left <= written, "{left} placeholder characters left in\n{}", body.html);
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// Every cell and inline value shows up exactly once on the page (a hidden cell not at
    /// all), wherever the prose puts it: prose cannot copy a value, and none gets lost.
    #[test]
    fn each_value_is_shown_once(
        pieces in vec(prop_oneof![
            3 => piece(),
            1 => select(&["{{ v }}", "&#xE000;I0&#xE001;", "&#xE000;B0&#xE001;", "[a]({{ u }})",
                          "![{{ b }}](x.png)", "[a](x \"{{ t }}\")", "<https://x.se/{{p}}>",
                          "| {{ c }} | 2 |\n|---|---|\n"][..]).prop_map(str::to_string),
        ], 0..40),
        preview in any::<bool>(),
    ) {
        let source = pieces.concat();
        let nb = parse(&source);
        prop_assume!(!source.contains("VARDE"));
        // A footnote no one refers to is left out of the page, values and all (GFM).
        prop_assume!(!source.contains("[^1]:"));
        // ASCII, so a value in a link target reads the same percent-encoded.
        let marker = |i: usize| format!("VARDE{i}Q");
        let run = RunOutput {
            items: (0..nb.items.len())
                .map(|i| ItemResult {
                    value: Ok(rhai::Dynamic::from(marker(i))),
                    printed: Vec::new(),
                })
                .collect(),
            diagnostics: Vec::new(),
            data_reads: Vec::new(),
        };
        let body = render_body(&nb, &run, RenderOptions { allow_html: false, preview });
        // The page's text and its tags apart: a value shows in the text, or (an image's alt
        // text, a link's target) in a tag; an autolink shows its target in both.
        let (mut text, mut tags) = (String::new(), String::new());
        for (k, part) in body.html.split(['<', '>']).enumerate() {
            let into = if k % 2 == 0 { &mut text } else { &mut tags };
            into.push_str(part);
            into.push(' ');
        }
        for (i, item) in nb.items.iter().enumerate() {
            let mut expected = usize::from(!matches!(item, Item::Cell(c) if c.flags.hide));
            let in_text = text.matches(&marker(i)).count();
            let shown = if in_text == 0 { tags.matches(&marker(i)).count() } else { in_text };
            // Where Markdown shows no text (a link's target inside an image's alt text), the
            // page says so at the value's line instead of losing it silently.
            if let Item::Inline(e) = item
                && shown == 0
                && body.html.contains(&format!("Rad {}: värdet `{{{{{}}}}}` visas inte på sidan", e.line, e.source))
            {
                expected = 0;
            }
            prop_assert_eq!(
                shown,
                expected,
                "item {} ({:?}) in\n{}\ntemplate {:?}",
                i, item, body.html, nb.template
            );
        }
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// With `allow-html` the writer's HTML passes through: rendering (and the preview's line
    /// marks) still never panics on any prose.
    #[test]
    fn prose_with_raw_html_allowed_renders(
        pieces in vec(prop_oneof![
            3 => piece(),
            1 => select(&["<p data-sourcepos=\"", "\"", "1:1-1:3", "<h2", " data-sourcepos=\"1\"é>",
                          "</h2>", "<table>\n", "<p>Tabell: ", "</p>", "<h1>", "</h1>"][..])
                .prop_map(str::to_string),
        ], 0..40),
        values in vec(value_text(), 4),
        preview in any::<bool>(),
    ) {
        let source = pieces.concat();
        let nb = parse(&source);
        let run = RunOutput {
            items: (0..nb.items.len())
                .map(|i| ItemResult {
                    value: Ok(rhai::Dynamic::from(values[i % values.len()].clone())),
                    printed: Vec::new(),
                })
                .collect(),
            diagnostics: Vec::new(),
            data_reads: Vec::new(),
        };
        let body = render_body(&nb, &run, RenderOptions { allow_html: true, preview });
        // Every placeholder was filled: none is left but characters the writer wrote.
        let written = [source.as_str()]
            .into_iter()
            .chain(values.iter().map(String::as_str))
            .map(|t| t.matches([PLACEHOLDER_OPEN, PLACEHOLDER_CLOSE]).count() + t.matches("&#").count())
            .sum::<usize>();
        let left = body.html.matches([PLACEHOLDER_OPEN, PLACEHOLDER_CLOSE]).count();
        prop_assert!(left <= written, "{left} placeholder characters left in\n{}", body.html);
    }
}

/// How a file the writer describes in `read_csv`'s options is written.
#[derive(Debug, Clone, Copy)]
enum Stated {
    /// `;` or tab, decimal point: `decimal: "."`.
    Point(u8),
    /// `;`, dots grouping thousands and a decimal comma: `thousands: "."`.
    DotGroups,
    /// The separator given: `separator`.
    Separator(u8),
}

proptest! {
    #![proptest_config(config(128))]

    /// Files whose form the writer states in the options read back equal; a column stated as
    /// text reads back as the text written.
    #[test]
    fn stated_forms_read_back(
        (names, rows) in table(),
        stated in prop_oneof![
            select(&[b';', b'\t'][..]).prop_map(Stated::Point),
            Just(Stated::DotGroups),
            select(&[b';', b',', b'\t', b'|'][..]).prop_map(Stated::Separator),
        ],
        as_text in any::<proptest::sample::Index>(),
    ) {
        let (d, options) = match stated {
            Stated::Point(sep) => (
                Dialect { sep, comma: false, group: None, quote_all: false, bom: false, crlf: false, windows_1252: false },
                ReadOptions { decimal: Some(DecimalMark::Point), ..ReadOptions::default() },
            ),
            Stated::DotGroups => (
                Dialect { sep: b';', comma: true, group: Some('.'), quote_all: false, bom: false, crlf: true, windows_1252: false },
                ReadOptions { thousands_dot: true, ..ReadOptions::default() },
            ),
            Stated::Separator(sep) => (
                Dialect { sep, comma: sep != b',', group: None, quote_all: true, bom: true, crlf: false, windows_1252: false },
                ReadOptions { separator: Some(sep), ..ReadOptions::default() },
            ),
        };
        // Every field is quoted with a stated separator (`quote_all`), so `|` needs no rule.
        let bytes = write_csv(&names, &rows, d);
        let text_column = as_text.index(names.len());
        let mut options = options;
        options.types = vec![(names[text_column].clone(), rapportbok::data::ColumnType::Text)];
        let shown = String::from_utf8_lossy(&bytes).to_string();
        let table = parse_csv("tabell.csv", &bytes, &options);
        prop_assert!(table.is_ok(), "{:?} with {:?}\n{}", table.err(), options, shown);
        let table = table.expect("checked");
        prop_assert_eq!(table.names(), names.clone());
        for (c, column) in table.columns.iter().enumerate() {
            let expected: Vec<Cell> = rows
                .iter()
                .map(|r| match (&r[c], c == text_column) {
                    (Cell::Number(v), true) => Cell::Text(write_number(*v, d)),
                    (cell, _) => cell.clone(),
                })
                .collect();
            prop_assert_eq!(cells(&column.values), expected, "column {} of\n{}", names[c], shown);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Periods and dates (CSV and spreadsheet columns)

proptest! {
    #![proptest_config(config(256))]

    /// Any text: no panic; a period or date read is written back as the text was (ISO forms).
    #[test]
    fn periods_and_dates_read_back_as_written(text in prop_oneof![
        any::<String>(),
        "[+-]?[0-9]{0,5}-?[0-9]{0,3}-?[0-9]{0,3}",
        "(januari|feb|mars|maj\\.|okt|december|Juni) [+-]?[0-9]{1,5}",
    ]) {
        if let Some(d) = Date::parse(&text) {
            prop_assert_eq!(d.to_string(), text.trim(), "{:?}", d);
        }
        if let Some(p) = Period::parse(&text) {
            let t = text.trim();
            if t.len() == 7 {
                prop_assert_eq!(p.to_string(), t, "{:?}", p);
            }
            prop_assert!((1000..=9999).contains(&p.year) && (1..=12).contains(&p.month), "{p:?}");
        }
    }

    /// A spreadsheet's day number gives a date and back; any number never panics.
    #[test]
    fn spreadsheet_day_numbers(serial in prop_oneof![any::<i64>(), -700_000i64..3_000_000]) {
        if let Some(d) = Date::from_serial(serial) {
            prop_assert_eq!(d.serial(), serial, "{:?}", d);
        }
    }
}

/// A table as names and cells, to compare two reads.
fn table_cells(t: &rapportbok::table::Table) -> (Vec<String>, Vec<Vec<Cell>>) {
    (
        t.names(),
        t.columns.iter().map(|c| cells(&c.values)).collect(),
    )
}

proptest! {
    #![proptest_config(config(64))]

    /// A file read in place (`read_csv`) reads as its bytes do (`parse_csv`): the same table or
    /// the same error, whatever the bytes.
    #[test]
    fn files_read_as_their_bytes(
        bytes in prop_oneof![
            csv_bytes(),
            (table(), dialect()).prop_map(|((names, rows), d)| write_csv(&names, &rows, d)),
        ],
        options in csv_options(),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("fil.csv");
        std::fs::write(&path, &bytes).expect("write");
        let from_file = rapportbok::data::read_csv(&path, "fil.csv", &options, 1 << 20);
        let from_bytes = parse_csv("fil.csv", &bytes, &options);
        match (from_file, from_bytes) {
            (Ok(a), Ok(b)) => prop_assert_eq!(table_cells(&a), table_cells(&b)),
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "file {:?}\nbytes {:?}", a.map(|t| table_cells(&t)), b.map(|t| table_cells(&t))),
        }
    }
}
