//! The review queue of a folder: one [`Row`] per report with its status, a [`Filter`], a sort
//! order ([`SortKey`]), the report open for review, and which report needs attention next.
//!
//! The queue keeps of each report only what it shows and the few cells the cross-year checks
//! of the report under review read ([`Summary`]), so a folder of 10,000 reports stays light; its
//! order (sorted and filtered) is worked out when it changes, not each time it is drawn.
//!
//! Also owns reading a folder off the caller's thread: [`FolderLoad`] lists the reports
//! ([`super::walk`]), sums them up with [`summarise_all`] on a worker thread, counts
//! progress in an atomic counter and hands back a finished [`Queue`] through its own channel.
//! It reads no report itself and draws nothing (the window's `queue_pane` does).

use std::cmp::Ordering;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering as Atomic};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::summary::{Summary, summarise_all};
use super::{Entry, Failure, QueueStatus};
use crate::report::Report;
use crate::rules::{self, Policy};

/// One report of the queue: what the list shows of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The report file.
    pub path: PathBuf,
    /// Its path below the queue's folder (`2020/report.txt`).
    pub name: String,
    /// The agency (empty when unknown).
    pub agency: String,
    /// The year reported on.
    pub year: Option<u16>,
    /// The form code (`2019`, `2021`…), empty when the file could not be read.
    pub form: &'static str,
    /// Where the report stands.
    pub status: QueueStatus,
    /// Why the file could not be read, if it could not (in English).
    pub error: Option<String>,
    /// The kind of that failure, for the window's own words.
    pub failure: Option<Failure>,
}

impl Row {
    /// The row of the report `summary` sums up, named relative to `root`.
    pub fn new(root: &Path, summary: &Summary) -> Row {
        let name = summary
            .path
            .strip_prefix(root)
            .ok()
            .or_else(|| summary.path.file_name().map(Path::new))
            .unwrap_or(&summary.path)
            .to_string_lossy()
            .into_owned();
        Row {
            path: summary.path.clone(),
            name,
            agency: summary.cross.agency.clone(),
            year: summary.cross.year,
            form: summary.form(),
            status: summary.status(),
            error: summary.error.clone(),
            failure: summary.failure.clone(),
        }
    }
}

/// Which rows the queue shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    /// Every report.
    #[default]
    All,
    /// Reports a reviewer still has to look at ([`QueueStatus::needs_attention`]).
    NeedsAttention,
    /// Reports with a broken rule.
    Broken,
    /// Reports not yet marked reviewed.
    NotReviewed,
}

impl Filter {
    /// Every filter, in the order the window offers them.
    pub const ALL: [Filter; 4] = [
        Filter::All,
        Filter::NeedsAttention,
        Filter::Broken,
        Filter::NotReviewed,
    ];

    /// Whether a report with `status` passes the filter.
    pub fn admits(self, status: QueueStatus) -> bool {
        match self {
            Filter::All => true,
            Filter::NeedsAttention => status.needs_attention(),
            Filter::Broken => matches!(status, QueueStatus::Broken(_)),
            Filter::NotReviewed => status != QueueStatus::Reviewed,
        }
    }
}

/// What the queue is sorted by; ties are broken by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortKey {
    /// The path below the folder.
    #[default]
    File,
    /// The agency; unknown agencies last.
    Agency,
    /// The year; unknown years last.
    Year,
    /// Most serious first: unreadable, most broken rules, ambiguous, incomplete, edited, no
    /// tables, clean, reviewed.
    Status,
}

impl SortKey {
    /// Every sort key, in the order of the list's columns.
    pub const ALL: [SortKey; 4] = [
        SortKey::File,
        SortKey::Agency,
        SortKey::Year,
        SortKey::Status,
    ];

    fn compare(self, a: &Row, b: &Row) -> Ordering {
        let by_key = match self {
            SortKey::File => Ordering::Equal,
            SortKey::Agency => {
                (a.agency.is_empty(), &a.agency).cmp(&(b.agency.is_empty(), &b.agency))
            }
            SortKey::Year => (a.year.is_none(), a.year).cmp(&(b.year.is_none(), b.year)),
            SortKey::Status => status_rank(a.status).cmp(&status_rank(b.status)),
        };
        by_key.then_with(|| a.name.cmp(&b.name))
    }
}

