//! The YAML reader's messages, for mistakes editors make.

use super::*;

fn err(text: &str) -> Diagnostic {
    parse::<serde_yaml::Value>(text, "f.yaml", 0).unwrap_err()
}

#[test]
fn unclosed_quote_points_at_the_opening_quote() {
    let d = err("title: \"Test site\nbase_url: x\n");
    assert_eq!((d.line, d.column), (1, 8));
    assert!(d.message.contains("quote"), "{}", d.message);
    assert!(d.suggestion.is_some());
}

#[test]
fn unclosed_bracket_points_at_the_bracket() {
    let d = err("title: A\nsummary: [unclosed\n");
    assert_eq!((d.line, d.column), (2, 10));
    assert!(d.message.contains("`[`"), "{}", d.message);
    let d = err("a: {b: 1\n");
    assert_eq!(d.line, 1);
    assert!(d.message.contains("`{`"), "{}", d.message);
}

#[test]
fn line_offset_is_added() {
    let d = parse::<serde_yaml::Value>("title: A\nsummary: [x\n", "g.md", 1).unwrap_err();
    assert_eq!(d.line, 3);
}

#[test]
fn positions_never_point_past_the_text() {
    let d = err("a:\n  - b\n  - \"c\n\n\n");
    assert!(d.line <= 3, "{d:?}");
}

#[test]
fn duplicate_keys_name_the_second_line() {
    let d = err("a: 1\nb: 2\na: 3\n");
    assert_eq!(d.line, 3);
    assert!(d.message.contains("`a` is written twice"), "{}", d.message);
}

#[test]
fn duplicate_keys_are_found_in_their_own_mapping() {
    // The second `name` of the second category, not the first category's `name`.
    let d = err("- id: a\n  name: A\n- id: b\n  name: B\n  name: C\n");
    assert_eq!((d.line, d.column), (5, 3), "{d:?}");
    // Not a line of text inside a `|` block, nor a nested field.
    let d = err("description: |\n  name: in the text\nlocations:\n  - name: x\nname: one\nname: two\n");
    assert_eq!(d.line, 6, "{d:?}");
    let d = err("a:\n  b: 1\n  c:\n    b: 2\n  b: 3\n");
    assert_eq!((d.line, d.column), (5, 3), "{d:?}");
    let d = err("a:\n- 1\n- 2\nb: 2\na: 3\n");
    assert_eq!(d.line, 5, "{d:?}");
    let d = err("\"a\": 1\na: 2\n");
    assert_eq!(d.line, 2, "{d:?}");
    let d = parse::<Vec<crate::load::directory::Category>>("- id: a\n  name: A\n- id: b\n  name: B\n  name: C\n", "c.yaml", 0).unwrap_err();
    assert_eq!(d.line, 5, "{d:?}");
    assert!(d.message.contains("`name` is written twice"), "{}", d.message);
}

#[test]
fn control_characters_in_a_yaml_file_are_never_printed_raw() {
    let d = err("a: \"x\u{1b}[2J\n");
    assert!(!d.message.contains('\u{1b}') && !d.source_line.as_ref().map_or("", |s| s.text()).contains('\u{1b}'), "{d:?}");
    let d = err("a: x\u{1b}[2J\n");
    assert!(!d.message.contains('\u{1b}') && !d.source_line.as_ref().map_or("", |s| s.text()).contains('\u{1b}'), "{d:?}");
}

#[test]
fn duplicate_fields_of_a_typed_file_name_the_second_line() {
    let d = parse::<crate::load::site::Config>("title: a\nlanguage: en\ntitle: b\n", "site.yaml", 0).unwrap_err();
    assert_eq!(d.line, 3, "{d:?}");
    assert!(d.message.contains("`title` is written twice"), "{}", d.message);
}

#[test]
fn types_and_paths_are_named_in_plain_words() {
    let d = parse::<Vec<crate::load::glossary::Entry>>("- term: a\n  means: b\n- term: c\n", "g.yaml", 0).unwrap_err();
    assert_eq!(d.message, "item 2: the required field `means` is missing");
    let d = parse::<crate::load::guide::FrontMatter>("title: T\nweight: heavy\n", "g.md", 1).unwrap_err();
    assert_eq!(d.message, "`weight`: this has the wrong type: it is the text \"heavy\", but should be a whole number");
    let d = parse::<Vec<crate::load::glossary::Entry>>("- term: a\n  means: b\n  easy: maybe\n", "g.yaml", 0).unwrap_err();
    assert!(d.message.contains("`maybe` is not one of the choices"), "{}", d.message);
    assert!(d.suggestion.as_deref().unwrap().contains("explain, avoid"), "{:?}", d.suggestion);
    let d = parse::<crate::load::guide::FrontMatter>("title: [a, b]\n", "g.md", 1).unwrap_err();
    assert!(d.message.contains("one text for each reading level"), "{}", d.message);
    assert_eq!(plain_path("locations[0].postcode"), "`locations`, item 1, `postcode`");
}

