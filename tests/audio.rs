//! `audio: true`: a recording of every guide in each version, made with
//! espeak-ng and opusenc, and made again only when its text changes. The
//! programs here are fakes on PATH that log each call and write a small
//! file; one ignored test uses the real ones.

#![cfg(unix)]

use crate::util::{simple_guide, TestSite};
use std::path::Path;
use std::process::{Command, Output};

const VERSIONS: [&str; 3] = ["easy", "plain", "large"];

/// Logs "speak" and the SSML it was given, and writes the WAV file named by `-w`.
const FAKE_SPEAKER: &str = r#"#!/bin/sh
log="${0%/*}/calls.log"
while [ $# -gt 0 ]; do
  case "$1" in
    -w) shift; wav="$1" ;;
    -f) shift; text="$1" ;;
  esac
  shift
done
echo "speak" >> "$log"
while IFS= read -r line; do echo "  $line" >> "$log"; done < "$text"
printf 'RIFF fake wave' > "$wav"
"#;

/// Logs "encode" and writes its last argument.
const FAKE_ENCODER: &str = r#"#!/bin/sh
log="${0%/*}/calls.log"
for a in "$@"; do out="$a"; done
echo "encode" >> "$log"
printf 'OggS fake' > "$out"
"#;

fn install(dir: &Path, name: &str, script: &str) {
    use std::os::unix::fs::PermissionsExt;
    let p = dir.join(name);
    std::fs::write(&p, script).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// A folder with the fake programs (and nothing else) to use as PATH.
fn fakes() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    install(d.path(), "espeak-ng", FAKE_SPEAKER);
    install(d.path(), "opusenc", FAKE_ENCODER);
    d
}

fn site(audio: bool) -> TestSite {
    let t = TestSite::new();
    t.write("site.yaml", format!("{}audio: {audio}\n", crate::util::SITE_YAML));
    t.guide("money", &simple_guide("Money for support", "You can get money.", "You may be able to get money from the council."));
    t.guide("meetings", &simple_guide("Meetings", "Tell people early.", "Tell people about a meeting well before it."));
    t
}

fn build(t: &TestSite, path: &Path) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_easyinfo")).arg("build").current_dir(t.root()).env("PATH", path).env("NO_COLOR", "1").output().unwrap();
    assert!(out.status.success(), "build failed: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn log(fake: &Path) -> String {
    std::fs::read_to_string(fake.join("calls.log")).unwrap_or_default()
}

fn count(log: &str, call: &str) -> usize {
    log.lines().filter(|l| *l == call).count()
}

fn recordings(t: &TestSite) -> Vec<String> {
    let mut out = Vec::new();
    for v in VERSIONS {
        let Ok(dir) = std::fs::read_dir(t.path(&format!("public/audio/{v}"))) else { continue };
        out.extend(dir.flatten().map(|e| format!("{v}/{}", e.file_name().to_string_lossy())));
    }
    out.sort();
    out
}

