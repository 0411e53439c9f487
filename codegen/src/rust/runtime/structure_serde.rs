/// Implements serde's `Serialize` and `Deserialize` for a structure from a table of its
/// members: the same wire form as serde's derives, in much less code for the compiler to check
/// (the loop over a JSON object's members lives once in [`structure_serde`]).
///
/// The table names the structure, then `, default` when it has `Default` (it is then read into
/// `Self::default()`, else into one `Option` per field), then `, deny` when members not in the
/// table are an error; then one row per field: its index, the field, its wire name, its
/// presence and how its value is read.
///
/// ```text
/// structure_serde_impls! {
///     ResendConfirmationCodeRequest, default {
///         0 client_id "ClientId" required redacted;
///         1 secret_hash "SecretHash" optional redacted;
///         2 created "CreationDate" optional as(Option<super::primitives::EpochSeconds>);
///         3 limit "Limit" default(default_limit);
///     }
/// }
/// ```
///
/// Presence: `required` (an absent member is an error), `optional` (an `Option`: absent means
/// `None`, and `None` is not written), `nullable` (absent means the type's default, and the
/// value is always written) or `default(<function>)` (absent means what the function returns).
/// Reading: nothing (the type's own `Deserialize`), `redacted` (a sensitive value: an error
/// does not quote the input) or `as(<adapter>)` (a `serde_with` adapter, both ways, through
/// the helpers of the `primitives` module).
macro_rules! structure_serde_impls {
    (@present $s:ident $field:ident optional) => {
        $s.$field.is_some()
    };
    (@present $s:ident $field:ident $($presence:tt)*) => {
        true
    };

    (@write $writer:ident $s:ident $field:ident $wire:literal optional as($adapter:ty)) => {
        if $s.$field.is_some() {
            $writer.field($wire, &super::primitives::write_as::<_, $adapter>(&$s.$field));
        } else {
            $writer.skip($wire);
        }
    };
    (@write $writer:ident $s:ident $field:ident $wire:literal optional $($read:ident)?) => {
        $writer.optional($wire, &$s.$field)
    };
    (@write $writer:ident $s:ident $field:ident $wire:literal $presence:ident $(($default:path))? as($adapter:ty)) => {
        $writer.field($wire, &super::primitives::write_as::<_, $adapter>(&$s.$field))
    };
    (@write $writer:ident $s:ident $field:ident $wire:literal $presence:ident $(($default:path))? $($read:ident)?) => {
        $writer.field($wire, &$s.$field)
    };

    (@read $reader:ident $slot:expr) => {
        $reader.read($slot)
    };
    (@read $reader:ident $slot:expr, redacted) => {
        $reader.read_redacted($slot)
    };
    (@read $reader:ident $slot:expr, as($adapter:ty)) => {
        super::primitives::read_as::<_, $adapter, _, _>(&mut $reader, $slot)
    };

    (@read_option $reader:ident $field:ident) => {
        $reader.read_some(&mut $field)
    };
    (@read_option $reader:ident $field:ident redacted) => {
        $reader.read_some_redacted(&mut $field)
    };
    (@read_option $reader:ident $field:ident as($adapter:ty)) => {
        super::primitives::read_some_as::<_, $adapter, _, _>(&mut $reader, &mut $field)
    };

    (@required required) => {
        true
    };
    (@required $($presence:tt)*) => {
        false
    };

    (@default $value:ident $reader:ident $index:literal $field:ident default($default:path)) => {
        if !$reader.has($index) {
            $value.$field = $default();
        }
    };
    (@default $value:ident $reader:ident $index:literal $field:ident $($presence:tt)*) => {};

    (@finish $field:ident $wire:literal required) => {
        super::types::structure_serde::required::<_, A::Error>($field, $wire)?
    };
    (@finish $field:ident $wire:literal default($default:path)) => {
        $field.unwrap_or_else($default)
    };
    (@finish $field:ident $wire:literal $presence:ident) => {
        $field.unwrap_or_default()
    };

    (@deny) => {
        false
    };
    (@deny deny) => {
        true
    };

    (@common $name:ident [$($deny:ident)?] {
        $($index:literal $field:ident $wire:literal $presence:ident $(($default:path))? $($read:ident $(($adapter:ty))?)?;)*
    }) => {
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let present = [$(structure_serde_impls!(@present self $field $presence)),*];
                let mut writer = super::types::structure_serde::Writer::new(
                    serializer,
                    stringify!($name),
                    &present,
                )?;
                $(structure_serde_impls!(@write writer self $field $wire $presence $(($default))? $($read $(($adapter))?)?);)*
                writer.end()
            }
        }

        structure_serde_impls!(@deserialize $name);
    };

    (@deserialize $name:ident) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                super::types::structure_serde::deserialize(deserializer)
            }
        }
    };

    (@members $name:ident [$($deny:ident)?] {
        $($index:literal $field:ident $wire:literal $presence:ident $(($default:path))? $($read:ident $(($adapter:ty))?)?;)*
    }) => {
        const NAME: &'static str = stringify!($name);
        const WIRE_NAMES: &'static [&'static str] = &[$($wire),*];
        const REQUIRED: u128 = super::types::structure_serde::bits(&[
            $(structure_serde_impls!(@required $presence)),*
        ]);
        const DENY_UNKNOWN: bool = structure_serde_impls!(@deny $($deny)?);
    };

    ($name:ident, default, deny $rows:tt) => {
        structure_serde_impls!(@read_into_default $name [deny] $rows);
    };
    ($name:ident, default $rows:tt) => {
        structure_serde_impls!(@read_into_default $name [] $rows);
    };
    ($name:ident, deny $rows:tt) => {
        structure_serde_impls!(@read_into_options $name [deny] $rows);
    };
    ($name:ident $rows:tt) => {
        structure_serde_impls!(@read_into_options $name [] $rows);
    };

    // A structure without members.
    (@$read_into:ident $name:ident $deny:tt {}) => {
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                super::types::structure_serde::Writer::new(serializer, stringify!($name), &[])?.end()
            }
        }

        structure_serde_impls!(@deserialize $name);

        impl super::types::structure_serde::Members for $name {
            structure_serde_impls!(@members $name $deny {});

            fn read<'de, A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                let mut seen = super::types::structure_serde::Seen::default();
                while seen.next_member::<Self, A>(&mut map)?.is_some() {}
                Ok(Self {})
            }
        }
    };

    // What every structure with members gets: `Serialize`, `Deserialize`, and `Members` with
    // the `read` function its arm below writes.
    (@impls $name:ident $deny:tt $rows:tt { $($read_fn:tt)* }) => {
        structure_serde_impls!(@common $name $deny $rows);

        impl super::types::structure_serde::Members for $name {
            structure_serde_impls!(@members $name $deny $rows);

            $($read_fn)*
        }
    };

    // A structure with `Default`: read into `Self::default()`.
    (@read_into_default $name:ident $deny:tt {
        $($index:literal $field:ident $wire:literal $presence:ident $(($default:path))? $($read:ident $(($adapter:ty))?)?;)*
    }) => {
        structure_serde_impls!(@impls $name $deny {
            $($index $field $wire $presence $(($default))? $($read $(($adapter))?)?;)*
        } {
            fn read<'de, A: serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
                let mut value = Self::default();
                let mut reader = super::types::structure_serde::Reader::<Self, A>::new(map);
                while let Some(index) = reader.next_member() {
                    match index {
                        $($index => structure_serde_impls!(@read reader &mut value.$field $(, $read $(($adapter))?)?),)*
                        _ => {}
                    }
                }
                reader.finish()?;
                $(structure_serde_impls!(@default value reader $index $field $presence $(($default))?);)*
                Ok(value)
            }
        });
    };

    // Any other structure: read into one `Option` per field, then build it.
    (@read_into_options $name:ident $deny:tt {
        $($index:literal $field:ident $wire:literal $presence:ident $(($default:path))? $($read:ident $(($adapter:ty))?)?;)*
    }) => {
        structure_serde_impls!(@impls $name $deny {
            $($index $field $wire $presence $(($default))? $($read $(($adapter))?)?;)*
        } {
            fn read<'de, A: serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
                $(let mut $field = None;)*
                let mut reader = super::types::structure_serde::Reader::<Self, A>::new(map);
                while let Some(index) = reader.next_member() {
                    match index {
                        $($index => structure_serde_impls!(@read_option reader $field $($read $(($adapter))?)?),)*
                        _ => {}
                    }
                }
                reader.finish()?;
                Ok(Self {
                    $($field: structure_serde_impls!(@finish $field $wire $presence $(($default))?),)*
                })
            }
        });
    };
}

