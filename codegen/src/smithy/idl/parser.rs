//! Turns the tokens of one IDL file into its statements ([`IdlFile`]), following the IDL 2.0
//! grammar and its whitespace rules (where a line break, a space, or any whitespace is required).
//!
//! The first syntax error ends parsing; it is reported with its line and column. Version gates
//! (2.0-only syntax in a 1.0 file) are checked here too, where the position is known.

use std::collections::HashSet;

use crate::diagnostics::Diagnostic;

use super::lexer::{lexeme, source_chars, tokenize, Pos, Tok, Token};
use super::node::{Entry, Node, NodeAt};
use super::syntax::{
    ApplyDef, Body, Docs, IdlFile, MemberDef, MetadataDef, OperationBody, RawId, ShapeDef,
    Statement, TraitApp, UseDef, Version,
};

/// How deeply arrays, objects and structured trait values may nest.
const MAX_NESTING: usize = 64;

/// How much of an unexpected token a diagnostic shows.
const MAX_LEXEME_SHOWN: usize = 40;

/// Simple shape type keywords.
const SIMPLE_TYPES: &[&str] = &[
    "blob",
    "boolean",
    "document",
    "string",
    "byte",
    "short",
    "integer",
    "long",
    "float",
    "double",
    "bigInteger",
    "bigDecimal",
    "timestamp",
];

type PResult<T> = Result<T, Box<Diagnostic>>;

/// Parses one file.
pub fn parse_file(text: &str, file: &str) -> Result<IdlFile, Box<Diagnostic>> {
    let mut parser = Parser::new(text, file);
    parser.file_body()?;
    Ok(parser.out)
}

struct Parser {
    chars: Vec<char>,
    tokens: Vec<Token>,
    index: usize,
    depth: usize,
    input_suffix: String,
    output_suffix: String,
    out: IdlFile,
}

impl Parser {
    fn new(text: &str, file: &str) -> Self {
        Parser {
            chars: source_chars(text),
            tokens: tokenize(text),
            index: 0,
            depth: 0,
            input_suffix: "Input".to_string(),
            output_suffix: "Output".to_string(),
            out: IdlFile {
                file: file.to_string(),
                version: Version::V1,
                version_text: "1.0".to_string(),
                metadata: Vec::new(),
                namespace: None,
                uses: Vec::new(),
                statements: Vec::new(),
            },
        }
    }

    // ----- token cursor -------------------------------------------------------------------

    fn token(&self) -> &Token {
        // `tokenize` always ends with Eof and `advance` never moves past it.
        &self.tokens[self.index.min(self.tokens.len() - 1)]
    }

    fn tok(&self) -> &Tok {
        &self.token().tok
    }

    fn pos(&self) -> Pos {
        self.token().pos
    }

    fn advance(&mut self) {
        if self.index + 1 < self.tokens.len() {
            self.index += 1;
        }
    }

    fn at_eof(&self) -> bool {
        *self.tok() == Tok::Eof
    }

    fn is_ident(&self, word: &str) -> bool {
        matches!(self.tok(), Tok::Ident(w) if w == word)
    }

    /// The first token from here that is not whitespace or a doc comment.
    fn peek_significant(&self) -> &Tok {
        self.tokens[self.index..]
            .iter()
            .map(|t| &t.tok)
            .find(|t| !t.is_ws() && !matches!(t, Tok::DocComment(_)))
            .unwrap_or(&Tok::Eof)
    }

    fn skip_spaces(&mut self) {
        while *self.tok() == Tok::Space {
            self.advance();
        }
    }

    fn skip_ws(&mut self) {
        while self.tok().is_ws() {
            self.advance();
        }
    }

    fn skip_ws_and_docs(&mut self) {
        while self.tok().is_ws() || matches!(self.tok(), Tok::DocComment(_)) {
            self.advance();
        }
    }

    // ----- diagnostics --------------------------------------------------------------------

    fn error_at(&self, pos: Pos, location: &str, message: impl Into<String>) -> Box<Diagnostic> {
        Box::new(Diagnostic::error(&self.out.file, location, message).at(pos.line, pos.col))
    }

    fn error(&self, message: impl Into<String>) -> Box<Diagnostic> {
        self.error_at(self.pos(), "", message)
    }

    /// `NAME('lexeme')` for the current token; a long lexeme (an unterminated text block can
    /// run to the end of the file) is cut after [`MAX_LEXEME_SHOWN`] characters.
    fn describe_current(&self) -> String {
        let token = self.token();
        if token.tok == Tok::Eof {
            return "EOF".to_string();
        }
        let lexeme = lexeme(&self.chars, token);
        let shown: String = lexeme.chars().take(MAX_LEXEME_SHOWN).collect();
        let cut = if shown.len() < lexeme.len() {
            "…"
        } else {
            ""
        };
        format!("{}('{}{cut}')", token.tok.name(), shown.escape_debug())
    }

