//! PDFs with a text layer -> [`Block`]s.
//!
//! Owns running the pure-Rust interpreter `hayro-interpret` over each page with a device that
//! records positioned glyphs (Unicode from the font's ToUnicode map or, for CID fonts without
//! one, the predefined CMaps) and ruling lines (straight stroked segments and thin filled
//! rectangles), and rebuilding from them:
//!
//! - tables: ruling lines are clustered into grid lines; lines that cross form one table; grid
//!   cells not separated by a drawn line are merged (row and column spans); every glyph drops
//!   into the cell holding its centre. A table continued on the next page is simply the next
//!   page's table: its rows follow on.
//! - text lines, for everything outside tables: glyphs grouped by baseline, left to right.
//!   Page numbers in the top and bottom margins are dropped, so they never land between the rows
//!   of a table that runs over a page break.
//!
//! The interpreter runs behind `catch_unwind`, so a malformed file is an [`IngestError`], never a
//! crash, and under the [`Budget`]: decompressed bytes are paid for before it runs
//! ([`pdf_streams`](super::pdf_streams)); the device pays for every glyph and drawing operation
//! (form XObjects included: each is drawn inside a clip the device sees) and, when one goes over
//! its limit or the deadline passes, stops the interpreter by unwinding with [`Stop`] (no panic
//! message: `resume_unwind`), which the `catch_unwind` turns back into the budget's refusal.
//! Rebuilding tables pays for its work too (line checks: pairs of crossing lines, grid cells
//! times lines), so no page costs more than the budget whatever its lines. Pages are read and
//! rendered one at a time. A PDF without any text (a scan) is refused:
//! gouji does not do OCR. Rendering the blocks is [`grid`](super::grid)'s job.

use std::panic::{AssertUnwindSafe, catch_unwind};

use hayro_interpret::font::GlyphRun;
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point, Rect};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, SoftMask, interpret_page,
};

use super::IngestError;
use super::budget::{Budget, Limit};
use super::grid::{Block, Cell, Row, Table};

/// Positions closer than this (PDF points) are one grid line.
const SNAP: f64 = 2.0;
/// Filled rectangles thinner than this are drawn lines.
const THIN: f64 = 2.5;
/// Shortest segment taken as a ruling line.
const MIN_SEGMENT: f64 = 4.0;

const NO_TEXT: &str = "no text layer: OCR is not supported. This PDF holds only images (a scan); \
     open a version with text (the HTML or Word original) or run OCR first";

/// One glyph with its Unicode text, in page space (y grows downwards).
#[derive(Debug, Clone)]
struct Glyph {
    text: String,
    /// Left and right edge.
    x0: f64,
    x1: f64,
    /// Baseline.
    y: f64,
    /// Font size (height of the em square).
    size: f64,
    /// The centre of the glyph's box.
    centre: Point,
}

/// An axis-aligned ruling segment: horizontal (`y`, `from..to` in x) or vertical.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Segment {
    horizontal: bool,
    /// y of a horizontal segment, x of a vertical one.
    at: f64,
    from: f64,
    to: f64,
}

/// What the device records on one page.
#[derive(Default)]
struct PageContent {
    glyphs: Vec<Glyph>,
    segments: Vec<Segment>,
    /// Glyphs drawn without any Unicode mapping.
    unmapped: usize,
}

/// Drawing operations a clip costs (every form XObject drawn pushes one).
const FORM_COST: usize = 16;

/// The unwinding payload that stops the interpreter when the budget is spent.
struct Stop;

/// The device: records a page's content, paying for it.
struct Recorder<'r> {
    content: PageContent,
    budget: &'r mut Budget,
    /// Why the interpreter was stopped, read after the unwind.
    stopped: &'r mut Option<IngestError>,
}

impl Recorder<'_> {
    /// Pays `n` of `limit`, or stops the interpreter.
    fn spend(&mut self, limit: Limit, n: usize) {
        if let Err(e) = self.budget.spend(limit, n as u64) {
            *self.stopped = Some(e);
            std::panic::resume_unwind(Box::new(Stop));
        }
    }
}

