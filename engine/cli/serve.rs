//! `rapportbok serve`: the live preview on a local web server.

use std::io::Write;
use std::net::IpAddr;
use std::process::ExitCode;

use super::{BookArgs, FATAL, ParamArgs};
use crate::serve::{self, Options};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub book: BookArgs,
    /// Porten servern lyssnar på (0 väljer en ledig port).
    #[arg(long, default_value_t = 3000)]
    pub port: u16,
    /// Adressen servern lyssnar på. Standard är bara den egna datorn (127.0.0.1).
    #[arg(long, default_value = "127.0.0.1", value_name = "ADRESS")]
    pub host: String,
    /// Öppna förhandsvisningen i webbläsaren.
    #[arg(long)]
    pub open: bool,
    /// Tillåt redigering i webbläsaren även när servern lyssnar på nätverket (--host).
    /// På den egna datorn (127.0.0.1, localhost) är redigering alltid på.
    #[arg(long)]
    pub redigera: bool,
    #[command(flatten)]
    pub params: ParamArgs,
}

pub fn run(args: Args) -> ExitCode {
    let loopback = args
        .host
        .parse::<IpAddr>()
        .map(|ip| ip.is_loopback())
        .unwrap_or(args.host == "localhost");
    if !loopback {
        eprintln!(
            "VARNING: servern lyssnar på {} och kan nås från andra datorer i nätverket.\n\
             VARNING: alla som når adressen kan läsa rapporten och dess siffror, även opublicerade.\n\
             VARNING: använd bara --host på ett nätverk du litar på.",
            args.host
        );
        if args.redigera {
            eprintln!(
                "VARNING: --redigera: den som når adressen och öppnar redigeringssidan kan ändra bokens notebooks."
            );
        } else {
            eprintln!(
                "Redigering i webbläsaren är avstängd (servern lyssnar på nätverket); slå på den med --redigera."
            );
        }
    }
    let open = args.open;
    let options = Options {
        book: args.book.book,
        host: args.host,
        port: args.port,
        params: args.params.params,
        refresh_sources: args.book.uppdatera,
        edit: loopback || args.redigera,
    };
    let result = serve::run(options, move |addr| {
        let url = format!("http://{addr}/");
        println!("Förhandsvisningen finns på {url}");
        // Tests and scripts read the address from stdout.
        let _ = std::io::stdout().flush();
        eprintln!("Sidorna uppdateras när du sparar. Avsluta med Ctrl+C.");
        if open {
            open_browser(&url);
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fel: {e:#}");
            ExitCode::from(FATAL)
        }
    }
}

fn open_browser(url: &str) {
    let command = if cfg!(target_os = "windows") {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if let Err(e) = command {
        eprintln!("kunde inte öppna webbläsaren ({e}); öppna {url} själv");
    }
}
