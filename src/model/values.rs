//! The values an entity is made of: strings, lists and enumerations, each with the span of its
//! text, and the kinds of entity.

use super::*;

/// A value and the span of its text in the source.
#[derive(Clone, Debug)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it is written.
    pub span: Span,
}

/// A string value: a range of the source text it is written in (which the run keeps anyway), or,
/// for a string with escapes, its decoded text; and the span of the value as written.
///
/// No value is copied out of its file: a `LocatedStr` shares the file's text, so that a
/// 100,000-person org holds its strings once, in the texts, instead of once more in some 600,000
/// small heap strings. Cloning one is a reference count.
#[derive(Clone)]
pub struct LocatedStr {
    /// Where it is written (quotes included).
    pub span: Span,
    /// The text that holds it: the file's, or its own when it had escapes.
    text: std::sync::Arc<String>,
    /// In the file's text, how far it starts after `span` starts and ends before `span` ends
    /// (a quote, three, a trimmed newline): 24 bytes in all, where a start and a length made
    /// 32, for some 400,000 strings of a 100,000-person org.
    head: u8,
    tail: u8,
    /// Whether `text` is its own (then all of it).
    own: bool,
}

impl LocatedStr {
    /// The string `value` written at `span`, in text of its own (for strings that are not a range
    /// of a source text: decoded escapes, suppression comments, tests and tools).
    pub fn new(value: impl Into<String>, span: Span) -> LocatedStr {
        LocatedStr {
            span,
            text: std::sync::Arc::new(value.into()),
            head: 0,
            tail: 0,
            own: true,
        }
    }

    /// The string `value` written at `span`, shared with `text` when it lies in it within the
    /// span (as the TOML parser's strings without escapes do), else copied.
    pub(crate) fn within(text: &std::sync::Arc<String>, value: &str, span: Span) -> LocatedStr {
        let at = (value.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
        let (start, end) = (span.start as usize, span.end as usize);
        if at <= text.len()
            && value.len() <= text.len() - at
            && let (Some(head), Some(tail)) = (
                at.checked_sub(start).and_then(|h| u8::try_from(h).ok()),
                end.checked_sub(at + value.len())
                    .and_then(|t| u8::try_from(t).ok()),
            )
        {
            LocatedStr {
                span,
                text: std::sync::Arc::clone(text),
                head,
                tail,
                own: false,
            }
        } else {
            LocatedStr::new(value, span)
        }
    }

    /// The string.
    pub fn as_str(&self) -> &str {
        if self.own {
            return &self.text;
        }
        let start = self.span.start as usize + usize::from(self.head);
        let end = (self.span.end as usize).saturating_sub(usize::from(self.tail));
        self.text.get(start..end).unwrap_or_default()
    }

    /// Whether this id is malformed (`""`, `bob smith`): it is an `invalid-value` already, so the
    /// rules about what it names (references, duplicates, memberships) pass it by, and one mistake
    /// stays one finding.
    pub fn is_malformed_id(&self) -> bool {
        !crate::text::valid_id(self.as_str())
    }
}

impl std::fmt::Debug for LocatedStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocatedStr")
            .field("value", &self.as_str())
            .field("span", &self.span)
            .finish()
    }
}

/// An array value: its own span and its elements.
#[derive(Clone, Debug)]
pub struct List<T> {
    /// The span of the whole array.
    pub span: Span,
    /// The elements that had the right type.
    pub items: Vec<T>,
    /// How many elements had the wrong type (each is an `invalid-value` finding already).
    pub bad: usize,
}

/// A table of string to string (`[org.standards]`, `[team.tooling]`, `[team.exceptions]`).
#[derive(Clone, Debug)]
pub struct StringTable {
    /// The span of the table (its header, or the inline table).
    pub span: Span,
    /// Key and value, in key order.
    pub entries: Vec<(LocatedStr, LocatedStr)>,
    /// Keys whose value was not a string (each an `invalid-value` already), sorted.
    pub bad: Vec<String>,
}

impl StringTable {
    /// Whether `key` is written, with a valid value or not.
    pub fn has_key(&self, key: &str) -> bool {
        self.entries
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .is_ok()
            || self.is_bad(key)
    }

    /// Whether `key` is written with a value that is not a string.
    pub fn is_bad(&self, key: &str) -> bool {
        self.bad.binary_search_by(|k| k.as_str().cmp(key)).is_ok()
    }
}

macro_rules! str_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            /// Every value as written in TOML, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($text,)*];

            /// The value written as `s`.
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($text => Some(Self::$variant),)*
                    _ => None,
                }
            }

            /// The value as written in TOML.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)*
                }
            }
        }
    };
}

str_enum!(
    /// `[org].stage`.
    Stage {
        /// Fewer than 50 people.
        Startup = "startup",
        /// Fewer than 1000 people.
        Scaleup = "scaleup",
        /// 1000 people or more.
        Enterprise = "enterprise",
    }
);

str_enum!(
    /// `[org].ai_focus`.
    AiFocus {
        /// ML goes into the product.
        Product = "product",
        /// ML is research and development.
        Research = "research",
        /// Both.
        Both = "both",
    }
);

