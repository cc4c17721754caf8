//! The `newsdex` binary: tune the process, parse the command line, run, map the outcome to
//! an exit code. Everything else is the library's.

fn main() -> std::process::ExitCode {
    tune_allocator();
    newsdex::cli::main()
}

/// glibc gives every thread its own malloc arena, keeps freed memory in each, and raises its
/// mmap threshold as large buffers come and go. Two arenas and a fixed 1 MiB threshold took
/// peak RSS of a 100k-article ingest from 500 MB to 319 MB, no slower (docs/BENCHMARKS.md).
/// A fixed mmap threshold also pins the trim threshold at 128 KiB, so every free near the top
/// of a heap handed pages back to the kernel only to fault them in again: 11 of 84 CPU-seconds
/// were system time. Trimming only past 256 MiB brought that to 5 s (peak RSS 326 MB).
///
/// This is process-wide, so it lives in the binary, before any thread starts, and not in a
/// library function a host program would call behind its own allocator's back.
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator tuning parameter; it runs before any other
    // thread exists, and its failure (a zero return) leaves the default in place.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        // A fixed threshold keeps large buffers in mmap, returned to the system when freed.
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
    }
}
