//! The one pacer every Google call goes through (rclone's Drive backend is the model): a
//! ceiling of write requests per minute, shared by Drive and Sheets, and exponential backoff
//! with jitter on the failures [`Failure::class`] says to retry, `Retry-After` first. After the
//! retry budget the call fails; the publish then fails with `ErrorKind::Retry` and the agent's
//! outbox tries again later.
//!
//! The timing rules are pure ([`WriteWindow`], [`Backoff`]: they take the time as an argument);
//! [`Pacer`] applies them with tokio's clock, which tests can pause and advance.

use super::retry::{Class, Failure};
use crate::i18n::{Message, Text};
use std::collections::VecDeque;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The window the write ceiling applies to.
const MINUTE: Duration = Duration::from_secs(60);

/// At most `per_minute` writes in any 60 s: remembers when the last ones went out.
#[derive(Debug, Clone)]
pub(super) struct WriteWindow {
    per_minute: usize,
    sent: VecDeque<Instant>,
}

impl WriteWindow {
    /// A window allowing `per_minute` writes a minute (at least one).
    pub(super) fn new(per_minute: u32) -> WriteWindow {
        WriteWindow {
            per_minute: per_minute.max(1) as usize,
            sent: VecDeque::new(),
        }
    }

    /// How long a write must wait at `now`; when zero, the write is counted as sent.
    pub(super) fn take(&mut self, now: Instant) -> Duration {
        while self
            .sent
            .front()
            .is_some_and(|&t| now.saturating_duration_since(t) >= MINUTE)
        {
            self.sent.pop_front();
        }
        if self.sent.len() < self.per_minute {
            self.sent.push_back(now);
            return Duration::ZERO;
        }
        let oldest = *self.sent.front().expect("the window is full");
        (oldest + MINUTE).saturating_duration_since(now)
    }
}

/// Exponential backoff with jitter, capped, within a budget of tries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Backoff {
    /// The first wait.
    pub base: Duration,
    /// The longest wait the exponent reaches.
    pub cap: Duration,
    /// Tries in all (the first one included).
    pub tries: u32,
    /// The longest `Retry-After` waited for within a publish; longer ones give up at once
    /// (the outbox retries later) rather than block the agent.
    pub max_retry_after: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            base: Duration::from_secs(1),
            cap: Duration::from_secs(32),
            tries: 5,
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl Backoff {
    /// The wait after the `failures`-th failure (1-based), or `None` when the budget is
    /// spent. `jitter` in [0, 1) adds up to one `base`; a `Retry-After` replaces the
    /// exponential wait.
    pub(super) fn delay(
        &self,
        failures: u32,
        retry_after: Option<Duration>,
        jitter: f64,
    ) -> Option<Duration> {
        if failures >= self.tries {
            return None;
        }
        if let Some(after) = retry_after {
            return (after <= self.max_retry_after).then_some(after);
        }
        let exp = self
            .base
            .saturating_mul(1u32 << (failures - 1).min(16))
            .min(self.cap);
        Some(exp + self.base.mul_f64(jitter.clamp(0.0, 1.0)))
    }
}

/// The pacer of one Google identity: its write window, its backoff, and the flag that asks
/// the token source for a fresh token after a 401.
#[derive(Debug)]
pub(super) struct Pacer {
    window: Mutex<WriteWindow>,
    backoff: Backoff,
    refresh: Arc<AtomicBool>,
}

impl Pacer {
    /// A pacer allowing `writes_per_minute`; `refresh` is set when a token was refused.
    pub(super) fn new(writes_per_minute: u32, backoff: Backoff, refresh: Arc<AtomicBool>) -> Pacer {
        Pacer {
            window: Mutex::new(WriteWindow::new(writes_per_minute)),
            backoff,
            refresh,
        }
    }

    /// Waits until one more write request fits in the ceiling, and counts it.
    pub(super) async fn write_slot(&self) {
        loop {
            let wait = {
                let mut window = self.window.lock().unwrap_or_else(|e| e.into_inner());
                window.take(tokio::time::Instant::now().into_std())
            };
            if wait.is_zero() {
                return;
            }
            tracing::debug!(
                wait_ms = wait.as_millis() as u64,
                "pacer: write ceiling reached"
            );
            tokio::time::sleep(wait).await;
        }
    }

