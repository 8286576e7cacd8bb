//! String interning: ids stored once, referenced by dense `u32` symbols.

use crate::fasthash::{IdIndex, hash_str};

/// Symbol 0 means "absent".
pub(crate) const NONE: u32 = 0;

/// Interns strings into dense symbols `1..`; symbol 0 is the absent value.
///
/// The names are indexed by the store's open-addressing [`IdIndex`] (one hash of the
/// name and usually one cache line per lookup); symbol `s` is `names[s - 1]`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Symbols {
    index: IdIndex,
    names: Vec<Box<str>>,
}

impl Symbols {
    /// The symbol of `name`, interning it if new; `None` maps to [`NONE`].
    #[inline]
    pub(crate) fn intern(&mut self, name: Option<&str>) -> u32 {
        let Some(name) = name else { return NONE };
        // Past u32::MAX - 1 names every new name shares the last symbol (never reached:
        // a store holds fewer conversations, each with at most three names).
        let next = u32::try_from(self.names.len())
            .unwrap_or(u32::MAX - 1)
            .min(u32::MAX - 1);
        let (row, inserted) = self
            .index
            .get_or_insert(hash_str(name), name, &self.names, next);
        if inserted {
            self.names.push(name.into());
        }
        row + 1
    }

    /// The symbol of `name` if interned.
    pub(crate) fn get(&self, name: &str) -> Option<u32> {
        self.index
            .get(hash_str(name), name, &self.names)
            .map(|row| row + 1)
    }

    /// The name of `symbol`; `None` for [`NONE`] or an unknown symbol.
    pub(crate) fn name(&self, symbol: u32) -> Option<&str> {
        let row = symbol.checked_sub(1)?;
        self.names.get(row as usize).map(|n| &**n)
    }

    /// Number of symbols including [`NONE`].
    pub(crate) fn len(&self) -> usize {
        self.names.len() + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_is_stable_and_none_is_zero() {
        let mut s = Symbols::default();
        assert_eq!(s.intern(None), NONE);
        let a = s.intern(Some("q1"));
        let b = s.intern(Some("q2"));
        assert_eq!(s.intern(Some("q1")), a);
        assert_ne!(a, b);
        assert_eq!(s.name(a), Some("q1"));
        assert_eq!(s.name(NONE), None);
        assert_eq!(s.get("q2"), Some(b));
        assert_eq!(s.len(), 3);
        // The empty name is a name, not the absent value.
        let empty = s.intern(Some(""));
        assert_ne!(empty, NONE);
        assert_eq!((s.get(""), s.name(empty)), (Some(empty), Some("")));
        assert_eq!(s.name(99), None);
    }
}
