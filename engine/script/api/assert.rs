//! Assertions for plugin tests (and checks in notebooks): `assert(villkor, meddelande)`,
//! `assert_eq(faktiskt, väntat)`. A failed assertion is a cell error.

use rhai::{Dynamic, Engine, EvalAltResult, FuncRegistration, NativeCallContext};

use super::fail;

pub fn register(engine: &mut Engine) {
    FuncRegistration::new("assert")
        .with_comments(["/// Stoppar cellen med `meddelande` om `villkor` är falskt."])
        .with_params_info(["villkor: bool", "meddelande: &str", "()"])
        .register_into_engine(
            engine,
            |cond: bool, message: &str| -> Result<(), Box<EvalAltResult>> {
                if cond {
                    Ok(())
                } else {
                    Err(fail(format!("påståendet gäller inte: {message}")))
                }
            },
        );
    FuncRegistration::new("assert_eq")
        .with_comments([
            "/// Stoppar cellen om `faktiskt` inte är lika med `väntat` (samma typ och värde).",
        ])
        .with_params_info(["faktiskt: Dynamic", "väntat: Dynamic", "()"])
        .register_into_engine(engine, assert_eq);
}

fn assert_eq(
    ctx: NativeCallContext,
    actual: Dynamic,
    expected: Dynamic,
) -> Result<(), Box<EvalAltResult>> {
    let same_type = actual.type_id() == expected.type_id();
    let equal = same_type
        && ctx
            .call_native_fn::<bool>("==", (actual.clone(), expected.clone()))
            .unwrap_or(false);
    if equal {
        Ok(())
    } else {
        Err(fail(format!(
            "väntade {}, fick {}",
            shown(&expected),
            shown(&actual)
        )))
    }
}

fn shown(value: &Dynamic) -> String {
    if value.is_string() {
        format!("\"{value}\"")
    } else {
        format!("{value} ({})", value.type_name())
    }
}
