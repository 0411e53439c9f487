//! `cargo xtask conformance protocol-tests DIR`: Smithy's HTTP protocol tests for the JSON
//! protocols, run through generated code.
//!
//! Each protocol folder (with the shared `.smithy` files beside the folders) is loaded through
//! the IDL front end into one model, and its test traits are read from the syntax model of each
//! file ([`cases`]). Every case is planned ([`plan`]): what the generated code must do, or why it
//! is skipped. Each protocol's model becomes one generated crate with a generated runner
//! ([`runner`]); all crates build in one cargo call, each runner runs once, and the harness
//! judges the answers, printing per-file results and the totals of two sections: `protocol`
//! (request, response and error cases) and `validation` (the malformed-request cases under
//! `restJson1/validation/`, whose `ValidationException` paths and messages the generated
//! validators must reproduce).
//!
//! The crates are generated with `optional_input_members` (Smithy's client rule: every member of
//! an `@input` structure is optional), since most cases describe what clients do; under it, the
//! server cases that expect top-level input defaults to be filled in fail (without it, the client
//! cases that expect them left out fail instead).

mod cases;
mod plan;
mod runner;
mod wire;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args as ClapArgs;
use codegen::input::{Format, Source};
use codegen::model::Model;
use codegen::rust::typespace::TypeSpace;
use codegen::smithy::idl::conformance::smithy_files;
use codegen::smithy::SmithyAst;
use codegen::Options;
use serde_json::Value;

use cases::read_file_cases;
use plan::{Check, Plan, Planner};

/// The protocols run: folder name and protocol trait id.
const PROTOCOLS: &[(&str, &str)] = &[
    ("awsJson1_0", "aws.protocols#awsJson1_0"),
    ("awsJson1_1", "aws.protocols#awsJson1_1"),
    ("restJson1", "aws.protocols#restJson1"),
];

/// The malformed-request cases of this folder (inside a protocol folder) form the `validation`
/// section; other malformed-request cases are not run.
const VALIDATION_FOLDER: &str = "validation";

/// `smithy.framework#ValidationException`, which the validation tests' operations return. It is
/// part of Smithy's validation model, not of the test folders; this is its definition.
const VALIDATION_FRAMEWORK: &str = r#"$version: "2.0"

namespace smithy.framework

/// A standard error for input validation failures.
@error("client")
structure ValidationException {
    /// A summary of the validation failure.
    @required
    message: String

    /// A list of specific failures encountered while validating the input.
    fieldList: ValidationExceptionFieldList
}

/// Describes one specific validation failure for an input member.
structure ValidationExceptionField {
    /// A JSONPointer expression to the structure member whose value failed to satisfy the
    /// modeled constraints.
    @required
    path: String

    /// A detailed description of the validation failure.
    @required
    message: String
}

list ValidationExceptionFieldList {
    member: ValidationExceptionField
}
"#;

/// Arguments of `cargo xtask conformance protocol-tests`.
#[derive(ClapArgs)]
pub struct Args {
    /// The `protocol-tests` folder (holding `awsJson1_0/`, `awsJson1_1/`, `restJson1/`).
    dir: PathBuf,
    /// Fail when fewer protocol cases pass (default: no minimum).
    #[arg(long)]
    min_passed: Option<usize>,
    /// Fail when fewer validation cases pass (default: no minimum).
    #[arg(long)]
    min_validation_passed: Option<usize>,
    /// Also print a line per skipped case, with the reason.
    #[arg(long)]
    show_skipped: bool,
}

/// Which section a case counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    Protocol,
    Validation,
}

/// One planned case.
struct Planned {
    section: Section,
    file: PathBuf,
    id: String,
    plan: Plan,
    /// Indices of its checks in the protocol's check list.
    checks: std::ops::Range<usize>,
}

/// A case's outcome.
enum Outcome {
    Passed,
    Failed(String),
    Skipped(String),
}

/// One protocol, loaded and planned.
struct ProtocolRun {
    folder: String,
    model: Model,
    protocol: String,
    planned: Vec<Planned>,
    checks: Vec<Check>,
}

