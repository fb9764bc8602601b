//! sheetdrop: watches a folder of full-snapshot CSV exports, checks each one (unique IDs,
//! references between entities, encoding, shape) and publishes what is good.
//!
//! The pipeline, one module a stage: [`config`] → [`table`] → [`validate`] →
//! [`report`]. The command line is [`cli`]; the binary's `main.rs` only parses and calls it.
#![deny(missing_docs)]

pub mod agent;
pub mod cli;
pub mod config;
pub mod doctor;
pub mod i18n;
pub mod init;
pub mod platform;
pub mod publish;
pub mod report;
pub mod snapshot;
pub mod state;
pub mod status;
pub mod table;
pub mod tray;
pub mod validate;
pub mod watch;
