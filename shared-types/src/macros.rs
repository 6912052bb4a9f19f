//! `wire_enum!`: the shape every domain enum of this crate shares.

/// A domain enum with a stable wire name (what `wire_enum!` declares).
pub trait WireEnum: Copy + Sized + 'static {
    /// What the enum is, for messages about unknown values (`"ClassStatus"`).
    const NAME: &'static str;
    fn as_str(self) -> &'static str;
    fn parse(s: &str) -> Option<Self>;
}

/// Declares an enum as it crosses the wire: each variant with its snake_case wire name and its
/// Chinese and English labels; derives serde (and the OpenAPI schema with `server`), and gives
/// `ALL`, `as_str`, `parse`, `label_zh` and `label_en`.
#[macro_export]
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = ($wire:literal, $zh:literal, $en:literal)),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $wire)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name on the wire, in the database and in query strings.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire),+
                }
            }

            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }

            pub fn label_zh(self) -> &'static str {
                match self {
                    $($name::$variant => $zh),+
                }
            }

            pub fn label_en(self) -> &'static str {
                match self {
                    $($name::$variant => $en),+
                }
            }
        }

        $crate::impl_wire_enum!($name);
    };
}

/// Implements [`WireEnum`] for enums that have inherent `as_str` and `parse`.
#[macro_export]
macro_rules! impl_wire_enum {
    ($($name:ident),+ $(,)?) => {
        $(impl $crate::WireEnum for $name {
            const NAME: &'static str = stringify!($name);

            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }

            fn parse(s: &str) -> Option<Self> {
                $name::parse(s)
            }
        })+
    };
}
