//! The `helder` command: parses arguments, calls the library, maps errors to
//! exit codes (0 success, 1 the site has errors, 2 usage or I/O).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use helder::msg;
use helder::{Audience, Diagnostic, Errors};

#[cfg(unix)]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

// The help texts of the command, its subcommands and their options are in
// the message catalogue (section [cli]); `command()` fills them in, so the
// derive below has no doc comments.
#[derive(Parser)]
#[command(name = "helder", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Build {
        #[arg(long, default_value = ".", value_name = "MAP")]
        root: PathBuf,
        #[arg(long, value_name = "MAP")]
        out: Option<PathBuf>,
        #[arg(long = "class", value_name = "ID")]
        classes: Vec<String>,
        #[arg(long, value_enum, value_name = "PUBLIEK")]
        audience: Option<Audience>,
        #[arg(long)]
        drafts: bool,
        #[arg(long)]
        no_extras: bool,
        #[arg(long)]
        force: bool,
    },
    Serve {
        #[arg(long, default_value = ".", value_name = "MAP")]
        root: PathBuf,
        #[arg(long, default_value_t = 1111, value_name = "POORT")]
        port: u16,
        #[arg(long)]
        open: bool,
        #[arg(long, default_value = "127.0.0.1", value_name = "ADRES")]
        bind: std::net::IpAddr,
        #[arg(long)]
        read_only: bool,
    },
    Check {
        #[arg(long, default_value = ".", value_name = "MAP")]
        root: PathBuf,
        #[arg(long, value_enum, default_value = "text", value_name = "VORM")]
        format: Format,
    },
    Init {
        #[arg(default_value = ".", value_name = "MAP")]
        dir: PathBuf,
    },
    New {
        #[arg(value_name = "TYPE")]
        kind: String,
        #[arg(value_name = "PAD")]
        path: PathBuf,
        #[arg(long, default_value = ".", value_name = "MAP")]
        root: PathBuf,
    },
    Codes {
        #[arg(long, default_value = ".", value_name = "MAP")]
        root: PathBuf,
        #[arg(long, value_name = "MAP")]
        letters: Option<PathBuf>,
    },
    Digest {
        #[arg(long, default_value = ".", value_name = "MAP")]
        root: PathBuf,
        #[arg(long, value_name = "DATUM")]
        since: Option<String>,
        #[arg(long, value_name = "DATUM")]
        until: Option<String>,
        #[arg(long = "site", value_name = "ID")]
        sites: Vec<String>,
        #[arg(long, value_name = "MAP")]
        out: Option<PathBuf>,
    },
    Translate {
        #[command(subcommand)]
        action: Translate,
    },
}

// `helder translate ...`: files for translators (spec §8).
#[derive(Subcommand)]
enum Translate {
    Export {
        #[arg(long, value_name = "TAAL")]
        lang: String,
        #[arg(long, value_name = "BESTAND")]
        out: Option<PathBuf>,
        #[arg(long, default_value = ".", value_name = "MAP")]
        root: PathBuf,
        #[arg(long)]
        private: bool,
    },
    Import {
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
        #[arg(long, default_value = ".", value_name = "MAP")]
        root: PathBuf,
    },
    Status {
        #[arg(long, default_value = ".", value_name = "MAP")]
        root: PathBuf,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = match parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
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
        } => build(
            &helder::BuildOptions {
                root,
                out,
                classes,
                audience,
                drafts,
                preview: false,
                no_extras,
                force,
            },
            started,
        ),
        Command::Check { root, format } => return check(&root, format),
        Command::Serve {
            root,
            port,
            open,
            bind,
            read_only,
        } => {
            let root = root.canonicalize().unwrap_or(root);
            helder::serve(helder::ServeOptions {
                root,
                port,
                bind,
                open,
                read_only,
            })
        }
        Command::Init { dir } => helder::init(&dir).map(|()| {
            eprintln!("{}", msg!("cli.site-gemaakt", map = dir.display()));
            eprintln!("{}", msg!("cli.site-gemaakt-besloten"));
        }),
        Command::Codes { root, letters } => codes(&root, letters.as_deref()),
        Command::New { kind, path, root } => helder::new_page(&root, &kind, &path).map(|written| {
            eprintln!("{}", msg!("cli.pagina-gemaakt", pad = written.display()));
        }),
        Command::Digest {
            root,
            since,
            until,
            sites,
            out,
        } => digest(&helder::DigestOptions {
            root,
            since,
            until,
            sites,
            out,
        }),
        Command::Translate { action } => translate(action),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(errors) => report(&errors),
    }
}

