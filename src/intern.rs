//! Strings kept once each and referred to by number: the long listings (unscored tasks, every
//! task, duplicates) repeat a few texts over and over.

use std::sync::Arc;

use crate::hashing::FastMap;

/// Strings kept once each, by number: the texts, rules and themes that a long listing repeats.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    strings: Vec<Arc<str>>,
    /// Where each string is in `strings`; only while strings are added (emptied by `seal`).
    index: FastMap<Arc<str>, u32>,
}

impl Interner {
    pub(crate) fn id(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.index.get(text) {
            return id;
        }
        let id = index_u32(self.strings.len());
        let text: Arc<str> = text.into();
        self.strings.push(text.clone());
        self.index.insert(text, id);
        id
    }

    pub(crate) fn get(&self, id: u32) -> &str {
        &self.strings[id as usize]
    }

    /// No more strings: the index is let go.
    pub(crate) fn seal(&mut self) {
        self.index = FastMap::default();
    }

    /// The `id`-th string, to share.
    pub(crate) fn shared(&self, id: u32) -> &Arc<str> {
        &self.strings[id as usize]
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.strings.len()
    }

    #[cfg(test)]
    pub(crate) fn is_sealed(&self) -> bool {
        self.index.is_empty()
    }
}

/// An index into a table of files, jobs or strings kept by number.
pub(crate) fn index_u32(len: usize) -> u32 {
    u32::try_from(len).expect("fewer than 2³² files, jobs and task texts")
}
