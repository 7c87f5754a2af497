import type { CliIo } from './io.js';
import type { CommonOptions, InputOptions } from './options.js';
import { loadProgram } from './program.js';
import { withDiagnostics } from './report.js';

/** `query`: the documentation and metadata of one field. TODO: the reference's layout. */
export function queryCommand(cmd: { input: InputOptions }, common: CommonOptions, io: CliIo): number {
  const program = loadProgram(cmd.input, io);
  return withDiagnostics(program.sources, common, io, () => {
    const info = program.evaluate().query(cmd.input.field ?? []);
    io.stdout(JSON.stringify(info, null, 2) + '\n');
  });
}
