//! `cargo xtask compare-sdk`: the crate Shapegen generates from the full Cognito model, side by
//! side with `aws-sdk-cognitoidentityprovider` from crates.io: lines of Rust, and the time of a
//! `cargo check` of that crate alone (its dependencies built beforehand); with
//! `--with-dependencies`, also a `cargo check` of each crate with its whole dependency tree from
//! an empty target folder, which is what adding the crate costs a project the first time.
//!
//! Both crates live in a scratch workspace with their own target folder; the SDK is fetched
//! there by cargo and is never a dependency of the project.
//!
//! The two checks run under the same conditions: without incremental compilation
//! (`CARGO_INCREMENTAL=0`), which is how cargo always builds a crate from a registry such as the
//! SDK, while a path crate of the workspace gets it by default. Each check runs `--runs` times,
//! the two crates taking turns; the check-time ratio is the median of the runs' ratios. The
//! generated crate's check with incremental compilation (what it costs as a member of the
//! user's workspace) is printed too.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use clap::Args;

/// Arguments of `compare-sdk`.
#[derive(Debug, Args)]
pub struct CompareSdkArgs {
    /// The Smithy model to generate from.
    #[arg(default_value = "../shared/corpus/smithy-aws/cognito-identity-provider-2016-04-18.json")]
    pub model: PathBuf,
    /// The SDK crate to compare with.
    #[arg(long, default_value = "aws-sdk-cognitoidentityprovider")]
    pub sdk: String,
    /// Its version requirement.
    #[arg(long, default_value = "1")]
    pub sdk_version: String,
    /// The scratch folder (default: `target/compare-sdk` in the workspace).
    #[arg(long)]
    pub scratch: Option<PathBuf>,
    /// Also time a `cargo check` of each crate with all its dependencies, from an empty target
    /// folder (a few minutes for the SDK on two cores).
    #[arg(long)]
    pub with_dependencies: bool,
    /// How many times each crate-only check runs (the medians count).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    pub runs: u32,
}

/// Name of the generated crate in the scratch workspace.
const OURS: &str = "shapegen-cognito";
/// Name of the scratch crate that depends on the SDK.
const SDK_USER: &str = "sdk-user";

/// One side of the comparison.
struct Figures {
    lines: usize,
    files: usize,
    /// Median crate-only `cargo check`, without incremental compilation.
    check: Duration,
    /// `cargo check` with the whole dependency tree, when asked for.
    check_with_dependencies: Option<Duration>,
}