    /// "Expected X but found Y" (or the lexer's message when the current token is an error).
    fn expected(&self, wanted: &[&str]) -> Box<Diagnostic> {
        if let Tok::Error(message) = self.tok() {
            return self.error(message.clone());
        }
        let found = self.describe_current();
        match wanted {
            [one] => self.error(format!("Expected {one} but found {found}")),
            many => self.error(format!(
                "Expected one of {}; but found {found}",
                many.join(", ")
            )),
        }
    }

    fn expect(&mut self, want: Tok, name: &str) -> PResult<()> {
        if *self.tok() == want {
            self.advance();
            Ok(())
        } else {
            Err(self.expected(&[name]))
        }
    }

    fn expect_ident(&mut self) -> PResult<String> {
        match self.tok() {
            Tok::Ident(word) => {
                let word = word.clone();
                self.advance();
                Ok(word)
            }
            _ => Err(self.expected(&["IDENTIFIER"])),
        }
    }

    /// The `BR` production: optional spaces (and commas), then a line break, comment or EOF.
    fn expect_br(&mut self) -> PResult<()> {
        while matches!(self.tok(), Tok::Space | Tok::Comma) {
            self.advance();
        }
        match self.tok() {
            Tok::Newline | Tok::Comment | Tok::DocComment(_) => {
                self.advance();
                self.skip_ws();
                Ok(())
            }
            Tok::Eof => Ok(()),
            _ => Err(self.error(format!(
                "Expected a line break, but found {}",
                self.describe_current()
            ))),
        }
    }

    fn expect_spaces(&mut self) -> PResult<()> {
        if *self.tok() != Tok::Space {
            return Err(self.expected(&["SPACE(' ')"]));
        }
        self.skip_spaces();
        Ok(())
    }

    fn expect_whitespace(&mut self) -> PResult<()> {
        if !self.tok().is_ws() {
            return Err(self.error(format!(
                "Expected one or more whitespace characters, but found {}",
                self.describe_current()
            )));
        }
        self.skip_ws_and_docs();
        Ok(())
    }

    /// The source text of the token a node value starts with (for diagnostics).
    fn source_text(&self, value: &NodeAt) -> String {
        self.tokens
            .iter()
            .find(|t| t.pos == value.pos)
            .map(|t| lexeme(&self.chars, t))
            .unwrap_or_else(|| value.kind_name().to_string())
    }

    fn require_v2(&self, pos: Pos, location: &str, what: &str) -> PResult<()> {
        if self.out.version == Version::V2 {
            Ok(())
        } else {
            Err(self.error_at(
                pos,
                location,
                format!("{what} (this file uses version 1.0)"),
            ))
        }
    }

    fn shape_id_of(&self, name: &str) -> String {
        match &self.out.namespace {
            Some(ns) => format!("{ns}#{name}"),
            None => name.to_string(),
        }
    }

    // ----- file structure -----------------------------------------------------------------

    fn file_body(&mut self) -> PResult<()> {
        self.skip_ws_and_docs();
        self.control_section()?;
        self.skip_ws_and_docs();
        self.metadata_section()?;
        self.skip_ws_and_docs();
        self.shape_section()
    }

    fn control_section(&mut self) -> PResult<()> {
        let mut seen = HashSet::new();
        while *self.tok() == Tok::Dollar {
            self.advance();
            let key = match self.tok() {
                Tok::Ident(s) | Tok::Str(s) => s.clone(),
                _ => return Err(self.expected(&["IDENTIFIER", "STRING('\"')"])),
            };
            self.advance();
            self.skip_spaces();
            self.expect(Tok::Colon, "COLON(':')")?;
            self.skip_spaces();
            if !seen.insert(key.clone()) {
                return Err(self.error(format!("Duplicate control statement `{key}`")));
            }
            let value = self.node()?;
            self.control_statement(&key, &value)?;
            self.expect_br()?;
        }
        Ok(())
    }

    fn control_statement(&mut self, key: &str, value: &NodeAt) -> PResult<()> {
        let text = match (&value.node, key) {
            (Node::Str(s), _) => s.clone(),
            (_, "version" | "operationInputSuffix" | "operationOutputSuffix") => {
                return Err(self.error_at(
                    value.pos,
                    "",
                    format!(
                        "The ${key} control statement must have a string value, but found {}",
                        self.source_text(value)
                    ),
                ))
            }
            // Unknown control statements are ignored, as the spec requires.
            _ => return Ok(()),
        };
        match key {
            "version" => {
                let (version, normalized) = match text.as_str() {
                    "1" | "1.0" => (Version::V1, "1.0"),
                    "2" | "2.0" => (Version::V2, "2.0"),
                    _ => {
                        return Err(self.error_at(
                            value.pos,
                            "",
                            format!("Unsupported Smithy version number: {text}"),
                        ))
                    }
                };
                self.out.version = version;
                self.out.version_text = normalized.to_string();
            }
            "operationInputSuffix" => self.input_suffix = text,
            "operationOutputSuffix" => self.output_suffix = text,
            _ => {}
        }
        Ok(())
    }

