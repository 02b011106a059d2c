//! Text made safe for a terminal: control characters in file names and report text (ESC, BEL…)
//! are shown escaped, so a crafted file name cannot move the cursor, ring the bell or rewrite
//! what the reviewer reads.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with every control character except tab written as `\u{..}`: no control byte reaches
/// the terminal.
///
/// # Example
/// ```
/// use gouji::export::terminal_safe;
/// assert_eq!(terminal_safe("报告\u{1b}[2J.txt"), "报告\\u{1b}[2J.txt");
/// assert_eq!(terminal_safe("公安局 2023"), "公安局 2023");
/// ```
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// C0 and C1 controls (but tab), DEL, and the bidirectional overrides that reorder what is shown.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}
