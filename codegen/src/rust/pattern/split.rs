//! Splits look-around at the ends of a pattern into separate tests that need no backtracking:
//! `^(?!aws:).+$` is "does not match `^aws:`" and "matches `^.+$`"; `^[a-z.]*(?<!\.)$` is
//! "matches `^[a-z.]*$`" and "does not match `\.$`".
//!
//! A look-ahead right after `^` looks at the text from its start, so it holds exactly when its
//! contents match at the start; a look-behind right before `$` looks back from the end, so it
//! holds exactly when its contents match ending at the end. Look-around anywhere else, or a
//! pattern of several alternatives, is left to the backtracking engine.

use super::ast::{Assertion, Node};
use super::lower::backtracking_reason;
use super::plan::flatten;

/// A test that the value must pass (`expected: true`) or fail (`expected: false`).
pub(crate) struct Part {
    pub(crate) expected: bool,
    pub(crate) node: Node,
}

/// The pattern as tests that must all hold, the last one being the pattern without its
/// look-around; `None` when the look-around is not all at the ends, or a part still needs
/// backtracking.
pub(crate) fn split(node: &Node) -> Option<Vec<Part>> {
    let mut elements = Vec::new();
    flatten(node, &mut elements);
    if !matches!(elements.first(), Some(Node::Assert(Assertion::Start))) {
        return None;
    }
    let mut parts = Vec::new();
    let mut start = 0;
    while let Some(element) = elements.get(start) {
        match element {
            Node::Assert(Assertion::Start) => {}
            Node::Look {
                behind: false,
                negated,
                node,
            } => parts.push(Part {
                expected: !negated,
                node: Node::Concat(vec![Node::Assert(Assertion::Start), group(node)]),
            }),
            _ => break,
        }
        start += 1;
    }
    let anchored_end = matches!(elements.last(), Some(Node::Assert(Assertion::End)));
    let mut end = elements.len();
    if anchored_end {
        while end > start {
            match elements[end - 1] {
                Node::Assert(Assertion::End) => {}
                Node::Look {
                    behind: true,
                    negated,
                    node,
                } => parts.push(Part {
                    expected: !negated,
                    node: Node::Concat(vec![group(node), Node::Assert(Assertion::End)]),
                }),
                _ => break,
            }
            end -= 1;
        }
    }
    if parts.is_empty() {
        return None;
    }
    let mut rest = vec![Node::Assert(Assertion::Start)];
    rest.extend(elements[start..end].iter().map(|&element| element.clone()));
    if anchored_end {
        rest.push(Node::Assert(Assertion::End));
    }
    parts.push(Part {
        expected: true,
        node: Node::Concat(rest),
    });
    parts
        .iter()
        .all(|part| backtracking_reason(&part.node).is_none())
        .then_some(parts)
}

fn group(node: &Node) -> Node {
    Node::Group {
        capture: false,
        node: Box::new(node.clone()),
    }
}
