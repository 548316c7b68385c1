//! The committed example data is exactly what the generator writes.

#[allow(dead_code)]
#[path = "../seeds/generator/mod.rs"]
mod generator;

use std::path::Path;

#[test]
fn committed_seeds_are_what_the_generator_writes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let written = generator::write_all(dir.path(), 1).expect("generate");
    assert!(!written.is_empty(), "the generator wrote no files");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for rel in &written {
        let fresh = std::fs::read(dir.path().join(rel)).expect("generated file");
        let committed = std::fs::read(seeds.join(rel))
            .unwrap_or_else(|e| panic!("seeds/{} is not committed: {e}", rel.display()));
        assert!(
            fresh == committed,
            "seeds/{} differs from what the generator writes; run `cargo run --example generate-seeds`",
            rel.display()
        );
    }
}
