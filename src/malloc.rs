//! The C allocator's settings for this program.

/// One malloc arena for every thread (glibc): each thread would otherwise get its own arena
/// on fresh pages, grown page by page (on a 100-row roster, 75 of 657 page faults and 33 of 46
/// `mprotect` calls), while the threads here allocate little at once. Measured at 10^6 rows:
/// the same CPU time and peak memory (see docs/performance.md, session 11).
pub fn one_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a parameter of glibc's allocator; called before any thread.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}