impl Device<'_> for Recorder<'_> {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'_>, mode: &DrawMode) {
        self.spend(Limit::DrawingOps, path.elements().len().max(1));
        let content = &mut self.content;
        match mode {
            DrawMode::Stroke(_) | DrawMode::FillAndStroke(..) => {
                stroked_segments(path, props.transform, &mut content.segments);
            }
            DrawMode::Fill(_) => thin_rectangles(path, props.transform, &mut content.segments),
            DrawMode::Invisible => {}
        }
    }

    fn push_clip_path(&mut self, clip: &ClipPath) {
        // Also how a form XObject's drawing shows: it costs the interpreter far more than a path.
        self.spend(Limit::DrawingOps, FORM_COST + clip.path.elements().len());
    }

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'_>>, _: BlendMode) {
        self.spend(Limit::DrawingOps, 1);
    }

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, '_>, props: DrawProps<'_>, _: &DrawMode) {
        for glyph in run.glyphs() {
            self.spend(Limit::Glyphs, 1);
            let Some(text) = glyph.as_unicode().map(|u| match u {
                BfString::Char(c) => c.to_string(),
                BfString::String(s) => s,
            }) else {
                self.content.unmapped += 1;
                continue;
            };
            let text: String = text.chars().filter(|c| !c.is_control()).collect();
            if text.trim().is_empty() {
                continue;
            }
            let advance = match &**glyph {
                hayro_interpret::font::Glyph::Outline(g) => g.advance_width(),
                hayro_interpret::font::Glyph::Type3(g) => g.advance_width(),
            }
            .map(f64::from)
            .filter(|a| a.is_finite() && *a > 0.0)
            .unwrap_or(if text.is_ascii() { 500.0 } else { 1000.0 });
            let t = props.transform * glyph.transform();
            let origin = t * Point::ZERO;
            let end = t * Point::new(advance, 0.0);
            let top = t * Point::new(0.0, 1000.0);
            let centre = t * Point::new(advance / 2.0, 350.0);
            let size = (top - origin).hypot();
            if !(origin.x.is_finite() && origin.y.is_finite() && size.is_finite()) {
                continue;
            }
            self.content.glyphs.push(Glyph {
                text,
                x0: origin.x.min(end.x),
                x1: origin.x.max(end.x),
                y: origin.y,
                size: size.max(1.0),
                centre,
            });
        }
    }

    fn draw_image(&mut self, _: Image<'_, '_>, _: ImageDrawProps<'_>) {
        self.spend(Limit::DrawingOps, 1);
    }

    fn pop_clip(&mut self) {}

    fn pop_transparency_group(&mut self) {}
}

/// The straight, axis-aligned pieces of a stroked path.
fn stroked_segments(path: &BezPath, transform: Affine, out: &mut Vec<Segment>) {
    let mut start = Point::ZERO;
    let mut last = Point::ZERO;
    for element in path.elements() {
        match *element {
            PathEl::MoveTo(p) => {
                start = transform * p;
                last = start;
            }
            PathEl::LineTo(p) => {
                let p = transform * p;
                push_segment(last, p, out);
                last = p;
            }
            PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => last = transform * p,
            PathEl::ClosePath => {
                push_segment(last, start, out);
                last = start;
            }
        }
    }
}

fn push_segment(a: Point, b: Point, out: &mut Vec<Segment>) {
    let (dx, dy) = ((b.x - a.x).abs(), (b.y - a.y).abs());
    if !(dx.is_finite() && dy.is_finite()) {
        return;
    }
    if dy < 1.0 && dx >= MIN_SEGMENT {
        out.push(Segment {
            horizontal: true,
            at: (a.y + b.y) / 2.0,
            from: a.x.min(b.x),
            to: a.x.max(b.x),
        });
    } else if dx < 1.0 && dy >= MIN_SEGMENT {
        out.push(Segment {
            horizontal: false,
            at: (a.x + b.x) / 2.0,
            from: a.y.min(b.y),
            to: a.y.max(b.y),
        });
    }
}