    fn metadata_section(&mut self) -> PResult<()> {
        while matches!(self.peek_significant(), Tok::Ident(w) if w == "metadata") {
            self.skip_ws_and_docs();
            let pos = self.pos();
            self.advance();
            self.expect_spaces()?;
            let key = match self.tok() {
                Tok::Ident(s) | Tok::Str(s) => s.clone(),
                _ => return Err(self.expected(&["IDENTIFIER", "STRING('\"')"])),
            };
            self.advance();
            self.skip_spaces();
            self.expect(Tok::Equal, "EQUAL('=')")?;
            self.skip_spaces();
            let value = self.node()?;
            self.out.metadata.push(MetadataDef { key, pos, value });
            self.expect_br()?;
        }
        Ok(())
    }

    fn shape_section(&mut self) -> PResult<()> {
        if self.at_eof() {
            return Ok(());
        }
        if !self.is_ident("namespace") {
            return Err(self.error(format!(
                "Expected a namespace definition but found {}",
                self.describe_current()
            )));
        }
        self.advance();
        self.expect_spaces()?;
        let namespace = self.namespace()?;
        self.out.namespace = Some(namespace);
        self.expect_br()?;
        while matches!(self.peek_significant(), Tok::Ident(w) if w == "use") {
            self.skip_ws_and_docs();
            self.use_statement()?;
            self.expect_br()?;
        }
        while !self.at_eof() {
            self.statement()?;
        }
        Ok(())
    }

    fn namespace(&mut self) -> PResult<String> {
        let mut text = self.expect_ident()?;
        while *self.tok() == Tok::Dot {
            self.advance();
            text.push('.');
            text.push_str(&self.expect_ident()?);
        }
        Ok(text)
    }

    fn use_statement(&mut self) -> PResult<()> {
        self.advance();
        self.expect_spaces()?;
        let pos = self.pos();
        let namespace = self.namespace()?;
        self.expect(Tok::Pound, "POUND('#')")?;
        let name = self.expect_ident()?;
        if *self.tok() == Tok::Dollar {
            return Err(self.error_at(pos, "", "Use statements cannot use members"));
        }
        let id = format!("{namespace}#{name}");
        if let Some(previous) = self.out.uses.iter().find(|u| u.name == name) {
            if previous.id != id {
                return Err(self.error_at(
                    pos,
                    "",
                    format!(
                        "Cannot use name `{id}` because it conflicts with `{}`",
                        previous.id
                    ),
                ));
            }
        }
        self.out.uses.push(UseDef { id, name, pos });
        Ok(())
    }

    // ----- shape ids and traits -----------------------------------------------------------

    /// `name`, `ns.a#name`, with an optional `$member`; no whitespace inside.
    fn shape_id(&mut self) -> PResult<RawId> {
        let pos = self.pos();
        let mut text = self.expect_ident()?;
        let mut dotted = false;
        while *self.tok() == Tok::Dot {
            self.advance();
            dotted = true;
            text.push('.');
            text.push_str(&self.expect_ident()?);
        }
        if *self.tok() == Tok::Pound {
            self.advance();
            text.push('#');
            text.push_str(&self.expect_ident()?);
        } else if dotted {
            return Err(self.expected(&["POUND('#')"]));
        }
        if *self.tok() == Tok::Dollar {
            self.advance();
            text.push('$');
            text.push_str(&self.expect_ident()?);
        }
        Ok(RawId { text, pos })
    }

    /// Documentation comments directly before a shape or member, then its traits.
    fn docs_and_traits(&mut self) -> PResult<(Option<Docs>, Vec<TraitApp>)> {
        self.skip_ws();
        let mut docs = None;
        if matches!(self.tok(), Tok::DocComment(_)) {
            let pos = self.pos();
            let mut lines = Vec::new();
            while self.tok().is_ws() || matches!(self.tok(), Tok::DocComment(_)) {
                if let Tok::DocComment(line) = self.tok() {
                    lines.push(line.clone());
                }
                self.advance();
            }
            docs = Some(Docs {
                text: lines.join("\n"),
                pos,
            });
        }
        self.skip_ws_and_docs();
        let traits = self.traits()?;
        Ok((docs, traits))
    }

    fn traits(&mut self) -> PResult<Vec<TraitApp>> {
        let mut traits = Vec::new();
        while *self.tok() == Tok::At {
            traits.push(self.trait_app()?);
            self.skip_ws_and_docs();
        }
        Ok(traits)
    }