    /// Runs `call` until it succeeds, fails for good, or the retry budget is spent. `call`
    /// must be safe to repeat: a non-idempotent step looks for what an earlier try left
    /// before creating anything.
    pub(super) async fn call<T, F, Fut>(&self, what: &Message, mut call: F) -> Result<T, Failure>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, Failure>>,
    {
        let mut failures = 0;
        loop {
            let failure = match call().await {
                Ok(v) => return Ok(v),
                Err(f) if f.given_up => return Err(f),
                Err(f) => f,
            };
            match failure.class() {
                Class::Permanent => return Err(failure),
                Class::Refresh => self.refresh.store(true, Ordering::SeqCst),
                Class::Retry => {}
            }
            failures += 1;
            let Some(wait) = self.backoff.delay(failures, failure.retry_after, jitter()) else {
                let mut failure = failure;
                let (key, n) = match failure.retry_after {
                    Some(after) if failures < self.backoff.tries => {
                        (Text::GoogleWaitAsked, after.as_secs())
                    }
                    _ => (Text::GoogleGaveUp, u64::from(failures)),
                };
                failure.message = Message::new(key)
                    .with_message("message", failure.message)
                    .with_number("n", n);
                failure.given_up = true;
                return Err(failure);
            };
            tracing::info!(call = %what, error = %failure.message, failures,
                wait_ms = wait.as_millis() as u64, "google call failed; retrying");
            tokio::time::sleep(wait).await;
        }
    }
}

