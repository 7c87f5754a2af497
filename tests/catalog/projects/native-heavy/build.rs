fn main() { prost_build::compile_protos(&[] as &[&str], &[] as &[&str]).ok(); }
