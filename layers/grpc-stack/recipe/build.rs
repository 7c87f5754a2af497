// Compiles the sample proto so tonic-build and prost-build are built and run
// at cook time; needs PROTOC (set by the layer to the protobuf layer's protoc).
fn main() -> Result<(), Box<dyn std::error::Error>> {
    tonic_build::compile_protos("proto/health.proto")?;
    Ok(())
}
