//! A fast seeded string hasher for the store's indexes, and the external-id index.
//!
//! std's SipHash costs several times more than the rest of an upsert. This hasher
//! folds 8 bytes at a time with a 128-bit multiply (the construction of foldhash and
//! wyhash) from a per-process random seed, so hash flooding still needs the seed.

use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;

const MUL: u64 = 0x9E37_79B9_7F4A_7C15;
const MUL2: u64 = 0xD6E8_FEB8_6659_FD93;

#[inline]
fn fold(a: u64, b: u64) -> u64 {
    let p = u128::from(a).wrapping_mul(u128::from(b));
    (p as u64) ^ ((p >> 64) as u64)
}

fn process_seed() -> u64 {
    static SEED: OnceLock<u64> = OnceLock::new();
    *SEED.get_or_init(|| std::collections::hash_map::RandomState::new().hash_one(0x5EEDu64))
}

/// Up to 8 bytes as a little-endian integer (a fixed-size load for 8 and 4 bytes).
#[inline]
fn read_le(b: &[u8]) -> u64 {
    match b.len() {
        8 => {
            let mut w = [0u8; 8];
            w.copy_from_slice(b);
            u64::from_le_bytes(w)
        }
        4 => {
            let mut w = [0u8; 4];
            w.copy_from_slice(b);
            u64::from(u32::from_le_bytes(w))
        }
        _ => b.iter().rev().fold(0, |acc, &x| (acc << 8) | u64::from(x)),
    }
}

/// The last 1 to 7 bytes of a string packed into a word without a variable-length copy
/// (wyhash's reads): 4 to 7 bytes as the overlapping first and last 4, 1 to 3 bytes as
/// the first, middle and last byte. Every byte is covered, so for a given length (mixed
/// in separately) different contents give different words.
#[inline]
fn tail(r: &[u8]) -> u64 {
    let n = r.len();
    if n >= 4 {
        read_le(&r[..4]) | (read_le(&r[n - 4..]) << 32)
    } else if n > 0 {
        u64::from(r[0]) | (u64::from(r[n / 2]) << 8) | (u64::from(r[n - 1]) << 16)
    } else {
        0
    }
}

/// Hashes a string with the process seed.
#[inline]
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h = FastHasher(process_seed());
    h.write(s.as_bytes());
    h.finish()
}

/// The hasher state.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FastHasher(u64);

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0 ^ (bytes.len() as u64).wrapping_mul(MUL2);
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            h = fold(h ^ read_le(c), MUL);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            h = fold(h ^ tail(rest), MUL2);
        }
        self.0 = h;
    }

    #[inline]
    fn write_u64(&mut self, v: u64) {
        self.0 = fold(self.0 ^ v, MUL);
    }

    #[inline]
    fn finish(&self) -> u64 {
        fold(self.0, MUL2)
    }
}

/// Maps keys (owned by a caller's vector: the store's external ids, a symbol table's
/// names) to their positions in it, so each key is stored once: an open-addressing table
/// of power-of-two size, at most half full, probed linearly. A slot is 8 bytes, the high
/// 32 bits of the key's hash (compared before the key itself) and its row plus one
/// (0 = empty), so a probe usually costs one cache line.
#[derive(Debug, Clone, Default)]
pub(crate) struct IdIndex {
    slots: Vec<u64>,
    len: usize,
}

/// The part of a hash kept in a slot.
#[inline]
fn tag(hash: u64) -> u64 {
    hash >> 32
}