/// Sorts by seriousness: the enum's order, with more broken rules before fewer.
fn status_rank(status: QueueStatus) -> (QueueStatus, std::cmp::Reverse<usize>) {
    match status {
        QueueStatus::Broken(n) => (QueueStatus::Broken(0), std::cmp::Reverse(n)),
        other => (other, std::cmp::Reverse(0)),
    }
}

/// The reports of a folder as the reviewer works through them.
///
/// # Example
/// ```
/// use gouji::corpus::queue::{Filter, Queue, SortKey};
/// let queue = Queue::new("reports".into(), &[]);
/// assert!(queue.visible().is_empty());
/// assert_eq!(queue.next_needing_attention(), None);
/// assert_eq!((queue.filter(), queue.sort()), (Filter::All, (SortKey::File, false)));
/// ```
#[derive(Debug, Clone)]
pub struct Queue {
    root: PathBuf,
    rows: Vec<Row>,
    /// Each row's report with only the cells the cross-year checks read, for those checks of
    /// the report under review.
    reports: Vec<Report>,
    filter: Filter,
    sort: SortKey,
    descending: bool,
    current: Option<usize>,
    /// Every row index in sort order, worked out when the rows or the order change.
    order: Vec<usize>,
    /// The rows of `order` the filter admits.
    visible: Vec<usize>,
}

impl Queue {
    /// The queue of the reports `entries` found under `root`.
    pub fn new(root: PathBuf, entries: &[Entry]) -> Queue {
        Queue::of_summaries(root, entries.iter().map(Summary::of).collect())
    }

    /// The queue of the reports `summaries` sum up, found under `root`.
    pub fn of_summaries(root: PathBuf, summaries: Vec<Summary>) -> Queue {
        let rows = summaries.iter().map(|s| Row::new(&root, s)).collect();
        let reports = summaries.into_iter().map(|s| s.cross).collect();
        let mut queue = Queue {
            root,
            rows,
            reports,
            filter: Filter::default(),
            sort: SortKey::default(),
            descending: false,
            current: None,
            order: Vec::new(),
            visible: Vec::new(),
        };
        queue.arrange();
        queue
    }

    /// The folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Every row, in the order the reports were found (indices stay stable).
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Row `i`.
    pub fn row(&self, i: usize) -> Option<&Row> {
        self.rows.get(i)
    }

    /// The filter.
    pub fn filter(&self) -> Filter {
        self.filter
    }

    /// Shows only the rows `filter` admits.
    pub fn set_filter(&mut self, filter: Filter) {
        self.filter = filter;
        self.select();
    }

    /// The sort key and whether the order is reversed.
    pub fn sort(&self) -> (SortKey, bool) {
        (self.sort, self.descending)
    }

    /// Sorts by `key`; choosing the current key again reverses the order.
    pub fn sort_by(&mut self, key: SortKey) {
        self.descending = key == self.sort && !self.descending;
        self.sort = key;
        self.arrange();
    }

    /// The row of the report open for review, if it is in the queue.
    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// Makes the row of `path` the current one (none when `path` is not in the queue); returns it.
    pub fn set_current(&mut self, path: &Path) -> Option<usize> {
        self.current = self.position(path);
        self.current
    }

    /// The row of `path`.
    pub fn position(&self, path: &Path) -> Option<usize> {
        self.rows.iter().position(|r| r.path == path)
    }

    /// Replaces the row of `entry`'s report (after a save, say); false when it is not in the queue.
    pub fn update(&mut self, entry: &Entry) -> bool {
        let summary = Summary::of(entry);
        let row = Row::new(&self.root, &summary);
        let Some(i) = self.position(&row.path) else {
            return false;
        };
        if let Some(old) = self.rows.get_mut(i) {
            *old = row;
        }
        if let Some(old) = self.reports.get_mut(i) {
            *old = summary.cross;
        }
        self.arrange();
        true
    }

