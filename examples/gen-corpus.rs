//! Writes a realistic, deterministic easyinfo site for benchmarks, and
//! optionally the same plain text as a Hugo site.
//!
//! ```text
//! cargo run --release --example gen-corpus -- --guides 200 --services 2000 --terms 100 --out /tmp/m [--hugo /tmp/m-hugo]
//! ```
//!
//! The site lints with no errors: easy read sentences stay short, easy read
//! text never uses a term marked `easy: avoid`, every capital-letter
//! abbreviation is in the glossary, every picture has alt text, and every
//! postcode, phone number, email address, web address and date is valid.
//! The filler words never contain glossary words, so terms appear exactly
//! where they are placed: about one every 60 words of plain text.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// splitmix64: tiny, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

struct Args {
    guides: usize,
    services: usize,
    terms: usize,
    out: PathBuf,
    hugo: Option<PathBuf>,
    seed: u64,
}

fn usage() -> ! {
    eprintln!("usage: gen-corpus --guides N --services M --terms G --out DIR [--hugo HUGO_DIR] [--seed S]");
    std::process::exit(2)
}

fn parse_args() -> Args {
    let mut a = Args { guides: 20, services: 100, terms: 60, out: PathBuf::new(), hugo: None, seed: 20261129 };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut val = || it.next().unwrap_or_else(|| usage());
        match flag.as_str() {
            "--guides" => a.guides = val().parse().unwrap_or_else(|_| usage()),
            "--services" => a.services = val().parse().unwrap_or_else(|_| usage()),
            "--terms" => a.terms = val().parse().unwrap_or_else(|_| usage()),
            "--seed" => a.seed = val().parse().unwrap_or_else(|_| usage()),
            "--out" => a.out = PathBuf::from(val()),
            "--hugo" => a.hugo = Some(PathBuf::from(val())),
            "-h" | "--help" => usage(),
            _ => usage(),
        }
    }
    if a.out.as_os_str().is_empty() {
        usage();
    }
    a
}

const MARKER: &str = ".gen-corpus";

/// Only ever empties a folder this program made (it holds the marker file).
fn fresh_dir(dir: &Path) {
    if dir.exists() {
        let empty = fs::read_dir(dir).map(|mut r| r.next().is_none()).unwrap_or(false);
        if !empty {
            if !dir.join(MARKER).is_file() {
                eprintln!("error: {} exists and was not made by gen-corpus; choose a new folder", dir.display());
                std::process::exit(2);
            }
            fs::remove_dir_all(dir).expect("remove old corpus");
        }
    }
    fs::create_dir_all(dir).expect("create output folder");
    fs::write(dir.join(MARKER), "made by examples/gen-corpus.rs\n").expect("write marker");
}

