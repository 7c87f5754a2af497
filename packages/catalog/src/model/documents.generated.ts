/* generated from schemas/source/*.json by pnpm gen (json-schema-to-typescript) — do not edit */

/**
 * A string with at least one non-blank character.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "nonEmptyString".
 */
export type NonEmptyString = string;
/**
 * Lowercase letters, digits and single dashes, starting with a letter; at most 63 characters; `scratch` is reserved.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "layerName".
 */
export type LayerName = string;
/**
 * A sha256 checksum: 64 lowercase hexadecimal digits.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "sha256".
 */
export type Sha256 = string;
/**
 * An exact version such as 1.88.0 (no ranges).
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "version".
 */
export type Version = string;
/**
 * An https URL without spaces.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "httpsUrl".
 */
export type HttpsUrl = string;
export type PinnedImage = string;
/**
 * A catalog layer name or a pinned external image (layer names contain neither `/` nor `:`).
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "baseRef".
 */
export type BaseRef = LayerName | PinnedImage;
/**
 * `scratch`, a catalog layer name, or a pinned external image.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "runtimeBaseRef".
 */
export type RuntimeBaseRef = 'scratch' | LayerName | PinnedImage;
/**
 * An image tag other than `latest`.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "tag".
 */
export type Tag = string;
/**
 * host[:port][/path] registry prefix, no scheme.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "registry".
 */
export type Registry = string;
export type AbsolutePath = string;
export type RelativePath = string;
/**
 * A Debian package name (Debian Policy 5.6.1): two or more lowercase letters, digits, `+`, `-` or `.`, starting with a letter or digit.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "debPackageName".
 */
export type DebPackageName = string;
/**
 * A Debian package version (Debian Policy 5.6.12): `[epoch:]upstream[-revision]`, the upstream part starting with a digit; e.g. `7.88.1-10+deb12u15`, `4:12.2.0-3`.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "debVersion".
 */
export type DebVersion = string;
/**
 * A Debian package pinned as apt-get takes it, `name=version` (debPackageName `=` debVersion), e.g. `curl=7.88.1-10+deb12u15`. Within one list a name appears once; JSON Schema cannot state that, `lamina validate` and the Nickel contract check it.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "pinnedDebPackage".
 */
export type PinnedDebPackage = string;
/**
 * A crate, component or tool name.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "crateName".
 */
export type CrateName = string;
/**
 * A Rust target triple.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "rustTarget".
 */
export type RustTarget = string;
/**
 * A Cargo feature (optionally crate/feature).
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "cargoFeature".
 */
export type CargoFeature = string;
/**
 * A Cargo profile name.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "cargoProfile".
 */
export type CargoProfile = string;
/**
 * An S3 bucket name.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "s3Bucket".
 */
export type S3Bucket = string;
/**
 * A region name such as eu-west-1, or `auto`.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "s3Region".
 */
export type S3Region = string;
/**
 * An S3 key prefix made of safe characters.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "s3KeyPrefix".
 */
export type S3KeyPrefix = string;
/**
 * A BuildKit secret id (the id only; the value is passed at build time).
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "secretId".
 */
export type SecretId = string;
/**
 * ADR-NNNN.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "adrId".
 */
export type AdrId = string;
/**
 * YYYY-MM-DD.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "date".
 */
export type Date = string;
/**
 * A build platform.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "platform".
 */
export type Platform = 'linux/amd64' | 'linux/arm64';

/**
 * Environment variables: UPPER_SNAKE names to strings; no credential-like names (credentials travel only as BuildKit secret mounts).
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "env".
 */
export interface Env {
  [k: string]: string;
}
/**
 * Extra OCI labels.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "labels".
 */
export interface Labels {
  [k: string]: string;
}
/**
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "download".
 */
export interface Download {
  url: HttpsUrl;
  sha256: Sha256;
}
/**
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "provenance".
 */
export interface Provenance {
  /**
   * How the checksum was confirmed: `debian_orig` (same bytes as the Debian source package's .orig tarball), `upstream_signature` (detached upstream signature checked against the signing key Debian ships), `published_checksum` (the same value published by independent public build recipes), `registry_index` (the checksum recorded in the package registry's index).
   */
  method: 'debian_orig' | 'upstream_signature' | 'published_checksum' | 'registry_index';
  reference: NonEmptyString;
}
/**
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "tool".
 */
