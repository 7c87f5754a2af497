/** Enum primops: tags, variants and their arguments. */
import { otherError } from '../eval/errors.js';
import { EnumValue } from '../eval/value.js';
import { enumArg, nameArg, op, type PrimopTable } from './table.js';

export const ENUM_PRIMOPS: PrimopTable = {
  'enum/get_tag': op(1, (a, s, n) => new EnumValue(enumArg(n, a, 0, s).tag, undefined)),
  'enum/get_arg': op(1, (a, s, n) => {
    const e = enumArg(n, a, 0, s);
    if (!e.arg) throw otherError(`${n}: expected an enum variant, got the enum tag '${e.tag}`, s);
    return e.arg.force();
  }),
  'enum/is_variant': op(1, (a, s, n) => enumArg(n, a, 0, s).arg !== undefined),
  'enum/make_variant': op(2, (a, s, n) => new EnumValue(nameArg(n, a, 0, s), a[1])),
  // `%enum/embed% tag value` only widens a type for the typechecker: at run time it is the value.
  'enum/embed': op(2, (a) => a[1].force()),
};
