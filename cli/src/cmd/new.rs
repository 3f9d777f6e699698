//! `amo-widget new NAME [--sdk-path DIR]`: a widget crate that builds, tests and serves out of
//! the box. The files come from `cli/templates/new/` (embedded); the logos are drawn here, at the
//! vendor's pixel sizes ([`crate::widget_files::check::LOGOS`]).
//!
//! Inside another cargo workspace the crate stands alone by default (an empty `[workspace]` table
//! of its own): a widget ships with its own size-first release profile, which cargo ignores in a
//! workspace member, and nothing outside the new directory is edited. `--join-workspace` adds it
//! to the enclosing workspace's `members` instead, as `cargo new` does.

use std::path::{Path, PathBuf};

/// Arguments of `amo-widget new`.
#[derive(Debug, Clone, clap::Args)]
pub struct NewArgs {
    /// The crate's name (lowercase letters, digits, `-`, `_`); also its directory.
    pub(crate) name: String,
    /// Depend on the SDK at this path (a checkout of amocrm-widget) instead of by version.
    #[arg(long)]
    pub sdk_path: Option<PathBuf>,
    /// Where to create the crate (default: `./NAME`).
    #[arg(long)]
    pub(crate) dir: Option<PathBuf>,
    /// Inside another cargo workspace, add the crate to its members (as `cargo new` does)
    /// instead of making it a workspace of its own.
    #[arg(long)]
    pub join_workspace: bool,
}

/// The SDK version the crates `new` makes depend on: the SDK released with this CLI (a test
/// compares it with the workspace's `amocrm-widget` and `amocrm-widget-testkit`).
pub const SDK_VERSION: &str = "0.1.0";

/// How the new crate relates to a cargo workspace around its directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Workspace {
    /// No workspace encloses it.
    None,
    /// One does (its root `Cargo.toml`); the crate is a workspace of its own.
    StandsAlone(PathBuf),
    /// One does, and the crate was added to its `members`.
    Joined(PathBuf),
}

impl NewArgs {
    /// Runs the command, printing what was made and what to do next.
    pub fn run(self) -> anyhow::Result<()> {
        let dir = self
            .dir
            .clone()
            .unwrap_or_else(|| PathBuf::from(&self.name));
        let options = Options {
            sdk_path: self.sdk_path.as_deref(),
            join_workspace: self.join_workspace,
        };
        let workspace = create_with(&self.name, &dir, &options)?;
        println!("created {} ({})", self.name, dir.display());
        match workspace {
            Workspace::None => {}
            Workspace::StandsAlone(root) => println!(
                "inside the workspace of {}: the widget is a workspace of its own \
                         (--join-workspace adds it to that one's members instead)",
                root.display()
            ),
            Workspace::Joined(root) => println!(
                "added to the members of {} (amo-widget build applies the size-first \
                         release settings itself; cargo ignores a member's [profile])",
                root.display()
            ),
        }
        println!("next:");
        println!("  cd {}", dir.display());
        println!("  amo-widget serve                     # the local cabinet, live reload");
        println!("  amo-widget test                      # the browser test, headless Chromium");
        println!(
            "  amo-widget build                     # target/widgets/{}/widget.zip",
            self.name
        );
        Ok(())
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
    /// The enclosing workspace's `Cargo.toml` could not be edited.
    #[error("{path}: cannot add the crate to this workspace's members: {reason}")]
    Join {
        /// The workspace root's manifest.
        path: PathBuf,
        /// Why not.
        reason: String,
    },
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
        include_str!("../../templates/new/Cargo.toml.tmpl"),
    ),
    (
        "README.md",
        include_str!("../../templates/new/README.md.tmpl"),
    ),
    (".gitignore", include_str!("../../templates/new/gitignore")),
    (
        "webdriver.json",
        include_str!("../../templates/new/webdriver.json"),
    ),
    ("src/lib.rs", include_str!("../../templates/new/src/lib.rs")),
    (
        "tests/widget.rs",
        include_str!("../../templates/new/tests/widget.rs"),
    ),
    (
        "widget/manifest.json",
        include_str!("../../templates/new/widget/manifest.json.tmpl"),
    ),
    (
        "widget/i18n/en.json",
        include_str!("../../templates/new/widget/i18n/en.json.tmpl"),
    ),
    (
        "widget/i18n/ru.json",
        include_str!("../../templates/new/widget/i18n/ru.json.tmpl"),
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

/// The choices `new` takes besides the name and directory.
#[derive(Debug, Clone, Default)]
pub struct Options<'a> {
    /// Depend on the SDK checkout at this path instead of by version.
    pub sdk_path: Option<&'a Path>,
    /// Join an enclosing workspace instead of standing alone.
    pub join_workspace: bool,
}

/// Creates the crate `name` in `dir`, which must not exist, depending on the SDK by version
/// (or at `sdk_path`).
///
/// ```
/// let dir = std::env::temp_dir().join(format!("amo-new-doc-{}", std::process::id()));
/// amo_widget::cmd::new::create("my-widget", &dir, None).unwrap();
/// assert!(dir.join("src/lib.rs").is_file());
/// let again = amo_widget::cmd::new::create("my-widget", &dir, None).unwrap_err();
/// assert!(again.to_string().contains("already exists"));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn create(name: &str, dir: &Path, sdk_path: Option<&Path>) -> Result<(), NewError> {
    create_with(
        name,
        dir,
        &Options {
            sdk_path,
            join_workspace: false,
        },
    )
    .map(drop)
}

