//! Registering a table built-in twice: without and with its options map (`val: Map`, last).

/// Register `name(t, args…)` with the description `plain` and `name(t, args…, val)` with
/// `options`; both call `f(t, &args…, &options)`, the first with an empty map. The
/// arguments are written as the Referens page shows them (`period: Dynamic`).
///
/// ```ignore
/// with_options!(engine, "investeringar", (period: Dynamic) -> Table, investments,
///     "/// Investeringar per område vid `period` …",
///     "/// Som `investeringar(t, period)`, med valet `kolumner`.");
/// ```
macro_rules! with_options {
    ($engine:expr, $name:literal, ($($arg:ident : $ty:ty),*) -> $ret:ident, $f:expr,
     $plain:expr, $options:expr $(,)?) => {{
        rhai::FuncRegistration::new($name)
            .with_comments([$plain])
            .with_params_info([
                "t: Table",
                $(concat!(stringify!($arg), ": ", stringify!($ty)),)*
                stringify!($ret),
            ])
            .register_into_engine($engine, |t: &mut Table, $($arg: $ty),*| {
                $f(t, $(&$arg,)* &rhai::Map::new())
            });
        rhai::FuncRegistration::new($name)
            .with_comments([$options])
            .with_params_info([
                "t: Table",
                $(concat!(stringify!($arg), ": ", stringify!($ty)),)*
                "val: Map",
                stringify!($ret),
            ])
            .register_into_engine($engine, |t: &mut Table, $($arg: $ty,)* options: rhai::Map| {
                $f(t, $(&$arg,)* &options)
            });
    }};
}

pub(crate) use with_options;
