//! The command line. Exit codes: 0 success, 1 content problems, 2 usage.

use clap::{Parser, Subcommand, ValueEnum};
use easyinfo::build::{self, Outcome};
use easyinfo::diagnostics::Summary;
use easyinfo::util::count;
use easyinfo::report::print;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "easyinfo", version, about = "Accessible information sites: easy read, large print and plain versions from one source.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Github,
}

#[derive(Subcommand)]
enum Command {
    /// Check, then publish every version, the directory and the glossary.
    Build {
        /// The site's folder (default: this folder).
        site: Option<PathBuf>,
        /// Where to publish (default: SITE/public).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Run the checks alone and print what they find.
    Lint {
        site: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Treat warnings as errors (exit 1 on any warning).
        #[arg(long)]
        deny_warnings: bool,
        /// Also write an editor's report page (HTML) to this file.
        #[arg(long)]
        report: Option<PathBuf>,
    },
    /// Preview on http://127.0.0.1, rebuilding when files change.
    Serve {
        site: Option<PathBuf>,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Publish the preview here (default: a temporary folder).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Make a small working site in a new folder.
    New { dir: PathBuf },
    /// Bring data in from another format.
    Import {
        #[command(subcommand)]
        what: Import,
    },
}

#[derive(Subcommand)]
enum Import {
    /// Open Referral UK / HSDS 3.0 JSON to one YAML file per service.
    Hsds {
        file: PathBuf,
        #[arg(long, default_value = "content/directory/services")]
        out: PathBuf,
        /// Replace service files that already exist (without it, nothing is written if one does).
        #[arg(long)]
        force: bool,
    },
}

fn site_dir(s: Option<PathBuf>) -> PathBuf {
    s.unwrap_or_else(|| PathBuf::from("."))
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Build { site, out } => {
            let root = site_dir(site);
            let started = std::time::Instant::now();
            let progress = easyinfo::report::Progress::new(std::io::stderr().is_terminal());
            let outcome = build::build(&root, out.as_deref());
            drop(progress);
            match outcome {
                Outcome::Built { pages, files, warnings } => {
                    print_capped(&warnings, build::max_diagnostics(&root));
                    eprintln!(
                        "Built {} ({}) in {:.2}s{}.",
                        count(pages, "page", "pages"),
                        count(files, "file", "files"),
                        started.elapsed().as_secs_f64(),
                        if warnings.is_empty() { String::new() } else { format!(", with {}", count(warnings.len(), "warning", "warnings")) }
                    );
                    ExitCode::SUCCESS
                }
                Outcome::Failed(d) => {
                    print_capped(&d, build::max_diagnostics(&root));
                    let s = Summary::of(&d, 0);
                    eprintln!(
                        "Nothing was published: {}, {}. Your previous output is unchanged.",
                        count(s.errors, "error", "errors"),
                        count(s.warnings, "warning", "warnings")
                    );
                    ExitCode::from(1)
                }
                Outcome::Usage(m) => usage(&m),
            }
        }
        Command::Lint { site, format, deny_warnings, report } => {
            let root = site_dir(site);
            match easyinfo::lint::lint_dir(&root, report.as_deref()) {
                Err(m) => usage(&m),
                Ok((diags, files)) => {
                    let summary = Summary::of(&diags, files);
                    match format {
                        Format::Human => {
                            print_capped(&diags, build::max_diagnostics(&root));
                            eprintln!(
                                "{}, {} in {}.",
                                count(summary.errors, "error", "errors"),
                                count(summary.warnings, "warning", "warnings"),
                                count(summary.files, "file", "files")
                            );
                        }
                        Format::Json => println!("{}", easyinfo::report::json(&diags, &summary)),
                        Format::Github => print!("{}", easyinfo::report::github(&diags)),
                    }
                    if summary.errors > 0 || (deny_warnings && summary.warnings > 0) { ExitCode::from(1) } else { ExitCode::SUCCESS }
                }
            }
        }
        Command::Serve { site, port, out } => match easyinfo::serve::run(&site_dir(site), port, out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(m) => usage(&m),
        },
        Command::New { dir } => match easyinfo::new_site::create(&dir) {
            Ok(_) => {
                eprintln!("Made a new site in {}. Next: easyinfo build {}", dir.display(), dir.display());
                ExitCode::SUCCESS
            }
            Err(m) => usage(&m),
        },
        Command::Import { what: Import::Hsds { file, out, force } } => match easyinfo::directory::hsds::import_file(&file, &out, force) {
            Ok(r) => {
                print(&r.warnings);
                let with = if r.warnings.is_empty() { String::new() } else { format!(", with {}", count(r.warnings.len(), "warning", "warnings")) };
                eprintln!("Wrote {} to {}{with}.", count(r.written, "service", "services"), out.display());
                ExitCode::SUCCESS
            }
            Err(easyinfo::directory::hsds::ImportError::Usage(m)) => usage(&m),
            Err(easyinfo::directory::hsds::ImportError::Content(d)) => {
                print(&d);
                ExitCode::from(1)
            }
        },
    }
}

/// Print for a person, at most `max` (errors first when there are more).
fn print_capped(diags: &[easyinfo::diagnostics::Diagnostic], max: usize) {
    let (shown, more) = build::capped(diags, max);
    print(&shown);
    if more > 0 {
        eprintln!("… and {more} more not shown (`limits.max_diagnostics` in site.yaml is {max}). `easyinfo lint --format json` lists every one.\n");
    }
}

fn usage(m: &str) -> ExitCode {
    // A path in the message may hold an escape character: show it, don't send it.
    eprintln!("error: {}", easyinfo::report::visible(m));
    ExitCode::from(2)
}