/// Filled sub-paths that are thin axis-aligned rectangles: lines drawn as fills.
fn thin_rectangles(path: &BezPath, transform: Affine, out: &mut Vec<Segment>) {
    let mut points: Vec<Point> = Vec::new();
    let mut flush = |points: &mut Vec<Point>| {
        if let (true, Some(&first)) = ((4..=5).contains(&points.len()), points.first()) {
            let rect = points
                .iter()
                .fold(Rect::from_points(first, first), |r, p| r.union_pt(*p));
            let axis_aligned = points.iter().all(|p| {
                ((p.x - rect.x0).abs() < 0.5 || (p.x - rect.x1).abs() < 0.5)
                    && ((p.y - rect.y0).abs() < 0.5 || (p.y - rect.y1).abs() < 0.5)
            });
            if axis_aligned {
                let (w, h) = (rect.width(), rect.height());
                let centre = rect.center();
                if h <= THIN && w >= MIN_SEGMENT {
                    out.push(Segment {
                        horizontal: true,
                        at: centre.y,
                        from: rect.x0,
                        to: rect.x1,
                    });
                } else if w <= THIN && h >= MIN_SEGMENT {
                    out.push(Segment {
                        horizontal: false,
                        at: centre.x,
                        from: rect.y0,
                        to: rect.y1,
                    });
                }
            }
        }
        points.clear();
    };
    for element in path.elements() {
        match *element {
            PathEl::MoveTo(p) => {
                flush(&mut points);
                points.push(transform * p);
            }
            PathEl::LineTo(p) => points.push(transform * p),
            PathEl::QuadTo(..) | PathEl::CurveTo(..) => points.clear(),
            PathEl::ClosePath => flush(&mut points),
        }
    }
    flush(&mut points);
}

/// Reads a PDF: its blocks, page by page, pages separated by a form feed line.
pub(crate) fn read(bytes: &[u8], budget: &mut Budget) -> Result<String, IngestError> {
    let mut stopped = None;
    let outcome = catch_unwind(AssertUnwindSafe(|| interpret(bytes, budget, &mut stopped)));
    let read = match outcome {
        Ok(read) => read?,
        Err(payload) if payload.is::<Stop>() => {
            return Err(stopped.unwrap_or_else(|| Limit::DrawingOps.exceeded()));
        }
        Err(panic) => {
            let reason = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "the PDF reader failed".into());
            return Err(IngestError::Malformed {
                format: "PDF",
                reason: format!("the PDF reader stopped: {reason}"),
            });
        }
    };
    if read.glyphs == 0 {
        return Err(IngestError::Unsupported(if read.unmapped > 0 {
            format!(
                "the text of this PDF cannot be decoded ({} glyphs without Unicode mapping); open the HTML or Word original",
                read.unmapped
            )
        } else {
            NO_TEXT.to_owned()
        }));
    }
    Ok(read.text)
}

/// The text of a whole PDF, and how many glyphs it drew.
struct Read {
    text: String,
    /// Glyphs with text.
    glyphs: usize,
    /// Glyphs without any Unicode mapping.
    unmapped: usize,
}

struct Page {
    content: PageContent,
    height: f64,
}

