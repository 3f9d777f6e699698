//! Which host modules a widget's code asks for, read from its WebAssembly.
//!
//! `Host::module::<M>()` in the SDK looks modules up by a key `amo-module:<name>;` that is a
//! string constant of the widget's code; with the size-first release build, the key of a module
//! no code asks for is not in the module at all. So the keys found in the optimised module are
//! exactly the modules to add to the shim's `define` dependencies.

/// What the SDK puts before a module name: the shim's crate owns the key's format.
const PREFIX: &[u8] = amocrm_widget_shim::MODULE_KEY_PREFIX.as_bytes();
/// What it puts after one.
const END: u8 = amocrm_widget_shim::MODULE_KEY_END.as_bytes()[0];

fn name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-_./@".contains(&b)
}

/// The module names whose keys appear in `wasm`, each once, in the order first seen.
pub fn used(wasm: &[u8]) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut at = 0;
    while let Some(offset) = find(&wasm[at..], PREFIX) {
        let start = at + offset + PREFIX.len();
        let len = wasm[start..].iter().take_while(|b| name_byte(**b)).count();
        let end = start + len;
        if len > 0 && wasm.get(end) == Some(&END) {
            let name = String::from_utf8_lossy(&wasm[start..end]).into_owned();
            if !found.contains(&name) {
                found.push(name);
            }
        }
        at = start;
    }
    found
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `declared` followed by every module of `used` not declared already.
pub(crate) fn merge(declared: &[String], used: &[String]) -> Vec<String> {
    let mut all = declared.to_vec();
    for name in used {
        if !all.contains(name) {
            all.push(name.clone());
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_terminated_keys_among_other_strings() {
        let data = b"\0asm..amo-module:dateformat;the host did not provide the module `\
                     amo-module:@reduxjs/toolkit;amo-module:dateformat;amo-module:x";
        assert_eq!(used(data), ["dateformat", "@reduxjs/toolkit"]);
    }

    #[test]
    fn the_bare_prefix_is_not_a_module() {
        // `declared_module` keeps the prefix as a constant of its own, followed by other text.
        assert!(used(b"amo-module:the module `").is_empty());
        assert!(used(b"amo-module:;").is_empty());
        assert!(used(b"").is_empty());
    }

    #[test]
    fn merge_keeps_the_declared_order_and_adds_the_rest() {
        let declared = vec!["my-charts".to_string(), "jquery".to_string()];
        let used = vec!["jquery".to_string(), "lodash".to_string()];
        assert_eq!(merge(&declared, &used), ["my-charts", "jquery", "lodash"]);
    }
}
