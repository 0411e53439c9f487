//! IDL node values (trait values, metadata, service and resource bodies) as parsed, with
//! positions, and their conversion to JSON once shape ids can be resolved.

use serde_json::{Map, Number, Value};

use super::lexer::Pos;

/// A node value as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number.
    Number(Number),
    /// A quoted string or text block.
    Str(String),
    /// An unquoted shape id (a "syntactic shape id"), as written; it becomes the absolute id
    /// string when converted to JSON.
    ShapeId(String),
    /// `[...]`
    Array(Vec<NodeAt>),
    /// `{...}`, keys in written order (duplicates are rejected by the parser).
    Object(Vec<Entry>),
}

/// A node value with the position it starts at.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeAt {
    /// The value.
    pub node: Node,
    /// Where it starts.
    pub pos: Pos,
}

/// One `key: value` of an object node.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key, never resolved as a shape id.
    pub key: String,
    /// Where the key is.
    pub pos: Pos,
    /// The value.
    pub value: NodeAt,
}

impl NodeAt {
    /// Converts to JSON, turning each syntactic shape id into the string `resolve` gives for it.
    /// The first failed resolution is returned as `(position, message)`.
    pub fn to_json<F>(&self, resolve: &mut F) -> Result<Value, (Pos, String)>
    where
        F: FnMut(&str, Pos) -> Result<String, String>,
    {
        Ok(match &self.node {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Number(n) => Value::Number(n.clone()),
            Node::Str(s) => Value::String(s.clone()),
            Node::ShapeId(raw) => {
                Value::String(resolve(raw, self.pos).map_err(|message| (self.pos, message))?)
            }
            Node::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|item| item.to_json(resolve))
                    .collect::<Result<_, _>>()?,
            ),
            Node::Object(entries) => {
                let mut map = Map::new();
                for entry in entries {
                    map.insert(entry.key.clone(), entry.value.to_json(resolve)?);
                }
                Value::Object(map)
            }
        })
    }

    /// The entries, when this is an object.
    pub fn as_object(&self) -> Option<&[Entry]> {
        match &self.node {
            Node::Object(entries) => Some(entries),
            _ => None,
        }
    }

    /// A string or shape id written as text (the forms a shape reference may take).
    pub fn as_text(&self) -> Option<&str> {
        match &self.node {
            Node::Str(s) | Node::ShapeId(s) => Some(s),
            _ => None,
        }
    }

    /// What kind of value this is, for diagnostics.
    pub fn kind_name(&self) -> &'static str {
        match self.node {
            Node::Null => "null",
            Node::Bool(_) => "boolean",
            Node::Number(_) => "number",
            Node::Str(_) | Node::ShapeId(_) => "string",
            Node::Array(_) => "array",
            Node::Object(_) => "object",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(node: Node) -> NodeAt {
        NodeAt {
            node,
            pos: Pos { line: 1, col: 1 },
        }
    }

    #[test]
    fn shape_ids_resolve_and_keys_do_not() {
        let node = at(Node::Object(vec![Entry {
            key: "String".into(),
            pos: Pos::default(),
            value: at(Node::Array(vec![
                at(Node::ShapeId("String".into())),
                at(Node::Str("String".into())),
                at(Node::Number(Number::from(2))),
                at(Node::Bool(true)),
                at(Node::Null),
            ])),
        }]));
        let json = node
            .to_json(&mut |raw, _| Ok(format!("smithy.api#{raw}")))
            .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"String": ["smithy.api#String", "String", 2, true, null]})
        );
    }

    #[test]
    fn failed_resolution_reports_position() {
        let node = NodeAt {
            node: Node::ShapeId("nope".into()),
            pos: Pos { line: 3, col: 7 },
        };
        let err = node.to_json(&mut |_, _| Err("bad".into())).unwrap_err();
        assert_eq!(err, (Pos { line: 3, col: 7 }, "bad".to_string()));
    }
}
