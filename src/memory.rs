//! The allocator: the system's for most blocks; large ones mapped on their own, in huge pages.
//!
//! A roster of a hundred thousand jobs grows vectors and tables of tens of megabytes. With the
//! kernel's 4 KiB pages each megabyte is 256 page faults, and a vector that doubles is copied
//! into fresh pages each time: about a tenth of such a run's CPU time went to page faults
//! (docs/performance.md). Here a block from 2 MiB is a mapping of its own, sized in 2 MiB
//! steps, advised to the kernel for huge pages (one fault per 2 MiB where the kernel has them
//! to give: `transparent_hugepage` set to `madvise` or `always`; elsewhere the advice is
//! ignored), and grown by remapping, without a copy.

use std::alloc::{GlobalAlloc, Layout, System};

pub struct Allocator;

/// A huge page: blocks from this size are mapped on their own, in whole huge pages.
const HUGE: usize = 1 << 21;

/// The mapping that holds `size` bytes: whole huge pages.
fn mapped(size: usize) -> usize {
    size.next_multiple_of(HUGE)
}

/// Whether a block of this layout is mapped on its own.
fn large(size: usize, align: usize) -> bool {
    size >= HUGE && align <= 4096
}

unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if large(layout.size(), layout.align()) {
            map(layout.size())
        } else {
            unsafe { System.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if large(layout.size(), layout.align()) {
            // A fresh mapping reads as zeros.
            map(layout.size())
        } else {
            unsafe { System.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if large(layout.size(), layout.align()) {
            unsafe { libc::munmap(ptr.cast(), mapped(layout.size())) };
        } else {
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let align = layout.align();
        match (large(layout.size(), align), large(new_size, align)) {
            (false, false) => unsafe { System.realloc(ptr, layout, new_size) },
            (true, true) => {
                let (old, new) = (mapped(layout.size()), mapped(new_size));
                if old == new {
                    return ptr;
                }
                let p = unsafe { libc::mremap(ptr.cast(), old, new, libc::MREMAP_MAYMOVE) };
                if p == libc::MAP_FAILED {
                    return std::ptr::null_mut();
                }
                advise(p, new);
                p.cast()
            }
            // Across the threshold: a new block, the bytes kept copied over.
            _ => unsafe {
                let new_layout = Layout::from_size_align_unchecked(new_size, align);
                let p = self.alloc(new_layout);
                if !p.is_null() {
                    std::ptr::copy_nonoverlapping(ptr, p, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
                p
            },
        }
    }
}

fn map(size: usize) -> *mut u8 {
    let len = mapped(size);
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        return std::ptr::null_mut();
    }
    advise(p, len);
    p.cast()
}

/// Advice only: a refusal changes nothing but the speed.
fn advise(p: *mut libc::c_void, len: usize) {
    unsafe { libc::madvise(p, len, libc::MADV_HUGEPAGE) };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks small and large, grown and shrunk across the threshold and within it, keep their
    /// bytes; a large zeroed block reads as zeros.
    #[test]
    fn blocks_keep_their_bytes_across_every_kind_of_growth() {
        let a = Allocator;
        let sizes = [
            64,
            HUGE - 1,
            HUGE,
            HUGE + 1,
            3 * HUGE,
            5 * HUGE + 17,
            2 * HUGE,
            100,
        ];
        unsafe {
            let zeroed = a.alloc_zeroed(Layout::from_size_align(3 * HUGE, 8).unwrap());
            assert!(!zeroed.is_null());
            assert!(
                std::slice::from_raw_parts(zeroed, 3 * HUGE)
                    .iter()
                    .all(|&b| b == 0)
            );
            a.dealloc(zeroed, Layout::from_size_align(3 * HUGE, 8).unwrap());

            let mut layout = Layout::from_size_align(sizes[0], 8).unwrap();
            let mut p = a.alloc(layout);
            let fill = |p: *mut u8, n: usize| {
                for i in 0..n {
                    *p.add(i) = (i % 251) as u8;
                }
            };
            fill(p, layout.size());
            for &size in &sizes[1..] {
                p = a.realloc(p, layout, size);
                assert!(!p.is_null());
                let kept = layout.size().min(size);
                let bytes = std::slice::from_raw_parts(p, kept);
                assert!(
                    bytes.iter().enumerate().all(|(i, &b)| b == (i % 251) as u8),
                    "{size}"
                );
                layout = Layout::from_size_align(size, 8).unwrap();
                fill(p, size);
            }
            a.dealloc(p, layout);
        }
    }

    /// A block aligned beyond a page is the system's, whatever its size.
    #[test]
    fn a_block_aligned_beyond_a_page_is_the_systems() {
        let a = Allocator;
        let layout = Layout::from_size_align(2 * HUGE, 1 << 16).unwrap();
        unsafe {
            let p = a.alloc(layout);
            assert!(!p.is_null());
            assert_eq!(p as usize % (1 << 16), 0);
            *p.add(2 * HUGE - 1) = 1;
            a.dealloc(p, layout);
        }
    }
}
