//! Frame statistics for measuring the window (`GOUJI_FRAME_STATS=N`), printed to stderr as
//! `gouji-stats: …` lines: time from launch to the first frame; after N frames (the window
//! repaints continuously until then) the UI pass time per frame, process CPU time per frame
//! (which under a software renderer includes rasterising) and resident memory; for each folder
//! read into the queue, its load time, the frame times while it loaded (p50, p99, max) and the
//! resident and peak resident memory at its end; and each report opened from the queue with the
//! time from the command to the end of the UI pass of the frame that draws it (and the part of
//! it spent reading the report). `GOUJI_FRAME_STATS=0` measures the folder loads and openings only,
//! without repainting continuously. Off (and free) unless the variable is set.

use std::time::{Duration, Instant};

/// Collects frame times when enabled.
#[derive(Debug)]
pub struct FrameStats {
    launched: Instant,
    frames: u64,
    report_after: u64,
    ui_time: Duration,
    frame_time: f64,
    cpu_at_start: Option<Duration>,
    started: Option<Instant>,
    /// The folder being read: when it started and the frame times (ms) since.
    load: Option<(Instant, Vec<f64>)>,
    /// The report just opened from the queue, until the frame that draws it ends.
    opening: Option<Opening>,
}

/// A report opened from the queue, being drawn.
#[derive(Debug)]
struct Opening {
    name: String,
    start: Instant,
    /// Reading it (saving the one before, extracting, checking).
    read: Duration,
    /// Frames ended since it was read: the one that read it, then the one that draws it.
    frames: u8,
}

impl FrameStats {
    /// Enabled when `GOUJI_FRAME_STATS` holds a frame count.
    pub fn from_env(launched: Instant) -> Option<FrameStats> {
        let n = std::env::var("GOUJI_FRAME_STATS").ok()?.parse().ok()?;
        Some(FrameStats {
            launched,
            frames: 0,
            report_after: n,
            ui_time: Duration::ZERO,
            frame_time: 0.0,
            cpu_at_start: None,
            started: None,
            load: None,
            opening: None,
        })
    }

    /// Records one frame whose UI pass took `ui`; `previous` is eframe's time for the previous
    /// frame (UI, tessellation and painting, without waiting for vsync), in seconds.
    pub fn frame(&mut self, ctx: &egui::Context, ui: Duration, previous: Option<f32>) {
        if let Some((_, times)) = &mut self.load {
            // The frame's time: the previous frame's whole time, or this UI pass when longer.
            let whole = f64::from(previous.unwrap_or(0.0)) * 1000.0;
            times.push(whole.max(ui.as_secs_f64() * 1000.0));
        }
        if let Some(opening) = &mut self.opening {
            opening.frames += 1;
            if opening.frames == 2 {
                eprintln!(
                    "gouji-stats: opened {} from the queue in {:.1} ms (read {:.1} ms, the UI pass drawing it {:.1} ms), rss {} KiB",
                    opening.name,
                    opening.start.elapsed().as_secs_f64() * 1000.0,
                    opening.read.as_secs_f64() * 1000.0,
                    ui.as_secs_f64() * 1000.0,
                    memory_kib("VmRSS:").unwrap_or(0)
                );
                self.opening = None;
            }
        }
        if self.frames == 0 {
            eprintln!(
                "gouji-stats: launch to first frame {:.0} ms, rss {} KiB",
                self.launched.elapsed().as_secs_f64() * 1000.0,
                memory_kib("VmRSS:").unwrap_or(0)
            );
            // Measure from the second frame: the first one lays out every glyph once.
            self.cpu_at_start = cpu_time();
            self.started = Some(Instant::now());
        } else {
            self.ui_time += ui;
            if self.frames > 1 {
                self.frame_time += f64::from(previous.unwrap_or(0.0));
            }
        }
        self.frames += 1;
        if self.frames <= self.report_after {
            ctx.request_repaint();
        }
        if self.frames == self.report_after + 1 && self.report_after > 0 {
            let n = self.report_after as f64;
            let cpu = match (cpu_time(), self.cpu_at_start) {
                (Some(now), Some(start)) => (now - start).as_secs_f64() * 1000.0 / n,
                _ => f64::NAN,
            };
            let wall = self
                .started
                .map_or(f64::NAN, |s| s.elapsed().as_secs_f64() * 1000.0 / n);
            eprintln!(
                "gouji-stats: {n} frames: ui pass {:.2} ms/frame, ui+paint {:.2} ms/frame, process cpu {cpu:.2} ms/frame, wall {wall:.2} ms/frame, rss {} KiB",
                self.ui_time.as_secs_f64() * 1000.0 / n,
                self.frame_time * 1000.0 / (n - 1.0).max(1.0),
                memory_kib("VmRSS:").unwrap_or(0)
            );
        }
    }

    /// A folder starts being read (another one being read is forgotten).
    pub fn folder_started(&mut self) {
        self.load = Some((Instant::now(), Vec::new()));
    }

    /// The folder being read is in the queue, with `reports` rows.
    pub fn folder_loaded(&mut self, reports: usize) {
        let Some((start, mut times)) = self.load.take() else {
            return;
        };
        times.sort_by(f64::total_cmp);
        let at = |q: f64| -> f64 {
            let last = times.len().saturating_sub(1);
            let i = ((last as f64) * q).round() as usize;
            times.get(i.min(last)).copied().unwrap_or(f64::NAN)
        };
        eprintln!(
            "gouji-stats: folder of {reports} reports loaded in {:.0} ms; {} frames meanwhile, frame time p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; rss {} KiB, peak rss {} KiB",
            start.elapsed().as_secs_f64() * 1000.0,
            times.len(),
            at(0.5),
            at(0.99),
            at(1.0),
            memory_kib("VmRSS:").unwrap_or(0),
            memory_kib("VmHWM:").unwrap_or(0)
        );
    }

    /// The report `name` was opened from the queue, starting at `start`: logged once the next
    /// frame, which draws it, has been laid out.
    pub fn opened(&mut self, name: &str, start: Instant) {
        self.opening = Some(Opening {
            name: name.to_owned(),
            start,
            read: start.elapsed(),
            frames: 0,
        });
    }
}

/// User + system CPU time of the process (Linux `/proc/self/stat`).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    // Clock ticks are 100 per second on Linux.
    Some(Duration::from_millis((utime + stime) * 10))
}

/// A memory figure of the process in KiB (Linux `/proc/self/status`): `VmRSS:` resident now,
/// `VmHWM:` the peak resident.
fn memory_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
