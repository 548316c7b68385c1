//! SQL sources against a real PostgreSQL (a throwaway cluster per test): typed tables from
//! bound params, snapshots written and reused with the server stopped, `--uppdatera` with
//! the server stopped, errors that name the source (unreachable, login, SQL with its place
//! in the cell, timeout), and no secret anywhere in the built site.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::postgres::{self, Cluster, REPORT_PASSWORD, REPORT_USER};
use common::{TempBook, stderr, table};

const BOOK: &str = "[book]\ntitle = \"SQL-test\"\n[data]\ndir = \"data\"\n[params]\nperiod = \"2024-02\"\n[sources.lager]\ntype = \"postgres\"\nurl-env = \"RB_LAGER_URL\"\n";

const SUMMARY: &str = "# Innehåll\n\n- [Resultat](resultat.md)\n- [Övrigt](ovrigt.md)\n";

const RESULTAT: &str = r#"# Resultat

```rhai
let t = sql("lager", `select period, konto, sum(belopp) as belopp, count(*) as rader
  from huvudbok where period <= $1
  group by period, konto order by period, konto`, [params.period]);
t.title("Utfall per konto")
```

Raderna är {{ t.len() }}, summan {{ t.sum("belopp") }}.
"#;

const OVRIGT: &str = "# Övrigt\n\nDen här sidan läser ingen databas.\n";

fn ledger() -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
    vec![
        ("2024-01-01", "HSF", "4010", "-1000.50"),
        ("2024-01-01", "HSF", "4010", "-0.25"),
        ("2024-01-01", "HSF", "5010", "200.10"),
        ("2024-02-01", "HSF", "4010", "-1100.00"),
        ("2024-03-01", "HSF", "4010", "-999.00"),
    ]
}

fn book(files: &[(&str, &str)]) -> TempBook {
    let mut all = vec![
        ("book.toml", BOOK),
        ("notebooks/SUMMARY.md", SUMMARY),
        ("notebooks/resultat.md", RESULTAT),
        ("notebooks/ovrigt.md", OVRIGT),
        ("data/.keep", ""),
    ];
    for f in files {
        all.retain(|(p, _)| *p != f.0);
        all.push(*f);
    }
    TempBook::new(&all)
}

/// Run the binary in `dir` with `url` (if any) in RB_LAGER_URL and no libpq settings from the
/// machine running the tests.
fn rapportbok(dir: &Path, url: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(common::binary());
    cmd.args(args).current_dir(dir).env("HOME", dir);
    for var in [
        "RB_LAGER_URL",
        "PGHOST",
        "PGPORT",
        "PGUSER",
        "PGPASSWORD",
        "PGDATABASE",
        "PGPASSFILE",
    ] {
        cmd.env_remove(var);
    }
    if let Some(url) = url {
        cmd.env("RB_LAGER_URL", url);
    }
    cmd.output().expect("run rapportbok")
}

fn snapshots(b: &TempBook) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(b.path().join("data/snapshots"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "snapshot"));
    files.sort();
    files
}

/// Every file below `dir` as text (lossy), for the secret grep.
fn all_text(dir: &Path) -> String {
    let mut text = String::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                text.push_str(&String::from_utf8_lossy(&std::fs::read(&p).expect("read")));
            }
        }
    }
    text
}

