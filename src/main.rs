//! The `helder` command: parses arguments, calls the library, maps errors to
//! exit codes (0 success, 1 the site has errors, 2 usage or I/O).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use helder::content::Audience;
use helder::error::Errors;

#[derive(Parser)]
#[command(
    name = "helder",
    version,
    about = "Heldere schoolsites: één map Markdown, een site per school, bouw en groep"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default).
    Build {
        /// The site's folder (where book.toml is).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder (default: [site] output-dir, normally public/).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Build only this class site (repeat for more classes).
        #[arg(long = "class", value_name = "ID")]
        classes: Vec<String>,
        /// Build only the sites of this audience.
        #[arg(long, value_enum)]
        audience: Option<AudienceArg>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Only the pages and their files: no plain-language check, search
        /// index or readability report (a quicker build for a quick look).
        #[arg(long)]
        no_extras: bool,
        /// Vervang de uitvoermap ook als helder die niet zelf heeft gemaakt.
        #[arg(long)]
        force: bool,
    },
    /// Preview the site: build, serve on 127.0.0.1, rebuild and reload on every change.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on (the next free one if it is taken; 0: any).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the preview in the browser.
        #[arg(long)]
        open: bool,
        /// Address to listen on. Only change this to show the preview to
        /// other computers on your network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
    },
    /// Check front matter, links and templates without writing anything.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Write a working starter site (in Dutch) into DIR.
    Init {
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Write a new page of TYPE at PATH (under content/), with its front matter.
    New {
        /// page, cap, evening, event, slides, manual or news
        #[arg(value_name = "TYPE")]
        kind: String,
        /// e.g. kanjer/witte-pet.md
        path: PathBuf,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum AudienceArg {
    Ouders,
    Team,
    Training,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let started = Instant::now();
    let result = match cli.command {
        Command::Build {
            root,
            out,
            classes,
            audience,
            drafts,
            no_extras,
            force,
        } => {
            let options = helder::BuildOptions {
                root,
                out,
                classes,
                audience: audience.map(|a| match a {
                    AudienceArg::Ouders => Audience::Ouders,
                    AudienceArg::Team => Audience::Team,
                    AudienceArg::Training => Audience::Training,
                }),
                drafts,
                preview: false,
                no_extras,
                force,
            };
            helder::build(&options).map(|report| {
                for warning in &report.warnings {
                    eprintln!("{}", warning.as_warning());
                }
                eprintln!("{}", report.plain_language);
                eprintln!(
                    "{} pagina's in {} sites geschreven naar {} ({} bestanden, {} ms)",
                    report.summary.pages,
                    report.summary.sites,
                    report.out.display(),
                    report.summary.files,
                    started.elapsed().as_millis()
                );
            })
        }
        Command::Check { root, format } => match helder::check(&root) {
            Ok((reports, fail_on)) => {
                let failing = helder::plain::summary::failing(&reports, fail_on);
                match format {
                    Format::Json => println!("{}", helder::plain::summary::json(&reports, fail_on)),
                    Format::Text => print!("{}", helder::plain::summary::text(&reports, fail_on)),
                }
                return if failing.is_empty() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                };
            }
            Err(errors) if format == Format::Json => {
                let list: Vec<_> = errors
                    .0
                    .iter()
                    .map(|d| {
                        serde_json::json!({
                            "file": d.file.as_ref().map(|f| f.display().to_string()),
                            "line": d.line,
                            "column": d.column,
                            "message": d.message,
                            "help": d.help,
                        })
                    })
                    .collect();
                println!("{}", serde_json::json!({ "version": 1, "errors": list }));
                return ExitCode::from(errors.exit_code() as u8);
            }
            Err(errors) => Err(errors),
        },
        Command::Serve {
            root,
            port,
            open,
            bind,
        } => {
            let root = root.canonicalize().unwrap_or(root);
            helder::serve::serve(helder::serve::ServeOptions {
                root,
                port,
                bind,
                open,
            })
        }
        Command::Init { dir } => helder::scaffold::init(&dir).map(|()| {
            eprintln!(
                "Nieuwe site gemaakt in {}. Bouw hem met: helder build --root {}",
                dir.display(),
                dir.display()
            );
        }),
        Command::New { kind, path, root } => {
            helder::scaffold::new_page(&root, &kind, &path).map(|written| {
                eprintln!("Nieuwe pagina: {}", written.display());
            })
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(errors) => report(&errors),
    }
}

fn report(errors: &Errors) -> ExitCode {
    eprintln!("{errors}");
    ExitCode::from(errors.exit_code() as u8)
}