/// Runs the suite and prints the results.
pub fn run(args: &Args) -> ExitCode {
    let root = xtask::workspace_root();
    let workspace = std::env::temp_dir().join("shapegen-protocol-tests");
    let target = root.join("target/generated-crates");
    let mut runs = Vec::new();
    let mut members = Vec::new();
    for (folder, protocol) in PROTOCOLS {
        let dir = args.dir.join(folder);
        if !dir.is_dir() {
            eprintln!("error: {} is not a folder", dir.display());
            return ExitCode::FAILURE;
        }
        let run = match load_protocol(&args.dir, folder, protocol) {
            Ok(run) => run,
            Err(e) => {
                eprintln!("error: {folder}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let package = package_name(folder);
        if let Err(e) = write_crate(&run, &workspace.join(&package), &package) {
            eprintln!("error: {folder}: {e}");
            return ExitCode::FAILURE;
        }
        members.push(package);
        runs.push(run);
    }
    let prepared = runner::write_workspace(&workspace, &members, &root.join("Cargo.lock"))
        .and_then(|()| runner::build(&workspace, &target));
    if let Err(e) = prepared {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let mut totals: BTreeMap<Section, Totals> = BTreeMap::new();
    for (run, package) in runs.iter().zip(&members) {
        let binary = runner::binary_path(&target, package);
        let cases_path = workspace.join(package).join("cases.json");
        let answers = match runner::run(&binary, &cases_path, run.checks.len()) {
            Ok(answers) => answers,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        report_protocol(run, &answers, args, &mut totals);
    }
    print_totals(&totals, args)
}

fn package_name(folder: &str) -> String {
    format!("protocol-{}", folder.to_ascii_lowercase().replace('_', "-"))
}

/// Loads a protocol folder (with the shared files beside it) and plans its cases.
fn load_protocol(dir: &Path, folder: &str, protocol: &str) -> Result<ProtocolRun, String> {
    let mut paths = smithy_files(&dir.join(folder));
    paths.extend(
        smithy_files(dir)
            .into_iter()
            .filter(|p| p.parent() == Some(dir)),
    );
    let mut sources = Vec::new();
    for path in &paths {
        sources.push(codegen::input::read_source(path).map_err(|d| d.to_string())?);
    }
    sources.push(Source {
        path: PathBuf::from("<smithy.framework validation model>"),
        text: VALIDATION_FRAMEWORK.to_string(),
        format: Format::SmithyIdl,
    });
    let loaded =
        codegen::input::resolve(&sources, &Options::default()).map_err(|d| d.to_string())?;
    let asts = parse_syntax(&sources)?;
    let mut problems = Vec::new();
    let planner = Planner::new(&loaded.model, protocol);
    let mut planned = Vec::new();
    let mut checks = Vec::new();
    for (source, ast) in sources.iter().zip(&asts) {
        let file_cases = read_file_cases(&source.path, ast, &mut problems);
        let in_validation = source
            .path
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|name| name == VALIDATION_FOLDER);
        for case in &file_cases.http {
            add(
                &mut planned,
                &mut checks,
                Section::Protocol,
                source,
                &case.id,
                planner.plan_http(case),
            );
        }
        for case in file_cases.malformed.iter().filter(|_| in_validation) {
            let plan = planner.plan_malformed(case);
            add(
                &mut planned,
                &mut checks,
                Section::Validation,
                source,
                &case.id,
                plan,
            );
        }
    }
    for problem in problems {
        eprintln!("warning: {problem}");
    }
    Ok(ProtocolRun {
        folder: folder.to_string(),
        model: loaded.model,
        protocol: protocol.to_string(),
        planned,
        checks,
    })
}

fn add(
    planned: &mut Vec<Planned>,
    checks: &mut Vec<Check>,
    section: Section,
    source: &Source,
    id: &str,
    plan: Plan,
) {
    let start = checks.len();
    if let Plan::Run(case_checks) = &plan {
        checks.extend(case_checks.iter().cloned());
    }
    planned.push(Planned {
        section,
        file: source.path.clone(),
        id: id.to_string(),
        plan,
        checks: start..checks.len(),
    });
}

/// The syntax model of every source (all parsed together, as the front end does).
fn parse_syntax(sources: &[Source]) -> Result<Vec<SmithyAst>, String> {
    let names: Vec<String> = sources.iter().map(Source::display_name).collect();
    let inputs: Vec<codegen::smithy::idl::IdlSource<'_>> = sources
        .iter()
        .zip(&names)
        .map(|(source, file)| codegen::smithy::idl::IdlSource {
            text: &source.text,
            file,
        })
        .collect();
    codegen::smithy::idl::parse_all(&inputs, &[]).map_err(|d| d.to_string())
}

/// Generates the protocol's crate with its runner and cases file into `out`.
fn write_crate(run: &ProtocolRun, out: &Path, package: &str) -> Result<(), String> {
    let options = Options {
        crate_name: package.to_string(),
        // Smithy's client rule (see the module documentation).
        optional_input_members: true,
        ..Options::default()
    };
    let mut files =
        codegen::rust::generate_crate(&run.model, &options).map_err(|d| d.to_string())?;
    let space = TypeSpace::new(&run.model, &options);
    let checks: Vec<&Check> = run.checks.iter().collect();
    let krate = package.replace('-', "_");
    files.files.insert(
        "src/main.rs".to_string(),
        runner::runner_source(&space, &krate, &checks),
    );
    let cases = serde_json::to_string(&runner::cases_file(&checks)).map_err(|e| e.to_string())?;
    files.files.insert("cases.json".to_string(), cases);
    codegen::writer::write(&files, out).map_err(|e| e.to_string())?;
    Ok(())
}

/// Pass, fail and skip counts, with skip reasons.
#[derive(Default)]
struct Totals {
    passed: usize,
    failed: usize,
    skipped: BTreeMap<String, usize>,
}

impl Totals {
    fn add(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Passed => self.passed += 1,
            Outcome::Failed(_) => self.failed += 1,
            Outcome::Skipped(reason) => *self.skipped.entry(reason.clone()).or_default() += 1,
        }
    }

    fn skipped_count(&self) -> usize {
        self.skipped.values().sum()
    }

    fn line(&self) -> String {
        format!(
            "{} passed, {} failed, {} skipped",
            self.passed,
            self.failed,
            self.skipped_count()
        )
    }
}

fn outcome(run: &ProtocolRun, planned: &Planned, answers: &[Result<Value, String>]) -> Outcome {
    let Plan::Skip(reason) = &planned.plan else {
        let wire = wire::Wire::new(&run.model);
        for index in planned.checks.clone() {
            let answer = answers[index].as_ref().map_err(String::as_str);
            if let Err(e) = run.checks[index].judge(&wire, answer) {
                return Outcome::Failed(e);
            }
        }
        return Outcome::Passed;
    };
    Outcome::Skipped(reason.clone())
}

/// Prints one line per file (and one per failed case) of a protocol, adding to `totals`.
fn report_protocol(
    run: &ProtocolRun,
    answers: &[Result<Value, String>],
    args: &Args,
    totals: &mut BTreeMap<Section, Totals>,
) {
    println!("== {} ({})", run.folder, run.protocol);
    let mut by_file: BTreeMap<(Section, &Path), Vec<(&Planned, Outcome)>> = BTreeMap::new();
    for planned in &run.planned {
        let result = outcome(run, planned, answers);
        totals.entry(planned.section).or_default().add(&result);
        by_file
            .entry((planned.section, planned.file.as_path()))
            .or_default()
            .push((planned, result));
    }
    for ((section, file), results) in &by_file {
        let mut file_totals = Totals::default();
        results.iter().for_each(|(_, o)| file_totals.add(o));
        let label = if file_totals.failed == 0 {
            "ok"
        } else {
            "FAIL"
        };
        let shown = file.strip_prefix(&args.dir).unwrap_or(file).display();
        let suffix = if *section == Section::Validation {
            " (validation)"
        } else {
            ""
        };
        println!("{label:4} {shown}{suffix}: {}", file_totals.line());
        for (planned, result) in results {
            match result {
                Outcome::Failed(reason) => println!("     FAIL {}: {reason}", planned.id),
                Outcome::Skipped(reason) if args.show_skipped => {
                    println!("     skip {}: {reason}", planned.id)
                }
                _ => {}
            }
        }
    }
}

fn print_totals(totals: &BTreeMap<Section, Totals>, args: &Args) -> ExitCode {
    let empty = Totals::default();
    let protocol = totals.get(&Section::Protocol).unwrap_or(&empty);
    let validation = totals.get(&Section::Validation).unwrap_or(&empty);
    for (name, section) in [("protocol", protocol), ("validation", validation)] {
        for (reason, count) in &section.skipped {
            println!("{name} skipped {count}: {reason}");
        }
    }
    println!("validation: {}", validation.line());
    println!("protocol: {}", protocol.line());
    let mut ok = true;
    for (count, minimum, what) in [
        (protocol.passed, args.min_passed, "protocol cases passed"),
        (
            validation.passed,
            args.min_validation_passed,
            "validation cases passed",
        ),
    ] {
        if let Some(minimum) = minimum {
            if count < minimum {
                eprintln!("error: {count} {what}, below the required {minimum}");
                ok = false;
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
