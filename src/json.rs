//! JSON as every JSON document orglint writes it (the JSON and SARIF formats, the baseline):
//! pretty-printed, every character that must not reach a terminal escaped, ending in a newline.

use serde::Serialize;

use crate::text::is_unsafe;

/// `value` as every JSON output of orglint is written: pretty-printed, escaped for the terminal
/// ([`escape_unsafe`]), ending in a newline.
pub(crate) fn document(value: &impl Serialize) -> String {
    let json = serde_json::to_string_pretty(value).expect("JSON of plain values");
    let mut out = escape_unsafe(json);
    out.push('\n');
    out
}

/// A document `json` as serde_json wrote it, with every character that
/// must not reach a terminal ([`is_unsafe`]: DEL, C1, bidi and zero-width characters, which
/// serde_json writes as they are) written as a `\uXXXX` escape: the document decodes to the same
/// strings, and `cat report.json` cannot drive the terminal. Outside strings a JSON document is
/// ASCII, so only string contents change.
fn escape_unsafe(json: String) -> String {
    use std::fmt::Write as _;
    // The document's own line breaks are its layout; inside strings serde_json escapes C0.
    let unsafe_char = |c: char| c != '\n' && is_unsafe(c);
    if !json.chars().any(unsafe_char) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_char(c) {
            // Past the Basic Multilingual Plane (a tag character), JSON's escape is the UTF-16
            // surrogate pair.
            for unit in c.encode_utf16(&mut [0; 2]) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_documents_escape_astral_characters_as_surrogate_pairs() {
        let doc = escape_unsafe("[\"a\u{E0041}\u{202E}b\"]\n".to_owned());
        assert_eq!(doc, "[\"a\\udb40\\udc41\\u202eb\"]\n");
        let back: Vec<String> = serde_json::from_str(&doc).expect("JSON");
        assert_eq!(back, ["a\u{E0041}\u{202E}b"]);
    }
}