/// `helder build`: the warnings, the plain-language line and what was written.
fn build(options: &helder::BuildOptions, started: Instant) -> Result<(), Errors> {
    let report = helder::build(options)?;
    for warning in &report.warnings {
        eprintln!("{warning}");
    }
    eprintln!("{}", report.plain_language);
    eprintln!(
        "{}",
        msg!(
            "cli.gebouwd",
            paginas = report.summary.pages,
            sites = report.summary.sites,
            map = report.out.display(),
            bestanden = report.summary.files,
            ms = started.elapsed().as_millis()
        )
    );
    Ok(())
}

/// `helder codes`: every private site's code (new ones marked), and the
/// letters written.
fn codes(root: &Path, letters: Option<&Path>) -> Result<(), Errors> {
    let report = helder::codes_command(root, letters)?;
    for warning in &report.warnings {
        eprintln!("{warning}");
    }
    if report.codes.is_empty() {
        eprintln!("{}", msg!("cli.codes-geen"));
    }
    for c in &report.codes {
        let line = if c.new {
            msg!("cli.code-nieuw", site = c.site, code = c.code)
        } else {
            msg!("cli.code-bestaand", site = c.site, code = c.code)
        };
        println!("{line}");
    }
    for file in &report.letters {
        eprintln!("{}", msg!("cli.brief-geschreven", pad = file));
    }
    if !report.codes.is_empty() {
        eprintln!("{}", msg!("cli.codes-geheim"));
    }
    Ok(())
}

/// `helder digest`: which e-mails were written, with their size.
fn digest(options: &helder::DigestOptions) -> Result<(), Errors> {
    let report = helder::digest(options)?;
    let (van, tot) = (report.period.since, report.period.until);
    if report.files.is_empty() {
        eprintln!("{}", msg!("cli.digest-leeg", van = van, tot = tot));
        return Ok(());
    }
    eprintln!(
        "{}",
        msg!(
            "cli.digest-klaar",
            aantal = report.files.len(),
            van = van,
            tot = tot,
            map = report.out.display()
        )
    );
    for (name, bytes, pages) in &report.files {
        eprintln!(
            "{}",
            msg!(
                "cli.digest-bestand",
                bestand = name,
                paginas = pages,
                kb = format!("{:.1}", *bytes as f64 / 1024.0)
            )
        );
    }
    Ok(())
}

/// `helder translate export|import|status`: what was written, what is
/// missing, how far each language is.
fn translate(action: Translate) -> Result<(), Errors> {
    match action {
        Translate::Export {
            lang,
            out,
            root,
            private,
        } => {
            let exported = helder::translate::export(&root, &lang, out.as_deref(), private)?;
            let c = &exported.counts;
            let file = exported.file.display();
            let line = if c.pages == 1 {
                msg!(
                    "cli.vertalen-export-een",
                    bestand = file,
                    stukken = c.units,
                    woorden = c.words,
                    taal = lang
                )
            } else {
                msg!(
                    "cli.vertalen-export",
                    bestand = file,
                    paginas = c.pages,
                    stukken = c.units,
                    woorden = c.words,
                    taal = lang
                )
            };
            eprintln!("{line}");
            if c.private > 0 {
                let note = if private {
                    msg!("cli.vertalen-besloten-mee", aantal = c.private)
                } else {
                    msg!(
                        "cli.vertalen-besloten-niet",
                        aantal = c.private,
                        taal = lang
                    )
                };
                eprintln!("{note}");
            }
        }
        Translate::Import { file, root } => {
            for page in helder::translate::import(&root, &file)? {
                if page.translated == 0 {
                    let skipped = msg!("cli.vertalen-overgeslagen", bestand = page.file.display());
                    eprintln!("{skipped}");
                    continue;
                }
                eprintln!(
                    "{}",
                    msg!(
                        "cli.vertalen-geschreven",
                        bestand = page.file.display(),
                        vertaald = page.translated,
                        totaal = page.total
                    )
                );
                for (id, text) in &page.missing {
                    eprintln!(
                        "{}",
                        msg!("cli.vertalen-ontbreekt", unit = id, tekst = text)
                    );
                }
            }
        }
        Translate::Status { root } => {
            let languages = helder::translate::status(&root)?;
            if languages.is_empty() {
                println!("{}", msg!("cli.vertalen-geen-talen"));
            }
            for l in languages {
                println!(
                    "{}",
                    msg!(
                        "cli.vertalen-status",
                        taal = l.name,
                        code = l.code,
                        vertaald = l.translated,
                        verouderd = l.stale,
                        ontbreekt = l.missing,
                        deels = l.partial
                    )
                );
            }
        }
    }
    Ok(())
}

