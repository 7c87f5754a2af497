/** Contract and label primops: the machinery under std.contract. */
import { applyContract, blame, checkContract } from '../contracts/apply.js';
import { pushContract } from '../contracts/dedup.js';
import { appendNote, flip, pushDiag, withMessage, withNotes, withPath } from '../contracts/label.js';
import { applyN } from '../eval/eval.js';
import { otherError } from '../eval/errors.js';
import { instantiate, recordOf } from '../eval/record.js';
import { Thunk } from '../eval/thunk.js';
import { ArrayValue, CustomContract, EnumValue, LabelValue, SealedValue, type Field } from '../eval/value.js';
import { arrArg, funcArg, labelArg, nameArg, op, recArg, strArg, type PrimopTable } from './table.js';

export const CONTRACT_PRIMOPS: PrimopTable = {
  'contract/custom': op(1, (a, s, n) => {
    funcArg(n, a, 0, s);
    return new CustomContract(a[0]);
  }),
  'contract/apply': op(3, (a, s, n) => applyContract(a[0].force(), { ...labelArg(n, a, 1, s), applied: a[2].span ?? s }, a[2])),
  'contract/check': op(3, (a, s, n) => checkContract(a[0].force(), labelArg(n, a, 1, s), a[2])),
  'contract/array_lazy_apply': op(3, (a, s, n) => {
    const label = labelArg(n, a, 0, s);
    const arr = arrArg(n, a, 1, s);
    const c = a[2];
    return new ArrayValue(arr.items.map((item) => Thunk.lazy(() => applyContract(c.force(), label, item))));
  }),
  'contract/record_lazy_apply': op(3, (a, s, n) => {
    const label = labelArg(n, a, 0, s);
    const r = recArg(n, a, 1, s);
    const f = a[2];
    const templates = new Map<string, Field>();
    for (const [k, field] of r.fields) {
      const contract = Thunk.lazy(() => applyN(f.force(), [Thunk.of(k)], s));
      templates.set(k, { ...field, contracts: pushContract(field.contracts, { contract, label: { ...label, field: k } }) });
    }
    return instantiate(templates, r.open, r.span, r.sealedTail);
  }),
  blame: op(1, (a, s, n) => {
    throw blame(labelArg(n, a, 0, s), undefined, s);
  }),
  'label/with_message': op(2, (a, s, n) => new LabelValue(withMessage(labelArg(n, a, 1, s), strArg(n, a, 0, s)))),
  'label/with_notes': op(2, (a, s, n) => {
    const notes = arrArg(n, a, 0, s).items.map((t, i) => {
      const v = t.force();
      if (typeof v !== 'string') throw otherError(`${n}: note ${i} is not a String`, s);
      return v;
    });
    return new LabelValue(withNotes(labelArg(n, a, 1, s), notes));
  }),
  'label/append_note': op(2, (a, s, n) => new LabelValue(appendNote(labelArg(n, a, 1, s), strArg(n, a, 0, s)))),
  'label/push_diag': op(1, (a, s, n) => new LabelValue(pushDiag(labelArg(n, a, 0, s)))),
  'label/flip_polarity': op(1, (a, s, n) => new LabelValue(flip(labelArg(n, a, 0, s)))),
  'label/polarity': op(1, (a, s, n) => new EnumValue(labelArg(n, a, 0, s).polarity ? 'Positive' : 'Negative', undefined)),
  'label/go_dom': op(1, (a, s, n) => new LabelValue(withPath(labelArg(n, a, 0, s), 'Domain'))),
  'label/go_codom': op(1, (a, s, n) => new LabelValue(withPath(labelArg(n, a, 0, s), 'Codomain'))),
  'label/go_array': op(1, (a, s, n) => new LabelValue(withPath(labelArg(n, a, 0, s), 'Array'))),
  'label/go_dict': op(1, (a, s, n) => new LabelValue(withPath(labelArg(n, a, 0, s), 'Dict'))),
  'label/go_field': op(2, (a, s, n) => new LabelValue(withPath(labelArg(n, a, 1, s), { field: nameArg(n, a, 0, s) }))),
  'label/insert_type_variable': op(3, (a, s, n) => {
    const key = a[0].force();
    const pol = a[1].force();
    const label = labelArg(n, a, 2, s);
    const vars = new Map(label.tyVars ?? []);
    vars.set(String(key), { key: typeof key === 'number' ? key : 0, polarity: pol instanceof EnumValue ? pol.tag === 'Positive' : true, kind: 'Type' });
    return new LabelValue({ ...label, tyVars: vars });
  }),
  'label/lookup_type_variable': op(2, (a, s, n) => {
    const key = a[0].force();
    const label = labelArg(n, a, 1, s);
    const v = label.tyVars?.get(String(key));
    if (!v) throw otherError(`${n}: unknown type variable`, s);
    return recordOf([['polarity', Thunk.of(new EnumValue(v.polarity ? 'Positive' : 'Negative', undefined))]]);
  }),
  seal: op(3, (a, s, n) => {
    const key = a[0].force();
    return new SealedValue(typeof key === 'number' ? key : 0, a[2], labelArg(n, a, 1, s));
  }),
  unseal: op(3, (a) => {
    const key = a[0].force();
    const v = a[1].force();
    if (v instanceof SealedValue && v.key === key) return v.inner.force();
    return a[2].force();
  }),
};
