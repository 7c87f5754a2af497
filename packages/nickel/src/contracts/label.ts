/**
 * A blame label: everything a broken contract needs to say who is to blame and where. Labels are
 * immutable; the `%label/…%` primops return updated copies.
 */
import type { Span } from '../source/span.js';

/** A step inside a type, so an error can say which part of `A -> {f : B}` was violated. */
export type TypePathStep = 'Domain' | 'Codomain' | 'Array' | 'Dict' | { field: string };

/** A diagnostic attached by a custom contract (`std.contract.blame_with_message` and friends). */
export interface ContractDiagnostic {
  readonly message: string | undefined;
  readonly notes: readonly string[];
}

export interface Label {
  /** The annotation (`| C`, `: T`) or the contract expression. */
  readonly span: Span | undefined;
  /** true: the value is to blame; false: its context (function arguments). */
  readonly polarity: boolean;
  readonly path: readonly TypePathStep[];
  /** The current diagnostic and the ones pushed before it (`%label/push_diag%`). */
  readonly diag: ContractDiagnostic;
  readonly pushed: readonly ContractDiagnostic[];
  /** The field whose value the contract guards, when it is a field annotation. */
  readonly field: string | undefined;
  /** The expression the contract was applied to. */
  readonly applied: Span | undefined;
  /** Type variables introduced by `%label/insert_type_variable%`: name → (key, polarity). */
  readonly tyVars: ReadonlyMap<string, { key: number; polarity: boolean; kind: string }> | undefined;
}

// Labels are immutable (updates copy), so every new label shares these empty parts: a catalog
// makes a label per field annotation per record instance.
const NO_STEPS: readonly TypePathStep[] = Object.freeze([]);
const NO_NOTES: readonly string[] = Object.freeze([]);
const NO_DIAG: ContractDiagnostic = Object.freeze({ message: undefined, notes: NO_NOTES });
const NO_PUSHED: readonly ContractDiagnostic[] = Object.freeze([]);

export function newLabel(span: Span | undefined, applied: Span | undefined, field?: string): Label {
  return {
    span,
    polarity: true,
    path: NO_STEPS,
    diag: NO_DIAG,
    pushed: NO_PUSHED,
    field,
    applied,
    tyVars: undefined,
  };
}

export function withPath(label: Label, step: TypePathStep): Label {
  return { ...label, path: [...label.path, step] };
}

// A function contract derives the labels of its argument and result each time the function it
// guards is applied, and a curried one (`String -> String -> Bool`, the shape of most std
// functions) applies its result's contract on every call: the derived labels are kept per label
// (labels never change, so neither do they).
const argumentLabels = new WeakMap<Label, Label>();
const resultLabels = new WeakMap<Label, Label>();

/** The label of a function contract's argument: path `Domain`, polarity flipped. */
export function domainLabel(label: Label): Label {
  let l = argumentLabels.get(label);
  if (l === undefined) argumentLabels.set(label, (l = flip(withPath(label, 'Domain'))));
  return l;
}

/** The label of a function contract's result: path `Codomain`. */
export function codomainLabel(label: Label): Label {
  let l = resultLabels.get(label);
  if (l === undefined) resultLabels.set(label, (l = withPath(label, 'Codomain')));
  return l;
}

export function flip(label: Label): Label {
  return { ...label, polarity: !label.polarity };
}

export function withMessage(label: Label, message: string): Label {
  return { ...label, diag: { ...label.diag, message } };
}

export function withNotes(label: Label, notes: readonly string[]): Label {
  return { ...label, diag: { ...label.diag, notes } };
}

export function appendNote(label: Label, note: string): Label {
  return { ...label, diag: { ...label.diag, notes: [...label.diag.notes, note] } };
}

export function pushDiag(label: Label): Label {
  if (label.diag.message === undefined && label.diag.notes.length === 0) return label;
  return { ...label, pushed: [...label.pushed, label.diag], diag: NO_DIAG };
}

export function describePath(path: readonly TypePathStep[]): string {
  return path.map((s) => (typeof s === 'string' ? s.toLowerCase() : `field \`${s.field}\``)).join(' > ');
}