str_enum!(
    /// `team.kind`.
    TeamKind {
        /// The central ML team of the article.
        CentralizedMl = "centralized-ml",
        /// A cross-functional product team.
        Feature = "feature",
        /// A platform or infrastructure team.
        Platform = "platform",
        /// A business function.
        Business = "business",
        /// A management group.
        Management = "management",
        /// A named list of people that is not a working team: a roster, a mailing list, a
        /// sign-off group.
        Group = "group",
    }
);

str_enum!(
    /// How the org has organised its ML work, derived from where ML practitioners sit (SPEC §8).
    Structure {
        /// No ML practitioner sits in a team that is not `management` or `group`.
        None = "none",
        /// There is an ML team, and every other practitioner is embedded.
        Centralized = "centralized",
        /// Centralized, and an ML team has its own `software` and `product` people.
        FullStackCentralized = "full-stack-centralized",
        /// No ML team; practitioners sit in other teams.
        Decentralized = "decentralized",
        /// An ML team, and practitioners who are not embedded sit in other teams.
        Hybrid = "hybrid",
    }
);

str_enum!(
    /// `team.focus`.
    Focus {
        /// Building the product.
        Product = "product",
        /// Research.
        Research = "research",
        /// Infrastructure.
        Infrastructure = "infrastructure",
    }
);

str_enum!(
    /// `team.budget`.
    Budget {
        /// The team has its own budget.
        Own = "own",
        /// The team shares a budget.
        Shared = "shared",
        /// No budget.
        None = "none",
    }
);

str_enum!(
    /// `guild.cadence`, from most to least frequent.
    Cadence {
        /// Every week.
        Weekly = "weekly",
        /// Every other week.
        Biweekly = "biweekly",
        /// Every month.
        Monthly = "monthly",
        /// Every quarter.
        Quarterly = "quarterly",
        /// Never.
        None = "none",
    }
);

/// What kind of entity something is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// `[org]`.
    Org,
    /// `[[person]]`.
    Person,
    /// `[[team]]`.
    Team,
    /// `[[guild]]`.
    Guild,
}

impl EntityKind {
    /// Every kind, in the order the format describes them.
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Org,
        EntityKind::Person,
        EntityKind::Team,
        EntityKind::Guild,
    ];

    /// The top-level keys of an entity file, in the order of [`EntityKind::ALL`].
    pub const KEYS: &'static [&'static str] = &[
        EntityKind::Org.key(),
        EntityKind::Person.key(),
        EntityKind::Team.key(),
        EntityKind::Guild.key(),
    ];

    /// The top-level key that declares it.
    pub const fn key(self) -> &'static str {
        match self {
            EntityKind::Org => "org",
            EntityKind::Person => "person",
            EntityKind::Team => "team",
            EntityKind::Guild => "guild",
        }
    }

    /// The kind declared by the top-level key `key`.
    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Its table of fields: the format's one description of its keys.
    pub fn fields(self) -> &'static [Field] {
        match self {
            EntityKind::Org => OrgTable::FIELDS,
            EntityKind::Person => Person::FIELDS,
            EntityKind::Team => Team::FIELDS,
            EntityKind::Guild => Guild::FIELDS,
        }
    }

    /// Its keys as written in TOML, in table order.
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            EntityKind::Org => OrgTable::KEYS,
            EntityKind::Person => Person::KEYS,
            EntityKind::Team => Team::KEYS,
            EntityKind::Guild => Guild::KEYS,
        }
    }

    /// What it is, in one line.
    pub fn doc(self) -> &'static str {
        match self {
            EntityKind::Org => OrgTable::DOC,
            EntityKind::Person => Person::DOC,
            EntityKind::Team => Team::DOC,
            EntityKind::Guild => Guild::DOC,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_of_the_text_is_a_range_of_it_and_any_other_is_its_own() {
        let text = std::sync::Arc::new("id = \"ada\"".to_owned());
        let span = Span::new(0, 5..10);
        let ada = LocatedStr::within(&text, &text[6..9], span);
        assert!(!ada.own);
        assert_eq!(ada.as_str(), "ada");
        // Shared: the same bytes, not a copy.
        assert_eq!(ada.as_str().as_ptr(), text[6..].as_ptr());
        assert_eq!(std::sync::Arc::strong_count(&text), 2);
        let decoded = LocatedStr::within(&text, "ad\u{e9}", span);
        assert_eq!((decoded.as_str(), decoded.span), ("ad\u{e9}", span));
        assert_eq!(std::sync::Arc::strong_count(&text), 2);
        assert_eq!(LocatedStr::within(&text, "", span).as_str(), "");
        // A range of the text outside the span (or too far inside it) is copied.
        let outside = LocatedStr::within(&text, &text[0..2], span);
        assert!(outside.own && outside.as_str() == "id");
        assert_eq!(std::mem::size_of::<LocatedStr>(), 24);
        assert_eq!(std::mem::size_of::<Option<LocatedStr>>(), 24);
    }
}
