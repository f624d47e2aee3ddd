//! Where things are in a RON source. `ron` reports positions for syntax
//! and type errors only; the checks that come after parsing (a dangling id,
//! a number out of range) need to point at the value too. This module reads
//! the same text into a light tree of byte spans (struct fields, list items)
//! and finds the span for a path such as `nodes[3].owner`. It also scans
//! brackets and strings to explain unbalanced brackets and unclosed strings
//! in words. It never allocates more than the text's size and stops at a
//! nesting limit.

use std::ops::Range;

#[doc(hidden)]
pub use smallvec;

/// One step of a path into the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seg {
    Field(&'static str),
    Index(usize),
}

impl From<&'static str> for Seg {
    fn from(s: &'static str) -> Seg {
        Seg::Field(s)
    }
}

impl From<usize> for Seg {
    fn from(i: usize) -> Seg {
        Seg::Index(i)
    }
}

/// A path into the scenario, e.g. `nodes[3].owner`. The checks build one
/// for every value they look at, so short paths live inline, with no
/// allocation; deeper ones (nested conditions) spill to the heap.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Path(pub smallvec::SmallVec<[Seg; 8]>);

impl Path {
    pub fn root() -> Path {
        Path(smallvec::SmallVec::new())
    }

    pub fn at(&self, seg: impl Into<Seg>) -> Path {
        let mut p = self.0.clone();
        p.push(seg.into());
        Path(p)
    }
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Field(name) if i == 0 => write!(f, "{name}")?,
                Seg::Field(name) => write!(f, ".{name}")?,
                Seg::Index(ix) => write!(f, "[{ix}]")?,
            }
        }
        Ok(())
    }
}

/// Build a path: `path!["nodes", 3, "owner"]`.
#[macro_export]
macro_rules! path {
    ($($seg:expr),* $(,)?) => {
        $crate::scenario::spans::Path($crate::scenario::spans::smallvec::smallvec![$($crate::scenario::spans::Seg::from($seg)),*])
    };
}

#[derive(Clone, Debug, Default)]
pub struct SpanNode {
    pub span: Range<usize>,
    /// The identifier before parentheses (`Some`, `node_down`, a struct name).
    pub name: Option<String>,
    /// Named fields: (name, span of the name, value).
    pub fields: Vec<(String, Range<usize>, SpanNode)>,
    /// Unnamed items of a tuple or list.
    pub items: Vec<SpanNode>,
}

/// The tree of a whole file, or nothing when the text does not parse.
/// Built lazily: loading a valid file never pays for it.
#[derive(Clone, Debug, Default)]
pub struct SpanTree {
    text: String,
    root: std::sync::OnceLock<Option<SpanNode>>,
}

/// Nesting beyond this is refused (the loader sets ron's own limit to match).
pub const MAX_DEPTH: usize = 64;

impl SpanTree {
    /// A tree that is built from `text` the first time it is needed.
    pub fn lazy(text: &str) -> SpanTree {
        SpanTree {
            text: text.to_string(),
            root: std::sync::OnceLock::new(),
        }
    }

    /// A tree built now.
    pub fn parse(text: &str) -> SpanTree {
        let tree = SpanTree::lazy(text);
        let _ = tree.root();
        tree
    }

    fn root(&self) -> Option<&SpanNode> {
        self.root.get_or_init(|| build(&self.text)).as_ref()
    }
}

fn build(text: &str) -> Option<SpanNode> {
    {
        let tokens = match tokenize(text) {
            Ok(t) => t,
            Err(_) => return None,
        };
        let mut p = Parser {
            toks: &tokens,
            pos: 0,
            text,
        };
        // Skip `#![enable(...)]` attributes.
        while p.peek_is(Tok::Hash) {
            while let Some(t) = p.next() {
                if t.kind == Tok::Close(']') {
                    break;
                }
            }
        }
        p.value(0)
    }
}

