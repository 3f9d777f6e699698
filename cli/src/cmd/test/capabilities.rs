//! The WebDriver capabilities each browser starts with: the crate's own `webdriver.json` (read
//! by wasm-bindgen's test runner, as wasm-pack's users write it) with what amo-widget needs
//! added, written to `<target dir>/amo-widget-test/` so that the crate's file is never changed.

use super::TestError;
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};

/// The crate's `webdriver.json` in `dir`, or `{}` when it has none.
pub(crate) fn own(dir: &Path) -> Result<Value, TestError> {
    let path = dir.join("webdriver.json");
    match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| TestError::WebdriverJson {
            path,
            reason: e.to_string(),
        }),
        Err(_) => Ok(json!({})),
    }
}

/// The object under `key` of `capabilities`, made if absent.
fn options<'a>(
    capabilities: &'a mut Value,
    key: &str,
) -> Result<&'a mut Map<String, Value>, String> {
    capabilities
        .as_object_mut()
        .ok_or("the capabilities are not a JSON object")?
        .entry(key)
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .ok_or_else(|| format!("{key} is not an object"))
}

/// The `args` array of `options`, made if absent.
fn args<'a>(options: &'a mut Map<String, Value>, key: &str) -> Result<&'a mut Vec<Value>, String> {
    options
        .entry("args")
        .or_insert_with(|| json!([]))
        .as_array_mut()
        .ok_or_else(|| format!("{key}.args is not an array"))
}

/// Chromium's arguments with `--no-sandbox` (it refuses to start as root without it) and a
/// headless mode.
pub(crate) fn with_no_sandbox(mut capabilities: Value) -> Result<Value, String> {
    let key = "goog:chromeOptions";
    let args = args(options(&mut capabilities, key)?, key)?;
    if !args
        .iter()
        .any(|a| a == "--no-sandbox" || a == "no-sandbox")
    {
        args.push("--no-sandbox".into());
    }
    if !args.iter().any(|a| {
        a.as_str()
            .is_some_and(|s| s.starts_with("--headless") || s.starts_with("headless"))
    }) {
        args.push("--headless=new".into());
    }
    Ok(capabilities)
}

/// geckodriver told which Firefox to start (the one amo-widget found and named), unless the
/// crate's file names one. The test runner adds `-headless` itself.
pub(crate) fn with_firefox(mut capabilities: Value, firefox: &Path) -> Result<Value, String> {
    options(&mut capabilities, "moz:firefoxOptions")?
        .entry("binary")
        .or_insert_with(|| firefox.to_string_lossy().into());
    Ok(capabilities)
}

/// WebKitWebDriver told to start MiniBrowser (unless the crate's file names a browser) with
/// `--automation`, without which MiniBrowser does not accept a WebDriver session.
pub(crate) fn with_webkit(mut capabilities: Value, minibrowser: &Path) -> Result<Value, String> {
    let key = "webkitgtk:browserOptions";
    let options = options(&mut capabilities, key)?;
    options
        .entry("binary")
        .or_insert_with(|| minibrowser.to_string_lossy().into());
    let args = args(options, key)?;
    if !args.iter().any(|a| a == "--automation") {
        args.push("--automation".into());
    }
    Ok(capabilities)
}

/// Writes `capabilities` as `<target_dir>/amo-widget-test/<name>` and returns its absolute
/// path (the runner reads it relative to its own working directory).
pub(crate) fn write(
    target_dir: &Path,
    name: &str,
    capabilities: &Value,
) -> Result<PathBuf, TestError> {
    let dir = target_dir.join("amo-widget-test");
    let out = dir.join(name);
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&out, capabilities.to_string()))
        .map_err(|e| TestError::Io {
            path: out.clone(),
            reason: e.to_string(),
        })?;
    Ok(std::fs::canonicalize(&out).unwrap_or(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_sandbox_is_added_once_and_other_arguments_stay() {
        let given =
            json!({ "goog:chromeOptions": { "args": ["--headless=new", "--disable-gpu"] } });
        let out = with_no_sandbox(given).unwrap();
        assert_eq!(
            out["goog:chromeOptions"]["args"],
            json!(["--headless=new", "--disable-gpu", "--no-sandbox"])
        );
        let again = with_no_sandbox(out.clone()).unwrap();
        assert_eq!(again, out);
        let empty = with_no_sandbox(json!({})).unwrap();
        assert_eq!(
            empty["goog:chromeOptions"]["args"],
            json!(["--no-sandbox", "--headless=new"])
        );
        assert!(with_no_sandbox(json!([])).is_err());
    }

    #[test]
    fn firefox_gets_the_found_binary_unless_the_crate_names_one() {
        let found = Path::new("/usr/bin/firefox-esr");
        let out = with_firefox(json!({"moz:firefoxOptions": {"prefs": {"a": 1}}}), found).unwrap();
        assert_eq!(
            out,
            json!({"moz:firefoxOptions": {"prefs": {"a": 1}, "binary": "/usr/bin/firefox-esr"}})
        );
        let own = json!({"moz:firefoxOptions": {"binary": "/opt/firefox/firefox"}});
        assert_eq!(with_firefox(own.clone(), found).unwrap(), own);
        assert!(with_firefox(json!({"moz:firefoxOptions": 1}), found).is_err());
    }

    #[test]
    fn webkit_gets_minibrowser_with_automation_and_the_crates_keys_stay() {
        let mini = Path::new("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser");
        let out = with_webkit(json!({"goog:chromeOptions": {"args": ["x"]}}), mini).unwrap();
        assert_eq!(
            out,
            json!({
                "goog:chromeOptions": {"args": ["x"]},
                "webkitgtk:browserOptions": {"binary": mini.to_str().unwrap(), "args": ["--automation"]}
            })
        );
        let own = json!({"webkitgtk:browserOptions": {"binary": "/opt/MiniBrowser", "args": ["--automation", "--x"]}});
        assert_eq!(with_webkit(own.clone(), mini).unwrap(), own);
        let args_only = json!({"webkitgtk:browserOptions": {"args": ["--x"]}});
        assert_eq!(
            with_webkit(args_only, mini).unwrap()["webkitgtk:browserOptions"]["args"],
            json!(["--x", "--automation"])
        );
    }
}
