//! `amo-widget check` and `pack` on widget folders built by the tests.

use amo_widget::check::{check_dir, CheckOptions, Severity};
use amo_widget::pack::{pack_dir, PackError};
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

/// A valid RGBA PNG (stored, uncompressed deflate), so size limits can be exceeded on purpose.
fn png(width: u32, height: u32) -> Vec<u8> {
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
                r#"{{"widget": {{"name": "{name}", "description": "d"}}, "settings": {{"login": "Login"}}}}"#
            ),
        );
    }
    write(
        &dir,
        "personal_page.js",
        "define([], function () { return {}; });\n",
    );
    write(&dir, "images/logo_small.png", png(108, 108));
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
        ["error: manifest.json:10: locations: location `personal_page` needs `personal_page.js` at the archive root"]
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
        ["error: manifest.json:10: locations: location `mobile_card` needs a `mobile` object with `frame_url` and `color`"]
    );

    let bad_mobile = with_location.replace(
        "\n}",
        ",\n  \"mobile\": {\n    \"frame_url\": \"http://example.com/frame\",\n    \"color\": \"yellow\"\n  }\n}",
    );
    write(&dir, "manifest.json", &bad_mobile);
    assert_eq!(
        messages(&dir, false),
        [
            r#"error: manifest.json:15: mobile.frame_url: must be an absolute https URL, found "http://example.com/frame""#,
            r##"error: manifest.json:16: mobile.color: must be a #RRGGBB colour, found "yellow""##,
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
        assert_eq!(amo_widget::check::is_absolute_https(url), ok, "{url}");
    }
    for (color, ok) in [
        ("#ffff00", true),
        ("#2F6FE4", true),
        ("#fff", false),
        ("ffff00", false),
        ("#ggg000", false),
    ] {
        assert_eq!(amo_widget::check::is_hex_color(color), ok, "{color}");
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
            "error: i18n/ru.json: widget.description: text `widget.description` is not defined (manifest.json widget.description refers to it)",
            "error: i18n/ru.json: settings.login: text `settings.login` is not defined (manifest.json settings.login.name refers to it)",
            "error: manifest.json:7: widget.locale: locale `en` is declared but `i18n/en.json` is missing",
        ]
    );
}

#[test]
fn files_must_be_utf8_without_bom_and_json_must_parse() {
    let dir = good_widget("encoding");
    let js = fs::read(dir.join("personal_page.js")).unwrap();
    write(
        &dir,
        "personal_page.js",
        [b"\xEF\xBB\xBF".as_slice(), &js].concat(),
    );
    write(&dir, "i18n/en.json", b"{\"widget\": {\"name\": \"\xff\"}}");
    assert_eq!(
        messages(&dir, false),
        [
            "error: i18n/en.json:1: is not UTF-8 (invalid byte at offset 21)",
            "error: personal_page.js:1: starts with a UTF-8 byte order mark; save it as UTF-8 without BOM",
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
fn a_key_of_the_wrong_type_is_located() {
    let dir = good_widget("wrong-type");
    let manifest = fs::read_to_string(dir.join("manifest.json")).unwrap();
    write(
        &dir,
        "manifest.json",
        manifest.replace(r#""interface_version": 2"#, r#""interface_version": "2""#),
    );
    assert_eq!(
        messages(&dir, false),
        [
            r#"error: manifest.json:6: widget.interface_version: does not match the manifest format: invalid type: string "2", expected u32"#
        ]
    );
    write(
        &dir,
        "manifest.json",
        manifest.replace(r#""personal_page", "settings""#, r#""personal_page", 7"#),
    );
    assert_eq!(
        messages(&dir, false),
        ["error: manifest.json:10: locations[1]: does not match the manifest format: invalid type: integer `7`, expected a string"]
    );
}

#[test]
fn image_sizes_warn_by_default_and_fail_with_strict() {
    let dir = good_widget("images");
    write(&dir, "images/logo_main.png", png(400, 273));
    write(&dir, "images/logo.png", png(130, 100));
    write(&dir, "images/logo_medium.png", png(400, 272));
    write(&dir, "images/logo_min.png", b"GIF89a not a png");
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
            "error: images/logo_min.png: is not a PNG image".to_string(),
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
    assert!(String::from_utf8_lossy(&packed.stdout).contains("(7 files)"));
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
