//! What `serve` adds to every HTML page it sends: the live-reload script
//! and, while the site has errors, the error banner. Files on disk are
//! never changed.

use super::PREFIX;

/// Add the live-reload script before `</body>` and, unless `banner` is
/// empty, the banner after `<body>`.
pub fn inject(html: &[u8], generation: u64, banner: &str) -> Vec<u8> {
    let script = format!("<script src=\"{PREFIX}reload.js\" data-generation=\"{generation}\"></script>");
    let mut out = Vec::with_capacity(html.len() + script.len() + banner.len());
    let body_open = find_ci(html, b"<body").and_then(|i| html[i..].iter().position(|&b| b == b'>').map(|j| i + j + 1));
    let body_close = rfind_ci(html, b"</body");
    match (banner.is_empty(), body_open) {
        (false, Some(i)) => {
            out.extend_from_slice(&html[..i]);
            out.extend_from_slice(banner.as_bytes());
            push_with_script(&mut out, &html[i..], body_close.map(|c| c - i), &script);
        }
        (false, None) => {
            out.extend_from_slice(banner.as_bytes());
            push_with_script(&mut out, html, body_close, &script);
        }
        _ => push_with_script(&mut out, html, body_close, &script),
    }
    out
}

fn push_with_script(out: &mut Vec<u8>, html: &[u8], close: Option<usize>, script: &str) {
    match close {
        Some(c) => {
            out.extend_from_slice(&html[..c]);
            out.extend_from_slice(script.as_bytes());
            out.extend_from_slice(&html[c..]);
        }
        None => {
            out.extend_from_slice(html);
            out.extend_from_slice(script.as_bytes());
        }
    }
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

fn rfind_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diagnostics::Diagnostic;
    use crate::serve::banner::Banner;

    #[test]
    fn injects_script_and_escaped_banner() {
        let d = Diagnostic::error(crate::core::diagnostics::Rule::ServeBuild, "content/guides/a.md", "bad <script>alert(1)</script>").at(3, 1);
        let banner = Banner::builtin().render(&[d], "/__easyinfo/serve.css");
        let html = String::from_utf8(inject(b"<html><body class=\"x\"><p>hi</p></BODY></html>", 7, &banner)).unwrap();
        assert!(html.contains("<script src=\"/__easyinfo/reload.js\" data-generation=\"7\"></script></BODY>"), "{html}");
        assert!(html.contains("<body class=\"x\"><link rel=\"stylesheet\""), "{html}");
        assert!(html.contains("role=\"alert\""));
        assert!(html.contains("bad &lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.contains("<script>alert"));
        let clean = String::from_utf8(inject(b"<p>no body</p>", 1, "")).unwrap();
        assert!(clean.ends_with("</script>"));
        assert!(!clean.contains("role=\"alert\""));
    }
}
