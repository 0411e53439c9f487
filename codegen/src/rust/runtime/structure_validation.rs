/// Implements `Validate` and `FromJson` for a structure from a table of its members.
///
/// The table names the structure's type, then `, json only` when nothing can be wrong with a
/// value already in memory (only reading JSON can fail), then one row per member that has
/// anything to check: its field, its wire name, its presence, its Rust type (`as` the
/// `serde_with` adapter that reads it, if any), `=>` what checks a value of it, and what to
/// report when the JSON does not read as that type.
///
/// ```text
/// structure_validation_impls! {
///     super::types::AdminConfirmSignUpRequest {
///         user_pool_id "UserPoolId" required super::types::UserPoolIdType => check_user_pool_id_type "string";
///         client_metadata "ClientMetadata" optional super::types::ClientMetadataType => check_client_metadata_type {super::types::StringType => check_string_type "string"};
///     }
/// }
/// ```
///
/// Presence: `required` and `default` fields are plain values (the JSON member must be present,
/// resp. may be absent, and is never `null`); `optional` and `nullable` fields are `Option`s
/// (the JSON member may be absent or `null`, resp. must be present but may be `null`);
/// `required_option` fields are `Option`s that may not be `None` (nor absent or `null`).
///
/// Checks: `_` (nothing), `validate` (the value's own `Validate` impl) or a `check_*`
/// function. When the JSON does not read: `"<type>"` reports that the value is not of that JSON
/// type, `object` asks the type's own `FromJson::check_json`, `[<item>]` walks an array and
/// `{<value>}` an object (`{sensitive <value>}`: with the keys left out of paths), where
/// `<item>` and `<value>` are a type, `=>`, a check and a report as in a row (led by `sparse`
/// when `null` entries are skipped), or `any` when every JSON value fits. `=> _ any` in a row
/// means that only the member's presence is checked.
///
/// Header options after the type: `, json only` (see above) and `, exact json` (the type's
/// `FromJson::EXACT_JSON` is `true`: JSON Schema's data model). After the rows, optional
/// sections, in this order:
///
/// - `nulls { <row>* }`: `FromJson::check_nulls`, with a row per member whose JSON `null`s
///   matter: `"<wire>" <report> <descent>;`, where `<report>` is `"<type>"` (a `null` member is
///   reported as not of that type) or `_`, and `<descent>` is `_`, `(<type>)` (that type's own
///   `check_nulls`), `[<descent>]` (each item) or `{<descent>}` (each entry). A row led by the
///   list of member wire names, `["A" "B"] _ <descent>;`, walks the members not in the list.
/// - `unknown deny ["A" "B"]`: members not in the list are reported; `unknown map ["A" "B"]
///   (<type> => <check> <report>)`: they are values of the structure's `additional_properties`
///   map, read and checked as in a row.
///
/// A `document` value with a check is `<type> => <check> json`: the JSON itself is checked.
///
/// Violations come in row order, the same as the checks written out one by one.
macro_rules! structure_validation_impls {
    (@presence required) => { Presence::Required };
    (@presence default) => { Presence::NotNull };
    (@presence optional) => { Presence::Optional };
    (@presence nullable) => { Presence::RequiredNullable };
    (@presence required_option) => { Presence::Required };

    (@validate $ctx:tt default $($rest:tt)*) => {
        structure_validation_impls!(@validate $ctx required $($rest)*);
    };
    (@validate $ctx:tt nullable $($rest:tt)*) => {
        structure_validation_impls!(@validate $ctx optional $($rest)*);
    };
    (@validate [$s:ident $path:ident $errors:ident] required_option $field:ident $wire:literal _) => {
        if $s.$field.is_none() {
            $errors.missing(&$path.field($wire));
        }
    };
    (@validate [$s:ident $path:ident $errors:ident] required_option $field:ident $wire:literal validate) => {
        match &$s.$field {
            Some(value) => {
                value.validate_at(&$path.field($wire), $errors);
            }
            None => $errors.missing(&$path.field($wire)),
        }
    };
    (@validate [$s:ident $path:ident $errors:ident] required_option $field:ident $wire:literal $check:ident) => {
        match &$s.$field {
            Some(value) => {
                $check(value, &$path.field($wire), $errors);
            }
            None => $errors.missing(&$path.field($wire)),
        }
    };
    (@validate $ctx:tt $presence:ident $field:ident $wire:literal _) => {};
    (@validate [$s:ident $path:ident $errors:ident] required $field:ident $wire:literal validate) => {
        $s.$field.validate_at(&$path.field($wire), $errors);
    };
    (@validate [$s:ident $path:ident $errors:ident] required $field:ident $wire:literal $check:ident) => {
        $check(&$s.$field, &$path.field($wire), $errors);
    };
    (@validate [$s:ident $path:ident $errors:ident] optional $field:ident $wire:literal validate) => {
        if let Some(value) = &$s.$field {
            value.validate_at(&$path.field($wire), $errors);
        }
    };
    (@validate [$s:ident $path:ident $errors:ident] optional $field:ident $wire:literal $check:ident) => {
        if let Some(value) = &$s.$field {
            $check(value, &$path.field($wire), $errors);
        }
    };

    (@json [$path:ident $errors:ident $object:ident] $presence:ident $wire:literal $ty:ty => _ any) => {
        let at = $path.field($wire);
        at.find_in($object, structure_validation_impls!(@presence $presence), $errors);
    };
    (@json $ctx:tt $presence:ident $wire:literal $ty:ty => $check:tt $expected:literal) => {
        structure_validation_impls!(@member $ctx $presence $wire $ty, $check, Mismatch::Type($expected));
    };
    (@json $ctx:tt $presence:ident $wire:literal $ty:ty => $check:tt object) => {
        structure_validation_impls!(@member $ctx $presence $wire $ty, $check, Mismatch::Check(<$ty as FromJson>::check_json));
    };
    (@json [$path:ident $errors:ident $object:ident] $presence:ident $wire:literal $($typed:tt)*) => {
        let at = $path.field($wire);
        if let Some(json) = at.find_in($object, structure_validation_impls!(@presence $presence), $errors) {
            structure_validation_impls!(@typed [$errors at json] $($typed)*);
        }
    };

    (@typed [$errors:ident $at:ident $json:ident] sparse $($typed:tt)*) => {
        if !$json.is_null() {
            structure_validation_impls!(@typed [$errors $at $json] $($typed)*);
        }
    };
    (@typed [$errors:ident $at:ident $json:ident] $ty:ty => $check:ident json) => {
        $check($json, &$at, $errors);
    };
    (@typed [$errors:ident $at:ident $json:ident] $ty:ty as $adapter:ty => _ $descent:tt) => {
        let parsed: Option<$ty> = serde_with::As::<$adapter>::deserialize($json).ok();
        if parsed.is_none() {
            structure_validation_impls!(@descent [$errors $at $json] $ty, $descent);
        }
    };
    (@typed [$errors:ident $at:ident $json:ident] $ty:ty as $adapter:ty => $check:tt $descent:tt) => {
        let parsed: Option<$ty> = serde_with::As::<$adapter>::deserialize($json).ok();
        match parsed {
            Some(value) => structure_validation_impls!(@call $check value, $at, $errors),
            None => structure_validation_impls!(@descent [$errors $at $json] $ty, $descent),
        }
    };
    (@typed [$errors:ident $at:ident $json:ident] $ty:ty => _ $descent:tt) => {
        if read::<$ty>($json).is_none() {
            structure_validation_impls!(@descent [$errors $at $json] $ty, $descent);
        }
    };
    (@typed [$errors:ident $at:ident $json:ident] $ty:ty => $check:tt $descent:tt) => {
        match read::<$ty>($json) {
            Some(value) => structure_validation_impls!(@call $check value, $at, $errors),
            None => structure_validation_impls!(@descent [$errors $at $json] $ty, $descent),
        }
    };

    (@member [$path:ident $errors:ident $object:ident] $presence:ident $wire:literal $ty:ty, $check:tt, $mismatch:expr) => {
        check_member::<$ty, _>(
            $object,
            $path,
            $wire,
            structure_validation_impls!(@presence $presence),
            structure_validation_impls!(@check_fn $ty, $check),
            $mismatch,
            $errors,
        );
    };
    (@check_fn $ty:ty, _) => {
        None::<fn(&$ty, &Path<'_>, &mut ValidationErrors)>
    };
    (@check_fn $ty:ty, validate) => {
        Some(<$ty as Validate>::validate_at as fn(&$ty, &Path<'_>, &mut ValidationErrors))
    };
    (@check_fn $ty:ty, $check:ident) => {
        Some($check as fn(&_, &Path<'_>, &mut ValidationErrors))
    };

    (@call validate $value:ident, $at:ident, $errors:ident) => {
        $value.validate_at(&$at, $errors)
    };
    (@call $check:ident $value:ident, $at:ident, $errors:ident) => {
        $check(&$value, &$at, $errors)
    };

    (@descent [$errors:ident $at:ident $json:ident] $ty:ty, object) => {
        <$ty as FromJson>::check_json($json, &$at, $errors)
    };
    (@descent [$errors:ident $at:ident $json:ident] $ty:ty, [any]) => {
        if !$json.is_array() {
            $errors.wrong_type(&$at, "array");
        }
    };
    // A list or map of plain values: explained by the runtime's `check_items` and
    // `check_entries`; deeper or sparse ones by the loops of the rules after these.
    (@descent [$errors:ident $at:ident $json:ident] $ty:ty, [$item:ty => $check:tt $expected:literal]) => {
        check_items::<$item, _>(
            $json,
            &$at,
            structure_validation_impls!(@check_fn $item, $check),
            Mismatch::Type($expected),
            $errors,
        )
    };
    (@descent [$errors:ident $at:ident $json:ident] $ty:ty, [$item:ty => $check:tt object]) => {
        check_items::<$item, _>(
            $json,
            &$at,
            structure_validation_impls!(@check_fn $item, $check),
            Mismatch::Check(<$item as FromJson>::check_json),
            $errors,
        )
    };
    (@descent [$errors:ident $at:ident $json:ident] $ty:ty, {sensitive $value:ty => $check:tt $expected:literal}) => {
        check_entries::<$value, _>(
            $json,
            &$at,
            true,
            structure_validation_impls!(@check_fn $value, $check),
            Mismatch::Type($expected),
            $errors,
        )
    };
    (@descent [$errors:ident $at:ident $json:ident] $ty:ty, {sensitive $value:ty => $check:tt object}) => {
        check_entries::<$value, _>(
            $json,
            &$at,
            true,
            structure_validation_impls!(@check_fn $value, $check),
            Mismatch::Check(<$value as FromJson>::check_json),
            $errors,
        )
    };
    (@descent [$errors:ident $at:ident $json:ident] $ty:ty, {$value:ty => $check:tt $expected:literal}) => {
        check_entries::<$value, _>(
            $json,
            &$at,
            false,
            structure_validation_impls!(@check_fn $value, $check),
            Mismatch::Type($expected),
            $errors,
        )
    };
    (@descent [$errors:ident $at:ident $json:ident] $ty:ty, {$value:ty => $check:tt object}) => {
        check_entries::<$value, _>(
            $json,
            &$at,
            false,
            structure_validation_impls!(@check_fn $value, $check),
            Mismatch::Check(<$value as FromJson>::check_json),
            $errors,
        )
    };
    (@descent [$errors:ident $at:ident $json:ident] $ty:ty, [$($item:tt)*]) => {
        match $json.as_array() {
            Some(items) => {
                for (index, $json) in items.iter().enumerate() {
                    let $at = $at.index(index);
                    structure_validation_impls!(@typed [$errors $at $json] $($item)*);
                }
            }
            None => $errors.wrong_type(&$at, "array"),
        }
    };
    (@descent [$errors:ident $at:ident $json:ident] $ty:ty, {any}) => {
        if !$json.is_object() {
            $errors.wrong_type(&$at, "object");
        }
    };
    (@descent [$errors:ident $at:ident $json:ident] $ty:ty, {sensitive $($value:tt)*}) => {
        match $json.as_object() {
            Some(entries) => {
                for (_key, $json) in entries {
                    let $at = $at.key("*** Sensitive Data Redacted ***");
                    structure_validation_impls!(@typed [$errors $at $json] $($value)*);
                }
            }
            None => $errors.wrong_type(&$at, "object"),
        }
    };
    (@descent [$errors:ident $at:ident $json:ident] $ty:ty, {$($value:tt)*}) => {
        match $json.as_object() {
            Some(entries) => {
                for (key, $json) in entries {
                    let $at = $at.key(key);
                    structure_validation_impls!(@typed [$errors $at $json] $($value)*);
                }
            }
            None => $errors.wrong_type(&$at, "object"),
        }
    };
    (@descent [$errors:ident $at:ident $json:ident] $ty:ty, $expected:literal) => {
        $errors.wrong_type(&$at, $expected)
    };

    (@unknown $key:ident []) => { true };
    (@unknown $key:ident [$($known:literal)+]) => { !matches!($key.as_str(), $($known)|+) };

    (@validate_unknown [$s:ident $path:ident $errors:ident] deny) => {};
    (@validate_unknown [$s:ident $path:ident $errors:ident] map ($ty:ty => _ $descent:tt)) => {};
    (@validate_unknown [$s:ident $path:ident $errors:ident] map ($ty:ty => validate $descent:tt)) => {
        for (key, value) in &$s.additional_properties {
            value.validate_at(&$path.key(key), $errors);
        }
    };
    (@validate_unknown [$s:ident $path:ident $errors:ident] map ($ty:ty => $check:ident $descent:tt)) => {
        for (key, value) in &$s.additional_properties {
            $check(value, &$path.key(key), $errors);
        }
    };

    (@json_unknown [$path:ident $errors:ident $object:ident] deny $known:tt) => {
        for key in $object.keys() {
            if structure_validation_impls!(@unknown key $known) {
                $errors.report(&$path.key(key), ViolationKind::AdditionalProperty);
            }
        }
    };
    (@json_unknown [$path:ident $errors:ident $object:ident] map $known:tt ($($typed:tt)*)) => {
        for (key, json) in $object {
            if structure_validation_impls!(@unknown key $known) {
                let at = $path.key(key);
                structure_validation_impls!(@typed [$errors at json] $($typed)*);
            }
        }
    };

    (@nulls [$path:ident $errors:ident $object:ident] [$($known:literal)*] _ $descent:tt) => {
        for (key, json) in $object {
            if structure_validation_impls!(@unknown key [$($known)*]) {
                let at = $path.key(key);
                structure_validation_impls!(@null_descent [$errors at json] $descent);
            }
        }
    };
    (@nulls [$path:ident $errors:ident $object:ident] $wire:literal $report:tt $descent:tt) => {
        if let Some(json) = $object.get($wire) {
            let at = $path.field($wire);
            structure_validation_impls!(@null_report [$errors at json] $report);
            structure_validation_impls!(@null_descent [$errors at json] $descent);
        }
    };
    (@null_report [$errors:ident $at:ident $json:ident] _) => {};
    (@null_report [$errors:ident $at:ident $json:ident] $expected:literal) => {
        if $json.is_null() {
            $errors.wrong_type(&$at, $expected);
        }
    };
    (@null_descent [$errors:ident $at:ident $json:ident] _) => {};
    (@null_descent [$errors:ident $at:ident $json:ident] [$item:tt]) => {
        if let Some(items) = $json.as_array() {
            for (index, $json) in items.iter().enumerate() {
                let $at = $at.index(index);
                structure_validation_impls!(@null_descent [$errors $at $json] $item);
            }
        }
    };
    (@null_descent [$errors:ident $at:ident $json:ident] {$value:tt}) => {
        if let Some(entries) = $json.as_object() {
            for (key, $json) in entries {
                let $at = $at.key(key);
                structure_validation_impls!(@null_descent [$errors $at $json] $value);
            }
        }
    };
    (@null_descent [$errors:ident $at:ident $json:ident] ($ty:ty)) => {
        <$ty as FromJson>::check_nulls($json, &$at, $errors);
    };

    (@exact [$(json only,)? exact json]) => {
        const EXACT_JSON: bool = true;
    };
    (@exact [$($options:tt)*]) => {};

    (@check_nulls { $($key:tt $report:tt $descent:tt;)* }) => {
        fn check_nulls(json: &serde_json::Value, path: &Path<'_>, errors: &mut ValidationErrors) {
            let Some(object) = json.as_object() else {
                return;
            };
            $(structure_validation_impls!(@nulls [path errors object] $key $report $descent);)*
        }
    };

    (@check_json [$json:ident $path:ident $errors:ident] {}) => {
        if !$json.is_object() {
            $errors.wrong_type($path, "object");
        }
    };
    (@check_json [$json:ident $path:ident $errors:ident] {
        $($field:ident $wire:literal $presence:ident $ty:ty $(as $adapter:ty)? => $check:tt $descent:tt;)*
    } $(unknown $rule:ident $known:tt $($typed:tt)?)?) => {
        let Some(object) = $json.as_object() else {
            $errors.wrong_type($path, "object");
            return;
        };
        $(structure_validation_impls!(@json [$path $errors object] $presence $wire $ty $(as $adapter)? => $check $descent);)*
        $(structure_validation_impls!(@json_unknown [$path $errors object] $rule $known $($typed)?);)?
    };

    (@validate_impl $name:ty [json only $($options:tt)*] $($rest:tt)*) => {
        impl Validate for $name {
            fn validate_at(&self, _path: &Path<'_>, _errors: &mut ValidationErrors) {}
        }
    };
    (@validate_impl $name:ty [$($options:tt)*] {
        $($field:ident $wire:literal $presence:ident $ty:ty $(as $adapter:ty)? => $check:tt $descent:tt;)*
    } $(nulls $nulls:tt)? $(unknown $rule:ident $known:tt $($typed:tt)?)?) => {
        impl Validate for $name {
            fn validate_at(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
                $(structure_validation_impls!(@validate [self path errors] $presence $field $wire $check);)*
                $(structure_validation_impls!(@validate_unknown [self path errors] $rule $($typed)?);)?
            }
        }
    };

    (@from_json_impl $name:ty [$($options:tt)*] $rows:tt $(nulls $nulls:tt)? $(unknown $rule:ident $known:tt $($typed:tt)?)?) => {
        impl FromJson for $name {
            structure_validation_impls!(@exact [$($options)*]);
            $(structure_validation_impls!(@check_nulls $nulls);)?
            fn check_json(json: &serde_json::Value, path: &Path<'_>, errors: &mut ValidationErrors) {
                structure_validation_impls!(@check_json [json path errors] $rows $(unknown $rule $known $($typed)?)?);
            }
        }
    };

    ($name:ty {}) => {
        structure_validation_impls!($name, json only {});
    };
    ($name:ty $(, $($option:ident)+)* { $($rows:tt)* } $($sections:tt)*) => {
        structure_validation_impls!(@validate_impl $name [$($($option)+),*] { $($rows)* } $($sections)*);
        structure_validation_impls!(@from_json_impl $name [$($($option)+),*] { $($rows)* } $($sections)*);
    };
}
