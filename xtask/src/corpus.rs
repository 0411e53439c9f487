//! `cargo xtask corpus DIR...`: generate a crate for every model in the given folders, in
//! parallel, check that every generated file lexes back as Rust tokens (or, with `--syn`, parses
//! as a whole file with `syn`), and print a summary table; optionally compile a deterministic
//! sample of the crates with `cargo clippy`.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

/// Arguments of `corpus`.
#[derive(Debug, Args)]
pub struct CorpusArgs {
    /// Also write a sample of the generated crates (the five largest models plus others spread
    /// over protocols and sizes) into one scratch workspace and run `cargo clippy` on it.
    #[arg(long)]
    pub compile_sample: bool,
    /// Check every generated file with a full `syn::parse_file` instead of lexing it (about
    /// five times the check's CPU time; CI uses it).
    #[arg(long)]
    pub syn: bool,
    /// How many models the compiled sample holds.
    #[arg(long, default_value_t = 12)]
    pub sample_size: usize,
    /// Folders (or files) of models.
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
}

/// What happened to one model.
struct ModelResult {
    path: PathBuf,
    shapes: usize,
    files: usize,
    lines: usize,
    bytes: u64,
    time: Duration,
    phases: Phases,
    failure: Option<String>,
    crate_files: Option<codegen::writer::CrateFiles>,
}

/// Time spent in each phase of one model (summed over models, they give CPU time per phase).
#[derive(Debug, Default, Clone, Copy)]
struct Phases {
    /// Reading, parsing and resolving the model.
    load: Duration,
    /// Emitting and formatting the crate.
    generate: Duration,
    /// Lexing every generated file again.
    check: Duration,
}

/// Runs `corpus`.
pub fn run(args: &CorpusArgs) -> ExitCode {
    let models = model_files(&args.dirs);
    if models.is_empty() {
        eprintln!("error: no .json or .smithy models under {:?}", args.dirs);
        return ExitCode::FAILURE;
    }
    let sample: Vec<PathBuf> = if args.compile_sample {
        choose_sample(&models, args.sample_size)
    } else {
        Vec::new()
    };
    let progress = ProgressBar::new(models.len() as u64);
    progress.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = Instant::now();
    let results = Mutex::new(Vec::with_capacity(models.len()));
    for_each_largest_first(&models, |path| {
        let keep = sample.iter().any(|s| s == path);
        let result = generate_one_catching_panics(path, keep, args.syn);
        progress.inc(1);
        if let Ok(mut results) = results.lock() {
            results.push(result);
        }
    });
    progress.finish_and_clear();
    let wall = started.elapsed();
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by(|a, b| a.path.cmp(&b.path));
    let failed = print_summary(&results, wall, if args.syn { "syn" } else { "lex" });
    if failed > 0 {
        return ExitCode::FAILURE;
    }
    if args.compile_sample {
        return compile_sample(&results);
    }
    ExitCode::SUCCESS
}

/// Runs `work` on every model on rayon's pool, the largest first, so no core is left alone with
/// a big one at the end. One pool for the models and for each crate's modules (which
/// `generate_crate` emits in parallel too): threads of our own beside the pool would put more
/// threads than cores to work, which measured slower.
fn for_each_largest_first(models: &[PathBuf], work: impl Fn(&Path) + Sync) {
    let mut queue: Vec<(u64, &Path)> = models
        .iter()
        .map(|p| {
            (
                std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
                p.as_path(),
            )
        })
        .collect();
    queue.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    queue
        .par_iter()
        .with_max_len(1)
        .for_each(|(_, path)| work(path));
}

