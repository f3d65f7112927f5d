//! What a language's readability needs: its sentences and words, and the
//! grade formula proven for it, if there is one.

use super::stats::{count_sentences, Counts, Grades, Sentence, Stats};

/// Counts one language's text. Chosen by [`super::analyser_for`].
pub trait Analyser: Sync {
    /// The sentences of one unit of text (a paragraph, ONE list item or a
    /// table cell), each with its counts; a unit without final punctuation
    /// still ends a sentence.
    fn sentences(&self, text: &str) -> Vec<Sentence>;

    /// Reading ease and school grade for a page's totals, by the formula
    /// proven for this language; `None` when there is none, and then only
    /// sentence length can be checked.
    fn grades(&self, counts: &Counts) -> Option<Grades>;

    /// Page figures from sentences already counted by [`Analyser::sentences`].
    fn stats<'a>(&self, all: &mut dyn Iterator<Item = &'a Sentence>) -> Stats {
        Counts::of(all).stats(|c| self.grades(c))
    }

    /// The grade formula's name, or `None` for a language without one.
    fn grade_formula(&self) -> Option<&'static str>;
}

/// For a language with no proven grade formula: sentences and words as in
/// English (a full stop, question or exclamation mark, a blank line or a
/// list item ends a sentence), no syllables and no grade.
pub struct SentenceLengthOnly;

impl Analyser for SentenceLengthOnly {
    fn sentences(&self, text: &str) -> Vec<Sentence> {
        count_sentences(text, |_| 0)
    }
    fn grades(&self, _: &Counts) -> Option<Grades> {
        None
    }
    fn grade_formula(&self) -> Option<&'static str> {
        None
    }
}

/// What to say instead of a grade, for such a language.
pub const NO_GRADE: &str = "Readability checks sentence length only: there is no proven grade formula for this language.";
