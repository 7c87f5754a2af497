import { exportValue } from '../export/export-value.js';
import type { CliIo } from './io.js';
import type { ExportFormat, InputOptions } from './options.js';
import { loadProgram } from './program.js';
import { withDiagnostics } from './report.js';
import type { CommonOptions } from './options.js';

/** `export`: evaluate deeply, serialise, write to stdout (or `--output`). */
export function exportCommand(cmd: { input: InputOptions; format: ExportFormat; output: string | undefined }, common: CommonOptions, io: CliIo): number {
  const program = loadProgram(cmd.input, io);
  return withDiagnostics(program.sources, common, io, () => {
    const text = exportValue(program.evaluate(), cmd.format, cmd.input.field);
    if (cmd.output === undefined) io.stdout(text);
    else io.writeFile(cmd.output, text);
  });
}
