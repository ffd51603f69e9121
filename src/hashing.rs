//! Fast hashing of the texts read from rosters, and the table that remembers what was found for
//! a task text: shared by the reader (which hashes task texts while parsing), the scorer and the
//! rubric, none of which needs the others for it.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The hash under which the scorer keeps a task text (`Row::task_hash`).
pub fn task_hash(text: &str) -> u64 {
    TextCache::hash(text)
}

/// A task text's `task_hash` and length in bytes.
pub type TaskHash = (u64, usize);

/// Asks the CPU to bring the memory at `p` into its caches, without waiting for it.
#[inline]
pub(crate) fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing the program sees and cannot fault, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// A hash map with a fast, non-cryptographic hash (the Fx hash of rustc): keys here are task
/// texts and job names from the user's own files, looked up once per row.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The last bytes as a little-endian word padded with zeros: the text's last eight
            // bytes with those before the rest shifted out; in a text of less than eight, put
            // together byte by byte (copying them into a padded array called `memcpy`).
            let last = match bytes.len().checked_sub(8) {
                Some(from) => {
                    let word = u64::from_le_bytes(bytes[from..].try_into().expect("8 bytes"));
                    word >> (8 * (8 - rest.len()))
                }
                None => padded_word(rest),
            };
            self.add(last);
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// A final mix: the multiplications above only carry entropy upwards, and the hash table
    /// picks buckets by the low bits (texts that end alike would share them).
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h
    }
}

/// Up to eight bytes as a little-endian word padded with zeros.
#[inline]
fn padded_word(bytes: &[u8]) -> u64 {
    (bytes.iter().rev()).fold(0u64, |word, &b| word << 8 | u64::from(b))
}

const CACHE_LIMIT: usize = 1 << 16;

/// Task text → rule, in a table built for rosters with tens of thousands of distinct texts:
/// each entry fills one 64-byte cache line and holds the hash, the rule and the text itself
/// (up to 48 bytes; longer texts keep their first 40 there and the rest in `long`: a hit then
/// compares each byte once, and what it reads past the slot starts where `prefetch_long`
/// brought it), so that a
/// look-up reads one line of memory where a `HashMap<String, _>` reads three (control bytes,
/// bucket, then the key's heap bytes).
#[derive(Default)]
pub struct TextCache {
    slots: Vec<Slot>,
    len: usize,
    /// The bytes of each long text after its first `LONG_PREFIX`.
    long: Vec<Box<[u8]>>,
}

/// One entry: `tag` 0 is an empty slot, 1 a text without a rule, 2 + r the rule r.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Slot {
    hash: u64,
    tag: u32,
    len: u32,
    text: [u8; INLINE],
}

const INLINE: usize = 48;
/// Bytes of a long text kept in the slot; the next 8 hold its index in `TextCache::long`.
const LONG_PREFIX: usize = INLINE - 8;

const EMPTY: Slot = Slot {
    hash: 0,
    tag: 0,
    len: 0,
    text: [0; INLINE],
};

impl TextCache {
    fn hash(text: &str) -> u64 {
        Self::hash_bytes(text.as_bytes())
    }

    fn hash_bytes(text: &[u8]) -> u64 {
        let mut h = FxHasher::default();
        h.write(text);
        h.finish()
    }

    fn slot_for(&self, hash: u64) -> Option<&Slot> {
        (!self.slots.is_empty()).then(|| &self.slots[hash as usize & (self.slots.len() - 1)])
    }

    #[inline]
    pub fn prefetch_slot(&self, hash: u64) {
        if let Some(slot) = self.slot_for(hash) {
            prefetch(slot as *const Slot);
        }
    }

    #[inline]
    pub fn prefetch_long(&self, hash: u64, len: usize) {
        // A short text has no long part: its slot is not read here (a wait on memory).
        if len <= INLINE {
            return;
        }
        if let Some(slot) = self.slot_for(hash) {
            if slot.hash == hash && slot.len as usize == len {
                let index =
                    u64::from_le_bytes(slot.text[LONG_PREFIX..].try_into().expect("8 bytes"));
                if let Some(long) = self.long.get(index as usize) {
                    prefetch(long.as_ptr());
                }
            }
        }
    }

    #[inline]
    fn matches(&self, slot: &Slot, hash: u64, text: &[u8]) -> bool {
        if slot.hash != hash || slot.len as usize != text.len() {
            return false;
        }
        if text.len() <= INLINE {
            return slot.text[..text.len()] == *text;
        }
        let index = u64::from_le_bytes(slot.text[LONG_PREFIX..].try_into().expect("8 bytes"));
        slot.text[..LONG_PREFIX] == text[..LONG_PREFIX]
            && *self.long[index as usize] == text[LONG_PREFIX..]
    }

