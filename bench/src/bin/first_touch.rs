//! How fast this machine hands a process new memory. A load's time depends on it (README,
//! Performance), and so does whether a load runs right after another or after a pause.
//!
//! ```sh
//! cargo build --release -p kamervragen-bench --bin first_touch
//! for pause in 0 1 2 4 8; do
//!   target/release/first_touch 4 > /dev/null; sleep $pause
//!   echo "pause $pause: $(target/release/first_touch 4)"
//! done
//! ```
//!
//! Takes GIB GiB (default 4) of new memory in blocks of 1 MiB, as a load takes its memory from
//! the allocator, writes a byte into each 4 KiB page, and prints `SECONDS GIB_PER_SECOND`. The
//! allocator keeps what a process frees, so only a process of its own sees memory as new. On
//! a virtual machine whose host takes back what the guest freed, the run after a longer pause
//! is slower: the host must find the memory again.

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    kamervragen::allocator::set_up();
    let gib: usize = std::env::args().nth(1).map_or(Ok(4), |a| a.parse())?;
    let started = Instant::now();
    let blocks: Vec<Vec<u8>> = (0..gib << 10)
        .map(|_| {
            let mut block = vec![0u8; 1 << 20];
            for page in block.iter_mut().step_by(4096) {
                *page = 1;
            }
            block
        })
        .collect();
    std::hint::black_box(&blocks);
    let seconds = started.elapsed().as_secs_f64();
    println!("{seconds:.3} {:.2}", gib as f64 / seconds);
    Ok(())
}

/// The allocator the `kamervragen` binary uses (src/main.rs), set up as it sets it up
/// (`main`), so that memory comes from the system as it does for a load.
#[global_allocator]
static ALLOCATOR: kamervragen::allocator::MiMalloc = kamervragen::allocator::MiMalloc;
