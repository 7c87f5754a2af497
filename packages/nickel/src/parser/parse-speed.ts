/**
 * Parse-speed measurement (not a test): generates a ~1 MB Nickel program in the style of real
 * configurations and reports lexing and parsing throughput.
 *
 *   node --conditions=source --import tsx packages/nickel/src/parser/parse-speed.ts [MB]
 */
import { lex } from '../lexer/lexer.js';
import { parse } from './parse.js';

function layer(i: number): string {
  return `
  # layer ${i}
  layer_${i} = {
    name = "layer-${i}",
    version | String | default = "1.${i % 10}.0",
    enabled : Bool = ${i % 2 === 0},
    weight = ${i} * 2 + 1,
    tags = ["base", "v%{std.string.from_number ${i}}", 'Stable],
    deps = if ${i} > 0 then ["layer-${i - 1}"] else [],
    env."PATH_${i}" = "/opt/layer-${i}/bin",
    script = m%"
      set -e
      echo "building %{name}"
      make -j${(i % 8) + 1}
    "%,
    check = fun { name, version ? "0", .. } => std.string.length name > 0 && version != "",
    kind = match { 'Docker => "docker", 'Nix x => "nix-%{x}", _ => "other" },
  },`;
}

function program(bytes: number): string {
  const head = 'let lib = { double = fun x => x * 2, Positive = std.contract.from_predicate (fun x => x > 0) } in\n{';
  const parts: string[] = [head];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const l = layer(i);
    parts.push(l);
    size += l.length;
  }
  parts.push('\n} | { _ | Dyn }\n');
  return parts.join('');
}

const mb = Number(process.argv[2] ?? 1);
const text = program(mb * 1024 * 1024);
const source = { id: 0, name: '<bench>', path: undefined, text };
const runs = 5;
let bestLex = Infinity;
let bestParse = Infinity;
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  const tokens = lex(text);
  const t1 = performance.now();
  parse(source);
  const t2 = performance.now();
  bestLex = Math.min(bestLex, t1 - t0);
  bestParse = Math.min(bestParse, t2 - t1);
  if (r === 0) console.log(`${(text.length / 1048576).toFixed(2)} MB, ${tokens.length} tokens`);
}
const mbs = (ms: number) => (text.length / 1048576 / (ms / 1000)).toFixed(1);
console.log(`lex: ${bestLex.toFixed(0)} ms (${mbs(bestLex)} MB/s); lex+parse: ${bestParse.toFixed(0)} ms (${mbs(bestParse)} MB/s); best of ${runs}`);