impl SpanTree {
    /// The span of the value at `path`, or of the deepest part of the path
    /// that exists. The boolean says whether the whole path was found.
    pub fn locate(&self, path: &Path) -> Option<(Range<usize>, bool)> {
        let mut node = self.root()?;
        node = unwrap_some(node);
        for seg in &path.0 {
            let next = match seg {
                Seg::Field(name) => node
                    .fields
                    .iter()
                    .find(|(n, _, _)| n == name)
                    .map(|(_, _, v)| v),
                Seg::Index(i) => node.items.get(*i),
            };
            match next {
                Some(n) => node = unwrap_some(n),
                None => return Some((node.span.clone(), false)),
            }
        }
        Some((node.span.clone(), true))
    }

    /// The span of a field's name (for "this field" messages).
    pub fn locate_key(&self, path: &Path) -> Option<Range<usize>> {
        let (last, parent) = path.0.split_last()?;
        let Seg::Field(name) = last else {
            return self.locate(path).map(|(s, _)| s);
        };
        let mut node = unwrap_some(self.root()?);
        for seg in parent {
            node = unwrap_some(match seg {
                Seg::Field(n) => node
                    .fields
                    .iter()
                    .find(|(k, _, _)| k == n)
                    .map(|(_, _, v)| v)?,
                Seg::Index(i) => node.items.get(*i)?,
            });
        }
        node.fields
            .iter()
            .find(|(k, _, _)| k == name)
            .map(|(_, s, _)| s.clone())
    }

    /// Every field name used anywhere under a path (for renamed-field checks).
    pub fn field_names(&self, path: &Path) -> Vec<(String, Range<usize>)> {
        let mut node = match self.root() {
            Some(n) => unwrap_some(n),
            None => return Vec::new(),
        };
        for seg in &path.0 {
            let next = match seg {
                Seg::Field(n) => node
                    .fields
                    .iter()
                    .find(|(k, _, _)| k == n)
                    .map(|(_, _, v)| v),
                Seg::Index(i) => node.items.get(*i),
            };
            match next {
                Some(n) => node = unwrap_some(n),
                None => return Vec::new(),
            }
        }
        node.fields
            .iter()
            .map(|(k, s, _)| (k.clone(), s.clone()))
            .collect()
    }
}

fn unwrap_some(mut node: &SpanNode) -> &SpanNode {
    while node.name.as_deref() == Some("Some") && node.items.len() == 1 && node.fields.is_empty() {
        node = &node.items[0];
    }
    node
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    Ident,
    Atom,
    Open(char),
    Close(char),
    Colon,
    Comma,
    Hash,
    Bang,
}

#[derive(Clone, Debug)]
struct Token {
    kind: Tok,
    span: Range<usize>,
}

/// A lexical problem found while scanning: where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScanProblem {
    /// A string opened here is never closed.
    UnclosedString(usize),
    /// A block comment opened here is never closed.
    UnclosedComment(usize),
    /// This bracket is never closed.
    Unclosed(usize, char),
    /// A closing bracket that does not match the open one (or none is open).
    Mismatched {
        at: usize,
        found: char,
        open: Option<(usize, char)>,
    },
    /// Nesting deeper than the limit, first exceeded here.
    TooDeep(usize),
    /// This bracket closes the outermost group, but more text follows.
    ClosesTooEarly(usize, char),
    /// Text that runs over several lines (a closing quote may be missing).
    MultilineString(usize),
}