export interface Tool {
  name: CrateName;
  version: Version;
  /**
   * Where the tool comes from: `cargo install --locked` from crates.io, a global npm install, or corepack.
   */
  source: 'crates_io' | 'npm' | 'corepack';
  checksum?: Sha256;
  /**
   * Cargo features to enable when installing from crates.io.
   */
  features: CargoFeature[];
}
/**
 * A layer's `summary` and `doc` in another language.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "translation".
 */
export interface Translation {
  summary?: string;
  doc?: string;
}
/**
 * A compiler toolchain installed on a distro base, plus build tools.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "toolchain".
 */
export interface ToolchainDirectives {
  /**
   * The layer class; filled in by this contract.
   */
  class: 'toolchain';
  name: LayerName;
  summary: NonEmptyString;
  /**
   * Longer notes for maintainers: why these versions, how checksums were verified, how to consume the layer.
   */
  doc: string;
  labels: Labels;
  /**
   * Translations of `summary` and `doc`, keyed by language tag (e.g. `fr`); a missing one falls back to the field itself.
   */
  translations?: {
    [k: string]: Translation;
  };
  toolchain: ToolchainSpec;
  /**
   * Debian packages installed with apt on the build base (no recommends), each pinned as apt-get takes it: `name=version`, e.g. `curl=7.88.1-10+deb12u15`.
   */
  system_packages: PinnedDebPackage[];
  /**
   * Build tools installed beside the compiler (cargo-chef, sccache, pnpm ...), each at an exact version.
   */
  tools: Tool[];
  env: Env;
}
/**
 * The compiler being installed.
 */
export interface ToolchainSpec {
  /**
   * Which compiler family: `rust` (rustup), `node` (official binary tarball), `cc` (the distro's GCC and build tools).
   */
  kind: 'rust' | 'node' | 'cc';
  version: Version;
  /**
   * rustup profile to install (rust only).
   */
  profile?: 'minimal' | 'default' | 'complete';
  /**
   * Extra toolchain components (rust: `rustfmt`, `clippy`, ...).
   */
  components: CrateName[];
  /**
   * Extra compilation targets installed beside the host (rust only).
   */
  targets: RustTarget[];
  installer?: ToolchainInstaller;
}
/**
 * The pinned installer for this toolchain; absent when the toolchain comes from distro packages or extends a base toolchain layer.
 */
export interface ToolchainInstaller {
  name: CrateName;
  version: Version;
  /**
   * One pinned download per platform, keyed `linux/amd64` / `linux/arm64`.
   */
  downloads: {
    [k: string]: Download;
  };
}
/**
 * A pre-cooked Cargo dependency cache: cargo chef prepare + cook of a recipe project, with sccache.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "sourceDep".
 */
export interface SourceDepDirectives {
  /**
   * The layer class; filled in by this contract.
   */
  class: 'source-dep';
  name: LayerName;
  summary: NonEmptyString;
  /**
   * Longer notes for maintainers: why these versions, how checksums were verified, how to consume the layer.
   */
  doc: string;
  labels: Labels;
  /**
   * Translations of `summary` and `doc`, keyed by language tag (e.g. `fr`); a missing one falls back to the field itself.
   */
  translations?: {
    [k: string]: Translation;
  };
  recipe: Recipe;
  sccache: Sccache;
  /**
   * Extra Debian packages the cook step needs on top of the toolchain (e.g. libclang-dev for crates that run bindgen), each pinned `name=version`.
   */
  system_packages: PinnedDebPackage[];
  env: Env;
  /**
   * Paths consumers copy out of this layer (`COPY --from=<layer> <path> <path>`).
   *
   * Items: An absolute path inside the image, without `..` segments.
   *
   * This interface was referenced by `Documents`'s JSON-Schema
   * via the `definition` "absolutePath".
   */
  outputs: AbsolutePath[];
}
/**
 * The cargo-chef recipe: `cargo chef prepare` runs on this project, `cargo chef cook` compiles its dependencies.
 */
export interface Recipe {
  /**
   * A path relative to the layer folder, without `..` segments.
   *
   * This interface was referenced by `Documents`'s JSON-Schema
   * via the `definition` "relativePath".
   */
  path: RelativePath;
  /**
   * Cargo profiles `cargo chef cook` builds, one cook each (e.g. `["release", "dev"]`); the first is the one snippets build with. A consumer reuses only units compiled with its own profile's settings.
   *
   * @minItems 1
   */
  profiles: CargoProfile[];
  target?: RustTarget;
  /**
   * Features passed to `cargo chef cook --features`.
   */
  features: CargoFeature[];
  /**
   * Pass `--no-default-features` to cook.
   */
  no_default_features: boolean;
  /**
   * An absolute path inside the image, without `..` segments.
   *
   * This interface was referenced by `Documents`'s JSON-Schema
   * via the `definition` "absolutePath".
   */
  workdir: AbsolutePath;
}
/**
 * sccache with an S3 backend. Locations only: credentials are never part of the catalog.
 */
