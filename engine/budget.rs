//! The running cell's budget: a deadline, a memory allowance and output caps that the script
//! engine and native code (table operations, data readers, built-ins) check as they go.
//!
//! The runner [`enter`]s a [`Budget`] on its thread before each cell or inline expression;
//! native code calls [`check`] (or a [`Ticker`] in a loop, which looks every few thousand
//! rows) and [`check_size`] before it builds a result, and turns an `Err` into the cell's
//! error. Without a budget (code run outside a cell) every check passes.

use std::cell::Cell;
use std::time::{Duration, Instant};

use crate::config::Limits;
use crate::number::format_int;

/// Every allocation of the process is counted (one relaxed atomic add per allocation), so the
/// memory a cell holds can be read cheaply; no limit is set on the allocator itself: an
/// allocation that failed would abort the process, which is what the budget prevents.
#[global_allocator]
static HEAP: cap::Cap<std::alloc::System> = cap::Cap::new(std::alloc::System, usize::MAX);

/// Bytes the process holds on the heap right now.
pub fn heap_bytes() -> usize {
    HEAP.allocated()
}

/// What one cell may use, from `[limits]`, with the clock started.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    deadline: Instant,
    timeout_ms: u64,
    /// The heap size (bytes) past which the cell is stopped: what the process held when the
    /// cell started plus `max-memory-mb`.
    heap_ceiling: usize,
    memory_mb: u64,
    max_rows: usize,
    max_cells: usize,
}

impl Budget {
    /// A budget for a cell starting now.
    pub fn start(limits: &Limits) -> Budget {
        let now = Instant::now();
        let timeout = Duration::from_millis(limits.timeout_ms);
        let bytes = limits.max_memory_mb.saturating_mul(1024 * 1024);
        Budget {
            deadline: now
                .checked_add(timeout)
                .unwrap_or(now + Duration::from_secs(1 << 40)),
            timeout_ms: limits.timeout_ms,
            heap_ceiling: heap_bytes().saturating_add(usize::try_from(bytes).unwrap_or(usize::MAX)),
            memory_mb: limits.max_memory_mb,
            max_rows: limits.max_rows,
            max_cells: limits.max_cells,
        }
    }

    /// When the cell must stop.
    pub fn deadline(&self) -> Instant {
        self.deadline
    }

    /// `Err` once the deadline has passed or the heap has grown past the allowance.
    pub fn check(&self) -> Result<(), Exceeded> {
        self.check_memory()?;
        if Instant::now() > self.deadline {
            return Err(Exceeded::Time {
                timeout_ms: self.timeout_ms,
            });
        }
        Ok(())
    }

    /// The memory part of [`Budget::check`] alone: one atomic load, cheap enough for every
    /// script operation.
    pub fn check_memory(&self) -> Result<(), Exceeded> {
        if heap_bytes() > self.heap_ceiling {
            return Err(Exceeded::Memory {
                memory_mb: self.memory_mb,
            });
        }
        Ok(())
    }

    /// `Err` if a result of `rows` rows and `columns` columns would be over the caps.
    pub fn check_size(&self, rows: usize, columns: usize) -> Result<(), Exceeded> {
        self.check_counts(rows, rows.saturating_mul(columns))
    }

    /// `Err` if `rows` rows holding `cells` cells in all are over the caps: for sparse data
    /// (a spreadsheet read by the cells present), where the cells are not rows × columns.
    pub fn check_counts(&self, rows: usize, cells: usize) -> Result<(), Exceeded> {
        if rows > self.max_rows {
            return Err(Exceeded::Rows {
                rows,
                max: self.max_rows,
            });
        }
        if cells > self.max_cells {
            return Err(Exceeded::Cells {
                cells,
                max: self.max_cells,
            });
        }
        Ok(())
    }
}

/// Which limit a cell went past.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exceeded {
    Time { timeout_ms: u64 },
    Memory { memory_mb: u64 },
    Rows { rows: usize, max: usize },
    Cells { cells: usize, max: usize },
}

