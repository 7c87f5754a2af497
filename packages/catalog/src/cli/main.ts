/** Entry point of the `lamina` binary (bin/lamina.js imports this module); tests call run() instead. */
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }, process.cwd());
