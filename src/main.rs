use std::process::ExitCode;

fn main() -> ExitCode {
    easyinfo_cli::run()
}

#[path = "cli.rs"]
mod easyinfo_cli;
