//! XLIFF 1.2 (OASIS), the exchange format of translation tools, written and
//! read with quick-xml.
//!
//! A unit's marks are XLIFF inline elements: a mark around text (a link,
//! bold) is `<g id ctype>`, a mark on its own (inline code, a shortcode, a
//! line break) is `<ph id ctype>` holding the Markdown it stands for, so a
//! translator sees it but moves it whole. On import only the ids count: the
//! Markdown comes from the original page, never from the file.

use std::borrow::Cow;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer, XmlVersion};

use super::units::Piece;
use crate::msg;

const XLIFF_NS: &str = "urn:oasis:names:tc:xliff:document:1.2";
/// helder's own attribute on `<file>`: the hash of the original exported.
const HELDER_NS: &str = "urn:helder:xliff:1";
const HASH_ATTRIBUTE: &str = "source-hash";

/// One page to translate.
pub(crate) struct ExportFile {
    /// `content/PATH.md`
    pub original: String,
    pub source_hash: String,
    /// For the translator: the page's address, audience, level.
    pub note: String,
    pub units: Vec<ExportUnit>,
}

pub(crate) struct ExportUnit {
    pub id: String,
    pub source: Vec<Piece>,
    /// What the unit is ("kop", "alinea", ...).
    pub note: String,
}

/// The XLIFF document for `files`.
pub(crate) fn write(source_lang: &str, target_lang: &str, files: &[ExportFile]) -> Vec<u8> {
    let mut w = Writer::new(Vec::new());
    // Writing into a Vec can not fail.
    let mut emit = |event: Event<'_>| {
        let _ = w.write_event(event);
    };
    emit(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    emit(newline(0));
    let root = BytesStart::new("xliff").with_attributes([
        ("version", "1.2"),
        ("xmlns", XLIFF_NS),
        ("xmlns:helder", HELDER_NS),
    ]);
    emit(Event::Start(root));
    for file in files {
        emit(newline(1));
        let hash_attribute = format!("helder:{HASH_ATTRIBUTE}");
        emit(Event::Start(BytesStart::new("file").with_attributes([
            ("original", file.original.as_str()),
            ("source-language", source_lang),
            ("target-language", target_lang),
            ("datatype", "x-markdown"),
            (hash_attribute.as_str(), file.source_hash.as_str()),
        ])));
        emit(newline(2));
        emit(Event::Start(BytesStart::new("header")));
        emit(newline(3));
        text_element(&mut emit, "note", &file.note);
        emit(newline(2));
        emit(Event::End(BytesEnd::new("header")));
        emit(newline(2));
        emit(Event::Start(BytesStart::new("body")));
        for unit in &file.units {
            emit(newline(3));
            emit(Event::Start(BytesStart::new("trans-unit").with_attributes(
                [("id", unit.id.as_str()), ("resname", unit.id.as_str())],
            )));
            emit(newline(4));
            emit(Event::Start(
                BytesStart::new("source").with_attributes([("xml:lang", source_lang)]),
            ));
            for piece in &unit.source {
                piece_events(piece, &mut emit);
            }
            emit(Event::End(BytesEnd::new("source")));
            emit(newline(4));
            text_element(&mut emit, "note", &unit.note);
            emit(newline(3));
            emit(Event::End(BytesEnd::new("trans-unit")));
        }
        emit(newline(2));
        emit(Event::End(BytesEnd::new("body")));
        emit(newline(1));
        emit(Event::End(BytesEnd::new("file")));
    }
    emit(newline(0));
    emit(Event::End(BytesEnd::new("xliff")));
    emit(newline(0));
    w.into_inner()
}

fn newline(depth: usize) -> Event<'static> {
    Event::Text(BytesText::from_escaped(format!("\n{}", "  ".repeat(depth))))
}