    /// The reports of the folder that the report of `path` is checked against year to year (S1,
    /// S2): the same agency's reports of the year before and the year after.
    pub fn neighbours(&self, path: &Path) -> Vec<Report> {
        let Some(this) = self.position(path).and_then(|i| self.reports.get(i)) else {
            return Vec::new();
        };
        let Some(year) = this.year else {
            return Vec::new();
        };
        // The year first: comparing agencies normalises both names.
        self.reports
            .iter()
            .filter(|r| {
                r.year.is_some_and(|y| y.abs_diff(year) == 1)
                    && rules::cross::same_agency(&r.agency, &this.agency)
            })
            .cloned()
            .collect()
    }

    /// Takes the filter, sort order and current report of `old` (the same folder, read again).
    pub fn keep_view(&mut self, old: &Queue) {
        self.filter = old.filter;
        self.sort = old.sort;
        self.descending = old.descending;
        self.current = old
            .current
            .and_then(|i| old.rows.get(i))
            .and_then(|r| self.position(&r.path));
        self.arrange();
    }

    /// How many reports need attention.
    pub fn needing_attention(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.status.needs_attention())
            .count()
    }

    /// Works out the sort order of every row again, and the rows the filter admits.
    fn arrange(&mut self) {
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        order.sort_by(|&a, &b| match (self.rows.get(a), self.rows.get(b)) {
            (Some(a), Some(b)) if self.descending => self.sort.compare(b, a),
            (Some(a), Some(b)) => self.sort.compare(a, b),
            _ => Ordering::Equal,
        });
        self.order = order;
        self.select();
    }

    /// Works out again which rows of the order the filter admits.
    fn select(&mut self) {
        self.visible = self
            .order
            .iter()
            .copied()
            .filter(|&i| self.admitted(i))
            .collect();
    }

    fn admitted(&self, i: usize) -> bool {
        self.rows
            .get(i)
            .is_some_and(|r| self.filter.admits(r.status))
    }

    /// The rows the filter admits, in sort order.
    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    /// The next row after the current one, in sort order and wrapping around, that needs
    /// attention and passes the filter. The current row itself is never next; `None` when no
    /// other row needs attention. Rows the filter hides are skipped, but the walk starts from
    /// the current row even when the filter now hides it (a repaired report leaves "broken only").
    pub fn next_needing_attention(&self) -> Option<usize> {
        let order = &self.order;
        let start = self
            .current
            .and_then(|c| order.iter().position(|&i| i == c))
            .map_or(0, |p| p + 1);
        let n = order.len();
        (0..n)
            .filter_map(|k| order.get((start + k) % n).copied())
            .filter(|&i| Some(i) != self.current && self.admitted(i))
            .find(|&i| self.rows.get(i).is_some_and(|r| r.status.needs_attention()))
    }
}

/// Why a folder could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QueueError {
    /// The folder could not be listed.
    #[error("cannot read {path}: {source}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The worker thread could not be started.
    #[error("cannot start reading the folder: {0}")]
    Spawn(std::io::Error),
    /// The worker thread stopped without an answer.
    #[error("reading the folder stopped unexpectedly")]
    Stopped,
}

/// A folder being read on a worker thread.
///
/// Each load has its own channel: dropping it (opening another folder instead) means its
/// result is never received, so two folders' reports cannot mix. The worker runs to its end
/// (reading a report cannot be interrupted) and its result is discarded.
#[derive(Debug)]
pub struct FolderLoad {
    root: PathBuf,
    total: Arc<AtomicUsize>,
    done: Arc<AtomicUsize>,
    result: Receiver<Result<Queue, QueueError>>,
}