fn write(path: &Path, text: &str) {
    if let Some(p) = path.parent() {
        fs::create_dir_all(p).expect("create folder");
    }
    fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

/// A YAML double-quoted string.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

// ---------------------------------------------------------------- words ---
// Glossary terms are built only from TERM_A and TERM_B; the filler text
// below never uses those words, so no term turns up by accident.

const TERM_A: &[&str] = &[
    "statutory", "domiciliary", "intermediate", "deferred", "continuing", "lasting", "ordinary", "floating",
    "assistive", "reablement", "safeguarding", "eligibility", "brokerage", "commissioning", "advocacy",
    "capacity", "respite", "transition", "tenancy", "outreach", "residential", "community", "financial",
    "independent",
];
const TERM_B: &[&str] = &[
    "assessment", "tariff", "threshold", "allocation", "provision", "contribution", "panel", "tribunal",
    "pathway", "criteria", "agreement", "funding", "placement", "enablement", "duty", "scheme", "register",
    "framework", "review", "levy",
];
const MEANING: &[&str] = &[
    "A way the council decides who can get help and how much",
    "Money or help that you can get to pay for your support",
    "A meeting where people look at your support and check it still works",
    "A rule that says what the council must do for you",
    "Help for a short time, to give you or your carer a break",
    "Someone who helps you speak up and say what you want",
    "The steps the council follows before it makes a decision",
    "A list kept by the council of people who get a service",
];
const INSTEAD: &[&str] = &[
    "help from the council", "money for your support", "a check on your support", "a short break",
    "someone to help you speak up", "the rules the council follows",
];

const TOPICS: &[&str] = &[
    "getting support at home", "finding a day centre", "making a complaint", "seeing your doctor",
    "going to college", "finding work", "moving house", "planning your money", "getting out and about",
    "staying safe online", "keeping well", "having a say", "looking after someone", "taking a break",
    "using the bus", "going on holiday", "making friends", "living on your own", "getting a pet",
    "cooking at home", "joining a club", "learning to swim", "going to the dentist", "voting",
];
const HEADINGS: &[&str] = &[
    "What this is about", "Who can get help", "How to ask for help", "What happens next", "Paying for it",
    "Your rights", "If things go wrong", "Getting ready", "Things to think about", "Staying in touch",
];

// Plain sentences: subject + verb + object + tail. Short, common words.
const SUBJ: &[&str] = &[
    "You", "Your family", "A friend", "The team", "Your support worker", "Staff at the centre",
    "People who use the service", "Your doctor", "The person who helps you", "We",
];
const VERB: &[&str] = &[
    "can ask for", "may want to talk about", "should check", "will help you with", "can tell you about",
    "often need", "might like to plan", "can write down", "will look at", "can bring",
];
const OBJ: &[&str] = &[
    "the times that suit you", "a visit at home", "help with shopping", "the cost of your help",
    "a call from a carer", "the things that matter to you", "a quiet place to talk", "a copy of the notes",
    "the name of the person in charge", "a lift to the shops", "a letter in large print", "a list of questions",
    "the days you are free", "the help you get now", "a short break away",
];
const TAIL: &[&str] = &[
    "", " before the end of the month", " if you are not sure", " when things change", " at any time",
    " in a way that works for you", " with someone you trust", " each week", " on the phone", " by email",
];

const EASY: &[&str] = &[
    "You can ask for help.", "We will listen to you.", "Tell us what you need.", "You can bring a friend.",
    "It is free to ask.", "We can meet at your home.", "You can phone us.", "We will write to you.",
    "You can say no.", "We will help you choose.", "Ask us if you are not sure.", "You can take your time.",
    "We will keep your details safe.", "You can change your mind.", "We will tell you what happens next.",
    "Your family can help you.", "You can get this in other ways.", "We want to hear from you.",
];
const PICTURES: &[(&str, &str, &str)] = &[
    ("talk.svg", "Two people talking at a table", "#2a7ab0"),
    ("phone.svg", "A phone with a green tick", "#3c8d2f"),
    ("letter.svg", "A white letter in an envelope", "#8a5a00"),
];

const PLACES: &[&str] = &[
    "Romsey", "Eastleigh", "Totton", "Hedge End", "Bitterne", "Shirley", "Woolston", "Portswood", "Hythe",
    "Chandler's Ford", "Bassett", "Millbrook", "Sholing", "Netley", "Marchwood", "West End",
];
const KINDS: &[&str] = &[
    "Wellbeing Hub", "Carers Group", "Lunch Club", "Advice Centre", "Walking Group", "Home Support",
    "Day Centre", "Art Club", "Sight Support", "Hearing Help", "Money Advice", "Befriending",
];
const ACCESS: &[&str] = &["step-free", "hearing loop", "accessible toilet", "parking", "quiet room", "large print"];
const LANGS: &[&str] = &["English", "Polish", "Urdu", "Welsh", "Punjabi", "Bengali", "Arabic", "Romanian"];
const COSTS: &[&str] = &["Free", "£5 a session", "From £18 an hour", "£2 for tea and cake", "Free for carers"];
const CATS: &[(&str, &str, &str)] = &[
    ("advice-and-information", "Advice and information", "Help to find things out"),
    ("support-at-home", "Support at home", "Help at home"),
    ("getting-out", "Getting out and meeting people", "Going out and making friends"),
    ("mental-health", "Mental health", "Feeling better in your mind"),
    ("carers", "Carers", "Help for people who look after someone"),
    ("money", "Money and benefits", "Help with money"),
    ("sight-and-hearing", "Sight and hearing", "Help with seeing and hearing"),
    ("health", "Health", "Staying well"),
    ("housing", "Housing", "A place to live"),
    ("work-and-learning", "Work and learning", "Jobs and learning"),
    ("speaking-up", "Speaking up", "Help to speak up"),
    ("equipment", "Equipment", "Things that help you at home"),
];

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn date(rng: &mut Rng) -> String {
    format!("2026-{:02}-{:02}", rng.range(1, 11), rng.range(1, 28))
}

// ---------------------------------------------------------------- model ---

struct Term {
    term: String,
    abbr: Option<String>,
    means: String,
    instead: Option<String>,
    easy_avoid: bool,
    plain_avoid: bool,
}

fn make_terms(rng: &mut Rng, n: usize) -> Vec<Term> {
    let mut pairs: Vec<(usize, usize)> = (0..TERM_A.len()).flat_map(|a| (0..TERM_B.len()).map(move |b| (a, b))).collect();
    // Shuffle, then take n: every term is a distinct pair.
    for i in (1..pairs.len()).rev() {
        let j = rng.below(i + 1);
        pairs.swap(i, j);
    }
    if n > pairs.len() {
        eprintln!("error: at most {} terms", pairs.len());
        std::process::exit(2);
    }
    let mut seen_abbr = std::collections::HashSet::new();
    pairs
        .into_iter()
        .take(n)
        .enumerate()
        .map(|(i, (a, b))| {
            let words = format!("{} {}", TERM_A[a], TERM_B[b]);
            // One in eight is an abbreviation, written in capitals in the text.
            let mut abbr = None;
            if i % 8 == 3 {
                let letters = format!("{}{}", &TERM_A[a][..1], &TERM_B[b][..2]).to_uppercase();
                if seen_abbr.insert(letters.clone()) {
                    abbr = Some(letters);
                }
            }
            let means = format!("{}.", rng.pick(MEANING));
            let instead = if rng.chance(60) { Some(rng.pick(INSTEAD).to_string()) } else { None };
            match abbr {
                Some(letters) => Term { term: letters, abbr: Some(words), means, instead, easy_avoid: true, plain_avoid: false },
                None => Term {
                    term: words,
                    abbr: None,
                    means,
                    instead: instead.clone(),
                    easy_avoid: i % 4 == 1,
                    // A few are `plain: avoid`; those only ever appear in easy read text.
                    plain_avoid: i % 10 == 6 && instead.is_some(),
                },
            }
        })
        .collect()
}

/// A section: its heading, easy read pairs (picture, words), plain paragraphs.
type Section = (String, Vec<(usize, String)>, Vec<String>);

struct Guide {
    slug: String,
    title: String,
    summary: String,
    reviewed: String,
    sections: Vec<Section>,
    contact_phone: String,
}

struct Service {
    id: String,
    name: String,
    organization: String,
    description: String,
    easy_description: String,
    categories: Vec<&'static str>,
    who_for: String,
    cost: &'static str,
    personal_budget: bool,
    locations: Vec<Location>,
    phone: String,
    textphone: String,
    email: String,
    website: String,
    languages: Vec<&'static str>,
    schedule: Vec<(String, String, String)>,
    reviewed: String,
}

struct Location {
    address: String,
    postcode: String,
    lat: f64,
    lon: f64,
    accessibility: Vec<&'static str>,
}

fn phone(rng: &mut Rng) -> String {
    format!("023 80{:02} {:04}", rng.below(100), rng.below(10000))
}

fn postcode(rng: &mut Rng) -> String {
    const IN: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
    let area = rng.pick(&["SO", "PO", "SP", "BH"]);
    format!(
        "{area}{} {}{}{}",
        rng.range(14, 53),
        rng.range(0, 9),
        IN[rng.below(IN.len())] as char,
        IN[rng.below(IN.len())] as char
    )
}

/// One plain sentence, with a glossary term if `term` is given.
fn plain_sentence(rng: &mut Rng, term: Option<&str>) -> String {
    let subj = rng.pick(SUBJ);
    let verb = rng.pick(VERB);
    let obj = match term {
        Some(t) => format!("the {t}"),
        None => rng.pick(OBJ).to_string(),
    };
    let tail = rng.pick(TAIL);
    format!("{subj} {verb} {obj}{tail}.")
}

fn make_guides(rng: &mut Rng, n: usize, terms: &[Term], services: &[Service]) -> Vec<Guide> {
    let plain_terms: Vec<&Term> = terms.iter().filter(|t| !t.plain_avoid).collect();
    let easy_terms: Vec<&Term> = terms.iter().filter(|t| !t.easy_avoid && t.abbr.is_none()).collect();
    let mut guides: Vec<Guide> = Vec::with_capacity(n);
    for i in 0..n {
        let topic = TOPICS[i % TOPICS.len()];
        let round = i / TOPICS.len();
        let title = if round == 0 { format!("Help with {topic}") } else { format!("Help with {topic}, part {}", round + 1) };
        let mut sections = Vec::new();
        let count = rng.range(4, 6);
        let start = rng.below(HEADINGS.len());
        for s in 0..count {
            let heading = HEADINGS[(start + s) % HEADINGS.len()].to_string();
            let mut easy = Vec::new();
            for _ in 0..rng.range(2, 3) {
                let mut words = String::new();
                for k in 0..rng.range(2, 3) {
                    if k > 0 {
                        words.push('\n');
                    }
                    words.push_str(rng.pick(EASY));
                }
                if rng.chance(25) && !easy_terms.is_empty() {
                    let t = rng.pick(&easy_terms);
                    words.push_str(&format!("\nAsk us about the {}.", t.term));
                }
                easy.push((rng.below(PICTURES.len()), words));
            }
            // About 1 term every 60 words: a sentence is ~10 words.
            let mut plain = Vec::new();
            for _ in 0..rng.range(2, 4) {
                let mut para = String::new();
                for _ in 0..rng.range(4, 8) {
                    let term = if rng.chance(17) && !plain_terms.is_empty() { Some(rng.pick(&plain_terms).term.as_str()) } else { None };
                    if !para.is_empty() {
                        para.push(' ');
                    }
                    para.push_str(&plain_sentence(rng, term));
                }
                plain.push(para);
            }
            if rng.chance(30) {
                let items: Vec<String> = (0..rng.range(3, 5)).map(|_| format!("- {}", cap(rng.pick(OBJ)))).collect();
                plain.push(format!("Things you can ask for:\n\n{}", items.join("\n")));
            }
            sections.push((heading, easy, plain));
        }
        // Links to an earlier guide and to a service, as real guides have.
        if i > 0 {
            let other: &Guide = &guides[rng.below(i)];
            let (_, _, plain) = sections.last_mut().unwrap();
            plain.push(format!("You can also read [{}](@/guides/{}.md).", other.title, other.slug));
        }
        if !services.is_empty() {
            let s = &services[rng.below(services.len())];
            let (_, _, plain) = sections.last_mut().unwrap();
            plain.push(format!("One place that can help is [{}](@/directory/services/{}).", s.name, s.id));
        }
        guides.push(Guide {
            slug: slug(&title),
            summary: format!("How to get help with {topic}."),
            title,
            reviewed: date(rng),
            sections,
            contact_phone: phone(rng),
        });
    }
    guides
}

fn make_services(rng: &mut Rng, n: usize) -> Vec<Service> {
    (0..n)
        .map(|i| {
            let place = rng.pick(PLACES);
            let kind = rng.pick(KINDS);
            let name = format!("{place} {kind} {}", i + 1);
            let id = slug(&name);
            let mut categories: Vec<&'static str> = Vec::new();
            for _ in 0..rng.range(1, 3) {
                let c = rng.pick(CATS).0;
                if !categories.contains(&c) {
                    categories.push(c);
                }
            }
            let locations = (0..rng.range(1, 2))
                .map(|_| {
                    let mut accessibility: Vec<&'static str> = Vec::new();
                    for _ in 0..rng.range(1, 4) {
                        let a = rng.pick(ACCESS);
                        if !accessibility.contains(&a) {
                            accessibility.push(a);
                        }
                    }
                    Location {
                        address: format!("{} {} Road, {place}", rng.range(1, 199), rng.pick(&["London", "Station", "Church", "High", "Mill", "Park"])),
                        postcode: postcode(rng),
                        lat: 50.85 + rng.below(2000) as f64 / 10000.0,
                        lon: -1.55 + rng.below(3000) as f64 / 10000.0,
                        accessibility,
                    }
                })
                .collect();
            let ph = phone(rng);
            let mut languages = vec!["English"];
            if rng.chance(40) {
                let l = rng.pick(&LANGS[1..]);
                languages.push(l);
            }
            let mut schedule = vec![("MO,TU,WE,TH,FR".to_string(), format!("{:02}:00", rng.range(8, 10)), format!("{:02}:00", rng.range(15, 18)))];
            if rng.chance(30) {
                schedule.push(("SA".to_string(), "10:00".to_string(), "12:00".to_string()));
            }
            Service {
                organization: format!("{place} Community Partnership"),
                description: format!(
                    "{} for people in {place} and nearby. {} You can come on your own or bring someone with you.",
                    cap(kind),
                    plain_sentence(rng, None)
                ),
                easy_description: format!("{} {}", rng.pick(EASY), rng.pick(EASY)),
                who_for: format!("Adults who live in or near {place}"),
                cost: rng.pick(COSTS),
                personal_budget: rng.chance(50),
                textphone: phone(rng),
                email: format!("{}@example.org", id),
                website: format!("https://example.org/{id}"),
                phone: ph,
                languages,
                schedule,
                reviewed: date(rng),
                categories,
                locations,
                id,
                name,
            }
        })
        .collect()
}

// --------------------------------------------------------------- writers ---

fn svg(colour: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\" width=\"64\" height=\"64\"><circle cx=\"32\" cy=\"32\" r=\"28\" fill=\"{colour}\"/></svg>\n"
    )
}

