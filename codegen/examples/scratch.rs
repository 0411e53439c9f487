use codegen::model::*;
fn s(n: &str) -> ShapeId {
    ShapeId::new("ns", n)
}
fn p(n: &str) -> ShapeId {
    ShapeId::new("smithy.api", n)
}
fn main() {
    let mut m = Model::default();
    let mut add = |sh: Shape| {
        m.shapes.insert(sh.id.clone(), sh);
    };
    add(Shape::new(p("String"), ShapeKind::Scalar(Scalar::String)));
    add(Shape::new(
        p("Timestamp"),
        ShapeKind::Scalar(Scalar::Timestamp),
    ));
    add(Shape::new(p("Integer"), ShapeKind::Scalar(Scalar::Integer)));
    add(Shape::new(p("Blob"), ShapeKind::Scalar(Scalar::Blob)));
    add(Shape::new(
        p("BigDecimal"),
        ShapeKind::Scalar(Scalar::BigDecimal),
    ));
    let mut cid = Shape::new(s("ClientIdType"), ShapeKind::Scalar(Scalar::String));
    cid.sensitive = true;
    cid.constraints.patterns.push("^[\\w+]+$".into());
    cid.docs = Some("<p>The [client] id <b>x</b></p>".into());
    add(cid);
    add(Shape::new(
        s("Medium"),
        ShapeKind::Enum(vec![
            EnumValue {
                name: "SMS".into(),
                value: "SMS".into(),
                docs: None,
                deprecated: None,
            },
            EnumValue {
                name: "EMAIL".into(),
                value: "EMAIL".into(),
                docs: None,
                deprecated: None,
            },
        ]),
    ));
    add(Shape::new(
        s("Prio"),
        ShapeKind::IntEnum(vec![IntEnumValue {
            name: "LOW".into(),
            value: 1,
            docs: None,
            deprecated: None,
        }]),
    ));
    let mut req = Member::new("ClientId", s("ClientIdType"));
    req.required = true;
    let mut d = Member::new("Count", p("Integer"));
    d.default = Some(serde_json::json!(25));
    let mut ty = Member::new("type", p("String"));
    ty.required = true;
    add(Shape::new(
        s("Req"),
        ShapeKind::Structure(Structure {
            members: vec![
                req,
                Member::new("When", p("Timestamp")),
                Member::new("Data", p("Blob")),
                Member::new("Price", p("BigDecimal")),
                d,
                ty,
                Member::new("Medium", s("Medium")),
                Member::new("Prio", s("Prio")),
                Member::new("Parent", s("Req")),
                Member::new("Filter", s("Filter")),
            ],
            ..Default::default()
        }),
    ));
    add(Shape::new(
        s("Filter"),
        ShapeKind::Union(Union {
            members: vec![
                Member::new("text", p("String")),
                Member::new("req", s("Req")),
                Member::new("none", p("Unit")),
            ],
            ..Default::default()
        }),
    ));
    let mut e = Shape::new(
        s("NotFound"),
        ShapeKind::Structure(Structure {
            members: vec![Member::new("message", p("String"))],
            ..Default::default()
        }),
    );
    e.error = Some(ErrorInfo {
        fault: Fault::Client,
        http_status: Some(404),
        retryable: None,
    });
    add(e);
    let files = codegen::rust::generate_crate(
        &m,
        &codegen::Options {
            crate_name: "scratch".into(),
            ..Default::default()
        },
    )
    .unwrap();
    codegen::writer::write(&files, std::path::Path::new("/tmp/scratch")).unwrap();
}
