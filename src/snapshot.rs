//! Spooling settled files: an atomic copy under the data dir with its SHA-256.
//! (Being built: see issue 3.)
