//! Words, counted the way textstat counts them: whitespace-separated
//! tokens holding at least one letter or digit, so hyphenated words count
//! once and numbers count as words. Not tied to one language.

/// Words in a piece of text (textstat-compatible counting: hyphenated words
/// count once, numbers count as words, punctuation ignored).
///
/// Tokens are separated by whitespace, em dashes and ellipsis characters;
/// a token is a word when it holds a letter or a digit, and is returned
/// without its leading and trailing punctuation (`"(e.g.,"` → `"e.g"`).
pub fn words(text: &str) -> Vec<&str> {
    WordIter::new(text).collect()
}

pub(super) struct WordIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> WordIter<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        WordIter { text, pos: 0 }
    }
}

/// Separates tokens: whitespace, em dash, horizontal ellipsis.
#[inline]
fn is_token_sep(c: char) -> bool {
    c.is_whitespace() || c == '\u{2014}' || c == '\u{2026}'
}

impl<'a> Iterator for WordIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let b = self.text.as_bytes();
        let n = b.len();
        loop {
            // Skip separators.
            while self.pos < n {
                let c = b[self.pos];
                if c < 0x80 {
                    if c.is_ascii_whitespace() || c == 0x0b {
                        self.pos += 1;
                        continue;
                    }
                    break;
                }
                let ch = self.text[self.pos..].chars().next().unwrap();
                if is_token_sep(ch) {
                    self.pos += ch.len_utf8();
                    continue;
                }
                break;
            }
            if self.pos >= n {
                return None;
            }
            // Scan one token, noting the first and last alphanumeric char.
            let mut first = usize::MAX;
            let mut last_end = 0usize;
            while self.pos < n {
                let c = b[self.pos];
                if c < 0x80 {
                    if c.is_ascii_whitespace() || c == 0x0b {
                        break;
                    }
                    if c.is_ascii_alphanumeric() {
                        if first == usize::MAX {
                            first = self.pos;
                        }
                        last_end = self.pos + 1;
                    }
                    self.pos += 1;
                } else {
                    let ch = self.text[self.pos..].chars().next().unwrap();
                    if is_token_sep(ch) {
                        break;
                    }
                    let l = ch.len_utf8();
                    if ch.is_alphanumeric() {
                        if first == usize::MAX {
                            first = self.pos;
                        }
                        last_end = self.pos + l;
                    }
                    self.pos += l;
                }
            }
            if first != usize::MAX {
                return Some(&self.text[first..last_end]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn word_counting() {
        assert_eq!(
            words("A well-being check, e.g. for 4,200 people — today!"),
            vec![
                "A",
                "well-being",
                "check",
                "e.g",
                "for",
                "4,200",
                "people",
                "today"
            ]
        );
        assert_eq!(
            words("\"Don't,\" she said & left (quickly)."),
            vec!["Don't", "she", "said", "left", "quickly"]
        );
        assert!(words(" -- ... ").is_empty());
    }
}
