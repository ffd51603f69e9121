//! Property tests over generated rosters.
