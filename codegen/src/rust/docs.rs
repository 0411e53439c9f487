//! Documentation: model docs (HTML or Markdown) → rustdoc attributes. (Minimal placeholder;
//! the full converter lands separately.)

use proc_macro2::TokenStream;
use quote::quote;

/// Converts documentation as written into rustdoc Markdown lines.
pub fn to_rustdoc(text: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                plain.push(' ');
            }
            _ if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = plain.split_whitespace().collect();
    if words.is_empty() {
        return Vec::new();
    }
    vec![words
        .join(" ")
        .replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace('<', "\\<")
        .replace('>', "\\>")]
}

/// `#[doc = "..."]` attributes for the converted text.
pub fn doc_attrs(text: Option<&str>) -> TokenStream {
    doc_attrs_with(text, &[])
}

/// Like [`doc_attrs`], with extra Markdown paragraphs appended.
pub fn doc_attrs_with(text: Option<&str>, extra: &[String]) -> TokenStream {
    let mut lines = text.map(to_rustdoc).unwrap_or_default();
    for paragraph in extra {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(paragraph.clone());
    }
    let lines = lines.iter().map(|line| format!(" {line}"));
    quote!(#(#[doc = #lines])*)
}