    #[inline]
    pub fn get(&self, hash: u64, text: &str) -> Option<Option<usize>> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let slot = &self.slots[i];
            if slot.tag == 0 {
                return None;
            }
            if self.matches(slot, hash, text.as_bytes()) {
                return Some((slot.tag >= 2).then(|| slot.tag as usize - 2));
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds a text not in the table; past `CACHE_LIMIT` texts, the table starts afresh.
    pub fn insert(&mut self, hash: u64, text: &str, rule: Option<usize>) {
        if self.len >= CACHE_LIMIT {
            self.slots.iter_mut().for_each(|s| *s = EMPTY);
            self.long.clear();
            self.len = 0;
        }
        // At most half full: probe chains stay short.
        if (self.len + 1) * 2 > self.slots.len() {
            // Small at first: 64 bytes a slot, and a short roster has few texts.
            let capacity = (self.slots.len() * 2).max(64);
            let old = std::mem::replace(&mut self.slots, vec![EMPTY; capacity]);
            let mask = self.slots.len() - 1;
            for slot in old.into_iter().filter(|s| s.tag != 0) {
                let mut i = slot.hash as usize & mask;
                while self.slots[i].tag != 0 {
                    i = (i + 1) & mask;
                }
                self.slots[i] = slot;
            }
        }
        let bytes = text.as_bytes();
        let mut slot = Slot {
            hash,
            tag: rule.map_or(1, |r| u32::try_from(r).expect("fewer than 2³² rules") + 2),
            len: u32::try_from(bytes.len()).expect("a cell of less than 4 GB"),
            text: [0; INLINE],
        };
        if bytes.len() <= INLINE {
            slot.text[..bytes.len()].copy_from_slice(bytes);
        } else {
            slot.text[..LONG_PREFIX].copy_from_slice(&bytes[..LONG_PREFIX]);
            slot.text[LONG_PREFIX..].copy_from_slice(&(self.long.len() as u64).to_le_bytes());
            self.long.push(bytes[LONG_PREFIX..].into());
        }
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        while self.slots[i].tag != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = slot;
        self.len += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text's hash as its words make it, each padded with zeros (the last one's bytes put
    /// together one by one).
    fn hash_by_words(bytes: &[u8]) -> u64 {
        let mut h = FxHasher::default();
        bytes.chunks(8).for_each(|word| h.add(padded_word(word)));
        h.finish()
    }

    proptest::proptest! {
        /// Texts of every length to 40 (the last word read with the bytes before it).
        #[test]
        fn a_text_is_hashed_as_its_padded_words(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
        ) {
            proptest::prop_assert_eq!(TextCache::hash_bytes(&bytes), hash_by_words(&bytes));
        }
    }

    /// Short, 48-byte, long and alike texts, across growth and the restart past the limit.
    #[test]
    fn the_text_cache_finds_what_it_was_given() {
        let text = |i: usize| match i % 4 {
            0 => format!("t{i}"),
            1 => format!("{:>48}", i),
            2 => format!("{}{i}", "x".repeat(40)),
            _ => format!("{}{i}", "é".repeat(30 + i % 50)),
        };
        let rule = |i: usize| (i % 3 != 0).then_some(i % 300);
        let mut cache = TextCache::default();
        for i in 0..5_000 {
            let t = text(i);
            let h = TextCache::hash(&t);
            assert_eq!(cache.get(h, &t), None, "{t}");
            cache.insert(h, &t, rule(i));
        }
        for i in 0..5_000 {
            let t = text(i);
            assert_eq!(cache.get(TextCache::hash(&t), &t), Some(rule(i)), "{t}");
        }
        // Warming up reads nothing wrong, whatever the text (in the table or not, long or not).
        let mut probes: Vec<String> = (0..5_000).map(text).collect();
        probes.extend(["".into(), "absent".into(), "é".repeat(100)]);
        for t in &probes {
            let h = TextCache::hash_bytes(t.as_bytes());
            cache.prefetch_slot(h);
            cache.prefetch_long(h, t.len());
        }
        let other = format!("{}4999", "x".repeat(40));
        assert_eq!(cache.get(TextCache::hash(&other), &other), None);
        for i in 5_000..CACHE_LIMIT + 10 {
            let t = format!("n{i}");
            cache.insert(TextCache::hash(&t), &t, None);
        }
        assert_eq!(cache.len, 10);
        let t = text(2);
        assert_eq!(cache.get(TextCache::hash(&t), &t), None);
    }
}
