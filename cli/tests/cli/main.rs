//! The CLI's integration tests, as one test binary: each links the whole CLI (binaryen and the
//! minifier included), so one binary instead of eight saves minutes of linking and gigabytes of
//! disk in CI. `cargo test -p amo-widget --test cli -- check_pack::` runs one group.

mod build_without_node;
mod check_pack;
mod docs;
mod fake_tools;
mod flags;
mod manifest_model;
mod new;
mod serve_fixtures;
mod shim_facts;
mod test_cmd;
mod token_cli;
mod vendor;
