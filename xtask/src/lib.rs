//! The project's own configuration of Shapegen, shared by `cargo xtask` and the tests: which
//! schemas make the committed `generated/` crate, and how.

use std::path::{Path, PathBuf};

use codegen::Options;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// What `cargo xtask codegen` reads, where it writes, and with which options.
pub struct ProjectCodegen {
    /// The input folders.
    pub inputs: Vec<PathBuf>,
    /// The output crate folder.
    pub out: PathBuf,
    /// Generation options.
    pub options: Options,
}

/// The committed `generated/` crate is made from `schemas/smithy`.
pub fn project_codegen() -> ProjectCodegen {
    let root = workspace_root();
    ProjectCodegen {
        inputs: vec![root.join("schemas/smithy")],
        out: root.join("generated"),
        options: Options {
            crate_name: "generated".to_string(),
            ..Options::default()
        },
    }
}

/// The shared test material (`../shared/corpus` beside the repository), if present.
pub fn shared_corpus() -> Option<PathBuf> {
    let corpus = workspace_root().join("../shared/corpus");
    corpus.is_dir().then_some(corpus)
}
