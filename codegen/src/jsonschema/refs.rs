//! `$ref` resolution: a reference string, read at some location, → the location it names.
//!
//! In order: the URI part is resolved against the base URI in effect (the nearest enclosing
//! `$id`, else the file) and looked up among loaded `$id`s, then as a file relative to the
//! referring file; the fragment is a JSON pointer (percent-decoded, relative to the schema
//! resource) or an `$anchor` name. A same-document `#/components/schemas/X`, `#/$defs/X` or
//! `#/definitions/X` that does not exist there falls back to the first input that defines `X`
//! (see the module docs of [`super`]). Nothing is ever fetched from the network.

use serde_json::Value;

use super::document::{strip_fragment, Loc, Store};
use super::pointer;

/// The base URI in effect at `loc`, and the location of the schema resource it belongs to (the
/// nearest enclosing schema with an `$id`, else the document root).
pub fn base_at(store: &Store, loc: &Loc) -> (String, Loc) {
    let doc = &store.docs[loc.doc];
    let mut base = doc.base.clone();
    let mut resource = Loc::new(loc.doc, "");
    if !doc.nested_ids {
        return (base, resource);
    }
    let tokens = pointer::parse(&loc.pointer).unwrap_or_default();
    let mut value = &doc.root;
    let mut at = String::new();
    for token in &tokens {
        let next = match value {
            Value::Object(map) => map.get(token),
            Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        };
        let Some(next) = next else { break };
        at = pointer::child(&at, token);
        value = next;
        let draft = super::document::id_draft(doc.kind, doc.draft);
        if let Some(id) = super::document::schema_id(value, draft) {
            if !id.starts_with('#') {
                base = strip_fragment(&resolve_uri(&base, id)).to_string();
                resource = Loc::new(loc.doc, at.clone());
            }
        }
    }
    (base, resource)
}

/// Resolves the `$ref` string `reference` found in the schema at `at`.
pub fn resolve(store: &Store, at: &Loc, reference: &str) -> Result<Loc, String> {
    let (base, resource) = base_at(store, at);
    let (uri, fragment) = match reference.split_once('#') {
        Some((uri, fragment)) => (uri, fragment),
        None => (reference, ""),
    };
    let (target_base, target) = if uri.is_empty() {
        (base, resource)
    } else {
        let absolute = strip_fragment(&resolve_uri(&base, uri)).to_string();
        let found = store
            .by_id(&absolute)
            .cloned()
            .or_else(|| resolve_file(store, at, uri));
        match found {
            Some(loc) => (base_at(store, &loc).0, loc),
            None => {
                return Err(format!(
                    "`{uri}` is neither a loaded `$id` nor a readable file"
                ))
            }
        }
    };
    let fragment = pointer::percent_decode(fragment)?;
    if fragment.is_empty() {
        return Ok(target);
    }
    if !fragment.starts_with('/') {
        return store
            .anchor(&target_base, &fragment)
            .cloned()
            .ok_or_else(|| format!("no `$anchor` named `{fragment}` in {target_base}"));
    }
    pointer::parse(&fragment)?;
    let found = Loc::new(target.doc, format!("{}{fragment}", target.pointer));
    if store.value(&found).is_some() {
        return Ok(found);
    }
    if uri.is_empty() {
        if let Some(loc) = definition_fallback(store, &fragment) {
            return Ok(loc);
        }
        if let Some(name) = definition_name(&fragment) {
            return Err(format!(
                "`{fragment}` is not in this document, and no input defines `{name}` (as its \
                 root `title`, or in `$defs`, `definitions` or `components/schemas`)"
            ));
        }
    }
    Err(format!(
        "`{fragment}` does not exist in {}",
        store.docs[target.doc].name
    ))
}

/// The fallback for a same-document definition reference that does not resolve: the first
/// definition named `X` in any input (root `title`, `$defs`, `definitions`,
/// `components/schemas`).
fn definition_fallback(store: &Store, fragment: &str) -> Option<Loc> {
    let name = definition_name(fragment)?;
    store.definitions_named(&name).first().cloned()
}

