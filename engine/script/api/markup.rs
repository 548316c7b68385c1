//! How a string is shown: `markdown(s)` shows text read from data as Markdown (asked for),
//! `text(s)` makes any text safe to put inside the script's own Markdown.

use rhai::{Engine, FuncRegistration, ImmutableString};

pub fn register(engine: &mut Engine) {
    FuncRegistration::new("markdown")
        .with_comments([
            "/// Visar texten som Markdown. Text ur datafiler (celler, kolumnnamn, `read_text`) \
             visas annars som ren text, t.ex. `markdown(read_text(\"kommentar.md\"))`.",
        ])
        .with_params_info(["s: &str", "String"])
        .register_into_engine(engine, |s: ImmutableString| s);
    FuncRegistration::new("text")
        .with_comments([
            "/// Texten som ren text även inne i en egen Markdown-text: `**` ger inte fetstil och \
             `<`, `[` och `!` ger ingen HTML, länk eller bild, t.ex. \
             `` `Störst ökning: **${text(namn)}**` ``.",
        ])
        .with_params_info(["s: &str", "String"])
        .register_into_engine(engine, |s: &str| crate::markdown::escape_text(s));
}