impl FolderLoad {
    /// Starts reading every report under `root`, recursively, checked with `policy`.
    pub fn start(root: &Path, policy: Policy) -> Result<FolderLoad, QueueError> {
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let total = Arc::new(AtomicUsize::new(0));
        let done = Arc::new(AtomicUsize::new(0));
        let (send, result) = mpsc::channel();
        let worker = (root.clone(), Arc::clone(&total), Arc::clone(&done));
        std::thread::Builder::new()
            .name("gouji-folder".into())
            .spawn(move || {
                let (root, total, done) = worker;
                let queue = super::walk::walk(&root)
                    .map(|walk| {
                        total.store(walk.reports.len(), Atomic::Relaxed);
                        let mut summaries = summarise_all(&walk.reports, policy, || {
                            done.fetch_add(1, Atomic::Relaxed);
                        });
                        // What the walk could not read is a row of its own, with the reason.
                        summaries.extend(walk.skipped.iter().filter(|s| s.failed).map(|s| {
                            let entry =
                                Entry::unreadable(&s.path, s.reason.clone(), Failure::NotAFile);
                            Summary::of(&entry)
                        }));
                        Queue::of_summaries(root.clone(), summaries)
                    })
                    .map_err(|source| QueueError::Folder { path: root, source });
                // Nobody listens when another folder was opened meanwhile: nothing to do.
                let _ = send.send(queue);
            })
            .map_err(QueueError::Spawn)?;
        Ok(FolderLoad {
            root,
            total,
            done,
            result,
        })
    }

    /// The folder being read.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Reports read so far and how many there are (0 while the folder is still being listed).
    pub fn progress(&self) -> (usize, usize) {
        (
            self.done.load(Atomic::Relaxed),
            self.total.load(Atomic::Relaxed),
        )
    }

