//! The command line. Exit codes: 0 success, 1 content problems, 2 usage.

use clap::{Parser, Subcommand, ValueEnum};
use easyinfo::core::error::Error;
use easyinfo::core::diagnostics::{Diagnostic, Summary};
use easyinfo::pipeline;
use easyinfo::core::util::count;
use easyinfo::output::report::print;
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
            let progress = easyinfo::output::report::Progress::new(std::io::stderr().is_terminal());
            let built = pipeline::build(&root, out.as_deref());
            drop(progress);
            let max = pipeline::max_diagnostics(&root);
            match built {
                Ok(b) => {
                    print_capped(&b.warnings, max);
                    b.notes.iter().for_each(|n| eprintln!("{n}"));
                    eprintln!(
                        "Built {} ({}) in {:.2}s{}.",
                        count(b.pages, "page", "pages"),
                        count(b.files, "file", "files"),
                        started.elapsed().as_secs_f64(),
                        if b.warnings.is_empty() { String::new() } else { format!(", with {}", count(b.warnings.len(), "warning", "warnings")) }
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e, |d| {
                    print_capped(d, max);
                    let s = Summary::of(d, 0);
                    eprintln!(
                        "Nothing was published: {}, {}. Your previous output is unchanged.",
                        count(s.errors, "error", "errors"),
                        count(s.warnings, "warning", "warnings")
                    );
                }),
            }
        }
        Command::Lint { site, format, deny_warnings, report } => {
            let root = site_dir(site);
            match pipeline::lint(&root, report.as_deref()) {
                Err(e) => fail(e, print),
                Ok((diags, files, notes)) => {
                    let summary = Summary::of(&diags, files);
                    match format {
                        Format::Human => {
                            print_capped(&diags, pipeline::max_diagnostics(&root));
                            for n in &notes {
                                eprintln!("{}", easyinfo::output::report::visible(n));
                            }
                            eprintln!(
                                "{}, {} in {}.",
                                count(summary.errors, "error", "errors"),
                                count(summary.warnings, "warning", "warnings"),
                                count(summary.files, "file", "files")
                            );
                        }
                        Format::Json => println!("{}", easyinfo::output::report::json(&diags, &summary, &notes)),
                        Format::Github => print!("{}{}", easyinfo::output::report::github(&diags), easyinfo::output::report::github_notes(&notes)),
                    }
                    if summary.errors > 0 || (deny_warnings && summary.warnings > 0) { ExitCode::from(1) } else { ExitCode::SUCCESS }
                }
            }
        }
        Command::Serve { site, port, out } => match easyinfo::serve::run(&site_dir(site), port, out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(e, print),
        },
        Command::New { dir } => match easyinfo::cmd::new_site::create(&dir) {
            Ok(_) => {
                eprintln!("Made a new site in {}. Next: easyinfo build {}", dir.display(), dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => fail(e, print),
        },
        Command::Import { what: Import::Hsds { file, out, force } } => match easyinfo::cmd::import::import_file(&file, &out, force) {
            Ok(r) => {
                print(&r.warnings);
                let with = if r.warnings.is_empty() { String::new() } else { format!(", with {}", count(r.warnings.len(), "warning", "warnings")) };
                eprintln!("Wrote {} to {}{with}.", count(r.written, "service", "services"), out.display());
                ExitCode::SUCCESS
            }
            Err(e) => fail(e, print),
        },
    }
}

/// The one place an error becomes an exit code: content problems are
/// shown with `show` (exit 1); anything else stopped the command (exit 2).
fn fail(e: Error, show: impl FnOnce(&[Diagnostic])) -> ExitCode {
    match e {
        Error::Content(d) => {
            show(&d);
            ExitCode::from(1)
        }
        Error::Usage(_) | Error::Write { .. } => {
            // A path in the message may hold an escape character: show it, don't send it.
            eprintln!("error: {}", easyinfo::output::report::visible(&e.to_string()));
            ExitCode::from(2)
        }
    }
}

/// Print for a person, at most `max` (errors first when there are more).
fn print_capped(diags: &[Diagnostic], max: usize) {
    let (shown, more) = capped(diags, max);
    print(&shown);
    if more > 0 {
        eprintln!("… and {more} more not shown (`limits.max_diagnostics` in site.yaml is {max}). `easyinfo lint --format json` lists every one.\n");
    }
}

/// The diagnostics to show when there may be very many: all of them up to
/// `max`; past that, errors before warnings. Returns them and how many were left out.
fn capped(diags: &[Diagnostic], max: usize) -> (Vec<Diagnostic>, usize) {
    if diags.len() <= max {
        return (diags.to_vec(), 0);
    }
    let mut shown: Vec<Diagnostic> = diags.iter().filter(|d| d.is_error()).take(max).cloned().collect();
    let room = max - shown.len();
    shown.extend(diags.iter().filter(|d| !d.is_error()).take(room).cloned());
    easyinfo::core::diagnostics::sort(&mut shown);
    (shown, diags.len() - max)
}
