//! A tiny web server for the tests, on 127.0.0.1 at a port the system picks, serving canned
//! answers from a thread for as long as the test runs: never the internet. Each path is one
//! case: a page of each kind, compressed, redirected, failing, slow, too large, an image.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// A Markdown essay, the body of most answers.
pub const ESSAY: &str = "---\ntitle: The Served Essay\nauthor: Ada Server\ndate: 2026-01-02\n---\n\n# Arrival\n\nThe first words came over the wire.\n\n# Departure\n\nThe last words went the same way.\n";

/// A plain-text essay whose parts the plain reader finds.
pub const PLAIN: &str = "Letters From the Wire\n\nIt began with a letter that came by wire, long and slow, in the spring.\n\nPART ONE\n\nThe wire hummed all summer long, and the letters came and went.\n\nPART TWO\n\nIn the autumn the wire fell silent, and the last letter was the shortest.\n";

/// An HTML page: its title, once HTML is read, is “A Page of Mark-up”.
pub const HTML: &str = "<!DOCTYPE html><html><head><title>A Page of Mark-up | Some Site</title></head><body><nav>Home</nav><article><h1>A Page of Mark-up</h1><p>Words in a paragraph of a page.</p></article></body></html>";

/// How long `/slow` waits before answering.
pub const SLOW: Duration = Duration::from_secs(4);

/// The server, answering until the test ends.
pub struct Server {
    pub port: u16,
    /// How many connections it has answered.
    asked: Arc<AtomicUsize>,
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port on 127.0.0.1");
        let port = listener.local_addr().expect("its address").port();
        let asked = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&asked);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                counter.fetch_add(1, Ordering::SeqCst);
                std::thread::spawn(move || answer(stream));
            }
        });
        Server { port, asked }
    }

    /// How many connections the server has answered so far.
    pub fn asked(&self) -> usize {
        self.asked.load(Ordering::SeqCst)
    }

    /// The address of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

fn answer(mut stream: TcpStream) {
    // A TLS handshake (an https:// address sent here) is answered as a web server
    // answers one: in plain HTTP, which the client cannot take for TLS.
    let mut first = [0u8; 1];
    if stream.peek(&mut first).is_ok_and(|n| n == 1) && first[0] == 0x16 {
        let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
        return;
    }
    let mut reader = BufReader::new(stream.try_clone().expect("a second handle"));
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let mut gzip_ok = false;
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line.trim().is_empty() => break,
            Ok(_) => {
                let lower = line.to_ascii_lowercase();
                gzip_ok |= lower.starts_with("accept-encoding:") && lower.contains("gzip");
            }
        }
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    match path.as_str() {
        "/post" | "/post.md" => ok(
            &mut stream,
            "text/markdown; charset=utf-8",
            ESSAY.as_bytes(),
        ),
        "/plain" => ok(&mut stream, "text/plain; charset=utf-8", PLAIN.as_bytes()),
        "/page" => ok(&mut stream, "text/html; charset=utf-8", HTML.as_bytes()),
        "/untyped" => respond(&mut stream, "200 OK", "", &[], ESSAY.as_bytes()),
        "/empty" => ok(&mut stream, "text/plain", b"  \n"),
        "/gzip" => {
            // Compressed only for a client that asks: a test of the client's asking too.
            let (body, headers): (Vec<u8>, &[&str]) = if gzip_ok {
                (gzip(ESSAY.as_bytes()), &["Content-Encoding: gzip"])
            } else {
                (b"the client did not ask for gzip".to_vec(), &[])
            };
            respond(&mut stream, "200 OK", "text/markdown", headers, &body);
        }
        "/old" => redirect(&mut stream, "301 Moved Permanently", "/older"),
        "/older" => redirect(&mut stream, "302 Found", "post"),
        "/loop-a" => redirect(&mut stream, "301 Moved Permanently", "/loop-b"),
        "/loop-b" => redirect(&mut stream, "302 Found", "/loop-a"),
        "/missing" => respond(
            &mut stream,
            "404 Not Found",
            "text/html",
            &[],
            b"<h1>no</h1>",
        ),
        "/broken" => respond(
            &mut stream,
            "500 Internal Server Error",
            "text/plain",
            &[],
            b"oops",
        ),
        "/slow" => {
            std::thread::sleep(SLOW);
            ok(&mut stream, "text/markdown", ESSAY.as_bytes());
        }
        "/huge" => huge(&mut stream),
        // `/chain/N`: N redirects, each to a new address, then the essay.
        chain if chain.starts_with("/chain/") => match chain["/chain/".len()..].parse::<usize>() {
            Ok(0) | Err(_) => ok(&mut stream, "text/markdown", ESSAY.as_bytes()),
            Ok(n) => redirect(&mut stream, "302 Found", &format!("/chain/{}", n - 1)),
        },
        "/image" => ok(&mut stream, "image/png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        _ => respond(&mut stream, "404 Not Found", "text/plain", &[], b"not here"),
    }
}

fn ok(stream: &mut TcpStream, kind: &str, body: &[u8]) {
    respond(stream, "200 OK", kind, &[], body);
}

fn respond(stream: &mut TcpStream, status: &str, kind: &str, headers: &[&str], body: &[u8]) {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if !kind.is_empty() {
        head += &format!("Content-Type: {kind}\r\n");
    }
    for h in headers {
        head += &format!("{h}\r\n");
    }
    head += "\r\n";
    // The client may hang up first (a refused page); that is its business.
    let _ = stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(body));
}

fn redirect(stream: &mut TcpStream, status: &str, to: &str) {
    respond(
        stream,
        status,
        "text/plain",
        &[&format!("Location: {to}")],
        b"moved",
    );
}

/// 21 MB of text, one past the 20 MB cap, sent until the client stops reading.
fn huge(stream: &mut TcpStream) {
    const SIZE: usize = 21 * 1024 * 1024;
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {SIZE}\r\nConnection: close\r\n\r\n"
    );
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    let line = b"All work and no play makes a very long page indeed, line after line.\n";
    let chunk: Vec<u8> = line.iter().copied().cycle().take(64 * 1024).collect();
    let mut sent = 0;
    while sent < SIZE {
        let n = chunk.len().min(SIZE - sent);
        if stream.write_all(&chunk[..n]).is_err() {
            return;
        }
        sent += n;
    }
}

/// `data` as a gzip stream of stored (uncompressed) deflate blocks: what a server sends
/// as `Content-Encoding: gzip`, made without a compression crate.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
    let blocks: Vec<&[u8]> = if data.is_empty() {
        vec![&[]]
    } else {
        data.chunks(65_535).collect()
    };
    for (i, block) in blocks.iter().enumerate() {
        out.push(u8::from(i + 1 == blocks.len()));
        let len = u16::try_from(block.len()).expect("a stored block holds 65535 bytes");
        out.extend(len.to_le_bytes());
        out.extend((!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    out.extend(crc32(data).to_le_bytes());
    out.extend(u32::try_from(data.len()).expect("small").to_le_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