export interface Sccache {
  /**
   * Wrap rustc with sccache while cooking.
   */
  enabled: boolean;
  bucket: S3Bucket;
  region: S3Region;
  endpoint?: HttpsUrl;
  key_prefix: S3KeyPrefix;
  auth_secret_id: SecretId;
}
/**
 * A native library built from a pinned, checksummed source tarball into a prefix.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "nativeDep".
 */
export interface NativeDepDirectives {
  /**
   * The layer class; filled in by this contract.
   */
  class: 'native-dep';
  name: LayerName;
  summary: NonEmptyString;
  /**
   * Longer notes for maintainers: why these versions, how checksums were verified, how to consume the layer.
   */
  doc: string;
  labels: Labels;
  /**
   * Translations of `summary` and `doc`, keyed by language tag (e.g. `fr`); a missing one falls back to the field itself.
   */
  translations?: {
    [k: string]: Translation;
  };
  source: NativeSource;
  build: NativeBuild;
  /**
   * Extra Debian packages the build needs on top of its toolchain base (e.g. perl for OpenSSL), each pinned `name=version`.
   */
  system_packages: PinnedDebPackage[];
  install: NativeInstall;
  /**
   * The Rust crates (usually `-sys` crates, or build helpers like `prost-build`) whose build scripts link or run this library; `lamina suggest` looks for them among the units cargo compiles for a project.
   */
  serves: CrateName[];
  /**
   * Per served crate, the features with which it builds its own copy of the library (e.g. `libsqlite3-sys` with `bundled`): a project using one of them needs no layer.
   */
  bundled_features: {
    [k: string]: CargoFeature[];
  };
  /**
   * Per served crate that bundles its library by default, the features with which it links this one instead (e.g. `rdkafka-sys` with `dynamic-linking`).
   */
  needs_features: {
    [k: string]: CargoFeature[];
  };
  /**
   * How a project that has only a Cargo.toml reaches the served crates: direct dependencies and the features under which they link this library.
   */
  used_by: NativeUser[];
  exports: Env;
}
/**
 * The pinned, checksummed source release.
 */
export interface NativeSource {
  url: HttpsUrl;
  /**
   * Other places serving the very same bytes (tried in order when `url` fails).
   */
  mirrors: HttpsUrl[];
  version: Version;
  sha256: Sha256;
  /**
   * Leading path components stripped when unpacking.
   */
  strip_components: number;
  /**
   * How the checksum was verified, one entry per independent confirmation.
   *
   * @minItems 1
   */
  provenance: Provenance[];
}
/**
 * How the library is compiled.
 */
export interface NativeBuild {
  /**
   * `autotools`: a configure script then make; `cmake`: configure, build and install with CMake; `make`: a plain Makefile taking PREFIX; `custom`: the `commands` below.
   */
  system: 'autotools' | 'cmake' | 'make' | 'custom';
  /**
   * A path relative to the layer folder, without `..` segments.
   *
   * This interface was referenced by `Documents`'s JSON-Schema
   * via the `definition` "relativePath".
   */
  configure_script: RelativePath;
  /**
   * A path relative to the layer folder, without `..` segments.
   *
   * This interface was referenced by `Documents`'s JSON-Schema
   * via the `definition` "relativePath".
   */
  source_subdir?: RelativePath;
  /**
   * Flags for the configure step (configure arguments, or `-D` definitions for CMake); the prefix is added by the generator from `install.prefix`.
   */
  flags: string[];
  env: Env;
  /**
   * The make target that installs (`install_sw` skips OpenSSL's manuals).
   */
  install_target: string;
  /**
   * Shell steps for `custom` builds, run in the unpacked source with PREFIX set.
   */
  commands: NonEmptyString[];
}
/**
 * Where the library lands in the image.
 */
export interface NativeInstall {
  /**
   * An absolute path inside the image, without `..` segments.
   *
   * This interface was referenced by `Documents`'s JSON-Schema
   * via the `definition` "absolutePath".
   */
  prefix: AbsolutePath;
  /**
   * An absolute path inside the image, without `..` segments.
   *
   * This interface was referenced by `Documents`'s JSON-Schema
   * via the `definition` "absolutePath".
   */
  pkg_config_path?: AbsolutePath;
}
export interface NativeUser {
  crate: CrateName;
  links: CrateName;
  /**
   * It does so only with one of these features (`default` = its default features left on); empty means always.
   */
  when_features: CargoFeature[];
  /**
   * It does not with any of these (e.g. `bundled`).
   */
  unless_features: CargoFeature[];
  versions?: NonEmptyString;
}
/**
 * The exported value of layers/<name>/workflow.ncl: how the layer sits in the catalog. Catalog-wide rules (known references, cycles, class rules, platform subsets) are checked by the loader, not here.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "workflow".
 */
