//! easyinfo: one Markdown source becomes easy read, large print and plain
//! pages, with a jargon lint and an offline service directory.
//!
//! Data flows one way, a folder a stage (ARCHITECTURE.md):
//! `load` → `check` → `transform` → `render` → `output`, shared `core`
//! under them all. [`pipeline`] runs the stages for `build`, `lint` and
//! `serve`; `cmd` holds what only the command line does.

pub mod check;
pub mod cmd;
pub mod core;
pub mod load;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod serve;
pub mod transform;