    /// The finished queue, or `None` while reading goes on. Never blocks.
    pub fn poll(&self) -> Option<Result<Queue, QueueError>> {
        match self.result.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(QueueError::Stopped)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn row(name: &str, agency: &str, year: Option<u16>, status: QueueStatus) -> Row {
        Row {
            path: Path::new("/reports").join(name),
            name: name.into(),
            agency: agency.into(),
            year,
            form: "2021",
            status,
            error: None,
            failure: None,
        }
    }

    /// b broken 1, a clean, d broken 3, c reviewed, e incomplete, f unreadable.
    fn queue() -> Queue {
        let mut q = Queue::new("/reports".into(), &[]);
        q.rows = vec![
            row("b.txt", "乙局", Some(2021), QueueStatus::Broken(1)),
            row("a.txt", "甲局", Some(2020), QueueStatus::Clean),
            row("d.txt", "", Some(2019), QueueStatus::Broken(3)),
            row("c.txt", "丙局", None, QueueStatus::Reviewed),
            row("e.txt", "丁局", Some(2022), QueueStatus::Incomplete),
            row("f.txt", "", None, QueueStatus::Unreadable),
        ];
        q.arrange();
        q
    }

    #[test]
    fn neighbours_are_the_same_agency_a_year_apart() {
        let entry = |name: &str, agency: &str, year: u16| {
            let mut report = Report::blank(&crate::template::FORM_2021);
            report.agency = agency.into();
            report.year = Some(year);
            Entry {
                path: Path::new("/reports").join(name),
                review_csv: None,
                report,
                findings: Vec::new(),
                error: None,
                failure: None,
                review_warning: None,
            }
        };
        let entries = [
            entry("2020.txt", "示例县公安局", 2020),
            entry("2021.txt", "示例县 公安局", 2021),
            entry("2022.txt", "示例县公安局", 2022),
            entry("2024.txt", "示例县公安局", 2024),
            entry("2023.txt", "某市示例县公安局", 2023),
            entry("other.txt", "另一县公安局", 2020),
        ];
        let q = Queue::new("/reports".into(), &entries);
        let years = |name: &str| -> Vec<Option<u16>> {
            let mut years: Vec<_> = q
                .neighbours(&Path::new("/reports").join(name))
                .iter()
                .map(|r| r.year)
                .collect();
            years.sort();
            years
        };
        assert_eq!(years("2021.txt"), vec![Some(2020), Some(2022)]);
        assert_eq!(years("2020.txt"), vec![Some(2021)]);
        assert_eq!(years("2024.txt"), vec![Some(2023)]);
        assert!(years("other.txt").is_empty());
        assert!(years("missing.txt").is_empty());
    }

    fn names(q: &Queue, rows: &[usize]) -> Vec<String> {
        rows.iter().map(|&i| q.rows[i].name.clone()).collect()
    }

    #[test]
    fn sorts_by_each_column_and_reverses_on_the_second_choice() {
        let mut q = queue();
        let visible = |q: &Queue| names(q, q.visible());
        assert_eq!(
            visible(&q),
            ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt"]
        );
        q.sort_by(SortKey::Status);
        assert_eq!(
            visible(&q),
            ["f.txt", "d.txt", "b.txt", "e.txt", "a.txt", "c.txt"]
        );
        q.sort_by(SortKey::Status);
        assert_eq!(q.sort(), (SortKey::Status, true));
        assert_eq!(
            visible(&q),
            ["c.txt", "a.txt", "e.txt", "b.txt", "d.txt", "f.txt"]
        );
        q.sort_by(SortKey::Year);
        assert_eq!(q.sort(), (SortKey::Year, false));
        assert_eq!(
            visible(&q),
            ["d.txt", "a.txt", "b.txt", "e.txt", "c.txt", "f.txt"]
        );
        q.sort_by(SortKey::Agency);
        assert_eq!(
            visible(&q)[4..],
            ["d.txt", "f.txt"],
            "unknown agencies last"
        );
    }

    #[test]
    fn filters_admit_what_they_say() {
        let mut q = queue();
        let cases = [
            (
                Filter::All,
                vec!["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt"],
            ),
            (
                Filter::NeedsAttention,
                vec!["b.txt", "d.txt", "e.txt", "f.txt"],
            ),
            (Filter::Broken, vec!["b.txt", "d.txt"]),
            (
                Filter::NotReviewed,
                vec!["a.txt", "b.txt", "d.txt", "e.txt", "f.txt"],
            ),
        ];
        for (filter, expected) in cases {
            q.set_filter(filter);
            assert_eq!(names(&q, q.visible()), expected, "{filter:?}");
        }
    }

    #[test]
    fn next_needing_attention_follows_the_order_skips_the_current_and_wraps() {
        let mut q = queue();
        let next = |q: &Queue| q.next_needing_attention().map(|i| q.rows[i].name.clone());
        assert_eq!(next(&q).as_deref(), Some("b.txt"));
        q.set_current(Path::new("/reports/b.txt"));
        assert_eq!(next(&q).as_deref(), Some("d.txt"));
        q.set_current(Path::new("/reports/f.txt"));
        assert_eq!(next(&q).as_deref(), Some("b.txt"), "wraps around");

        // Sorted by status the walk follows the list on screen.
        q.sort_by(SortKey::Status);
        q.set_current(Path::new("/reports/d.txt"));
        assert_eq!(next(&q).as_deref(), Some("b.txt"));

        // "Broken only" skips the rest, even after the current report left the filter.
        q.sort_by(SortKey::File);
        q.set_filter(Filter::Broken);
        q.set_current(Path::new("/reports/b.txt"));
        q.rows[0].status = QueueStatus::Edited;
        q.arrange();
        assert!(!q.visible().contains(&0));
        assert_eq!(next(&q).as_deref(), Some("d.txt"));
        q.set_current(Path::new("/reports/d.txt"));
        assert_eq!(next(&q), None, "no other broken report");

        q.set_current(Path::new("/elsewhere/x.txt"));
        assert_eq!(q.current(), None);
        assert_eq!(next(&q).as_deref(), Some("d.txt"));
    }

    #[test]
    fn the_order_follows_a_row_updated_after_a_save() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
        std::fs::write(&a, BROKEN).unwrap();
        std::fs::write(&b, BROKEN).unwrap();
        let entries: Vec<Entry> = [&a, &b]
            .iter()
            .map(|p| super::super::load(p, Policy::default()))
            .collect();
        let mut q = Queue::new(dir.path().to_path_buf(), &entries);
        q.sort_by(SortKey::Status);
        q.set_filter(Filter::Broken);
        assert_eq!(q.visible(), [0, 1]);
        // b.txt is repaired: it leaves "broken only", and sorted by status it comes last.
        let mut repaired = entries[1].clone();
        repaired.findings.clear();
        assert!(q.update(&repaired));
        assert_eq!(q.visible(), [0]);
        q.set_filter(Filter::All);
        assert_eq!(q.visible(), [0, 1]);
        q.sort_by(SortKey::Status);
        assert_eq!(q.visible(), [1, 0], "reversed");
    }