    fn trait_app(&mut self) -> PResult<TraitApp> {
        self.expect(Tok::At, "AT('@')")?;
        let id = self.shape_id()?;
        if *self.tok() != Tok::LParen {
            return Ok(TraitApp { id, value: None });
        }
        self.advance();
        self.skip_ws_and_docs();
        if *self.tok() == Tok::RParen {
            self.advance();
            return Ok(TraitApp { id, value: None });
        }
        let value = self.trait_body()?;
        self.skip_ws_and_docs();
        self.expect(Tok::RParen, "RPAREN(')')")?;
        Ok(TraitApp {
            id,
            value: Some(value),
        })
    }

    fn trait_body(&mut self) -> PResult<NodeAt> {
        let pos = self.pos();
        match self.tok().clone() {
            Tok::LBrace | Tok::LBracket | Tok::TextBlock(_) | Tok::Number(_) => {
                let value = self.node()?;
                self.skip_ws_and_docs();
                Ok(value)
            }
            Tok::Str(text) => {
                self.advance();
                self.skip_ws_and_docs();
                if *self.tok() == Tok::Colon {
                    self.advance();
                    self.skip_ws_and_docs();
                    self.structured_trait(text, pos)
                } else {
                    Ok(NodeAt {
                        node: Node::Str(text),
                        pos,
                    })
                }
            }
            Tok::Ident(_) => {
                let id = self.shape_id()?;
                self.skip_ws_and_docs();
                let definitely_id = id.text.contains(['.', '$', '#']);
                if *self.tok() == Tok::RParen || definitely_id {
                    Ok(identifier_node(id))
                } else {
                    self.expect(Tok::Colon, "COLON(':')")?;
                    self.skip_ws_and_docs();
                    self.structured_trait(id.text, pos)
                }
            }
            _ => Err(self.expected(&[
                "LBRACE('{')",
                "LBRACKET('[')",
                "TEXT_BLOCK('\"\"\"')",
                "STRING('\"')",
                "NUMBER",
                "IDENTIFIER",
            ])),
        }
    }

    /// `@trait(key: value, ...)` after the first key and its colon.
    fn structured_trait(&mut self, first_key: String, pos: Pos) -> PResult<NodeAt> {
        self.enter_nesting()?;
        let first = self.node()?;
        let mut entries = vec![Entry {
            key: first_key,
            pos,
            value: first,
        }];
        self.skip_ws_and_docs();
        while *self.tok() != Tok::RParen {
            let key_pos = self.pos();
            let key = match self.tok() {
                Tok::Ident(s) | Tok::Str(s) => s.clone(),
                _ => return Err(self.expected(&["IDENTIFIER", "STRING('\"')"])),
            };
            self.advance();
            self.skip_ws_and_docs();
            self.expect(Tok::Colon, "COLON(':')")?;
            self.skip_ws_and_docs();
            let value = self.node()?;
            if entries.iter().any(|e| e.key == key) {
                return Err(self.error_at(
                    key_pos,
                    "",
                    format!("Duplicate member of trait: '{key}'"),
                ));
            }
            entries.push(Entry {
                key,
                pos: key_pos,
                value,
            });
            self.skip_ws_and_docs();
        }
        self.depth -= 1;
        Ok(NodeAt {
            node: Node::Object(entries),
            pos,
        })
    }

    // ----- node values --------------------------------------------------------------------

    fn enter_nesting(&mut self) -> PResult<()> {
        if self.depth >= MAX_NESTING {
            return Err(self.error(format!(
                "Parser exceeded maximum allowed depth of {MAX_NESTING}"
            )));
        }
        self.depth += 1;
        Ok(())
    }

    fn node(&mut self) -> PResult<NodeAt> {
        let pos = self.pos();
        let node = match self.tok().clone() {
            Tok::LBrace => return self.object_node(),
            Tok::LBracket => return self.array_node(),
            Tok::Str(s) | Tok::TextBlock(s) => Node::Str(s),
            Tok::Number(n) => Node::Number(n),
            Tok::Ident(_) => return Ok(identifier_node(self.shape_id()?)),
            _ => {
                return Err(self.expected(&[
                    "STRING('\"')",
                    "TEXT_BLOCK('\"\"\"')",
                    "NUMBER",
                    "IDENTIFIER",
                    "LBRACE('{')",
                    "LBRACKET('[')",
                ]))
            }
        };
        self.advance();
        Ok(NodeAt { node, pos })
    }

    fn array_node(&mut self) -> PResult<NodeAt> {
        let pos = self.pos();
        self.enter_nesting()?;
        self.advance();
        self.skip_ws_and_docs();
        let mut items = Vec::new();
        while *self.tok() != Tok::RBracket {
            items.push(self.node()?);
            self.skip_ws_and_docs();
        }
        self.advance();
        self.depth -= 1;
        Ok(NodeAt {
            node: Node::Array(items),
            pos,
        })
    }

