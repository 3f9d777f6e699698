//! `amo-widget new NAME [--sdk-path DIR]`: a widget crate that builds, tests and serves out of
//! the box. The files come from `cli/templates/new/` (embedded); the logos are drawn here, at the
//! vendor's pixel sizes ([`crate::check::LOGOS`]).

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `amo-widget new`.
#[derive(Debug, Clone, clap::Args)]
pub struct NewArgs {
    /// The crate's name (lowercase letters, digits, `-`, `_`); also its directory.
    pub name: String,
    /// Depend on the SDK at this path (a checkout of amocrm-widget) instead of by version.
    #[arg(long)]
    pub sdk_path: Option<PathBuf>,
    /// Where to create the crate (default: `./NAME`).
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

impl NewArgs {
    /// Runs the command, printing what was made and what to do next.
    pub fn run(self) -> ExitCode {
        let dir = self
            .dir
            .clone()
            .unwrap_or_else(|| PathBuf::from(&self.name));
        match create(&self.name, &dir, self.sdk_path.as_deref()) {
            Ok(()) => {
                println!("created {} ({})", self.name, dir.display());
                println!("next:");
                println!("  cd {}", dir.display());
                println!("  amo-widget serve                     # the local cabinet, live reload");
                println!(
                    "  amo-widget test                      # the browser test, headless Chromium"
                );
                println!(
                    "  amo-widget build                     # target/widgets/{}/widget.zip",
                    self.name
                );
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("amo-widget new: {error}");
                ExitCode::FAILURE
            }
        }
    }
}

/// Why a crate was not created.
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    /// The name cannot be a crate name.
    #[error("`{0}` is not a usable crate name: use lowercase letters, digits, `-` and `_`, starting with a letter")]
    Name(String),
    /// The directory exists: nothing is ever overwritten.
    #[error("{0} already exists: pick another name or --dir (nothing was changed)")]
    Exists(PathBuf),
    /// `--sdk-path` is not the SDK's checkout.
    #[error("--sdk-path {0}: no amocrm-widget crate there (the directory with its Cargo.toml)")]
    SdkPath(PathBuf),
    /// Writing failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

const TEMPLATES: &[(&str, &str)] = &[
    (
        "Cargo.toml",
        include_str!("../templates/new/Cargo.toml.tmpl"),
    ),
    ("README.md", include_str!("../templates/new/README.md.tmpl")),
    (".gitignore", include_str!("../templates/new/gitignore")),
    (
        "webdriver.json",
        include_str!("../templates/new/webdriver.json"),
    ),
    ("src/lib.rs", include_str!("../templates/new/src/lib.rs")),
    (
        "tests/widget.rs",
        include_str!("../templates/new/tests/widget.rs"),
    ),
    (
        "widget/manifest.json",
        include_str!("../templates/new/widget/manifest.json.tmpl"),
    ),
    (
        "widget/i18n/en.json",
        include_str!("../templates/new/widget/i18n/en.json.tmpl"),
    ),
    (
        "widget/i18n/ru.json",
        include_str!("../templates/new/widget/i18n/ru.json.tmpl"),
    ),
];

fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && name.len() <= 64
}

/// `my-widget` → `MyWidget`.
fn type_name(name: &str) -> String {
    name.split(['-', '_'])
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or(String::new(), |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// Creates the crate `name` in `dir`, which must not exist.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("amo-new-doc-{}", std::process::id()));
/// amo_widget::new::create("my-widget", &dir, None).unwrap();
/// assert!(dir.join("src/lib.rs").is_file());
/// let again = amo_widget::new::create("my-widget", &dir, None).unwrap_err();
/// assert!(again.to_string().contains("already exists"));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn create(name: &str, dir: &Path, sdk_path: Option<&Path>) -> Result<(), NewError> {
    if !valid_name(name) {
        return Err(NewError::Name(name.into()));
    }
    let (sdk, testkit) = match sdk_path {
        Some(path) => {
            let path = std::fs::canonicalize(path).map_err(|_| NewError::SdkPath(path.into()))?;
            let manifest = std::fs::read_to_string(path.join("Cargo.toml")).unwrap_or_default();
            if !manifest.contains("name = \"amocrm-widget\"") {
                return Err(NewError::SdkPath(path));
            }
            let testkit = path.join("testkit");
            (
                format!("{{ path = {} }}", toml_string(&path.display().to_string())),
                format!(
                    "{{ path = {} }}",
                    toml_string(&testkit.display().to_string())
                ),
            )
        }
        None => (
            format!("\"{}\"", env!("CARGO_PKG_VERSION")),
            format!("\"{}\"", env!("CARGO_PKG_VERSION")),
        ),
    };
    // create_dir (not _all) fails if it exists: the one check that cannot race.
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    match std::fs::create_dir(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(NewError::Exists(dir.into()))
        }
        Err(e) => return Err(io(dir)(e)),
    }
    let type_name = type_name(name);
    let crate_ident = name.replace('-', "_");
    for (file, template) in TEMPLATES {
        let text = template
            .replace("{{name}}", name)
            .replace("{{type}}", &type_name)
            .replace("{{crate}}", &crate_ident)
            .replace("{{sdk}}", &sdk)
            .replace("{{testkit}}", &testkit);
        write(&dir.join(file), text.as_bytes())?;
    }
    for (logo, width, height) in crate::check::LOGOS {
        let png = logo_png(*width, *height);
        write(&dir.join("widget/images").join(format!("{logo}.png")), &png)?;
    }
    Ok(())
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> NewError + '_ {
    move |source| NewError::Io {
        path: path.into(),
        source,
    }
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), NewError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    std::fs::write(path, bytes).map_err(io(path))
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A placeholder logo: the accent blue with a white rounded tile in the middle, as an 8-bit RGB
/// PNG (zlib from flate2, CRC-32 from flate2's `Crc`).
pub fn logo_png(width: u32, height: u32) -> Vec<u8> {
    const BLUE: [u8; 3] = [0x4c, 0x8b, 0xf7];
    const WHITE: [u8; 3] = [0xff, 0xff, 0xff];
    let side = width.min(height) / 2;
    let (left, top) = ((width - side) / 2, (height - side) / 2);
    let mut raw = Vec::with_capacity(((width * 3 + 1) * height) as usize);
    for y in 0..height {
        raw.push(0); // filter: none
        for x in 0..width {
            let inside = (left..left + side).contains(&x) && (top..top + side).contains(&y);
            raw.extend_from_slice(if inside { &WHITE } else { &BLUE });
        }
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = z.write_all(&raw);
    let data = z.finish().unwrap_or_default();
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit, RGB, deflate, no filter, no interlace
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, body) in [(&b"IHDR"[..], &ihdr[..]), (b"IDAT", &data), (b"IEND", &[])] {
        png.extend_from_slice(&(body.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(body);
        png.extend_from_slice(kind);
        png.extend_from_slice(body);
        png.extend_from_slice(&crc.sum().to_be_bytes());
    }
    png
}
