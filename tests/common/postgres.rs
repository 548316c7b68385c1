//! A throwaway PostgreSQL cluster for the SQL tests and the bench: initdb in a temporary
//! folder (as the `postgres` user when run as root, since initdb refuses root), a free
//! loopback port, password logins only, stopped when dropped (also when a test panics).
//! `start_or_skip` skips with a message where the binaries are missing, except on CI.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The superuser's password, and the report user's (a read-only role).
pub const ADMIN_PASSWORD: &str = "Adm1n-sup3r-hemligt";
pub const REPORT_USER: &str = "rapport";
pub const REPORT_PASSWORD: &str = "Hemligt-rb-93x";

pub struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    /// Run the binaries as this user (when the tests run as root).
    as_user: Option<String>,
    pub port: u16,
    running: bool,
}

/// The folder with initdb, pg_ctl and psql: `PG_BIN`, else the newest in /usr/lib/postgresql.
pub fn binaries() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PG_BIN") {
        return Some(PathBuf::from(dir));
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|b| b.join("initdb").is_file() && b.join("pg_ctl").is_file())
        .collect();
    found.sort();
    found.pop()
}

impl Cluster {
    /// A running cluster, or `None` (with a message) where PostgreSQL is not installed.
    /// On CI (`CI` set) a missing PostgreSQL fails the test.
    pub fn start_or_skip(test: &str) -> Option<Cluster> {
        Cluster::start_with_auth_or_skip(test, "scram-sha-256")
    }

    /// As [`Cluster::start_or_skip`], with initdb's `--auth` method (`trust` for the bench,
    /// which has no environment to put a password in: the cluster listens on loopback only).
    pub fn start_with_auth_or_skip(test: &str, auth: &str) -> Option<Cluster> {
        let Some(bin) = binaries() else {
            assert!(
                std::env::var_os("CI").is_none(),
                "PostgreSQL not found on CI (looked in /usr/lib/postgresql/*/bin and PG_BIN)"
            );
            eprintln!(
                "SKIPPED {test}: PostgreSQL not found (/usr/lib/postgresql/*/bin). \
                 Install it with `apt-get install -y postgresql`, or set PG_BIN."
            );
            return None;
        };
        Some(Cluster::start(bin, auth))
    }

    fn start(bin: PathBuf, auth: &str) -> Cluster {
        let dir = tempfile::Builder::new()
            .prefix("rb-pg-")
            .tempdir()
            .expect("tempdir");
        let as_user = is_root().then(|| "postgres".to_string());
        if let Some(user) = &as_user {
            chown_to(dir.path(), user);
        }
        let port = free_port();
        let mut cluster = Cluster {
            dir,
            bin,
            as_user,
            port,
            running: false,
        };
        let pwfile = cluster.dir.path().join("pw");
        std::fs::write(&pwfile, ADMIN_PASSWORD).expect("pwfile");
        if let Some(user) = &cluster.as_user {
            chown_to(&pwfile, user);
        }
        let data = cluster.data();
        cluster.run_ok(
            "initdb",
            &[
                "-D",
                &data,
                "-U",
                "postgres",
                &format!("--auth={auth}"),
                "--encoding=UTF8",
                "--locale=C",
                &format!("--pwfile={}", pwfile.display()),
            ],
        );
        let _ = std::fs::remove_file(&pwfile);
        cluster.start_server();
        cluster
    }

    fn data(&self) -> String {
        self.dir.path().join("data").to_string_lossy().into_owned()
    }

    /// Start (or restart) the server on its port, loopback only, no Unix socket outside.
    pub fn start_server(&mut self) {
        let data = self.data();
        let log = self.dir.path().join("server.log");
        let options = format!(
            "-c listen_addresses=127.0.0.1 -p {} -k {} -c fsync=off",
            self.port,
            self.dir.path().display()
        );
        self.run_ok(
            "pg_ctl",
            &[
                "-D",
                &data,
                "-l",
                &log.to_string_lossy(),
                "-w",
                "-o",
                &options,
                "start",
            ],
        );
        self.running = true;
    }

    /// Stop the server (the data stays, so it can start again).
    pub fn stop_server(&mut self) {
        if self.running {
            let data = self.data();
            let _ = self.run("pg_ctl", &["-D", &data, "-m", "fast", "-w", "stop"]);
            self.running = false;
        }
    }

    /// Run SQL as the superuser with psql; panics with psql's output on failure.
    pub fn psql(&self, sql: &str) -> String {
        self.psql_args(&["-c", sql])
    }

    /// psql with `args` after the connection options (`-f FILE`, `-c SQL`).
    pub fn psql_args(&self, args: &[&str]) -> String {
        let out = Command::new(self.bin.join("psql"))
            .args([
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-At",
            ])
            .args(args)
            .env("PGPASSWORD", ADMIN_PASSWORD)
            .output()
            .expect("psql runs");
        assert!(
            out.status.success(),
            "psql failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A connection URL for `user` (the password in it, as a secret environment variable holds it).
    pub fn url(&self, user: &str, password: &str) -> String {
        format!(
            "postgresql://{user}:{password}@127.0.0.1:{}/postgres",
            self.port
        )
    }

    /// A read-only report user and a ledger table `huvudbok` (period date, enhet, konto, belopp).
    pub fn with_ledger(&self, rows: &[(&str, &str, &str, &str)]) {
        let mut sql = format!(
            "CREATE ROLE {REPORT_USER} LOGIN PASSWORD '{REPORT_PASSWORD}';\n\
             CREATE TABLE huvudbok (period date NOT NULL, enhet text NOT NULL, konto text NOT NULL, belopp numeric(14,2));\n\
             GRANT SELECT ON huvudbok TO {REPORT_USER};\n"
        );
        if !rows.is_empty() {
            sql.push_str("INSERT INTO huvudbok VALUES\n");
            let values: Vec<String> = rows
                .iter()
                .map(|(p, e, k, b)| format!("('{p}', '{e}', '{k}', {b})"))
                .collect();
            sql.push_str(&values.join(",\n"));
            sql.push_str(";\n");
        }
        self.psql(&sql);
    }

    fn run(&self, tool: &str, args: &[&str]) -> Output {
        let exe = self.bin.join(tool);
        let mut cmd = match &self.as_user {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(&exe);
                c
            }
            None => Command::new(&exe),
        };
        cmd.args(args).current_dir(self.dir.path());
        cmd.output()
            .unwrap_or_else(|e| panic!("{tool} did not run: {e}"))
    }

    fn run_ok(&self, tool: &str, args: &[&str]) {
        let out = self.run(tool, args);
        if !out.status.success() {
            let log =
                std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default();
            panic!(
                "{tool} failed: {}{}\n{log}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop_server();
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn chown_to(path: &Path, user: &str) {
    let status = Command::new("chown")
        .args(["-R", user])
        .arg(path)
        .status()
        .expect("chown runs");
    assert!(status.success(), "chown {user} {}", path.display());
}

/// A port nothing listens on now.
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").port()
}