fn write_easyinfo(dir: &Path, terms: &[Term], guides: &[Guide], services: &[Service]) {
    write(
        &dir.join("site.yaml"),
        "title: Generated Community Information\nbase_url: https://example.org/\nlanguage: en-GB\ndescription: Guides and local services, made by gen-corpus for benchmarks.\n",
    );
    let mut g = String::from("# Generated by gen-corpus.\n\n");
    for t in terms {
        let _ = writeln!(g, "- term: {}", q(&t.term));
        if let Some(a) = &t.abbr {
            let _ = writeln!(g, "  abbr: {}", q(a));
        }
        let _ = writeln!(g, "  means: {}", q(&t.means));
        if let Some(i) = &t.instead {
            let _ = writeln!(g, "  instead: {}", q(i));
        }
        if t.easy_avoid {
            g.push_str("  easy: avoid\n");
        }
        if t.plain_avoid {
            g.push_str("  plain: avoid\n");
        }
        g.push('\n');
    }
    write(&dir.join("content/glossary.yaml"), &g);

    for guide in guides {
        let gdir = dir.join("content/guides").join(&guide.slug);
        let mut md = format!(
            "---\ntitle: {}\nsummary: {}\nreviewed: {}\n---\n\n# {}\n",
            q(&guide.title),
            q(&guide.summary),
            guide.reviewed,
            guide.title
        );
        for (heading, easy, plain) in &guide.sections {
            let _ = write!(md, "\n## {heading}\n\n::: easy\n");
            for (k, (pic, words)) in easy.iter().enumerate() {
                if k > 0 {
                    md.push('\n');
                }
                let (file, alt, _) = PICTURES[*pic];
                let _ = writeln!(md, "![{alt}](pictures/{file})\n{words}");
            }
            md.push_str(":::\n\n::: plain\n");
            md.push_str(&plain.join("\n\n"));
            md.push_str("\n:::\n");
        }
        let _ = write!(
            md,
            "\n## Who to contact\n\n![A phone with a green tick](pictures/phone.svg)\nPhone us on {}.\n",
            guide.contact_phone
        );
        write(&gdir.join("index.md"), &md);
        for (file, _, colour) in PICTURES {
            write(&gdir.join("pictures").join(file), &svg(colour));
        }
    }

    let mut c = String::new();
    for (id, name, easy) in CATS {
        let _ = writeln!(c, "- id: {id}\n  name: {}\n  easy_name: {}\n  description: {}\n", q(name), q(easy), q(&format!("Services for {}.", name.to_lowercase())));
    }
    write(&dir.join("content/directory/categories.yaml"), &c);

    let sdir = dir.join("content/directory/services");
    fs::create_dir_all(&sdir).unwrap();
    for s in services {
        let mut y = String::new();
        let _ = writeln!(y, "id: {}", s.id);
        let _ = writeln!(y, "name: {}", q(&s.name));
        let _ = writeln!(y, "organization: {}", q(&s.organization));
        let _ = writeln!(y, "description: {}", q(&s.description));
        let _ = writeln!(y, "easy_description: {}", q(&s.easy_description));
        let _ = writeln!(y, "categories: [{}]", s.categories.join(", "));
        let _ = writeln!(y, "who_for: {}", q(&s.who_for));
        let _ = writeln!(y, "cost: {}", q(s.cost));
        let _ = writeln!(y, "personal_budget: {}", s.personal_budget);
        y.push_str("locations:\n");
        for l in &s.locations {
            let _ = writeln!(y, "  - address: {}\n    postcode: {}\n    lat: {:.4}\n    lon: {:.4}", q(&l.address), l.postcode, l.lat, l.lon);
            let _ = writeln!(y, "    accessibility: [{}]", l.accessibility.join(", "));
        }
        let _ = writeln!(
            y,
            "contacts:\n  phone: {}\n  textphone: {}\n  text_relay: {}\n  email: {}\n  website: {}",
            q(&s.phone),
            q(&s.textphone),
            q(&format!("18001 {}", s.phone)),
            s.email,
            s.website
        );
        let _ = writeln!(y, "languages: [{}]", s.languages.join(", "));
        y.push_str("schedule:\n");
        for (d, o, cl) in &s.schedule {
            let _ = writeln!(y, "  - byday: {d}\n    opens_at: \"{o}\"\n    closes_at: \"{cl}\"");
        }
        let _ = writeln!(y, "reviewed: {}", s.reviewed);
        fs::write(sdir.join(format!("{}.yaml", s.id)), y).unwrap();
    }
}