/// [`create`] with every option; says how the crate relates to an enclosing workspace.
pub fn create_with(name: &str, dir: &Path, options: &Options) -> Result<Workspace, NewError> {
    if !valid_name(name) {
        return Err(NewError::Name(name.into()));
    }
    let (sdk, testkit) = match options.sdk_path {
        Some(path) => {
            let path = std::fs::canonicalize(path).map_err(|_| NewError::SdkPath(path.into()))?;
            if package_name(&path.join("Cargo.toml")).as_deref() != Some("amocrm-widget") {
                return Err(NewError::SdkPath(path));
            }
            let testkit = path.join("testkit");
            (
                format!("path = {}", toml_string(&path.display().to_string())),
                format!("path = {}", toml_string(&testkit.display().to_string())),
            )
        }
        None => (
            format!("version = \"{SDK_VERSION}\""),
            format!("version = \"{SDK_VERSION}\""),
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
    let dir_abs = std::fs::canonicalize(dir).map_err(io(dir))?;
    let enclosing = dir_abs.parent().and_then(enclosing_workspace);
    let workspace = match enclosing {
        None => Workspace::None,
        Some(root) if options.join_workspace => Workspace::Joined(root),
        Some(root) => Workspace::StandsAlone(root),
    };
    let (profile, workspace_table) = match &workspace {
        Workspace::None => (RELEASE_PROFILE, String::new()),
        Workspace::StandsAlone(root) => (
            RELEASE_PROFILE,
            format!(
                "\n# A workspace of its own, not a member of {}\n# (`amo-widget new --join-workspace` joins it instead).\n[workspace]\n",
                root.display()
            ),
        ),
        // cargo ignores (and warns about) a member's profiles.
        Workspace::Joined(_) => ("", String::new()),
    };
    let type_name = type_name(name);
    let crate_ident = name.replace('-', "_");
    for (file, template) in TEMPLATES {
        let text = template
            .replace("{{name}}", name)
            .replace("{{type}}", &type_name)
            .replace("{{crate}}", &crate_ident)
            .replace("{{sdk}}", &sdk)
            .replace("{{testkit}}", &testkit)
            .replace("{{profile}}", profile)
            .replace("{{workspace}}", &workspace_table);
        write(&dir.join(file), text.as_bytes())?;
    }
    for (logo, width, height) in crate::widget_files::check::LOGOS {
        let png = logo_png(*width, *height);
        write(&dir.join("widget/images").join(format!("{logo}.png")), &png)?;
    }
    if let Workspace::Joined(root) = &workspace {
        join(root, &dir_abs)?;
    }
    Ok(workspace)
}

const RELEASE_PROFILE: &str = "
# Widgets ship to every client of every account: size first.
[profile.release]
opt-level = \"z\"
lto = true
codegen-units = 1
panic = \"abort\"
";

/// The `[package] name` of a manifest, if it has one.
fn package_name(manifest: &Path) -> Option<String> {
    let text = std::fs::read_to_string(manifest).ok()?;
    let doc: toml_edit::DocumentMut = text.parse().ok()?;
    doc.get("package")?.get("name")?.as_str().map(String::from)
}

/// The root manifest of the nearest cargo workspace at or above `dir`.
fn enclosing_workspace(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join("Cargo.toml"))
        .filter(|m| m.is_file())
        .find(|m| {
            std::fs::read_to_string(m)
                .ok()
                .and_then(|t| t.parse::<toml_edit::DocumentMut>().ok())
                .is_some_and(|doc| doc.contains_table("workspace"))
        })
}

/// Adds `member` to the `members` of the workspace whose root manifest is `root`, keeping the
/// file's formatting.
fn join(root: &Path, member: &Path) -> Result<(), NewError> {
    let fail = |reason: String| NewError::Join {
        path: root.to_path_buf(),
        reason,
    };
    let base = root.parent().unwrap_or(Path::new("/"));
    let relative = member
        .strip_prefix(base)
        .map_err(|_| fail("the crate is not below the workspace root".into()))?;
    let relative = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    let text = std::fs::read_to_string(root).map_err(|e| fail(e.to_string()))?;
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e| fail(format!("{e}")))?;
    let members = doc["workspace"]
        .as_table_mut()
        .ok_or_else(|| fail("[workspace] is not a table".into()))?
        .entry("members")
        .or_insert(toml_edit::value(toml_edit::Array::new()))
        .as_array_mut()
        .ok_or_else(|| fail("workspace.members is not an array".into()))?;
    if !members
        .iter()
        .any(|m| m.as_str() == Some(relative.as_str()))
    {
        members.push(relative.as_str());
    }
    std::fs::write(root, doc.to_string()).map_err(|e| fail(e.to_string()))
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

/// `s` as a TOML string, quoted and escaped by toml_edit.
fn toml_string(s: &str) -> String {
    toml_edit::Value::from(s).to_string().trim().to_string()
}

/// A placeholder logo: the accent blue with a white square in the middle, as an 8-bit RGB PNG.
pub fn logo_png(width: u32, height: u32) -> Vec<u8> {
    const BLUE: [u8; 3] = [0x4c, 0x8b, 0xf7];
    const WHITE: [u8; 3] = [0xff, 0xff, 0xff];
    let side = width.min(height) / 2;
    let (left, top) = ((width - side) / 2, (height - side) / 2);
    let mut pixels = Vec::with_capacity((width * height * 3) as usize);
    for y in 0..height {
        for x in 0..width {
            let inside = (left..left + side).contains(&x) && (top..top + side).contains(&y);
            pixels.extend_from_slice(if inside { &WHITE } else { &BLUE });
        }
    }
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::High);
    // Into a Vec, with as many bytes as the header says: the encoder has nothing to fail on.
    let mut writer = encoder
        .write_header()
        .expect("a PNG header for a Vec and a valid size");
    writer
        .write_image_data(&pixels)
        .expect("exactly width x height RGB pixels");
    drop(writer);
    png
}
