$version: "2"
metadata foo = ["bar"]
namespace ex

use smithy.api#required

/// A service.
@aws.protocols#restJson1
service Svc { version: "1", operations: [Op], errors: [Bad] }

@http(method: "POST", uri: "/op/{name}")
operation Op {
    input := with [M] {
        @required @httpLabel
        name: Name
        n: Integer = 1
        kinds: Kinds
    }
    output := {}
}

@mixin
structure M { @documentation("m") m: Long }

@length(min: 1, max: 8) @pattern("^[a-z]+$")
string Name

enum Kind { A = "a", B }
intEnum Num { ONE = 1 }
list Kinds { @uniqueItems member: Kind }
map Tags { key: String, value: Timestamp }
union U { s: String, b: Blob, d: Document }

@error("client") @httpError(400)
structure Bad { message: String }

apply Bad$message @documentation("""
    text block
    """)