const HUGO_BASEOF: &str = r##"<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ .Site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
</head>
<body>
<a href="#main">Skip to main content</a>
<header><p><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></p>
<nav aria-label="Main"><ul><li><a href="{{ "/guides/" | relURL }}">Guides</a></li><li><a href="{{ "/services/" | relURL }}">Find a service</a></li><li><a href="{{ "/glossary/" | relURL }}">Hard words</a></li></ul></nav>
</header>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer><p>Every page on this site is in plain English.</p></footer>
</body>
</html>
"##;

const HUGO_SINGLE: &str = r##"{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="lead">{{ . }}</p>{{ end }}
{{ with .Params.reviewed }}<p>Last checked: <time>{{ . }}</time></p>{{ end }}
{{ if eq .Section "services" }}
{{ with .Params.organization }}<p>Run by {{ . }}</p>{{ end }}
<p>{{ .Params.description }}</p>
<dl>
<dt>Who it is for</dt><dd>{{ .Params.who_for }}</dd>
<dt>Cost</dt><dd>{{ .Params.cost }}{{ if .Params.personal_budget }} (you can pay from a personal budget){{ end }}</dd>
<dt>Categories</dt><dd>{{ range .Params.categories }}<a href="{{ printf "/categories/%s/" (urlize .) | relURL }}">{{ . }}</a> {{ end }}</dd>
<dt>Languages</dt><dd>{{ delimit .Params.languages ", " }}</dd>
</dl>
<h2>Where</h2>
{{ range .Params.locations }}<p>{{ .address }}, {{ .postcode }}</p><p>Access: {{ delimit .accessibility ", " }}</p>{{ end }}
<h2>Contact</h2>
<ul>
{{ with .Params.contacts }}
<li>Phone: <a href="tel:{{ .phone }}">{{ .phone }}</a></li>
<li>Textphone: {{ .textphone }}</li>
<li>Text relay: {{ .text_relay }}</li>
<li>Email: <a href="mailto:{{ .email }}">{{ .email }}</a></li>
<li>Website: <a href="{{ .website }}">{{ .website }}</a></li>
{{ end }}
</ul>
<h2>Opening times</h2>
<ul>{{ range .Params.schedule }}<li>{{ .byday }}: {{ .opens_at }} to {{ .closes_at }}</li>{{ end }}</ul>
{{ end }}
{{ .Content }}
</article>
{{ end }}
"##;