impl IdIndex {
    /// The row of `id` (whose hash is `hash`), checking candidates against `ids`.
    #[inline]
    pub(crate) fn get<S: AsRef<str>>(&self, hash: u64, id: &str, ids: &[S]) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        self.find(hash, id, ids).ok()
    }

    /// The row of `id`, or `new_row` (below `u32::MAX`) recorded for it when absent
    /// (`true` = inserted). Every row already recorded must have its id in `ids`.
    #[inline]
    pub(crate) fn get_or_insert<S: AsRef<str>>(
        &mut self,
        hash: u64,
        id: &str,
        ids: &[S],
        new_row: u32,
    ) -> (u32, bool) {
        self.reserve(1, ids);
        match self.find(hash, id, ids) {
            Ok(row) => (row, false),
            Err(slot) => {
                self.slots[slot] = (tag(hash) << 32) | (u64::from(new_row) + 1);
                self.len += 1;
                (new_row, true)
            }
        }
    }

    /// Loads the cache line where a probe for `hash` starts, so that a probe issued a
    /// few records later finds it in cache (a plain load: the value is discarded).
    #[inline]
    pub(crate) fn touch(&self, hash: u64) -> u64 {
        let mask = self.slots.len().wrapping_sub(1);
        self.slots.get(hash as usize & mask).copied().unwrap_or(0)
    }

    /// `Ok(row)` of `id`, or `Err(slot)`: the empty slot where it belongs. The table
    /// must not be empty.
    #[inline]
    fn find<S: AsRef<str>>(&self, hash: u64, id: &str, ids: &[S]) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let want = tag(hash);
        let mut i = hash as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                return Err(i);
            }
            if slot >> 32 == want {
                let row = (slot as u32).wrapping_sub(1);
                if ids.get(row as usize).is_some_and(|s| s.as_ref() == id) {
                    return Ok(row);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Makes room for `n` more ids without growing; `ids` holds the id of every row
    /// recorded so far (the table is rebuilt from it when it grows).
    #[inline]
    pub(crate) fn reserve<S: AsRef<str>>(&mut self, n: usize, ids: &[S]) {
        let needed = self.len.saturating_add(n).saturating_mul(2).max(16);
        if needed > self.slots.len() {
            self.grow(needed, ids);
        }
    }

    /// Rebuilds the table with at least `needed` slots from `ids`.
    #[cold]
    #[inline(never)]
    fn grow<S: AsRef<str>>(&mut self, needed: usize, ids: &[S]) {
        let size = needed.checked_next_power_of_two().unwrap_or(needed);
        let mut grown = IdIndex {
            slots: vec![0; size],
            len: 0,
        };
        for (row, id) in (0u32..).zip(ids) {
            let id = id.as_ref();
            let hash = hash_str(id);
            if let Err(slot) = grown.find(hash, id, ids) {
                grown.slots[slot] = (tag(hash) << 32) | (u64::from(row) + 1);
                grown.len += 1;
            }
        }
        *self = grown;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colliding_hashes_keep_both_rows() {
        let ids = vec!["a".to_string(), "b".to_string()];
        let mut ix = IdIndex::default();
        ix.reserve::<String>(4, &[]);
        // Same hash (so same tag and home slot) for two different ids.
        assert_eq!(ix.get_or_insert(7, "a", &ids, 0), (0, true));
        assert_eq!(ix.get_or_insert(7, "b", &ids, 1), (1, true));
        assert_eq!(ix.get_or_insert(7, "b", &ids, 9), (1, false));
        assert_eq!(ix.get(7, "a", &ids), Some(0));
        assert_eq!(ix.get(7, "b", &ids), Some(1));
        assert_eq!(ix.get(7, "c", &ids), None);
        assert_eq!(ix.get(8, "a", &ids), None);
        assert_eq!(IdIndex::default().get(7, "a", &ids), None);
    }

    #[test]
    fn growing_keeps_every_row() {
        let ids: Vec<String> = (0..1_000).map(|i| format!("id-{i}")).collect();
        let mut ix = IdIndex::default();
        for (row, id) in (0u32..).zip(&ids) {
            // Inserted one at a time: the table grows many times.
            let known = &ids[..row as usize];
            assert_eq!(ix.get_or_insert(hash_str(id), id, known, row), (row, true));
        }
        for (row, id) in (0u32..).zip(&ids) {
            assert_eq!(ix.get(hash_str(id), id, &ids), Some(row));
            assert_eq!(
                ix.get_or_insert(hash_str(id), id, &ids, 5_000),
                (row, false)
            );
        }
        assert_eq!(ix.get(hash_str("id-1000"), "id-1000", &ids), None);
    }

    #[test]
    fn hash_depends_on_every_byte_and_length() {
        let base = hash_str("conversation-0001");
        assert_ne!(base, hash_str("conversation-0002"));
        assert_ne!(hash_str("a"), hash_str("a\0"));
        // Every byte of every tail length (1 to 7 bytes after whole words) counts.
        for len in 1..=23 {
            let base: String = "abcdefghijklmnopqrstuvw".chars().take(len).collect();
            for i in 0..len {
                let mut other = base.clone().into_bytes();
                other[i] = b'Z';
                let other = String::from_utf8(other).unwrap();
                assert_ne!(hash_str(&base), hash_str(&other), "{base} vs {other}");
            }
        }
        assert_eq!(base, hash_str("conversation-0001"));
    }
}
