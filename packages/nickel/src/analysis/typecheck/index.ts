/**
 * Typechecking one parsed file, as the reference does before evaluating it: in walk mode from
 * the top, with `std` in scope. Imported files are typechecked on their own; here an import only
 * contributes its apparent type.
 */
import type { Expr } from '../../ast/nodes.js';
import type { SourceRegistry } from '../../source/registry.js';
import type { ImportApparent } from './apparent.js';
import { Typechecker } from './checker.js';
import { bindType, EMPTY_CTX } from './context.js';
import { hasTypedCode } from './typed-code.js';
import { DYN } from './types.js';

export { apparentOfExpr, APPROXIMATED_DYN, type Apparent, type ImportApparent } from './apparent.js';

export interface TypecheckOptions {
  /** Where type errors' contracts are printed from. */
  readonly sources?: SourceRegistry;
  /** The apparent type of an imported file. */
  readonly imports?: ImportApparent;
}

/** Throws the first type error of `expr` as a NickelError (TypecheckError::…). */
export function typecheck(expr: Expr, opts: TypecheckOptions = {}): void {
  if (!hasTypedCode(expr)) return;
  const root = bindType(EMPTY_CTX, 'std', DYN);
  new Typechecker(opts.sources, opts.imports, root).walk(expr, root);
}
