// Large blocks in huge pages (src/memory.rs): a run of many jobs spent a tenth of its time on
// page faults.
#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: exposure::memory::Allocator = exposure::memory::Allocator;

fn main() {
    std::process::exit(exposure::run(std::env::args_os()) as i32);
}
