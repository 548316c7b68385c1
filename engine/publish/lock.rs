//! The publish lock: one publish, prune or rollback at a time per target, held as a file in
//! the versions folder with the holder's process id; a lock whose process is gone is taken over.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

/// Only one publish or rollback at a time per target: a lock file in the versions folder
/// holding the process id. A lock whose process is gone (killed) is taken over.
#[derive(Debug)]
pub(super) struct Lock(PathBuf);

pub(super) const LOCK_FILE: &str = ".publicerar";

impl Lock {
    pub(super) fn take(versions: &Path) -> anyhow::Result<Lock> {
        let path = versions.join(LOCK_FILE);
        for _ in 0..2 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    f.write_all(std::process::id().to_string().as_bytes())
                        .with_context(|| format!("kunde inte skriva {}", path.display()))?;
                    return Ok(Lock(path));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let holder = std::fs::read_to_string(&path).unwrap_or_default();
                    if process_alive(holder.trim()) {
                        bail!(
                            "en annan publicering till samma mapp pågår (process {}); vänta tills den är klar. \
                             Är ingen publicering igång, ta bort {}",
                            holder.trim(),
                            path.display()
                        );
                    }
                    // Left by a publish that was stopped: take it over.
                    let _ = std::fs::remove_file(&path);
                }
                Err(e) => {
                    return Err(e).with_context(|| format!("kunde inte skapa {}", path.display()));
                }
            }
        }
        bail!("kunde inte låsa {}", path.display())
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Whether the process with this id still runs (Linux: `/proc`; elsewhere assumed gone).
fn process_alive(pid: &str) -> bool {
    match pid.parse::<u32>() {
        Ok(pid) if pid != std::process::id() => Path::new("/proc").join(pid.to_string()).exists(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_running_publish_holds_the_lock_and_a_dead_one_does_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let lock_file = dir.path().join(LOCK_FILE);
        // Process 1 always runs.
        std::fs::write(&lock_file, "1").expect("write");
        let err = Lock::take(dir.path()).expect_err("refused");
        assert!(
            format!("{err:#}").contains("en annan publicering till samma mapp pågår (process 1)"),
            "{err:#}"
        );
        // No process has this id: the lock is taken over, and released on drop.
        std::fs::write(&lock_file, "4294967295").expect("write");
        let lock = Lock::take(dir.path()).expect("taken over");
        assert_eq!(
            std::fs::read_to_string(&lock_file).expect("read"),
            std::process::id().to_string()
        );
        drop(lock);
        assert!(!lock_file.exists());
    }
}
