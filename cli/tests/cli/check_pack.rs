//! `amo-widget check` and `pack` on widget folders built by the tests.

use amo_widget::widget_files::check::{check_dir, CheckOptions, Severity};
use amo_widget::widget_files::pack::{pack_dir, PackError};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh folder under cargo's per-test temporary directory.
fn fresh(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("check_pack")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, file: &str, contents: impl AsRef<[u8]>) {
    let path = dir.join(file);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, contents).unwrap();
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &x in bytes {
        a = (a + u32::from(x)) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

/// A valid RGBA PNG, its pixels zlib-compressed (`compressed`) or stored, so that the 300 KB
/// limit can be kept or exceeded on purpose.
fn png_with(width: u32, height: u32, compressed: bool) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    }
    let mut raw = Vec::new();
    for y in 0..height {
        raw.push(0); // filter: none
        for x in 0..width {
            raw.extend_from_slice(&[(x * 7 + y) as u8, (y * 3) as u8, (x ^ y) as u8, 255]);
        }
    }
    let zlib = if compressed {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&raw).unwrap();
        z.finish().unwrap()
    } else {
        let mut zlib = vec![0x78, 0x01];
        let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
        for (i, block) in blocks.iter().enumerate() {
            zlib.push(u8::from(i + 1 == blocks.len()));
            let len = block.len() as u16;
            zlib.extend_from_slice(&len.to_le_bytes());
            zlib.extend_from_slice(&(!len).to_le_bytes());
            zlib.extend_from_slice(block);
        }
        zlib.extend_from_slice(&adler32(&raw).to_be_bytes());
        zlib
    };
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A stored (uncompressed) PNG: big images are over 300 KB.
fn png(width: u32, height: u32) -> Vec<u8> {
    png_with(width, height, false)
}

/// The headers of a baseline JPEG (SOI, a JFIF APP0, SOF0, EOI): what `check` reads of one.
fn jpeg(width: u16, height: u16) -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16];
    out.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    out.extend_from_slice(&[0xFF, 0xC0, 0, 17, 8]);
    out.extend_from_slice(&height.to_be_bytes());
    out.extend_from_slice(&width.to_be_bytes());
    out.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}

/// A one-colour GIF89a: header, logical screen, a 2-colour table, an image of LZW clear+end.
fn gif(width: u16, height: u16) -> Vec<u8> {
    let mut out = b"GIF89a".to_vec();
    out.extend_from_slice(&width.to_le_bytes());
    out.extend_from_slice(&height.to_le_bytes());
    out.extend_from_slice(&[
        0x80, 0, 0, 0x33, 0x66, 0xCC, 0xFF, 0xFF, 0xFF, b',', 0, 0, 0, 0,
    ]);
    out.extend_from_slice(&width.to_le_bytes());
    out.extend_from_slice(&height.to_le_bytes());
    out.extend_from_slice(&[0, 2, 2, 0x4C, 0x01, 0, b';']);
    out
}

/// A copy of `cli/tests/fixtures/<name>` with the images its `images.txt` lists, in a folder
/// of the test's own (`copy`), since tests run in parallel.
fn fixture(name: &str, copy: &str) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let dir = fresh(copy);
    copy_tree(&from, &dir);
    let list = fs::read_to_string(dir.join("images.txt")).unwrap();
    fs::remove_file(dir.join("images.txt")).unwrap();
    for line in list.lines().filter(|l| !l.trim().is_empty()) {
        let [path, format, w, h] = line.split_whitespace().collect::<Vec<_>>()[..] else {
            panic!("images.txt: {line}");
        };
        let (w, h): (u16, u16) = (w.parse().unwrap(), h.parse().unwrap());
        let bytes = match format {
            "png" => png_with(w.into(), h.into(), true),
            "jpeg" => jpeg(w, h),
            "gif" => gif(w, h),
            other => panic!("images.txt: unknown format {other}"),
        };
        write(&dir, path, bytes);
    }
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A client-cabinet widget that passes every check.
fn good_widget(name: &str) -> PathBuf {
    let dir = fresh(name);
    write(
        &dir,
        "manifest.json",
        r#"{
  "widget": {
    "name": "widget.name",
    "description": "widget.description",
    "short_description": "widget.short_description",
    "version": "1.0.0",
    "interface_version": 2,
    "locale": ["ru", "en"],
    "installation": true
  },
  "locations": ["personal_page", "settings"],
  "settings": {
    "login": {"name": "settings.login", "type": "text", "required": false}
  }
}"#,
    );
    for (locale, name) in [("ru", "Виджет"), ("en", "Widget")] {
        write(
            &dir,
            &format!("i18n/{locale}.json"),
            format!(
                r#"{{"widget": {{"name": "{name}", "description": "d", "short_description": "s"}}, "settings": {{"login": "Login"}}}}"#
            ),
        );
    }
    write(
        &dir,
        "personal_page.js",
        "define([], function () { return {}; });\n",
    );
    write(&dir, "images/logo_main.png", png_with(400, 272, true));
    write(&dir, "images/logo_small.png", png(108, 108));
    write(&dir, "images/logo.png", png_with(130, 100, true));
    write(&dir, "images/logo_min.png", png(84, 84));
    dir
}

