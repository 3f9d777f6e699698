//! The browsers `amo-widget test` runs a widget's tests in, the engines of the cabinet's users
//! (Blink, Gecko, WebKit), and the programs each needs: a WebDriver server, and for WebKit the
//! browser and a virtual X display as well. Every one of them is looked up before anything
//! runs, and whatever is missing is said with the command that installs it.

use super::{Machine, Missing};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// A browser engine to test in (`amo-widget test --chrome | --firefox | --webkit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Browser {
    /// Chromium (or Chrome) through chromedriver: Blink.
    #[default]
    Chrome,
    /// Firefox through geckodriver: Gecko.
    Firefox,
    /// WebKitGTK's MiniBrowser through WebKitWebDriver in a virtual X display: WebKit, Safari's
    /// engine (Linux only).
    WebKit,
}

impl Browser {
    /// The browser's name, as the progress lines say it.
    pub fn name(self) -> &'static str {
        match self {
            Browser::Chrome => "Chromium",
            Browser::Firefox => "Firefox",
            Browser::WebKit => "WebKit (WebKitGTK MiniBrowser)",
        }
    }
}

/// The programs found for one browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Driver {
    /// `chromedriver`, which finds Chromium itself.
    Chrome {
        /// chromedriver.
        chromedriver: PathBuf,
    },
    /// `geckodriver` and the Firefox it is told to start.
    Firefox {
        /// geckodriver.
        geckodriver: PathBuf,
        /// firefox (or firefox-esr).
        firefox: PathBuf,
    },
    /// `WebKitWebDriver`, started by amo-widget inside `xvfb-run`, and the MiniBrowser it
    /// drives.
    WebKit {
        /// WebKitWebDriver.
        webdriver: PathBuf,
        /// WebKitGTK's MiniBrowser.
        minibrowser: PathBuf,
        /// xvfb-run, for the X display MiniBrowser needs even when nobody looks.
        xvfb_run: PathBuf,
    },
}

impl Driver {
    /// The browser these programs run.
    pub fn browser(&self) -> Browser {
        match self {
            Driver::Chrome { .. } => Browser::Chrome,
            Driver::Firefox { .. } => Browser::Firefox,
            Driver::WebKit { .. } => Browser::WebKit,
        }
    }
}

/// The directories where WebKitGTK's MiniBrowser may be (it is not on `PATH`):
/// `/usr/lib/<multiarch>/webkit2gtk-4.1` (Debian, Ubuntu), `/usr/lib/webkit2gtk-4.1` and
/// `/usr/libexec/webkit2gtk-4.1` (other layouts), and the same for webkitgtk-6.0 and 4.0.
pub(crate) fn webkit_dirs() -> Vec<PathBuf> {
    let apis = ["webkit2gtk-4.1", "webkitgtk-6.0", "webkit2gtk-4.0"];
    let mut bases = vec![PathBuf::from("/usr/lib"), PathBuf::from("/usr/libexec")];
    if let Ok(entries) = std::fs::read_dir("/usr/lib") {
        let mut multiarch: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().contains("-linux-"))
            })
            .collect();
        multiarch.sort();
        bases.extend(multiarch);
    }
    bases
        .iter()
        .flat_map(|base| apis.iter().map(move |api| base.join(api)))
        .collect()
}

