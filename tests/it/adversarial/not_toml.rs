//! Bytes that are not TOML: NUL bytes, invalid UTF-8, UTF-16 and lone carriage returns, each an
//! `invalid-toml` at its place while the other files still report.

use super::*;

/// Checks that `file` in a tree is reported as `invalid-toml` with `message`, at `line:column`,
/// in every format, and that the other files still report.
fn not_toml(file: &str, bytes: &[u8], line: u64, column: u64, message: &str) {
    let team = b"[[team]]\nid = \"x\"\nname = \"X\"\nkind = \"platform\"\nlead = \"ada\"\nmembers = [\"ada\"]\ncolour = \"red\"\n";
    let dir = tree(&[(file, bytes), ("teams/other.toml", team)]);
    let report = json(&every_format(dir.path(), &[1]));
    let broken = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "invalid-toml")
        .expect("an invalid-toml finding");
    assert_eq!(broken["file"], file);
    assert_eq!(
        (&broken["line"], &broken["column"]),
        (&line.into(), &column.into())
    );
    let got = broken["message"].as_str().expect("message");
    assert!(got.contains(message), "{got}");
    assert_eq!(rules(&report), ["invalid-toml", "unknown-field"]);
}

#[test]
fn nul_bytes() {
    not_toml(
        "nul.toml",
        b"[[person]]\nid = \"n\0l\"\n",
        2,
        8,
        "invalid basic string",
    );
}

#[test]
fn invalid_utf8() {
    not_toml(
        "latin1.toml",
        b"[[person]]\nid = \"jo\"\nname = \"Jos\xe9\"\n\xff\xfe\xc0\x80\n",
        3,
        12,
        "not valid UTF-8 (invalid byte at offset 32)",
    );
}

#[test]
fn utf16_with_a_byte_order_mark() {
    let utf16 = |bom: [u8; 2], be: bool| {
        let mut bytes = bom.to_vec();
        for unit in "[[person]]\nid = \"u\"\n".encode_utf16() {
            bytes.extend(if be {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        bytes
    };
    not_toml(
        "le.toml",
        &utf16([0xff, 0xfe], false),
        1,
        1,
        "UTF-16 (little-endian",
    );
    not_toml(
        "be.toml",
        &utf16([0xfe, 0xff], true),
        1,
        1,
        "UTF-16 (big-endian",
    );
}

#[test]
fn lone_cr_line_endings() {
    // TOML has no lone CR newline: the first CR is the error, on line 1, past the CR.
    not_toml(
        "cr.toml",
        b"[[person]]\rid = \"c\"\rname = \"C\"\r",
        1,
        12,
        "carriage return",
    );
}
