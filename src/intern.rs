//! Strings kept once each and referred to by number: the long listings (unscored tasks, every
//! task, duplicates) repeat a few texts over and over.

use std::sync::Arc;

use crate::hashing::{prefetch, task_hash};

/// Strings kept once each, by number: the texts, rules and themes that a long listing repeats.
/// Kept in `St`: end to end in one buffer ([`Packed`]), or as [`Name`]s for the names jobs
/// hold and share.
#[derive(Debug)]
pub(crate) struct Interner<St = Packed> {
    strings: St,
    /// Where each string is, while strings are added (emptied by `seal`).
    slots: Slots,
}

impl<St: Default> Default for Interner<St> {
    fn default() -> Self {
        Interner {
            strings: St::default(),
            slots: Slots::default(),
        }
    }
}

/// Where an [`Interner`] keeps its strings, numbered 0, 1, 2… in the order they came.
pub(crate) trait Store {
    fn push(&mut self, text: &str);
    fn get(&self, id: u32) -> &str;
    fn len(&self) -> usize;
}

/// Strings end to end in one buffer, each ending where the next begins: 8 bytes a string
/// beside its text. A string of its own took 16 for its pointer, 16 for its counts and the
/// allocator's header, and a roster whose tasks are free text has as many distinct texts as
/// rows (`check` on 5·10^6 such rows, 500,000 of them unscored and kept: 165 → 145 MB).
#[derive(Debug, Default)]
pub(crate) struct Packed {
    text: String,
    ends: Vec<usize>,
}

impl Store for Packed {
    fn push(&mut self, text: &str) {
        self.text.push_str(text);
        self.ends.push(self.text.len());
    }

    fn get(&self, id: u32) -> &str {
        let id = id as usize;
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        &self.text[start..self.ends[id]]
    }

    fn len(&self) -> usize {
        self.ends.len()
    }
}

impl Store for Vec<Name> {
    fn push(&mut self, text: &str) {
        Vec::push(self, Name::from(text));
    }

    fn get(&self, id: u32) -> &str {
        &self[id as usize]
    }

    fn len(&self) -> usize {
        <[Name]>::len(self)
    }
}

/// Where each of the items numbered 0, 1, 2… kept by their owner is, by a hash of each: an
/// open-addressed table of (the high half of its hash, id + 1), 0 for an empty slot, at most
/// half full, placed by that half. Keeping the half beside the id lets the table grow without
/// reading the items again (a cache miss each, with 100,000 departments), and lets a caller
/// give a hash it already has; 8 bytes a slot (a map of a 64-bit hash to an index takes 17).
#[derive(Debug, Default)]
pub(crate) struct Slots {
    slots: Vec<(u32, u32)>,
}

impl Slots {
    /// The id of the item of `hash` that `is` says is the one looked for; when none, the slot
    /// is given to the id `count` (the number of items so far), which the owner then adds.
    #[inline]
    pub(crate) fn find_or_add(
        &mut self,
        count: usize,
        hash: u64,
        is: impl Fn(u32) -> bool,
    ) -> Option<u32> {
        if (count + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut at = self.home(hash);
        let hash = (hash >> 32) as u32;
        loop {
            match self.slots[at] {
                (_, 0) => break,
                (h, n) if h == hash && is(n - 1) => return Some(n - 1),
                _ => at = (at + 1) & mask,
            }
        }
        self.slots[at] = (hash, index_u32(count) + 1);
        None
    }

    /// The slot where `find_or_add` starts looking for `hash`: placed by its high half.
    #[inline]
    fn home(&self, hash: u64) -> usize {
        (hash >> 32) as usize & self.slots.len().wrapping_sub(1)
    }

    /// Brings the slot where `find_or_add` starts looking for `hash` into the CPU caches.
    #[inline]
    pub(crate) fn prefetch(&self, hash: u64) {
        if let Some(slot) = self.slots.get(self.home(hash)) {
            prefetch(slot);
        }
    }

    /// Twice the slots (64 at first), placed again by their hashes.
    #[cold]
    fn grow(&mut self) {
        let capacity = (self.slots.len() * 2).max(64);
        let old = std::mem::replace(&mut self.slots, vec![(0, 0); capacity]);
        let mask = capacity - 1;
        for (hash, n) in old.into_iter().filter(|&(_, n)| n != 0) {
            let mut at = hash as usize & mask;
            while self.slots[at].1 != 0 {
                at = (at + 1) & mask;
            }
            self.slots[at] = (hash, n);
        }
    }
}

impl<St: Store> Interner<St> {
    pub(crate) fn id(&mut self, text: &str) -> u32 {
        self.id_hashed(text, task_hash(text))
    }

