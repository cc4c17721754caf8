//! `--person`/`--org`/`--place` filters and `newsdex people`.
