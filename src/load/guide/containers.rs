//! `::: easy … :::` containers. Each level gets a copy of the body in which
//! every line it should not see is blanked with spaces. Byte offsets stay
//! the same, so every later position maps straight back to the source.

use crate::core::version::Level;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub struct ContainerError {
    /// Byte offset of the start of the offending line, within the body.
    pub offset: usize,
    pub message: String,
    pub hint: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LevelSet(u8);

impl LevelSet {
    pub const SHARED: LevelSet = LevelSet((1 << Level::COUNT) - 1);
    pub fn with(self, l: Level) -> Self {
        LevelSet(self.0 | 1 << l.index())
    }
    pub fn has(self, l: Level) -> bool {
        self.0 & (1 << l.index()) != 0
    }
}

/// A run of lines that belong to the same levels.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub bytes: Range<usize>,
    /// `None` for shared text outside containers.
    pub container: Option<LevelSet>,
    /// Byte offset of the opening `:::` line, for containers.
    pub opened_at: usize,
    /// Which section (part under one heading) this region sits in.
    pub section: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    /// Indexed by `Level::index()`.
    pub levels: [String; Level::COUNT],
    pub regions: Vec<Region>,
}

pub fn split(body: &str) -> Result<Split, Vec<ContainerError>> {
    let mut errors = Vec::new();
    let mut regions: Vec<Region> = Vec::new();
    let mut open: Option<(usize, LevelSet)> = None;
    let mut section = 0;
    let mut pos = 0;
    // Where code blocks are, as CommonMark (pulldown-cmark) sees the body:
    // a `:::` line inside one is code, not a container line.
    let mut code = CodeBlocks::of(body, 0);

    for line in body.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let text = line.trim_end_matches(['\n', '\r']);
        let trimmed = text.trim_start();
        let indent = text.len() - trimmed.len();
        let in_code = code.at(start);

        if indent < 4 && trimmed.starts_with(":::") {
            let is_code = match in_code {
                None => false,
                // Outside containers, a fence that is never closed runs to the end of the body.
                Some(_) if open.is_none() => true,
                Some(block) if block.closed => true,
                Some(block) => {
                    // Inside a container, a fence left open would swallow the
                    // closing `:::` and everything after it.
                    let (line, _) = crate::core::diagnostics::line_col(body, block.line_start);
                    errors.push(ContainerError {
                        offset: block.line_start,
                        message: format!("this code block is never closed, so it would run on past the end of its container (the `:::` on body line {})", crate::core::diagnostics::line_col(body, start).0),
                        hint: format!("Close the code block that starts on body line {line} with a line like its opening fence (such as {}) before the container's closing `:::`.", block.fence),
                    });
                    // Read on as if the `:::` had closed it.
                    code = CodeBlocks::of(&body[pos..], pos);
                    false
                }
            };
            if !is_code {
                container_line(body, start, trimmed, &mut open, &mut errors);
                continue;
            }
        }
        if open.is_none() && indent < 4 && in_code.is_none() && is_atx_heading(trimmed) {
            section += 1;
        }
        push(&mut regions, start..pos, open.map(|o| o.1), open.map_or(0, |o| o.0), section);
    }
    if let Some((opened, _)) = open {
        errors.push(ContainerError {
            offset: opened,
            message: "this container is never closed".into(),
            hint: "Add a line with just `:::` after the container's last line.".into(),
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    // A level with a fallback (large print) takes its own blocks in place
    // of its fallback's (plain's), section by section.
    let sections_with: [Vec<usize>; Level::COUNT] =
        Level::ALL.map(|l| regions.iter().filter(|r| r.container.is_some_and(|c| c.has(l))).map(|r| r.section).collect());
    let visible = |r: &Region, level: Level| -> bool {
        match r.container {
            None => true,
            Some(c) if c.has(level) => true,
            Some(c) => level.fallback().is_some_and(|f| c.has(f) && !sections_with[level.index()].contains(&r.section)),
        }
    };
    let levels = Level::ALL.map(|level| {
        let mut out = body.as_bytes().to_vec();
        let mut kept = 0;
        for r in &regions {
            if visible(r, level) {
                blank(&mut out[kept..r.bytes.start]);
                kept = r.bytes.end;
            }
        }
        blank(&mut out[kept..]);
        String::from_utf8(out).expect("only whole lines are blanked, with ASCII spaces")
    });
    Ok(Split { levels, regions })
}


/// An opening (`::: easy`) or closing (`:::`) line.
fn container_line(body: &str, start: usize, trimmed: &str, open: &mut Option<(usize, LevelSet)>, errors: &mut Vec<ContainerError>) {
    let rest = trimmed.trim_start_matches(':').trim();
    if rest.is_empty() {
        if open.take().is_none() {
            errors.push(ContainerError {
                offset: start,
                message: "this `:::` closes a container, but no container is open".into(),
                hint: "Remove it, or add an opening line such as `::: easy` above the text.".into(),
            });
        }
    } else if let Some((opened, _)) = *open {
        let (line, _) = crate::core::diagnostics::line_col(body, opened);
        errors.push(ContainerError {
            offset: start,
            message: format!("a container cannot sit inside another container (the one opened on body line {line} is still open)"),
            hint: "Close the first container with a line `:::` before opening the next.".into(),
        });
    } else {
        let mut set = LevelSet::default();
        let mut ok = true;
        for name in rest.split(|c: char| c.is_whitespace() || c == ',').filter(|s| !s.is_empty()) {
            match Level::parse(&name.to_ascii_lowercase()) {
                Some(l) => set = set.with(l),
                None => {
                    ok = false;
                    let near = Level::ids()
                        .max_by(|a, b| strsim::jaro_winkler(name, a).total_cmp(&strsim::jaro_winkler(name, b)))
                        .unwrap_or("easy");
                    errors.push(ContainerError {
                        offset: start,
                        message: format!("unknown reading level `{name}`"),
                        hint: format!("The levels are {}. Did you mean `{near}`?", Level::ids_in_words()),
                    });
                }
            }
        }
        // Open even on error, so the matching `:::` isn't reported too.
        *open = Some((start, if ok { set } else { LevelSet::default() }));
    }
}

#[derive(Debug, Clone, Copy)]
struct CodeBlock {
    start: usize,
    end: usize,
    /// Start of the line the block opens on.
    line_start: usize,
    /// Indented code, or a fence with its closing fence.
    closed: bool,
    /// The opening fence, for messages.
    fence: &'static str,
}

/// The code blocks of a text, in order, with a cursor for lines read in order.
struct CodeBlocks {
    blocks: Vec<CodeBlock>,
    next: usize,
}

impl CodeBlocks {
    /// Parse `text`, which starts at byte `base` of the body.
    fn of(text: &str, base: usize) -> CodeBlocks {
        use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
        let mut blocks = Vec::new();
        for (event, range) in Parser::new_ext(text, crate::load::guide::syntax::lint_options()).into_offset_iter() {
            let Event::Start(Tag::CodeBlock(kind)) = event else { continue };
            let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
            let (closed, fence) = match kind {
                CodeBlockKind::Indented => (true, "```"),
                CodeBlockKind::Fenced(_) => fence_closed(&text[range.clone()]),
            };
            blocks.push(CodeBlock { start: base + range.start, end: base + range.end, line_start: base + line_start, closed, fence });
        }
        CodeBlocks { blocks, next: 0 }
    }

    /// The code block holding the line that starts at `offset`. Offsets must come in order.
    fn at(&mut self, offset: usize) -> Option<CodeBlock> {
        while self.blocks.get(self.next).is_some_and(|b| b.end <= offset) {
            self.next += 1;
        }
        self.blocks.get(self.next).copied().filter(|b| b.start <= offset)
    }
}

/// Does a fenced code block's source end with a closing fence? Also returns the fence.
fn fence_closed(block: &str) -> (bool, &'static str) {
    let first = block.lines().next().unwrap_or("").trim_start();
    let ch = first.bytes().next().unwrap_or(b'`');
    let run = first.bytes().take_while(|&b| b == ch).count();
    let fence = if ch == b'~' { "~~~" } else { "```" };
    let mut lines = block.trim_end_matches(['\n', '\r']).lines();
    lines.next();
    let Some(last) = lines.last() else { return (false, fence) };
    let last = last.trim_start_matches(|c: char| c == '>' || c == ' ' || c == '\t');
    let n = last.bytes().take_while(|&b| b == ch).count();
    (n >= run && last[n..].trim().is_empty(), fence)
}

fn push(regions: &mut Vec<Region>, bytes: Range<usize>, container: Option<LevelSet>, opened_at: usize, section: usize) {
    if let Some(last) = regions.last_mut() {
        if last.container == container && last.bytes.end == bytes.start && last.section == section && last.opened_at == opened_at {
            last.bytes.end = bytes.end;
            return;
        }
    }
    regions.push(Region { bytes, container, opened_at, section });
}

fn is_atx_heading(t: &str) -> bool {
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && t[hashes..].chars().next().is_none_or(|c| c == ' ' || c == '\t')
}

/// Every byte but line breaks becomes a space; the length stays the same.
fn blank(bytes: &mut [u8]) {
    for b in bytes.iter_mut().filter(|b| **b != b'\n') {
        *b = b' ';
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One level's non-blank lines, joined with `|`.
    pub(super) fn level(src: &str, l: Level) -> String {
        let s = split(src).unwrap();
        s.levels[l.index()].lines().map(str::trim_end).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("|")
    }

    #[test]
    fn shared_blocks_go_everywhere_and_containers_only_to_their_levels() {
        let src = "# T\n\nshared\n\n::: easy\neasy text\n:::\n\n::: plain\nplain text\n:::\n";
        assert_eq!(level(src, Level::parse("easy").unwrap()), "# T|shared|easy text");
        assert_eq!(level(src, Level::parse("plain").unwrap()), "# T|shared|plain text");
        assert_eq!(level(src, Level::parse("large").unwrap()), "# T|shared|plain text");
    }

    #[test]
    fn several_levels_on_one_container() {
        let src = "::: easy plain\nboth\n:::\n";
        assert_eq!(level(src, Level::parse("easy").unwrap()), "both");
        assert_eq!(level(src, Level::parse("plain").unwrap()), "both");
    }

    #[test]
    fn large_replaces_plain_only_in_its_own_section() {
        let src = "## One\n::: plain\np1\n:::\n::: large\nl1\n:::\n## Two\n::: plain\np2\n:::\n";
        assert_eq!(level(src, Level::parse("large").unwrap()), "## One|l1|## Two|p2");
        assert_eq!(level(src, Level::parse("plain").unwrap()), "## One|p1|## Two|p2");
        assert_eq!(level(src, Level::parse("easy").unwrap()), "## One|## Two");
    }

    #[test]
    fn offsets_are_preserved() {
        let src = "a\n::: easy\nlöng\n:::\nb\n";
        let s = split(src).unwrap();
        for l in &s.levels {
            assert_eq!(l.len(), src.len());
        }
        let easy = &s.levels[Level::parse("easy").unwrap().index()];
        assert_eq!(easy.find("löng"), src.find("löng"));
        assert!(!s.levels[Level::parse("plain").unwrap().index()].contains("löng"));
    }

    #[test]
    fn unclosed_container_points_at_its_opening_line() {
        let src = "intro\n\n::: easy\ntext\n";
        let err = split(src).unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].offset, 7);
        assert!(err[0].message.contains("never closed"));
    }

    #[test]
    fn nested_container_is_an_error_at_the_inner_line() {
        let src = "::: easy\na\n::: plain\nb\n:::\n";
        let err = split(src).unwrap_err();
        assert_eq!(err[0].offset, src.find("::: plain").unwrap());
        assert!(err[0].message.contains("inside another"));
    }

    #[test]
    fn unknown_level_is_named_with_a_suggestion() {
        let err = split("::: esay\nx\n:::\n").unwrap_err();
        assert_eq!(err.len(), 1);
        assert!(err[0].message.contains("`esay`"));
        assert!(err[0].hint.contains("`easy`"));
    }

    #[test]
    fn stray_closing_fence_is_an_error() {
        let err = split("text\n:::\n").unwrap_err();
        assert_eq!(err[0].offset, 5);
    }

    #[test]
    fn colons_inside_code_fences_are_not_containers() {
        let src = "```\n::: easy\n```\nafter\n";
        assert_eq!(level(src, Level::parse("plain").unwrap()), "```|::: easy|```|after");
    }
}

#[cfg(test)]
mod fence_tests {
    use super::tests::level;
    use super::*;

    #[test]
    fn a_fence_opened_on_a_list_item_line_keeps_its_colon_lines() {
        let src = "- ```\n  ::: easy\n  x\n  :::\n  ```\nafter\n";
        for l in Level::ALL {
            assert_eq!(level(src, l), "- ```|  ::: easy|  x|  :::|  ```|after", "{l:?}");
        }
    }

    #[test]
    fn a_fence_in_a_block_quote_keeps_its_colon_lines() {
        let src = "> ~~~~\n::: easy\n> ~~~\n:::\n> ~~~~\n";
        // `::: easy` is not lazy text of a fence: it ends the block quote and
        // with it the fence, so it is a container line.
        assert!(split(src).is_ok());
        let src = "> ```\n> ::: easy\n> ```\n";
        assert_eq!(level(src, Level::parse("plain").unwrap()), "> ```|> ::: easy|> ```");
    }

    #[test]
    fn fence_rules_follow_commonmark() {
        // Four spaces is indented code after a blank line, not a fence.
        assert_eq!(level("para\n\n    ```\n::: easy\nx\n:::\n", Level::parse("plain").unwrap()), "para|    ```");
        // A shorter or different fence does not close a longer one.
        let src = "````\n```\n~~~~\n::: easy\n````\n";
        assert_eq!(level(src, Level::parse("plain").unwrap()), "````|```|~~~~|::: easy|````");
        // An info string with a backtick means it is not a fence.
        assert_eq!(level("``` a`b\n::: easy\nx\n:::\n", Level::parse("plain").unwrap()), "``` a`b");
        // Up to three spaces of indentation opens and closes a fence.
        assert_eq!(level("   ```\n::: easy\n   ```\n", Level::parse("plain").unwrap()), "   ```|::: easy|   ```");
        // A fence never closed runs to the end of the body.
        assert_eq!(level("```\n::: easy\nx\n", Level::parse("plain").unwrap()), "```|::: easy|x");
    }

    #[test]
    fn a_fence_left_open_inside_a_container_is_an_error_at_the_fence() {
        let src = "::: plain\nText.\n\n```\ncode\n:::\n\nAfter.\n";
        let err = split(src).unwrap_err();
        assert_eq!(err.len(), 1, "{err:?}");
        assert_eq!(err[0].offset, src.find("```").unwrap());
        assert!(err[0].message.contains("never closed"), "{}", err[0].message);
        // Closed, it is fine, and `:::` inside it stays code.
        let src = "::: plain\n```\n:::\n```\n:::\n";
        assert_eq!(level(src, Level::parse("plain").unwrap()), "```|:::|```");
        assert_eq!(level(src, Level::parse("easy").unwrap()), "");
    }

    #[test]
    fn headings_in_code_do_not_start_sections() {
        let src = "## One\n::: large\nl1\n:::\n```\n# not a heading\n```\n::: plain\np1\n:::\n";
        // p1 is still in section One, where large replaces plain.
        assert!(!level(src, Level::parse("large").unwrap()).contains("p1"));
    }
}