    /// `id`, for a text whose `hashing::task_hash` is `hash` (the reader computes it for each
    /// row's task text on its parsing thread).
    pub(crate) fn id_hashed(&mut self, text: &str, hash: u64) -> u32 {
        debug_assert_eq!(hash, task_hash(text));
        let strings = &self.strings;
        let count = strings.len();
        match (self.slots).find_or_add(count, hash, |id| strings.get(id) == text) {
            Some(id) => id,
            None => {
                self.strings.push(text);
                index_u32(count)
            }
        }
    }

    pub(crate) fn get(&self, id: u32) -> &str {
        self.strings.get(id)
    }

    /// Brings the slot where `id_hashed` starts looking for `hash` into the CPU caches.
    #[inline]
    pub(crate) fn prefetch(&self, hash: u64) {
        self.slots.prefetch(hash);
    }

    /// No more strings: the index is let go.
    pub(crate) fn seal(&mut self) {
        self.slots = Slots::default();
    }

    pub(crate) fn len(&self) -> usize {
        self.strings.len()
    }

    #[cfg(test)]
    pub(crate) fn is_sealed(&self) -> bool {
        self.slots.slots.is_empty()
    }
}

impl Interner<Vec<Name>> {
    /// `text`, shared with every other holder of the same text.
    pub(crate) fn name(&mut self, text: &str) -> Name {
        self.name_hashed(text, task_hash(text))
    }

    /// `name`, for a text whose `hashing::task_hash` is `hash`.
    pub(crate) fn name_hashed(&mut self, text: &str, hash: u64) -> Name {
        let id = self.id_hashed(text, hash);
        self.strings[id as usize].clone()
    }

    /// The `id`-th name, to share.
    pub(crate) fn shared(&self, id: u32) -> &Name {
        &self.strings[id as usize]
    }
}

/// An index into a table of files, jobs or strings kept by number.
pub(crate) fn index_u32(len: usize) -> u32 {
    u32::try_from(len).expect("fewer than 2³² files, jobs and task texts")
}

/// A name shared by every job and group that has it (a department's, a file's, a job title
/// repeated across departments): two allocations per distinct name, 8 bytes per holder (a
/// thin pointer: a job holds five names, and a roster has hundreds of thousands of jobs).
/// Reads as a `&str`; serialises as one.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(Arc<Box<str>>);

impl Name {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Where the name is kept: names of one interner with the same text are one `Arc`, so
    /// while this `Name` lives its address stands for its text among them.
    pub fn address(&self) -> usize {
        Arc::as_ptr(&self.0) as usize
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Name {
        Name(Arc::new(s.into()))
    }
}

impl From<String> for Name {
    fn from(s: String) -> Name {
        Name(Arc::new(s.into_boxed_str()))
    }
}

impl From<Arc<str>> for Name {
    fn from(s: Arc<str>) -> Name {
        Name::from(&*s)
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        **self.0 == *other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        **self.0 == **other
    }
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self.0, f)
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&**self.0, f)
    }
}

impl serde::Serialize for Name {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl From<&Name> for String {
    fn from(name: &Name) -> String {
        name.as_str().to_string()
    }
}

impl PartialEq<Name> for String {
    fn eq(&self, other: &Name) -> bool {
        self.as_str() == other.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_text_keeps_its_first_number_as_the_table_grows() {
        let mut strings: Interner = Interner::default();
        let texts: Vec<String> = (0..5_000)
            .map(|i| format!("service {}", i % 3_000))
            .collect();
        let ids: Vec<u32> = texts.iter().map(|t| strings.id(t)).collect();
        assert_eq!(strings.len(), 3_000);
        for (i, (text, &id)) in texts.iter().zip(&ids).enumerate() {
            assert_eq!(id as usize, i % 3_000);
            assert_eq!(strings.get(id), text);
            assert_eq!(strings.id_hashed(text, task_hash(text)), id);
        }
        // With 3,000 texts in 8,192 slots, many share their first slot: each is found
        // past the others, and the empty text is a text like another.
        assert_eq!(strings.id(""), 3_000);
        assert_eq!(strings.id_hashed("", task_hash("")), 3_000);
        strings.seal();
        assert!(strings.is_sealed());
        assert_eq!(strings.get(2_999), "service 2999");
    }

    /// Names are kept as shared names: the same text gives the same allocation, whatever the
    /// number of names between.
    #[test]
    fn a_name_is_shared_by_its_holders() {
        let mut names: Interner<Vec<Name>> = Interner::default();
        let first = names.name("Direction des sports");
        (0..1_000).for_each(|i| drop(names.name(&format!("service {i}"))));
        let again = names.name("Direction des sports");
        assert!(Arc::ptr_eq(&first.0, &again.0));
        assert_eq!(names.shared(0).as_str(), "Direction des sports");
        assert_eq!((names.len(), names.get(1_000)), (1_001, "service 999"));
    }
}