/// Runs `compare-sdk`.
pub fn run(args: &CompareSdkArgs) -> ExitCode {
    match compare(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn compare(args: &CompareSdkArgs) -> Result<(), String> {
    let scratch = args
        .scratch
        .clone()
        .unwrap_or_else(|| xtask::workspace_root().join("target/compare-sdk"));
    write_workspace(&scratch, args)?;
    println!("building dependencies (once) in {}", scratch.display());
    cargo(&scratch, &["check", "--quiet", "--workspace"])?;
    let sdk_src = package_src(&scratch, &args.sdk)?;
    let (sdk_lines, sdk_files) = count_rust_lines(&sdk_src);
    let (our_lines, our_files) = count_rust_lines(&scratch.join(OURS).join("src"));
    let mut sdk_checks = Vec::new();
    let mut our_checks = Vec::new();
    for _ in 0..args.runs {
        sdk_checks.push(time_crate_check(&scratch, &args.sdk, Incremental::Off)?);
        our_checks.push(time_crate_check(&scratch, OURS, Incremental::Off)?);
    }
    let paired_ratios: Vec<f64> = our_checks
        .iter()
        .zip(&sdk_checks)
        .map(|(ours, sdk)| ours.as_secs_f64() / sdk.as_secs_f64())
        .collect();
    let incremental = time_crate_check(&scratch, OURS, Incremental::CargoDefault)?;
    let from_scratch = |package: &str| {
        args.with_dependencies
            .then(|| time_check_from_scratch(&scratch, package))
            .transpose()
    };
    let sdk = Figures {
        lines: sdk_lines,
        files: sdk_files,
        check: median(sdk_checks),
        check_with_dependencies: from_scratch(SDK_USER)?,
    };
    let ours = Figures {
        lines: our_lines,
        files: our_files,
        check: median(our_checks),
        check_with_dependencies: from_scratch(OURS)?,
    };
    print_table(&args.sdk, &sdk, &ours, &paired_ratios);
    println!(
        "{OURS} as a workspace member, with cargo's default incremental compilation: {:.1}s",
        incremental.as_secs_f64()
    );
    Ok(())
}

/// Whether a timed check uses incremental compilation.
#[derive(Clone, Copy)]
enum Incremental {
    /// `CARGO_INCREMENTAL=0`, as cargo builds every registry crate.
    Off,
    /// Cargo's default for the package (on for a workspace member in the dev profile).
    CargoDefault,
}

/// The middle value (the upper one of the two middle values for an even count).
fn median<T: PartialOrd + Copy>(mut values: Vec<T>) -> T {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    values[values.len() / 2]
}

/// The scratch workspace: the generated crate and a crate depending on the SDK.
fn write_workspace(scratch: &Path, args: &CompareSdkArgs) -> Result<(), String> {
    let options = codegen::Options {
        crate_name: OURS.to_string(),
        ..codegen::Options::default()
    };
    let started = Instant::now();
    let files = codegen::generate_crate(std::slice::from_ref(&args.model), &options)
        .map_err(|d| d.to_string())?;
    println!(
        "generated {OURS} from {} in {:.2}s",
        args.model.display(),
        started.elapsed().as_secs_f64()
    );
    codegen::writer::write(&files, &scratch.join(OURS)).map_err(|e| e.to_string())?;
    let user = scratch.join(SDK_USER);
    std::fs::create_dir_all(user.join("src")).map_err(|e| e.to_string())?;
    let manifest = format!(
        "[package]\nname = \"{SDK_USER}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n{} = \"{}\"\n",
        args.sdk, args.sdk_version
    );
    write(&user.join("Cargo.toml"), &manifest)?;
    write(&user.join("src/lib.rs"), "//! Depends on the SDK only.\n")?;
    write(
        &scratch.join("Cargo.toml"),
        &format!("[workspace]\nresolver = \"2\"\nmembers = [\"{OURS}\", \"{SDK_USER}\"]\n"),
    )
}

fn write(path: &Path, content: &str) -> Result<(), String> {
    std::fs::write(path, content).map_err(|e| format!("{}: {e}", path.display()))
}

/// Runs cargo in the scratch workspace with its own target folder.
fn cargo(scratch: &Path, args: &[&str]) -> Result<(), String> {
    cargo_with_target(scratch, &scratch.join("target"), args)
}

/// Runs cargo in the scratch workspace with the given target folder.
fn cargo_with_target(scratch: &Path, target: &Path, args: &[&str]) -> Result<(), String> {
    run_cargo(scratch, target, args, Incremental::CargoDefault)
}

/// Runs cargo in the scratch workspace with the given target folder and incremental setting.
fn run_cargo(
    scratch: &Path,
    target: &Path,
    args: &[&str],
    incremental: Incremental,
) -> Result<(), String> {
    let mut command = Command::new(env!("CARGO"));
    command
        .args(args)
        .current_dir(scratch)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_INCREMENTAL");
    if let Incremental::Off = incremental {
        command.env("CARGO_INCREMENTAL", "0");
    }
    let status = command.status().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo {} failed", args.join(" ")))
    }
}

/// The `src` folder of `package`, from `cargo metadata`.
fn package_src(scratch: &Path, package: &str) -> Result<PathBuf, String> {
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1"])
        .current_dir(scratch)
        .output()
        .map_err(|e| e.to_string())?;
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).map_err(|e| e.to_string())?;
    metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == package)
        .and_then(|p| p["manifest_path"].as_str())
        .and_then(|manifest| Path::new(manifest).parent())
        .map(|dir| dir.join("src"))
        .ok_or_else(|| format!("{package} not found in cargo metadata"))
}

