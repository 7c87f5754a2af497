import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lex } from './lexer.js';

/** `kind:value` of each token, without the final eof. */
function kinds(text: string): string[] {
  return lex(text)
    .filter((t) => t.kind !== 'eof')
    .map((t) => (t.kind === 'error' ? `error:${t.error!.kind}` : `${t.kind}:${t.value}`));
}

test('identifiers, keywords and contextual words', () => {
  assert.equal(kinds("foo _bar x' a-b if iff Number Numbers or doc"), [
    'ident:foo',
    'ident:_bar',
    "ident:x'",
    'ident:a-b',
    'keyword:if',
    'ident:iff',
    'keyword:Number',
    'ident:Numbers',
    'keyword:or',
    'keyword:doc',
  ]);
  // `_` alone, and `_` before a digit, are the wildcard
  assert.equal(kinds('_ _1'), ['punct:_', 'punct:_', 'num:1']);
});

test('numbers: longest match, leading dot, bases', () => {
  assert.equal(kinds('1 1.5 .5 1e3 1.5E-2 1. 1..2'), [
    'num:1',
    'num:1.5',
    'num:0.5',
    'num:1e3',
    'num:1.5E-2',
    'num:1',
    'punct:.',
    'num:1',
    'punct:..',
    'num:2',
  ]);
  assert.equal(kinds('0x1F 0o17 0b101 0x'), ['num:31', 'num:15', 'num:5', 'num:0', 'ident:x']);
  assert.equal(kinds('1e'), ['num:1', 'ident:e']);
});

test('punctuation takes the longest operator', () => {
  assert.equal(kinds('|> || | |] [| -> => == != <= >= ++ && ..'), [
    'punct:|>',
    'punct:||',
    'punct:|',
    'punct:|]',
    'punct:[|',
    'punct:->',
    'punct:=>',
    'punct:==',
    'punct:!=',
    'punct:<=',
    'punct:>=',
    'punct:++',
    'punct:&&',
    'punct:..',
  ]);
});

test('enum tags and primops', () => {
  assert.equal(kinds(`'Foo 'a-b' '"x y"`), ['enumTag:Foo', "enumTag:a-b'", `strEnumTagBegin:'"`, 'strLit:x y', 'strEnd:"']);
  assert.equal(kinds('%typeof% %array/map% %nope% 5 % 2'), [
    'primop:typeof',
    'primop:array/map',
    'punct:%',
    'ident:nope',
    'punct:%',
    'num:5',
    'punct:%',
    'num:2',
  ]);
});

test('comments and blanks', () => {
  assert.equal(kinds('1 # two\r\n# three\n4'), ['num:1', 'num:4']);
  assert.equal(kinds('1\r2'), ['num:1', 'error:Generic']);
});

test('standard strings: escapes, `%`, interpolation with nested braces', () => {
  assert.equal(kinds(String.raw`"a\n%b"`), ['strStart:"', 'strLit:a', 'strLit:\n', 'strLit:%', 'strLit:b', 'strEnd:"']);
  assert.equal(kinds('"x%{ {a = 1}.a }y"'), [
    'strStart:"',
    'strLit:x',
    'interp:%{',
    'punct:{',
    'ident:a',
    'punct:=',
    'num:1',
    'punct:}',
    'punct:.',
    'ident:a',
    'punct:}',
    'strLit:y',
    'strEnd:"',
  ]);
  assert.equal(kinds(String.raw`"\q"`), ['strStart:"', 'error:InvalidEscapeSequence']);
  assert.equal(kinds(String.raw`"\x80"`), ['strStart:"', 'error:InvalidAsciiEscapeCode']);
  assert.equal(kinds(String.raw`"\u{D800}"`), ['strStart:"', 'error:InvalidUnicodeEscapeCode']);
});

test('multiline strings: delimiters with any number of `%`', () => {
  assert.equal(kinds('m%"a"b%{x}"%'), ['mstrStart:', 'strLit:a', 'strLit:"', 'strLit:b', 'interp:%{', 'ident:x', 'punct:}', 'mstrEnd:"%']);
  // in a m%%" string, `%{` and `"%` are text; `%%%{` is a `%` then an interpolation
  assert.equal(kinds('m%%"%{ "% %%%{x}"%%'), [
    'mstrStart:',
    'strLit:%{',
    'strLit: ',
    'strLit:"%',
    'strLit: ',
    'strLit:%',
    'interp:%%{',
    'ident:x',
    'punct:}',
    'mstrEnd:"%%',
  ]);
  assert.equal(kinds('m%"a"%%'), ['mstrStart:', 'strLit:a', 'error:StringDelimiterMismatch']);
  assert.equal(kinds('nix-s%"a"%'), ['symStrStart:nix', 'strLit:a', 'mstrEnd:"%']);
});

test('an unmatched `}` is a lexical error', () => {
  assert.equal(kinds('1 }'), ['num:1', 'error:UnmatchedCloseBrace']);
});

test.run();