impl std::fmt::Display for Exceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = |v: usize| format_int(i64::try_from(v).unwrap_or(i64::MAX));
        match self {
            Exceeded::Time { timeout_ms } => write!(
                f,
                "cellen körde längre än {} och avbröts; gränsen ändras med timeout-ms under [limits] i book.toml",
                seconds(*timeout_ms)
            ),
            Exceeded::Memory { memory_mb } => write!(
                f,
                "cellen använde mer än {} MB minne och avbröts; gränsen ändras med max-memory-mb under [limits] i book.toml",
                format_int(i64::try_from(*memory_mb).unwrap_or(i64::MAX))
            ),
            Exceeded::Rows { rows, max } => write!(
                f,
                "resultatet skulle få {} rader, fler än gränsen {}; gränsen ändras med max-rows under [limits] i book.toml",
                n(*rows),
                n(*max)
            ),
            Exceeded::Cells { cells, max } => write!(
                f,
                "resultatet skulle få {} celler (rader × kolumner), fler än gränsen {}; gränsen ändras med max-cells under [limits] i book.toml",
                n(*cells),
                n(*max)
            ),
        }
    }
}

impl From<Exceeded> for String {
    fn from(e: Exceeded) -> String {
        e.to_string()
    }
}

/// `1,5 s` for 1500 ms, `300 ms` under a second.
fn seconds(ms: u64) -> String {
    if ms < 1000 {
        return format!("{ms} ms");
    }
    let whole = ms / 1000;
    let tenths = (ms % 1000) / 100;
    if tenths == 0 {
        format!("{whole} s")
    } else {
        format!("{whole},{tenths} s")
    }
}

thread_local! {
    static CURRENT: Cell<Option<Budget>> = const { Cell::new(None) };
}

/// The budget in force on this thread until the guard is dropped (then the previous one is).
/// A native operation that hands work to another thread enters [`current`] there too.
pub fn enter(budget: Budget) -> Guard {
    Guard {
        previous: CURRENT.with(|c| c.replace(Some(budget))),
    }
}

/// Restores the budget that was in force before [`enter`].
#[must_use = "the budget is left when the guard is dropped"]
pub struct Guard {
    previous: Option<Budget>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        CURRENT.with(|c| c.set(self.previous));
    }
}

/// The budget in force on this thread, if a cell is running.
pub fn current() -> Option<Budget> {
    CURRENT.with(Cell::get)
}

/// The deadline and memory check of the current budget (`Ok` outside a cell). Reads the
/// clock: in a loop, use a [`Ticker`].
pub fn check() -> Result<(), Exceeded> {
    current().map_or(Ok(()), |b| b.check())
}

/// Whether a result of `rows` × `columns` fits the current budget's caps; call it before
/// building the result (`Ok` outside a cell).
pub fn check_size(rows: usize, columns: usize) -> Result<(), Exceeded> {
    current().map_or(Ok(()), |b| b.check_size(rows, columns))
}

/// [`Budget::check_counts`] against the current budget; `Ok` outside a budgeted run.
pub fn check_counts(rows: usize, cells: usize) -> Result<(), Exceeded> {
    current().map_or(Ok(()), |b| b.check_counts(rows, cells))
}

/// For loops over rows: `ticker.tick()?` each row checks the budget every
/// [`Ticker::EVERY`] calls, so the cost per row is one counter decrement.
#[derive(Debug)]
pub struct Ticker {
    left: u32,
}

impl Default for Ticker {
    fn default() -> Self {
        Ticker::new()
    }
}

impl Ticker {
    /// How many ticks pass between two checks.
    pub const EVERY: u32 = 4096;

    pub fn new() -> Ticker {
        Ticker {
            left: Ticker::EVERY,
        }
    }

    /// Count one step; every [`Ticker::EVERY`] steps, [`check`].
    #[inline]
    pub fn tick(&mut self) -> Result<(), Exceeded> {
        self.left -= 1;
        if self.left == 0 {
            self.left = Ticker::EVERY;
            return check();
        }
        Ok(())
    }
}