fn tokenize(text: &str) -> Result<Vec<Token>, ScanProblem> {
    let b = text.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = skip_block_comment(b, i).ok_or(ScanProblem::UnclosedComment(i))?;
            }
            b'"' => {
                let start = i;
                i = skip_string(b, i + 1).ok_or(ScanProblem::UnclosedString(start))?;
                toks.push(Token {
                    kind: Tok::Atom,
                    span: start..i,
                });
            }
            b'\'' => {
                let start = i;
                i += 1;
                while i < b.len() && b[i] != b'\'' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if i >= b.len() {
                    return Err(ScanProblem::UnclosedString(start));
                }
                i += 1;
                toks.push(Token {
                    kind: Tok::Atom,
                    span: start..i,
                });
            }
            b'r' | b'b' if is_raw_string_start(b, i) => {
                let start = i;
                i = skip_raw_string(b, i).ok_or(ScanProblem::UnclosedString(start))?;
                toks.push(Token {
                    kind: Tok::Atom,
                    span: start..i,
                });
            }
            b'(' | b'[' | b'{' => {
                toks.push(Token {
                    kind: Tok::Open(c as char),
                    span: i..i + 1,
                });
                i += 1;
            }
            b')' | b']' | b'}' => {
                toks.push(Token {
                    kind: Tok::Close(c as char),
                    span: i..i + 1,
                });
                i += 1;
            }
            b':' => {
                toks.push(Token {
                    kind: Tok::Colon,
                    span: i..i + 1,
                });
                i += 1;
            }
            b',' => {
                toks.push(Token {
                    kind: Tok::Comma,
                    span: i..i + 1,
                });
                i += 1;
            }
            b'#' => {
                toks.push(Token {
                    kind: Tok::Hash,
                    span: i..i + 1,
                });
                i += 1;
            }
            b'!' => {
                toks.push(Token {
                    kind: Tok::Bang,
                    span: i..i + 1,
                });
                i += 1;
            }
            _ => {
                let start = i;
                let ident = c == b'_' || c.is_ascii_alphabetic() || c >= 0x80;
                if c == b'r' && b.get(i + 1) == Some(&b'#') {
                    i += 2;
                }
                while i < b.len() {
                    let d = b[i];
                    let more = d == b'_'
                        || d.is_ascii_alphanumeric()
                        || d >= 0x80
                        || (!ident && (d == b'.' || d == b'+' || d == b'-'));
                    if !more {
                        break;
                    }
                    i += 1;
                }
                if i == start {
                    i += 1;
                }
                toks.push(Token {
                    kind: if ident { Tok::Ident } else { Tok::Atom },
                    span: start..i,
                });
            }
        }
    }
    Ok(toks)
}

/// Skip a block comment starting at `i` (on its `/*`); comments nest, as in
/// RON. The index after the closing `*/`, or `None` when it never closes.
fn skip_block_comment(b: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    while i + 1 < b.len() {
        if b[i] == b'/' && b[i + 1] == b'*' {
            depth += 1;
            i += 2;
        } else if b[i] == b'*' && b[i + 1] == b'/' {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return Some(i);
            }
        } else {
            i += 1;
        }
    }
    None
}