/// `helder check`: the plain-language report, or the errors, as text or JSON.
fn check(root: &Path, format: Format) -> ExitCode {
    // Which sites are private and whether each has a code (on stderr, so
    // the JSON on stdout stays one document).
    if let Ok(sites) = helder::private_sites(root) {
        if sites.is_empty() {
            eprintln!("{}", msg!("cli.check-geen-besloten"));
        }
        for (site, has_code) in sites {
            let line = if has_code {
                msg!("cli.check-besloten-code", site = site)
            } else {
                msg!("cli.check-besloten-geen-code", site = site)
            };
            eprintln!("{line}");
        }
    }
    match helder::check_all(root) {
        Ok(checked) => {
            let (reports, fail_on) = (&checked.reports, checked.fail_on);
            let failing = helder::failing_findings(reports, fail_on);
            match format {
                Format::Json => println!(
                    "{}",
                    with_rhythm(reports, fail_on, &checked.rhythm, &checked.warnings)
                ),
                Format::Text => {
                    for warning in &checked.warnings {
                        eprintln!("{warning}");
                    }
                    print!("{}", helder::report_text(reports, fail_on));
                }
            }
            if failing.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(errors) if format == Format::Json => {
            println!("{}", errors_json(&errors));
            ExitCode::from(errors.exit_code() as u8)
        }
        Err(errors) => report(&errors),
    }
}

/// `check --format json`: the plain-language report with each class's
/// posting rhythm added (spec §7; `[]` without `[school] post-every`).
fn with_rhythm(
    reports: &[helder::Report],
    fail_on: helder::FailOn,
    rhythm: &[helder::ClassRhythm],
    warnings: &[Diagnostic],
) -> String {
    let text = helder::report_json(reports, fail_on);
    let Ok(serde_json::Value::Object(mut doc)) = serde_json::from_str(&text) else {
        return text;
    };
    doc.insert("rhythm".into(), serde_json::json!(rhythm));
    doc.insert("warnings".into(), diagnostics_json(warnings));
    serde_json::to_string_pretty(&doc).unwrap_or(text)
}

/// The errors of `helder check --format json` (schema in the README).
fn errors_json(errors: &Errors) -> serde_json::Value {
    serde_json::json!({ "version": 1, "errors": diagnostics_json(&errors.0) })
}

/// Diagnostics as a JSON list of file, line, column, message and help.
fn diagnostics_json(diagnostics: &[Diagnostic]) -> serde_json::Value {
    let list: Vec<_> = diagnostics
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
    serde_json::Value::Array(list)
}

fn report(errors: &Errors) -> ExitCode {
    eprintln!("{errors}");
    ExitCode::from(errors.exit_code() as u8)
}

/// The command line with every text from the catalogue: about and help of
/// each subcommand and option, headings, and the help and version flags
/// (clap's own are English).
fn command() -> clap::Command {
    let texts = Texts::new();
    let cmd = texts
        .localise(Cli::command(), msg!("cli.over"), &[])
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(msg!("cli.versie"))
                .help_heading(texts.options.clone()),
        )
        .subcommand_help_heading(msg!("cli.kop-opdrachten"))
        .subcommand_value_name(msg!("cli.opdracht"));
    let cmd = subcommand_texts()
        .into_iter()
        .fold(cmd, |cmd, (name, about, args)| {
            cmd.mut_subcommand(name, |c| texts.localise(c, about, &args))
        });
    cmd.mut_subcommand("translate", |translate| {
        let translate = translate
            .override_usage(format!("helder translate <{}>", msg!("cli.opdracht")))
            .subcommand_help_heading(msg!("cli.kop-opdrachten"))
            .subcommand_value_name(msg!("cli.opdracht"));
        translate_texts()
            .into_iter()
            .fold(translate, |translate, (name, about, args)| {
                translate.mut_subcommand(name, |c| {
                    let usage = usage_line(&c).replacen("helder ", "helder translate ", 1);
                    texts.localise(c, about, &args).override_usage(usage)
                })
            })
    })
}

/// The texts of `helder translate`'s own subcommands.
fn translate_texts() -> [SubcommandTexts; 3] {
    let root = || ("root", msg!("cli.root"));
    [
        (
            "export",
            msg!("cli.translate-export"),
            vec![
                ("lang", msg!("cli.translate-taal")),
                ("out", msg!("cli.translate-out")),
                root(),
                ("private", msg!("cli.translate-besloten")),
            ],
        ),
        (
            "import",
            msg!("cli.translate-import"),
            vec![("file", msg!("cli.translate-bestand")), root()],
        ),
        ("status", msg!("cli.translate-status"), vec![root()]),
    ]
}

