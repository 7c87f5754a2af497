import type { CliIo } from './io.js';
import type { CommonOptions, InputOptions } from './options.js';
import { loadProgram } from './program.js';
import { withDiagnostics } from './report.js';

/** `eval`: evaluate deeply and print the value as Nickel source. */
export function evalCommand(cmd: { input: InputOptions }, common: CommonOptions, io: CliIo): number {
  const program = loadProgram(cmd.input, io);
  return withDiagnostics(program.sources, common, io, () => {
    io.stdout(program.evaluate().print(cmd.input.field) + '\n');
  });
}
