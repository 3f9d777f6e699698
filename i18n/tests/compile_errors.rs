//! What `locales!` and `t!` refuse, as an author sees it: each case is a small crate with its
//! own `widget/` folder, checked by cargo; the test asserts the compiler's message.
//!
//! All cases are members of one workspace under the target directory, checked by one
//! `cargo check --keep-going` (its own target directory: the outer `cargo test` holds the
//! lock of ours), so the SDK compiles once for all of them.

use std::path::{Path, PathBuf};
use std::process::Command;

struct Case {
    name: &'static str,
    lib: &'static str,
    files: &'static [(&'static str, &'static str)],
    /// The texts the error must contain; empty when the crate must compile.
    error: &'static [&'static str],
}

const EN: &str = r#"{"widget": {"name": "W"}, "card": {"title": "Lead", "lead": "Lead #{id}",
    "fields": {"one": "{count} field", "other": "{count} fields"}}}"#;
const RU: &str = r#"{"widget": {"name": "В"}, "card": {"title": "Сделка", "lead": "Сделка №{id}",
    "fields": {"one": "{count} поле", "few": "{count} поля", "many": "{count} полей"}}}"#;
const MANIFEST: &str = r#"{"widget": {"name": "widget.name", "locale": ["ru", "en"]}}"#;