/// Per subcommand: its about, and the help of each of its arguments.
type SubcommandTexts = (&'static str, String, Vec<(&'static str, String)>);

fn subcommand_texts() -> [SubcommandTexts; 8] {
    let root = || ("root", msg!("cli.root"));
    [
        (
            "build",
            msg!("cli.build"),
            vec![
                root(),
                ("out", msg!("cli.build-out")),
                ("classes", msg!("cli.build-klas")),
                ("audience", msg!("cli.build-publiek")),
                ("drafts", msg!("cli.build-concepten")),
                ("no_extras", msg!("cli.build-zonder-extras")),
                ("force", msg!("cli.build-force")),
            ],
        ),
        (
            "serve",
            msg!("cli.serve"),
            vec![
                root(),
                ("port", msg!("cli.serve-poort")),
                ("open", msg!("cli.serve-open")),
                ("bind", msg!("cli.serve-adres")),
                ("read_only", msg!("cli.serve-alleen-lezen")),
            ],
        ),
        (
            "check",
            msg!("cli.check"),
            vec![root(), ("format", msg!("cli.check-vorm"))],
        ),
        (
            "init",
            msg!("cli.init"),
            vec![("dir", msg!("cli.init-map"))],
        ),
        (
            "new",
            msg!("cli.new"),
            vec![
                ("kind", msg!("cli.new-type")),
                ("path", msg!("cli.new-pad")),
                root(),
            ],
        ),
        (
            "codes",
            msg!("cli.codes"),
            vec![root(), ("letters", msg!("cli.codes-brieven"))],
        ),
        (
            "digest",
            msg!("cli.digest"),
            vec![
                root(),
                ("since", msg!("cli.digest-sinds")),
                ("until", msg!("cli.digest-tot")),
                ("sites", msg!("cli.digest-site")),
                ("out", msg!("cli.digest-out")),
            ],
        ),
        ("translate", msg!("cli.translate"), vec![]),
    ]
}

/// The Dutch texts every command and subcommand gets.
struct Texts {
    /// The heading above options, and above positional arguments.
    options: String,
    arguments: String,
    help_template: String,
}

impl Texts {
    fn new() -> Texts {
        Texts {
            options: msg!("cli.kop-opties"),
            arguments: msg!("cli.kop-argumenten"),
            help_template: format!(
                "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
                msg!("cli.kop-gebruik")
            ),
        }
    }

    fn heading(&self, positional: bool) -> String {
        if positional {
            self.arguments.clone()
        } else {
            self.options.clone()
        }
    }

    /// `cmd` with its about, usage line, headings, help flag and the help
    /// of each argument in `args` in Dutch.
    fn localise(
        &self,
        cmd: clap::Command,
        about: String,
        args: &[(&str, String)],
    ) -> clap::Command {
        let usage = usage_line(&cmd);
        let mut cmd = cmd
            .about(about)
            .override_usage(usage)
            .help_template(self.help_template.clone())
            .disable_help_flag(true)
            .arg(
                Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .help(msg!("cli.hulp"))
                    .help_heading(self.options.clone()),
            );
        // Every argument gets a Dutch heading, also one added later without
        // a text in `args` (the test `help_is_dutch` catches that).
        let ids: Vec<(String, bool)> = cmd
            .get_arguments()
            .map(|a| (a.get_id().to_string(), a.is_positional()))
            .collect();
        for (id, positional) in ids {
            cmd = cmd.mut_arg(id, |a| a.help_heading(self.heading(positional)));
        }
        for (id, help) in args {
            // clap's "[default: .]" and "[possible values: ...]" are English;
            // the Dutch help text names them instead.
            cmd = cmd.mut_arg(*id, |a| {
                let takes_value = a.get_action().takes_values();
                let heading = self.heading(a.is_positional());
                a.help(help.clone())
                    .help_heading(heading)
                    .hide_default_value(takes_value)
                    .hide_possible_values(takes_value)
            });
        }
        cmd
    }
}

/// clap's usage line says "[OPTIONS]"; this one has the Dutch word.
fn usage_line(cmd: &clap::Command) -> String {
    let positionals: String = cmd
        .get_positionals()
        .map(|a| {
            let name = a
                .get_value_names()
                .and_then(|v| v.first())
                .map_or("", |n| n.as_str());
            if a.is_required_set() {
                format!(" <{name}>")
            } else {
                format!(" [{name}]")
            }
        })
        .collect();
    match cmd.get_name() {
        "helder" => format!("helder <{}>", msg!("cli.opdracht")),
        name if cmd.get_opts().next().is_some() => {
            format!("helder {name} [{}]{positionals}", msg!("cli.opties-plek"))
        }
        name => format!("helder {name}{positionals}"),
    }
}