#[test]
fn tabs_get_a_plain_message() {
    let d = err("a:\n\tb: 1\n");
    assert!(d.message.contains("tab") || d.message.contains("not well formed"), "{}", d.message);
}

#[test]
fn alias_bombs_are_stopped_quickly_with_a_plain_message() {
    let mut bomb = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    let names: Vec<char> = "abcdefghij".chars().collect();
    for w in names.windows(2) {
        let (p, c) = (w[0], w[1]);
        bomb.push_str(&format!("{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"));
    }
    let started = std::time::Instant::now();
    // Typed as a glossary, serde alone would fail on the type first; the
    // message must still say what is wrong.
    let d = parse::<Vec<crate::load::glossary::Entry>>(&bomb, "g.yaml", 0).unwrap_err();
    assert!(d.message.contains("alias bomb"), "{}", d.message);
    let d = parse::<crate::load::guide::FrontMatter>(&bomb, "g.md", 1).unwrap_err();
    assert!(d.message.contains("alias bomb"), "{}", d.message);
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn deep_nesting_is_refused() {
    let d = err(&format!("a: {}1{}\n", "[".repeat(10_000), "]".repeat(10_000)));
    assert!(d.message.contains("nested"), "{}", d.message);
    let d = err(&format!("{}x\n", "- ".repeat(5000)));
    assert!(d.message.contains("nested"), "{}", d.message);
    let mut deep = String::new();
    for i in 0..300 {
        deep.push_str(&format!("{}k{i}:\n", "  ".repeat(i)));
    }
    let d = err(&deep);
    assert!(d.message.contains("nested"), "{}", d.message);
}

#[test]
fn brackets_in_quotes_and_comments_are_not_nesting() {
    let many = "[".repeat(100);
    let text = format!("a: \"{many}\"\nb: '{many}'\nc: x # {many}\nd: it's{many}\n");
    assert!(too_deep(&text).is_none());
    let v: serde_yaml::Value = parse(&text, "f.yaml", 0).unwrap();
    assert_eq!(v["a"].as_str().unwrap(), many);
    // A flow list that closes on the same line still counts.
    assert_eq!(too_deep(&format!("ok: 1\na: {}{}\n", "[".repeat(65), "]".repeat(65))), Some(2));
    assert_eq!(too_deep(&format!("a: [x, it's, {}\n", "[".repeat(65))), Some(1));
}

#[test]
fn brackets_in_text_and_blocks_are_not_nesting() {
    // Found by the `hsds` fuzz target: an imported description with many
    // `[` was written by serde_yaml, then refused when read back.
    let many = "[".repeat(100);
    for value in [format!("Free to call from mobiles and {many}landlines."), format!("line one\n{many}\n  {}", "{".repeat(100))] {
        let svc = crate::load::directory::Service { id: "x".into(), name: "X".into(), cost: Some(value.clone()), ..Default::default() };
        let yaml = serde_yaml::to_string(&svc).unwrap();
        assert!(too_deep(&yaml).is_none(), "{yaml}");
        let back: crate::load::directory::Service = parse(&yaml, "x.yaml", 0).unwrap();
        assert_eq!(back.cost.as_deref(), Some(value.as_str()));
    }
    let text = format!("a: |\n  {many}\n    {many}\nb: >-\n  {many}\nc: see {many}\nd: - {many}\n");
    assert!(too_deep(&text).is_none());
    // But a real flow list still counts, after an anchor too.
    assert_eq!(too_deep(&format!("a: &x {}1\n", "[".repeat(65))), Some(1));
    assert_eq!(too_deep(&format!("- - {}1\n", "[".repeat(65))), Some(1));
    assert_eq!(too_deep(&format!("a: |\n  x\nb: {}1\n", "{".repeat(65))), Some(3));
}

#[test]
fn aliases_in_ordinary_use_still_work() {
    let v: serde_yaml::Value = parse("a: &x hello\nb: *x\nc: 2 * 3\n", "f.yaml", 0).unwrap();
    assert_eq!(v["b"], serde_yaml::Value::from("hello"));
}
