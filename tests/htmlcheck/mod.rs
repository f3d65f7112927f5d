//! A small HTML tag tokenizer for tests: enough of the WHATWG rules to find
//! every start tag with its attributes (quoted, unquoted or bare), end tags,
//! comments and raw text (`script`, `style`, `textarea`, `title`), so tests
//! can check balance and look for event handlers and scripts without a
//! full HTML5 parser.
#![allow(dead_code)]

#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    Start { name: String, attrs: Vec<(String, String)>, self_closing: bool, offset: usize },
    End { name: String, offset: usize },
    /// Text inside `script`/`style`/`textarea`/`title`.
    RawText { parent: String, text: String },
}

pub const VOID: &[&str] = &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];
const RAW: &[&str] = &["script", "style", "textarea", "title"];

pub fn tokens(html: &str) -> Vec<Token> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let start = i;
        if html[i..].starts_with("<!--") {
            i = html[i + 4..].find("-->").map_or(b.len(), |e| i + 4 + e + 3);
            continue;
        }
        if html[i..].starts_with("<!") || html[i..].starts_with("<?") {
            i = html[i..].find('>').map_or(b.len(), |e| i + e + 1);
            continue;
        }
        let closing = b.get(i + 1) == Some(&b'/');
        let name_start = i + 1 + closing as usize;
        if !b.get(name_start).is_some_and(|c| c.is_ascii_alphabetic()) {
            i += 1;
            continue;
        }
        let mut j = name_start;
        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'/' && b[j] != b'>' {
            j += 1;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        // Attributes.
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || (b[j] == b'/' && b.get(j + 1) != Some(&b'>'))) {
                j += 1;
            }
            if j >= b.len() {
                break;
            }
            if b[j] == b'>' {
                j += 1;
                break;
            }
            if b[j] == b'/' {
                self_closing = true;
                j += 2;
                break;
            }
            let an = j;
            j += 1; // an attribute name may start with `=`
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'/' | b'>' | b'=') {
                j += 1;
            }
            let aname = html[an..j].to_ascii_lowercase();
            let mut k = j;
            while k < b.len() && b[k].is_ascii_whitespace() {
                k += 1;
            }
            let mut value = String::new();
            if b.get(k) == Some(&b'=') {
                k += 1;
                while k < b.len() && b[k].is_ascii_whitespace() {
                    k += 1;
                }
                match b.get(k) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = html[k + 1..].find(q as char).map_or(b.len(), |e| k + 1 + e);
                        value = html[k + 1..end].to_string();
                        k = (end + 1).min(b.len());
                    }
                    _ => {
                        let vs = k;
                        while k < b.len() && !b[k].is_ascii_whitespace() && b[k] != b'>' {
                            k += 1;
                        }
                        value = html[vs..k].to_string();
                    }
                }
                j = k;
            }
            attrs.push((aname, decode(&value)));
        }
        i = j;
        if closing {
            out.push(Token::End { name, offset: start });
            continue;
        }
        let raw = RAW.contains(&name.as_str());
        out.push(Token::Start { name: name.clone(), attrs, self_closing, offset: start });
        if raw {
            let close = format!("</{name}");
            let end = html[i..].to_ascii_lowercase().find(&close).map_or(b.len(), |e| i + e);
            out.push(Token::RawText { parent: name.clone(), text: html[i..end].to_string() });
            i = end;
        }
    }
    out
}

/// Enough entity decoding to see through `&#106;avascript:` and friends.
pub fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest.find(';').filter(|&e| e < 12);
        let Some(e) = end else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..e];
        let c = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" | "#39" => Some('\''),
            "colon" => Some(':'),
            "Tab" => Some('\t'),
            "NewLine" => Some('\n'),
            _ if ent.starts_with("#x") || ent.starts_with("#X") => u32::from_str_radix(&ent[2..], 16).ok().and_then(char::from_u32),
            _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Check that start and end tags nest properly. Void elements need no end.
/// Returns a description of the first problem.
pub fn balanced(html: &str) -> Result<(), String> {
    let mut stack: Vec<(String, usize)> = Vec::new();
    for t in tokens(html) {
        match t {
            Token::Start { name, self_closing, offset, .. } => {
                if !VOID.contains(&name.as_str()) && !self_closing {
                    stack.push((name, offset));
                }
            }
            Token::End { name, offset } => {
                if VOID.contains(&name.as_str()) {
                    return Err(format!("end tag for void element </{name}> at byte {offset}"));
                }
                match stack.pop() {
                    Some((open, _)) if open == name => {}
                    Some((open, at)) => return Err(format!("</{name}> at byte {offset} closes <{open}> opened at byte {at}")),
                    None => return Err(format!("</{name}> at byte {offset} closes nothing")),
                }
            }
            Token::RawText { .. } => {}
        }
    }
    match stack.pop() {
        Some((open, at)) => Err(format!("<{open}> opened at byte {at} is never closed")),
        None => Ok(()),
    }
}

