//! The two cores of a small machine, for the stages after reading that handle every job: a
//! map over two halves, and output rendered in parts on two threads but written in order; and
//! the cores of any machine for inputs handled each on its own (`map_each`).

use std::io::{self, Write};
use std::sync::mpsc;

/// Below this many items, a second thread costs more than it saves.
const MIN_PARALLEL: usize = 4096;

/// `items.into_iter().map(f).collect()`, the second half mapped on a second thread.
pub fn map<T: Send, U: Send>(mut items: Vec<T>, f: impl Fn(T) -> U + Sync) -> Vec<U> {
    if items.len() < MIN_PARALLEL {
        return items.into_iter().map(f).collect();
    }
    let second = items.split_off(items.len() / 2);
    std::thread::scope(|scope| {
        let f = &f;
        let other = scope.spawn(move || second.into_iter().map(f).collect::<Vec<U>>());
        let mut mapped: Vec<U> = items.into_iter().map(f).collect();
        mapped.extend(
            other
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p)),
        );
        mapped
    })
}

/// `(a(), b())`, `a` on a second thread when `items` (what both go through) are many.
pub fn both<A: Send, B>(
    items: usize,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B,
) -> (A, B) {
    if items < MIN_PARALLEL {
        return (a(), b());
    }
    std::thread::scope(|scope| {
        let a = scope.spawn(a);
        let b = b();
        (a.join().unwrap_or_else(|p| std::panic::resume_unwind(p)), b)
    })
}

/// How many inputs `map_each` handles at once: `EXPOSURE_THREADS` when it is a number (1: one
/// after the other, which the tests compare with), else the cores available.
pub fn threads() -> usize {
    std::env::var("EXPOSURE_THREADS")
        .ok()
        .and_then(|n| n.trim().parse::<usize>().ok())
        .unwrap_or_else(cores)
        .max(1)
}

/// The cores available, asked once: the standard library asks the kernel and reads the
/// process's cgroup files on every call (3 files opened).
fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// `items.iter().map(f).collect()`, on up to [`threads`] threads, each taking the next item
/// not yet taken: the results are in the items' order, whatever order they were done in.
pub fn map_each<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let threads = threads().min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let lists: Vec<Vec<(usize, U)>> = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut lists = vec![work()];
        for other in others {
            lists.push((other.join()).unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        lists
    });
    // Each thread's items are in order: merged, not sorted (the results are large and many).
    let mut lists: Vec<_> = lists
        .into_iter()
        .map(|l| l.into_iter().peekable())
        .collect();
    (0..items.len())
        .map(|i| {
            for list in &mut lists {
                if let Some((_, u)) = list.next_if(|&(k, _)| k == i) {
                    return u;
                }
            }
            unreachable!("every item is done once")
        })
        .collect()
}

/// Hands `items` to up to `threads` threads, each taking the next item not yet taken (so the
/// items are started in order) and handling it with state of its own, made once per thread by
/// `init`, while this thread runs `consume` and returns what it returns. Once `consume` has
/// returned, the items not yet taken are left alone.
pub fn produce_each<T: Sync, S, R>(
    items: &[T],
    threads: usize,
    init: impl Fn() -> S + Sync,
    produce: impl Fn(&mut S, usize, &T) + Sync,
    consume: impl FnOnce() -> R,
) -> R {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let work = || {
        let mut state = init();
        while !stop.load(Ordering::Relaxed) {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return;
            };
            produce(&mut state, i, item);
        }
    };
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, items.len().max(1)) {
            scope.spawn(work);
        }
        let result = consume();
        stop.store(true, Ordering::Relaxed);
        result
    })
}

/// Renders part `k` of an output, appending it to a buffer.
pub type RenderPart<'a> = dyn Fn(usize, &mut Vec<u8>) -> io::Result<()> + Sync + 'a;

/// Renders part `k` of an output, appending it to a buffer, with what its thread keeps from
/// part to part.
pub type RenderPartWith<'a, S> = dyn Fn(usize, &mut Vec<u8>, &mut S) -> io::Result<()> + Sync + 'a;

/// Writes `parts` parts of an output in order, rendered alternately by this thread (the even
/// ones) and a second one (the odd ones): long outputs (the jobs of a large roster) are
/// rendered on two cores while memory holds a few parts at most.
pub fn write_in_order(out: &mut dyn Write, parts: usize, render: &RenderPart) -> io::Result<()> {
    write_in_order_with(out, parts, &|k, buf, _: &mut ()| render(k, buf))
}

