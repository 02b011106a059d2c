//! The window's two languages: Chinese (default) and English. Strings sit beside their use as
//! `lang.pick("中文", "English")` pairs, so a missing translation cannot compile.

/// The language of the window's own words (form labels stay Chinese: they are the form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    /// 中文.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// `zh` in Chinese, `en` in English.
    pub fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// Whether the language is Chinese.
    pub fn is_zh(self) -> bool {
        self == Lang::Zh
    }

    /// The other language.
    pub fn toggled(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// A validation reason from the library (English), in this language.
    pub fn reason(self, reason: &'static str) -> &'static str {
        match (self, reason) {
            (Lang::Zh, "not a number") => "不是数字",
            (Lang::Zh, "a count cannot be negative") => "件数不能为负",
            (Lang::Zh, "a count is a whole number") => "件数须为整数",
            (Lang::Zh, "no such cell") => "无此单元格",
            _ => reason,
        }
    }
}
