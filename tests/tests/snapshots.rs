//! Snapshots of the code generated for one small fixture per feature. A snapshot only proves the
//! output did not change; the behaviour tests compile and run generated code.

use shapegen_tests::generate_for_snapshot;

macro_rules! snapshot_tests {
    ($($test:ident => $fixture:literal,)*) => {
        $(
            #[test]
            fn $test() {
                insta::assert_snapshot!(generate_for_snapshot($fixture));
            }
        )*
    };
}

snapshot_tests! {
    structure_with_required_optional_and_constrained_members => "smithy/structure.json",
    sensitive_members_are_redacted_in_debug => "smithy/sensitive.json",
    enums_int_enums_and_legacy_enum_trait => "smithy/enums.json",
    union_variants_including_unit => "smithy/union.json",
    lists_maps_and_sets => "smithy/collections.json",
    timestamps_blobs_big_numbers_and_documents => "smithy/scalars.json",
    default_values => "smithy/defaults.json",
    recursive_structures_are_boxed => "smithy/recursion.json",
    keyword_and_colliding_names => "smithy/naming.json",
    errors_and_operations => "smithy/errors.json",
    json_name_on_rest_json => "smithy/json-name.json",
}