/// Interprets and renders the pages one by one, so that only one page's glyphs and lines are
/// held at a time.
fn interpret(
    bytes: &[u8],
    budget: &mut Budget,
    stopped: &mut Option<IngestError>,
) -> Result<Read, IngestError> {
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        hayro_interpret::hayro_syntax::LoadPdfError::Decryption(_) => IngestError::Unsupported(
            "the PDF is encrypted (password protected); open an unprotected copy".into(),
        ),
        _ => IngestError::Malformed {
            format: "PDF",
            reason: "not a readable PDF (broken cross-reference table or objects)".into(),
        },
    })?;
    super::pdf_streams::charge_document(&pdf, budget)?;
    let cache = InterpreterCache::new();
    let settings = InterpreterSettings::default();
    budget.spend(Limit::Pages, pdf.pages().len() as u64)?;
    let mut read = Read {
        text: String::new(),
        glyphs: 0,
        unmapped: 0,
    };
    for (i, page) in pdf.pages().iter().enumerate() {
        budget.check_time()?;
        super::pdf_streams::charge_page(page, budget)?;
        let (_, height) = page.render_dimensions();
        let mut context = Context::new(
            Affine::new(page.initial_transform(true).as_coeffs()),
            Rect::new(0.0, 0.0, 1.0, 1.0),
            &cache,
            pdf.xref(),
            settings.clone(),
        );
        let mut recorder = Recorder {
            content: PageContent::default(),
            budget,
            stopped,
        };
        interpret_page(page, &mut context, &mut recorder);
        let content = recorder.content;
        read.glyphs += content.glyphs.len();
        read.unmapped += content.unmapped;
        if i > 0 {
            read.text.push('\u{c}');
        }
        let page = Page {
            content,
            height: f64::from(height),
        };
        let blocks = page_blocks(page, i == 0, budget)?;
        read.text.push_str(&super::grid::render(&blocks, budget)?);
    }
    Ok(read)
}

/// A table found on a page: its grid lines and the segments that drew it.
struct Grid {
    xs: Vec<f64>,
    ys: Vec<f64>,
    segments: Vec<Segment>,
}

impl Grid {
    fn bounds(&self) -> Rect {
        let (x0, x1) = (self.xs.first(), self.xs.last());
        let (y0, y1) = (self.ys.first(), self.ys.last());
        match (x0, x1, y0, y1) {
            (Some(&x0), Some(&x1), Some(&y0), Some(&y1)) => Rect::new(x0, y0, x1, y1),
            _ => Rect::ZERO,
        }
    }

    /// A drawn line separates grid cells along `at` (x of a vertical line, y of a horizontal one)
    /// at the point `across` of the other axis.
    fn separated(&self, horizontal: bool, at: f64, across: f64) -> bool {
        self.segments.iter().any(|s| {
            s.horizontal == horizontal
                && (s.at - at).abs() <= SNAP
                && s.from - SNAP <= across
                && across <= s.to + SNAP
        })
    }
}

/// The blocks of one page, top to bottom.
fn page_blocks(page: Page, first: bool, budget: &mut Budget) -> Result<Vec<Block>, IngestError> {
    let grids = find_grids(&page.content.segments, budget)?;
    // Each glyph is looked up in every table of the page.
    budget.spend(
        Limit::LineChecks,
        (page.content.glyphs.len() as u64).saturating_mul(grids.len() as u64),
    )?;
    let mut in_table: Vec<Vec<Glyph>> = vec![Vec::new(); grids.len()];
    let mut loose = Vec::new();
    for glyph in page.content.glyphs {
        let c = glyph.centre;
        match grids.iter().position(|g| g.bounds().contains(c)) {
            Some(i) => {
                if let Some(bucket) = in_table.get_mut(i) {
                    bucket.push(glyph);
                }
            }
            None => loose.push(glyph),
        }
    }
    let mut lines: Vec<TextLine> = text_lines(loose)
        .into_iter()
        .filter(|line| !is_margin_page_number(line, page.height))
        .collect();
    if first {
        join_title(&mut lines);
    }
    let mut placed: Vec<(f64, Block)> = Vec::new();
    for line in lines {
        placed.push((line.y, Block::Text(line.text)));
    }
    for (grid, glyphs) in grids.iter().zip(in_table) {
        placed.push((
            grid.bounds().y0,
            Block::Table(grid_table(grid, glyphs, budget)?),
        ));
    }
    placed.sort_by(|a, b| a.0.total_cmp(&b.0));
    Ok(placed.into_iter().map(|(_, b)| b).collect())
}

/// A line of loose text.
struct TextLine {
    y: f64,
    text: String,
    /// The largest glyph size on the line.
    size: f64,
}

