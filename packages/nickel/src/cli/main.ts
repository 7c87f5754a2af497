import { readFileSync, writeFileSync } from 'node:fs';
import type { CliIo } from './io.js';
import { runCli } from './run.js';

/** The process's own io: real streams, the real environment. */
const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  stderrIsTTY: process.stderr.isTTY === true,
  readStdin: () => readFileSync(0, 'utf8'),
  writeFile: (path, text) => writeFileSync(path, text),
};

process.exitCode = runCli(process.argv.slice(2), io);
