//! Snapshot tests of one small guide rendered in each version. Review
//! changes with `cargo insta review` (or set INSTA_UPDATE=always).

mod util;
use util::TestSite;

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
