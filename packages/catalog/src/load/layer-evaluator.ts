/**
 * One Nickel evaluation of a catalog's layers: the confined importer, the source registry and a
 * lazily started evaluation of a program that imports every layer's two files (one import cache,
 * so `schemas/contracts.ncl` and `layers/catalog.ncl` are parsed and evaluated once per
 * evaluation). Each file is exported on its own so one broken layer does not hide the others'
 * diagnostics. The loader uses one in-process; each worker of the pool (pool.ts) holds its own.
 */
import { definitionSpans, evaluateSource, NickelError, SourceRegistry, type Evaluation } from '@lamina/nickel';
import type { Diagnostic } from '../model/index.js';
import { BUILD_FILE, WORKFLOW_FILE } from './discover.js';
import { CatalogImporter } from './importer.js';
import { nickelDiagnostic } from './nickel-diagnostic.js';
import { plainToJson, type Json } from './plain.js';

/** Which of a layer's two files. */
export type LayerFileKind = 'build' | 'workflow';

export interface Position {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** A layer folder as the evaluator needs it (plain data: it crosses to worker threads). */
export interface LayerRef {
  readonly name: string;
  readonly dir: string;
}

/** One layer's two exported files, and the diagnostics of those that failed (in order). */
export interface LayerExport {
  readonly build: Json | undefined;
  readonly workflow: Json | undefined;
  readonly diagnostics: Diagnostic[];
}

/** What the evaluation read: every file's text and the import edges, both relative to the root. */
export interface ReadFiles {
  readonly imports: ReadonlyMap<string, ReadonlySet<string>>;
  readonly texts: ReadonlyMap<string, string>;
}

const PROGRAM = '<lamina catalog>';

export class LayerEvaluator {
  private readonly importer: CatalogImporter;
  private readonly sources = new SourceRegistry();
  private readonly program: string;
  private evaluated: Evaluation | undefined;

  /**
   * @param root absolute catalog root
   * @param importPaths absolute directories `import` may also read from
   * @param layers every layer of the catalog (the program names them all; only those exported are evaluated)
   */
  constructor(root: string, importPaths: readonly string[], layers: readonly LayerRef[]) {
    this.importer = new CatalogImporter(root, importPaths);
    this.program =
      '{\n' +
      layers.map((f) => `  "${f.name}" = { build = import "${f.dir}/${BUILD_FILE}", workflow = import "${f.dir}/${WORKFLOW_FILE}" },\n`).join('') +
      '}\n';
  }

  /** Created on first use: when every layer comes from the cache, the evaluator is never started. */
  private evaluation(): Evaluation {
    return (this.evaluated ??= evaluateSource(this.program, {
      name: PROGRAM,
      importer: this.importer,
      sources: this.sources,
      // each layer file's import errors stay its own: resolve an import when its layer is exported
      eagerImports: false,
    }));
  }

  exportLayer(layer: LayerRef): LayerExport {
    const diagnostics: Diagnostic[] = [];
    const exportFile = (kind: LayerFileKind, file: string): Json | undefined => {
      try {
        return plainToJson(this.evaluation().toPlain([layer.name, kind]));
      } catch (e) {
        if (!(e instanceof NickelError)) throw e;
        diagnostics.push(nickelDiagnostic(e, { sources: this.sources, importer: this.importer, file, programName: PROGRAM }));
        return undefined;
      }
    };
    const build = exportFile('build', `${layer.dir}/${BUILD_FILE}`);
    const workflow = exportFile('workflow', `${layer.dir}/${WORKFLOW_FILE}`);
    return { build, workflow, diagnostics };
  }

  /**
   * The files read so far, with the imports written in them that evaluation did not reach
   * (see CatalogImporter.addWrittenImports). Call once, after the last export.
   */
  readFiles(): ReadFiles {
    this.importer.addWrittenImports();
    return { imports: this.importer.imports, texts: this.importer.texts };
  }

  /**
   * Where the value at `path` of a layer file was defined: the deepest definition found in the
   * catalog's own files (not the shared contracts), else the file's start.
   */
  definitionOf(layer: string, kind: LayerFileKind, path: readonly (string | number)[]): Position {
    const spans = definitionSpans(this.evaluation(), [layer, kind, ...path]);
    for (let i = spans.length - 1; i >= 2; i--) {
      const span = spans[i];
      if (!span) continue;
      const name = this.sources.get(span.file).name;
      if (name === PROGRAM || name.startsWith('schemas/') || name.startsWith('<')) continue;
      return { file: name, ...this.sources.lineCol(span.file, span.start) };
    }
    const file = `layers/${layer}/${kind === 'build' ? BUILD_FILE : WORKFLOW_FILE}`;
    return { file, line: 1, col: 1 };
  }
}
