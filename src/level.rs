//! The three reading levels every guide is published in.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Easy,
    Large,
    Plain,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Easy, Level::Large, Level::Plain];

    pub fn id(self) -> &'static str {
        match self {
            Level::Easy => "easy",
            Level::Large => "large",
            Level::Plain => "plain",
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Level::Easy => "Easy read",
            Level::Large => "Large print",
            Level::Plain => "Plain",
        }
    }
    pub fn index(self) -> usize {
        self as usize
    }
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "easy" => Some(Level::Easy),
            "large" => Some(Level::Large),
            "plain" => Some(Level::Plain),
            _ => None,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
