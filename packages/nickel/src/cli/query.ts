import { PlainRecord, type Plain } from '../export/plain.js';
import { serialize } from '../export/serialize.js';
import type { FieldInfo } from '../pipeline.js';
import type { CliIo } from './io.js';
import type { CommonOptions, InputOptions, QueryFormat } from './options.js';
import { loadProgram } from './program.js';
import { withDiagnostics } from './report.js';

/** `query`: the documentation and metadata of one field, in the reference's plain layout. */
export function queryCommand(cmd: { input: InputOptions; format: QueryFormat }, common: CommonOptions, io: CliIo): number {
  const program = loadProgram(cmd.input, io);
  return withDiagnostics(program.sources, common, io, () => {
    const info = program.evaluate().query(cmd.input.field ?? []);
    if (cmd.format !== 'markdown') {
      io.stdout(serialize(queryResult(info), cmd.format));
      return;
    }
    const { text, found } = formatFieldInfo(info);
    io.stdout(text);
    if (!found) io.stderr('No metadata found for this field.\n');
  });
}

/**
 * The reference's query report without terminal markdown: `* contract: …`, `* type: …`, the
 * default value or the priority and value, the documentation, then the sub-fields.
 */
export function formatFieldInfo(info: FieldInfo): { text: string; found: boolean } {
  const lines: string[] = [];
  if (info.contracts.length > 0) lines.push(`* contract: ${info.contracts.join(',')}`);
  if (info.type !== undefined) lines.push(`* type: ${info.type}`);
  if (info.default && info.value !== undefined) lines.push(`* default: ${info.value}`);
  else if (info.priority !== undefined && /^-?[0-9]/.test(info.priority) && info.value !== undefined) {
    lines.push(`* priority: ${info.priority}`, `* value: ${info.value}`);
  }
  if (info.doc !== undefined) {
    if (info.doc.includes('\n')) lines.push('* documentation', '', info.doc);
    else lines.push(`* documentation: ${info.doc}`);
  }
  const found = lines.length > 0;
  if (info.fields.length > 0) lines.push('', 'Available fields:', ...info.fields.map((f) => ` - ${f}`));
  return { text: lines.length > 0 ? lines.join('\n') + '\n' : '', found };
}

/**
 * The metadata as the reference's `query --format json|yaml|toml` writes it: its fields in this
 * order, absent ones left out, the priority as a string (`"default"`, `"0"`, `"5"`).
 */
export function queryResult(info: FieldInfo): PlainRecord {
  const fields: Array<[string, Plain]> = [];
  if (info.doc !== undefined) fields.push(['doc', info.doc]);
  if (info.type !== undefined) fields.push(['typ', info.type]);
  if (info.contracts.length > 0) fields.push(['contracts', [...info.contracts]]);
  fields.push(['optional', info.optional], ['not_exported', info.notExported]);
  fields.push(['priority', info.default ? 'default' : (info.priority ?? '0')]);
  if (info.fields.length > 0) fields.push(['sub_fields', [...info.fields]]);
  if (info.value !== undefined) fields.push(['value', info.value]);
  return new PlainRecord(fields);
}