export interface Workflow {
  name: LayerName;
  build_base: BaseRef;
  runtime_base: RuntimeBaseRef;
  /**
   * Dependency layers (source-dep or native-dep) whose outputs are copied in with `COPY --from` before building.
   */
  donors: LayerName[];
  /**
   * Tags pushed for the image; the first one is canonical and is what dependants resolve to.
   *
   * @minItems 1
   */
  tags: Tag[];
  /**
   * Platforms built; must be a subset of every parent layer's platforms.
   *
   * @minItems 1
   */
  platforms: Platform[];
  registry: Registry;
  cache: CacheSettings;
  rebuild: RebuildSettings;
}
/**
 * BuildKit registry cache settings.
 */
export interface CacheSettings {
  /**
   * Use a registry build cache for this layer.
   */
  enabled: boolean;
  /**
   * [registry/]repository:tag[@sha256:digest]; the tag is mandatory and is never `latest`.
   *
   * This interface was referenced by `Documents`'s JSON-Schema
   * via the `definition` "pinnedImage".
   */
  ref: PinnedImage;
  /**
   * `max` also exports intermediate stages (cook steps), which is what makes cache hits across CI runners likely.
   */
  mode: 'min' | 'max';
}
/**
 * When the layer is rebuilt without a change of its own.
 */
export interface RebuildSettings {
  /**
   * Besides rebuilding when inputs change, rebuild on a schedule to pick up distro security updates.
   */
  schedule: 'on_change' | 'weekly' | 'monthly';
}
/**
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "constraint".
 */
export interface Constraint {
  id: CrateName;
  description: NonEmptyString;
  /**
   * `Hard` fails `lamina check` and the pre-commit hook; `Soft` is reported as a warning.
   */
  severity: 'Hard' | 'Soft';
  /**
   * How the constraint is checked.
   */
  check: GrepCheck | GraphCheck;
}
/**
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "grepCheck".
 */
export interface GrepCheck {
  /**
   * A text search over files.
   */
  kind: 'Grep';
  pattern: NonEmptyString;
  /**
   * Glob patterns, relative to the repository root, of the files searched.
   *
   * @minItems 1
   */
  paths: NonEmptyString[];
  /**
   * `absent`: any match violates the constraint; `present`: every file must match.
   */
  must: 'absent' | 'present';
}
/**
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "graphCheck".
 */
export interface GraphCheck {
  /**
   * A structural rule over the typed layer graph.
   */
  kind: 'Graph';
  /**
   * The rule, implemented by the loader: every external base pinned; every dependency a declared edge; only the three classes; donors are dependency layers; bases allowed per class; platforms a subset of the parents'; no cycles.
   */
  rule: 'bases_pinned' | 'edges_explicit' | 'known_classes' | 'donors_are_deps' | 'class_bases' | 'platforms_subset' | 'acyclic';
}
/**
 * The exported value of adr/NNNN-*.ncl: an architecture decision record. A constraint is a check the tooling can run: `Grep` constraints look for a pattern in files (`must = 'absent` forbids it, `'present` requires it); `Graph` constraints name a structural rule of the layer graph that the loader implements. Severity `'Hard` fails `lamina check`; `'Soft` warns.
 *
 * This interface was referenced by `Documents`'s JSON-Schema
 * via the `definition` "adr".
 */
export interface ArchitectureDecisionRecord {
  id: AdrId;
  title: NonEmptyString;
  /**
   * Lifecycle state.
   */
  status: 'proposed' | 'accepted' | 'superseded' | 'deprecated';
  date: Date;
  superseded_by?: AdrId;
  context: NonEmptyString;
  decision: NonEmptyString;
  consequences: NonEmptyString;
  /**
   * Translations of `title`, `context`, `decision` and `consequences`, keyed by language tag (e.g. `fr`).
   */
  translations?: {
    [k: string]: AdrTranslation;
  };
  /**
   * Checks that keep the decision true.
   */
  constraints: Constraint[];
}
export interface AdrTranslation {
  title?: string;
  context?: string;
  decision?: string;
  consequences?: string;
}
