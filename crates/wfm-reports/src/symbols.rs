//! String interning: ids stored once, referenced by dense `u32` symbols.

use std::collections::HashMap;
use std::sync::Arc;

use crate::fasthash::FastBuild;

/// Symbol 0 means "absent".
pub(crate) const NONE: u32 = 0;

/// Interns strings into dense symbols `1..`; symbol 0 is the absent value.
#[derive(Debug, Clone)]
pub(crate) struct Symbols {
    map: HashMap<Arc<str>, u32, FastBuild>,
    names: Vec<Arc<str>>,
}

impl Default for Symbols {
    fn default() -> Self {
        Self {
            map: HashMap::default(),
            names: vec![Arc::from("")],
        }
    }
}

impl Symbols {
    /// The symbol of `name`, interning it if new; `None` maps to [`NONE`].
    pub(crate) fn intern(&mut self, name: Option<&str>) -> u32 {
        let Some(name) = name else { return NONE };
        if let Some(&s) = self.map.get(name) {
            return s;
        }
        let s = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        let name: Arc<str> = Arc::from(name);
        self.names.push(name.clone());
        self.map.insert(name, s);
        s
    }

    /// The symbol of `name` if interned.
    pub(crate) fn get(&self, name: &str) -> Option<u32> {
        self.map.get(name).copied()
    }

    /// The name of `symbol`; `None` for [`NONE`] or an unknown symbol.
    pub(crate) fn name(&self, symbol: u32) -> Option<&str> {
        if symbol == NONE {
            return None;
        }
        self.names.get(symbol as usize).map(|n| &**n)
    }

    /// Number of symbols including [`NONE`].
    pub(crate) fn len(&self) -> usize {
        self.names.len()
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
    }
}
