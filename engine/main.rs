//! The `rapportbok` binary: parse the command line and run the command.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = rapportbok::cli::Cli::parse();
    rapportbok::cli::run(cli)
}
