// Runs the documents judged by check.py through ajv (the validator the
// catalog tool uses), so the JSON Schemas are known to mean the same thing
// to ajv as to Python's jsonschema and to the Nickel contracts.
//
//   python3 schemas/check.py --dump /tmp/judged.json
//   node schemas/check-ajv.mjs /tmp/judged.json
//
// ajv is resolved from the repository (`pnpm add -w -D ajv@8.20.0`), or from
// the module path in AJV_MODULE (e.g. /tmp/x/node_modules/ajv/dist/2020.js).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const modulePath = process.env.AJV_MODULE ? pathToFileURL(process.env.AJV_MODULE).href : 'ajv/dist/2020.js';
const { Ajv2020 } = await import(modulePath);

// strictTuples is off because no schema here uses tuples; everything else strict.
const ajv = new Ajv2020({ strict: true, allErrors: true });
for (const file of readdirSync(here).filter((f) => f.endsWith('.schema.json'))) {
  ajv.addSchema(JSON.parse(readFileSync(join(here, file), 'utf8')));
}
const base = 'https://lamina.librecloud.online/schemas/';
const validators = {
  'build-directives': ajv.getSchema(`${base}build-directives.schema.json`),
  workflow: ajv.getSchema(`${base}workflow.schema.json`),
  adr: ajv.getSchema(`${base}adr.schema.json`),
};

const judged = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let disagreements = 0;
for (const { what, schema, valid, document } of judged) {
  const accepted = validators[schema](document);
  if (accepted !== valid) {
    disagreements += 1;
    const detail = accepted ? 'accepted' : JSON.stringify(validators[schema].errors?.slice(0, 2));
    console.log(`DISAGREE ${what}: expected ${valid ? 'valid' : 'invalid'}, ajv ${detail}`);
  }
}
console.log(`ajv: ${judged.length - disagreements}/${judged.length} documents judged as expected`);
process.exit(disagreements === 0 ? 0 : 1);