impl Ticker {
    /// [`Ticker::tick`] for a loop that builds a result: on the same cadence, also whether a
    /// result of `rows` × `columns` still fits the caps ([`check_size`]).
    #[inline]
    pub fn tick_size(&mut self, rows: usize, columns: usize) -> Result<(), Exceeded> {
        self.left -= 1;
        if self.left == 0 {
            self.left = Ticker::EVERY;
            check()?;
            return check_size(rows, columns);
        }
        Ok(())
    }

    /// [`Ticker::tick`] for a loop that collects sparse cells: on the same cadence, also
    /// whether `rows` rows holding `cells` cells still fit the caps ([`check_counts`]).
    #[inline]
    pub fn tick_counts(&mut self, rows: usize, cells: usize) -> Result<(), Exceeded> {
        self.left -= 1;
        if self.left == 0 {
            self.left = Ticker::EVERY;
            check()?;
            return check_counts(rows, cells);
        }
        Ok(())
    }
}

/// Sleep for `duration`, but never past the current budget's deadline: a sleep that would
/// run past it sleeps until the deadline and returns the time error.
pub fn sleep(duration: Duration) -> Result<(), Exceeded> {
    let Some(budget) = current() else {
        std::thread::sleep(duration);
        return Ok(());
    };
    let left = budget.deadline.saturating_duration_since(Instant::now());
    if duration <= left {
        std::thread::sleep(duration);
        return Ok(());
    }
    std::thread::sleep(left);
    Err(Exceeded::Time {
        timeout_ms: budget.timeout_ms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(timeout_ms: u64) -> Limits {
        Limits {
            timeout_ms,
            ..Limits::default()
        }
    }

    #[test]
    fn no_budget_passes_every_check() {
        assert_eq!(check(), Ok(()));
        assert_eq!(check_size(usize::MAX, 2), Ok(()));
    }

    #[test]
    fn the_deadline_is_seen_by_check_and_the_ticker() {
        let _guard = enter(Budget::start(&limits(0)));
        std::thread::sleep(Duration::from_millis(2));
        let err = check().expect_err("deadline passed");
        assert!(err.to_string().contains("längre än 0 ms"), "{err}");
        let mut ticker = Ticker::new();
        let stopped = (0..Ticker::EVERY * 2).find(|_| ticker.tick().is_err());
        assert_eq!(stopped, Some(Ticker::EVERY - 1));
    }

    #[test]
    fn leaving_restores_the_previous_budget() {
        {
            let _guard = enter(Budget::start(&limits(0)));
            assert!(current().is_some());
        }
        assert!(current().is_none());
    }

    #[test]
    fn sleep_stops_at_the_deadline() {
        let _guard = enter(Budget::start(&limits(20)));
        let started = Instant::now();
        let err = sleep(Duration::from_secs(1_000_000_000)).expect_err("past the deadline");
        assert!(matches!(err, Exceeded::Time { timeout_ms: 20 }));
        assert!(started.elapsed() < Duration::from_secs(60));
    }

    #[test]
    fn memory_growth_past_the_allowance_is_seen() {
        let _guard = enter(Budget::start(&Limits {
            max_memory_mb: 64,
            ..Limits::default()
        }));
        assert_eq!(check(), Ok(()));
        // Zeroed pages are counted when allocated but not touched: no real memory is used.
        let big = vec![0u8; 512 * 1024 * 1024];
        let err = check().expect_err("512 MB over a 64 MB allowance");
        assert!(err.to_string().contains("mer än 64 MB minne"), "{err}");
        drop(big);
    }

    #[test]
    fn size_caps_name_the_key() {
        let _guard = enter(Budget::start(&Limits {
            max_rows: 10,
            max_cells: 30,
            ..Limits::default()
        }));
        assert_eq!(check_size(10, 3), Ok(()));
        let rows = check_size(11, 1).expect_err("rows").to_string();
        assert!(
            rows.contains("11 rader") && rows.contains("max-rows"),
            "{rows}"
        );
        let cells = check_size(10, 4).expect_err("cells").to_string();
        assert!(
            cells.contains("40 celler") && cells.contains("max-cells"),
            "{cells}"
        );
    }
}
