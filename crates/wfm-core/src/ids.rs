//! String newtype identifiers.
//!
//! Assembled ids are strings (UUIDs in the real API, `agt_...` in the reconstructed spec). Each kind
//! gets its own type so a `PersonId` cannot be passed where an `AgentId` is expected (a person's `id`
//! differs from its `agent_id`). On input an integer is accepted and kept as its decimal text.

macro_rules! string_id {
    ($(#[$meta:meta])* $name:ident, $example:literal) => {
        $(#[$meta])*
        #[doc = ""]
        #[doc = "# Example"]
        #[doc = ""]
        #[doc = "```"]
        #[doc = concat!("use wfm_core::", stringify!($name), ";")]
        #[doc = concat!("let id = ", stringify!($name), "::new(\"", $example, "\");")]
        #[doc = concat!("assert_eq!(id.as_str(), \"", $example, "\");")]
        #[doc = concat!("assert_eq!(id.to_string(), \"", $example, "\");")]
        #[doc = concat!("let parsed: ", stringify!($name), " = serde_json::from_str(\"\\\"", $example, "\\\"\")?;")]
        #[doc = "assert_eq!(parsed, id);"]
        #[doc = "# Ok::<(), serde_json::Error>(())"]
        #[doc = "```"]
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            #[doc = concat!("Wraps an id string.")]
            #[doc = ""]
            #[doc = "# Example"]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("let id = wfm_core::", stringify!($name), "::new(String::from(\"", $example, "\"));")]
            #[doc = concat!("assert_eq!(id.as_str(), \"", $example, "\");")]
            #[doc = "```"]
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            #[doc = "Returns the id as a string slice."]
            #[doc = ""]
            #[doc = "# Example"]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("let id = wfm_core::", stringify!($name), "::from(\"", $example, "\");")]
            #[doc = concat!("assert_eq!(id.as_str().len(), ", stringify!($example), ".len());")]
            #[doc = "```"]
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }

            #[doc = "Returns the owned id string."]
            #[doc = ""]
            #[doc = "# Example"]
            #[doc = ""]
            #[doc = "```"]
            #[doc = concat!("let id = wfm_core::", stringify!($name), "::from(\"", $example, "\");")]
            #[doc = concat!("assert_eq!(id.into_inner(), \"", $example, "\");")]
            #[doc = "```"]
            #[must_use]
            pub fn into_inner(self) -> String {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                crate::lenient::string(d).map(Self)
            }
        }
    };
}

string_id!(
    /// The id an agent has in states, activities and working hours (differs from [`PersonId`]).
    AgentId,
    "agt_01"
);
string_id!(
    /// A person's own id (`/people` key); the agent-facing id is [`AgentId`].
    PersonId,
    "per_01"
);
string_id!(
    /// A queue (a segment of a channel's volume, e.g. VIP).
    QueueId,
    "que_vip"
);
string_id!(
    /// A site (a location, which carries a time zone).
    SiteId,
    "sit_emea"
);
string_id!(
    /// A team.
    TeamId,
    "tea_blue"
);
string_id!(
    /// A skill (a proficiency).
    SkillId,
    "ski_spanish"
);
string_id!(
    /// A scheduled activity. Real ids recur across occurrences of recurring events.
    ActivityId,
    "act_01"
);
string_id!(
    /// An activity type (Assembled's "event type").
    ActivityTypeId,
    "typ_phone"
);
string_id!(
    /// A requirement type (e.g. headcount).
    RequirementTypeId,
    "req_headcount"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_accepted_and_emitted_as_strings() {
        let id: SiteId = serde_json::from_str("42").unwrap();
        assert_eq!(id.as_str(), "42");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"42\"");
    }

    #[test]
    fn other_json_types_are_rejected() {
        assert!(serde_json::from_str::<AgentId>("1.5").is_err());
        assert!(serde_json::from_str::<AgentId>("null").is_err());
        assert!(serde_json::from_str::<AgentId>("[]").is_err());
    }

    #[test]
    fn ids_order_and_borrow_as_str() {
        let mut ids = vec![QueueId::from("b"), QueueId::from("a")];
        ids.sort();
        assert_eq!(ids[0].as_str(), "a");
        let set: std::collections::HashSet<QueueId> = ids.into_iter().collect();
        assert!(set.contains("a"));
    }

    #[test]
    fn ids_compare_with_plain_strings_both_ways() {
        let id = AgentId::from("a1");
        let owned = String::from("a1");
        assert!(id == "a1");
        assert!("a1" == id);
        assert!(id == *"a1");
        assert!(*"a1" == id);
        assert!(id == owned);
        assert!(owned == id);
        assert!(id != "a2");
    }
}