/// Parses the arguments; on a mistake prints it in Dutch and gives the exit
/// code (2, as clap would; 0 for --help and --version).
fn parse() -> Result<Cli, ExitCode> {
    // A coordinator double-clicks helder in the site's folder: no command,
    // but a book.toml here means "show me the site" (issue 18).
    if std::env::args_os().len() == 1 && Path::new("book.toml").is_file() {
        eprintln!("{}", msg!("cli.zonder-opdracht"));
        return Ok(Cli {
            command: Command::Serve {
                root: PathBuf::from("."),
                port: 1111,
                open: true,
                bind: std::net::IpAddr::from([127, 0, 0, 1]),
                read_only: false,
            },
        });
    }
    let mut cmd = command();
    let result = cmd
        .try_get_matches_from_mut(std::env::args_os())
        .and_then(|matches| Cli::from_arg_matches(&matches));
    match result {
        Ok(cli) => Ok(cli),
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
            Err(ExitCode::SUCCESS)
        }
        Err(e) if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            Err(ExitCode::from(2))
        }
        Err(e) => {
            eprintln!("{}", usage_error(&e, &cmd));
            Err(ExitCode::from(2))
        }
    }
}

/// A clap error as a Dutch diagnostic: what was wrong, and what to type.
fn usage_error(e: &clap::Error, cmd: &clap::Command) -> Diagnostic {
    let text = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let argument = text(ContextKind::InvalidArg);
    let value = text(ContextKind::InvalidValue);
    let suggestion = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand]
        .into_iter()
        .map(text)
        .find(|s| !s.is_empty());
    let message = match e.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            msg!("cli.fout-waarde", waarde = value, optie = argument)
        }
        ErrorKind::UnknownArgument => msg!("cli.fout-onbekende-optie", optie = argument),
        ErrorKind::InvalidSubcommand => msg!(
            "cli.fout-onbekende-opdracht",
            opdracht = text(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => msg!("cli.fout-ontbreekt", optie = argument),
        ErrorKind::MissingSubcommand => msg!("cli.fout-geen-opdracht"),
        ErrorKind::ArgumentConflict => msg!("cli.fout-samen", optie = argument),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            msg!("cli.fout-aantal", optie = argument)
        }
        _ => msg!("cli.fout-anders"),
    };
    let valid = text(ContextKind::ValidValue);
    // The usage of the subcommand that was typed, if any (also one level
    // down: `helder translate export`).
    let mut typed: &clap::Command = cmd;
    for name in std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .take(2)
    {
        match typed.find_subcommand(&name) {
            Some(sub) => typed = sub,
            None => break,
        }
    }
    let mut cmd = typed.clone();
    let help = match (suggestion, valid.is_empty()) {
        (Some(s), _) => msg!("cli.fout-bedoel", voorstel = s),
        (None, false) => msg!("cli.fout-kies", waarden = valid),
        (None, true) => {
            let usage = cmd.render_usage().to_string();
            let usage = usage.trim().trim_start_matches("Usage:").trim().to_string();
            msg!("cli.fout-hulp", gebruik = usage)
        }
    };
    Diagnostic::usage(message).help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every help text comes from the catalogue: the derive has none of its
    /// own (a doc comment would be English and bypass it), and after
    /// `command()` every subcommand and argument has one.
    #[test]
    fn every_help_text_is_from_the_catalogue() {
        let derived = Cli::command();
        let localised = command();
        for sub in derived.get_subcommands() {
            assert!(
                sub.get_about().is_none(),
                "doc comment on {}",
                sub.get_name()
            );
            for arg in sub.get_arguments() {
                assert!(
                    arg.get_help().is_none(),
                    "doc comment on {} --{}: put its text in [cli] of nl.toml",
                    sub.get_name(),
                    arg.get_id()
                );
            }
        }
        let nested = localised
            .get_subcommands()
            .flat_map(|s| s.get_subcommands())
            .collect::<Vec<_>>();
        assert!(!nested.is_empty(), "helder translate has subcommands");
        for sub in localised.get_subcommands().chain(nested) {
            assert!(sub.get_about().is_some(), "no text for {}", sub.get_name());
            for arg in sub.get_arguments() {
                assert!(
                    arg.get_help().is_some(),
                    "no text for {} {}: add it in command() and [cli] of nl.toml",
                    sub.get_name(),
                    arg.get_id()
                );
            }
        }
        localised.debug_assert();
    }
}
