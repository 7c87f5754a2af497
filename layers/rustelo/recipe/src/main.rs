// Placeholder entry point: the recipe exists for its dependency set;
// `cargo chef prepare` reads the manifest and lockfile, not this file.
fn main() {}
