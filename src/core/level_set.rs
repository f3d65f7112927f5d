//! A set of reading levels, such as the versions one diagnostic was found in.

use crate::core::version::Level;
use std::fmt;

/// Printed as the levels' ids in order, `easy, large`, as messages and
/// JSON have always shown them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct LevelSet(u32);

impl LevelSet {
    fn bit(level: Level) -> u32 {
        1 << level.index()
    }
    pub fn insert(&mut self, level: Level) {
        self.0 |= Self::bit(level);
    }
    pub fn contains(self, level: Level) -> bool {
        self.0 & Self::bit(level) != 0
    }
    /// Both sets' levels.
    pub fn union(self, other: LevelSet) -> LevelSet {
        LevelSet(self.0 | other.0)
    }
    /// The levels in the set, in the order of [`Level::ALL`].
    pub fn iter(self) -> impl Iterator<Item = Level> {
        Level::ALL.into_iter().filter(move |l| self.contains(*l))
    }
}

impl From<Level> for LevelSet {
    fn from(level: Level) -> Self {
        LevelSet(Self::bit(level))
    }
}

impl fmt::Display for LevelSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, l) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(l.id())?;
        }
        Ok(())
    }
}

impl serde::Serialize for LevelSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// As the printed text sorts, so that diagnostics keep their order. (No id
/// is a prefix of another, so comparing ids one by one is the same.)
impl Ord for LevelSet {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.iter().map(Level::id).cmp(other.iter().map(Level::id))
    }
}
impl PartialOrd for LevelSet {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lv(id: &str) -> Level {
        Level::parse(id).unwrap()
    }

    fn set(levels: &[Level]) -> LevelSet {
        let mut s = LevelSet::default();
        for l in levels {
            s.insert(*l);
        }
        s
    }

    #[test]
    fn prints_ids_in_level_order_whatever_the_insertion_order() {
        assert_eq!(set(&[lv("plain"), lv("easy")]).to_string(), "easy, plain");
        assert_eq!(set(&[lv("large"), lv("plain"), lv("easy")]).to_string(), "easy, large, plain");
        assert_eq!(serde_json::to_string(&LevelSet::from(lv("large"))).unwrap(), "\"large\"");
        assert_eq!(set(&[lv("easy")]).union(set(&[lv("easy")])), set(&[lv("easy")]));
    }

    #[test]
    fn sorts_as_its_text() {
        let mut all: Vec<LevelSet> = (1u32..8).map(|bits| set(&Level::ALL.into_iter().filter(|l| bits & (1 << l.index()) != 0).collect::<Vec<_>>())).collect();
        all.sort();
        let texts: Vec<String> = all.iter().map(|s| s.to_string()).collect();
        let mut sorted = texts.clone();
        sorted.sort();
        assert_eq!(texts, sorted);
    }
}
