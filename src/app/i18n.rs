//! The window's two languages: Chinese (default) and English. Strings sit beside their use as
//! `lang.pick("中文", "English")` pairs, so a missing translation cannot compile.

use crate::corpus::Failure;
use crate::export::ExportError;
use crate::report::Problem;
use crate::review::{ReviewError, UnusableCause};

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

    /// Why a file could not be read, in this language, by the kind of failure (the library's
    /// English sentence is the CLI's): the whole reason, with the figures it needs.
    pub fn failure(self, failure: &Failure) -> String {
        let mb = |bytes: u64| format!("{:.1}", bytes as f64 / (1024.0 * 1024.0));
        match (failure, self) {
            (Failure::Missing, Lang::Zh) => "找不到这个文件（可能已被移动或删除）".into(),
            (Failure::Missing, Lang::En) => "the file is not there (moved or deleted?)".into(),
            (Failure::PermissionDenied, Lang::Zh) => "没有读取这个文件的权限".into(),
            (Failure::PermissionDenied, Lang::En) => "no permission to read the file".into(),
            (Failure::Io, Lang::Zh) => "读取磁盘时出错，无法读取这个文件".into(),
            (Failure::Io, Lang::En) => "the disk could not be read".into(),
            (Failure::TooLarge { size, limit }, Lang::Zh) => format!(
                "文件太大（{} MB），本程序只读取不超过 {} MB 的报告",
                mb(*size),
                mb(*limit)
            ),
            (Failure::TooLarge { size, limit }, Lang::En) => format!(
                "the file is too large ({} MB; reports up to {} MB are read)",
                mb(*size),
                mb(*limit)
            ),
            (Failure::Empty, Lang::Zh) => "文件是空的".into(),
            (Failure::Empty, Lang::En) => "the file is empty".into(),
            (Failure::NotAFile, Lang::Zh) => {
                "不是普通文件（文件夹无法读取、链接失效，或是管道、设备等），不予读取".into()
            }
            (Failure::NotAFile, Lang::En) => {
                "not a regular file (an unreadable folder, a broken link, a pipe or device): not read"
                    .into()
            }
            (Failure::TooComplex, Lang::Zh) => "文件结构远超一份报告的规模，无法作为报告读取".into(),
            (Failure::TooComplex, Lang::En) => {
                "far more structure than a report has: not read as a report".into()
            }
            (Failure::TimedOut { seconds }, Lang::Zh) => {
                format!("读取超过 {seconds} 秒，文件过于复杂，不像是一份报告")
            }
            (Failure::TimedOut { seconds }, Lang::En) => {
                format!("reading took longer than {seconds} s: too complex to be a report")
            }
            (Failure::NotText, Lang::Zh) => {
                "不是文本报告：文件含二进制数据，或编码无法识别".into()
            }
            (Failure::NotText, Lang::En) => {
                "not a text report: binary data, or an encoding gouji does not know".into()
            }
            (Failure::Unsupported, Lang::Zh) => {
                "暂不支持的格式（如旧版 .doc、扫描或加密的 PDF）：请另存为 DOCX、可复制文字的 PDF 或 TXT 后再打开".into()
            }
            (Failure::Unsupported, Lang::En) => {
                "a format gouji does not read (legacy .doc, a scanned or encrypted PDF): save it as DOCX, a PDF with text, or TXT".into()
            }
            (Failure::Damaged { format }, Lang::Zh) => format!("{format} 文件已损坏，无法读取"),
            (Failure::Damaged { format }, Lang::En) => format!("damaged {format} file"),
            (_, Lang::Zh) => "无法读取这个文件".into(),
            (_, Lang::En) => "the file cannot be read".into(),
        }
    }

    /// Why a report or review CSV could not be opened or saved, in this language: a reading
    /// failure by its kind ([`Lang::failure`]), a review CSV's by its own kind; never the
    /// library's English sentence in the Chinese window.
    pub fn open_error(self, error: &ReviewError) -> String {
        let io = Failure::of_io;
        let export = |e: &ExportError| -> String {
            match e {
                ExportError::Io { source, .. } | ExportError::Write(source) => {
                    self.failure(&io(source))
                }
                ExportError::Locked { path } => format!(
                    "{} {}",
                    path.display(),
                    self.pick(
                        "正被其他程序（Excel 或 WPS？）打开",
                        "is open in another program (Excel or WPS?)"
                    )
                ),
                ExportError::NotAFile { path } => format!(
                    "{} {}",
                    path.display(),
                    self.pick(
                        "不是普通文件，未写入",
                        "is not a regular file: nothing written"
                    )
                ),
                ExportError::Header(_) => self
                    .pick(
                        "不是本程序的审核 CSV（表头不符）",
                        "not a gouji review CSV (its header differs)",
                    )
                    .into(),
                ExportError::Row { line, .. } => match self {
                    Lang::Zh => format!("审核 CSV 第 {line} 行与报告表式不符"),
                    Lang::En => format!("line {line} of the review CSV does not fit the form"),
                },
                _ => self
                    .pick(
                        "审核 CSV 格式有误，无法读取",
                        "the review CSV cannot be read",
                    )
                    .into(),
            }
        };
        match error {
            ReviewError::Ingest(e) => self.failure(&Failure::of(e)),
            ReviewError::Io { source, .. } => self.failure(&io(source)),
            ReviewError::Export(e) => export(e),
            ReviewError::NoPath => self
                .pick(
                    "还没有保存位置，请用“另存为”",
                    "no file to save to: use Save as",
                )
                .into(),
        }
    }

    /// Why the review CSV beside a report was not used, in this language.
    pub fn unusable(self, cause: &UnusableCause) -> String {
        match (cause, self) {
            (UnusableCause::OtherReport(file), Lang::Zh) => {
                format!("它是另一份报告“{file}”的审核 CSV")
            }
            (UnusableCause::OtherReport(file), Lang::En) => format!("it is the review of {file:?}"),
            (UnusableCause::BadLine(line), Lang::Zh) => {
                format!("第 {line} 行与报告表式不符，文件可能已损坏")
            }
            (UnusableCause::BadLine(line), Lang::En) => {
                format!("line {line} does not fit the form: the file may be damaged")
            }
            (UnusableCause::NotAReview, Lang::Zh) => "不是本程序的审核 CSV（表头不符）".into(),
            (UnusableCause::NotAReview, Lang::En) => {
                "not a gouji review CSV (its header differs)".into()
            }
            (_, Lang::Zh) => "无法读取".into(),
            (_, Lang::En) => "it cannot be read".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three ASCII words of two letters or more in a row: an English phrase.
    fn english(text: &str) -> bool {
        let word = |w: &&str| w.len() >= 2 && w.chars().all(|c| c.is_ascii_alphabetic());
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || "，。：；（）:;,.()".contains(c))
            .collect();
        words.windows(3).any(|w| w.iter().all(word))
    }

    #[test]
    fn every_kind_of_failure_is_worded_in_chinese_without_english() {
        let kinds = [
            Failure::Missing,
            Failure::PermissionDenied,
            Failure::Io,
            Failure::TooLarge {
                size: 300 << 20,
                limit: 200 << 20,
            },
            Failure::Empty,
            Failure::NotAFile,
            Failure::TooComplex,
            Failure::TimedOut { seconds: 30 },
            Failure::NotText,
            Failure::Unsupported,
            Failure::Damaged { format: "PDF" },
            Failure::Other,
        ];
        for kind in &kinds {
            let zh = Lang::Zh.failure(kind);
            assert!(!english(&zh), "{kind:?}: {zh}");
            assert!(english(&Lang::En.failure(kind)), "{kind:?}");
        }
        assert!(Lang::Zh.failure(&kinds[3]).contains("300.0 MB"));
        for cause in [
            UnusableCause::OtherReport("甲.txt".into()),
            UnusableCause::BadLine(7),
            UnusableCause::NotAReview,
            UnusableCause::Unreadable,
        ] {
            assert!(!english(&Lang::Zh.unusable(&cause)), "{cause:?}");
        }
        let header = ReviewError::Export(ExportError::Header("missing column file".into()));
        assert!(!english(&Lang::Zh.open_error(&header)));
    }
}
