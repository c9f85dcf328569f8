//! Quick looks at a text's bytes, which spare most lines a slower reading.
//!
//! A text enters as bytes; a yes or no, a place, or the text's lines leave. The looks read
//! every byte without stopping at the first hit, in fixed blocks, so that the compiler turns
//! them into vector instructions: several times faster, on lines of prose, than a loop that
//! may stop early. Searches for a fixed word and for line ends use `memchr`'s vector search,
//! where the standard library's `str::find` and `str::lines` go a byte or a word at a time.

use memchr::memmem;

/// Whether `pair` holds for some byte and the byte after it.
#[inline]
pub(crate) fn any_pair(bytes: &[u8], pair: impl Fn(u8, u8) -> bool) -> bool {
    const BLOCK: usize = 32;
    let mut found = false;
    let mut at = 0;
    // A block's last byte is paired with the next block's first, so no pair is missed.
    while at + BLOCK < bytes.len() {
        let block = &bytes[at..at + BLOCK + 1];
        let mut in_block = false;
        for i in 0..BLOCK {
            in_block |= pair(block[i], block[i + 1]);
        }
        found |= in_block;
        at += BLOCK;
    }
    for window in bytes[at..].windows(2) {
        found |= pair(window[0], window[1]);
    }
    found
}

/// Where `needle` first occurs in `haystack`, as `str::find` gives it.
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    // A match of whole UTF-8 text starts on a character boundary, so the place can cut `haystack`.
    memmem::find(haystack.as_bytes(), needle.as_bytes())
}

/// The lines of `text`, as `str::lines` gives them: split at `\n`, a `\r` before it dropped,
/// and no empty line after a final line end (a last line without one keeps its `\r`).
pub fn lines(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || match ends.next() {
        Some(end) => {
            let line = &text[start..end];
            start = end + 1;
            Some(line.strip_suffix('\r').unwrap_or(line))
        }
        None if start < text.len() => {
            let last = &text[start..];
            start = text.len();
            Some(last)
        }
        None => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_searches_agree_with_the_standard_library() {
        let texts = [
            "",
            "\n",
            "one",
            "one\n",
            "one\r\ntwo\n\nthree",
            "\r\n\r\nlast\r",
            "één\ntwee – drie\n",
        ];
        for text in texts {
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
            for needle in ["\n", "twee", "–", "e", "absent"] {
                assert_eq!(find(text, needle), text.find(needle), "{text:?} {needle:?}");
            }
        }
    }

    #[test]
    fn every_pair_is_seen_within_and_across_blocks() {
        let text = "a".repeat(100);
        for at in 0..99 {
            let mut bytes = text.clone().into_bytes();
            bytes[at] = b'x';
            bytes[at + 1] = b'y';
            assert!(any_pair(&bytes, |a, b| a == b'x' && b == b'y'), "at {at}");
        }
        assert!(!any_pair(text.as_bytes(), |a, b| a == b'x' || b == b'x'));
        assert!(!any_pair(b"x", |_, _| true));
        assert!(!any_pair(b"", |_, _| true));
    }
}
