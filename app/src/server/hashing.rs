//! Argon2 off the async workers, at the lowest CPU priority.
//!
//! Argon2 is built to be slow. Password hashes run on threads of their own (half the cores), never
//! on the async workers that answer every other request. Those threads run under SCHED_IDLE (where
//! that is refused, at nice 19): a hashing thread gets a core only when no other thread wants it,
//! and a request that wakes up takes the core from it at once. So a flood of logins takes only what
//! the rest of the server leaves: everyone else's requests are answered first, the logins wait
//! their turn (measured by `make bench`, `login`). A hash that has not finished after [`STARVING`]
//! (the machine busy with something else for that long) is raised to the normal priority, so that
//! no login starves; where the process may not raise a priority (no CAP_SYS_NICE) it finishes at
//! the low one.
//!
//! The threads live as long as the process: the allocator keeps the 19 MiB each hash works in, and
//! no thread is made per hash.

use super::ServerError;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tokio::sync::Semaphore;

/// How long a hash may wait at the lowest priority before it is raised to the normal one.
const STARVING: Duration = Duration::from_millis(500);

type Job = Box<dyn FnOnce() + Send>;

/// One hashing thread: where its jobs go, and its thread id while it works on one (0 when idle).
struct Hasher {
    jobs: Mutex<Sender<Job>>,
    busy_tid: Arc<AtomicI32>,
}

struct Pool {
    /// One permit per hasher that is free.
    permits: Semaphore,
    /// The free hashers' indices.
    free: Mutex<Vec<usize>>,
    hashers: Vec<Hasher>,
}

fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        let hashers: Vec<Hasher> = (0..(cores / 2).max(1)).filter_map(start).collect();
        Pool {
            permits: Semaphore::new(hashers.len()),
            free: Mutex::new((0..hashers.len()).collect()),
            hashers,
        }
    })
}

/// Starts hashing thread `n`; `None` (logged) if the system refuses a thread.
fn start(n: usize) -> Option<Hasher> {
    let (tx, rx) = channel::<Job>();
    let busy_tid = Arc::new(AtomicI32::new(0));
    let tid = busy_tid.clone();
    let started = std::thread::Builder::new()
        .name(format!("warta-hash-{n}"))
        .spawn(move || {
            for job in rx {
                // SAFETY: gettid, sched_setscheduler and setpriority read their arguments (integers,
                // a parameter on this stack) and nothing else; a thread's policy is its own. Set
                // again for every job: a starving one was raised.
                unsafe {
                    let param = libc::sched_param { sched_priority: 0 };
                    if libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) != 0 {
                        libc::setpriority(libc::PRIO_PROCESS, 0, 19);
                    }
                    tid.store(libc::gettid(), Ordering::SeqCst);
                }
                job();
                tid.store(0, Ordering::SeqCst);
            }
        });
    match started {
        Ok(_) => Some(Hasher {
            jobs: Mutex::new(tx),
            busy_tid,
        }),
        Err(e) => {
            tracing::error!(error = %e, "password hashing thread not started");
            None
        }
    }
}

/// Gives the hasher back to the pool, also when the waiting request goes away.
struct Lease<'a> {
    pool: &'a Pool,
    index: usize,
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        self.pool
            .free
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(self.index);
    }
}

/// Runs `work` (a password hash or check) on a hashing thread and waits for it without holding
/// an async worker.
pub async fn run<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, ServerError> {
    let pool = pool();
    if pool.hashers.is_empty() {
        // No thread of its own: the blocking pool, at normal priority.
        return tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| ServerError::internal(format!("hashing: {e}")));
    }
    let _permit = pool
        .permits
        .acquire()
        .await
        .map_err(|e| ServerError::internal(format!("hashing: {e}")))?;
    let index = pool
        .free
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .pop()
        .ok_or_else(|| ServerError::internal("hashing: a permit without a free hasher".into()))?;
    let lease = Lease { pool, index };
    let hasher = &pool.hashers[lease.index];
    let (tx, mut rx) = tokio::sync::oneshot::channel();
    hasher
        .jobs
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .send(Box::new(move || {
            let _ = tx.send(work());
        }))
        .map_err(|e| ServerError::internal(format!("hashing: {e}")))?;
    let result = match tokio::time::timeout(STARVING, &mut rx).await {
        Ok(done) => done,
        Err(_) => {
            raise(hasher.busy_tid.load(Ordering::SeqCst));
            rx.await
        }
    };
    drop(lease);
    result.map_err(|e| ServerError::internal(format!("hashing: {e}")))
}

/// Raises a starving hashing thread to the normal priority, if this process may.
fn raise(tid: i32) {
    if tid == 0 {
        return;
    }
    // SAFETY: as in `start`. The thread sets itself back for its next job.
    let raised = unsafe {
        let param = libc::sched_param { sched_priority: 0 };
        libc::sched_setscheduler(tid, libc::SCHED_OTHER, &param) == 0
            && libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 0) == 0
    };
    tracing::debug!(raised, "a password hash still ran after {STARVING:?}: priority raised");
}
