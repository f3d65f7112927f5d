//! The programs a recording is made with: espeak-ng speaks SSML into a WAV
//! file, opusenc squeezes that into Ogg Opus. Everything that decides the
//! sound is here, so it all goes into the cache key.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub const SPEAKER: &str = "espeak-ng";
pub const ENCODER: &str = "opusenc";
/// What the recordings are, for their file names and the page.
pub const EXTENSION: &str = "ogg";
/// How to get both programs, for the one line a build prints without them.
pub const INSTALL: &str = "sudo apt-get install espeak-ng opus-tools";

/// espeak-ng's voice for a language (`en-GB`, `cy`), if it has one we
/// trust. One row per language; Welsh pages will use `cy`.
pub fn voice(language: &str) -> Option<&'static str> {
    match language.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase().as_str() {
        "en" => Some("en-gb"),
        "cy" => Some("cy"),
        _ => None,
    }
}

/// espeak-ng's settings after the voice: SSML in, 160 words a minute (a
/// little slower than its 175).
const SPEAK_ARGS: [&str; 3] = ["-m", "-s", "160"];
/// Speech at 20 kbit/s: about 0.8 MB for five minutes. Complexity 5 of 10
/// takes 40% less time than the default for the same size (measured; the
/// voice is synthetic, so the finest search adds little). A fixed serial
/// number makes the same sound the same bytes every time.
const ENCODE_ARGS: [&str; 8] = ["--quiet", "--speech", "--bitrate", "20", "--comp", "5", "--serial", "1"];

/// The settings as text, for the cache key.
pub fn settings(voice: &str) -> String {
    format!("{SPEAKER} -v {voice} {} | {ENCODER} {}", SPEAK_ARGS.join(" "), ENCODE_ARGS.join(" "))
}

/// Is `program` an executable file in a folder on PATH? Looked up rather
/// than run, so a build with every recording cached runs nothing.
pub fn on_path(program: &str) -> bool {
    let Some(path) = std::env::var_os("PATH") else { return false };
    std::env::split_paths(&path).any(|dir| executable(&dir.join(program)))
}

#[cfg(unix)]
fn executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn executable(p: &Path) -> bool {
    p.is_file() || p.with_extension("exe").is_file()
}

/// Speak `ssml` with `voice` and encode it to `out`, through files beside
/// it named by `stem` (unique to this job), which are removed after.
pub fn make(voice: &str, ssml: &str, stem: &Path, out: &Path) -> Result<(), String> {
    let text = stem.with_extension("ssml");
    let wav = stem.with_extension("wav");
    let encoded = stem.with_extension(EXTENSION);
    let result = (|| {
        std::fs::write(&text, ssml).map_err(|e| format!("cannot write {}: {e}", text.display()))?;
        let mut speak = Command::new(SPEAKER);
        speak.args(["-v", voice]).args(SPEAK_ARGS).arg("-w").arg(&wav).arg("-f").arg(&text);
        run(speak)?;
        let mut encode = Command::new(ENCODER);
        encode.args(ENCODE_ARGS).arg(&wav).arg(&encoded);
        run(encode)?;
        std::fs::rename(&encoded, out).map_err(|e| format!("cannot move the recording to {}: {e}", out.display()))
    })();
    for f in [&text, &wav, &encoded] {
        let _ = std::fs::remove_file(f);
    }
    result
}

fn run(mut cmd: Command) -> Result<(), String> {
    let name = cmd.get_program().to_string_lossy().into_owned();
    let done = cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped()).output().map_err(|e| format!("cannot run {name}: {e}"))?;
    if done.status.success() {
        return Ok(());
    }
    let said = String::from_utf8_lossy(&done.stderr);
    Err(format!("{name} failed ({}): {}", done.status, said.lines().next().unwrap_or("").trim()))
}

/// A file name in the cache for a recording of this text with these settings.
pub fn key(voice: &str, ssml: &str) -> String {
    use std::hash::Hasher;
    let mut h = fnv::FnvHasher::default();
    for part in ["easyinfo audio 1", &settings(voice), ssml] {
        h.write(part.as_bytes());
        h.write_u8(0);
    }
    format!("{:016x}.{EXTENSION}", h.finish())
}

/// Is this a name [`key`] makes? Only those are ever removed from the cache.
pub fn is_key(name: &str) -> bool {
    name.strip_suffix(EXTENSION).and_then(|s| s.strip_suffix('.')).is_some_and(|h| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Where a site keeps its recordings between builds (outside the output,
/// which is replaced on every build).
pub fn cache_dir(site_root: &Path) -> PathBuf {
    site_root.join(".easyinfo-cache").join("audio")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voices_by_language() {
        assert_eq!(voice("en-GB"), Some("en-gb"));
        assert_eq!(voice("cy"), Some("cy"));
        assert_eq!(voice("fr"), None);
    }

    #[test]
    fn the_key_follows_text_and_voice() {
        let k = key("en-gb", "<speak>a</speak>");
        assert_eq!(k, key("en-gb", "<speak>a</speak>"));
        assert_ne!(k, key("en-gb", "<speak>b</speak>"));
        assert_ne!(k, key("cy", "<speak>a</speak>"));
        assert!(k.ends_with(".ogg") && k.len() == 20 && is_key(&k), "{k}");
        assert!(!is_key("notes.ogg") && !is_key("work-1-2.wav") && !is_key("0123456789abcdef.wav"));
    }
}