const CASES: &[Case] = &[
    Case {
        name: "compiles",
        lib: r#"amocrm_widget::i18n::locales!();
pub fn title(l: Locale) -> &'static str { t!(l, "card.title") }
pub fn lead(l: Locale, id: u64) -> String { t!(l, "card.lead", id = id) }
pub fn fields(l: Locale, n: usize) -> String { t!(l, "card.fields", count = n) }
pub fn only_en(l: Locale) -> &'static str { let _ = l; "a key only en has is not an error until used" }"#,
        files: &[
            ("widget/manifest.json", MANIFEST),
            (
                "widget/i18n/en.json",
                r#"{"card": {"title": "Lead", "lead": "Lead #{id}", "extra": "x",
                "fields": {"one": "{count} field", "other": "{count} fields"}}}"#,
            ),
            ("widget/i18n/ru.json", RU),
        ],
        error: &[],
    },
    Case {
        name: "missing_in_one_locale",
        lib: r#"amocrm_widget::i18n::locales!();
pub fn f(l: Locale) -> &'static str { t!(l, "card.extra") }"#,
        files: &[
            ("widget/manifest.json", MANIFEST),
            ("widget/i18n/en.json", r#"{"card": {"extra": "x"}}"#),
            ("widget/i18n/ru.json", r#"{"card": {"title": "Сделка"}}"#),
        ],
        error: &["`card.extra` is missing from widget/i18n/ru.json"],
    },
    Case {
        name: "typo",
        lib: r#"amocrm_widget::i18n::locales!();
pub fn f(l: Locale) -> &'static str { t!(l, "card.titel") }"#,
        files: &[("widget/i18n/en.json", EN), ("widget/i18n/ru.json", RU)],
        error: &[
            "no translation has `card.titel`",
            "widget/i18n/en.json, widget/i18n/ru.json",
            "did you mean `card.title`?",
        ],
    },
    Case {
        name: "placeholder_without_argument",
        lib: r#"amocrm_widget::i18n::locales!();
pub fn f(l: Locale) -> String { t!(l, "card.lead") }"#,
        files: &[("widget/i18n/en.json", EN), ("widget/i18n/ru.json", RU)],
        error: &["widget/i18n/en.json: `card.lead` uses `{id}`: give it a value, `id = …`"],
    },
    Case {
        name: "unused_argument",
        lib: r#"amocrm_widget::i18n::locales!();
pub fn f(l: Locale) -> String { t!(l, "card.lead", id = 1, name = "x") }"#,
        files: &[("widget/i18n/en.json", EN), ("widget/i18n/ru.json", RU)],
        error: &["`name` is not used: no translation of `card.lead` has `{name}`"],
    },
    Case {
        name: "missing_plural_form",
        lib: r#"amocrm_widget::i18n::locales!();
pub fn f(l: Locale, n: u32) -> String { t!(l, "card.fields", count = n) }"#,
        files: &[
            ("widget/i18n/en.json", EN),
            (
                "widget/i18n/ru.json",
                r#"{"card": {"fields": {"one": "{count} поле", "many": "{count} полей"}}}"#,
            ),
        ],
        error: &["widget/i18n/ru.json: `card.fields` has no `few` form; `ru` needs one, few, many"],
    },
    Case {
        name: "plural_without_count",
        lib: r#"amocrm_widget::i18n::locales!();
pub fn f(l: Locale) -> String { t!(l, "card.fields") }"#,
        files: &[("widget/i18n/en.json", EN), ("widget/i18n/ru.json", RU)],
        error: &["`card.fields` has plural forms: give the number they depend on, `count = …`"],
    },
    Case {
        name: "strict_gap",
        lib: r#"amocrm_widget::i18n::locales!(strict);"#,
        files: &[
            ("widget/i18n/en.json", r#"{"a": "A", "b": "B"}"#),
            ("widget/i18n/ru.json", r#"{"a": "А"}"#),
        ],
        error: &[
            "locales!(strict): every locale needs every key",
            "`b` is missing from widget/i18n/ru.json",
        ],
    },
    Case {
        name: "broken_json",
        lib: r#"amocrm_widget::i18n::locales!();"#,
        files: &[("widget/i18n/en.json", r#"{"a": "A",}"#)],
        error: &["widget/i18n/en.json is not JSON"],
    },
    Case {
        name: "no_i18n_folder",
        lib: r#"amocrm_widget::i18n::locales!();"#,
        files: &[("widget/manifest.json", MANIFEST)],
        error: &["widget/i18n: ", "one `<locale>.json` per language"],
    },
    Case {
        name: "widget_dir_setting",
        lib: r#"amocrm_widget::i18n::locales!();
pub fn f(l: Locale) -> &'static str { t!(l, "card.nope") }"#,
        files: &[("files/i18n/en.json", r#"{"card": {"title": "T"}}"#)],
        error: &["`card.nope`", "files/i18n/en.json"],
    },
];

#[test]
fn every_case_fails_with_its_message_and_only_there() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let root = root.canonicalize().unwrap();
    let work = target_dir().join("i18n-compile-errors");
    let _ = std::fs::remove_dir_all(work.join("cases"));
    let mut members = Vec::new();
    for case in CASES {
        let dir = work.join("cases").join(case.name);
        let metadata = if case.name == "widget_dir_setting" {
            "\n[package.metadata.amo-widget]\nwidget-dir = \"files\"\n"
        } else {
            ""
        };
        write(
            &dir.join("Cargo.toml"),
            &format!(
                "[package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\
                 {metadata}\n[dependencies]\namocrm-widget = {{ path = {:?}, features = [\"i18n\"] }}\n",
                case.name.replace('_', "-"),
                root.display().to_string(),
            ),
        );
        write(&dir.join("src/lib.rs"), case.lib);
        for (path, text) in case.files {
            write(&dir.join(path), text);
        }
        members.push(format!("\"cases/{}\"", case.name));
    }
    write(
        &work.join("Cargo.toml"),
        &format!(
            "[workspace]\nmembers = [{}]\nresolver = \"2\"\n",
            members.join(", ")
        ),
    );
    // The SDK's own lock: the same versions as the workspace, nothing to resolve anew.
    std::fs::copy(root.join("Cargo.lock"), work.join("Cargo.lock")).unwrap();

    let output = Command::new(env!("CARGO"))
        .args([
            "check",
            "--workspace",
            "--keep-going",
            "--message-format",
            "short",
            "--quiet",
        ])
        .current_dir(&work)
        .env("CARGO_TARGET_DIR", work.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let errors_of = |case: &Case| -> Vec<String> {
        let prefix = format!("cases/{}/", case.name);
        let mut errors = Vec::new();
        let mut current: Option<String> = None;
        for line in stderr.lines() {
            if line.starts_with(&prefix) && line.contains(": error") {
                errors.extend(current.take());
                current = Some(line.to_string());
            } else if line.starts_with("cases/")
                || line.starts_with("error")
                || line.starts_with("warning")
            {
                errors.extend(current.take());
            } else if let Some(error) = current.as_mut() {
                // `locales!(strict)` lists one key a line.
                error.push('\n');
                error.push_str(line);
            }
        }
        errors.extend(current);
        errors
    };
    for case in CASES {
        let errors = errors_of(case);
        if case.error.is_empty() {
            assert!(
                errors.is_empty(),
                "{} should compile:\n{}",
                case.name,
                errors.join("\n")
            );
            continue;
        }
        assert_eq!(
            errors.len(),
            1,
            "{}: one error expected:\n{}\n\nall:\n{stderr}",
            case.name,
            errors.join("\n")
        );
        for text in case.error {
            assert!(
                errors[0].contains(text),
                "{}: `{text}` not in\n{}",
                case.name,
                errors[0]
            );
        }
    }
}

fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    // The test binary is <target>/<profile>/deps/<name>.
    let exe = std::env::current_exe().unwrap();
    exe.ancestors().nth(3).unwrap().to_path_buf()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}
