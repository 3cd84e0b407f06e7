//! Zola-style inline shortcodes: `{{ name(key="value", n=3, flag=true) }}`.
//!
//! Calls are found in the Markdown source outside code, replaced by a
//! placeholder before parsing, and their HTML is put back into the event
//! stream afterwards, so Markdown never sees (or mangles) their arguments.
//! The call syntax is small and specific to helder, so it is parsed by hand.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::msg;

/// An argument value of a shortcode call.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub(crate) enum ArgValue {
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Call {
    pub name: String,
    pub args: BTreeMap<String, ArgValue>,
    /// Byte range of the whole `{{ ... }}` in the source.
    pub span: Range<usize>,
}

/// A malformed call: where it starts and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CallError {
    pub offset: usize,
    pub message: String,
}

/// Finds shortcode calls in `source`, skipping the byte ranges in `skip`
/// (code spans and blocks). A `{{` that does not look like a call at all
/// (no name followed by `(`) is left as text.
pub(crate) fn find_calls(source: &str, skip: &[Range<usize>]) -> Result<Vec<Call>, CallError> {
    let mut calls = Vec::new();
    let mut search_from = 0;
    while let Some(found) = source[search_from..].find("{{") {
        let start = search_from + found;
        if let Some(r) = skip.iter().find(|r| r.contains(&start)) {
            search_from = r.end.max(start + 2);
            continue;
        }
        match parse_call(source, start)? {
            Some(call) => {
                search_from = call.span.end;
                calls.push(call);
            }
            None => search_from = start + 2,
        }
    }
    Ok(calls)
}

fn parse_call(source: &str, start: usize) -> Result<Option<Call>, CallError> {
    let mut p = Parser {
        s: source,
        i: start + 2,
    };
    p.skip_ws();
    let name = p.ident();
    p.skip_ws();
    if name.is_empty() || !p.eat('(') {
        return Ok(None);
    }
    let err = |offset: usize, message: String| CallError {
        offset,
        message: msg!("shortcode.fout", naam = name, fout = message),
    };
    let mut args = BTreeMap::new();
    loop {
        p.skip_ws();
        if p.eat(')') {
            break;
        }
        let key = p.ident();
        if key.is_empty() {
            return Err(err(p.i, msg!("shortcode.naam-verwacht")));
        }
        p.skip_ws();
        if !p.eat('=') {
            return Err(err(p.i, msg!("shortcode.is-verwacht", sleutel = key)));
        }
        p.skip_ws();
        let value = p
            .value()
            .ok_or_else(|| err(p.i, msg!("shortcode.waarde-fout", sleutel = key)))?;
        if args.insert(key.clone(), value).is_some() {
            return Err(err(p.i, msg!("shortcode.dubbel", sleutel = key)));
        }
        p.skip_ws();
        if p.eat(',') {
            continue;
        }
        if p.eat(')') {
            break;
        }
        return Err(err(p.i, msg!("shortcode.komma-verwacht")));
    }
    p.skip_ws();
    if !p.s[p.i..].starts_with("}}") {
        return Err(err(p.i, msg!("shortcode.sluiten-verwacht")));
    }
    Ok(Some(Call {
        name,
        args,
        span: start..p.i + 2,
    }))
}

struct Parser<'a> {
    s: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.i..].chars().next()
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek() {
            if !c.is_whitespace() {
                break;
            }
            self.i += c.len_utf8();
        }
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.i += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn ident(&mut self) -> String {
        let start = self.i;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == '_' || (c == '-' && self.i > start) {
                self.i += 1;
            } else {
                break;
            }
        }
        self.s[start..self.i].to_string()
    }

    fn value(&mut self) -> Option<ArgValue> {
        match self.peek()? {
            q @ ('"' | '\'') => {
                self.i += 1;
                let mut out = String::new();
                loop {
                    let c = self.peek()?;
                    self.i += c.len_utf8();
                    match c {
                        '\\' => {
                            let escaped = self.peek()?;
                            self.i += escaped.len_utf8();
                            out.push(match escaped {
                                'n' => '\n',
                                other => other,
                            });
                        }
                        c if c == q => return Some(ArgValue::Text(out)),
                        c => out.push(c),
                    }
                }
            }
            _ => {
                let start = self.i;
                while let Some(c) = self.peek() {
                    if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '+' {
                        self.i += 1;
                    } else {
                        break;
                    }
                }
                let word = &self.s[start..self.i];
                match word {
                    "true" => Some(ArgValue::Bool(true)),
                    "false" => Some(ArgValue::Bool(false)),
                    _ => word
                        .parse::<i64>()
                        .map(ArgValue::Int)
                        .or_else(|_| word.parse::<f64>().map(ArgValue::Float))
                        .ok(),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_calls_with_arguments() {
        let src = r#"Zet {{ cap(color="wit", big=true, n=2) }} hier."#;
        let calls = find_calls(src, &[]).unwrap();
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].name, "cap");
        assert_eq!(calls[0].args["color"], ArgValue::Text("wit".into()));
        assert_eq!(calls[0].args["big"], ArgValue::Bool(true));
        assert_eq!(calls[0].args["n"], ArgValue::Int(2));
        assert_eq!(
            &src[calls[0].span.clone()],
            r#"{{ cap(color="wit", big=true, n=2) }}"#
        );
    }

    #[test]
    fn text_that_is_not_a_call_is_left_alone() {
        assert!(find_calls("{{ geen shortcode }} en {{", &[])
            .unwrap()
            .is_empty());
    }

    #[test]
    fn skipped_ranges_are_not_searched() {
        let src = "`{{ cap(color=\"wit\") }}`";
        let whole = std::ops::Range {
            start: 0,
            end: src.len(),
        };
        assert!(find_calls(src, std::slice::from_ref(&whole))
            .unwrap()
            .is_empty());
    }

    #[test]
    fn malformed_calls_are_errors() {
        let e = find_calls(r#"{{ cap(color="wit" }}"#, &[]).unwrap_err();
        assert!(e.message.contains("een `,` of een `)`"), "{}", e.message);
        assert!(find_calls(r#"{{ cap(color=wit) }}"#, &[]).is_err());
        assert!(find_calls(r#"{{ cap(color="wit") "#, &[]).is_err());
        assert!(find_calls(r#"{{ cap(color="wit"#, &[]).is_err());
    }
}
