/** Entry point of the `lamina` binary (bin/lamina.js imports this module); tests call run() instead. */
import { run } from './run.js';

// A reader that went away (`lamina graph | head -1`) ends the command quietly, as coreutils do:
// nothing more can be said to it, and nothing went wrong in lamina.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }, process.cwd());
