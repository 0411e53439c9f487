//! Pattern statics of the `validation` module: each distinct `@pattern` compiled once (through
//! the pattern compiler), given one name per crate, and emitted once, whichever shapes share it.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;

use super::super::naming::{ident, static_case};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::SourceRef;

use crate::rust::pattern::{self, CompiledPattern, Engine};

/// Which pattern engines the generated validators use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PatternEngines {
    /// The `regex` crate.
    pub regex: bool,
    /// The `fancy-regex` crate.
    pub fancy_regex: bool,
}

impl PatternEngines {
    fn add(&mut self, engine: Engine) {
        match engine {
            Engine::CharCheck => {}
            Engine::Regex => self.regex = true,
            Engine::FancyRegex => self.fancy_regex = true,
        }
    }
}

/// The engines the given patterns need; invalid patterns are skipped (they are reported when
/// the module is emitted).
pub fn engines_of<'a>(patterns: impl IntoIterator<Item = &'a str>) -> PatternEngines {
    let mut engines = PatternEngines::default();
    let mut seen = std::collections::BTreeSet::new();
    for source in patterns {
        if seen.insert(source) {
            if let Ok(compiled) = pattern::compile(source) {
                engines.add(compiled.engine());
            }
        }
    }
    engines
}

/// The pattern statics of one crate, by pattern source.
#[derive(Default)]
pub struct PatternStatics {
    by_source: BTreeMap<String, Option<Emitted>>,
    taken: std::collections::BTreeSet<String>,
    items: Vec<TokenStream>,
    diagnostics: Diagnostics,
}

struct Emitted {
    compiled: CompiledPattern,
    name: String,
}

impl PatternStatics {
    /// The test expression (a `bool`) of `source` against `value` (an expression of type
    /// `&str`), emitting the pattern's static the first time under a name made from
    /// `name_hint`. `None` when the pattern is invalid; the diagnostic names `location`.
    pub fn test(
        &mut self,
        source: &str,
        value: &TokenStream,
        name_hint: &str,
        origin: impl FnOnce() -> (SourceRef, String),
    ) -> Option<TokenStream> {
        if !self.by_source.contains_key(source) {
            let emitted = match pattern::compile(source) {
                Ok(compiled) => {
                    let name = self.unique_name(name_hint);
                    let emitted = compiled.emit(&name, value);
                    self.items.push(emitted.items);
                    Some(Emitted { compiled, name })
                }
                Err(error) => {
                    let (origin, location) = origin();
                    self.diagnostics.push(Diagnostic::error(
                        origin.file.to_string(),
                        location,
                        format!("invalid pattern `{source}`: {error}"),
                    ));
                    None
                }
            };
            self.by_source.insert(source.to_string(), emitted);
        }
        let emitted = self.by_source.get(source)?.as_ref()?;
        Some(emitted.compiled.emit(&emitted.name, value).test)
    }

    fn unique_name(&mut self, hint: &str) -> String {
        let base = ident(&format!("{}_PATTERN", static_case(hint))).to_string();
        let mut name = base.clone();
        let mut counter = 2;
        while !self.taken.insert(name.clone()) {
            name = format!("{base}_{counter}");
            counter += 1;
        }
        name
    }

    /// The statics emitted so far, and the invalid patterns found.
    pub fn finish(self) -> (Vec<TokenStream>, Diagnostics) {
        (self.items, self.diagnostics)
    }
}
