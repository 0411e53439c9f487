//! Test support: strings sampled from a pattern (so that comparisons see matches, not only
//! misses), and a comparison of verdicts with V8's ECMA-262 engine through `node`, when it is
//! installed.

use std::process::Command;

use regex_syntax::hir::{Class, Hir, HirKind};
use serde::Deserialize;

use super::corpus_tests::Case;
use super::CompiledPattern;

/// A small deterministic generator (xorshift), seeded from the pattern.
struct Random(u64);

impl Random {
    fn seeded(text: &str) -> Self {
        let seed = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
        Random(seed | 1)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        if bound == 0 {
            0
        } else {
            self.0 % bound
        }
    }
}

/// About `count` strings that the translated pattern matches (look-around ignored), each with
/// small edits (a character dropped, doubled or replaced, text around it), which mostly do not.
/// Empty when the translation needs backtracking syntax.
pub(super) fn samples(compiled: &CompiledPattern, count: usize) -> Vec<String> {
    // A pattern split into parts is sampled from its last part: the pattern without look-around.
    let translated = compiled
        .parts
        .last()
        .map_or(compiled.translated(), |(_, main)| main.translated());
    let Ok(hir) = regex_syntax::Parser::new().parse(translated) else {
        return Vec::new();
    };
    let mut random = Random::seeded(compiled.source());
    let mut strings = Vec::new();
    for _ in 0..count {
        let mut text = String::new();
        sample(&hir, &mut random, &mut text);
        let chars: Vec<char> = text.chars().collect();
        if !chars.is_empty() {
            let at = random.below(chars.len() as u64) as usize;
            let edit = |change: &dyn Fn(&mut Vec<char>)| {
                let mut edited = chars.clone();
                change(&mut edited);
                edited.into_iter().collect::<String>()
            };
            strings.push(edit(&|chars| {
                chars.remove(at);
            }));
            strings.push(edit(&|chars| chars.insert(at, chars[at])));
            let replacement = ['a', '-', '.', '0', 'Z', ' ', 'é', '\n'][random.below(8) as usize];
            strings.push(edit(&|chars| chars[at] = replacement));
        }
        strings.push(format!("x{text}"));
        strings.push(format!("{text}x"));
        strings.push(text);
    }
    strings
}

fn sample(hir: &Hir, random: &mut Random, out: &mut String) {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) | HirKind::Class(Class::Bytes(_)) => {}
        HirKind::Literal(literal) => out.push_str(&String::from_utf8_lossy(&literal.0)),
        HirKind::Class(Class::Unicode(class)) => {
            let ranges = class.ranges();
            if ranges.is_empty() {
                return;
            }
            let range = &ranges[random.below(ranges.len() as u64) as usize];
            let (start, end) = (u32::from(range.start()), u32::from(range.end()));
            let offset = random.below(u64::from((end - start).min(256)) + 1) as u32;
            out.extend(char::from_u32(start + offset));
        }
        HirKind::Repetition(repetition) => {
            let most = repetition
                .max
                .unwrap_or(repetition.min + 3)
                .min(repetition.min + 3);
            let times = repetition.min + random.below(u64::from(most - repetition.min) + 1) as u32;
            for _ in 0..times.min(64) {
                sample(&repetition.sub, random, out);
            }
        }
        HirKind::Capture(capture) => sample(&capture.sub, random, out),
        HirKind::Concat(parts) => parts.iter().for_each(|part| sample(part, random, out)),
        HirKind::Alternation(choices) => {
            let choice = &choices[random.below(choices.len() as u64) as usize];
            sample(choice, random, out);
        }
    }
}

/// What V8 made of the cases.
#[derive(Deserialize)]
pub(super) struct V8Report {
    /// Patterns V8 compiled and compared.
    pub(super) compared: usize,
    /// Patterns V8 refuses under the `u` flag (Java syntax).
    pub(super) refused: Vec<String>,
    /// Strings compared.
    pub(super) strings: usize,
    /// The first disagreements.
    pub(super) disagreements: Vec<String>,
}

const NODE_SCRIPT: &str = r#"
const fs = require("fs");
const cases = JSON.parse(fs.readFileSync(process.env.PATTERN_CASES, "utf8"));
let compared = 0, strings = 0;
const refused = [];
const disagreements = [];
for (const c of cases) {
  let re;
  try { re = new RegExp(c.p, "u"); } catch (e) { refused.push(c.p); continue; }
  compared++;
  c.s.forEach((s, i) => {
    strings++;
    if (re.test(s) !== c.v[i] && disagreements.length < 50) {
      disagreements.push(JSON.stringify(c.p) + " on " + JSON.stringify(s) + ": V8 says " + !c.v[i]);
    }
  });
}
process.stdout.write(JSON.stringify({ compared, refused, strings, disagreements }));
"#;

/// Runs every case through V8; `None` when `node` is not installed.
pub(super) fn v8_disagreements(cases: &[Case<'_>]) -> Option<V8Report> {
    Command::new("node").arg("--version").output().ok()?;
    let payload: Vec<serde_json::Value> = cases
        .iter()
        .map(|case| {
            serde_json::json!({
                "p": case.compiled.source(),
                "s": case.strings,
                "v": case.verdicts,
            })
        })
        .collect();
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("cases.json");
    std::fs::write(&path, serde_json::to_vec(&payload).expect("JSON")).expect("write cases");
    let output = Command::new("node")
        .arg("-e")
        .arg(NODE_SCRIPT)
        .env("PATTERN_CASES", &path)
        .output()
        .expect("run node");
    assert!(
        output.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).expect("node's report is JSON"))
}
