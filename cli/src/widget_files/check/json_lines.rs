//! Where each member of a JSON text starts: `widget.locale` → line 7, `locations[2]` → line 12.
//!
//! serde_json keeps no positions, so this scans the text once more. It only runs on text that
//! serde_json has already parsed, and on anything unexpected it stops with what it has.

use std::collections::HashMap;

/// The 1-based line of every member and array element, by JSON path.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lines(HashMap<String, usize>);

impl Lines {
    /// Indexes `text`.
    pub(crate) fn index(text: &str) -> Lines {
        let mut scanner = Scanner {
            bytes: text.as_bytes(),
            at: 0,
            line: 1,
            out: HashMap::new(),
        };
        scanner.skip_space();
        scanner.out.insert(String::new(), scanner.line);
        scanner.value("");
        Lines(scanner.out)
    }

    /// The line of `path`, or of its nearest indexed ancestor (at worst, the root's).
    pub(crate) fn line(&self, path: &str) -> Option<usize> {
        let mut path = path;
        loop {
            if let Some(&line) = self.0.get(path) {
                return Some(line);
            }
            path = path.rfind(['.', '[']).map_or("", |cut| &path[..cut]);
            if path.is_empty() {
                return self.0.get("").copied();
            }
        }
    }
}

/// `parent.key`, or `key` at the root.
pub(crate) fn member(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// `parent[index]`.
pub(crate) fn element(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
    out: HashMap<String, usize>,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b'\n' => self.line += 1,
                b' ' | b'\t' | b'\r' => {}
                _ => return,
            }
            self.at += 1;
        }
    }

    /// Scans one value; `None` when the text is not as expected.
    fn value(&mut self, path: &str) -> Option<()> {
        self.skip_space();
        match self.peek()? {
            b'{' => {
                self.at += 1;
                loop {
                    self.skip_space();
                    match self.peek()? {
                        b'}' => break,
                        b',' => self.at += 1,
                        b'"' => {
                            let line = self.line;
                            let key = self.string()?;
                            let child = member(path, &key);
                            self.out.entry(child.clone()).or_insert(line);
                            self.skip_space();
                            (self.peek()? == b':').then_some(())?;
                            self.at += 1;
                            self.value(&child)?;
                        }
                        _ => return None,
                    }
                }
                self.at += 1;
            }
            b'[' => {
                self.at += 1;
                let mut index = 0;
                loop {
                    self.skip_space();
                    match self.peek()? {
                        b']' => break,
                        b',' => self.at += 1,
                        _ => {
                            let child = element(path, index);
                            self.out.insert(child.clone(), self.line);
                            self.value(&child)?;
                            index += 1;
                        }
                    }
                }
                self.at += 1;
            }
            b'"' => {
                self.string()?;
            }
            _ => {
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace() {
                        break;
                    }
                    self.at += 1;
                }
            }
        }
        Some(())
    }

    /// Scans a string literal and returns its value.
    fn string(&mut self) -> Option<String> {
        let start = self.at;
        self.at += 1;
        loop {
            match self.peek()? {
                b'\\' => self.at += 2,
                b'"' => break,
                _ => self.at += 1,
            }
        }
        self.at += 1;
        serde_json::from_slice(&self.bytes[start..self.at]).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_and_elements_are_located_and_missing_paths_fall_back_to_an_ancestor() {
        let lines = Lines::index("{\n  \"a\": {\n    \"b\": [1,\n      2]\n  }\n}");
        assert_eq!(lines.line("a.b"), Some(3));
        assert_eq!(lines.line("a.b[1]"), Some(4));
        assert_eq!(lines.line("a.c.d"), Some(2));
        assert_eq!(lines.line("z"), Some(1));
    }
}