/// A title printed in large type over several lines (洪泽区人民政府 / 2023年政府信息公开工作年度报告)
/// is one block: its lines are joined, so the title reads as one line.
fn join_title(lines: &mut Vec<TextLine>) {
    let mut sizes: Vec<f64> = lines.iter().map(|l| l.size).collect();
    sizes.sort_by(f64::total_cmp);
    let Some(&body) = sizes.get(sizes.len() / 2) else {
        return;
    };
    let large = lines
        .iter()
        .take_while(|l| l.size >= 1.2 * body)
        .count()
        .min(4);
    if large < 2 {
        return;
    }
    let title: String = lines.drain(..large).map(|l| l.text).collect();
    let y = lines.first().map(|l| l.y - 1.0).unwrap_or(0.0);
    lines.insert(
        0,
        TextLine {
            y,
            text: title,
            size: body,
        },
    );
}

/// Glyphs grouped into lines by baseline, each line left to right with spaces at wide gaps.
fn text_lines(mut glyphs: Vec<Glyph>) -> Vec<TextLine> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<Vec<Glyph>> = Vec::new();
    for glyph in glyphs {
        match lines.last_mut() {
            Some(line)
                if line
                    .first()
                    .is_some_and(|f| (f.y - glyph.y).abs() < 0.5 * f.size.min(glyph.size)) =>
            {
                line.push(glyph);
            }
            _ => lines.push(vec![glyph]),
        }
    }
    lines
        .into_iter()
        .map(|mut line| {
            line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            TextLine {
                y: line.first().map(|g| g.y).unwrap_or(0.0),
                text: join_glyphs(&line),
                size: line.iter().map(|g| g.size).fold(0.0, f64::max),
            }
        })
        .collect()
}

/// Glyphs of one line as text: a space where the gap is wide, overprinted copies (fake bold)
/// dropped.
fn join_glyphs(line: &[Glyph]) -> String {
    let mut text = String::new();
    let mut previous: Option<&Glyph> = None;
    for glyph in line {
        if let Some(p) = previous {
            if p.text == glyph.text && (glyph.x0 - p.x0).abs() < 0.3 * p.size {
                continue;
            }
            if glyph.x0 - p.x1 > 0.3 * p.size.min(glyph.size) {
                text.push(' ');
            }
        }
        text.push_str(&glyph.text);
        previous = Some(glyph);
    }
    text
}

/// `4`, `- 4 -`, `— 4 —`, `第4页`, `4/12` in the top or bottom 12% of the page.
fn is_margin_page_number(line: &TextLine, height: f64) -> bool {
    if height > 0.0 && line.y > 0.12 * height && line.y < 0.88 * height {
        return false;
    }
    let t: String = line.text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t
        .trim_matches(|c| matches!(c, '-' | '—' | '–' | '－' | '第' | '页' | '·'))
        .to_owned();
    let mut parts = t.split(['/', '共']);
    !t.is_empty()
        && parts.all(|p| {
            let p = p.trim_matches(|c| matches!(c, '第' | '页'));
            !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())
        })
}