fn messages(dir: &Path, strict: bool) -> Vec<String> {
    check_dir(dir, CheckOptions { strict })
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_good_widget_passes() {
    let dir = good_widget("good");
    let report = check_dir(&dir, CheckOptions { strict: true });
    assert_eq!(report.diagnostics, [], "{report}");
}

#[test]
fn personal_page_location_and_script_go_together() {
    let dir = good_widget("no-script");
    fs::remove_file(dir.join("personal_page.js")).unwrap();
    assert_eq!(
        messages(&dir, false),
        ["error: manifest.json:11: locations[0]: location `personal_page` needs `personal_page.js` at the archive root"]
    );

    let dir = good_widget("no-location");
    let manifest = fs::read_to_string(dir.join("manifest.json")).unwrap();
    write(
        &dir,
        "manifest.json",
        manifest.replace(r#""personal_page", "#, ""),
    );
    assert_eq!(
        messages(&dir, false),
        ["error: personal_page.js: is at the archive root but `locations` does not list `personal_page`"]
    );
}

#[test]
fn mobile_card_needs_an_https_frame_url_and_a_hex_colour() {
    let dir = good_widget("mobile");
    let manifest = fs::read_to_string(dir.join("manifest.json")).unwrap();
    let with_location = manifest.replace(r#""settings"]"#, r#""settings", "mobile_card"]"#);
    write(&dir, "manifest.json", &with_location);
    assert_eq!(
        messages(&dir, false),
        ["error: manifest.json:11: locations[2]: location `mobile_card` needs a `mobile` object with `frame_url` and `color`"]
    );

    let bad_mobile = with_location.replace(
        "\n}",
        ",\n  \"mobile\": {\n    \"frame_url\": \"http://example.com/frame\",\n    \"color\": \"yellow\"\n  }\n}",
    );
    write(&dir, "manifest.json", &bad_mobile);
    assert_eq!(
        messages(&dir, false),
        [
            r#"error: manifest.json:16: mobile.frame_url: must be an absolute https URL, found "http://example.com/frame""#,
            r##"error: manifest.json:17: mobile.color: must be a #RRGGBB colour, found "yellow""##,
        ]
    );
    for (url, ok) in [
        ("https://example.com/", true),
        ("HTTPS://example.com:8443/x?y#z", true),
        ("/frame", false),
        ("https:///nohost", false),
        ("https://exa mple.com/", false),
        ("//example.com/", false),
    ] {
        assert_eq!(
            amo_widget::widget_files::check::is_absolute_https(url),
            ok,
            "{url}"
        );
    }
    for (color, ok) in [
        ("#ffff00", true),
        ("#2F6FE4", true),
        ("#fff", false),
        ("ffff00", false),
        ("#ggg000", false),
    ] {
        assert_eq!(
            amo_widget::widget_files::check::is_hex_color(color),
            ok,
            "{color}"
        );
    }
}

#[test]
fn every_locale_needs_its_file_and_every_referenced_text() {
    let dir = good_widget("i18n");
    fs::remove_file(dir.join("i18n/en.json")).unwrap();
    write(
        &dir,
        "i18n/ru.json",
        r#"{"widget": {"name": "Виджет"}, "settings": {}}"#,
    );
    assert_eq!(
        messages(&dir, false),
        [
            "error: i18n/ru.json:1: widget.description: text `widget.description` is not defined (manifest.json widget.description refers to it)",
            "error: i18n/ru.json:1: widget.short_description: text `widget.short_description` is not defined (manifest.json widget.short_description refers to it)",
            "error: i18n/ru.json:1: settings.login: text `settings.login` is not defined (manifest.json settings.login.name refers to it)",
            "error: manifest.json:8: widget.locale[1]: locale `en` is declared but `i18n/en.json` is missing",
        ]
    );
}

#[test]
fn a_text_one_locale_has_and_another_lacks_is_a_warning() {
    let dir = good_widget("i18n-gaps");
    let ru = fs::read_to_string(dir.join("i18n/ru.json")).unwrap();
    let mut ru: serde_json::Value = serde_json::from_str(&ru).unwrap();
    ru["card"] = serde_json::json!({
        "title": "Сделка",
        "fields": {"one": "{count} поле", "few": "{count} поля", "many": "{count} полей"}
    });
    write(
        &dir,
        "i18n/ru.json",
        serde_json::to_string_pretty(&ru).unwrap(),
    );
    let en = fs::read_to_string(dir.join("i18n/en.json")).unwrap();
    let mut en: serde_json::Value = serde_json::from_str(&en).unwrap();
    // Plural forms differ by language: the plural is one text, whatever forms it has.
    en["card"] = serde_json::json!({"fields": {"one": "{count} field", "other": "{count} fields"}});
    en["extra"] = serde_json::json!("only in English");
    write(
        &dir,
        "i18n/en.json",
        serde_json::to_string_pretty(&en).unwrap(),
    );
    let mut found = messages(&dir, false);
    found.sort();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].starts_with("warning: i18n/en.json:"), "{found:#?}");
    assert!(
        found[0].contains("card: text `card.title` is in i18n/ru.json but not here"),
        "{found:#?}"
    );
    assert!(found[1].starts_with("warning: i18n/ru.json:"), "{found:#?}");
    assert!(
        found[1].contains("text `extra` is in i18n/en.json but not here"),
        "{found:#?}"
    );
    assert!(found[1].contains("locales!(strict)"), "{found:#?}");
    // `--strict`: the same findings are errors.
    assert!(messages(&dir, true)
        .iter()
        .all(|m| m.starts_with("error: ")));
}

#[test]
fn json_must_be_utf8_without_bom_and_parse_but_scripts_may_carry_a_bom() {
    let dir = good_widget("encoding");
    // Browsers strip a BOM from a script; the vendor sets no encoding rule for JavaScript.
    let js = fs::read(dir.join("personal_page.js")).unwrap();
    write(
        &dir,
        "personal_page.js",
        [b"\xEF\xBB\xBF".as_slice(), &js].concat(),
    );
    assert_eq!(messages(&dir, true), Vec::<String>::new());

    // PHP's json_decode refuses a BOM; the rest of the file is still checked.
    let ru = fs::read(dir.join("i18n/ru.json")).unwrap();
    write(
        &dir,
        "i18n/ru.json",
        [b"\xEF\xBB\xBF".as_slice(), &ru].concat(),
    );
    write(&dir, "i18n/en.json", b"{\"widget\": {\"name\": \"\xff\"}}");
    write(&dir, "notes.txt", b"caf\xe9\n");
    assert_eq!(
        messages(&dir, false),
        [
            "error: i18n/en.json:1: is not UTF-8 (invalid byte at offset 21); save it as UTF-8",
            "error: i18n/ru.json:1: starts with a UTF-8 byte order mark, which the platform's JSON parser refuses; save it as UTF-8 without BOM",
            "warning: notes.txt:1: is not UTF-8 (invalid byte at offset 3); save it as UTF-8",
        ]
    );

    let dir = good_widget("bad-json");
    write(&dir, "manifest.json", "{\n  \"widget\": {,\n}");
    let found = messages(&dir, false);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("error: manifest.json:2: is not valid JSON"),
        "{found:?}"
    );
}