const HUGO_LIST: &str = r##"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}</ul>
{{ end }}
"##;

/// `(@/guides/x.md)` → `(/guides/x/)`; `(@/directory/services/y)` → `(/services/y/)`.
fn hugo_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("(@/") {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(')').map(|e| i + e).unwrap_or(rest.len() - 1);
        let target = &rest[i + 3..end];
        let path = if let Some(g) = target.strip_prefix("guides/") {
            format!("/guides/{}/", g.trim_end_matches(".md"))
        } else if let Some(s) = target.strip_prefix("directory/services/") {
            format!("/services/{s}/")
        } else {
            format!("/{target}/")
        };
        out.push('(');
        out.push_str(&path);
        out.push(')');
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

fn write_hugo(dir: &Path, terms: &[Term], guides: &[Guide], services: &[Service]) {
    // Plain only, so: no RSS, no tags; categories become taxonomy pages,
    // which match easyinfo's category pages. Sitemap and 404 stay, as
    // easyinfo writes both.
    write(
        &dir.join("config.toml"),
        "baseURL = \"https://example.org/\"\nlanguageCode = \"en-GB\"\ntitle = \"Generated Community Information\"\n\
         disableKinds = [\"RSS\"]\nrelativeURLs = true\nenableRobotsTXT = false\n\n[taxonomies]\ncategory = \"categories\"\n\n\
         [markup.goldmark.renderer]\nunsafe = true\n",
    );
    write(&dir.join("layouts/_default/baseof.html"), HUGO_BASEOF);
    write(&dir.join("layouts/_default/single.html"), HUGO_SINGLE);
    write(&dir.join("layouts/_default/list.html"), HUGO_LIST);
    write(&dir.join("layouts/404.html"), "{{ define \"main\" }}<h1>Page not found</h1>{{ end }}\n");
    write(&dir.join("content/_index.md"), "---\ntitle: Generated Community Information\n---\n\nGuides and local services.\n");
    write(&dir.join("content/guides/_index.md"), "---\ntitle: Guides\n---\n");
    write(&dir.join("content/services/_index.md"), "---\ntitle: Find a service\n---\n");

    let mut gl = String::from("---\ntitle: Glossary\n---\n\n");
    for t in terms {
        let _ = writeln!(gl, "{}\n: {}{}\n", t.term, t.abbr.as_ref().map(|a| format!("({a}) ")).unwrap_or_default(), t.means);
    }
    write(&dir.join("content/glossary.md"), &gl);

    for guide in guides {
        let mut md = format!("---\ntitle: {}\nsummary: {}\nreviewed: {}\n---\n", q(&guide.title), q(&guide.summary), guide.reviewed);
        for (heading, _, plain) in &guide.sections {
            let _ = write!(md, "\n## {heading}\n\n");
            for p in plain {
                md.push_str(&hugo_links(p));
                md.push_str("\n\n");
            }
        }
        let _ = write!(md, "## Who to contact\n\nPhone us on {}.\n", guide.contact_phone);
        write(&dir.join("content/guides").join(format!("{}.md", guide.slug)), &md);
    }
    let sdir = dir.join("content/services");
    for s in services {
        let mut y = String::from("---\n");
        let _ = writeln!(y, "title: {}", q(&s.name));
        let _ = writeln!(y, "organization: {}", q(&s.organization));
        let _ = writeln!(y, "description: {}", q(&s.description));
        let _ = writeln!(y, "easy_description: {}", q(&s.easy_description));
        let _ = writeln!(y, "categories: [{}]", s.categories.join(", "));
        let _ = writeln!(y, "who_for: {}", q(&s.who_for));
        let _ = writeln!(y, "cost: {}", q(s.cost));
        let _ = writeln!(y, "personal_budget: {}", s.personal_budget);
        y.push_str("locations:\n");
        for l in &s.locations {
            let _ = writeln!(y, "  - address: {}\n    postcode: {}\n    lat: {:.4}\n    lon: {:.4}", q(&l.address), l.postcode, l.lat, l.lon);
            let _ = writeln!(y, "    accessibility: [{}]", l.accessibility.join(", "));
        }
        let _ = writeln!(
            y,
            "contacts:\n  phone: {}\n  textphone: {}\n  text_relay: {}\n  email: {}\n  website: {}",
            q(&s.phone),
            q(&s.textphone),
            q(&format!("18001 {}", s.phone)),
            s.email,
            s.website
        );
        let _ = writeln!(y, "languages: [{}]", s.languages.join(", "));
        y.push_str("schedule:\n");
        for (d, o, cl) in &s.schedule {
            let _ = writeln!(y, "  - byday: {d}\n    opens_at: \"{o}\"\n    closes_at: \"{cl}\"");
        }
        let _ = writeln!(y, "reviewed: {}", s.reviewed);
        y.push_str("---\n");
        fs::write(sdir.join(format!("{}.md", s.id)), y).unwrap();
    }
}

fn main() {
    let args = parse_args();
    let mut rng = Rng(args.seed);
    let terms = make_terms(&mut rng, args.terms);
    let services = make_services(&mut rng, args.services);
    let guides = make_guides(&mut rng, args.guides, &terms, &services);
    fresh_dir(&args.out);
    write_easyinfo(&args.out, &terms, &guides, &services);
    if let Some(h) = &args.hugo {
        fresh_dir(h);
        write_hugo(h, &terms, &guides, &services);
    }
    eprintln!(
        "Wrote {} guides, {} services and {} terms to {}{}.",
        guides.len(),
        services.len(),
        terms.len(),
        args.out.display(),
        args.hugo.as_ref().map(|h| format!(" and a Hugo site to {}", h.display())).unwrap_or_default()
    );
}
