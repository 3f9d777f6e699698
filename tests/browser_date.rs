//! `date::format` against the real npm `dateformat` 4.6.3, in the browser's own time zone.
#![cfg(target_arch = "wasm32")]

use amocrm_widget::constants::{DateFormat, TimeFormat};
use amocrm_widget::date;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The package's UMD source, evaluated with an AMD `define` that captures the module.
const DATEFORMAT_JS: &str = include_str!("../node_modules/dateformat/lib/dateformat.js");

#[wasm_bindgen(inline_js = "
export function loadUmd(source) {
  let module;
  const define = (factory) => { module = factory(); };
  define.amd = {};
  new Function('define', source)(define);
  return module;
}
export function callDateformat(dateformat, ms, mask) {
  return dateformat(new Date(ms), mask);
}
")]
extern "C" {
    #[wasm_bindgen(js_name = loadUmd)]
    fn load_umd(source: &str) -> JsValue;
    #[wasm_bindgen(js_name = callDateformat)]
    fn call_dateformat(dateformat: &JsValue, ms: f64, mask: &str) -> String;
}

/// Every flag, quoting, named masks and the UTC:/GMT: prefixes.
const EXTRA_MASKS: &[&str] = &[
    "d dd ddd dddd DDD DDDD m mm mmm mmmm yy yyyy",
    "h hh H HH M MM s ss l L t tt T TT",
    "Z o p S W WW N",
    "'quoted d' \"and m\" yyyyy HHH 'unclosed",
    "UTC:yyyy-mm-dd HH:MM:ss Z o p W N",
    "GMT:ddd, dd mmm yyyy HH:MM:ss Z",
    "isoDateTime",
    "isoUtcDateTime",
    "expiresHeaderFormat",
    "fullDate",
    "",
];

/// A small seeded generator (xorshift64*), so a failure can be reproduced.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A time value between years ~1900 and ~2100, or anywhere in the Date range.
    fn timestamp(&mut self) -> f64 {
        let wide = self.next().is_multiple_of(4);
        let span: u64 = if wide {
            8_640_000_000_000_000
        } else {
            4_102_444_800_000
        };
        let v = (self.next() % (2 * span + 1)) as i64 - span as i64;
        v as f64
    }
}

#[wasm_bindgen_test]
fn matches_npm_dateformat_in_the_browser_time_zone() {
    let dateformat = load_umd(DATEFORMAT_JS);
    assert!(dateformat.is_function(), "dateformat did not load");
    let masks: Vec<&str> = DateFormat::KNOWN
        .iter()
        .map(|f| f.as_str())
        .chain(TimeFormat::KNOWN.iter().map(|f| f.as_str()))
        .chain(EXTRA_MASKS.iter().copied())
        .collect();
    let mut rng = Rng(0x005e_ed0f_da7e);
    let now = js_sys::Date::now();
    let mut stamps: Vec<f64> = (0..1500).map(|_| rng.timestamp()).collect();
    // Today, yesterday and tomorrow exercise DDD/DDDD; year 0–99 and negatives the quirks.
    stamps.extend([
        now,
        now - 864e5,
        now + 864e5,
        -62_135_596_800_000.0,
        -62_198_755_200_000.0,
    ]);
    let mut mismatches = 0;
    let mut first = None;
    for &ms in &stamps {
        let date = js_sys::Date::new(&ms.into());
        for mask in &masks {
            let expected = call_dateformat(&dateformat, ms, mask);
            let got = date::format(mask, &date).unwrap();
            if got != expected {
                mismatches += 1;
                first.get_or_insert((ms, mask.to_string(), expected, got));
            }
        }
    }
    console_log!(
        "browser dateformat differential: {} timestamps x {} masks, {} mismatches (time zone offset now: {} min)",
        stamps.len(),
        masks.len(),
        mismatches,
        js_sys::Date::new_0().get_timezone_offset()
    );
    assert_eq!(mismatches, 0, "first mismatch: {first:?}");
}

#[wasm_bindgen_test]
fn invalid_dates_are_errors() {
    let date = js_sys::Date::new(&f64::NAN.into());
    assert_eq!(
        date::format("HH:MM", &date),
        Err(amocrm_widget::Error::InvalidDate)
    );
    assert!(!date::format_now("HH:MM").is_empty());
    assert_eq!(
        TimeFormat::TwentyFour
            .format(&js_sys::Date::new(&0.0.into()))
            .unwrap(),
        date::format("HH:MM", &js_sys::Date::new(&0.0.into())).unwrap()
    );
}

#[wasm_bindgen(inline_js = "
export function throwingModule() {
  return function () { throw 'dateformat exploded'; };
}
export function numberModule() {
  return function () { return 42; };
}
")]
extern "C" {
    #[wasm_bindgen(js_name = throwingModule)]
    fn throwing_module() -> JsValue;
    #[wasm_bindgen(js_name = numberModule)]
    fn number_module() -> JsValue;
}

#[wasm_bindgen_test]
fn host_dateformat_agrees_with_the_port_on_every_account_mask() {
    let host = date::HostDateFormat::from_module(load_umd(DATEFORMAT_JS)).expect("a function");
    let mut rng = Rng(0x5eed_da7e);
    let masks: Vec<&str> = DateFormat::KNOWN
        .iter()
        .map(DateFormat::as_str)
        .chain(TimeFormat::KNOWN.iter().map(TimeFormat::as_str))
        .collect();
    for _ in 0..200 {
        let ms = rng.timestamp();
        let when = js_sys::Date::new(&JsValue::from_f64(ms));
        for mask in &masks {
            match (host.format(&when, mask), date::format(mask, &when)) {
                (Ok(theirs), Ok(ours)) => assert_eq!(theirs, ours, "{mask} at {ms}"),
                // Outside the Date range both refuse: the host throws, the port says InvalidDate.
                (
                    Err(amocrm_widget::Error::Host { .. }),
                    Err(amocrm_widget::Error::InvalidDate),
                ) => {}
                other => panic!("{mask} at {ms}: {other:?}"),
            }
        }
    }
    let now = host.format_now("HH:MM").expect("now");
    assert_eq!(now.len(), 5, "{now}");
}

#[wasm_bindgen_test]
fn host_dateformat_errors_are_typed() {
    assert!(matches!(
        date::HostDateFormat::from_module(JsValue::from_str("not a function")),
        Err(amocrm_widget::Error::Shape { .. })
    ));
    let throwing = date::HostDateFormat::from_module(throwing_module()).expect("a function");
    match throwing.format_now("HH:MM") {
        Err(amocrm_widget::Error::Host { message, name, .. }) => {
            assert_eq!(message, "dateformat exploded");
            assert_eq!(name, None);
        }
        other => panic!("{other:?}"),
    }
    let number = date::HostDateFormat::from_module(number_module()).expect("a function");
    assert!(matches!(
        number.format_now("HH:MM"),
        Err(amocrm_widget::Error::Shape { .. })
    ));
}
