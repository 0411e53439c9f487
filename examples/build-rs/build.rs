//! Generates the Cognito `ResendConfirmationCode` types into `OUT_DIR/cognito.rs`.

use std::path::PathBuf;

fn main() {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let schema = manifest_dir.join("../../schemas/smithy/cognito-resend-confirmation-code.json");
    println!("cargo:rerun-if-changed={}", schema.display());
    let options = codegen::Options {
        only_operations: vec!["ResendConfirmationCode".to_string()],
        ..codegen::Options::default()
    };
    let source = match codegen::generate_module(&[schema], &options) {
        Ok(source) => source,
        Err(diagnostics) => {
            for diagnostic in diagnostics.iter() {
                println!("cargo:warning={diagnostic}");
            }
            std::process::exit(1);
        }
    };
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    if let Err(e) = std::fs::write(out_dir.join("cognito.rs"), source) {
        println!("cargo:warning=cannot write OUT_DIR/cognito.rs: {e}");
        std::process::exit(1);
    }
}
