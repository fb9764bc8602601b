//! Destinations for accepted snapshots, behind one `Destination` trait.
//! (Being built: see issue 3.)