/// For the `errors` module, when it has structures.
#[allow(unused_imports)]
pub(crate) use structure_serde_impls;

/// What [`structure_serde_impls!`] expands to calls: the loop over a structure's members, and
/// the reading and writing of one member. (A crate whose structures all have `Default`, or none
/// has, leaves some of the readers unused.)
#[allow(dead_code)]
pub(crate) mod structure_serde {
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
    use serde::ser::SerializeStruct;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// What a structure's serde impls need to know of it.
    pub(crate) trait Members: Sized {
        /// The Rust name, for serde's `deserialize_struct` and error messages.
        const NAME: &'static str;
        /// The wire name of each member, in field order.
        const WIRE_NAMES: &'static [&'static str];
        /// The required members: bit `i` for member `i`.
        const REQUIRED: u128;
        /// Whether a member not in [`Self::WIRE_NAMES`] is an error (else it is skipped).
        const DENY_UNKNOWN: bool;

        /// Reads the structure from the members of a map.
        fn read<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
    }

    /// Deserializes a structure from a map (never from a sequence, unlike serde's derive).
    pub(crate) fn deserialize<'de, T: Members, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<T, D::Error> {
        deserializer.deserialize_struct(T::NAME, T::WIRE_NAMES, StructureVisitor(PhantomData))
    }

    struct StructureVisitor<T>(PhantomData<T>);

    impl<'de, T: Members> Visitor<'de> for StructureVisitor<T> {
        type Value = T;

        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(formatter, "struct {}", T::NAME)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::read(map)
        }
    }

    /// The members read so far (a structure has at most 128 members with an index here; any
    /// further ones are not checked for repeats).
    #[derive(Default)]
    pub(crate) struct Seen(u128);

    impl Seen {
        /// Whether member `index` was read.
        pub(crate) fn has(&self, index: usize) -> bool {
            index < 128 && self.0 & (1 << index) != 0
        }

        /// The index of the next member of `T` in the map, skipping (or, with
        /// [`Members::DENY_UNKNOWN`], rejecting) members `T` does not have; `None` at the end.
        /// A member read twice is serde's "duplicate field" error.
        pub(crate) fn next_member<'de, T: Members, A: MapAccess<'de>>(
            &mut self,
            map: &mut A,
        ) -> Result<Option<usize>, A::Error> {
            loop {
                match map.next_key_seed(MemberKey::<T>(PhantomData))? {
                    None => return Ok(None),
                    Some(Some(index)) => {
                        if self.has(index) {
                            return Err(de::Error::duplicate_field(T::WIRE_NAMES[index]));
                        }
                        if index < 128 {
                            self.0 |= 1 << index;
                        }
                        return Ok(Some(index));
                    }
                    Some(None) => {
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
            }
        }

        /// Serde's "missing field" error for the first required member of `T` not read.
        pub(crate) fn check_required<T: Members, E: de::Error>(&self) -> Result<(), E> {
            let missing = T::REQUIRED & !self.0;
            if missing == 0 {
                return Ok(());
            }
            Err(E::missing_field(
                T::WIRE_NAMES[missing.trailing_zeros() as usize],
            ))
        }
    }

    /// A member name read as the index of `T`'s member of that wire name.
    struct MemberKey<T>(PhantomData<T>);

    impl<T: Members> MemberKey<T> {
        fn unknown<E: de::Error>(key: &str) -> Result<Option<usize>, E> {
            if T::DENY_UNKNOWN {
                Err(E::unknown_field(key, T::WIRE_NAMES))
            } else {
                Ok(None)
            }
        }
    }

    impl<'de, T: Members> DeserializeSeed<'de> for MemberKey<T> {
        type Value = Option<usize>;

        fn deserialize<D: Deserializer<'de>>(
            self,
            deserializer: D,
        ) -> Result<Self::Value, D::Error> {
            deserializer.deserialize_identifier(self)
        }
    }

    impl<'de, T: Members> Visitor<'de> for MemberKey<T> {
        type Value = Option<usize>;

        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            formatter.write_str("field identifier")
        }

        fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
            match T::WIRE_NAMES.iter().position(|name| *name == key) {
                Some(index) => Ok(Some(index)),
                None => Self::unknown(key),
            }
        }

        fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Self::Value, E> {
            match T::WIRE_NAMES.iter().position(|name| name.as_bytes() == key) {
                Some(index) => Ok(Some(index)),
                None => Self::unknown(&String::from_utf8_lossy(key)),
            }
        }

        fn visit_u64<E: de::Error>(self, index: u64) -> Result<Self::Value, E> {
            match usize::try_from(index) {
                Ok(index) if index < T::WIRE_NAMES.len() => Ok(Some(index)),
                _ if T::DENY_UNKNOWN => Err(E::invalid_value(
                    de::Unexpected::Unsigned(index),
                    &"the index of a member",
                )),
                _ => Ok(None),
            }
        }
    }

    /// The bits of a structure's required members (of the first 128).
    pub(crate) const fn bits(required: &[bool]) -> u128 {
        let mut bits = 0;
        let mut index = 0;
        while index < required.len() && index < 128 {
            if required[index] {
                bits |= 1 << index;
            }
            index += 1;
        }
        bits
    }

    /// Reads the members of one structure `T` from a map: the member indexes, then each value
    /// into its field. The first error stops the reading and is kept for [`Reader::finish`],
    /// so the generated `read` functions need no `?` per member.
    pub(crate) struct Reader<'de, T, A: MapAccess<'de>> {
        map: A,
        seen: Seen,
        error: Option<A::Error>,
        structure: PhantomData<(T, &'de ())>,
    }

    impl<'de, T: Members, A: MapAccess<'de>> Reader<'de, T, A> {
        /// Starts reading `map`.
        #[inline]
        pub(crate) fn new(map: A) -> Self {
            Reader {
                map,
                seen: Seen::default(),
                error: None,
                structure: PhantomData,
            }
        }

        /// The index of the next member (see [`Seen::next_member`]); `None` at the end or after
        /// an error.
        #[inline]
        pub(crate) fn next_member(&mut self) -> Option<usize> {
            if self.error.is_some() {
                return None;
            }
            let next = self.seen.next_member::<T, A>(&mut self.map);
            self.keep(next).flatten()
        }

        /// The current member's value, or `None` after keeping the error.
        #[inline]
        pub(crate) fn next_value<V: Deserialize<'de>>(&mut self) -> Option<V> {
            let value = self.map.next_value();
            self.keep(value)
        }

        /// Reads the current member's value into a field.
        #[inline]
        pub(crate) fn read<V: Deserialize<'de>>(&mut self, slot: &mut V) {
            if let Some(value) = self.next_value() {
                *slot = value;
            }
        }

        /// Reads a sensitive member's value into a field: an error does not quote the input.
        #[inline]
        pub(crate) fn read_redacted<V: Deserialize<'de>>(&mut self, slot: &mut V) {
            let value = self.map.next_value_seed(Redacted(PhantomData));
            if let Some(value) = self.keep(value) {
                *slot = value;
            }
        }

        /// Reads the current member's value into an `Option` that holds it until the structure
        /// is built.
        #[inline]
        pub(crate) fn read_some<V: Deserialize<'de>>(&mut self, slot: &mut Option<V>) {
            if let Some(value) = self.next_value() {
                *slot = Some(value);
            }
        }

        /// [`Reader::read_some`] for a sensitive member: an error does not quote the input.
        #[inline]
        pub(crate) fn read_some_redacted<V: Deserialize<'de>>(&mut self, slot: &mut Option<V>) {
            let value = self.map.next_value_seed(Redacted(PhantomData));
            if let Some(value) = self.keep(value) {
                *slot = Some(value);
            }
        }

        /// Whether member `index` was read.
        #[inline]
        pub(crate) fn has(&self, index: usize) -> bool {
            self.seen.has(index)
        }

        /// The first error met, else serde's "missing field" error for the first required
        /// member not read.
        #[inline]
        pub(crate) fn finish(&mut self) -> Result<(), A::Error> {
            match self.error.take() {
                Some(error) => Err(error),
                None => self.seen.check_required::<T, A::Error>(),
            }
        }

        #[inline]
        fn keep<V>(&mut self, result: Result<V, A::Error>) -> Option<V> {
            match result {
                Ok(value) => Some(value),
                Err(error) => {
                    self.error = Some(error);
                    None
                }
            }
        }
    }

    /// A required member's value, or serde's "missing field" error.
    pub(crate) fn required<T, E: de::Error>(slot: Option<T>, wire: &'static str) -> Result<T, E> {
        slot.ok_or_else(|| E::missing_field(wire))
    }

    /// A value whose deserialization errors do not quote the input.
    struct Redacted<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Redacted<T> {
        type Value = T;

        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
            T::deserialize(deserializer).map_err(|_| {
                <D::Error as de::Error>::custom(
                    "invalid value for a sensitive member (the value is not shown)",
                )
            })
        }
    }

    /// Writes a structure's members one call at a time; after an error the calls do nothing,
    /// and [`Writer::end`] returns it.
    pub(crate) struct Writer<S: Serializer> {
        state: S::SerializeStruct,
        error: Option<S::Error>,
    }

    impl<S: Serializer> Writer<S> {
        /// Starts structure `name`, with one member per `true` in `present`.
        pub(crate) fn new(
            serializer: S,
            name: &'static str,
            present: &[bool],
        ) -> Result<Self, S::Error> {
            let len = present.iter().filter(|present| **present).count();
            Ok(Self {
                state: serializer.serialize_struct(name, len)?,
                error: None,
            })
        }

        /// Writes a member.
        pub(crate) fn field<T: Serialize + ?Sized>(&mut self, wire: &'static str, value: &T) {
            if self.error.is_none() {
                self.error = self.state.serialize_field(wire, value).err();
            }
        }

        /// Writes an optional member, or skips it when it is `None`.
        pub(crate) fn optional<T: Serialize>(&mut self, wire: &'static str, value: &Option<T>) {
            match value {
                Some(_) => self.field(wire, value),
                None => self.skip(wire),
            }
        }

        /// Skips a member that is not written.
        pub(crate) fn skip(&mut self, wire: &'static str) {
            if self.error.is_none() {
                self.error = self.state.skip_field(wire).err();
            }
        }

        /// Ends the structure, or returns the first error.
        pub(crate) fn end(self) -> Result<S::Ok, S::Error> {
            match self.error {
                Some(error) => Err(error),
                None => self.state.end(),
            }
        }
    }
}