fn skip_string(b: &[u8], mut i: usize) -> Option<usize> {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

fn is_raw_string_start(b: &[u8], i: usize) -> bool {
    let mut j = i;
    if b[j] == b'b' {
        j += 1;
        if b.get(j) == Some(&b'"') {
            return true;
        }
    }
    if b.get(j) != Some(&b'r') {
        return false;
    }
    j += 1;
    while b.get(j) == Some(&b'#') {
        j += 1;
    }
    b.get(j) == Some(&b'"')
}

fn skip_raw_string(b: &[u8], mut i: usize) -> Option<usize> {
    if b[i] == b'b' {
        i += 1;
        if b.get(i) == Some(&b'"') {
            return skip_string(b, i + 1);
        }
    }
    i += 1; // r
    let mut hashes = 0;
    while b.get(i) == Some(&b'#') {
        hashes += 1;
        i += 1;
    }
    i += 1; // opening quote
    while i < b.len() {
        if b[i] == b'"'
            && b.len() >= i + 1 + hashes
            && b[i + 1..i + 1 + hashes].iter().all(|&h| h == b'#')
        {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
    None
}

/// Find `name: <whole number>` among the outermost group's fields by a
/// quick scan (comments and strings skipped), without parsing the file.
pub fn top_level_number(text: &str, name: &str) -> Option<(u64, Range<usize>)> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut depth = 0usize;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut d = 0usize;
                while i + 1 < b.len() {
                    if b[i] == b'/' && b[i + 1] == b'*' {
                        d += 1;
                        i += 2;
                    } else if b[i] == b'*' && b[i + 1] == b'/' {
                        d -= 1;
                        i += 2;
                        if d == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                continue;
            }
            b'"' => {
                i = skip_string(b, i + 1)?;
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ if depth == 1
                && b[i..].starts_with(name.as_bytes())
                && (i == 0 || !is_ident_byte(b[i - 1])) =>
            {
                let mut j = i + name.len();
                if b.get(j).is_some_and(|&c| is_ident_byte(c)) {
                    i += 1;
                    continue;
                }
                while b.get(j).is_some_and(|c| c.is_ascii_whitespace()) {
                    j += 1;
                }
                if b.get(j) != Some(&b':') {
                    i += 1;
                    continue;
                }
                j += 1;
                while b.get(j).is_some_and(|c| c.is_ascii_whitespace()) {
                    j += 1;
                }
                let start = j;
                while b.get(j).is_some_and(|c| c.is_ascii_digit()) {
                    j += 1;
                }
                return text[start..j].parse().ok().map(|v| (v, start..j));
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn is_ident_byte(c: u8) -> bool {
    c == b'_' || c.is_ascii_alphanumeric()
}

/// The first text (string) that runs over several lines or never ends, if
/// any: a likely missing closing quote.
pub fn first_multiline_string(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = skip_block_comment(b, i).unwrap_or(b.len());
            }
            b'\'' => {
                // A char literal: skip it so a quote inside does not count.
                let mut j = i + 1;
                while j < b.len() && b[j] != b'\'' && b[j] != b'\n' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                i = j + 1;
            }
            b'"' => {
                let start = i;
                i += 1;
                loop {
                    match b.get(i) {
                        None => return Some(start),
                        Some(b'\n') => return Some(start),
                        Some(b'\\') => i += 2,
                        Some(b'"') => {
                            i += 1;
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// Scan brackets, strings and comments for the first structural problem:
/// the explanation a facilitator needs for "unexpected end of file".
pub fn scan_structure(text: &str) -> Option<ScanProblem> {
    let toks = match tokenize(text) {
        Ok(t) => t,
        Err(p) => return Some(p),
    };
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut k = 0;
    // Attributes (`#![enable(...)]`) come first and are not part of the value.
    while toks.get(k).is_some_and(|t| t.kind == Tok::Hash) {
        let mut depth = 0usize;
        k += 1;
        while let Some(t) = toks.get(k) {
            k += 1;
            match t.kind {
                Tok::Open(_) => depth += 1,
                Tok::Close(_) => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    for (k, t) in toks.iter().enumerate().skip(k) {
        match t.kind {
            Tok::Open(c) => {
                stack.push((t.span.start, c));
                if stack.len() > MAX_DEPTH {
                    return Some(ScanProblem::TooDeep(t.span.start));
                }
            }
            Tok::Close(c) => {
                let want = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                match stack.pop() {
                    Some((_, open)) if open == want => {
                        if stack.is_empty() && k + 1 < toks.len() {
                            return Some(ScanProblem::ClosesTooEarly(t.span.start, c));
                        }
                    }
                    other => {
                        return Some(ScanProblem::Mismatched {
                            at: t.span.start,
                            found: c,
                            open: other,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    stack.pop().map(|(at, c)| ScanProblem::Unclosed(at, c))
}

struct Parser<'a> {
    toks: &'a [Token],
    pos: usize,
    #[allow(dead_code)]
    text: &'a str,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.pos)
    }

    fn peek_is(&self, kind: Tok) -> bool {
        self.peek().is_some_and(|t| t.kind == kind)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn text_of(&self, span: &Range<usize>) -> String {
        self.text.get(span.clone()).unwrap_or_default().to_string()
    }

    fn value(&mut self, depth: usize) -> Option<SpanNode> {
        if depth > MAX_DEPTH {
            return None;
        }
        let t = self.next()?;
        match t.kind {
            Tok::Ident => {
                let name = self.text_of(&t.span);
                if self.peek_is(Tok::Open('(')) {
                    self.next();
                    let mut node = self.body(t.span.start, ')', depth)?;
                    node.name = Some(name);
                    Some(node)
                } else {
                    Some(SpanNode {
                        span: t.span,
                        name: Some(name),
                        ..SpanNode::default()
                    })
                }
            }
            Tok::Atom => Some(SpanNode {
                span: t.span,
                ..SpanNode::default()
            }),
            Tok::Open(c) => {
                let close = match c {
                    '(' => ')',
                    '[' => ']',
                    _ => '}',
                };
                self.body(t.span.start, close, depth)
            }
            _ => None,
        }
    }

    /// Contents up to the closing bracket: named fields, items, or map entries.
    fn body(&mut self, start: usize, close: char, depth: usize) -> Option<SpanNode> {
        let mut node = SpanNode::default();
        loop {
            let t = self.peek()?.clone();
            if t.kind == Tok::Close(close) {
                self.next();
                node.span = start..t.span.end;
                return Some(node);
            }
            if t.kind == Tok::Comma {
                self.next();
                continue;
            }
            // A named field: `ident :` (inside parentheses).
            if close == ')'
                && t.kind == Tok::Ident
                && self
                    .toks
                    .get(self.pos + 1)
                    .is_some_and(|n| n.kind == Tok::Colon)
            {
                self.next();
                self.next();
                let v = self.value(depth + 1)?;
                node.fields.push((self.text_of(&t.span), t.span.clone(), v));
                continue;
            }
            let v = self.value(depth + 1)?;
            if close == '}' && self.peek_is(Tok::Colon) {
                // Map entry: keep the value as the item, keyed by index.
                self.next();
                let value = self.value(depth + 1)?;
                node.items.push(value);
                let _ = v;
            } else {
                node.items.push(v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r##"#![enable(implicit_some)]
// comment (with brackets]
Scenario(
    id: "x", /* block /* nested */ */
    nodes: [
        (id: "a", owner: "arcadia", network: Some("grid")),
        (id: "b", owner: "borduria", network: "grid"),
    ],
    cond: all([node_down("a"), not(turn_at_least(3))]),
    text: r#"raw ) string"#,

)"##;

    fn at(tree: &SpanTree, p: Path) -> &str {
        let (span, full) = tree.locate(&p).unwrap();
        assert!(full, "path {p} not found");
        &SRC[span]
    }

    #[test]
    fn finds_fields_items_and_variants() {
        let tree = SpanTree::parse(SRC);
        assert_eq!(at(&tree, path!["id"]), "\"x\"");
        assert_eq!(at(&tree, path!["nodes", 1, "owner"]), "\"borduria\"");
        assert_eq!(at(&tree, path!["nodes", 0, "network"]), "\"grid\"");
        assert_eq!(at(&tree, path!["nodes", 1, "network"]), "\"grid\"");
        assert_eq!(at(&tree, path!["cond", 0, 1, 0, 0]), "3");
        assert_eq!(at(&tree, path!["text"]), "r#\"raw ) string\"#");
        assert_eq!(
            &SRC[tree.locate_key(&path!["nodes", 0, "owner"]).unwrap()],
            "owner"
        );
    }

    #[test]
    fn a_missing_path_falls_back_to_the_deepest_part() {
        let tree = SpanTree::parse(SRC);
        let (span, full) = tree.locate(&path!["nodes", 7, "owner"]).unwrap();
        assert!(!full);
        assert!(SRC[span].starts_with('['));
    }

    #[test]
    fn structure_scan_finds_unbalanced_brackets_and_strings() {
        assert_eq!(
            scan_structure("(a: [1, 2)"),
            Some(ScanProblem::Mismatched {
                at: 9,
                found: ')',
                open: Some((4, '['))
            })
        );
        assert_eq!(
            scan_structure("(a: [1, 2]"),
            Some(ScanProblem::Unclosed(0, '('))
        );
        assert_eq!(
            scan_structure("(a: \"abc)"),
            Some(ScanProblem::UnclosedString(4))
        );
        assert_eq!(
            scan_structure("(a: 1) /* x"),
            Some(ScanProblem::UnclosedComment(7))
        );
        assert_eq!(scan_structure("(a: \"(\")"), None);
        let deep = "[".repeat(MAX_DEPTH + 5);
        assert!(matches!(
            scan_structure(&deep),
            Some(ScanProblem::TooDeep(_))
        ));
        // The parser itself refuses to go deeper than the limit.
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(SpanTree::parse(&deep).root().is_none());
    }
}
