/**
 * Whether @lamina/nickel typechecks statically (issue 14): it does, so the typed-program property
 * (properties.test.ts) requires ours to reject exactly what the reference rejects, with the same
 * error kind. Set to false only to see what holds without the typechecker.
 */
export const TYPECHECKER = true;
