// The structures' serde impls call these for members read and written through an adapter; a
// crate whose structures do not need one of them leaves it unused.

/// A value written through a `serde_with` adapter (for the structures' serde impls).
#[allow(dead_code)]
pub(crate) fn write_as<T: ?Sized, U: serde_with::SerializeAs<T>>(
    value: &T,
) -> serde_with::ser::SerializeAsWrap<'_, T, U> {
    serde_with::ser::SerializeAsWrap::new(value)
}

/// Reads a member's value into a field through a `serde_with` adapter.
#[allow(dead_code)]
pub(crate) fn read_as<'de, V, U, T, A>(
    reader: &mut super::types::structure_serde::Reader<'de, T, A>,
    slot: &mut V,
) where
    U: serde_with::DeserializeAs<'de, V>,
    T: super::types::structure_serde::Members,
    A: serde::de::MapAccess<'de>,
{
    if let Some(value) = reader.next_value::<serde_with::de::DeserializeAsWrap<V, U>>() {
        *slot = value.into_inner();
    }
}

/// [`read_as`] into an `Option` that holds the value until the structure is built.
#[allow(dead_code)]
pub(crate) fn read_some_as<'de, V, U, T, A>(
    reader: &mut super::types::structure_serde::Reader<'de, T, A>,
    slot: &mut Option<V>,
) where
    U: serde_with::DeserializeAs<'de, V>,
    T: super::types::structure_serde::Members,
    A: serde::de::MapAccess<'de>,
{
    if let Some(value) = reader.next_value::<serde_with::de::DeserializeAsWrap<V, U>>() {
        *slot = Some(value.into_inner());
    }
}
