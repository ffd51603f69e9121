//! The two cores of a small machine, for the stages after reading that handle every job: a
//! map over two halves, and output rendered in parts on two threads but written in order.

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

/// Renders part `k` of an output, appending it to a buffer.
pub type RenderPart<'a> = dyn Fn(usize, &mut Vec<u8>) -> io::Result<()> + Sync + 'a;

/// Writes `parts` parts of an output in order, rendered alternately by this thread (the even
/// ones) and a second one (the odd ones): long outputs (the jobs of a large roster) are
/// rendered on two cores while memory holds a few parts at most.
pub fn write_in_order(out: &mut dyn Write, parts: usize, render: &RenderPart) -> io::Result<()> {
    if parts <= 1 {
        let mut buf = Vec::new();
        for k in 0..parts {
            render(k, &mut buf)?;
        }
        return out.write_all(&buf);
    }
    std::thread::scope(|scope| {
        let (done, rendered) = mpsc::sync_channel::<io::Result<Vec<u8>>>(2);
        let (give_back, returned) = mpsc::channel::<Vec<u8>>();
        scope.spawn(move || {
            for k in (1..parts).step_by(2) {
                let mut buf = returned.try_recv().unwrap_or_default();
                buf.clear();
                let result = render(k, &mut buf).map(|()| buf);
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
                render(k, &mut own)?;
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
