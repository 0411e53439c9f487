//! The committed `generated/` crate matches what `cargo xtask codegen` would write.

#[test]
fn generated_crate_is_fresh() {
    let project = xtask::project_codegen();
    let files = codegen::generate_crate(&project.inputs, &project.options)
        .unwrap_or_else(|diagnostics| panic!("schemas/ does not generate:\n{diagnostics}"));
    let staleness = codegen::writer::check(&files, &project.out).expect("generated/ is readable");
    assert!(
        staleness.is_fresh(),
        "generated/ is stale (changed: {:?}, would remove: {:?}); run `cargo xtask codegen`",
        staleness.changed,
        staleness.extra
    );
}
