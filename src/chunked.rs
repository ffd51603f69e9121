//! A vector kept in chunks of a fixed size. A roster of 500,000 jobs holds 170 MB of running
//! jobs: in one vector, its room doubled as it grew (up to twice what the jobs take) and
//! finishing them moved them again, part by part. Here what is pushed stays where it was put,
//! and the chunks are given back one at a time, in order, each let go once used.

use std::ops::{Index, IndexMut};

/// Items in chunks of `SIZE`: the first grows as a vector does (a small roster takes little),
/// the others are made whole.
#[derive(Debug)]
pub struct Chunked<T, const SIZE: usize> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T, const SIZE: usize> Default for Chunked<T, SIZE> {
    fn default() -> Self {
        Chunked {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T, const SIZE: usize> Chunked<T, SIZE> {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn push(&mut self, item: T) {
        match self.chunks.last_mut() {
            Some(last) if last.len() < SIZE => last.push(item),
            _ => {
                let mut chunk = if self.chunks.is_empty() {
                    Vec::new()
                } else {
                    Vec::with_capacity(SIZE)
                };
                chunk.push(item);
                self.chunks.push(chunk);
            }
        }
        self.len += 1;
    }

    /// The chunks in order: every one of `SIZE` items but the last.
    pub fn into_chunks(self) -> Vec<Vec<T>> {
        self.chunks
    }
}

impl<T, const SIZE: usize> Index<usize> for Chunked<T, SIZE> {
    type Output = T;

    #[inline]
    fn index(&self, i: usize) -> &T {
        &self.chunks[i / SIZE][i % SIZE]
    }
}

impl<T, const SIZE: usize> IndexMut<usize> for Chunked<T, SIZE> {
    #[inline]
    fn index_mut(&mut self, i: usize) -> &mut T {
        &mut self.chunks[i / SIZE][i % SIZE]
    }
}

/// Gives the memory of chunks let go back to the system. The allocator keeps chunks of a few
/// megabytes in its heaps, not mapped on their own as one large vector was, and keeps their
/// pages once freed: the finished jobs would then take their room beside them (410 MB instead
/// of 260 MB at 500,000 jobs).
pub fn give_back_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only returns free pages of the allocator's heaps to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_keep_their_place_across_chunks() {
        let mut c: Chunked<String, 4> = Chunked::default();
        assert!(c.is_empty());
        for i in 0..11 {
            c.push(format!("item {i}"));
        }
        assert_eq!(c.len(), 11);
        assert_eq!(c[0], "item 0");
        assert_eq!(c[4], "item 4");
        c[10].push('!');
        assert_eq!(c[10], "item 10!");
        let chunks = c.into_chunks();
        assert_eq!(chunks.iter().map(Vec::len).collect::<Vec<_>>(), [4, 4, 3]);
        let all: Vec<String> = chunks.into_iter().flatten().collect();
        assert_eq!(all[7], "item 7");
        assert_eq!(all.len(), 11);
    }
}
