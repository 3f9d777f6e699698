//! `amo-widget serve`: the [local cabinet](crate::serve) on a widget crate.

use super::CargoFlags;
use crate::pipeline::Profile;
use crate::serve::{serve, ServeOptions};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

/// Arguments of `amo-widget serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The widget crate (default: the current directory).
    #[arg(default_value = ".")]
    path: PathBuf,
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = 3000)]
    port: u16,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// A JSON file with the cabinet's data (sys, leads, leadFields, authors), watched.
    #[arg(long)]
    fixtures: Option<PathBuf>,
    /// Open the cabinet in the browser once the server listens.
    #[arg(long)]
    open: bool,
    /// Serve's own quick profile unless one is asked for: `--release` serves what ships.
    #[command(flatten)]
    cargo: CargoFlags,
}

impl ServeArgs {
    /// Serves until interrupted.
    pub fn run(self) -> anyhow::Result<()> {
        serve(ServeOptions {
            profile: self.cargo.profile().unwrap_or(Profile::Serve),
            features: self.cargo.features,
            crate_dir: self.path,
            addr: SocketAddr::new(self.host, self.port),
            fixtures: self.fixtures,
            open: self.open,
        })
    }
}
