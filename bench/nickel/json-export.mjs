// The JSON baseline as a whole process: read a JSON file, parse it, print it back with two-space
// indentation — the same work `lamina-nickel export` does on the data-only workload, minus Nickel.
import { readFileSync } from 'node:fs';

const value = JSON.parse(readFileSync(process.argv[2], 'utf8'));
process.stdout.write(JSON.stringify(value, null, 2) + '\n');
