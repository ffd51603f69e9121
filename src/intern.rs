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

    /// `text`, shared with every other holder of the same text.
    pub(crate) fn name(&mut self, text: &str) -> Name {
        let id = self.id(text);
        Name(self.strings[id as usize].clone())
    }

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

/// A name shared by every job and group that has it (a department's, a file's, a job title
/// repeated across departments): one allocation per distinct name, 16 bytes per holder. Reads
/// as a `&str`; serialises as one.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(Arc<str>);

impl Name {
    pub fn as_str(&self) -> &str {
        &self.0
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
        Name(s.into())
    }
}

impl From<String> for Name {
    fn from(s: String) -> Name {
        Name(s.into())
    }
}

impl From<Arc<str>> for Name {
    fn from(s: Arc<str>) -> Name {
        Name(s)
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&*self.0, f)
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