/// Finds the programs `browser` needs on `machine`, adding what is missing to `missing`.
pub(crate) fn find(
    machine: &Machine,
    browser: Browser,
    missing: &mut Vec<Missing>,
) -> Option<Driver> {
    let mut found = Found { machine, missing };
    match browser {
        Browser::Chrome => {
            let chromedriver = found.given_or_on_path(
                "CHROMEDRIVER",
                machine.chromedriver.as_deref(),
                &["chromedriver"],
                "Chromium and chromedriver (the tests run in headless Chromium)",
                "Debian/Ubuntu: apt-get install chromium chromium-driver; elsewhere install Chrome \
                 or Chromium and the chromedriver of the same version on PATH (or set \
                 CHROMEDRIVER=/path/to/chromedriver)",
            );
            Some(Driver::Chrome {
                chromedriver: chromedriver?,
            })
        }
        Browser::Firefox => {
            let firefox = found.on_path(
                &["firefox", "firefox-esr"],
                "Firefox (the tests run in headless Firefox)",
                "Debian: apt-get install firefox-esr; Ubuntu: apt-get install firefox; elsewhere \
                 https://www.mozilla.org/firefox/, with firefox on PATH",
            );
            let geckodriver = found.given_or_on_path(
                "GECKODRIVER",
                machine.geckodriver.as_deref(),
                &["geckodriver"],
                "geckodriver (the WebDriver server for Firefox)",
                "cargo install geckodriver (or a release from \
                 https://github.com/mozilla/geckodriver/releases on PATH, or set \
                 GECKODRIVER=/path/to/geckodriver)",
            );
            Some(Driver::Firefox {
                geckodriver: geckodriver?,
                firefox: firefox?,
            })
        }
        Browser::WebKit if !cfg!(target_os = "linux") => {
            found.missing.push(Missing {
                what: "WebKit".into(),
                fix: "amo-widget test --webkit runs WebKitGTK, which is Linux only; on macOS, \
                      Safari runs the tests with wasm-pack test --safari (after safaridriver \
                      --enable once)"
                    .into(),
            });
            None
        }
        Browser::WebKit => {
            let webdriver = found.on_path(
                &["WebKitWebDriver"],
                "WebKitWebDriver (the WebDriver server for WebKitGTK)",
                "Debian/Ubuntu: apt-get install webkit2gtk-driver",
            );
            let minibrowser = found.minibrowser();
            let xvfb_run = found.on_path(
                &["xvfb-run"],
                "xvfb-run (the virtual X display MiniBrowser runs in)",
                "Debian/Ubuntu: apt-get install xvfb",
            );
            Some(Driver::WebKit {
                webdriver: webdriver?,
                minibrowser: minibrowser?,
                xvfb_run: xvfb_run?,
            })
        }
    }
}

/// The lookups of one browser's programs, each noting what it did not find.
struct Found<'a> {
    machine: &'a Machine,
    missing: &'a mut Vec<Missing>,
}

impl Found<'_> {
    fn miss(&mut self, what: &str, fix: &str) -> Option<PathBuf> {
        self.missing.push(Missing {
            what: what.into(),
            fix: fix.into(),
        });
        None
    }

    /// The first of `names` on `PATH`.
    fn on_path(&mut self, names: &[&str], what: &str, fix: &str) -> Option<PathBuf> {
        match names.iter().find_map(|n| self.machine.find(n)) {
            Some(found) => Some(found),
            None => self.miss(what, fix),
        }
    }

    /// The program the variable `var` names (`given`), else the first of `names` on `PATH`.
    fn given_or_on_path(
        &mut self,
        var: &str,
        given: Option<&OsStr>,
        names: &[&str],
        what: &str,
        fix: &str,
    ) -> Option<PathBuf> {
        match given {
            Some(given) => match self.machine.program(given) {
                Some(found) => Some(found),
                None => self.miss(
                    &format!("{var}={}", Path::new(given).display()),
                    &format!(
                        "is not an executable file: point it at {}, or unset it to use the one \
                         on PATH",
                        names[0]
                    ),
                ),
            },
            None => self.on_path(names, what, fix),
        }
    }

    /// WebKitGTK's MiniBrowser: `WEBKIT_MINIBROWSER`, else the first in the usual directories.
    fn minibrowser(&mut self) -> Option<PathBuf> {
        if let Some(given) = &self.machine.minibrowser {
            let given = Path::new(given);
            return if super::executable(given) {
                Some(given.to_path_buf())
            } else {
                self.miss(
                    &format!("WEBKIT_MINIBROWSER={}", given.display()),
                    "is not an executable file: point it at WebKitGTK's MiniBrowser, or unset \
                     it to use the installed one",
                )
            };
        }
        let found = self
            .machine
            .webkit_dirs
            .iter()
            .map(|dir| dir.join("MiniBrowser"))
            .find(|p| super::executable(p));
        match found {
            Some(found) => Some(found),
            None => self.miss(
                "WebKitGTK's MiniBrowser (the browser the WebKit tests run in)",
                "Debian/Ubuntu: apt-get install libwebkit2gtk-4.1-0 (MiniBrowser is in \
                 /usr/lib/<arch>/webkit2gtk-4.1/), or set WEBKIT_MINIBROWSER=/path/to/MiniBrowser",
            ),
        }
    }
}
