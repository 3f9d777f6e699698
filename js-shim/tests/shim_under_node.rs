//! The filled shim run under node against a stand-in widget: what the JavaScript repeats of this
//! crate's facts is compared with the Rust constants by running it, not by reading its text.
//!
//! - `define` asks for `module`, [`SDK_MODULE`] and the declared modules, in that order;
//! - the keys of the host modules' map are [`module_key`]s of the declared modules;
//! - the glue's exports the shim calls are exactly [`exports::ALL`];
//! - `createGlue`'s parameter is [`WRAP_EXPORTS`] (the glue below reaches it by that name).
//!
//! Runs `node`, which must be on PATH.

mod node;

use amocrm_widget_shim::{exports, fill, module_key, Fill, Mode, SDK_MODULE, WRAP_EXPORTS};

const DEPS: [&str; 3] = ["dateformat", "@reduxjs/toolkit", "immer.produce"];

/// A glue whose exports record their calls, seen through a proxy that records every name the
/// shim asks the glue for.
fn glue() -> String {
    let names = exports::ALL.map(|n| format!("'{n}'")).join(", ");
    format!(
        "var log = globalThis.__amo;
    var widget = {{}};
    [{names}].forEach(function (name) {{
      widget[name] = function () {{
        if (name === '{start}') log.keys = Array.from(arguments[1].keys());
        return name === '{start}' ? true : name === '{pending}' ? 0 : 1;
      }};
    }});
    var glue = {wrap}(widget);
    glue.initSync = function () {{}};
    return new Proxy(glue, {{
      get: function (target, name) {{
        if (name !== 'initSync') log.asked.add(String(name));
        return target[name];
      }},
    }});",
        start = exports::START,
        pending = exports::PENDING,
        wrap = WRAP_EXPORTS,
    )
}

/// Defines the filled shim with stand-in modules, drives a lead, a slot and both teardowns,
/// reads the test hooks, and prints what the stand-in widget saw as JSON.
fn script(shim: &str) -> String {
    format!(
        "globalThis.__amo = {{ keys: null, asked: new Set() }};
var api = null;
globalThis.define = function (deps, factory) {{
  globalThis.__amo.deps = deps;
  var values = deps.map(function (d, i) {{ return i < 2 ? {{ config: function () {{ return {{}}; }} }} : {{ dep: d }}; }});
  api = factory.apply(null, values);
}};
{shim}
var destroyLead = api.initLead({{ token: 't' }});
var destroySlot = api.registerWidgetsBarSlot({{ nodeType: 1, isConnected: true }});
api.__amoStats();
destroySlot();
destroyLead();
console.log(JSON.stringify({{ deps: globalThis.__amo.deps, keys: globalThis.__amo.keys, asked: Array.from(globalThis.__amo.asked).sort() }}));
"
    )
}

fn run_node(script: &str) -> printed::Seen {
    printed::parse(node::run(script).trim())
}

/// The two arrays of strings node prints, read without a JSON crate (this one has no
/// dependencies).
mod printed {
    #[derive(Debug)]
    pub struct Seen {
        pub deps: Vec<String>,
        pub keys: Vec<String>,
        pub asked: Vec<String>,
    }

    fn strings(json: &str, field: &str) -> Vec<String> {
        let start = json
            .find(&format!("\"{field}\":["))
            .unwrap_or_else(|| panic!("no array {field} in {json}"))
            + field.len()
            + 4;
        let end = start + json[start..].find(']').expect("a closed array");
        json[start..end]
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| s.trim_matches('"').to_string())
            .collect()
    }

    pub fn parse(json: &str) -> Seen {
        Seen {
            deps: strings(json, "deps"),
            keys: strings(json, "keys"),
            asked: strings(json, "asked"),
        }
    }
}

#[test]
fn the_shim_keeps_the_crates_contract_with_the_widget() {
    let shim = fill(&Fill {
        crate_name: "probe",
        deps: &DEPS,
        glue: &glue(),
        mode: Mode::Inline {
            wasm: b"\0asm\x01\0\0\0",
        },
        test_hooks: true,
        strip_comments: false,
    })
    .unwrap();
    let seen = run_node(&script(&shim));
    let deps: Vec<&str> = ["module", SDK_MODULE].into_iter().chain(DEPS).collect();
    assert_eq!(seen.deps, deps, "the define's dependencies");
    let keys: Vec<String> = DEPS.iter().map(|d| module_key(d)).collect();
    assert_eq!(seen.keys, keys, "the host modules' keys");
    let mut all = exports::ALL.map(String::from).to_vec();
    all.sort();
    assert_eq!(seen.asked, all, "the exports the shim calls");
}
