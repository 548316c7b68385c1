//! The HSF report's introduction: every figure of "Månaden i korthet" is computed from the
//! seed data by the domain built-ins and reads as the seed prints it.

mod common;

use std::path::Path;

fn render(period: Option<&str>) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("index.html");
    let out_arg = out.to_string_lossy().to_string();
    let param = period.map(|p| format!("period={p}"));
    let mut args = vec!["render", "notebooks/hsf-2023-02/index.md", "-o", &out_arg];
    if let Some(param) = &param {
        args.extend(["--param", param]);
    }
    let run = common::rapportbok_in(root, &args);
    assert!(
        run.status.success(),
        "render failed: {}",
        common::stderr(&run)
    );
    common::plain_text(&std::fs::read_to_string(&out).expect("page written"))
}

#[test]
fn the_month_in_brief_has_the_seeds_figures() {
    let text = render(None);
    // Copied from hsf-manadsrapport-2023-02.txt, "Månadsrapport FEBRUARI 2023".
    for printed in [
        "Högre beläggning 96 % (90 % fg år)",
        "Sjukfrånvaro, ack 8,3 % (11,7 % fg år)",
        "Förändring årsarbetare utifrån arbetad tid, +171",
        "Ackumulerat resultat -174,1 mnkr, -165,6 mnkr jämfört med budget",
        "Bruttokostnadsutveckling 5,4 %",
        "Förvaltningsnettokostnadsutveckling 8,4 %",
        "Årsprognos -890 mkr +20/-50 mkr",
        "lägga en prognos på minus 890 miljoner kronor",
        "försämring mot tidigare beräknat minus 800 miljoner",
    ] {
        assert!(text.contains(printed), "missing {printed:?} in {text}");
    }
}

#[test]
fn a_later_period_renders_with_other_figures() {
    let text = render(Some("2023-06"));
    assert!(text.contains("månadsrapport juni 2023"), "{text}");
    assert!(!text.contains("Ackumulerat resultat -174,1 mnkr"), "{text}");
}