/// A number in [0, 1) that differs from call to call.
fn jitter() -> f64 {
    use std::hash::{BuildHasher, RandomState};
    (RandomState::new().hash_one(std::time::SystemTime::now()) >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_lets_a_minute_s_writes_through_then_spaces_them() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let mut w = WriteWindow::new(3);
        assert_eq!(w.take(at(0)), Duration::ZERO);
        assert_eq!(w.take(at(100)), Duration::ZERO);
        assert_eq!(w.take(at(200)), Duration::ZERO);
        // The fourth waits until the first is a minute old.
        assert_eq!(w.take(at(300)), Duration::from_millis(59_700));
        assert_eq!(w.take(at(60_000)), Duration::ZERO);
        assert_eq!(w.take(at(60_050)), Duration::from_millis(50));
        assert_eq!(w.take(at(60_100)), Duration::ZERO);
        // Never more than 3 in any 60 s.
        let mut w = WriteWindow::new(3);
        let mut sent = Vec::new();
        let mut now = 0u64;
        while sent.len() < 12 {
            let wait = w.take(at(now));
            if wait.is_zero() {
                sent.push(now);
            } else {
                now += wait.as_millis() as u64;
            }
        }
        for (i, &t) in sent.iter().enumerate().skip(3) {
            assert!(t - sent[i - 3] >= 60_000, "{sent:?}");
        }
        assert_eq!(WriteWindow::new(0).take(at(0)), Duration::ZERO);
    }

    #[test]
    fn backoff_doubles_with_jitter_honours_retry_after_and_stops() {
        let b = Backoff::default();
        let s = Duration::from_secs;
        assert_eq!(b.delay(1, None, 0.0), Some(s(1)));
        assert_eq!(b.delay(2, None, 0.0), Some(s(2)));
        assert_eq!(b.delay(3, None, 0.5), Some(Duration::from_millis(4_500)));
        assert_eq!(b.delay(4, None, 0.999).map(|d| d < s(9)), Some(true));
        assert_eq!(b.delay(5, None, 0.0), None);
        assert_eq!(b.delay(1, Some(s(7)), 0.9), Some(s(7)));
        assert_eq!(b.delay(1, Some(s(61)), 0.0), None);
        let capped = Backoff { tries: 40, ..b };
        assert_eq!(capped.delay(30, None, 0.0), Some(s(32)));
    }

    fn paused_runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .unwrap()
    }

    #[test]
    fn calls_are_retried_within_the_budget_on_the_paused_clock() {
        paused_runtime().block_on(async {
            let refresh = Arc::new(AtomicBool::new(false));
            let pacer = Pacer::new(60, Backoff::default(), refresh.clone());
            let start = tokio::time::Instant::now();
            // Two 503s then success: waits ~1 s + ~2 s.
            let mut n = 0;
            let got = pacer
                .call(&"t".into(), || {
                    n += 1;
                    let n = n;
                    async move {
                        if n <= 2 {
                            Err(Failure {
                                status: Some(503),
                                ..Failure::transport("503")
                            })
                        } else {
                            Ok(n)
                        }
                    }
                })
                .await;
            assert_eq!(got, Ok(3));
            let took = start.elapsed();
            assert!(
                took >= Duration::from_secs(3) && took < Duration::from_secs(5),
                "{took:?}"
            );
            // A 401 asks for a fresh token.
            let mut first = true;
            let got = pacer
                .call(&"t".into(), || {
                    let fail = std::mem::take(&mut first);
                    async move {
                        if fail {
                            Err(Failure {
                                status: Some(401),
                                ..Failure::permanent("401")
                            })
                        } else {
                            Ok(())
                        }
                    }
                })
                .await;
            assert_eq!(got, Ok(()));
            assert!(refresh.load(Ordering::SeqCst));
            // Always failing: 5 tries, then the failure with what happened.
            let mut tries = 0;
            let err = pacer
                .call(&"t".into(), || {
                    tries += 1;
                    async { Err::<(), _>(Failure::transport("reset")) }
                })
                .await
                .unwrap_err();
            assert_eq!(tries, 5);
            assert!(
                err.message.to_string().contains("gave up after 5 tries"),
                "{}",
                err.message
            );
            // A permanent failure is not retried.
            let mut tries = 0;
            pacer
                .call(&"t".into(), || {
                    tries += 1;
                    async { Err::<(), _>(Failure::permanent("bad")) }
                })
                .await
                .unwrap_err();
            assert_eq!(tries, 1);
        });
    }

    #[test]
    fn a_failure_given_up_inside_is_not_retried_again_by_the_enclosing_call() {
        paused_runtime().block_on(async {
            let pacer = Pacer::new(60, Backoff::default(), Arc::new(AtomicBool::new(false)));
            let start = tokio::time::Instant::now();
            // find-or-create: the outer call retries around an inner list that keeps failing.
            let (mut outer, inner) = (0u32, std::cell::Cell::new(0u32));
            let (list, inner_tries): (Message, _) = ("list".into(), &inner);
            let err = pacer
                .call(&"create".into(), || {
                    outer += 1;
                    pacer.call(&list, move || {
                        inner_tries.set(inner_tries.get() + 1);
                        async { Err::<(), _>(Failure::transport("refused")) }
                    })
                })
                .await
                .unwrap_err();
            assert_eq!(
                (outer, inner.get()),
                (1, 5),
                "tries of the outer and the inner call"
            );
            assert!(err.given_up);
            // Given up, but not for good: the outbox retries it later.
            assert_eq!(err.class(), Class::Retry);
            assert_eq!(
                err.message.to_string().matches("gave up after").count(),
                1,
                "{}",
                err.message
            );
            // The inner call's waits only: 1 + 2 + 4 + 8 s and their jitter, < 20 s.
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "{:?}",
                start.elapsed()
            );
        });
    }

    #[test]
    fn writes_wait_for_the_ceiling_on_the_paused_clock() {
        paused_runtime().block_on(async {
            let pacer = Pacer::new(2, Backoff::default(), Arc::default());
            let start = tokio::time::Instant::now();
            for _ in 0..5 {
                pacer.write_slot().await;
            }
            // Writes 3-4 wait a minute, write 5 another.
            let took = start.elapsed();
            assert!(
                took >= Duration::from_secs(120) && took < Duration::from_secs(121),
                "{took:?}"
            );
        });
    }
}
