//! A WebDriver server amo-widget starts itself (WebKitWebDriver, inside `xvfb-run`): in a
//! process group of its own, so that stopping it stops the X server and the browser it started
//! too; stopped when the tests end, fail, or amo-widget is interrupted.

use std::ffi::OsString;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long the server may take to listen (xvfb-run starts an X server first).
const READY_WITHIN: Duration = Duration::from_secs(30);

/// The server to start: a program, its arguments, the port it will listen on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    /// The program (xvfb-run).
    pub program: PathBuf,
    /// Its arguments (WebKitWebDriver and its port among them).
    pub args: Vec<OsString>,
    /// The port on 127.0.0.1.
    pub port: u16,
    /// Where its output goes.
    pub log: PathBuf,
}

/// A port on 127.0.0.1 nobody listens on now (the system picks it).
pub(crate) fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
        .local_addr()?
        .port())
}

/// The server, running; dropping it stops its whole process group.
pub(crate) struct Running {
    child: Child,
}

impl Server {
    /// Starts the server and waits until it accepts connections.
    pub(crate) fn start(&self) -> anyhow::Result<Running> {
        let log = std::fs::File::create(&self.log)
            .map_err(|e| anyhow::anyhow!("{}: {e}", self.log.display()))?;
        let mut command = Command::new(&self.program);
        command
            .args(&self.args)
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log);
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        crate::progress::command(&command);
        let child = command
            .spawn()
            .map_err(|e| anyhow::anyhow!("could not start {}: {e}", self.program.display()))?;
        let mut running = Running { child };
        stop_on_signal(running.child.id());
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        let start = Instant::now();
        loop {
            if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
                return Ok(running);
            }
            if let Some(status) = running.child.try_wait()? {
                anyhow::bail!(
                    "the WebDriver server ended ({status}) before it listened on {address}; its \
                     output is in {}",
                    self.log.display()
                );
            }
            if start.elapsed() > READY_WITHIN {
                anyhow::bail!(
                    "the WebDriver server did not listen on {address} within {}s; its output is \
                     in {}",
                    READY_WITHIN.as_secs(),
                    self.log.display()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

#[cfg(unix)]
fn signal_group(group: u32, signal: libc::c_int) {
    if let Ok(group) = libc::pid_t::try_from(group) {
        // SAFETY: kill(2) with a negative pid signals that process group; it touches no memory.
        unsafe {
            libc::kill(-group, signal);
        }
    }
}

/// On Ctrl-C or SIGTERM, stops the server's group before amo-widget ends: the server is in a
/// group of its own, so the terminal's SIGINT does not reach it, and a process that dies of a
/// signal runs no destructors.
#[cfg(unix)]
fn stop_on_signal(group: u32) {
    use tokio::signal::unix::{signal, SignalKind};
    std::thread::spawn(move || {
        let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        else {
            return;
        };
        runtime.block_on(async {
            let (Ok(mut int), Ok(mut term)) = (
                signal(SignalKind::interrupt()),
                signal(SignalKind::terminate()),
            ) else {
                return;
            };
            let code = tokio::select! {
                _ = int.recv() => 130,
                _ = term.recv() => 143,
            };
            signal_group(group, libc::SIGTERM);
            std::process::exit(code);
        });
    });
}

#[cfg(not(unix))]
fn stop_on_signal(_group: u32) {}

impl Drop for Running {
    fn drop(&mut self) {
        #[cfg(unix)]
        {
            let group = self.child.id();
            signal_group(group, libc::SIGTERM);
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(3) {
                if matches!(self.child.try_wait(), Ok(Some(_))) {
                    // The group leader is gone; its X server and browser may linger a moment.
                    std::thread::sleep(Duration::from_millis(100));
                    signal_group(group, libc::SIGKILL);
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            signal_group(group, libc::SIGKILL);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
