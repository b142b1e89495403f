//! A static file server for the preview: GET and HEAD of files under one
//! directory (and the POSTs the endpoints take), one thread per connection,
//! one request per connection.
//!
//! It is a development tool bound to loopback, not a web server: no caching,
//! no ranges, no keep-alive. It must never serve anything outside its root.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use crate::endpoints::{Endpoints, Header, Reply, Route, MAX_FORM_BYTES};

/// How many ports after the requested one we try before giving up.
const PORT_ATTEMPTS: u16 = 20;
/// Headers past this are not a browser talking to us.
const MAX_HEAD_BYTES: u64 = 16 * 1024;

/// Binds `host:port`, or the first free port after it.
pub fn bind(host: &str, port: u16) -> Result<TcpListener, String> {
    let mut last_error = None;
    for candidate in port..=port.saturating_add(PORT_ATTEMPTS) {
        match TcpListener::bind((host, candidate)) {
            Ok(listener) => return Ok(listener),
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => last_error = Some(e),
            Err(e) => return Err(format!("cannot listen on {host}:{candidate}: {e}")),
        }
    }
    Err(format!(
        "ports {port} to {} on {host} are all taken ({})",
        port.saturating_add(PORT_ATTEMPTS),
        last_error.map_or_else(String::new, |e| e.to_string())
    ))
}

/// Serves `root`, plus whatever `endpoints` routes, until the process is killed.
pub fn serve(listener: TcpListener, root: &Path, endpoints: Endpoints) -> Result<(), String> {
    let endpoints = Arc::new(endpoints);
    let root = Arc::new(
        root.canonicalize()
            .map_err(|e| format!("{}: {e}", root.display()))?,
    );
    for stream in listener.incoming() {
        // A connection that failed before we saw it concerns that client only.
        let Ok(stream) = stream else { continue };
        let root = Arc::clone(&root);
        let endpoints = Arc::clone(&endpoints);
        std::thread::spawn(move || {
            // Clients that hang up mid-response are normal for a preview
            // (reloads, cancelled navigations): nothing to report.
            let _ = handle(stream, &root, &endpoints);
        });
    }
    Ok(())
}

fn handle(mut stream: TcpStream, root: &Path, endpoints: &Endpoints) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut request_line = String::new();
    let mut reader = BufReader::new((&stream).take(MAX_HEAD_BYTES));
    reader.read_line(&mut request_line)?;
    // Drain the headers so the client sees a clean close, not a reset;
    // keep the two a POST body needs.
    let mut header = String::new();
    let (mut length, mut content_type) = (None, String::new());
    while reader.read_line(&mut header)? > 2 {
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            } else if name.eq_ignore_ascii_case("content-type") {
                content_type = value.trim().to_owned();
            }
        }
        header.clear();
    }
    let mut words = request_line.split_whitespace();
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let response = match method {
        "GET" | "HEAD" => route(root, endpoints, target),
        "POST" => match length {
            Some(length) if length <= MAX_FORM_BYTES => {
                // The body may be partly in the reader's buffer already.
                let buffered = reader.buffer().len() as u64;
                reader
                    .get_mut()
                    .set_limit((length as u64).saturating_sub(buffered));
                let mut body = vec![0; length];
                reader.read_exact(&mut body)?;
                match endpoints.post(target, &content_type, &body) {
                    Some(reply) => Response::reply(reply),
                    None => Response::error(405, "Method Not Allowed"),
                }
            }
            Some(_) => Response::error(413, "Content Too Large"),
            None => Response::error(411, "Length Required"),
        },
        _ => Response::error(405, "Method Not Allowed"),
    };
    response.write_to(&mut stream, method == "HEAD")
}

struct Response {
    status: u16,
    reason: &'static str,
    content_type: &'static str,
    location: Option<String>,
    headers: Vec<Header>,
    body: Body,
}

enum Body {
    Text(String),
    File(File, u64),
}

impl Response {
    fn error(status: u16, reason: &'static str) -> Self {
        Response {
            status,
            reason,
            content_type: "text/plain; charset=utf-8",
            location: None,
            headers: Vec::new(),
            body: Body::Text(format!("{status} {reason}\n")),
        }
    }

