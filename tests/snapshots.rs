//! Snapshot tests of one small guide rendered in each version. Review
//! changes with `cargo insta review` (or set INSTA_UPDATE=always).

use crate::util;
use crate::util::TestSite;

const GUIDE: &str = r#"---
title:
  easy: Money for support
  plain: Paying for your support
summary: How the council can pay for support.
reviewed: 2026-11-01
lint:
  allow: [content/stale]
---

# Paying for your support

## Getting money

::: easy
![A purse with coins](pictures/p.svg)
The council can give you a direct payment.

![A purse with coins](pictures/p.svg)

You choose who helps you.
:::

::: plain
The council can give you a direct payment. You can use it to pay for the support you choose, with help from an advocate.
:::

## Contact

Phone 01234 567890. See [the glossary](@/glossary).
"#;

fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("main");
    let end = html.find("</main>").expect("/main") + "</main>".len();
    html[start..end].replace("><", ">\n<")
}

fn built() -> TestSite {
    let t = TestSite::new();
    t.guide("money", GUIDE);
    t.build().ok();
    t
}

#[test]
fn easy_read_version() {
    let t = built();
    insta::assert_snapshot!(main_of(&t.read("public/easy/guides/money/index.html")));
}

#[test]
fn plain_version() {
    let t = built();
    insta::assert_snapshot!(main_of(&t.read("public/plain/guides/money/index.html")));
}

#[test]
fn large_print_version() {
    let t = built();
    insta::assert_snapshot!(main_of(&t.read("public/large/guides/money/index.html")));
}

// No silent Markdown loss (issue 11): each case through the real binary,
// in every version, with the site's sources unchanged by the build.

fn build_all(body: &str) -> (TestSite, Vec<String>) {
    let t = TestSite::new();
    t.guide("g", &format!("---\ntitle: Money\nreviewed: {}\n---\n\n{body}", util::today()));
    let before = util::snapshot(&t.path("content"));
    t.build().ok();
    assert_eq!(util::snapshot(&t.path("content")), before, "the build changed the sources");
    let pages = ["easy", "plain", "large"].map(|v| t.read(&format!("public/{v}/guides/g/index.html"))).to_vec();
    (t, pages)
}

fn one_h1(html: &str) {
    assert_eq!(html.matches("<h1").count(), 1, "{html}");
}

#[test]
fn a_heading_one_that_is_not_the_title_is_kept_as_a_heading_two() {
    let (_t, pages) = build_all("You can get money.\n\n# Part one\n\nAsk the council.\n");
    for html in &pages {
        assert!(main_of(html).replace('"', "").contains("<h2 id=part-one>Part one</h2>"), "{html}");
        one_h1(html);
    }
    // A heading that repeats the title is the title, shown once.
    let (_t, pages) = build_all("# Money\n\nYou can get money.\n\n# Part one\n\nAsk.\n");
    for html in &pages {
        assert_eq!(main_of(html).matches(">Money</").count(), 1, "{html}");
        assert!(main_of(html).replace('"', "").contains("<h2 id=part-one>Part one</h2>"), "{html}");
        one_h1(html);
    }
}

#[test]
fn a_heading_one_in_a_block_quote_or_list_is_demoted() {
    let (_t, pages) = build_all("You can get money.\n\n> # Quoted heading\n\n- # Listed heading\n");
    for html in &pages {
        one_h1(html);
        assert!(html.contains("<h2>Quoted heading</h2>") && html.contains("<h2>Listed heading</h2>"), "{html}");
    }
}

#[test]
fn a_code_fence_opened_on_a_list_item_line_keeps_its_colon_lines() {
    let (_t, pages) = build_all("Write this:\n\n- ```\n  ::: easy\n  Easy words.\n  :::\n  ```\n");
    for html in &pages {
        assert!(html.contains("::: easy\n") && html.contains("Easy words.\n:::\n"), "{html}");
    }
}

#[test]
fn a_code_fence_left_open_inside_a_container_is_an_error_naming_the_line() {
    let t = TestSite::new();
    // Line 6 opens the fence; the `:::` on line 8 would be swallowed by it.
    t.guide("g", &format!("---\ntitle: Money\nreviewed: {}\n---\n::: plain\n```\ncode\n:::\n\nShared words.\n", util::today()));
    let before = util::snapshot(t.root());
    let run = t.build();
    run.fails(1);
    let err = run.stderr() + &run.stdout();
    assert!(err.contains("index.md") && err.contains(":6") && err.contains("never closed"), "{err}");
    assert_eq!(util::snapshot(t.root()), before, "a failed build changed files");
}
