//! Starting the server on 127.0.0.1 port 0 and talking plain HTTP/1.1 to it.
#![allow(dead_code)] // each test binary uses a different part

use amocrm_widget_token::Verifier;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// Serves the app on a background runtime; returns its address.
pub fn start(verifier: Verifier) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("tokio runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind 127.0.0.1:0");
            tx.send(listener.local_addr().expect("local address"))
                .expect("report address");
            mobile_card::serve(listener, mobile_card::app(verifier))
                .await
                .expect("serve");
        });
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("server started")
}

/// A response: status, raw header block, body.
pub struct Response {
    pub status: u16,
    pub headers: String,
    pub body: String,
}

/// `GET path` with `Connection: close`.
pub fn get(addr: SocketAddr, path: &str) -> Response {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    // Written from another thread while this one reads: a server that refuses a huge request
    // answers and closes before the request is all sent, so the write may fail (broken pipe) and
    // the close may reset the connection; the answer read before that is what counts.
    let mut writer = stream.try_clone().expect("clone the stream");
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    let sending = std::thread::spawn(move || writer.write_all(request.as_bytes()));
    let mut bytes = Vec::new();
    if let Err(e) = stream.read_to_end(&mut bytes) {
        assert!(
            e.kind() == std::io::ErrorKind::ConnectionReset && !bytes.is_empty(),
            "read response: {e}"
        );
    }
    let _ = sending.join();
    let raw = String::from_utf8(bytes).expect("an ASCII response");
    let (head, body) = raw.split_once("\r\n\r\n").expect("header/body separator");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status code");
    Response {
        status,
        headers: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}
