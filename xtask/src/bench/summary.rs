//! The figures of issue 19's table as the sections measure them: each beside plain JavaScript
//! measured in the same run, with its limit and goal, printed together at the end.

/// What a figure counts.
#[derive(Clone, Copy)]
pub enum Unit {
    /// Bytes (gzip -9 of a bundle).
    Bytes,
    /// Kilobytes (1,024 B).
    Kb,
    /// Rust over plain JavaScript, JavaScript being 1.
    Ratio,
    /// Seconds.
    Seconds,
}

/// One row of the summary.
pub struct Row {
    /// What is measured.
    pub measure: String,
    /// Plain JavaScript's figure from the same run, if the measure has a JavaScript side.
    pub js: Option<f64>,
    /// The Rust figure.
    pub rust: f64,
    pub unit: Unit,
    /// The limit and goal (lower is better); `None` for a figure shown for reference.
    pub limit: Option<f64>,
    pub goal: Option<f64>,
}

impl Row {
    /// A figure with a limit and a goal.
    pub fn new(
        measure: &str,
        js: Option<f64>,
        rust: f64,
        unit: Unit,
        limit: f64,
        goal: f64,
    ) -> Row {
        Row {
            measure: measure.to_string(),
            js,
            rust,
            unit,
            limit: Some(limit),
            goal: Some(goal),
        }
    }

    /// A figure shown for reference only.
    pub fn info(measure: &str, js: Option<f64>, rust: f64, unit: Unit) -> Row {
        Row {
            measure: measure.to_string(),
            js,
            rust,
            unit,
            limit: None,
            goal: None,
        }
    }

    /// Met the goal, met only the limit, or neither.
    pub fn verdict(&self) -> &'static str {
        match (self.limit, self.goal) {
            (_, Some(goal)) if self.rust <= goal => "goal met",
            (Some(limit), _) if self.rust <= limit => "limit met",
            (Some(_), _) => "limit NOT met",
            (None, _) => "",
        }
    }

    /// Rust over JavaScript (for a ratio row, the figure itself).
    fn ratio(&self) -> Option<f64> {
        match (self.unit, self.js) {
            (Unit::Ratio, _) => Some(self.rust),
            (_, Some(js)) if js > 0.0 => Some(self.rust / js),
            _ => None,
        }
    }
}

fn show(unit: Unit, value: f64) -> String {
    if value.is_nan() {
        return "?".into();
    }
    match unit {
        Unit::Bytes => {
            let n = value.round() as u64;
            let (high, low) = (n / 1000, n % 1000);
            if high > 0 {
                format!("{high},{low:03} B")
            } else {
                format!("{low} B")
            }
        }
        Unit::Kb => format!("{value:.1} KB"),
        Unit::Ratio => format!("{value:.2}x"),
        Unit::Seconds => format!("{value:.2} s"),
    }
}

/// Prints every row in a table.
pub fn print(rows: &[Row]) {
    if rows.is_empty() {
        return;
    }
    crate::cmd::say("bench: summary (issue 19's table; plain JavaScript measured in the same run)");
    let width = rows
        .iter()
        .map(|r| r.measure.chars().count())
        .max()
        .unwrap_or(0);
    println!(
        "{:<width$} {:>10} {:>10} {:>8} {:>10} {:>10}  verdict",
        "measure", "plain JS", "Rust", "Rust/JS", "limit", "goal"
    );
    let dash = |v: Option<String>| v.unwrap_or_else(|| "—".into());
    for row in rows {
        println!(
            "{:<width$} {:>10} {:>10} {:>8} {:>10} {:>10}  {}",
            row.measure,
            dash(row.js.map(|v| show(row.unit, v))),
            show(row.unit, row.rust),
            dash(row.ratio().map(|r| format!("{r:.2}x"))),
            dash(row.limit.map(|v| show(row.unit, v))),
            dash(row.goal.map(|v| show(row.unit, v))),
            row.verdict()
        );
    }
}