/// Lines and files of the `.rs` files under `dir`.
fn count_rust_lines(dir: &Path) -> (usize, usize) {
    let mut lines = 0;
    let mut files = 0;
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    lines += text.lines().count();
                    files += 1;
                }
            }
        }
    }
    (lines, files)
}

/// `cargo check` of `package` alone: its own artifacts are removed first (`cargo clean -p`),
/// its dependencies stay built.
fn time_crate_check(
    scratch: &Path,
    package: &str,
    incremental: Incremental,
) -> Result<Duration, String> {
    cargo(scratch, &["clean", "--quiet", "-p", package])?;
    let target = scratch.join("target");
    let started = Instant::now();
    run_cargo(
        scratch,
        &target,
        &["check", "--quiet", "-p", package],
        incremental,
    )?;
    let time = started.elapsed();
    let how = match incremental {
        Incremental::Off => "",
        Incremental::CargoDefault => " (incremental)",
    };
    println!("{package}: cargo check{how} {:.1}s", time.as_secs_f64());
    Ok(time)
}

/// `cargo check` of `package` with its whole dependency tree, from an empty target folder
/// (`target-fresh`, removed before and after).
fn time_check_from_scratch(scratch: &Path, package: &str) -> Result<Duration, String> {
    let target = scratch.join("target-fresh");
    let remove = || match std::fs::remove_dir_all(&target) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("{}: {e}", target.display()))
        }
        _ => Ok(()),
    };
    remove()?;
    let started = Instant::now();
    cargo_with_target(scratch, &target, &["check", "--quiet", "-p", package])?;
    let time = started.elapsed();
    println!(
        "{package}: cargo check with all dependencies {:.1}s",
        time.as_secs_f64()
    );
    remove()?;
    Ok(time)
}

/// The table, then the ratios. The check-time ratio is the median of the runs' ratios: the two
/// checks of a run follow each other, so a run's ratio cancels most of what the machine's load
/// does to both, which the ratio of the two medians (printed too) does not.
fn print_table(sdk_name: &str, sdk: &Figures, ours: &Figures, paired_ratios: &[f64]) {
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { f64::NAN };
    println!("| crate | .rs files | lines | cargo check (crate only, median, not incremental) |");
    println!("|---|---|---|---|");
    for (name, figures) in [(sdk_name, sdk), (OURS, ours)] {
        println!(
            "| {name} | {} | {} | {:.1}s |",
            figures.files,
            figures.lines,
            figures.check.as_secs_f64()
        );
    }
    let runs: Vec<String> = paired_ratios.iter().map(|r| format!("{r:.3}")).collect();
    println!(
        "ours / SDK: lines {:.3}, check time {:.3} (median of the runs' ratios: {}; ratio of \
         the medians {:.3}) (target: at most 0.2 each)",
        ratio(ours.lines as f64, sdk.lines as f64),
        median(paired_ratios.to_vec()),
        runs.join(", "),
        ratio(ours.check.as_secs_f64(), sdk.check.as_secs_f64())
    );
    if let (Some(sdk_full), Some(ours_full)) =
        (sdk.check_with_dependencies, ours.check_with_dependencies)
    {
        println!(
            "with all dependencies, from an empty target folder: {sdk_name} {:.1}s, {OURS} {:.1}s, ratio {:.3}",
            sdk_full.as_secs_f64(),
            ours_full.as_secs_f64(),
            ratio(ours_full.as_secs_f64(), sdk_full.as_secs_f64())
        );
    }
}
