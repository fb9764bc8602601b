//! Whether the system clock can be trusted: a year before sheetdrop existed means a dead
//! clock battery or a never-set date; and with the Google destination, a clock more than
//! [`MAX_SKEW`] away from Google's makes every token request fail ("Invalid JWT"), which
//! looks like a bad key unless the clock is checked.

use super::Check;
use crate::i18n::{Lang, Text};
use chrono::{DateTime, Datelike, Utc};
use std::time::{Duration, SystemTime};

/// A clock showing an earlier year is wrong.
const MIN_YEAR: i32 = 2024;

/// How far the clock may be from Google's before tokens are refused.
const MAX_SKEW: Duration = Duration::from_secs(5 * 60);

/// The clock's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// Nothing wrong.
    Sane,
    /// The year is before [`MIN_YEAR`].
    TooEarly,
    /// More than [`MAX_SKEW`] away from the server's clock.
    Skewed,
}

/// Seconds `now` is ahead of `server` (negative: behind).
fn skew_secs(now: SystemTime, server: SystemTime) -> i64 {
    match now.duration_since(server) {
        Ok(ahead) => ahead.as_secs() as i64,
        Err(behind) => -(behind.duration().as_secs() as i64),
    }
}

/// Judges the clock reading `now`, against `server` (Google's `Date`) when known.
fn judge(now: SystemTime, server: Option<SystemTime>) -> Verdict {
    if DateTime::<Utc>::from(now).year() < MIN_YEAR {
        return Verdict::TooEarly;
    }
    match server {
        Some(server) if skew_secs(now, server).unsigned_abs() > MAX_SKEW.as_secs() => {
            Verdict::Skewed
        }
        _ => Verdict::Sane,
    }
}

/// A time for people and logs alike: `2024-05-01T12:00:00Z` (any year, even a wrong one).
fn stamp(t: SystemTime) -> String {
    DateTime::<Utc>::from(t)
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// The clock check for the system time `now`; `server` is Google's time when the Google
/// destination answered (without it, only the year is checked).
pub(super) fn check(now: SystemTime, server: Option<SystemTime>, lang: Lang) -> Check {
    const NAME: &str = "clock";
    let time = stamp(now);
    match (judge(now, server), server) {
        (Verdict::TooEarly, _) => Check::fail(
            NAME,
            lang.format(Text::DoctorClockYear, &[("time", &time)]),
            lang.text(Text::DoctorClockYearFix),
        ),
        (Verdict::Skewed, Some(server)) => Check::fail(
            NAME,
            lang.format(
                Text::DoctorClockSkew,
                &[
                    ("time", &time),
                    ("n", &signed(skew_secs(now, server))),
                    ("server", &stamp(server)),
                ],
            ),
            lang.text(Text::DoctorClockSkewFix),
        ),
        (_, Some(server)) => Check::pass(
            NAME,
            lang.format(
                Text::DoctorClockOkGoogle,
                &[("time", &time), ("n", &signed(skew_secs(now, server)))],
            ),
        ),
        (_, None) => Check::pass(NAME, lang.format(Text::DoctorClockOk, &[("time", &time)])),
    }
}

/// `+3`, `-400`, `0`.
fn signed(n: i64) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    /// 2024-05-01T12:00:00Z.
    fn may_2024() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_714_564_800)
    }

    #[test]
    fn the_year_alone_decides_without_a_server_time() {
        assert_eq!(judge(may_2024(), None), Verdict::Sane);
        assert_eq!(judge(UNIX_EPOCH, None), Verdict::TooEarly, "a reset clock");
        let end_of_2023 = UNIX_EPOCH + Duration::from_secs(1_704_067_199);
        assert_eq!(judge(end_of_2023, None), Verdict::TooEarly);
        assert_eq!(
            judge(end_of_2023 + Duration::from_secs(1), None),
            Verdict::Sane
        );
    }

    #[test]
    fn more_than_five_minutes_from_google_either_way_is_skewed() {
        let now = may_2024();
        let five = Duration::from_secs(300);
        assert_eq!(judge(now, Some(now)), Verdict::Sane);
        assert_eq!(judge(now, Some(now - five)), Verdict::Sane, "exactly 5 min");
        assert_eq!(judge(now, Some(now + five)), Verdict::Sane);
        let second = Duration::from_secs(1);
        assert_eq!(judge(now, Some(now - five - second)), Verdict::Skewed);
        assert_eq!(judge(now, Some(now + five + second)), Verdict::Skewed);
        assert_eq!(skew_secs(now, now - five), 300, "ahead");
        assert_eq!(skew_secs(now, now + five), -300, "behind");
    }

    #[test]
    fn the_check_says_the_time_and_the_skew_and_how_to_fix_it() {
        let now = may_2024();
        let ok = check(now, None, Lang::En);
        assert_eq!((ok.ok, ok.detail.as_str()), (true, "2024-05-01T12:00:00Z"));
        let ok = check(now, Some(now - Duration::from_secs(2)), Lang::En);
        assert_eq!(ok.detail, "2024-05-01T12:00:00Z, +2 s from Google's clock");
        let bad = check(now, Some(now + Duration::from_secs(600)), Lang::En);
        assert!(!bad.ok);
        assert_eq!(
            bad.detail,
            "2024-05-01T12:00:00Z, -600 s from Google's clock (2024-05-01T12:10:00Z)"
        );
        assert!(bad.fix.unwrap().contains("NTP"));
        let early = check(UNIX_EPOCH, None, Lang::Es);
        assert!(!early.ok);
        assert_eq!(
            early.detail,
            "el reloj del sistema marca 1970-01-01T00:00:00Z"
        );
        assert!(early.fix.is_some());
    }
}
