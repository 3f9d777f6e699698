//! `cargo xtask vendor`: refreshes the host modules embedded by the `amocrm-host-modules` crate
//! (`host-modules/vendor/`) from the npm packages in `node_modules/` (pinned by
//! package-lock.json), with their licences.

use crate::cmd::{root, say};
use amo_widget::serve::host_modules;

/// Copies every embedded npm file and licence from `node_modules/`.
pub fn refresh() -> Result<(), String> {
    say("refreshing host-modules/vendor/ from node_modules/ (the versions package-lock.json pins)");
    for file in host_modules::all() {
        let package = root().join("node_modules").join(file.package);
        let target = root().join("host-modules/vendor").join(file.package);
        std::fs::create_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
        let mut copies = vec![(file.npm_path, file.file_name())];
        if let Some((license, _)) = file.license {
            copies.push((license, license));
        }
        for (from, to) in copies {
            let from = package.join(from);
            let to = target.join(to);
            std::fs::copy(&from, &to)
                .map_err(|e| format!("{} -> {}: {e}", from.display(), to.display()))?;
            println!("    {}", to.strip_prefix(root()).unwrap_or(&to).display());
        }
    }
    println!("rebuild the CLI and the test kit to embed them; `cargo test -p amo-widget --test cli -- vendor::` checks them");
    Ok(())
}