#[test]
fn queries_become_typed_tables_and_snapshots_that_build_without_the_server() {
    let Some(mut pg) = Cluster::start_or_skip("sql queries and snapshots") else {
        return;
    };
    pg.with_ledger(&ledger());
    let url = pg.url(REPORT_USER, REPORT_PASSWORD);
    let b = book(&[]);

    let out = rapportbok(b.path(), Some(&url), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = b.read("site/resultat.html");
    // Bound params: March is left out; numeric sums are exact; dates on the 1st are periods.
    assert_eq!(
        table(&page, "Utfall per konto"),
        vec![
            vec!["period", "konto", "belopp", "rader"],
            vec!["jan 2024", "4010", "-1 000,75", "2"],
            vec!["jan 2024", "5010", "200,10", "1"],
            vec!["feb 2024", "4010", "-1 100,00", "1"],
        ]
        .into_iter()
        .map(|r| r.into_iter().map(String::from).collect::<Vec<_>>())
        .collect::<Vec<_>>(),
        "{page}"
    );
    assert!(
        common::plain_text(&page).contains("Raderna är 3, summan -1 900,65."),
        "{}",
        common::plain_text(&page)
    );

    // The snapshot: one readable file with the query, params, rows, time and hash.
    let files = snapshots(&b);
    assert_eq!(files.len(), 1, "{files:?}");
    let snap = std::fs::read_to_string(&files[0]).expect("snapshot");
    for needle in [
        "source = \"lager\"",
        "where period <= $1",
        "params = [\"text:2024-02\"]",
        "rows = 3",
        "fetched = \"20",
        "sha256 = \"",
        "period,konto,belopp,rader\n2024-01,4010,-1000.75,2\n",
    ] {
        assert!(snap.contains(needle), "{needle:?} missing in\n{snap}");
    }
    // Provenance names the source, the query hash, the row count and the snapshot time.
    let hash = files[0]
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.strip_prefix("lager-"))
        .expect("hash in the name")
        .to_string();
    let prov = &page[page.find("Underlag och spårbarhet").expect("provenance")..];
    assert!(
        prov.contains(&format!("data-sql-hash=\"{hash}\"")),
        "{prov}"
    );
    assert!(prov.contains("data-sql-rows=\"3\""), "{prov}");
    assert!(prov.contains("<code>lager</code>"), "{prov}");

    // No secret in the site, the snapshot or the output.
    let site = all_text(&b.path().join("site"));
    for secret in [REPORT_PASSWORD, postgres::ADMIN_PASSWORD, url.as_str()] {
        assert!(!site.contains(secret), "the site holds a secret");
        assert!(!snap.contains(secret), "the snapshot holds a secret");
        assert!(!stderr(&out).contains(secret), "the output holds a secret");
    }

    // The server stops: the same site is built from the snapshot, also without the URL.
    pg.stop_server();
    let again = rapportbok(b.path(), None, &["build"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(
        b.read("site/resultat.html"),
        page,
        "built from the snapshot, byte for byte"
    );
    let check = rapportbok(b.path(), None, &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));

    // --uppdatera with the server stopped: a clear error naming the source; the rest builds
    // and the snapshot is kept.
    let refresh = rapportbok(b.path(), Some(&url), &["build", "--uppdatera"]);
    assert_eq!(refresh.status.code(), Some(1), "{}", stderr(&refresh));
    let err = stderr(&refresh);
    assert!(err.contains("källan `lager`"), "{err}");
    assert!(
        err.contains("går inte att nå (anslutningen nekades)"),
        "{err}"
    );
    assert!(err.contains(&format!("127.0.0.1:{}", pg.port)), "{err}");
    assert!(!err.contains(REPORT_PASSWORD), "{err}");
    assert!(b.read("site/ovrigt.html").contains("läser ingen databas"));
    assert!(b.read("site/resultat.html").contains("källan `lager`"));
    assert_eq!(std::fs::read_to_string(&files[0]).expect("kept"), snap);

    // The server is back with a new row: --uppdatera fetches it; without it the snapshot stays.
    pg.start_server();
    pg.psql("INSERT INTO huvudbok VALUES ('2024-02-01', 'HSF', '5010', 50)");
    let stale = rapportbok(b.path(), Some(&url), &["build"]);
    assert!(stale.status.success(), "{}", stderr(&stale));
    assert!(common::plain_text(&b.read("site/resultat.html")).contains("Raderna är 3,"));
    let fresh = rapportbok(b.path(), Some(&url), &["build", "--uppdatera"]);
    assert!(fresh.status.success(), "{}", stderr(&fresh));
    assert!(common::plain_text(&b.read("site/resultat.html")).contains("Raderna är 4,"));
    assert!(
        std::fs::read_to_string(&files[0])
            .expect("snapshot")
            .contains("rows = 4")
    );

    // Another period is another query: its own snapshot.
    let march = rapportbok(
        b.path(),
        Some(&url),
        &["build", "--param", "period=2024-03"],
    );
    assert!(march.status.success(), "{}", stderr(&march));
    assert_eq!(snapshots(&b).len(), 2);
}

#[test]
fn errors_name_the_source_and_the_place() {
    let Some(pg) = Cluster::start_or_skip("sql errors") else {
        return;
    };
    pg.with_ledger(&ledger());
    let url = pg.url(REPORT_USER, REPORT_PASSWORD);
    let fel = "# Fel\n\n```rhai\nlet t = sql(\"lager\", `select period,\n  summ(belopp) from huvudbok`);\n```\n";
    let b = book(&[("notebooks/resultat.md", fel)]);
    let out = rapportbok(b.path(), Some(&url), &["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    // `summ` is on notebook line 5, column 3 (inside the literal).
    assert!(
        err.contains("resultat.md:5:3: källan `lager` svarade med ett SQL-fel: function summ(numeric) does not exist"),
        "{err}"
    );
    assert!(
        b.read("site/ovrigt.html").contains("läser ingen databas"),
        "the rest builds"
    );
    assert!(snapshots(&b).is_empty(), "no snapshot of a failed query");

    // A wrong password.
    let wrong = pg.url(REPORT_USER, "fel-losenord-123");
    let b = book(&[]);
    let out = rapportbok(b.path(), Some(&wrong), &["build"]);
    let err = stderr(&out);
    assert!(
        err.contains("källan `lager`: inloggningen som `rapport` misslyckades"),
        "{err}"
    );
    assert!(!err.contains("fel-losenord-123"), "{err}");

    // No URL and no snapshot.
    let out = rapportbok(b.path(), None, &["build"]);
    assert!(
        stderr(&out).contains("miljövariabeln RB_LAGER_URL är inte satt"),
        "{}",
        stderr(&out)
    );

    // A timeout from [limits], and a row limit.
    let slow = "# Långsam\n\n```rhai\nsql(\"lager\", \"select pg_sleep(5)::text as s\")\n```\n\n```rhai\nsql(\"lager\", \"select * from huvudbok\")\n```\n";
    let limited = format!("{BOOK}[limits]\nquery-timeout-ms = 300\nmax-query-rows = 4\n");
    let b = book(&[("book.toml", &limited), ("notebooks/resultat.md", slow)]);
    let out = rapportbok(b.path(), Some(&url), &["build"]);
    let err = stderr(&out);
    assert!(
        err.contains("resultat.md:4:1: källan `lager`: frågan avbröts efter 300 ms"),
        "{err}"
    );
    assert!(
        err.contains("källan `lager`: frågan gav fler än 4 rader"),
        "{err}"
    );

    // Writes are refused: the transaction is read-only, even for a user who may write.
    let admin = pg.url("postgres", postgres::ADMIN_PASSWORD);
    let write =
        "# Skriv\n\n```rhai\nsql(\"lager\", \"delete from huvudbok returning konto\")\n```\n";
    let b = book(&[("notebooks/resultat.md", write)]);
    let out = rapportbok(b.path(), Some(&admin), &["build"]);
    assert!(
        stderr(&out).contains("read-only transaction"),
        "{}",
        stderr(&out)
    );
    assert_eq!(pg.psql("select count(*) from huvudbok").trim(), "5");

    // A parameter is bound, never spliced: an injection attempt is just a value.
    let inject = "# Param\n\n```rhai\nlet t = sql(\"lager\", \"select count(*) as n from huvudbok where konto = $1\", [\"4010' or '1'='1\"]);\nt.sum(\"n\")\n```\n";
    let b = book(&[("notebooks/resultat.md", inject)]);
    let out = rapportbok(b.path(), Some(&url), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        common::plain_text(&b.read("site/resultat.html")).contains("Param 0"),
        "{}",
        b.read("site/resultat.html")
    );
}

#[test]
fn the_connection_follows_libpq_conventions_and_no_password_is_read_from_book_toml() {
    let Some(pg) = Cluster::start_or_skip("sql libpq settings") else {
        return;
    };
    pg.with_ledger(&ledger());
    let toml = format!(
        "[book]\ntitle = \"SQL-test\"\n[data]\ndir = \"data\"\n[params]\nperiod = \"2024-02\"\n[sources.lager]\ntype = \"postgres\"\nhost = \"127.0.0.1\"\nport = {}\ndatabase = \"postgres\"\nuser = \"{REPORT_USER}\"\n",
        pg.port
    );
    let b = book(&[("book.toml", &toml)]);
    // The password from ~/.pgpass (HOME is the book's folder in these runs), only when private.
    let pgpass = b.path().join(".pgpass");
    std::fs::write(
        &pgpass,
        format!(
            "127.0.0.1:{}:postgres:{REPORT_USER}:{REPORT_PASSWORD}\n",
            pg.port
        ),
    )
    .expect("pgpass");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }
    let out = rapportbok(b.path(), None, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(common::plain_text(&b.read("site/resultat.html")).contains("Raderna är 3,"));

    let secret = format!("{toml}password = \"{REPORT_PASSWORD}\"\n");
    let b = book(&[("book.toml", &secret)]);
    let out = rapportbok(b.path(), None, &["build"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("book.toml:13:12: källan `lager` har ett lösenord i book.toml"),
        "{err}"
    );
    assert!(!err.contains(REPORT_PASSWORD), "{err}");
}
