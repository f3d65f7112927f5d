//! English: CMUdict syllables, and the Flesch Reading Ease and
//! Flesch-Kincaid grade formulas.

use super::analyser::Analyser;
use super::stats::{count_sentences, Counts, Grades, Sentence};
use super::syllables::syllables;

pub struct English;

impl Analyser for English {
    fn sentences(&self, text: &str) -> Vec<Sentence> {
        count_sentences(text, syllables)
    }

    fn grades(&self, c: &Counts) -> Option<Grades> {
        let wps = c.words as f64 / c.sentences as f64;
        let spw = c.syllables as f64 / c.words as f64;
        Some(Grades { reading_ease: 206.835 - 1.015 * wps - 84.6 * spw, grade: 0.39 * wps + 11.8 * spw - 15.59 })
    }

    fn grade_formula(&self) -> Option<&'static str> {
        Some("Flesch-Kincaid")
    }
}
