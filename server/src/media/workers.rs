//! Where photos are judged and copied: a pool of its own, half the cores (at least one), whose
//! threads run at the lowest priority the system gives. Decoding a 12-megapixel photo takes most
//! of a second of one core; at the lowest priority that second goes to whatever else is waiting
//! first (pages, saves, the live stream), so ten uploads at once queue here instead of slowing
//! everyone else (issue 17, point 6: BENCHMARKS.md, "Photos"). Nothing else runs on these
//! threads: the runtime's blocking threads keep their normal priority for the rest.

use std::sync::OnceLock;

fn pool() -> &'static rayon::ThreadPool {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        rayon::ThreadPoolBuilder::new()
            .num_threads((cores / 2).max(1))
            .thread_name(|i| format!("warta-media-{i}"))
            .start_handler(|_| {
                // Lowering one's own priority needs no privilege; where the system refuses it
                // anyway, the copies still get made, at the normal priority.
                if let Err(e) = thread_priority::set_current_thread_priority(thread_priority::ThreadPriority::Min) {
                    tracing::warn!(error = ?e, "the media threads keep the normal priority");
                }
            })
            // A job that panics (a decoder's bug on a strange file) ends that job only: its waiter
            // gets `Stopped`, the pool goes on (rayon's default would end the process).
            .panic_handler(|_| tracing::error!("a media job panicked"))
            .build()
            .expect("the media threads start")
    })
}

/// Runs `work` on the media pool, after the jobs sent before it, and waits for its answer
/// without holding an async worker.
pub async fn run<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, Stopped> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    pool().spawn_fifo(move || {
        // The one waiting may have gone (its request was dropped): the answer is not needed.
        let _ = tx.send(work());
    });
    rx.await.map_err(|_| Stopped)
}

/// The job ended without an answer (it panicked).
#[derive(Debug)]
pub struct Stopped;

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a media job stopped without an answer")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The calling thread's nice value, as the kernel reports it (field 19 of its `stat`).
    #[cfg(target_os = "linux")]
    fn nice() -> i32 {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap();
        let after_name = &stat[stat.rfind(')').unwrap() + 1..];
        after_name.split_whitespace().nth(16).unwrap().parse().unwrap()
    }

    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn work_runs_on_the_media_threads_at_the_lowest_priority_and_answers() {
        let here = nice();
        let (name, there) = run(|| (std::thread::current().name().map(str::to_owned), nice()))
            .await
            .unwrap();
        assert!(name.is_some_and(|n| n.starts_with("warta-media-")), "on the media pool");
        assert_eq!(there, 19, "at the lowest priority (nice 19)");
        assert_eq!(nice(), here, "the caller's own priority untouched");
    }

    #[tokio::test]
    async fn a_job_that_panics_is_an_error_not_a_hang() {
        let answer = run(|| -> u8 { panic!("broken photo decoder") }).await;
        assert!(answer.is_err());
        // The pool still works after it.
        assert_eq!(run(|| 7).await.unwrap(), 7);
    }
}
