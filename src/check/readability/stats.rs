//! Counted sentences, and a page's figures from them.

use super::sentences::for_each_sentence;
use super::words::WordIter;
use std::ops::Range;

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Stats {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
    pub mean_sentence_words: f64,
    pub max_sentence_words: usize,
    pub flesch_reading_ease: f64,
    pub flesch_kincaid_grade: f64,
}

/// One sentence of a text, with its counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub range: Range<usize>,
    pub words: usize,
    pub syllables: usize,
}

/// A language's reading ease and school grade for a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grades {
    pub reading_ease: f64,
    pub grade: f64,
}

/// A page's totals.
#[derive(Debug, Default)]
pub struct Counts {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
    pub max_sentence_words: usize,
}

impl Counts {
    pub fn of<'a>(all: impl IntoIterator<Item = &'a Sentence>) -> Counts {
        let mut acc = Counts::default();
        for s in all {
            acc.sentences += 1;
            acc.words += s.words;
            acc.syllables += s.syllables;
            acc.max_sentence_words = acc.max_sentence_words.max(s.words);
        }
        acc
    }

    /// The figures, with the grades a language's formula gives (zero
    /// without one). No words: all zero.
    pub fn stats(&self, grades: impl FnOnce(&Counts) -> Option<Grades>) -> Stats {
        if self.words == 0 || self.sentences == 0 {
            return Stats::default();
        }
        let g = grades(self).unwrap_or(Grades { reading_ease: 0.0, grade: 0.0 });
        Stats {
            words: self.words,
            sentences: self.sentences,
            syllables: self.syllables,
            mean_sentence_words: self.words as f64 / self.sentences as f64,
            max_sentence_words: self.max_sentence_words,
            flesch_reading_ease: g.reading_ease,
            flesch_kincaid_grade: g.grade,
        }
    }
}

/// The sentences of `text` that hold a word, counted with `syllables`.
pub fn count_sentences(text: &str, syllables: impl Fn(&str) -> u32) -> Vec<Sentence> {
    let mut out = Vec::new();
    for_each_sentence(text, |r| {
        let mut words = 0usize;
        let mut syl = 0usize;
        for word in WordIter::new(&text[r.clone()]) {
            words += 1;
            syl += syllables(word) as usize;
        }
        if words > 0 {
            out.push(Sentence { range: r, words, syllables: syl });
        }
    });
    out
}