fn model_files(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in dirs {
        if dir.is_file() {
            files.push(dir.clone());
            continue;
        }
        let Ok(entries) = std::fs::read_dir(dir) else {
            eprintln!("warning: cannot read {}", dir.display());
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let extension = path.extension().and_then(|e| e.to_str());
            if matches!(extension, Some("json" | "smithy")) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// [`generate_one`], with a panic (a generator bug) reported as this model's failure instead
/// of ending the whole run.
fn generate_one_catching_panics(path: &Path, keep: bool, full_parse: bool) -> ModelResult {
    std::panic::catch_unwind(|| generate_one(path, keep, full_parse)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        let mut result = ModelResult::new(path);
        result.failure = Some(format!("the generator panicked: {message}"));
        result
    })
}

impl ModelResult {
    fn new(path: &Path) -> ModelResult {
        ModelResult {
            path: path.to_path_buf(),
            shapes: 0,
            files: 0,
            lines: 0,
            bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
            time: Duration::ZERO,
            phases: Phases::default(),
            failure: None,
            crate_files: None,
        }
    }
}

fn generate_one(path: &Path, keep: bool, full_parse: bool) -> ModelResult {
    let started = Instant::now();
    let options = codegen::Options {
        crate_name: crate_name(path),
        ..codegen::Options::default()
    };
    let mut result = ModelResult::new(path);
    let generated = codegen::load_model(&[path.to_path_buf()], &options).and_then(|loaded| {
        result.shapes = loaded.model.shapes.len();
        result.phases.load = started.elapsed();
        codegen::rust::generate_crate(&loaded.model, &options)
    });
    result.phases.generate = started.elapsed() - result.phases.load;
    match generated {
        Ok(files) => {
            result.files = files.files.len();
            result.lines = files.files.values().map(|c| c.lines().count()).sum();
            let checking = Instant::now();
            result.failure = unparsable_file(&files, full_parse);
            result.phases.check = checking.elapsed();
            if keep {
                result.crate_files = Some(files);
            }
        }
        Err(diagnostics) => result.failure = Some(diagnostics.to_string()),
    }
    result.time = started.elapsed();
    result
}

/// The first generated Rust file that does not lex as Rust tokens, with the error. The
/// formatter already parsed every module with `syn` before printing it, so a second full parse
/// is not needed; what can still go wrong is printed text that does not read back as the same
/// tokens (a doc comment holding a bare carriage return, say), which lexing catches. Text
/// written directly (runtimes, macro calls) skips `syn`; `full_parse` parses every file whole.
fn unparsable_file(files: &codegen::writer::CrateFiles, full_parse: bool) -> Option<String> {
    files
        .files
        .iter()
        .filter(|(path, _)| path.ends_with(".rs"))
        .find_map(|(path, content)| {
            let error = if full_parse {
                syn::parse_file(content).err().map(|e| e.to_string())
            } else {
                content
                    .parse::<proc_macro2::TokenStream>()
                    .err()
                    .map(|e| e.to_string())
            };
            error.map(|e| format!("{path} does not parse: {e}"))
        })
}

/// A crate name from a model file name: `s3-2006-03-01.json` → `s3_2006_03_01`.
fn crate_name(path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("model");
    let name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("corpus_{name}")
}

/// Protocol traits, rarest in the AWS models first: a model with several counts as its first.
const PROTOCOLS: &[&str] = &[
    "ec2Query",
    "restXml",
    "rpcv2Cbor",
    "awsQuery",
    "awsJson1_0",
    "awsJson1_1",
    "restJson1",
];

/// The protocol a model file declares (by a text search for the protocol trait ids), if any.
fn protocol_of(path: &Path) -> Option<&'static str> {
    let text = std::fs::read_to_string(path).ok()?;
    PROTOCOLS.iter().copied().find(|protocol| {
        text.contains(&format!("aws.protocols#{protocol}\""))
            || text.contains(&format!("smithy.protocols#{protocol}\""))
    })
}

/// The five largest models; then, for each protocol the sample lacks, the model of median
/// size among that protocol's; then models evenly spread over the rest by size.
fn choose_sample(models: &[PathBuf], size: usize) -> Vec<PathBuf> {
    let mut by_size: Vec<(u64, &PathBuf)> = models
        .iter()
        .map(|p| (std::fs::metadata(p).map(|m| m.len()).unwrap_or(0), p))
        .collect();
    by_size.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let mut sample: Vec<PathBuf> = by_size.iter().take(5).map(|(_, p)| (*p).clone()).collect();
    let protocols: Vec<Option<&str>> = by_size.iter().map(|(_, p)| protocol_of(p)).collect();
    for protocol in PROTOCOLS {
        let covered = by_size
            .iter()
            .zip(&protocols)
            .any(|((_, p), found)| *found == Some(*protocol) && sample.contains(p));
        let of_protocol: Vec<&PathBuf> = by_size
            .iter()
            .zip(&protocols)
            .filter(|(_, found)| **found == Some(*protocol))
            .map(|((_, p), _)| *p)
            .collect();
        if !covered && !of_protocol.is_empty() && sample.len() < size {
            sample.push(of_protocol[of_protocol.len() / 2].clone());
        }
    }
    let rest: Vec<&PathBuf> = by_size
        .iter()
        .map(|(_, p)| *p)
        .filter(|p| !sample.contains(p))
        .collect();
    let wanted = size.saturating_sub(sample.len());
    if wanted > 0 && !rest.is_empty() {
        let step = (rest.len() as f64 / wanted as f64).max(1.0);
        for i in 0..wanted {
            let index = ((i as f64 + 0.5) * step) as usize;
            if let Some(path) = rest.get(index) {
                sample.push((*path).clone());
            }
        }
    }
    sample
}

fn print_summary(results: &[ModelResult], wall: Duration, check_name: &str) -> usize {
    let failures: Vec<&ModelResult> = results.iter().filter(|r| r.failure.is_some()).collect();
    for failure in &failures {
        eprintln!(
            "FAILED {}:\n{}",
            failure.path.display(),
            failure.failure.as_deref().unwrap_or("")
        );
    }
    let shapes: usize = results.iter().map(|r| r.shapes).sum();
    let files: usize = results.iter().map(|r| r.files).sum();
    let lines: usize = results.iter().map(|r| r.lines).sum();
    let bytes: u64 = results.iter().map(|r| r.bytes).sum();
    let slowest = results.iter().max_by_key(|r| r.time);
    println!("| models | shapes | input MB | files | lines | wall s | peak MB | failures |");
    println!("|---|---|---|---|---|---|---|---|");
    println!(
        "| {} | {shapes} | {:.1} | {files} | {lines} | {:.2} | {} | {} |",
        results.len(),
        bytes as f64 / 1e6,
        wall.as_secs_f64(),
        peak_memory_mb().map_or("?".to_string(), |mb| mb.to_string()),
        failures.len()
    );
    let phase = |f: fn(&Phases) -> Duration| -> f64 {
        results.iter().map(|r| f(&r.phases).as_secs_f64()).sum()
    };
    println!(
        "thread time per phase: load {:.2}s, generate {:.2}s, {} check {:.2}s",
        phase(|p| p.load),
        phase(|p| p.generate),
        check_name,
        phase(|p| p.check)
    );
    if let Some(slowest) = slowest {
        println!(
            "slowest model: {} ({:.2}s)",
            slowest.path.display(),
            slowest.time.as_secs_f64()
        );
    }
    println!(
        "{} passed, {} failed",
        results.len() - failures.len(),
        failures.len()
    );
    failures.len()
}

/// Peak resident memory of this process, from `/proc/self/status` (Linux).
fn peak_memory_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// Writes the sampled crates into one scratch workspace and runs `cargo clippy` on all of them.
fn compile_sample(results: &[ModelResult]) -> ExitCode {
    let root = xtask::workspace_root();
    let scratch = std::env::temp_dir().join("shapegen-corpus-sample");
    let mut members = Vec::new();
    for result in results {
        let Some(files) = &result.crate_files else {
            continue;
        };
        let name = crate_name(&result.path);
        if let Err(e) = codegen::writer::write(files, &scratch.join(&name)) {
            eprintln!("error: writing {name}: {e}");
            return ExitCode::FAILURE;
        }
        println!(
            "sample: {} ({} lines, {})",
            result.path.display(),
            result.lines,
            protocol_of(&result.path).unwrap_or("no protocol trait")
        );
        members.push(format!("\"{name}\""));
    }
    let manifest = format!(
        "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
        members.join(", ")
    );
    if let Err(e) = std::fs::write(scratch.join("Cargo.toml"), manifest) {
        eprintln!("error: writing the sample workspace: {e}");
        return ExitCode::FAILURE;
    }
    let started = Instant::now();
    let status = Command::new(env!("CARGO"))
        .args([
            "clippy",
            "--quiet",
            "--workspace",
            "--keep-going",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", root.join("target/generated-crates"))
        .status();
    let seconds = started.elapsed().as_secs_f64();
    match status {
        Ok(status) if status.success() => {
            println!(
                "sample of {} crates: cargo clippy ok in {seconds:.1}s",
                members.len()
            );
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!(
                "sample: cargo clippy failed after {seconds:.1}s ({})",
                scratch.display()
            );
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A model file of `size` bytes declaring `protocol` (if any), in a fresh folder.
    fn model(dir: &Path, name: &str, size: usize, protocol: Option<&str>) -> PathBuf {
        let path = dir.join(name);
        let mut text = match protocol {
            Some(protocol) => format!("{{\"traits\": {{\"aws.protocols#{protocol}\": {{}}}}}}"),
            None => "{}".to_string(),
        };
        text.push_str(&" ".repeat(size.saturating_sub(text.len())));
        std::fs::write(&path, text).expect("writes");
        path
    }

    #[test]
    fn the_sample_has_the_five_largest_and_every_protocol() {
        let dir = std::env::temp_dir().join(format!("shapegen-sample-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("creates");
        let mut models = Vec::new();
        for i in 0..20 {
            models.push(model(
                &dir,
                &format!("json{i:02}.json"),
                1000 + i * 100,
                Some("restJson1"),
            ));
        }
        let query = model(&dir, "query.json", 50, Some("awsQuery"));
        let xml = model(&dir, "xml.json", 60, Some("restXml"));
        models.push(query.clone());
        models.push(xml.clone());
        models.sort();
        let sample = choose_sample(&models, 8);
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(sample.len(), 8, "{sample:?}");
        for largest in 15..20 {
            assert!(
                sample.contains(&dir.join(format!("json{largest:02}.json"))),
                "{sample:?}"
            );
        }
        assert!(sample.contains(&query), "{sample:?}");
        assert!(sample.contains(&xml), "{sample:?}");
        let distinct: std::collections::BTreeSet<_> = sample.iter().collect();
        assert_eq!(distinct.len(), sample.len(), "{sample:?}");
    }

    #[test]
    fn every_model_is_worked_on_once() {
        let models: Vec<PathBuf> = (0..50).map(|i| PathBuf::from(format!("m{i}"))).collect();
        let seen = Mutex::new(Vec::new());
        for_each_largest_first(&models, |path| {
            seen.lock().expect("lock").push(path.to_path_buf())
        });
        let mut seen = seen.into_inner().expect("lock");
        seen.sort();
        let mut expected = models.clone();
        expected.sort();
        assert_eq!(seen, expected);
    }
}