/// Clusters ruling segments into tables: segments that cross or touch belong together; a group
/// with at least two horizontal and two vertical grid lines is a table. Every pair of a
/// horizontal and a vertical line is looked at: the pairs are paid for as line checks.
fn find_grids(segments: &[Segment], budget: &mut Budget) -> Result<Vec<Grid>, IngestError> {
    let segments = merge_collinear(segments);
    let n = segments.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while let Some(&p) = parent.get(i) {
            if p == i {
                break;
            }
            let grand = parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = parent.get_mut(i) {
                *slot = grand;
            }
            i = p;
        }
        i
    }
    let (horizontal, vertical): (Vec<usize>, Vec<usize>) =
        (0..n).partition(|&i| segments.get(i).is_some_and(|s| s.horizontal));
    budget.spend(
        Limit::LineChecks,
        (horizontal.len() as u64).saturating_mul(vertical.len() as u64),
    )?;
    for &h in &horizontal {
        for &v in &vertical {
            let (Some(hs), Some(vs)) = (segments.get(h), segments.get(v)) else {
                continue;
            };
            let touches = hs.at >= vs.from - SNAP
                && hs.at <= vs.to + SNAP
                && vs.at >= hs.from - SNAP
                && vs.at <= hs.to + SNAP;
            if touches {
                let (a, b) = (root(&mut parent, h), root(&mut parent, v));
                if let Some(slot) = parent.get_mut(a) {
                    *slot = b;
                }
            }
        }
    }
    // Segments by group, groups in the order of their first segment.
    let mut group_of: Vec<Option<usize>> = vec![None; n];
    let mut groups: Vec<Vec<Segment>> = Vec::new();
    for (i, s) in segments.iter().enumerate() {
        let r = root(&mut parent, i);
        match group_of.get(r).copied().flatten() {
            Some(g) => {
                if let Some(members) = groups.get_mut(g) {
                    members.push(*s);
                }
            }
            None => {
                if let Some(slot) = group_of.get_mut(r) {
                    *slot = Some(groups.len());
                }
                groups.push(vec![*s]);
            }
        }
    }
    Ok(groups
        .into_iter()
        .filter_map(|members| {
            let mut xs = cluster(members.iter().filter(|s| !s.horizontal).map(|s| s.at));
            let mut ys = cluster(members.iter().filter(|s| s.horizontal).map(|s| s.at));
            // A row or column whose closing line is missing (cut off at a page break) still
            // counts: the crossing lines say how far the table reaches.
            extend_to_reach(&mut ys, members.iter().filter(|s| !s.horizontal));
            extend_to_reach(&mut xs, members.iter().filter(|s| s.horizontal));
            (xs.len() >= 2 && ys.len() >= 2).then_some(Grid {
                xs,
                ys,
                segments: members,
            })
        })
        .collect())
}

/// Adds the far ends of `crossing` segments to `lines` where they reach clearly beyond them.
fn extend_to_reach<'s>(lines: &mut Vec<f64>, crossing: impl Iterator<Item = &'s Segment>) {
    const BEYOND: f64 = 6.0;
    let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
    for s in crossing {
        low = low.min(s.from);
        high = high.max(s.to);
    }
    if let (Some(&first), Some(&last)) = (lines.first(), lines.last()) {
        if low.is_finite() && low < first - BEYOND {
            lines.insert(0, low);
        }
        if high.is_finite() && high > last + BEYOND {
            lines.push(high);
        }
    }
}

/// Collinear segments that overlap or nearly touch, merged.
fn merge_collinear(segments: &[Segment]) -> Vec<Segment> {
    let mut sorted = segments.to_vec();
    sorted.sort_by(|a, b| {
        a.horizontal
            .cmp(&b.horizontal)
            .then(a.at.total_cmp(&b.at))
            .then(a.from.total_cmp(&b.from))
    });
    let mut out: Vec<Segment> = Vec::new();
    for s in sorted {
        // Look back over segments on (nearly) the same line.
        let merged = out.iter_mut().rev().take(64).find(|o| {
            o.horizontal == s.horizontal
                && (o.at - s.at).abs() <= SNAP / 2.0
                && s.from <= o.to + SNAP
                && o.from <= s.to + SNAP
        });
        match merged {
            Some(o) => {
                o.from = o.from.min(s.from);
                o.to = o.to.max(s.to);
            }
            None => out.push(s),
        }
    }
    out
}

/// Sorted positions, those within [`SNAP`] of each other merged into their mean.
fn cluster(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut v: Vec<f64> = values.filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((sum, n)) if (x - *sum / *n as f64).abs() <= SNAP => {
                *sum += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(sum, n)| sum / n as f64).collect()
}

