/**
 * The HCL bake file, rendered from templates/bake.hcl.hbs with the same BakeFile object as the
 * JSON: this module turns each target's attributes into HCL text (sorted like the JSON), the
 * template lays out the blocks. Every string goes through `hclString`.
 */
import { BAKE_VARIABLES, type BakeFile } from './bake.js';
import { hclString } from './quote.js';
import { byName, sortedEntries } from '../model/order.js';

const VARIABLE_REFERENCE = new RegExp(`\\$\\$\\{(${BAKE_VARIABLES.join('|')})\\}`, 'g');

export interface HclView {
  variables: { name: string; default: string }[];
  groups: { name: string; targets: string[] }[];
  targets: { name: string; attributes: string[] }[];
}

export function hclView(bake: BakeFile): HclView {
  return {
    variables: sortedEntries(bake.variable).map(([name, variable]) => ({ name: hclString(name), default: hclString(variable.default) })),
    groups: sortedEntries(bake.group).map(([name, group]) => ({
      name: hclString(name),
      targets: group.targets.map(hclString),
    })),
    targets: sortedEntries(bake.target).map(([name, target]) => {
      const t = target as unknown as Record<string, unknown>;
      return {
        name: hclString(name),
        attributes: sorted(Object.keys(t))
          .filter((k) => t[k] !== undefined)
          .map((k) => `${k} = ${hclValue(t[k])}`),
      };
    }),
  };
}

function hclValue(v: unknown): string {
  // Every string is escaped, then lamina's own references to the bake variables are let through.
  if (typeof v === 'string') return hclString(v).replace(VARIABLE_REFERENCE, '$${$1}');
  if (Array.isArray(v)) return `[${v.map(hclValue).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    const rec = v as Record<string, unknown>;
    const lines = sorted(Object.keys(rec)).map((k) => `    ${hclString(k)} = ${hclValue(rec[k])}`);
    return `{\n${lines.join('\n')}\n  }`;
  }
  throw new Error(`bake attribute value of unexpected type: ${typeof v}`);
}

function sorted(keys: string[]): string[] {
  return keys.sort(byName);
}
