//! Behaviour of generated validators: generates a crate from a small hand-built model (shaped
//! like Cognito's `ResendConfirmationCode` input, plus a shape for every constraint), adds
//! `validation/behaviour.rs` to it as a test, and runs `cargo test` on it once. Dependencies are
//! built in `<workspace>/target/generated-crates`, shared between runs.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::model::{
    AdditionalMembers, Bound, Constraints, EnumValue, IntEnumValue, LengthBounds, Member, Model,
    RangeBounds, Scalar, Shape, ShapeId, ShapeKind, ShapeRole, Structure, Union,
};
use codegen::Options;

const NAMESPACE: &str = "example.validation";

fn id(name: &str) -> ShapeId {
    ShapeId::new(NAMESPACE, name)
}

fn length(min: Option<u64>, max: Option<u64>) -> Constraints {
    Constraints {
        length: Some(LengthBounds { min, max }),
        ..Default::default()
    }
}

fn range(min: Option<&str>, max: Option<&str>) -> Constraints {
    Constraints {
        range: Some(RangeBounds {
            min: min.map(Bound::inclusive),
            max: max.map(Bound::inclusive),
        }),
        ..Default::default()
    }
}

fn with_pattern(mut constraints: Constraints, pattern: &str) -> Constraints {
    constraints.patterns.push(pattern.to_string());
    constraints
}

fn required(name: &str, target: &str) -> Member {
    Member {
        required: true,
        ..Member::new(name, id(target))
    }
}

fn optional(name: &str, target: &str) -> Member {
    Member::new(name, id(target))
}

struct Builder(Model);

impl Builder {
    fn add(&mut self, name: &str, kind: ShapeKind, constraints: Constraints) -> &mut Shape {
        let mut shape = Shape::new(id(name), kind);
        shape.constraints = constraints;
        self.0.shapes.insert(id(name), shape);
        self.0.shapes.get_mut(&id(name)).expect("just inserted")
    }

    fn string(&mut self, name: &str, constraints: Constraints) -> &mut Shape {
        self.add(name, ShapeKind::Scalar(Scalar::String), constraints)
    }

    fn structure(&mut self, name: &str, members: Vec<Member>) -> &mut Shape {
        let kind = ShapeKind::Structure(Structure {
            members,
            additional: AdditionalMembers::Ignore,
        });
        self.add(name, kind, Constraints::default())
    }
}

/// The model: Cognito's request shapes with their real constraints, and one member per other
/// constraint kind.
fn model() -> Model {
    let mut b = Builder(Model::default());
    b.string(
        "ClientIdType",
        with_pattern(length(Some(1), Some(128)), r"^[\w+]+$"),
    )
    .sensitive = true;
    b.string(
        "UsernameType",
        with_pattern(
            length(Some(1), Some(128)),
            r"^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$",
        ),
    )
    .sensitive = true;
    b.string("StringType", length(Some(0), Some(131072)));
    b.string(
        "IpAddressType",
        with_pattern(Constraints::default(), r"^[0-9.:]+$"),
    );
    b.string("ShortText", length(Some(2), Some(8)));
    b.string("TagType", length(None, Some(4)));
    b.string(
        "SecretText",
        with_pattern(length(None, Some(3)), "^[a-m]+$"),
    )
    .sensitive = true;
    b.add(
        "ClientMetadataType",
        ShapeKind::Map {
            key: Box::new(Member::new("key", id("StringType"))),
            value: Box::new(Member::new("value", id("ShortText"))),
        },
        Constraints::default(),
    );
    b.add(
        "SecretMap",
        ShapeKind::Map {
            key: Box::new(Member::new("key", id("StringType"))),
            value: Box::new(Member::new("value", id("ShortText"))),
        },
        Constraints::default(),
    )
    .sensitive = true;
    b.structure(
        "UserContextDataType",
        vec![
            optional("IpAddress", "IpAddressType"),
            optional("EncodedData", "StringType"),
        ],
    )
    .sensitive = true;
    let medium = ShapeKind::Enum(
        ["SMS", "EMAIL"]
            .iter()
            .map(|v| EnumValue {
                name: v.to_string(),
                value: v.to_string(),
                docs: None,
                deprecated: None,
                internal: false,
            })
            .collect(),
    );
    b.add("DeliveryMediumType", medium, Constraints::default());
    let priority = ShapeKind::IntEnum(
        [("LOW", 1), ("HIGH", 2)]
            .iter()
            .map(|(name, value)| IntEnumValue {
                name: name.to_string(),
                value: *value,
                docs: None,
                deprecated: None,
            })
            .collect(),
    );
    b.add("Priority", priority, Constraints::default());
    b.add(
        "Quantity",
        ShapeKind::Scalar(Scalar::Integer),
        range(Some("1"), Some("100")),
    );
    b.add(
        "Ratio",
        ShapeKind::Scalar(Scalar::Float),
        range(Some("2.2"), Some("8.8")),
    );
    b.add(
        "HugeCount",
        ShapeKind::Scalar(Scalar::BigInteger),
        range(Some("100000000000000000000"), None),
    );
    b.structure(
        "ItemType",
        vec![required("Quantity", "Quantity"), optional("Ratio", "Ratio")],
    );
    b.add(
        "ItemList",
        ShapeKind::List(Box::new(Member::new("member", id("ItemType")))),
        length(Some(1), Some(3)),
    );
    b.add(
        "TagList",
        ShapeKind::List(Box::new(Member::new("member", id("TagType")))),
        Constraints {
            unique_items: true,
            ..Default::default()
        },
    );
    b.add(
        "Choice",
        ShapeKind::Union(Union {
            members: vec![
                optional("Text", "ShortText"),
                optional("Count", "Quantity"),
                Member::new("Nothing", ShapeId::new("smithy.api", "Unit")),
            ],
            ..Default::default()
        }),
        Constraints::default(),
    );
    b.structure(
        "Node",
        vec![required("Name", "ShortText"), optional("Next", "Node")],
    );
    b.structure("Strict", vec![optional("Known", "StringType")]);
    if let Some(ShapeKind::Structure(strict)) =
        b.0.shapes.get_mut(&id("Strict")).map(|s| &mut s.kind)
    {
        strict.additional = AdditionalMembers::Deny;
    }
    extras(&mut b);
    let mut overridden = optional("Nickname", "ShortText");
    overridden.constraints = length(Some(3), None);
    b.structure(
        "ResendConfirmationCodeRequest",
        vec![
            required("ClientId", "ClientIdType"),
            optional("UserContextData", "UserContextDataType"),
            required("Username", "UsernameType"),
            optional("ClientMetadata", "ClientMetadataType"),
            optional("SecretMetadata", "SecretMap"),
            optional("Secret", "SecretText"),
            optional("Medium", "DeliveryMediumType"),
            optional("Priority", "Priority"),
            optional("Items", "ItemList"),
            optional("Tags", "TagList"),
            optional("Huge", "HugeCount"),
            optional("Choice", "Choice"),
            optional("Node", "Node"),
            optional("Strict", "Strict"),
            optional("Extras", "Extras"),
            overridden,
        ],
    )
    .role = ShapeRole::Input;
    b.0
}