    #[test]
    fn a_reread_folder_keeps_the_view() {
        let mut old = queue();
        old.set_filter(Filter::NeedsAttention);
        old.sort_by(SortKey::Year);
        old.set_current(Path::new("/reports/d.txt"));
        let mut new = queue();
        new.rows.reverse();
        new.keep_view(&old);
        assert_eq!(new.filter(), Filter::NeedsAttention);
        assert_eq!(new.sort(), (SortKey::Year, false));
        assert_eq!(
            new.current().map(|i| new.rows[i].name.as_str()),
            Some("d.txt")
        );
        assert_eq!(new.needing_attention(), 4);
    }

    const BROKEN: &str = "测试市公安局2020年政府信息公开工作年度报告\n\
        一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
        二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
        （七）总计 | 0 | 0 | 0 | 0 | 0 | 0 | 5 |\n\
        四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";

    fn wait(load: &FolderLoad) -> Queue {
        let start = Instant::now();
        loop {
            if let Some(result) = load.poll() {
                return result.unwrap();
            }
            assert!(start.elapsed() < Duration::from_secs(60), "loading hangs");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn a_folder_loads_on_a_worker_thread_and_reads_back_entries() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/broken.txt"), BROKEN).unwrap();
        std::fs::write(
            dir.path().join("old.txt"),
            "某某局2018年政府信息公开工作年度报告\n本年度共主动公开信息120条。\n",
        )
        .unwrap();
        let load = FolderLoad::start(dir.path(), Policy::default()).unwrap();
        let mut q = wait(&load);
        assert_eq!(load.progress(), (2, 2));
        let statuses: Vec<(String, QueueStatus)> = q
            .rows()
            .iter()
            .map(|r| (r.name.clone(), r.status))
            .collect();
        assert_eq!(statuses[0], ("old.txt".into(), QueueStatus::NoTables));
        assert_eq!(
            statuses[1].0,
            Path::new("sub").join("broken.txt").to_string_lossy()
        );
        assert!(matches!(statuses[1].1, QueueStatus::Broken(_)));
        assert_eq!(q.rows()[1].agency, "测试市公安局");

        // A row is replaced by its report read again; a report elsewhere is not taken.
        let path = q.rows()[1].path.clone();
        let mut entry = super::super::load(&path, Policy::default());
        entry.error = Some("gone".into());
        assert!(q.update(&entry));
        assert_eq!(q.rows()[1].status, QueueStatus::Unreadable);
        assert_eq!(q.rows()[1].form, "");
        entry.path = dir.path().join("elsewhere.txt");
        assert!(!q.update(&entry));
    }

    #[test]
    fn a_folder_opened_while_another_loads_gets_only_its_own_reports() {
        let first = tempfile::tempdir().unwrap();
        for i in 0..40 {
            std::fs::write(first.path().join(format!("{i:02}.txt")), BROKEN).unwrap();
        }
        let second = tempfile::tempdir().unwrap();
        std::fs::write(second.path().join("only.txt"), BROKEN).unwrap();
        let old = FolderLoad::start(first.path(), Policy::default()).unwrap();
        let load = FolderLoad::start(second.path(), Policy::default()).unwrap();
        drop(old);
        let q = wait(&load);
        assert_eq!(q.rows().len(), 1);
        assert_eq!(q.rows()[0].name, "only.txt");
        assert_eq!(q.root(), std::fs::canonicalize(second.path()).unwrap());
    }

    #[test]
    fn a_missing_folder_is_an_error_not_a_hang() {
        let dir = tempfile::tempdir().unwrap();
        let load = FolderLoad::start(&dir.path().join("missing"), Policy::default()).unwrap();
        let start = Instant::now();
        let result = loop {
            if let Some(result) = load.poll() {
                break result;
            }
            assert!(start.elapsed() < Duration::from_secs(60));
            std::thread::sleep(Duration::from_millis(5));
        };
        assert!(matches!(result, Err(QueueError::Folder { .. })));
    }
}
