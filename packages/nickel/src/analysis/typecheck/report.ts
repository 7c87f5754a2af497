/**
 * A unification failure as the diagnostic the reference reports, at the span of the term being
 * checked: the error kinds and printed types of the reference's TypecheckError.
 */
import type { NickelError } from '../../diagnostics/error.js';
import * as tc from '../../diagnostics/typecheck.js';
import type { SourceRegistry } from '../../source/registry.js';
import type { Span } from '../../source/span.js';
import { TypePrinter } from './print.js';
import type { UnifState } from './state.js';
import type { UnifError } from './unify.js';
import type { UType, VarKind } from './types.js';

export function reportUnif(st: UnifState, sources: SourceRegistry | undefined, error: UnifError, span: Span | undefined): NickelError {
  return toError(new TypePrinter(st, sources), st, error, span);
}

function constType(id: number, kind: VarKind): UType {
  const c = { tag: 'Const', id } as const;
  return kind === 'Type' ? c : kind === 'RecordRows' ? { tag: 'Record', rows: c } : { tag: 'Enum', rows: c };
}

const isContract = (st: UnifState, t: UType): boolean => st.root(t).tag === 'Contract';

function toError(p: TypePrinter, st: UnifState, e: UnifError, span: Span | undefined): NickelError {
  switch (e.k) {
    case 'TypeMismatch':
      return tc.typeMismatch(span, p.type(e.expected), p.type(e.inferred), { expected: isContract(st, e.expected), inferred: isContract(st, e.inferred) });
    case 'ConstMismatch':
      return tc.typeMismatch(span, p.type(constType(e.expectedConst, e.kind)), p.type(constType(e.inferredConst, e.kind)), {
        expected: false,
        inferred: false,
      });
    case 'WithConst':
      if (e.kind === 'Type') {
        return tc.typeMismatch(span, p.type(constType(e.constId, 'Type')), p.type(e.inferred), { expected: false, inferred: isContract(st, e.inferred) });
      }
      return tc.forallParametricityViolation(
        span,
        e.kind === 'RecordRows' ? 'record tail' : 'enum tail',
        p.type(constType(e.constId, e.kind)),
        p.type(e.inferred),
      );
    case 'MissingRow': {
      const expected = p.type(e.expected);
      return tc.missingRow(span, e.id, e.row, expected, p.type(e.inferred));
    }
    case 'ExtraRow': {
      const expected = p.type(e.expected);
      return tc.extraRow(span, e.id, expected, p.type(e.inferred));
    }
    case 'MissingDynTail': {
      const expected = p.type(e.expected);
      return tc.missingDynTail(span, expected, p.type(e.inferred));
    }
    case 'ExtraDynTail': {
      const expected = p.type(e.expected);
      return tc.extraDynTail(span, expected, p.type(e.inferred));
    }
    case 'RecordRowMismatch': {
      const path = [e.id];
      let cause: UnifError = e.cause;
      while (cause.k === 'RecordRowMismatch') {
        path.push(cause.id);
        cause = cause.cause;
      }
      const expected = rowAt(st, e.expected, path);
      const inferred = rowAt(st, e.inferred, path);
      const expectedText = expected ? p.type(expected) : p.type(e.expected);
      const inferredText = inferred ? p.type(inferred) : p.type(e.inferred);
      return tc.recordRowMismatch(span, path, expectedText, inferredText, toError(p, st, cause, undefined));
    }
    case 'EnumRowMismatch': {
      const expected = p.type(e.expected);
      const inferred = p.type(e.inferred);
      return tc.enumRowMismatch(span, e.id, expected, inferred, e.cause ? toError(p, st, e.cause, undefined) : undefined);
    }
    case 'RecordRowConflict': {
      const row = `${e.id}: ${p.type(e.type)}`;
      return tc.rowConflict(span, 'record', e.id, row, p.type(e.expected), p.type(e.inferred));
    }
    case 'EnumRowConflict': {
      const row = e.arg ? `'${e.id} ${p.type(e.arg)}` : `'${e.id}`;
      return tc.rowConflict(span, 'enum', e.id, row, p.type(e.expected), p.type(e.inferred));
    }
    case 'UnboundTypeVariable':
      return tc.unboundTypeVariable(e.span ?? span, e.name);
    case 'DomainMismatch':
    case 'CodomainMismatch': {
      const expected = p.type(e.expected);
      const inferred = p.type(e.inferred);
      let cause: UnifError = e.cause;
      while (cause.k === 'DomainMismatch' || cause.k === 'CodomainMismatch') cause = cause.cause;
      return tc.arrowTypeMismatch(span, expected, inferred, toError(p, st, cause, undefined));
    }
    case 'VarLevelMismatch':
      return tc.varLevelMismatch(span, p.constName(e.constId, e.kind));
    case 'InhomogeneousRecord':
      return tc.inhomogeneousRecord(span, p.type(e.rowA), p.type(e.rowB));
  }
}

/** The type of the nested field `path` in a record type, if it is one. */
function rowAt(st: UnifState, t: UType, path: string[]): UType | undefined {
  let cur: UType | undefined = st.root(t);
  for (const name of path) {
    if (cur?.tag !== 'Record') return undefined;
    let found: UType | undefined;
    for (let r = st.rootR(cur.rows); r.tag === 'Extend'; r = st.rootR(r.tail)) {
      if (r.name === name) {
        found = r.type;
        break;
      }
    }
    cur = found ? st.root(found) : undefined;
  }
  return cur;
}
