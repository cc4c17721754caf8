//! The command line: the only module that knows clap. It turns arguments into requests for
//! the library, prints results through `render`, and maps outcomes to exit codes
//! (0 success / hits, 1 partial failure / no hit, 2 error), like grep and ripgrep.

mod args;
mod batch;
mod commands;
mod export;
mod quickwit;
mod saved;
mod translate;
mod watch;

use std::process::ExitCode;

use clap::Parser;

pub use args::Cli;

/// Exit status of a command that ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything worked / something was found.
    Success,
    /// Some inputs failed, or nothing was found.
    Partial,
}

/// Parses the command line, runs the command and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(Status::Success) => ExitCode::SUCCESS,
        Ok(Status::Partial) => ExitCode::from(1),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsdex: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}
