//! `newsdex quotes` and `--said-by`.