/// The grid's cells, merged where no line separates them, with their glyphs. A grid of more than
/// [`MAX_GRID_CELLS`](super::MAX_GRID_CELLS) cells is no form table: refused before anything is
/// allocated for it. Each cell looks for the lines around it among the grid's segments: paid for
/// as line checks.
fn grid_table(grid: &Grid, glyphs: Vec<Glyph>, budget: &mut Budget) -> Result<Table, IngestError> {
    let rows = grid.ys.len().saturating_sub(1);
    let cols = grid.xs.len().saturating_sub(1);
    let cells = (rows as u64).saturating_mul(cols as u64);
    if cells > super::MAX_GRID_CELLS {
        return Err(Limit::GridCells.exceeded());
    }
    budget.spend(
        Limit::LineChecks,
        cells.saturating_mul(2 * grid.segments.len() as u64),
    )?;
    let at = |v: &[f64], i: usize| v.get(i).copied().unwrap_or(0.0);
    // Union-find over base cells r * cols + c.
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while let Some(&p) = parent.get(i) {
            if p == i {
                break;
            }
            i = p;
        }
        i
    }
    let join = |parent: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (root(parent, a), root(parent, b));
        if ra != rb {
            let (low, high) = (ra.min(rb), ra.max(rb));
            if let Some(slot) = parent.get_mut(high) {
                *slot = low;
            }
        }
    };
    for r in 0..rows {
        let ymid = (at(&grid.ys, r) + at(&grid.ys, r + 1)) / 2.0;
        for c in 0..cols {
            let xmid = (at(&grid.xs, c) + at(&grid.xs, c + 1)) / 2.0;
            if c + 1 < cols && !grid.separated(false, at(&grid.xs, c + 1), ymid) {
                join(&mut parent, r * cols + c, r * cols + c + 1);
            }
            if r + 1 < rows && !grid.separated(true, at(&grid.ys, r + 1), xmid) {
                join(&mut parent, r * cols + c, (r + 1) * cols + c);
            }
        }
    }
    // Each merged cell's extent in grid rows and columns.
    let mut extent: Vec<Option<(usize, usize, usize, usize)>> = vec![None; rows * cols];
    for r in 0..rows {
        for c in 0..cols {
            let id = root(&mut parent, r * cols + c);
            if let Some(slot) = extent.get_mut(id) {
                *slot = Some(match *slot {
                    Some((r0, c0, r1, c1)) => (r0.min(r), c0.min(c), r1.max(r), c1.max(c)),
                    None => (r, c, r, c),
                });
            }
        }
    }
    // Glyphs into the merged cell under their centre.
    let mut texts: Vec<Vec<Glyph>> = vec![Vec::new(); rows * cols];
    for glyph in glyphs {
        let (x, y) = (glyph.centre.x, glyph.centre.y);
        let c = grid.xs.partition_point(|&v| v <= x).saturating_sub(1);
        let r = grid.ys.partition_point(|&v| v <= y).saturating_sub(1);
        if r < rows && c < cols {
            let id = root(&mut parent, r * cols + c);
            if let Some(bucket) = texts.get_mut(id) {
                bucket.push(glyph);
            }
        }
    }
    let mut table = Table::default();
    for r in 0..rows {
        let mut row = Row::default();
        for c in 0..cols {
            let id = root(&mut parent, r * cols + c);
            let Some(Some((r0, c0, r1, c1))) = extent.get(id).copied() else {
                continue;
            };
            if (r0, c0) != (r, c) {
                continue;
            }
            let glyphs = texts.get_mut(id).map(std::mem::take).unwrap_or_default();
            let text = text_lines(glyphs)
                .into_iter()
                .map(|l| l.text)
                .collect::<Vec<_>>()
                .join(" ");
            row.cells.push(Cell {
                blocks: vec![Block::Text(text)],
                colspan: c1 - c0 + 1,
                rowspan: r1 - r0 + 1,
            });
        }
        table.rows.push(row);
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f64, x0: f64, x1: f64) -> Segment {
        Segment {
            horizontal: true,
            at: y,
            from: x0,
            to: x1,
        }
    }

    fn v(x: f64, y0: f64, y1: f64) -> Segment {
        Segment {
            horizontal: false,
            at: x,
            from: y0,
            to: y1,
        }
    }

    fn glyph(text: &str, x: f64, y: f64) -> Glyph {
        Glyph {
            text: text.into(),
            x0: x,
            x1: x + 10.0,
            y,
            size: 10.0,
            centre: Point::new(x + 5.0, y - 3.5),
        }
    }

    #[test]
    fn merged_cells_follow_the_missing_lines() {
        // 3 columns x 2 rows; the first column's middle line is missing (a row span) and the
        // line between columns 2 and 3 in the top row is missing (a column span).
        let segments = vec![
            h(0.0, 0.0, 300.0),
            h(20.0, 100.0, 300.0),
            h(40.0, 0.0, 300.0),
            v(0.0, 0.0, 40.0),
            v(100.0, 0.0, 40.0),
            v(200.0, 20.0, 40.0),
            v(300.0, 0.0, 40.0),
        ];
        let mut budget = Budget::new();
        let grids = find_grids(&segments, &mut budget).unwrap();
        assert_eq!(grids.len(), 1);
        let glyphs = vec![
            glyph("甲", 10.0, 30.0),
            glyph("1", 110.0, 15.0),
            glyph("2", 110.0, 35.0),
            glyph("3", 210.0, 35.0),
        ];
        let table = grid_table(&grids[0], glyphs, &mut budget).unwrap();
        assert_eq!(
            super::super::grid::render(&[Block::Table(table)], &mut budget).unwrap(),
            "甲 | 1 | |\n2 | 3 |\n"
        );
    }

    #[test]
    fn comparing_too_many_lines_is_refused_before_comparing_them() {
        let n = 8_000;
        let end = 3.0 * n as f64;
        let segments: Vec<Segment> = (0..n)
            .flat_map(|i| {
                let at = 3.0 * i as f64;
                [h(at, 0.0, end), v(at, 0.0, end)]
            })
            .collect();
        let err = find_grids(&segments, &mut Budget::new()).err().unwrap();
        assert!(
            err.to_string()
                .starts_with("too many ruling lines to compare"),
            "{err}"
        );
    }

    #[test]
    fn lines_split_across_segments_are_merged() {
        let merged = merge_collinear(&[h(10.0, 0.0, 50.0), h(10.5, 51.0, 90.0), h(30.0, 0.0, 9.0)]);
        assert_eq!(merged.len(), 2);
        assert_eq!((merged[0].from, merged[0].to), (0.0, 90.0));
    }

    #[test]
    fn page_numbers_in_margins_are_recognised() {
        let line = |text: &str, y: f64| TextLine {
            y,
            text: text.into(),
            size: 10.0,
        };
        assert!(is_margin_page_number(&line("- 4 -", 800.0), 842.0));
        assert!(is_margin_page_number(&line("第 4 页", 820.0), 842.0));
        assert!(is_margin_page_number(&line("4/12", 820.0), 842.0));
        assert!(!is_margin_page_number(&line("4", 400.0), 842.0));
        assert!(!is_margin_page_number(&line("2024年", 820.0), 842.0));
    }

    #[test]
    fn a_title_over_two_lines_is_one_line() {
        let line = |text: &str, y: f64, size: f64| TextLine {
            y,
            text: text.into(),
            size,
        };
        let mut lines = vec![
            line("洪泽区人民政府", 80.0, 22.0),
            line("2023年政府信息公开工作年度报告", 110.0, 22.0),
            line("本报告由", 150.0, 16.0),
            line("正文", 170.0, 16.0),
            line("正文", 190.0, 16.0),
        ];
        join_title(&mut lines);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "洪泽区人民政府2023年政府信息公开工作年度报告",
                "本报告由",
                "正文",
                "正文"
            ]
        );
    }

    #[test]
    fn wide_gaps_become_spaces_and_fake_bold_is_dropped() {
        let line = [
            glyph("总", 0.0, 10.0),
            glyph("总", 0.5, 10.0),
            glyph("计", 10.0, 10.0),
            glyph("5", 40.0, 10.0),
        ];
        assert_eq!(join_glyphs(&line), "总计 5");
    }

    #[test]
    fn garbage_is_an_error_not_a_crash() {
        assert!(matches!(
            read(
                b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer <<>>\n%%EOF",
                &mut Budget::new()
            ),
            Err(IngestError::Malformed { .. } | IngestError::Unsupported(_))
        ));
    }
}
