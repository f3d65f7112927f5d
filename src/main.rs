use std::process::ExitCode;

/// Rendering makes many small allocations; mimalloc makes them cheaper than
/// the system allocator (see benches/README.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    easyinfo_cli::run()
}

#[path = "cmd/cli.rs"]
mod easyinfo_cli;