    fn object_node(&mut self) -> PResult<NodeAt> {
        let pos = self.pos();
        self.enter_nesting()?;
        self.advance();
        self.skip_ws_and_docs();
        let mut entries: Vec<Entry> = Vec::new();
        while *self.tok() != Tok::RBrace {
            let key_pos = self.pos();
            let key = match self.tok() {
                Tok::Ident(s) | Tok::Str(s) => s.clone(),
                _ => return Err(self.expected(&["RBRACE('}')", "STRING('\"')", "IDENTIFIER"])),
            };
            self.advance();
            self.skip_ws_and_docs();
            self.expect(Tok::Colon, "COLON(':')")?;
            self.skip_ws_and_docs();
            let value = self.node()?;
            if entries.iter().any(|e| e.key == key) {
                return Err(self.error_at(
                    key_pos,
                    "",
                    format!("Duplicate member of object: '{key}'"),
                ));
            }
            entries.push(Entry {
                key,
                pos: key_pos,
                value,
            });
            self.skip_ws_and_docs();
        }
        self.advance();
        self.depth -= 1;
        Ok(NodeAt {
            node: Node::Object(entries),
            pos,
        })
    }

    // ----- statements ---------------------------------------------------------------------

    fn statement(&mut self) -> PResult<()> {
        let (docs, traits) = self.docs_and_traits()?;
        if self.at_eof() {
            if traits.is_empty() {
                return Ok(());
            }
            return Err(self.expected(&["IDENTIFIER"]));
        }
        let pos = self.pos();
        let keyword = match self.tok() {
            Tok::Ident(word) => word.clone(),
            _ => return Err(self.expected(&["IDENTIFIER"])),
        };
        if keyword == "apply" {
            if !traits.is_empty() {
                return Err(self.error("Traits applied to apply statement"));
            }
            let apply = self.apply_statement()?;
            self.out.statements.push(Statement::Apply(apply));
            return self.expect_br();
        }
        if !is_shape_type(&keyword) {
            return Err(self.error(format!("Unknown shape type: {keyword}")));
        }
        self.advance();
        self.expect_spaces()?;
        let name = self.shape_name()?;
        let mut shape = ShapeDef {
            kind: keyword,
            name,
            pos,
            docs,
            traits,
            for_resource: None,
            mixins: Vec::new(),
            body: Body::Simple,
        };
        let inline = self.shape_body(&mut shape)?;
        self.out.statements.push(Statement::Shape(Box::new(shape)));
        self.out
            .statements
            .extend(inline.into_iter().map(|s| Statement::Shape(Box::new(s))));
        self.expect_br()
    }

    fn shape_name(&mut self) -> PResult<String> {
        let pos = self.pos();
        let name = self.expect_ident()?;
        if let Some(used) = self.out.uses.iter().find(|u| u.name == name) {
            return Err(self.error_at(
                pos,
                &self.shape_id_of(&name),
                format!(
                    "Shape name `{name}` conflicts with imported shape `{}`",
                    used.id
                ),
            ));
        }
        Ok(name)
    }

    /// Parses what follows the shape name; returns inline input/output structures.
    fn shape_body(&mut self, shape: &mut ShapeDef) -> PResult<Vec<ShapeDef>> {
        let id = self.shape_id_of(&shape.name);
        match shape.kind.as_str() {
            "set" if self.out.version == Version::V2 => {
                return Err(self.error_at(
                    shape.pos,
                    &id,
                    "set shapes cannot be used in Smithy version 2.0; use a list with @uniqueItems",
                ))
            }
            "enum" | "intEnum" if self.out.version == Version::V1 => {
                return Err(self.error_at(
                    shape.pos,
                    &id,
                    format!("{} shapes cannot be used in Smithy version 1.0", shape.kind),
                ))
            }
            _ => {}
        }
        match shape.kind.as_str() {
            "list" | "set" => {
                shape.for_resource = self.for_resource(&id)?;
                shape.mixins = self.mixins(&id)?;
                self.open_brace()?;
                self.skip_ws();
                let member = self.fixed_member(&id, "member")?;
                self.close_brace()?;
                shape.body = Body::List(member);
            }
            "map" => {
                shape.for_resource = self.for_resource(&id)?;
                shape.mixins = self.mixins(&id)?;
                self.open_brace()?;
                self.skip_ws();
                let key = self.fixed_member(&id, "key")?;
                self.skip_ws();
                let value = self.fixed_member(&id, "value")?;
                self.close_brace()?;
                shape.body = Body::Map { key, value };
            }
            "structure" | "union" => {
                shape.for_resource = self.for_resource(&id)?;
                shape.mixins = self.mixins(&id)?;
                shape.body = Body::Members(self.structure_members(&id, shape.kind == "structure")?);
            }
            "enum" | "intEnum" => {
                shape.mixins = self.mixins(&id)?;
                shape.body = Body::Members(self.enum_members(&id)?);
            }
            "service" | "resource" => {
                shape.mixins = self.mixins(&id)?;
                self.skip_ws_and_docs();
                if *self.tok() != Tok::LBrace {
                    return Err(self.expected(&["LBRACE('{')"]));
                }
                shape.body = Body::Properties(self.node()?);
            }
            "operation" => {
                shape.mixins = self.mixins(&id)?;
                let (body, inline) = self.operation_body(&shape.name, &id)?;
                shape.body = Body::Operation(body);
                return Ok(inline);
            }
            _ => shape.mixins = self.mixins(&id)?,
        }
        Ok(Vec::new())
    }

