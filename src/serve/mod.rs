//! `easyinfo serve`: local preview.

pub fn run(_root: &std::path::Path, _port: u16, _out: Option<std::path::PathBuf>) -> Result<(), String> {
    Err("serve is not built yet".into())
}
