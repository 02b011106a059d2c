//! Frame statistics for measuring the window (`GOUJI_FRAME_STATS=N`): time from launch to the
//! first frame, the UI pass time per frame, process CPU time per frame (which under a software
//! renderer includes rasterising) and resident memory, printed to stderr after N frames while
//! the window repaints continuously. Off (and free) unless the variable is set.

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
        })
    }

    /// Records one frame whose UI pass took `ui`; `previous` is eframe's time for the previous
    /// frame (UI, tessellation and painting, without waiting for vsync), in seconds.
    pub fn frame(&mut self, ctx: &egui::Context, ui: Duration, previous: Option<f32>) {
        if self.frames == 0 {
            eprintln!(
                "gouji-stats: launch to first frame {:.0} ms, rss {} KiB",
                self.launched.elapsed().as_secs_f64() * 1000.0,
                rss_kib().unwrap_or(0)
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
        ctx.request_repaint();
        if self.frames == self.report_after + 1 {
            let n = self.report_after.max(1) as f64;
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
                rss_kib().unwrap_or(0)
            );
        }
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

/// Resident memory of the process in KiB (Linux `/proc/self/status`).
fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