    fn open_brace(&mut self) -> PResult<()> {
        self.skip_ws_and_docs();
        self.expect(Tok::LBrace, "LBRACE('{')")
    }

    fn close_brace(&mut self) -> PResult<()> {
        self.skip_ws_and_docs();
        self.expect(Tok::RBrace, "RBRACE('}')")
    }

    /// ` for Resource`.
    fn for_resource(&mut self, id: &str) -> PResult<Option<RawId>> {
        self.skip_spaces();
        if !self.is_ident("for") {
            return Ok(None);
        }
        self.require_v2(
            self.pos(),
            id,
            "Structures can only be bound to resources with Smithy version 2 or later",
        )?;
        self.advance();
        self.expect_spaces()?;
        Ok(Some(self.shape_id()?))
    }

    /// ` with [A, B]`.
    fn mixins(&mut self, id: &str) -> PResult<Vec<RawId>> {
        self.skip_spaces();
        if !self.is_ident("with") {
            return Ok(Vec::new());
        }
        self.require_v2(
            self.pos(),
            id,
            "Mixins can only be used with Smithy version 2 or later",
        )?;
        self.advance();
        self.skip_ws_and_docs();
        self.expect(Tok::LBracket, "LBRACKET('[')")?;
        self.skip_ws_and_docs();
        let mut mixins = Vec::new();
        loop {
            mixins.push(self.shape_id()?);
            self.skip_ws_and_docs();
            if *self.tok() == Tok::RBracket {
                self.advance();
                return Ok(mixins);
            }
        }
    }

    /// The `member` of a list, or the `key`/`value` of a map (possibly elided, possibly absent).
    fn fixed_member(&mut self, id: &str, name: &str) -> PResult<Option<Box<MemberDef>>> {
        let (docs, traits) = self.docs_and_traits()?;
        let pos = self.pos();
        let elided = *self.tok() == Tok::Dollar;
        if elided {
            self.require_v2(
                pos,
                &format!("{id}${name}"),
                "Members can only elide targets in IDL version 2 or later",
            )?;
            self.advance();
        } else if !matches!(self.tok(), Tok::Ident(w) if w.starts_with(&name[..1])) {
            if traits.is_empty() {
                return Ok(None);
            }
            return Err(self.error("Expected member definition to follow traits"));
        }
        match self.tok() {
            Tok::Ident(w) if w == name => self.advance(),
            Tok::Ident(w) => {
                return Err(self.error(format!("Expected `{name}`, but found `{w}`")));
            }
            _ => return Err(self.expected(&["IDENTIFIER"])),
        }
        let target = if elided {
            None
        } else {
            self.skip_ws_and_docs();
            self.expect(Tok::Colon, "COLON(':')")?;
            self.skip_ws_and_docs();
            Some(self.shape_id()?)
        };
        Ok(Some(Box::new(MemberDef {
            name: name.to_string(),
            pos,
            target,
            elided,
            docs,
            traits,
            default: None,
            enum_value: None,
        })))
    }

    fn structure_members(&mut self, id: &str, allow_default: bool) -> PResult<Vec<MemberDef>> {
        self.open_brace()?;
        self.skip_ws();
        let mut members: Vec<MemberDef> = Vec::new();
        while !self.at_eof() && *self.tok() != Tok::RBrace {
            let (docs, traits) = self.docs_and_traits()?;
            if *self.tok() == Tok::RBrace && traits.is_empty() {
                break;
            }
            let mut member = self.structure_member(id, &members)?;
            member.docs = docs;
            member.traits = traits;
            if allow_default {
                member.default = self.value_assignment(&format!("{id}${}", member.name))?;
            }
            members.push(member);
            self.skip_ws();
        }
        self.expect(Tok::RBrace, "RBRACE('}')")?;
        Ok(members)
    }

    /// `name: Target` or `$name`, after the member's traits.
    fn structure_member(&mut self, id: &str, previous: &[MemberDef]) -> PResult<MemberDef> {
        let pos = self.pos();
        let elided = *self.tok() == Tok::Dollar;
        if elided {
            self.advance();
        }
        let name = match self.tok() {
            Tok::Ident(w) => w.clone(),
            _ => return Err(self.expected(&["IDENTIFIER"])),
        };
        if previous.iter().any(|m| m.name == name) {
            return Err(self.error_at(
                self.pos(),
                id,
                format!("Duplicate member of `{id}`: '{name}'"),
            ));
        }
        if elided {
            self.require_v2(
                pos,
                &format!("{id}${name}"),
                "Members can only elide targets in IDL version 2 or later",
            )?;
        }
        self.advance();
        let target = if elided {
            None
        } else {
            self.skip_spaces();
            self.expect(Tok::Colon, "COLON(':')")?;
            self.skip_spaces();
            Some(self.shape_id()?)
        };
        Ok(MemberDef {
            name,
            pos,
            target,
            elided,
            docs: None,
            traits: Vec::new(),
            default: None,
            enum_value: None,
        })
    }

