/**
 * Build directives: the exported value of `layers/<name>/build_directives.ncl`, one shape per
 * layer class. These types mirror `schemas/build-directives.schema.json` (`$defs/toolchain`,
 * `$defs/sourceDep`, `$defs/nativeDep`) and the Nickel contracts in `schemas/contracts/build.ncl`
 * field for field. Fields with a `default` in the schema are always present in Nickel's export, so
 * they are required here; fields marked `optional` in the contract stay optional.
 */

/** The three layer classes; each has its own Dockerfile template (`templates/dockerfile/<class>.hbs`). */
export type LayerClass = 'toolchain' | 'source-dep' | 'native-dep';

export const LAYER_CLASSES: readonly LayerClass[] = ['toolchain', 'source-dep', 'native-dep'];

/** `linux/amd64` | `linux/arm64` (defs.schema.json#/$defs/platform). */
export type Platform = 'linux/amd64' | 'linux/arm64';

/** Environment variables: UPPER_SNAKE names to strings, no credential-like names. */
export type Env = Readonly<Record<string, string>>;

/** A file fetched at build time, pinned by checksum. */
export interface Download {
  readonly url: string;
  readonly sha256: string;
}

export type ProvenanceMethod = 'debian_orig' | 'upstream_signature' | 'published_checksum' | 'registry_index';

/** How a checksum was confirmed. */
export interface Provenance {
  readonly method: ProvenanceMethod;
  readonly reference: string;
}

/** A build tool installed in a toolchain, at an exact version. */
export interface Tool {
  readonly name: string;
  readonly version: string;
  readonly source: 'crates_io' | 'npm' | 'corepack';
  readonly checksum?: string;
  readonly features: readonly string[];
}

/** A layer's `summary` and `doc` in another language (each optional: the original stands in). */
export interface DirectiveTranslation {
  readonly summary?: string;
  readonly doc?: string;
}

/** Fields every class shares. */
interface CommonDirectives {
  readonly name: string;
  readonly summary: string;
  readonly doc: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Keyed by language tag (`es`); for the catalog's site, never part of a build. */
  readonly translations?: Readonly<Record<string, DirectiveTranslation>>;
}

export interface ToolchainInstaller {
  readonly name: string;
  readonly version: string;
  /** Keyed by platform. */
  readonly downloads: Readonly<Partial<Record<Platform, Download>>>;
}

export interface ToolchainSpec {
  readonly kind: 'rust' | 'node' | 'cc';
  readonly version: string;
  readonly profile?: 'minimal' | 'default' | 'complete';
  readonly components: readonly string[];
  readonly targets: readonly string[];
  readonly installer?: ToolchainInstaller;
}

/** A compiler toolchain installed on a distro base, plus build tools. */
export interface ToolchainDirectives extends CommonDirectives {
  readonly class: 'toolchain';
  readonly toolchain: ToolchainSpec;
  readonly system_packages: readonly string[];
  readonly tools: readonly Tool[];
  readonly env: Env;
}

export interface Recipe {
  /** Relative to the layer folder (default `recipe`). */
  readonly path: string;
  /** Cargo profiles cooked (at least one); the first is the one snippets build with. */
  readonly profiles: readonly string[];
  readonly target?: string;
  readonly features: readonly string[];
  readonly no_default_features: boolean;
  /** Absolute path inside the image (default `/lamina/recipe`). */
  readonly workdir: string;
}

/** S3 locations only; credentials travel as the BuildKit secret `auth_secret_id`. */
export interface Sccache {
  readonly enabled: boolean;
  readonly bucket: string;
  readonly region: string;
  readonly endpoint?: string;
  readonly key_prefix: string;
  readonly auth_secret_id: string;
}

/** A pre-cooked Cargo dependency cache: cargo chef prepare + cook of a recipe, with sccache. */
export interface SourceDepDirectives extends CommonDirectives {
  readonly class: 'source-dep';
  readonly recipe: Recipe;
  /** Debian packages the cook step needs (e.g. libclang-dev for bindgen). */
  readonly system_packages: readonly string[];
  readonly sccache: Sccache;
  readonly env: Env;
  readonly outputs: readonly string[];
}

export interface NativeSource {
  readonly url: string;
  readonly mirrors: readonly string[];
  readonly version: string;
  readonly sha256: string;
  readonly strip_components: number;
  readonly provenance: readonly Provenance[];
}

export interface NativeBuild {
  readonly system: 'autotools' | 'cmake' | 'make' | 'custom';
  readonly configure_script: string;
  readonly source_subdir?: string;
  readonly flags: readonly string[];
  readonly env: Env;
  readonly install_target: string;
  /** Non-empty when `system` is `custom`. */
  readonly commands: readonly string[];
}

export interface NativeInstall {
  readonly prefix: string;
  readonly pkg_config_path?: string;
}

export interface NativeUser {
  readonly crate: string;
  readonly links: string;
  readonly when_features: readonly string[];
  readonly unless_features: readonly string[];
  /** A cargo requirement: the releases of `crate` this holds for. */
  readonly versions?: string;
}

/** A native library built from a pinned, checksummed source tarball into a prefix. */
export interface NativeDepDirectives extends CommonDirectives {
  readonly class: 'native-dep';
  readonly source: NativeSource;
  readonly build: NativeBuild;
  readonly system_packages: readonly string[];
  readonly install: NativeInstall;
  /** Crates (`*-sys`, build helpers) whose build scripts link or run this library. */
  readonly serves: readonly string[];
  /** Per served crate, the features with which it builds its own copy of the library. */
  readonly bundled_features: Readonly<Record<string, readonly string[]>>;
  /** Per served crate that bundles by default, the features with which it links this library. */
  readonly needs_features: Readonly<Record<string, readonly string[]>>;
  /** Direct dependencies that bring a served crate in, and under which features. */
  readonly used_by: readonly NativeUser[];
  readonly exports: Env;
}

/** Build directives of any class, discriminated by `class`. */
export type BuildDirectives = ToolchainDirectives | SourceDepDirectives | NativeDepDirectives;

/** The directives type of one class. */
export type DirectivesOf<C extends LayerClass> = Extract<BuildDirectives, { class: C }>;
