//! Checks on what a reviewer types into a cell that reading a report does not make: digit
//! groups. A typed `6,93,665` is refused instead of being read as 693665, while thousands
//! groups of three (`1,234`, `12,345.5`) are accepted. Extraction reads report text with its
//! own rules and does not call this.

/// Whether the commas in the number at the start of `text` (after an optional sign) only
/// separate thousands: the first group one to three digits, every later one exactly three.
/// Text without a comma passes; full-width commas count as commas.
pub(crate) fn grouped_in_threes(text: &str) -> bool {
    let text = text.trim();
    let text = text.strip_prefix(['+', '-']).unwrap_or(text);
    let number: String = text
        .chars()
        .map(|c| if c == '，' { ',' } else { c })
        .take_while(|&c| c.is_ascii_digit() || c == ',')
        .collect();
    if !number.contains(',') {
        return true;
    }
    let mut groups = number.split(',');
    let first = groups.next().map_or(0, str::len);
    (1..=3).contains(&first) && groups.all(|g| g.len() == 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_pass_and_other_groupings_do_not() {
        for ok in [
            "1,234",
            "12,345,678",
            "1,234.5",
            "-1,234",
            "1，234",
            "12",
            "",
            "不适用",
        ] {
            assert!(grouped_in_threes(ok), "{ok:?}");
        }
        for bad in [
            "6,93,665",
            "1,23",
            "1234,567",
            ",123",
            "1,2345",
            "1,",
            "12,34万元",
        ] {
            assert!(!grouped_in_threes(bad), "{bad:?}");
        }
    }
}