    /// ` = value` then a line break (sugar for `@default`), if present.
    fn value_assignment(&mut self, member_id: &str) -> PResult<Option<NodeAt>> {
        self.skip_spaces();
        if *self.tok() != Tok::Equal {
            return Ok(None);
        }
        self.require_v2(
            self.pos(),
            member_id,
            "@default assignment is only supported in IDL version 2 or later",
        )?;
        self.advance();
        self.skip_spaces();
        let value = self.node()?;
        self.expect_br()?;
        Ok(Some(value))
    }

    fn enum_members(&mut self, id: &str) -> PResult<Vec<MemberDef>> {
        self.open_brace()?;
        self.skip_ws();
        let mut members: Vec<MemberDef> = Vec::new();
        while !self.at_eof() && *self.tok() != Tok::RBrace {
            let (docs, traits) = self.docs_and_traits()?;
            if *self.tok() == Tok::RBrace && traits.is_empty() {
                break;
            }
            let pos = self.pos();
            let name = match self.tok() {
                Tok::Ident(w) => w.clone(),
                _ => return Err(self.expected(&["IDENTIFIER"])),
            };
            if members.iter().any(|m| m.name == name) {
                return Err(self.error_at(
                    pos,
                    id,
                    format!("Found conflicting member name, `{name}`"),
                ));
            }
            self.advance();
            self.skip_spaces();
            let mut enum_value = None;
            if *self.tok() == Tok::Equal {
                self.advance();
                self.skip_spaces();
                enum_value = Some(self.node()?);
                self.expect_br()?;
            } else {
                self.skip_ws();
            }
            members.push(MemberDef {
                name,
                pos,
                target: None,
                elided: false,
                docs,
                traits,
                default: None,
                enum_value,
            });
        }
        self.expect(Tok::RBrace, "RBRACE('}')")?;
        Ok(members)
    }

    fn operation_body(&mut self, name: &str, id: &str) -> PResult<(OperationBody, Vec<ShapeDef>)> {
        self.open_brace()?;
        self.skip_ws_and_docs();
        let mut body = OperationBody::default();
        let mut inline = Vec::new();
        let mut seen = HashSet::new();
        while !self.at_eof() && *self.tok() != Tok::RBrace {
            let key_pos = self.pos();
            let key = self.expect_ident()?;
            if !seen.insert(key.clone()) {
                return Err(self.error_at(
                    key_pos,
                    id,
                    format!("Duplicate operation {key} property for `{id}`"),
                ));
            }
            self.skip_ws_and_docs();
            match key.as_str() {
                "input" | "output" => {
                    let (suffix, marker) = if key == "input" {
                        (self.input_suffix.clone(), "smithy.api#input")
                    } else {
                        (self.output_suffix.clone(), "smithy.api#output")
                    };
                    let target = if *self.tok() == Tok::Walrus {
                        let shape = self.inline_structure(id, name, &suffix, marker)?;
                        let target = RawId {
                            text: shape.name.clone(),
                            pos: shape.pos,
                        };
                        inline.push(shape);
                        target
                    } else {
                        self.expect(Tok::Colon, "COLON(':')")?;
                        self.skip_ws_and_docs();
                        self.shape_id()?
                    };
                    if key == "input" {
                        body.input = Some(target);
                    } else {
                        body.output = Some(target);
                    }
                }
                "errors" => {
                    self.expect(Tok::Colon, "COLON(':')")?;
                    body.errors = Some(self.id_list()?);
                }
                _ => {
                    return Err(self.error_at(
                        key_pos,
                        id,
                        format!("Unknown property {key} for {id}"),
                    ))
                }
            }
            self.expect_whitespace()?;
        }
        self.expect(Tok::RBrace, "RBRACE('}')")?;
        Ok((body, inline))
    }

