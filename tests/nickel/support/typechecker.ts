/**
 * Whether @lamina/nickel typechecks statically yet (issue 14). Until it does, a program only the
 * reference's typechecker rejects may export or fail at run time here, and the typed-program
 * property (properties.test.ts) asserts only what holds without a typechecker. The typechecker's
 * engineer sets this to true: the property then requires ours to reject exactly what the
 * reference rejects, with the same error kind.
 */
export const TYPECHECKER = false;