    fn reply(reply: Reply) -> Self {
        Response {
            status: reply.status,
            reason: reply.reason,
            content_type: reply.content_type,
            location: None,
            headers: reply.headers,
            body: Body::Text(reply.body),
        }
    }

    fn write_to(self, stream: &mut TcpStream, head_only: bool) -> io::Result<()> {
        let length = match &self.body {
            Body::Text(text) => text.len() as u64,
            Body::File(_, length) => *length,
        };
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {length}\r\n\
             Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
            self.status, self.reason, self.content_type
        );
        if let Some(location) = &self.location {
            head.push_str(&format!("Location: {location}\r\n"));
        }
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes())?;
        if !head_only {
            match self.body {
                Body::Text(text) => stream.write_all(text.as_bytes())?,
                Body::File(mut file, _) => {
                    io::copy(&mut file, stream)?;
                }
            }
        }
        stream.flush()
    }
}

fn route(root: &Path, endpoints: &Endpoints, target: &str) -> Response {
    match endpoints.route(target) {
        Route::Site => respond(root, target),
        Route::File {
            root,
            target,
            headers,
        } => Response {
            headers,
            ..respond(&root, &target)
        },
        Route::SiteFile { target, headers } => Response {
            headers,
            ..respond(root, &target)
        },
        Route::Reply(reply) => {
            // Only this connection's thread waits, so a slow endpoint
            // delays nothing else the page loads.
            std::thread::sleep(reply.delay);
            Response::reply(reply)
        }
    }
}

/// Maps a request target to a response. `root` must be canonical.
fn respond(root: &Path, target: &str) -> Response {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Some(decoded) = percent_decode(path) else {
        return Response::error(400, "Bad Request");
    };
    if !decoded.starts_with('/') {
        return Response::error(400, "Bad Request");
    }
    let mut file = root.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Response::error(403, "Forbidden"),
            s if s.contains(['\\', '\0']) => return Response::error(400, "Bad Request"),
            s => file.push(s),
        }
    }
    if file.is_dir() {
        if !decoded.ends_with('/') {
            // Relative links in the index resolve against the directory only
            // when the URL ends in a slash.
            return Response {
                location: Some(format!("{path}/")),
                ..Response::error(301, "Moved Permanently")
            };
        }
        file.push("index.html");
    }
    // Symlinks could still lead out of the root even without `..`.
    let Ok(real) = file.canonicalize() else {
        return Response::error(404, "Not Found");
    };
    if !real.starts_with(root) {
        return Response::error(403, "Forbidden");
    }
    match File::open(&real).and_then(|f| Ok((f.metadata()?.len(), f))) {
        Ok((length, opened)) if real.is_file() => Response {
            status: 200,
            reason: "OK",
            content_type: content_type(&real),
            location: None,
            headers: Vec::new(),
            body: Body::File(opened, length),
        },
        _ => Response::error(404, "Not Found"),
    }
}

fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        // Token outputs people open to read, not to run.
        "txt" | "md" | "scss" | "ts" | "rs" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// A throwaway site: index, a stylesheet, a nested page, and a file
    /// beside the root that must stay unreachable.
    struct Site {
        base: PathBuf,
        root: PathBuf,
    }

    impl Site {
        fn new(name: &str) -> Site {
            let base =
                std::env::temp_dir().join(format!("xtask-serve-{}-{name}", std::process::id()));
            let root = base.join("site");
            std::fs::create_dir_all(root.join("tokens")).unwrap();
            std::fs::write(root.join("index.html"), "<h1>home</h1>").unwrap();
            std::fs::write(root.join("tokens/tokens.css"), ":root{}").unwrap();
            std::fs::write(root.join("tokens/index.html"), "tokens").unwrap();
            std::fs::write(base.join("secret.txt"), "secret").unwrap();
            let root = root.canonicalize().unwrap();
            Site { base, root }
        }

        fn get(&self, target: &str) -> Response {
            respond(&self.root, target)
        }
    }

    impl Drop for Site {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.base);
        }
    }

    #[test]
    fn serves_files_with_their_content_type() {
        let site = Site::new("types");
        let css = site.get("/tokens/tokens.css?v=1");
        assert_eq!(css.status, 200);
        assert_eq!(css.content_type, "text/css; charset=utf-8");
        assert!(matches!(css.body, Body::File(_, 7)));
    }

    #[test]
    fn directories_serve_their_index() {
        let site = Site::new("index");
        assert_eq!(site.get("/").status, 200);
        assert_eq!(site.get("/tokens/").status, 200);
    }

    #[test]
    fn a_directory_without_slash_redirects_so_relative_links_work() {
        let site = Site::new("redirect");
        let response = site.get("/tokens");
        assert_eq!(response.status, 301);
        assert_eq!(response.location.as_deref(), Some("/tokens/"));
    }

    #[test]
    fn missing_files_are_404() {
        let site = Site::new("missing");
        assert_eq!(site.get("/nope.js").status, 404);
    }

    #[test]
    fn parent_segments_are_refused_even_when_encoded() {
        let site = Site::new("traversal");
        for target in [
            "/../secret.txt",
            "/tokens/../../secret.txt",
            "/%2e%2e/secret.txt",
        ] {
            assert_eq!(site.get(target).status, 403, "{target}");
        }
        assert_eq!(site.get("/..%5csecret.txt").status, 400);
    }

    #[test]
    fn symlinks_out_of_the_root_are_refused() {
        let site = Site::new("symlink");
        std::os::unix::fs::symlink(site.base.join("secret.txt"), site.root.join("link.txt"))
            .unwrap();
        assert_eq!(site.get("/link.txt").status, 403);
    }

    fn over_tcp(address: std::net::SocketAddr, request: &str) -> String {
        let mut stream = TcpStream::connect(address).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    }

    #[test]
    fn answers_real_http_requests_and_takes_the_next_free_port() {
        let site = Site::new("tcp");
        let taken = bind("127.0.0.1", 0).unwrap();
        let port = taken.local_addr().unwrap().port();
        let listener = bind("127.0.0.1", port).unwrap();
        let address = listener.local_addr().unwrap();
        assert_ne!(address.port(), port);
        let root = site.root.clone();
        std::thread::spawn(move || serve(listener, &root, Endpoints::default()));

        let get = over_tcp(
            address,
            "GET /tokens/tokens.css HTTP/1.1\r\nHost: x\r\n\r\n",
        );
        assert!(get.starts_with("HTTP/1.1 200 OK\r\n"), "{get}");
        assert!(get.contains("Content-Type: text/css; charset=utf-8\r\n"));
        assert!(get.ends_with("\r\n\r\n:root{}"));
        let head = over_tcp(address, "HEAD /index.html HTTP/1.1\r\n\r\n");
        assert!(head.contains("Content-Length: 13\r\n") && head.ends_with("\r\n\r\n"));
        let post = over_tcp(address, "POST / HTTP/1.1\r\n\r\n");
        assert!(post.starts_with("HTTP/1.1 411"), "{post}");
        let post = over_tcp(address, "POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        assert!(post.starts_with("HTTP/1.1 405"), "{post}");
        let huge = format!(
            "POST /login/submit HTTP/1.1\r\nContent-Length: {}\r\n\r\n",
            MAX_FORM_BYTES + 1
        );
        assert!(over_tcp(address, &huge).starts_with("HTTP/1.1 413"));
    }

    #[test]
    fn wasm_is_served_as_application_wasm() {
        assert_eq!(
            content_type(Path::new("pkg/widgets_bg.wasm")),
            "application/wasm"
        );
        assert_eq!(content_type(Path::new("fonts/inter.woff2")), "font/woff2");
        assert_eq!(
            content_type(Path::new("a/b.mjs")),
            "text/javascript; charset=utf-8"
        );
    }

    #[test]
    fn percent_decoding_rejects_broken_escapes() {
        assert_eq!(percent_decode("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(percent_decode("/a%2"), None);
        assert_eq!(percent_decode("/a%zz"), None);
    }
}