#[test]
fn a_key_of_the_wrong_type_is_located_and_hides_nothing() {
    let dir = good_widget("wrong-type");
    let manifest = fs::read_to_string(dir.join("manifest.json")).unwrap();
    write(
        &dir,
        "manifest.json",
        manifest
            .replace(r#""interface_version": 2"#, r#""interface_version": "2""#)
            .replace(
                r#""personal_page", "settings""#,
                r#""personal_page", 7, "anywhere""#,
            ),
    );
    assert_eq!(
        messages(&dir, false),
        [
            r#"warning: manifest.json:7: widget.interface_version: should be an integer, found "2" (read loosely as 2); write 2"#,
            "error: manifest.json:11: locations[1]: should be a string, found 7",
            "error: manifest.json:11: locations[2]: `anywhere` is not a documented location; did you mean `everywhere`?",
        ]
    );
}

#[test]
fn image_sizes_warn_by_default_and_fail_with_strict() {
    let dir = good_widget("images");
    write(&dir, "images/logo_main.png", png(400, 273));
    write(&dir, "images/logo.png", png(130, 100));
    write(&dir, "images/logo_medium.png", png(400, 272));
    write(&dir, "images/logo_min.png", b"<svg>not a bitmap</svg>");
    let big = dir.join("images/logo_small.png");
    fs::write(&big, png(108, 108)).unwrap();
    let padded = [png(108, 108), vec![0u8; 310 * 1024]].concat();
    fs::write(&big, padded).unwrap();
    // The test PNGs are stored uncompressed: 400x272 RGBA is over 300 KB too.
    let expected = |severity: &str| {
        vec![
            format!("{severity}: images/logo_main.png: is 427 KB; the vendor accepts at most 300 KB"),
            format!("{severity}: images/logo_main.png: is 400x273 px; the vendor's rules want 400x272 px"),
            format!("{severity}: images/logo_small.png: is 356 KB; the vendor accepts at most 300 KB"),
            format!("{severity}: images/logo_medium.png: is 426 KB; the vendor accepts at most 300 KB"),
            format!("{severity}: images/logo_medium.png: is 400x272 px; the vendor's rules want 240x84 px"),
            "error: images/logo_min.png: is not a PNG, JPEG or GIF image".to_string(),
        ]
    };
    assert_eq!(messages(&dir, false), expected("warning"));
    assert_eq!(messages(&dir, true), expected("error"));
    let report = check_dir(&dir, CheckOptions::default());
    assert_eq!((report.errors(), report.warnings()), (1, 5));
    assert!(report
        .diagnostics
        .iter()
        .all(|d| d.severity == Severity::Error || d.file.starts_with("images/")));
}

#[test]
fn pack_puts_the_files_at_the_archive_root() {
    let dir = good_widget("pack");
    write(&dir, ".hidden/secret.txt", "not shipped");
    let out = dir.join("widget.zip");
    let packed = pack_dir(&dir, &out).unwrap();
    let expected = [
        "i18n/en.json",
        "i18n/ru.json",
        "images/logo.png",
        "images/logo_main.png",
        "images/logo_min.png",
        "images/logo_small.png",
        "manifest.json",
        "personal_page.js",
    ];
    assert_eq!(packed.files, expected);
    let mut archive = zip::ZipArchive::new(fs::File::open(&out).unwrap()).unwrap();
    let names: Vec<String> = archive.file_names().map(String::from).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(sorted, expected);
    let mut manifest = String::new();
    archive
        .by_name("manifest.json")
        .unwrap()
        .read_to_string(&mut manifest)
        .unwrap();
    assert_eq!(
        manifest,
        fs::read_to_string(dir.join("manifest.json")).unwrap()
    );

    // Packing again (the archive now inside the folder) leaves the archive out and gives
    // the same bytes.
    let first = fs::read(&out).unwrap();
    pack_dir(&dir, &out).unwrap();
    assert_eq!(fs::read(&out).unwrap(), first);
}

#[test]
fn pack_refuses_a_folder_that_check_rejects() {
    let dir = good_widget("pack-refused");
    fs::remove_file(dir.join("personal_page.js")).unwrap();
    let out = dir.join("widget.zip");
    match pack_dir(&dir, &out) {
        Err(PackError::Rejected(report)) => assert_eq!(report.errors(), 1),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(!out.exists());
}

#[test]
fn the_command_line_reports_and_exits_accordingly() {
    let bin = env!("CARGO_BIN_EXE_amo-widget");
    let dir = good_widget("cli");
    write(&dir, "images/logo.png", png(100, 100));

    let ok = Command::new(bin).arg("check").arg(&dir).output().unwrap();
    assert!(ok.status.success());
    let stdout = String::from_utf8_lossy(&ok.stdout);
    assert!(
        stdout.contains(
            "warning: images/logo.png: is 100x100 px; the vendor's rules want 130x100 px"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("0 error(s), 1 warning(s)"), "{stdout}");

    let strict_pack = Command::new(bin)
        .args(["pack", "--strict"])
        .arg(&dir)
        .arg("-o")
        .arg(dir.join("strict.zip"))
        .output()
        .unwrap();
    assert_eq!(strict_pack.status.code(), Some(1));
    assert!(!dir.join("strict.zip").exists());

    let strict = Command::new(bin)
        .args(["check", "--strict"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));

    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("check_pack/cli.zip");
    let _ = fs::remove_file(&out);
    let packed = Command::new(bin)
        .arg("pack")
        .arg(&dir)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        packed.status.success(),
        "{}",
        String::from_utf8_lossy(&packed.stderr)
    );
    let stdout = String::from_utf8_lossy(&packed.stdout);
    assert!(stdout.contains("(8 files)"), "{stdout}");
    assert!(
        stdout.contains("note: the vendor's upload takes the archive only as widget.zip"),
        "{stdout}"
    );
    assert!(out.is_file());

    fs::remove_file(dir.join("personal_page.js")).unwrap();
    let _ = fs::remove_file(&out);
    let refused = Command::new(bin)
        .arg("pack")
        .arg(&dir)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("personal_page.js"));
    assert!(!out.exists());
}

#[test]
fn check_help_states_the_severity_policy() {
    let help = Command::new(env!("CARGO_BIN_EXE_amo-widget"))
        .args(["check", "--help"])
        .output()
        .unwrap();
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(
        text.contains(amo_widget::widget_files::check::SEVERITY_POLICY.trim_end()),
        "{text}"
    );
    assert!(
        text.contains("--strict turns every warning into an error"),
        "{text}"
    );
}

#[test]
fn a_widget_with_every_kind_of_location_passes_strict() {
    let dir = fixture("every-location", "strict-every-location");
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    let listed: Vec<&str> = manifest["locations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().split('-').next().unwrap())
        .collect();
    for (location, _) in amo_widget::widget_files::check::rules::LOCATIONS {
        assert!(listed.contains(location), "the fixture lacks {location}");
    }
    assert_eq!(messages(&dir, true), Vec::<String>::new());
}

#[test]
fn the_repositorys_widget_folders_pass() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for example in ["hello", "mobile-card"] {
        let dir = fresh(&format!("example-{example}"));
        copy_tree(&root.join("examples").join(example).join("widget"), &dir);
        let manifest = fs::read_to_string(dir.join("manifest.json")).unwrap();
        if manifest.contains("personal_page") {
            // What `amo-widget build` adds beside the widget files.
            write(
                &dir,
                "personal_page.js",
                "define([], function () { return {}; });\n",
            );
        }
        assert_eq!(messages(&dir, true), Vec::<String>::new(), "{example}");
    }
    // The end-to-end tests' probe widget is built (and so packed) by `cargo xtask test e2e`.
    let dir = fresh("e2e-probe");
    copy_tree(&root.join("tests/e2e/widgets/probe/widget"), &dir);
    write(
        &dir,
        "personal_page.js",
        "define([], function () { return {}; });\n",
    );
    assert_eq!(
        messages(&dir, false),
        ["warning: manifest.json:9: widget.locale: no locale declared; list at least one, with its i18n/<locale>.json"]
    );
}

#[test]
fn what_moderated_widgets_do_is_a_warning_not_an_error() {
    let dir = fixture("moderation", "moderated");
    let expected = |severity: &str| {
        vec![
            format!(r#"{severity}: manifest.json:7: widget.interface_version: should be an integer, found "2" (read loosely as 2); write 2"#),
            format!(r#"{severity}: manifest.json:8: widget.init_once: should be a boolean, found "Y" (read loosely as true); write true"#),
            format!("{severity}: images/logo_main.png: is a JPEG image named .png; save it as a real .png"),
            format!("{severity}: images/logo_small.png: is a JPEG image named .png; save it as a real .png"),
            format!("{severity}: images/logo_small.png: is 100x100 px; the vendor's rules want 108x108 px"),
            format!("{severity}: images/logo_min.png: is a GIF image named .png; save it as a real .png"),
        ]
    };
    assert_eq!(messages(&dir, false), expected("warning"));
    assert_eq!(messages(&dir, true), expected("error"));
    let packed = pack_dir(&dir, &dir.join("widget.zip")).unwrap();
    assert_eq!(packed.report.warnings(), 6);
    assert!(packed.files.contains(&"script.js".to_string()));
}

#[test]
fn what_check_used_to_miss_is_found_in_one_run() {
    let dir = fixture("missed", "missed");
    // A stale archive in the folder is no finding: `pack` leaves it out.
    fs::write(dir.join("widget.zip"), b"PK stale").unwrap();
    assert_eq!(
        messages(&dir, false),
        [
            "warning: manifest.json:2: widget.description: `widget.description` is missing",
            "warning: manifest.json:2: widget.short_description: `widget.short_description` is missing",
            "warning: manifest.json:2: widget.interface_version: `widget.interface_version` is missing",
            "error: manifest.json:9: locations[1]: `anywhere` is not a documented location; did you mean `everywhere`?",
            "error: manifest.json:10: locations[2]: `advancedSettings` is not a documented location; did you mean `advanced_settings`?",
            "warning: manifest.json:12: locations[4]: `lcard-0` repeats `lcard-1` (locations[0]); list each location once",
            "warning: manifest.json:14: locations[6]: `everywhere` takes no -0/-1 suffix; write `everywhere`",
            "error: manifest.json:15: locations[7]: `clist-2`: the suffix is -1 (right column) or -0 (none)",
            "error: manifest.json:24: settings.site.type: `url` is not a settings field type; one of text, pass, users, users_lp, custom",
            "error: manifest.json:25: settings.password.type: `password` is not a settings field type; did you mean `pass`?",
            "error: manifest.json:26: settings.token: has no `type`: the settings form cannot show it; one of text, pass, users, users_lp, custom",
            "error: i18n/en.json:2: widget.tour_description: text `widget.tour_description` is not defined (manifest.json tour.tour_description refers to it)",
            "error: i18n/en.json:1: advanced.title: text `advanced.title` is not defined (manifest.json advanced.title refers to it)",
            "error: i18n/en.json:1: salesbot.notify: text `salesbot.notify` is not defined (manifest.json salesbot_designer.notify.name refers to it)",
            "error: i18n/en.json:1: salesbot.to: text `salesbot.to` is not defined (manifest.json salesbot_designer.notify.settings.to.name refers to it)",
            "error: images/logo_medium.png: is missing: location `lcard-1` needs it (240x84 px)",
            "error: images/logo_min.png: is missing: location `lcard-1` needs it (84x84 px)",
            "error: images/logo_dp.png: is missing: location `digital_pipeline` needs it (174x109 px)",
            "error: manifest.json:19: tour.tour_images.en[1]: `/images/tour_2_en.png` is not in the archive",
        ]
    );
    let report = check_dir(&dir, CheckOptions::default());
    assert_eq!((report.errors(), report.warnings()), (14, 5));
    assert_eq!(check_dir(&dir, CheckOptions { strict: true }).errors(), 19);
}

#[test]
fn malformed_values_are_each_reported_and_hide_nothing() {
    let dir = fixture("malformed", "malformed");
    assert_eq!(
        messages(&dir, false),
        [
            r#"warning: manifest.json:6: widget.version: should be a string, found 1.5 (read loosely as "1.5"); write "1.5""#,
            r#"error: manifest.json:8: widget.init_once: should be a boolean, found "sometimes""#,
            r#"error: manifest.json:9: widget.locale: should be an array, found "en""#,
            "error: manifest.json:12: locations[1]: should be a string, found 7",
            r#"error: manifest.json:14: settings.login: should be an object, found "text""#,
            r#"warning: manifest.json:15: settings.key.required: should be a boolean, found "Y" (read loosely as true); write true"#,
            r#"error: manifest.json:17: mobile: should be an object, found "https://frame.example.com/""#,
            // The checks after the ill-typed values still run.
            "error: manifest.json:12: locations[3]: `anywhere` is not a documented location; did you mean `everywhere`?",
            "error: images/: is missing: the vendor asks this widget for logo_main.png (400x272), logo_small.png (108x108), logo.png (130x100), logo_medium.png (240x84), logo_min.png (84x84)",
            r#"error: manifest.json:18: tour.tour_images: should be an object of image lists by locale, found ["/images/tour.png"]"#,
        ]
    );
}

#[test]
fn a_widget_without_images_is_told_which_logos_it_needs() {
    let dir = fixture("every-location", "no-images");
    fs::remove_dir_all(dir.join("images")).unwrap();
    assert_eq!(
        messages(&dir, false),
        [
            "error: images/: is missing: the vendor asks this widget for logo_main.png (400x272), logo_small.png (108x108), logo.png (130x100), logo_medium.png (240x84), logo_min.png (84x84), logo_dp.png (174x109)",
            "error: manifest.json:23: tour.tour_images.en[0]: `/images/tour_1_en.png` is not in the archive",
            "error: manifest.json:23: tour.tour_images.en[1]: `/images/tour_2_en.jpg` is not in the archive",
            "error: manifest.json:24: tour.tour_images.ru[0]: `/images/tour_1_ru.gif` is not in the archive",
        ]
    );

    // Only the card locations need the card logos, only digital_pipeline needs logo_dp.
    let dir = fixture("moderation", "no-images-cards");
    fs::remove_dir_all(dir.join("images")).unwrap();
    assert_eq!(
        messages(&dir, false),
        [
            r#"warning: manifest.json:7: widget.interface_version: should be an integer, found "2" (read loosely as 2); write 2"#,
            r#"warning: manifest.json:8: widget.init_once: should be a boolean, found "Y" (read loosely as true); write true"#,
            "error: images/: is missing: the vendor asks this widget for logo_main.png (400x272), logo_small.png (108x108), logo.png (130x100), logo_medium.png (240x84), logo_min.png (84x84)",
        ]
    );
}

#[test]
fn pack_leaves_out_what_does_not_belong_and_says_so() {
    let dir = fixture("every-location", "left-out");
    let stale = dir.join("widget.zip");
    fs::write(&stale, b"PK stale build").unwrap();
    write(&dir, ".git/HEAD", "ref: refs/heads/main\n");
    write(&dir, ".DS_Store", "x");
    write(&dir, "script.js~", "old");
    write(&dir, "i18n/.en.json.swp", "swap");
    write(&dir, "#manifest.json#", "autosave");
    write(&dir, "images/Thumbs.db", "cache");
    let out = fresh("pack-left-out").join("widget.zip");
    let packed = pack_dir(&dir, &out).unwrap();
    let left_out: Vec<String> = packed
        .left_out
        .iter()
        .map(|l| format!("{} ({})", l.path, l.why))
        .collect();
    assert_eq!(
        left_out,
        [
            "#manifest.json# (an editor autosave)",
            ".DS_Store (hidden)",
            ".git/ (hidden)",
            "i18n/.en.json.swp (hidden)",
            "images/Thumbs.db (an OS thumbnail cache)",
            "script.js~ (an editor backup)",
            "widget.zip (an archive, likely a stale build)",
        ]
    );
    let archive = zip::ZipArchive::new(fs::File::open(&out).unwrap()).unwrap();
    let names: Vec<&str> = archive.file_names().collect();
    assert!(
        names
            .iter()
            .all(|n| !n.contains(".git") && !n.ends_with('~') && *n != "widget.zip"),
        "{names:?}"
    );
    assert_eq!(names.len(), packed.files.len());

    // Reproducible: the same folder gives the same bytes, whatever else lies around.
    let first = fs::read(&out).unwrap();
    write(&dir, "another.bak", "backup");
    let again = pack_dir(&dir, &out).unwrap();
    assert_eq!(fs::read(&out).unwrap(), first);
    assert_eq!(again.left_out.len(), packed.left_out.len() + 1);

    let cli = Command::new(env!("CARGO_BIN_EXE_amo-widget"))
        .arg("pack")
        .arg(&dir)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&cli.stdout);
    assert!(
        stdout.contains("left out widget.zip: an archive, likely a stale build"),
        "{stdout}"
    );
    assert!(!stdout.contains("note:"), "{stdout}");
}

#[test]
fn the_logo_table_keeps_the_vendors_sizes_for_tools_that_draw_logos() {
    assert_eq!(
        amo_widget::widget_files::check::LOGOS,
        [
            ("logo_main", 400, 272),
            ("logo_small", 108, 108),
            ("logo", 130, 100),
            ("logo_medium", 240, 84),
            ("logo_min", 84, 84),
            ("logo_dp", 174, 109),
        ]
    );
}

#[test]
fn odd_manifests_give_findings_never_a_panic() {
    let dir = good_widget("odd");
    for manifest in [
        r#"{"widget": 1, "locations": [{}], "settings": [1], "tour": 5, "advanced": []}"#,
        r#"{"widget": {"locale": [1, "ru"]}, "salesbot_designer": "x", "locations": ["salesbot_designer"]}"#,
        r#"{"widget": {}, "locations": ["mobile_card"], "mobile": {"frame_url": 5, "color": null}}"#,
        r#"{"widget": {"name": "w.n"}, "locations": ["-1", "-", "lcard-", "é-1", ""], "tour": {"tour_images": {"ru": "x", "en": [null, "/../../etc/passwd"]}}}"#,
        r#"{"widget": {"name": "widget.name"}, "settings": {"a": {"type": ["text"]}, "b": {"name": {}}}}"#,
        "[]",
        "\"manifest\"",
        "",
    ] {
        write(&dir, "manifest.json", manifest);
        let report = check_dir(&dir, CheckOptions::default());
        assert!(!report.is_ok(), "{manifest}: {report}");
        assert!(
            report.diagnostics.iter().all(|d| !d.message.is_empty()),
            "{report}"
        );
    }
}

#[test]
fn some_locations_need_an_object_a_card_or_a_logo_beside_them() {
    let dir = good_widget("location-needs");
    let manifest = fs::read_to_string(dir.join("manifest.json")).unwrap();
    write(
        &dir,
        "manifest.json",
        manifest.replace(
            r#""personal_page", "settings""#,
            r#""personal_page", "salesbot_designer", "digital_pipeline", "card_sdk""#,
        ),
    );
    // logo_dp as a GIF under its own extension: found, with a word about the name.
    write(&dir, "images/logo_dp.gif", gif(174, 109));
    assert_eq!(
        messages(&dir, false),
        [
            "warning: manifest.json:11: locations[3]: `card_sdk` works in the cards listed beside it, and none is; add `lcard`, `ccard` or `comcard`",
            "error: manifest.json:11: locations[1]: location `salesbot_designer` loads `script.js`, which is missing",
            "error: manifest.json:11: locations[1]: location `salesbot_designer` needs a `salesbot_designer` object describing its handlers",
            "warning: manifest.json:11: locations[2]: location `digital_pipeline` needs a `dp` object for its action settings",
            "warning: images/logo_dp.gif: the vendor's pages name this logo `images/logo_dp.png`; save it as images/logo_dp.png",
        ]
    );

    let dir = good_widget("mobile-without-location");
    let manifest = fs::read_to_string(dir.join("manifest.json")).unwrap();
    write(
        &dir,
        "manifest.json",
        manifest.replace(
            "\n}",
            ",\n  \"mobile\": {\"frame_url\": \"https://a.example.com/\", \"color\": \"#000000\"}\n}",
        ),
    );
    assert_eq!(
        messages(&dir, false),
        ["warning: manifest.json:15: mobile: a `mobile` object without the `mobile_card` location is ignored"]
    );
}

#[test]
fn every_widget_needs_logo_main_and_logo_small_and_should_have_logo() {
    let dir = good_widget("no-main-logos");
    for logo in ["logo_main", "logo_small", "logo"] {
        fs::remove_file(dir.join(format!("images/{logo}.png"))).unwrap();
    }
    assert_eq!(
        messages(&dir, false),
        [
            "error: images/logo_main.png: is missing: every widget needs it (400x272 px)",
            "error: images/logo_small.png: is missing: every widget needs it (108x108 px)",
            "warning: images/logo.png: is missing: the vendor asks every widget for it (130x100 px)",
        ]
    );
    // Under another accepted extension, a logo is found (with a word about its name).
    write(&dir, "images/logo_main.jpg", jpeg(400, 272));
    write(&dir, "images/logo_small.png", gif(108, 108));
    assert_eq!(
        messages(&dir, false),
        [
            "warning: images/logo_main.jpg: the vendor's pages name this logo `images/logo_main.png`; save it as images/logo_main.png",
            "warning: images/logo_small.png: is a GIF image named .png; save it as a real .png",
            "warning: images/logo.png: is missing: the vendor asks every widget for it (130x100 px)",
        ]
    );
}
