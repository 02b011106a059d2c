//! A synthetic corpus for benchmarks: fictional police-bureau reports in the layouts seen in the
//! wild (row per line with pipes, cell per line, space separated), consistent numbers with a rule
//! break now and then. Nothing here comes from a real report.

use std::path::Path;

use gouji::template::TableId;

/// A small deterministic random number generator (xorshift), so runs are repeatable.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

const CITIES: &[&str] = &[
    "东川", "西岭", "南湖", "北岗", "中州", "青山", "白水", "红桥", "金沙", "玉泉",
];

fn city(i: u64) -> &'static str {
    CITIES
        .get((i % CITIES.len() as u64) as usize)
        .copied()
        .unwrap_or("东川")
}

/// The text of report `i`.
pub fn report(i: u64) -> String {
    let mut rng = Rng::new(i.wrapping_mul(2654435761).wrapping_add(7));
    let form_2021 = i.is_multiple_of(2);
    let year = if form_2021 {
        2021 + i % 4
    } else {
        2019 + i % 2
    };
    let agency = format!("{}市{}区公安分局", city(i), city(i / 10));
    let layout = i % 3;
    let mut out = format!(
        "{agency}{year}年政府信息公开工作年度报告\n一、总体情况\n{year}年，本局依法做好政府信息公开工作。本段为合成测试文本。\n二、主动公开政府信息情况\n"
    );
    let f = if form_2021 {
        &gouji::template::FORM_2021
    } else {
        &gouji::template::FORM_2019
    };
    let table = |out: &mut String,
                 table: TableId,
                 values: &dyn Fn(&str, &str, &mut Rng) -> u64,
                 rng: &mut Rng| {
        for row in f.table(table).rows {
            let Some(key) = row.key else {
                out.push_str(row.label);
                out.push_str(if layout == 2 { "\n" } else { " |\n" });
                continue;
            };
            let cells: Vec<String> = row
                .columns
                .iter()
                .map(|c| values(key, c.key, rng).to_string())
                .collect();
            match layout {
                0 => out.push_str(&format!("{} | {} | |\n", row.label, cells.join(" | "))),
                1 => {
                    out.push_str(&format!("{} |\n", row.label));
                    for c in &cells {
                        out.push_str(&format!("{c} |\n"));
                    }
                    out.push_str("||\n");
                }
                _ => out.push_str(&format!("{} {}\n", row.label, cells.join(" "))),
            }
        }
    };
    let header = if form_2021 {
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
    } else {
        "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n"
    };
    out.push_str(header);
    table(
        &mut out,
        TableId::Proactive,
        &|_, _, rng| rng.below(3000),
        &mut rng,
    );
    out.push_str("三、收到和处理政府信息公开申请情况\n");
    let granted = rng.below(30);
    let denied = rng.below(5);
    let carried_out = rng.below(3);
    let total = granted + denied;
    let break_rule = i.is_multiple_of(7);
    let requests = move |row: &str, col: &str, _: &mut Rng| -> u64 {
        let v = match row {
            "received" => total + carried_out,
            "granted" => granted,
            "denied_4" => denied,
            "total" if break_rule => 0,
            "total" => total,
            "carried_out" => carried_out,
            _ => 0,
        };
        if col == "natural" || col == "total" {
            v
        } else {
            0
        }
    };
    table(&mut out, TableId::Requests, &requests, &mut rng);
    out.push_str("四、政府信息公开行政复议、行政诉讼情况\n行政复议 | 行政诉讼 |\n");
    let appeals: Vec<&str> = vec!["0"; 15];
    out.push_str(&if layout == 2 {
        appeals.join(" ")
    } else {
        format!("{} |", appeals.join(" | "))
    });
    out.push_str("\n五、存在的主要问题及改进情况\n需进一步加强培训。\n");
    out
}

/// Writes `n` reports into `dir`.
pub fn write_corpus(dir: &Path, n: u64) -> std::io::Result<()> {
    for i in 0..n {
        let sub = dir.join(format!("{:03}", i / 100));
        std::fs::create_dir_all(&sub)?;
        std::fs::write(sub.join(format!("report-{i:05}.txt")), report(i))?;
    }
    Ok(())
}
