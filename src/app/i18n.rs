//! The window's two languages: Chinese (default) and English. Strings sit beside their use as
//! `lang.pick("中文", "English")` pairs, so a missing translation cannot compile.

use crate::report::Problem;

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

    /// Why a typed value was refused, in this language (the library words both).
    pub fn problem(self, problem: Problem) -> &'static str {
        self.pick(problem.zh(), problem.en())
    }
}