/// The JSON Schema constraints: multipleOf, const, enum on numbers, exclusive bounds and
/// property counts.
fn extras(b: &mut Builder) {
    b.add(
        "Even",
        ShapeKind::Scalar(Scalar::Long),
        Constraints {
            multiple_of: Some("2".to_string()),
            ..Default::default()
        },
    );
    b.string(
        "Version",
        Constraints {
            const_value: Some(serde_json::json!("v1")),
            ..Default::default()
        },
    );
    b.add(
        "Level",
        ShapeKind::Scalar(Scalar::Integer),
        Constraints {
            allowed_values: Some(vec![1.into(), 5.into(), 9.into()]),
            ..Default::default()
        },
    );
    b.add(
        "Positive",
        ShapeKind::Scalar(Scalar::Double),
        Constraints {
            range: Some(RangeBounds {
                min: Some(Bound {
                    value: "0".to_string(),
                    exclusive: true,
                }),
                max: None,
            }),
            multiple_of: Some("0.5".to_string()),
            ..Default::default()
        },
    );
    b.add(
        "Labels",
        ShapeKind::Map {
            key: Box::new(Member::new("key", id("StringType"))),
            value: Box::new(Member::new("value", id("StringType"))),
        },
        Constraints {
            properties: Some(LengthBounds {
                min: Some(1),
                max: Some(2),
            }),
            ..Default::default()
        },
    );
    b.structure(
        "Extras",
        vec![
            optional("Even", "Even"),
            optional("Version", "Version"),
            optional("Level", "Level"),
            optional("Positive", "Positive"),
            optional("Labels", "Labels"),
        ],
    );
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen sits inside the workspace")
        .to_path_buf()
}

#[test]
fn generated_validators_behave_as_specified() {
    let options = Options {
        crate_name: "validation_behaviour".to_string(),
        ..Options::default()
    };
    let mut files = codegen::rust::generate_crate(&model(), &options)
        .unwrap_or_else(|e| panic!("generation failed:\n{e}"));
    files.files.insert(
        "tests/behaviour.rs".to_string(),
        include_str!("validation/behaviour.rs").to_string(),
    );
    let dir = tempfile::tempdir().expect("temp dir");
    codegen::writer::write(&files, dir.path()).expect("write the crate");
    if let Some(keep) = std::env::var_os("SHAPEGEN_KEEP_CRATE") {
        // For a look at the generated crate (`cargo clippy` / `cargo doc` on it by hand).
        codegen::writer::write(&files, Path::new(&keep)).expect("write the kept crate");
    }
    let output = Command::new(env!("CARGO"))
        .args(["test", "--quiet", "--test", "behaviour"])
        .current_dir(dir.path())
        .env(
            "CARGO_TARGET_DIR",
            workspace_root().join("target/generated-crates"),
        )
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("run cargo");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "cargo test on the generated crate failed\n--- stdout\n{stdout}\n--- stderr\n{stderr}\n--- validation.rs\n{}",
        files.files["src/validation.rs"]
    );
    assert!(stdout.contains("test result: ok"), "{stdout}");
}

#[test]
fn an_invalid_pattern_is_an_error_naming_the_shape_and_the_pattern() {
    let mut model = model();
    let shape = model.shapes.get_mut(&id("TagType")).expect("in the model");
    shape.constraints.patterns.push("^[a-".to_string());
    let Err(errors) = codegen::rust::generate_crate(&model, &Options::default()) else {
        panic!("an invalid pattern must stop generation");
    };
    let text = errors.to_string();
    assert!(text.contains("example.validation#TagType"), "{text}");
    assert!(text.contains("^[a-"), "{text}");
}
