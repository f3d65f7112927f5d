//! Readability: words, sentences and syllables, and a page's figures
//! (Flesch Reading Ease and Flesch-Kincaid grade), counted by an
//! [`Analyser`] chosen by the site's language.
//!
//! English ([`English`]) is the one language with syllables and a proven
//! grade formula. Any other language gets [`SentenceLengthOnly`]: its
//! sentences are checked for length, and there is no grade.
//!
//! * `words`: tokens counted the way textstat counts them;
//! * `sentences`: the sentence splitter (English titles and abbreviations);
//! * `syllables`: the English syllable counter, over `cmudict` (the CMU
//!   Pronouncing Dictionary), `inflection` (forms and British spellings of
//!   its words) and `vowels` (rules for the words it lacks);
//! * `stats`: sentence counts and page figures; `english`, `analyser`: the
//!   analysers.
//!
//! `tests/readability_textstat.rs` compares the English results with
//! textstat on the passages in `tests/fixtures/textstat/passages.json`.

mod analyser;
mod cmudict;
mod english;
mod inflection;
mod sentences;
mod stats;
mod syllables;
mod vowels;
mod words;

pub use analyser::{Analyser, SentenceLengthOnly, NO_GRADE};
pub use english::English;
pub use sentences::split_sentences;
pub use stats::{Counts, Grades, Sentence, Stats};
pub use syllables::syllables;
pub use words::words;

/// The analyser for a language tag such as `en-GB`: English for any `en`,
/// otherwise one that checks sentence length only.
pub fn analyser_for(language: &str) -> &'static dyn Analyser {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    if primary.eq_ignore_ascii_case("en") {
        &English
    } else {
        &SentenceLengthOnly
    }
}

/// English sentences of one unit of text, counted once so that the lint
/// can check each sentence and total a page without splitting twice.
pub fn sentences(text: &str) -> Vec<Sentence> {
    English.sentences(text)
}

/// English statistics for a page: `units` are blocks of text (a paragraph, or ONE
/// list item, or a table cell); headings are excluded by the caller.
/// Each unit holds one or more sentences; a unit without final punctuation
/// still ends a sentence.
pub fn stats<'a>(units: impl IntoIterator<Item = &'a str>) -> Stats {
    let all: Vec<Sentence> = units.into_iter().flat_map(sentences).collect();
    English.stats(&mut all.iter())
}

/// Same, for one free text (used by the textstat comparison): split into
/// sentences by `split_sentences`.
pub fn text_stats(text: &str) -> Stats {
    stats([text])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_punctuation_only() {
        assert!(split_sentences("").is_empty());
        assert!(split_sentences("  ... !! ").is_empty());
        assert_eq!(text_stats(""), Stats::default());
        assert_eq!(stats(["", "  ", "--"]), Stats::default());
    }

    #[test]
    fn arbitrary_text_never_panics_and_ranges_are_sane() {
        // Deterministic pseudo-random strings over a troublesome alphabet.
        let alphabet: Vec<char> =
            "aZ9 .!?\n\t'\"()-\u{2014}\u{2026}\u{201d}\u{2019}éÇ\u{2022}*1e.g.Dr. St. "
                .chars()
                .collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (seed >> 33) as usize % 60;
            let mut t = String::new();
            for _ in 0..len {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                t.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            let rs = split_sentences(&t);
            let mut last = 0;
            for r in &rs {
                assert!(
                    r.start >= last && r.start < r.end && r.end <= t.len(),
                    "{t:?}: {rs:?}"
                );
                assert!(
                    t.is_char_boundary(r.start) && t.is_char_boundary(r.end),
                    "{t:?}"
                );
                last = r.end;
            }
            let in_sentences: usize = rs.iter().map(|r| words(&t[r.clone()]).len()).sum();
            assert_eq!(in_sentences, words(&t).len(), "{t:?}");
            let s = text_stats(&t);
            assert!(
                s.flesch_kincaid_grade.is_finite() && s.flesch_reading_ease.is_finite(),
                "{t:?}"
            );
            assert_eq!(s.words == 0, s.sentences == 0, "{t:?}");
        }
    }

    #[test]
    fn stats_formulas() {
        // 2 sentences, 6 words, 9 syllables.
        let s = text_stats("The cat sat. A lovely holiday.");
        assert_eq!(
            (s.words, s.sentences, s.syllables, s.max_sentence_words),
            (6, 2, 9, 3)
        );
        assert!((s.mean_sentence_words - 3.0).abs() < 1e-9);
        let fre = 206.835 - 1.015 * 3.0 - 84.6 * (9.0 / 6.0);
        let fk = 0.39 * 3.0 + 11.8 * (9.0 / 6.0) - 15.59;
        assert!((s.flesch_reading_ease - fre).abs() < 1e-9);
        assert!((s.flesch_kincaid_grade - fk).abs() < 1e-9);
    }

    #[test]
    fn units_end_sentences() {
        let s = stats([
            "Bring your letter",
            "Bring your glasses",
            "We will help you. Call us.",
        ]);
        assert_eq!(s.sentences, 4);
        assert_eq!(s.words, 12);
        assert_eq!(s.max_sentence_words, 4);
        // The same text as one unit without punctuation is one long sentence.
        let joined = text_stats("Bring your letter bring your glasses");
        assert_eq!(joined.sentences, 1);
    }

    #[test]
    fn english_is_chosen_for_any_english_tag() {
        for tag in ["en-GB", "en", "EN-us", "en_GB"] {
            assert_eq!(analyser_for(tag).grade_formula(), Some("Flesch-Kincaid"), "{tag}");
        }
    }

    #[test]
    fn another_language_checks_sentence_length_only() {
        let text = "Mae'r cyngor yn helpu. Ffoniwch ni heddiw os oes angen help arnoch chi gyda'r ffurflen.";
        for tag in ["cy", "cy-GB", "pl", ""] {
            let a = analyser_for(tag);
            assert_eq!(a.grade_formula(), None, "{tag}");
            let ss = a.sentences(text);
            assert_eq!(ss.iter().map(|s| s.words).collect::<Vec<_>>(), vec![4, 11], "{tag}");
            let s = a.stats(&mut ss.iter());
            assert_eq!((s.words, s.sentences, s.max_sentence_words, s.syllables), (15, 2, 11, 0));
            assert_eq!((s.flesch_kincaid_grade, s.flesch_reading_ease), (0.0, 0.0));
        }
        // English counts the same words, and grades them.
        let en = analyser_for("en-GB");
        assert!(en.stats(&mut en.sentences(text).iter()).flesch_kincaid_grade > 0.0);
    }
}
