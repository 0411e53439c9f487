//! Generated validators against the `jsonschema` crate on `ResendConfirmationCodeRequest`, one
//! valid and one invalid instance, every variant in one process (see BENCHMARKS.md):
//! - `validate`: the generated `validate()` on the typed value vs `jsonschema` `is_valid` on the
//!   equivalent `serde_json::Value`;
//! - `parse_validate`: the generated `FromJson::from_json` on the text vs
//!   `serde_json::from_str::<Value>` + `is_valid`, and vs a bare typed `serde_json::from_str`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use generated::types::ResendConfirmationCodeRequest;
use generated::validation::{FromJson, Validate};
use serde_json::Value;
use shapegen_bench_validation::{request_validator, INVALID, VALID};

fn benches(c: &mut Criterion) {
    let validator = match request_validator() {
        Ok(validator) => validator,
        Err(error) => {
            eprintln!("cannot build the jsonschema validator: {error}");
            return;
        }
    };
    for (label, text) in [("valid", VALID), ("invalid", INVALID)] {
        let json: Value = serde_json::from_str(text).unwrap_or_default();
        // The typed value of the invalid text, without its unknown member (serde skips it),
        // so `validate()` sees the same broken constraints.
        let typed: Option<ResendConfirmationCodeRequest> = serde_json::from_str(text).ok();

        let mut group = c.benchmark_group(format!("validate/{label}"));
        if let Some(typed) = &typed {
            group.bench_function("generated validate()", |b| {
                b.iter(|| black_box(typed).validate().is_ok())
            });
        }
        group.bench_function("jsonschema is_valid(Value)", |b| {
            b.iter(|| validator.is_valid(black_box(&json)))
        });
        group.finish();

        let mut group = c.benchmark_group(format!("parse_validate/{label}"));
        group.bench_function("generated from_json", |b| {
            b.iter(|| ResendConfirmationCodeRequest::from_json(black_box(text)).is_ok())
        });
        group.bench_function("serde_json Value + jsonschema is_valid", |b| {
            b.iter(|| {
                serde_json::from_str::<Value>(black_box(text))
                    .map(|json| validator.is_valid(&json))
                    .unwrap_or(false)
            })
        });
        group.bench_function("bare typed serde_json::from_str", |b| {
            b.iter(|| {
                serde_json::from_str::<ResendConfirmationCodeRequest>(black_box(text)).is_ok()
            })
        });
        group.finish();
    }
}

criterion_group!(validation, benches);
criterion_main!(validation);
