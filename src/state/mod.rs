//! The embedded state store (SQLite): snapshots, runs, entity status and the outbox.
//! (Being built: see issue 3.)