/// A URL a browser would run as script: `javascript:`, `vbscript:`, or
/// `data:` with HTML, after removing the characters browsers ignore.
pub fn is_script_url(url: &str) -> bool {
    let cleaned: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
    cleaned.starts_with("javascript:") || cleaned.starts_with("vbscript:") || cleaned.starts_with("data:text/html")
}

/// Everything in a page that could run script: event handler attributes,
/// script URLs in link-like attributes, inline scripts (other than JSON-LD),
/// and `<script src>` pointing at another host. Empty when the page is safe.
pub fn script_hazards(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let toks = tokens(html);
    for (n, t) in toks.iter().enumerate() {
        let Token::Start { name, attrs, .. } = t else { continue };
        for (a, v) in attrs {
            if a.starts_with("on") && a.len() > 2 {
                out.push(format!("<{name} {a}=\"{v}\">: an inline event handler"));
            }
            if ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"].contains(&a.as_str()) && is_script_url(v) {
                out.push(format!("<{name} {a}=\"{v}\">: a script URL"));
            }
            if a == "srcdoc" {
                out.push(format!("<{name} srcdoc>: inline document"));
            }
            if name == "meta" && a == "http-equiv" && v.eq_ignore_ascii_case("refresh") {
                out.push("<meta http-equiv=refresh>".into());
            }
        }
        if ["iframe", "object", "embed", "base", "frame", "frameset"].contains(&name.as_str()) {
            out.push(format!("<{name}> element"));
        }
        if name == "script" {
            let get = |k: &str| attrs.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_str());
            let is_json = get("type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json") || t.eq_ignore_ascii_case("application/json"));
            match get("src") {
                Some(src) => {
                    if src.contains("://") || src.starts_with("//") || is_script_url(src) {
                        out.push(format!("<script src=\"{src}\">: from another host"));
                    }
                }
                None if is_json => {
                    // JSON inside a script element must not be able to end it.
                    if let Some(Token::RawText { text, .. }) = toks.get(n + 1) {
                        if text.to_ascii_lowercase().contains("<!--") {
                            out.push("JSON-LD holding `<!--`".into());
                        }
                    }
                }
                None => {
                    let body = match toks.get(n + 1) {
                        Some(Token::RawText { text, .. }) => text.trim(),
                        _ => "",
                    };
                    out.push(format!("inline <script> without src: {:?}", &body[..body.len().min(60)]));
                }
            }
        }
    }
    out
}

/// The page's Content-Security-Policy from its `<meta http-equiv>`.
pub fn csp(html: &str) -> Option<String> {
    tokens(html).into_iter().find_map(|t| match t {
        Token::Start { name, attrs, .. } if name == "meta" => {
            let equiv = attrs.iter().any(|(a, v)| a == "http-equiv" && v.eq_ignore_ascii_case("content-security-policy"));
            equiv.then(|| attrs.iter().find(|(a, _)| a == "content").map(|(_, v)| v.clone())).flatten()
        }
        _ => None,
    })
}

/// The sources one CSP directive allows (`script-src` falls back to `default-src`).
pub fn directive(csp: &str, name: &str) -> Option<Vec<String>> {
    let find = |n: &str| {
        csp.split(';').map(str::trim).find_map(|d| {
            let mut parts = d.split_whitespace();
            (parts.next()? == n).then(|| parts.map(str::to_string).collect::<Vec<_>>())
        })
    };
    find(name).or_else(|| if name.ends_with("-src") { find("default-src") } else { None })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_finds_unquoted_and_odd_attributes() {
        let t = tokens(r#"<a href=x onclick=alert(1)>y</a><img src=x onerror="a"/><p =x>"#);
        let hz = script_hazards(r#"<a href=x onclick=alert(1)>y</a><img src="x" onerror="a">"#);
        assert_eq!(hz.len(), 2, "{hz:?}");
        assert!(matches!(&t[0], Token::Start { name, attrs, .. } if name == "a" && attrs.len() == 2));
    }

    #[test]
    fn balance() {
        assert!(balanced("<div><p>a<br>b</p><img src=x></div>").is_ok());
        assert!(balanced("<div><p>a</div></p>").is_err());
        assert!(balanced("<div>").is_err());
        assert!(balanced("<script>if (a<b) {}</script>").is_ok());
        assert!(balanced("<!-- <div> -->").is_ok());
    }

    #[test]
    fn script_urls_through_entities_and_spaces() {
        assert!(script_hazards("<a href=\"&#106;avascript:alert(1)\">x</a>").len() == 1);
        assert!(script_hazards("<a href=\" java\tscript:alert(1)\">x</a>").len() == 1);
        assert!(script_hazards("<a href=\"https://example.org/javascript:\">x</a>").is_empty());
    }
}