/// [`write_in_order`], each thread rendering its parts with a state of its own, made once
/// (`S::default()`) and kept from part to part.
pub fn write_in_order_with<S: Default>(
    out: &mut dyn Write,
    parts: usize,
    render: &RenderPartWith<S>,
) -> io::Result<()> {
    let mut state = S::default();
    if parts <= 1 {
        let mut buf = Vec::new();
        for k in 0..parts {
            render(k, &mut buf, &mut state)?;
        }
        return out.write_all(&buf);
    }
    std::thread::scope(|scope| {
        let (done, rendered) = mpsc::sync_channel::<io::Result<Vec<u8>>>(2);
        let (give_back, returned) = mpsc::channel::<Vec<u8>>();
        scope.spawn(move || {
            let mut state = S::default();
            for k in (1..parts).step_by(2) {
                let mut buf = returned.try_recv().unwrap_or_default();
                buf.clear();
                let result = render(k, &mut buf, &mut state).map(|()| buf);
                // Closed: the writing stopped at an error.
                if done.send(result).is_err() {
                    return;
                }
            }
        });
        let mut own = Vec::new();
        for k in 0..parts {
            if k % 2 == 0 {
                own.clear();
                render(k, &mut own, &mut state)?;
                out.write_all(&own)?;
            } else {
                let buf = rendered
                    .recv()
                    .map_err(|_| io::Error::other("the rendering thread stopped"))??;
                out.write_all(&buf)?;
                let _ = give_back.send(buf);
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_in_order_on_both_sides_of_the_threshold() {
        for n in [0, 1, MIN_PARALLEL - 1, MIN_PARALLEL, 3 * MIN_PARALLEL + 1] {
            let items: Vec<usize> = (0..n).collect();
            let expected: Vec<String> = items.iter().map(|i| format!("<{i}>")).collect();
            assert_eq!(map(items, |i| format!("<{i}>")), expected, "{n}");
        }
    }

    #[test]
    fn maps_each_item_in_order_whatever_the_threads() {
        let items: Vec<u64> = (0..50).collect();
        let expected: Vec<u64> = items.iter().map(|i| i * i).collect();
        // Uneven work, so that the threads finish their items out of order.
        let slow_square = |&i: &u64| {
            std::thread::sleep(std::time::Duration::from_micros((i * 37) % 300));
            i * i
        };
        assert_eq!(map_each(&items, slow_square), expected);
        assert_eq!(map_each(&items[..1], slow_square), expected[..1]);
        assert!(map_each(&items[..0], slow_square).is_empty());
    }

    #[test]
    fn writes_parts_in_order_and_stops_at_the_first_error() {
        for parts in [0, 1, 2, 7] {
            let mut out = Vec::new();
            write_in_order(&mut out, parts, &|k, buf| {
                buf.extend_from_slice(format!("{k};").as_bytes());
                Ok(())
            })
            .unwrap();
            let expected: String = (0..parts).map(|k| format!("{k};")).collect();
            assert_eq!(String::from_utf8(out).unwrap(), expected);
        }
        // Each thread's state is its own and kept from part to part: each part sees the
        // parts its thread rendered before it.
        for parts in [1, 2, 7] {
            let mut out = Vec::new();
            write_in_order_with(&mut out, parts, &|k, buf, seen: &mut Vec<usize>| {
                buf.extend_from_slice(format!("{k}{seen:?};").as_bytes());
                seen.push(k);
                Ok(())
            })
            .unwrap();
            let expected: String = (0..parts)
                .map(|k| {
                    let seen: Vec<usize> = (k % 2..k).step_by(2).collect();
                    format!("{k}{seen:?};")
                })
                .collect();
            assert_eq!(String::from_utf8(out).unwrap(), expected);
        }
        for failing in [0, 3] {
            let mut out = Vec::new();
            let result = write_in_order(&mut out, 6, &|k, buf| {
                if k == failing {
                    return Err(io::Error::other("boom"));
                }
                buf.push(b'0' + k as u8);
                Ok(())
            });
            assert_eq!(result.unwrap_err().to_string(), "boom");
            let written = String::from_utf8(out).unwrap();
            assert_eq!(written, "012"[..failing].to_string());
        }
    }
}