fn text_element(emit: &mut impl FnMut(Event<'_>), name: &str, text: &str) {
    emit(Event::Start(BytesStart::new(name)));
    emit(Event::Text(BytesText::new(text)));
    emit(Event::End(BytesEnd::new(name)));
}

fn piece_events(piece: &Piece, emit: &mut impl FnMut(Event<'_>)) {
    match piece {
        Piece::Text(text) => emit(Event::Text(BytesText::new(text))),
        Piece::Open { id, kind, .. } => {
            let id = id.to_string();
            emit(Event::Start(BytesStart::new("g").with_attributes([
                ("id", id.as_str()),
                ("ctype", kind.ctype(true)),
            ])));
        }
        Piece::Close { .. } => emit(Event::End(BytesEnd::new("g"))),
        Piece::Code { id, kind, markdown } => {
            let id = id.to_string();
            emit(Event::Start(BytesStart::new("ph").with_attributes([
                ("id", id.as_str()),
                ("ctype", kind.ctype(false)),
            ])));
            emit(Event::Text(BytesText::new(markdown)));
            emit(Event::End(BytesEnd::new("ph")));
        }
    }
}

/// What a translator's file says, as far as import needs it.
#[derive(Debug, Default)]
pub(crate) struct Document {
    pub files: Vec<File>,
}

#[derive(Debug, Default)]
pub(crate) struct File {
    pub original: String,
    pub target_language: String,
    pub source_hash: Option<String>,
    pub line: usize,
    pub units: Vec<TransUnit>,
}

#[derive(Debug, Default)]
pub(crate) struct TransUnit {
    pub id: String,
    pub line: usize,
    /// The target's content; None without a `<target>`.
    pub target: Option<Vec<Node>>,
    /// The target's `state` attribute.
    pub state: Option<String>,
}

/// Content of a target: text and inline elements.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Text(String),
    Element {
        name: String,
        id: Option<String>,
        children: Vec<Node>,
    },
}

/// A file that is not XLIFF as helder writes it: the line and what is wrong.
#[derive(Debug)]
pub(crate) struct ReadError {
    pub line: usize,
    pub message: String,
}

/// Reads an XLIFF 1.2 document.
pub(crate) fn read(text: &str) -> Result<Document, ReadError> {
    let mut reader = Reader::from_str(text);
    let line_at = |offset: u64| -> usize {
        let offset = (offset as usize).min(text.len());
        text[..offset].matches('\n').count() + 1
    };
    let mut parser = Parser::default();
    loop {
        let event = reader.read_event().map_err(|e| ReadError {
            line: line_at(reader.error_position()),
            message: msg!("vertalen.xml-fout", fout = e.to_string()),
        })?;
        let line = line_at(reader.buffer_position());
        let done = matches!(event, Event::Eof);
        parser
            .event(event, line)
            .map_err(|message| ReadError { line, message })?;
        if done {
            break;
        }
    }
    // quick-xml ends without complaint where the text ends; a file cut off
    // (saved or downloaded halfway) must not import as a shorter one.
    if let Some(open) = parser.path.last() {
        return Err(ReadError {
            line: line_at(text.trim_end().len() as u64),
            message: msg!("vertalen.xml-afgebroken", element = open),
        });
    }
    if !parser.saw_root {
        return Err(ReadError {
            line: 1,
            message: msg!("vertalen.geen-xliff"),
        });
    }
    Ok(parser.document)
}

/// Builds the [`Document`] from the reader's events.
#[derive(Default)]
struct Parser {
    document: Document,
    saw_root: bool,
    /// Open elements by local name, outermost first.
    path: Vec<String>,
    /// While in a `<target>`: its open inline elements (the last is where
    /// text goes), the target itself first.
    target: Vec<Node>,
}

impl Parser {
    fn event(&mut self, event: Event<'_>, line: usize) -> Result<(), String> {
        match event {
            Event::Start(start) => {
                self.start(&start, line)?;
                self.path.push(local(&start));
            }
            Event::Empty(start) => {
                self.start(&start, line)?;
                self.path.push(local(&start));
                self.end();
            }
            Event::End(_) => self.end(),
            Event::Text(t) => self.text(&t.xml_content(XmlVersion::Implicit1_0)),
            Event::CData(c) => {
                let text = c.into_inner().into_owned();
                self.text(&text);
            }
            Event::GeneralRef(r) => {
                let name = r.xml10_content().into_owned();
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => resolve_predefined_entity(&name)
                        .map(str::to_string)
                        .ok_or_else(|| msg!("vertalen.xml-entiteit", naam = name))?,
                };
                self.text(&resolved);
            }
            _ => {}
        }
        Ok(())
    }

    fn start(&mut self, start: &BytesStart<'_>, line: usize) -> Result<(), String> {
        let name = local(start);
        let attribute = |key: &str| attribute(start, key);
        if self.path.is_empty() {
            if name != "xliff" {
                return Err(msg!("vertalen.geen-xliff"));
            }
            self.saw_root = true;
            return Ok(());
        }
        if !self.target.is_empty() {
            self.target.push(Node::Element {
                name,
                id: attribute("id"),
                children: Vec::new(),
            });
            return Ok(());
        }
        match name.as_str() {
            "file" => self.document.files.push(File {
                original: attribute("original").unwrap_or_default(),
                target_language: attribute("target-language").unwrap_or_default(),
                source_hash: attribute(HASH_ATTRIBUTE),
                line,
                units: Vec::new(),
            }),
            "trans-unit" => {
                if let Some(file) = self.document.files.last_mut() {
                    file.units.push(TransUnit {
                        id: attribute("id").unwrap_or_default(),
                        line,
                        ..TransUnit::default()
                    });
                }
            }
            "target" if self.path.last().is_some_and(|p| p == "trans-unit") => {
                if let Some(unit) = self.current_unit() {
                    if unit.target.is_some() {
                        return Err(msg!("vertalen.target-dubbel", unit = unit.id));
                    }
                    unit.state = attribute("state");
                }
                self.target.push(Node::Element {
                    name,
                    id: None,
                    children: Vec::new(),
                });
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self) {
        self.path.pop();
        if let Some(node) = self.target.pop() {
            match self.target.last_mut() {
                Some(Node::Element { children, .. }) => children.push(node),
                _ => {
                    if let (Some(unit), Node::Element { children, .. }) =
                        (self.current_unit(), node)
                    {
                        unit.target = Some(children);
                    }
                }
            }
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(Node::Element { children, .. }) = self.target.last_mut() {
            match children.last_mut() {
                Some(Node::Text(t)) => t.push_str(text),
                _ => children.push(Node::Text(text.to_string())),
            }
        }
    }

    fn current_unit(&mut self) -> Option<&mut TransUnit> {
        self.document.files.last_mut()?.units.last_mut()
    }
}

/// An element's name without its namespace prefix.
fn local(start: &BytesStart<'_>) -> String {
    start.local_name().as_ref().to_string()
}

/// The value of the attribute whose local name is `key`, whatever its prefix.
fn attribute(start: &BytesStart<'_>, key: &str) -> Option<String> {
    start.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == key).then(|| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .map(Cow::into_owned)
                .unwrap_or_default()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::translate::units::CodeKind;

    #[test]
    fn written_files_read_back() {
        let file = ExportFile {
            original: "content/a.md".into(),
            source_hash: "abc".into(),
            note: "voor ouders".into(),
            units: vec![ExportUnit {
                id: "b1".into(),
                source: vec![
                    Piece::Text("Lees <dit> & ".into()),
                    Piece::Open {
                        id: 1,
                        kind: CodeKind::Link,
                        open: "[".into(),
                    },
                    Piece::Text("de pet".into()),
                    Piece::Close {
                        id: 1,
                        close: "](pet.md)".into(),
                    },
                ],
                note: "alinea".into(),
            }],
        };
        let xml = String::from_utf8(write("nl", "pl", &[file])).unwrap();
        assert!(
            xml.contains("<g id=\"1\" ctype=\"link\">de pet</g>"),
            "{xml}"
        );
        assert!(xml.contains("Lees &lt;dit&gt; &amp; "), "{xml}");
        let with_target = xml.replace(
            "</source>",
            "</source><target state=\"translated\">Czytaj &amp; <g id=\"1\">czapkę</g></target>",
        );
        let doc = read(&with_target).unwrap();
        let unit = &doc.files[0].units[0];
        assert_eq!(doc.files[0].source_hash.as_deref(), Some("abc"));
        assert_eq!(doc.files[0].target_language, "pl");
        assert_eq!(unit.state.as_deref(), Some("translated"));
        assert_eq!(
            unit.target.as_ref().unwrap(),
            &vec![
                Node::Text("Czytaj & ".into()),
                Node::Element {
                    name: "g".into(),
                    id: Some("1".into()),
                    children: vec![Node::Text("czapkę".into())]
                }
            ]
        );
    }

    #[test]
    fn broken_xml_is_an_error_with_its_line() {
        let e = read("<xliff version=\"1.2\">\n<file>\n</xliff>").unwrap_err();
        assert_eq!(e.line, 3, "{}", e.message);
        assert!(read("<html></html>").is_err());
        assert!(read("gewoon tekst").is_err());
    }
}
