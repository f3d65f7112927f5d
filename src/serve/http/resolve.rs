//! Where a request may lead: the `Host` check, the path check that keeps
//! every answer inside the output folder, and content types.

use std::path::{Path, PathBuf};

/// Whether a `Host` header names this machine's loopback address:
/// `127.0.0.1`, `localhost` or `[::1]`, with any port or none, in any case.
pub fn host_allowed(host: &str) -> bool {
    let host = host.trim().to_ascii_lowercase();
    let port_ok = |p: &str| p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit());
    let name = if let Some(rest) = host.strip_prefix('[') {
        let Some((name, after)) = rest.split_once(']') else { return false };
        if !after.is_empty() && !after.strip_prefix(':').is_some_and(port_ok) {
            return false;
        }
        return name == "::1";
    } else {
        match host.split_once(':') {
            Some((name, port)) if port_ok(port) => name.to_string(),
            Some(_) => return false,
            None => host,
        }
    };
    name == "127.0.0.1" || name == "localhost"
}

/// Where a request target leads, inside the output folder `out` (canonical).
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    File(PathBuf),
    /// A folder asked for without its trailing slash: relative links need it.
    Redirect(String),
    NotFound,
    Bad(&'static str),
}

pub fn resolve(out: &Path, target: &str) -> Resolved {
    if !target.starts_with('/') {
        return Resolved::Bad("the address must start with /");
    }
    let path = target.split(['?', '#']).next().unwrap_or("");
    let lower = path.to_ascii_lowercase();
    if path.contains('\\') || lower.contains("%5c") {
        return Resolved::Bad("backslashes are not allowed");
    }
    if lower.contains("%2f") {
        return Resolved::Bad("encoded slashes are not allowed");
    }
    if lower.contains("%00") {
        return Resolved::Bad("NUL is not allowed");
    }
    let decoded = match percent_encoding::percent_decode_str(path).decode_utf8() {
        Ok(d) => d,
        Err(_) => return Resolved::Bad("the address is not UTF-8"),
    };
    if decoded.chars().any(|c| c.is_control() || c == '\\') {
        return Resolved::Bad("control characters are not allowed");
    }
    let mut rel = PathBuf::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return Resolved::Bad("`..` is not allowed"),
            s if s.starts_with('.') => return Resolved::NotFound,
            s if s.contains(':') => return Resolved::Bad("`:` is not allowed"),
            s => rel.push(s),
        }
    }
    let mut candidate = out.join(&rel);
    if candidate.is_dir() {
        if !path.ends_with('/') {
            // Rebuilt from the path's own segments, so it always starts with
            // exactly one slash: `//host/x` would send the browser to `host`.
            let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty() && *s != "." && !s.eq_ignore_ascii_case("%2e")).collect();
            return Resolved::Redirect(if segs.is_empty() { "/".to_string() } else { format!("/{}/", segs.join("/")) });
        }
        candidate.push("index.html");
    }
    let Ok(real) = candidate.canonicalize() else { return Resolved::NotFound };
    if !real.starts_with(out) || !real.is_file() {
        return Resolved::NotFound;
    }
    Resolved::File(real)
}

pub fn content_type(path: &Path) -> &'static str {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" | "md" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        "mp3" => "audio/mpeg",
        "ogg" | "opus" => "audio/ogg",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("out");
        std::fs::create_dir_all(out.join("easy/guides/a")).unwrap();
        std::fs::write(out.join("index.html"), "<html><body>home</body></html>").unwrap();
        std::fs::write(out.join("easy/guides/a/index.html"), "a").unwrap();
        std::fs::write(t.path().join("secret.txt"), "secret").unwrap();
        let out = out.canonicalize().unwrap();
        (t, out)
    }

    #[test]
    fn resolves_files_and_folders() {
        let (_t, out) = site();
        assert_eq!(resolve(&out, "/"), Resolved::File(out.join("index.html")));
        assert_eq!(resolve(&out, "/easy/guides/a/"), Resolved::File(out.join("easy/guides/a/index.html")));
        assert_eq!(resolve(&out, "/easy/guides/a"), Resolved::Redirect("/easy/guides/a/".into()));
        assert_eq!(resolve(&out, "/easy/guides/a/index.html?x=1"), Resolved::File(out.join("easy/guides/a/index.html")));
        assert_eq!(resolve(&out, "/nope.html"), Resolved::NotFound);
    }

    #[test]
    fn redirects_only_to_single_slash_paths() {
        let (_t, out) = site();
        assert_eq!(resolve(&out, "//easy"), Resolved::Redirect("/easy/".into()));
        assert_eq!(resolve(&out, "///easy//guides/a"), Resolved::Redirect("/easy/guides/a/".into()));
        assert_eq!(resolve(&out, "/./easy/%2e/guides/a?x"), Resolved::Redirect("/easy/guides/a/".into()));
        assert_eq!(resolve(&out, "//easy/guides//a/"), Resolved::File(out.join("easy/guides/a/index.html")));
        assert_eq!(resolve(&out, "//."), Resolved::Redirect("/".into()));
    }

    #[test]
    fn hosts() {
        for ok in ["127.0.0.1", "127.0.0.1:8000", "localhost", "LocalHost:1", "localhost:", "[::1]", "[::1]:65535", " localhost:80 "] {
            assert!(host_allowed(ok), "{ok}");
        }
        for bad in ["", "evil.example", "evil.example:8000", "127.0.0.2", "127.0.0.1.evil.example", "localhost.evil.example:80", "localhost:80:80", "localhost:http", "[::2]", "[::1", "[::1]x", "[::1]:123456", "0.0.0.0", "127.1", "localhost@evil.example"] {
            assert!(!host_allowed(bad), "{bad}");
        }
    }

    #[test]
    fn refuses_traversal() {
        let (_t, out) = site();
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/..%2fsecret.txt",
            "/easy/..%5c..%5csecret.txt",
            "/easy\\..\\..\\secret.txt",
            "/index.html%00.png",
            "/easy/%2e%2e/%2e%2e/secret.txt",
            "secret.txt",
            "/%ff",
        ] {
            assert!(matches!(resolve(&out, bad), Resolved::Bad(_)), "{bad}: {:?}", resolve(&out, bad));
        }
        assert_eq!(resolve(&out, "/.hidden"), Resolved::NotFound);
        // Double encoding is only ever a strange file name.
        assert_eq!(resolve(&out, "/%252e%252e/secret.txt"), Resolved::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn refuses_links_that_point_out() {
        let (t, out) = site();
        std::os::unix::fs::symlink(t.path().join("secret.txt"), out.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(t.path(), out.join("up")).unwrap();
        assert_eq!(resolve(&out, "/leak.txt"), Resolved::NotFound);
        assert_eq!(resolve(&out, "/up/secret.txt"), Resolved::NotFound);
    }

    #[test]
    fn content_types() {
        for (f, t) in [("a.html", "text/html"), ("a.css", "text/css"), ("a.js", "text/javascript"), ("a.svg", "image/svg+xml"), ("a.png", "image/png"), ("a.JPG", "image/jpeg"), ("a.xml", "application/xml"), ("a.json", "application/json"), ("a.woff2", "font/woff2")] {
            assert!(content_type(Path::new(f)).starts_with(t), "{f}");
        }
    }
}