#[test]
fn every_guide_gets_a_recording_in_every_version_shown_on_its_page() {
    let t = site(true);
    let fake = fakes();
    build(&t, fake.path());
    let want: Vec<String> = ["easy", "large", "plain"].iter().flat_map(|v| [format!("{v}/meetings.ogg"), format!("{v}/money.ogg")]).collect();
    assert_eq!(recordings(&t), want);
    assert_eq!(std::fs::read(t.path("public/audio/easy/money.ogg")).unwrap(), b"OggS fake");
    // Plain and large print say the same words here, so each guide has two
    // texts to speak, and each is spoken once.
    let calls = log(fake.path());
    assert_eq!((count(&calls, "speak"), count(&calls, "encode")), (4, 4), "{calls}");
    // The easy read text: pairs pause, the picture is never named.
    assert!(calls.contains("You can get money.") && calls.contains("<break"), "{calls}");
    assert!(!calls.contains("p.svg") && !calls.contains("A picture"), "{calls}");
    for v in VERSIONS {
        let page = t.read(&format!("public/{v}/guides/money/index.html"));
        assert!(page.contains(&format!(r#"<audio controls preload=none src=../../../audio/{v}/money.ogg>"#)), "{v}: {page}");
        assert!(page.contains("transcript") || page.contains("The recording says the words on this page."), "{v}");
    }
    // The cache lives beside the site, outside what is published.
    let cached = std::fs::read_dir(t.path(".easyinfo-cache/audio")).unwrap().count();
    assert_eq!(cached, 4);
}

#[test]
fn a_rebuild_reuses_recordings_and_remakes_only_changed_text() {
    let t = site(true);
    let fake = fakes();
    build(&t, fake.path());
    let first = log(fake.path());
    build(&t, fake.path());
    assert_eq!(log(fake.path()), first, "a rebuild with nothing changed ran espeak-ng or opusenc again");
    assert_eq!(recordings(&t).len(), 6);
    // A new easy read sentence in one guide: only that version of that guide is spoken again.
    t.guide("money", &simple_guide("Money for support", "You can get money to pay for help.", "You may be able to get money from the council."));
    build(&t, fake.path());
    let again = log(fake.path());
    let new = &again[first.len()..];
    assert_eq!((count(new, "speak"), count(new, "encode")), (1, 1), "{new}");
    assert!(new.contains("You can get money to pay for help."), "{new}");
    assert_eq!(recordings(&t).len(), 6);
    // The old easy read recording is gone from the cache; the other three stay.
    assert_eq!(std::fs::read_dir(t.path(".easyinfo-cache/audio")).unwrap().count(), 4);
}

#[test]
fn without_espeak_the_build_says_so_once_and_publishes_the_rest() {
    let t = site(true);
    let empty = tempfile::tempdir().unwrap();
    let out = build(&t, empty.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let said: Vec<&str> = stderr.lines().filter(|l| l.contains("Recordings skipped")).collect();
    assert_eq!(said.len(), 1, "{stderr}");
    assert!(said[0].contains("espeak-ng") && said[0].contains("sudo apt-get install espeak-ng opus-tools"), "{stderr}");
    assert!(!stderr.contains("no recording of"), "{stderr}");
    for v in VERSIONS {
        let page = t.read(&format!("public/{v}/guides/money/index.html"));
        assert!(!page.contains("<audio") && page.contains("Listen to this page"), "{v}");
    }
    assert!(recordings(&t).is_empty());
    assert!(t.exists("public/plain/guides/meetings/index.html"));
}

#[test]
fn audio_is_off_unless_asked_for() {
    let t = site(false);
    t.write("site.yaml", crate::util::SITE_YAML);
    let fake = fakes();
    let out = build(&t, fake.path());
    assert_eq!(log(fake.path()), "");
    assert!(recordings(&t).is_empty() && !t.exists(".easyinfo-cache"));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("Recordings"));
    assert!(!t.read("public/easy/guides/money/index.html").contains("<audio"));
    // Turning it off keeps the recordings for when it is turned on again.
    t.write("site.yaml", format!("{}audio: true\n", crate::util::SITE_YAML));
    build(&t, fake.path());
    let made = log(fake.path());
    t.write("site.yaml", crate::util::SITE_YAML);
    build(&t, fake.path());
    t.write("site.yaml", format!("{}audio: true\n", crate::util::SITE_YAML));
    build(&t, fake.path());
    assert_eq!(log(fake.path()), made, "turning audio off and on again made the recordings again");
}

#[test]
fn a_bad_audio_value_is_a_content_error_with_its_line() {
    let t = site(true);
    t.write("site.yaml", format!("{}audio: sometimes\n", crate::util::SITE_YAML));
    let r = t.build();
    r.fails(1);
    let e = r.stderr();
    assert!(e.contains("site.yaml") && e.contains(":4") && e.contains("audio"), "{e}");
}

/// The real programs: a real Ogg Opus file, of a plausible size.
#[test]
#[ignore = "needs espeak-ng and opus-tools; .ci/run runs it"]
fn real_espeak_makes_a_small_ogg_opus_file() {
    let t = site(true);
    let out = build(&t, Path::new(&std::env::var_os("PATH").unwrap()));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("Recordings skipped"));
    let bytes = std::fs::read(t.path("public/audio/plain/money.ogg")).unwrap();
    assert!(bytes.starts_with(b"OggS") && bytes.windows(8).any(|w| w == b"OpusHead"), "not Ogg Opus");
    // The last page's granule position is the length in 48 kHz samples.
    let last = bytes.windows(4).rposition(|w| w == b"OggS").unwrap();
    let samples = u64::from_le_bytes(bytes[last + 6..last + 14].try_into().unwrap());
    let seconds = samples as f64 / 48_000.0;
    assert!(seconds > 2.0 && seconds < 60.0, "{seconds} s");
    // At most about 1 MB per five minutes of speech.
    let per_second = bytes.len() as f64 / seconds;
    assert!(per_second < 1_000_000.0 / 300.0, "{} bytes for {seconds:.1} s", bytes.len());
    // The same text makes the same bytes.
    std::fs::remove_dir_all(t.path(".easyinfo-cache")).unwrap();
    build(&t, Path::new(&std::env::var_os("PATH").unwrap()));
    assert_eq!(std::fs::read(t.path("public/audio/plain/money.ogg")).unwrap(), bytes);
}