    /// `:= @traits for R with [M] { members }`, named after the operation.
    fn inline_structure(
        &mut self,
        operation_id: &str,
        operation: &str,
        suffix: &str,
        marker: &str,
    ) -> PResult<ShapeDef> {
        let pos = self.pos();
        self.require_v2(
            pos,
            operation_id,
            "Inlined operation inputs and outputs can only be used with Smithy version 2 or later",
        )?;
        self.advance();
        let (docs, mut traits) = self.docs_and_traits()?;
        traits.push(TraitApp {
            id: RawId {
                text: marker.to_string(),
                pos,
            },
            value: Some(NodeAt {
                node: Node::Object(Vec::new()),
                pos,
            }),
        });
        let name = format!("{operation}{suffix}");
        let id = self.shape_id_of(&name);
        let mut for_resource = self.for_resource(&id)?;
        let mixins = self.mixins(&id)?;
        if for_resource.is_none() {
            for_resource = self.for_resource(&id)?;
        }
        let members = self.structure_members(&id, true)?;
        Ok(ShapeDef {
            kind: "structure".to_string(),
            name,
            pos,
            docs,
            traits,
            for_resource,
            mixins,
            body: Body::Members(members),
        })
    }

    fn id_list(&mut self) -> PResult<Vec<RawId>> {
        self.skip_ws_and_docs();
        self.expect(Tok::LBracket, "LBRACKET('[')")?;
        self.skip_ws_and_docs();
        let mut ids = Vec::new();
        while *self.tok() != Tok::RBracket {
            ids.push(self.shape_id()?);
            self.skip_ws_and_docs();
        }
        self.advance();
        Ok(ids)
    }

    fn apply_statement(&mut self) -> PResult<ApplyDef> {
        let pos = self.pos();
        self.advance();
        self.expect_whitespace()?;
        let target = self.shape_id()?;
        self.expect_whitespace()?;
        let traits = match self.tok() {
            Tok::At => vec![self.trait_app()?],
            Tok::LBrace => {
                self.advance();
                self.skip_ws_and_docs();
                let traits = self.traits()?;
                self.skip_ws_and_docs();
                self.expect(Tok::RBrace, "RBRACE('}')")?;
                traits
            }
            _ => return Err(self.expected(&["AT('@')", "LBRACE('{')"])),
        };
        Ok(ApplyDef {
            target,
            traits,
            pos,
        })
    }
}

fn is_shape_type(word: &str) -> bool {
    SIMPLE_TYPES.contains(&word)
        || matches!(
            word,
            "enum"
                | "intEnum"
                | "list"
                | "set"
                | "map"
                | "structure"
                | "union"
                | "service"
                | "operation"
                | "resource"
        )
}

/// An unquoted node value: a keyword or a syntactic shape id.
fn identifier_node(id: RawId) -> NodeAt {
    let node = match id.text.as_str() {
        "true" => Node::Bool(true),
        "false" => Node::Bool(false),
        "null" => Node::Null,
        _ => Node::ShapeId(id.text),
    };
    NodeAt { node, pos: id.pos }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> IdlFile {
        parse_file(text, "t.smithy").unwrap_or_else(|e| panic!("{e}"))
    }

    fn error(text: &str) -> Diagnostic {
        *parse_file(text, "t.smithy").expect_err("should be rejected")
    }

    #[test]
    fn control_metadata_namespace_use() {
        let file =
            parse("$version: \"2\"\nmetadata foo = [1]\nnamespace a.b\nuse x.y#Z\nstring S\n");
        assert_eq!(file.version, Version::V2);
        assert_eq!(file.version_text, "2.0");
        assert_eq!(file.metadata[0].key, "foo");
        assert_eq!(file.namespace.as_deref(), Some("a.b"));
        assert_eq!(file.uses[0].id, "x.y#Z");
        assert_eq!(file.statements.len(), 1);
    }

    #[test]
    fn version_defaults_to_1() {
        assert_eq!(parse("namespace a\n").version, Version::V1);
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let e = error("namespace com.foo\n\nstring (Nope)\n");
        assert_eq!(e.line_col, Some((3, 8)));
        assert!(e.message.contains("Expected IDENTIFIER"), "{}", e.message);
    }

    #[test]
    fn statements_need_line_breaks() {
        let e = error("$version: \"2.0\"\nnamespace com.foo string Foo\n");
        assert_eq!(e.line_col, Some((2, 19)));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = format!("namespace a\n@foo({})\nstring S\n", "[".repeat(10_000));
        assert!(error(&text).message.contains("depth"));
    }

    #[test]
    fn inline_io_becomes_named_structures() {
        let file = parse("$version: \"2\"\nnamespace a\noperation Op {\n input := { a: String }\n output := {}\n}\n");
        let names: Vec<_> = file
            .statements
            .iter()
            .filter_map(|s| match s {
                Statement::Shape(s) => Some(s.name.as_str()),
                Statement::Apply(_) => None,
            })
            .collect();
        assert_eq!(names, ["Op", "OpInput", "OpOutput"]);
    }

    #[test]
    fn version_1_rejects_2_0_syntax() {
        for text in [
            "namespace a\nstructure A with [B] {}\n",
            "namespace a\nstructure A { $b }\n",
            "namespace a\nstructure A { b: String = \"\" }\n",
            "namespace a\noperation O { input := {} }\n",
            "namespace a\nenum E { A }\n",
        ] {
            assert!(error(text).line_col.is_some(), "{text}");
        }
    }
}
