/**
 * Build directives: the exported value of `layers/<name>/build_directives.ncl`, one shape per
 * layer class. The shapes are generated from schemas/source/build-directives.json
 * (documents.generated.ts, `pnpm gen`), as Nickel exports them: every field with a default is
 * present. Here they are made read-only and given the library's names.
 */
import type * as Documents from './documents.generated.js';

/** A document as the library hands it out: nothing in it may be changed in place. */
export type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** The three layer classes; each has its own Dockerfile template (`templates/dockerfile/<class>.hbs`). */
export type LayerClass = BuildDirectives['class'];

export const LAYER_CLASSES: readonly LayerClass[] = ['toolchain', 'source-dep', 'native-dep'];

/** `linux/amd64` | `linux/arm64`. */
export type Platform = Documents.Platform;

/** Environment variables: UPPER_SNAKE names to strings, no credential-like names. */
export type Env = DeepReadonly<Documents.Env>;

/** A file fetched at build time, pinned by checksum. */
export type Download = DeepReadonly<Documents.Download>;
/** How a checksum was confirmed. */
export type Provenance = DeepReadonly<Documents.Provenance>;
export type ProvenanceMethod = Provenance['method'];
/** A build tool installed in a toolchain, at an exact version. */
export type Tool = DeepReadonly<Documents.Tool>;
/** A layer's `summary` and `doc` in another language. */
export type Translation = DeepReadonly<Documents.Translation>;

export type ToolchainSpec = DeepReadonly<Documents.ToolchainSpec>;
export type ToolchainInstaller = DeepReadonly<Documents.ToolchainInstaller>;
/** A compiler toolchain installed on a distro base, plus build tools. */
export type ToolchainDirectives = DeepReadonly<Documents.ToolchainDirectives>;

export type Recipe = DeepReadonly<Documents.Recipe>;
/** S3 locations only; credentials travel as the BuildKit secret `auth_secret_id`. */
export type Sccache = DeepReadonly<Documents.Sccache>;
/** A pre-cooked Cargo dependency cache: cargo chef prepare + cook of a recipe, with sccache. */
export type SourceDepDirectives = DeepReadonly<Documents.SourceDepDirectives>;

export type NativeSource = DeepReadonly<Documents.NativeSource>;
export type NativeBuild = DeepReadonly<Documents.NativeBuild>;
export type NativeInstall = DeepReadonly<Documents.NativeInstall>;
export type NativeUser = DeepReadonly<Documents.NativeUser>;
/** A native library built from a pinned, checksummed source tarball into a prefix. */
export type NativeDepDirectives = DeepReadonly<Documents.NativeDepDirectives>;

/** Build directives of any class, discriminated by `class`. */
export type BuildDirectives = ToolchainDirectives | SourceDepDirectives | NativeDepDirectives;

/** The directives type of one class. */
export type DirectivesOf<C extends LayerClass> = Extract<BuildDirectives, { class: C }>;