/// The name `X` of a definition pointer (`/$defs/X`, `/definitions/X`,
/// `/components/schemas/X`).
pub fn definition_name(fragment: &str) -> Option<String> {
    let tokens = pointer::parse(fragment).ok()?;
    match tokens.as_slice() {
        [container, name] if container == "$defs" || container == "definitions" => {
            Some(name.clone())
        }
        [components, schemas, name] if components == "components" && schemas == "schemas" => {
            Some(name.clone())
        }
        _ => None,
    }
}

/// What an unresolvable reference names, so that every `$ref` to the same missing thing is
/// reported together: a definition name for same-document definition pointers (which the title
/// index would resolve by name), else the absolute URI.
pub fn missing_key(store: &Store, at: &Loc, reference: &str) -> String {
    if let Some(fragment) = reference.strip_prefix('#') {
        let decoded = pointer::percent_decode(fragment).unwrap_or_default();
        if let Some(name) = definition_name(&decoded) {
            return format!("definition `{name}`");
        }
    }
    format!("`{}`", resolve_uri(&base_at(store, at).0, reference))
}

/// A relative file reference, resolved against the referring file's directory.
fn resolve_file(store: &Store, at: &Loc, uri: &str) -> Option<Loc> {
    if uri.contains(':') {
        return None;
    }
    let dir = store.docs[at.doc].path.parent()?;
    let doc = store.by_path(&dir.join(uri))?;
    Some(Loc::new(doc, ""))
}

/// Resolves a URI reference against a base URI (RFC 3986 section 5.2, without query handling
/// subtleties). A base without a hierarchical path (`urn:x`) only takes fragments.
pub fn resolve_uri(base: &str, reference: &str) -> String {
    if reference.is_empty() {
        return base.to_string();
    }
    if reference.starts_with('#') {
        return format!("{}{reference}", strip_fragment(base));
    }
    if has_scheme(reference) {
        return remove_dot_segments_in(reference);
    }
    let base = strip_fragment(base);
    let Some((scheme, rest)) = base.split_once(':') else {
        return reference.to_string();
    };
    if let Some(network) = reference.strip_prefix("//") {
        return format!("{scheme}://{network}");
    }
    let Some(after_slashes) = rest.strip_prefix("//") else {
        return reference.to_string();
    };
    let authority_end = after_slashes.find('/').unwrap_or(after_slashes.len());
    let (authority, path) = after_slashes.split_at(authority_end);
    let merged = if reference.starts_with('/') {
        reference.to_string()
    } else {
        let directory = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        format!(
            "{}{reference}",
            if directory.is_empty() { "/" } else { directory }
        )
    };
    format!("{scheme}://{authority}{}", remove_dot_segments(&merged))
}

fn has_scheme(reference: &str) -> bool {
    let Some(colon) = reference.find(':') else {
        return false;
    };
    let scheme = &reference[..colon];
    !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn remove_dot_segments_in(uri: &str) -> String {
    match uri.split_once("://") {
        Some((scheme, rest)) => {
            let end = rest.find('/').unwrap_or(rest.len());
            let (authority, path) = rest.split_at(end);
            format!("{scheme}://{authority}{}", remove_dot_segments(path))
        }
        None => uri.to_string(),
    }
}

fn remove_dot_segments(path: &str) -> String {
    let (path, suffix) = match path.find(['#', '?']) {
        Some(i) => path.split_at(i),
        None => (path, ""),
    };
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("{}{suffix}", out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_resolve_like_rfc_3986() {
        let base = "https://example.com/schemas/a/root.json";
        assert_eq!(
            resolve_uri(base, "other.json"),
            "https://example.com/schemas/a/other.json"
        );
        assert_eq!(
            resolve_uri(base, "../b/x.json#/y"),
            "https://example.com/schemas/b/x.json#/y"
        );
        assert_eq!(
            resolve_uri(base, "/top.json"),
            "https://example.com/top.json"
        );
        assert_eq!(resolve_uri(base, "#frag"), format!("{base}#frag"));
        assert_eq!(resolve_uri(base, "urn:x:y"), "urn:x:y");
        assert_eq!(resolve_uri("urn:x:y", "#/a"), "urn:x:y#/a");
        assert_eq!(
            resolve_uri("file:///tmp/dir/a.json", "./sub/../b.json"),
            "file:///tmp/dir/b.json"
        );
    }
}
