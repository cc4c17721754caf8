//! The search page in headless Chromium (placeholder until the page lands).
