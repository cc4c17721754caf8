//! `newsdex extract`.
