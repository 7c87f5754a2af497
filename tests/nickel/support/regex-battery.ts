/**
 * The regular-expression battery: patterns in the reference's dialect (Rust's `regex` crate)
 * with haystacks that tell its semantics apart from JS's, each run through `std.string`'s regex
 * functions. regex-dialect.test.ts compares our answers with the reference's, case by case.
 */

export interface RegexCase {
  pattern: string;
  haystack: string;
}

const ANCHORS_AND_LINES = 'ab\ncd\r\nef\n';
const WORDS = 'café naïve x_y 42 Straße δέλτα';

const CASES: Array<[string, string[]]> = [
  // counted repetitions and literal braces
  ['^a{2}}$', ['aa}', 'aa']],
  ['a{2}', ['aaa']],
  ['a{2,}', ['aaaaa']],
  ['a{1,2}?', ['aaa']],
  ['a{ 2 , 3 }', ['aaaa']],
  ['x}', ['x}']],
  ['}', ['}}']],
  ['a**', ['aaa']],
  ['a+?b', ['aaab']],
  ['(?U)a+', ['aaa']],
  ['(?U)a+?', ['aaa']],
  // escapes
  ['\\x41\\x{42}\\u0043\\U00000044', ['ABCD']],
  ['\\x{1F600}', ['😀!']],
  ['\\x{10FFFF}', ['\u{10FFFF}']],
  ['\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\^\\$\\#\\&\\-\\~', ['.*+?()[]{}|^$#&-~']],
  ['\\!\\"\\%\\\'\\,\\/\\:\\;\\=\\@\\_\\`', ['!"%\',/:;=@_`']],
  ['\\t\\n\\r\\v\\f\\a', ['\t\n\r\v\f\x07']],
  // classes
  ['[a-c]+', ['xxabcabd']],
  ['[^a-c]+', ['abxyzc']],
  ['[]a]+', ['a]]b']],
  ['[^]a]+', ['a]]bc']],
  ['[-a]+', ['--a-b']],
  ['[a-]+', ['--a-b']],
  ['[a-z&&[^aeiou]]+', ['hello world']],
  ['[a-z--[aeiou]]+', ['hello world']],
  ['[a-g~~c-k]+', ['abcdefghijkl']],
  ['[\\w&&\\p{Greek}]+', ['abc δέλτα']],
  ['[[:alpha:]]+', ['ab1cd é']],
  ['[[:^digit:]]+', ['ab12cd']],
  ['[[:upper:][:digit:]]+', ['abC1D2e']],
  ['[[:word:]]+', ['a_b-c']],
  ['[[:punct:]]+', ['a!@#b']],
  ['[:alpha:]+', [':ahp']],
  ['[[:alpah:]]+', ['alpha:']],
  ['[a[bc]]+', ['abcd']],
  ['[\\[\\]]+', ['[]x']],
  // Unicode classes
  ['\\p{L}+', [WORDS]],
  ['\\pL+', [WORDS]],
  ['\\PL+', [WORDS]],
  ['\\p{Greek}+', [WORDS]],
  ['\\p{greek}+', [WORDS]],
  ['\\p{Script=Greek}+', [WORDS]],
  ['\\p{sc:Latin}+', [WORDS]],
  ['\\p{Lu}', [WORDS]],
  ['\\p{Uppercase_Letter}', ['aBc']],
  ['\\p{uppercase letter}', ['aBc']],
  ['\\p{isAlphabetic}+', ['ab1']],
  ['\\p{gc!=Lu}+', ['aBc']],
  ['\\p{Nd}+', ['a١٢٣b']],
  ['\\p{Any}+', ['ab\n']],
  ['\\p{ASCII}+', ['abé']],
  ['\\p{White_Space}+', ['a \u0085b']],
  // Perl classes are Unicode-aware
  ['\\d+', ['x١٢٣ 456']],
  ['\\w+', [WORDS]],
  ['\\W+', [WORDS]],
  ['\\s+', ['a\u00a0\u2003b\u0085c\ufeffd']],
  ['\\S+', ['a b']],
  ['(?-u:\\w)+', [WORDS]],
  ['(?-u:\\d)+', ['١٢3']],
  // dot and newlines
  ['.+', ['ab\ncd\r\ne\u2028f']],
  ['(?s).+', ['ab\ncd']],
  ['(?s:.)', ['\n']],
  ['(?R).+', ['ab\r\ncd']],
  // anchors and multi-line
  ['^\\w+$', [ANCHORS_AND_LINES]],
  ['(?m)^\\w+$', [ANCHORS_AND_LINES]],
  ['(?m)^', ['a\nb\rc']],
  ['(?m)$', ['a\nb\rc\n']],
  ['(?Rm)^\\w+$', [ANCHORS_AND_LINES]],
  ['\\A\\w+', ['ab\ncd']],
  ['(?m)\\A\\w+', ['ab\ncd']],
  ['\\w+\\z', ['ab\ncd']],
  ['a$', ['a\n']],
  ['(?m:^b)|c', ['a\nb c']],
  // word boundaries are Unicode's
  ['\\b\\w+\\b', [WORDS]],
  ['\\bé', ['café é']],
  ['é\\b', ['café é']],
  ['\\B.', ['ab é']],
  ['\\b{start}\\w', ['ab cd']],
  ['\\w\\b{end}', ['ab cd']],
  ['\\<\\w+\\>', ['ab cd']],
  ['\\b{start-half}x', ['ax x']],
  ['x\\b{end-half}', ['xa x']],
  ['\\b{2}a', ['a']],
  ['(?-u:\\b)\\w+', ['été x']],
  // case-insensitivity, global and scoped
  ['(?i)hello', ['HeLLo hello']],
  ['(?i)straße', ['STRASSE Straße STRAẞE']],
  ['(?i)k', ['k K \u212a']],
  ['(?i)[a-z]+', ['ABC\u212a\u017f']],
  ['(?i)\\p{Lu}+', ['abcDEF']],
  ['(?i)\\P{Lu}+', ['ab1CD']],
  ['(?i)[^a]+', ['aAbB']],
  ['a(?i)b', ['aB AB ab']],
  ['a(?i:b)c', ['aBc aBC ABc']],
  ['(?i)a(?-i)b', ['Ab AB ab']],
  ['(?i:σ)+', ['Σσς']],
  ['x(?i)a|b', ['B xA']],
  ['(?i-u)é', ['É é']],
  ['(?i-u)[a-c]+', ['ABCabc']],
  ['(?i)ı', ['I i ı']],
  ['(?i:[^k])', ['\u212aK']],
  // verbose mode
  ['(?x) a b # comment\n c', ['abc']],
  ['(?x) a \\  b', ['a b']],
  ['(?x)[a b]+', ['a b']],
  ['(?x: a b ) c d', ['abc d']],
  // groups, names, captures
  ['(a)(b)?(c)', ['ac']],
  ['(?P<first>\\w+)\\s(?<second>\\w+)', ['hello world']],
  ['(?P<a.b[0]>x)', ['x']],
  ['(?:a|b)+', ['abba']],
  ['(a|b)+', ['abba']],
  ['(a*)+', ['b']],
  ['(a|ab)(c|bcd)(d*)', ['abcd']],
  // empty matches, alternations and iteration
  ['', ['abc']],
  ['a|', ['bab']],
  ['|a', ['a']],
  ['a*', ['baaab']],
  ['a*?', ['aa']],
  ['x?', ['😀x']],
  ['$', ['abc']],
  ['^', ['']],
  ['\\b', ['ab cd']],
  ['()', ['ab']],
  // grapheme clusters
  ['e', ['e\u0301e']],
  ['.', ['e\u0301x']],
  ['\u0301', ['e\u0301']],
  ['(e)(\u0301)?', ['e\u0301 e']],
  ['[🇫🇷]', ['🇫🇷']],
  ['.', ['🇫🇷!']],
  ['\\p{Extended_Pictographic}', ['👩‍👩‍👧 x']],
  // invalid patterns
  ['(a', ['a']],
  ['a)', ['a']],
  ['(?=a)', ['a']],
  ['(?!a)', ['a']],
  ['(?<=a)b', ['ab']],
  ['(?<!a)b', ['ab']],
  ['(a)\\1', ['aa']],
  ['\\0', ['a']],
  ['a{', ['a']],
  ['a{2', ['a']],
  ['a{x}', ['a']],
  ['a{,3}', ['a']],
  ['a{3,2}', ['a']],
  ['{2}', ['a']],
  ['*a', ['a']],
  ['a|*', ['a']],
  ['(?i)*', ['a']],
  ['(?)', ['a']],
  ['(?z)', ['a']],
  ['(?ii)', ['a']],
  ['(?i-)', ['a']],
  ['(?--i)', ['a']],
  ['(?i', ['a']],
  ['(?', ['a']],
  ['(?P<>a)', ['a']],
  ['(?P<1a>a)', ['a']],
  ['(?P<n>a)(?P<n>b)', ['ab']],
  ['(?P<n', ['a']],
  ['[a', ['a']],
  ['[]', ['a']],
  ['[z-a]', ['a']],
  ['[\\d-z]', ['a']],
  ['[\\b]', ['a']],
  ['\\', ['a']],
  ['\\q', ['a']],
  ['\\é', ['a']],
  ['\\<a', ['a']],
  ['\\x', ['a']],
  ['\\xZZ', ['a']],
  ['\\x{}', ['a']],
  ['\\x{110000}', ['a']],
  ['\\x{D800}', ['a']],
  ['\\x{12', ['a']],
  ['\\p{Foo}', ['a']],
  ['\\p{sc=Foo}', ['a']],
  ['\\p{foo=bar}', ['a']],
  ['\\p{L', ['a']],
  ['\\p\\', ['a']],
  ['\\b{foo}', ['a']],
  ['\\b{start', ['a']],
  ['(?-u).', ['a']],
  ['(?-u)\\W', ['a']],
  ['(?-u)\\pL', ['a']],
  ['(?-u)\\xFF', ['a']],
  ['(?-u)[^a]', ['a']],
  ['(?-u)\\B', ['a']],
  ['(?x)(a\n', ['a']],
  ['a\n(b', ['a']],
];

/**
 * Cases where we still differ from the reference, for a reason of the JS engine underneath: a JS
 * backtracking loop clears a group's capture at each iteration and refuses an iteration that
 * matches nothing, where the crate keeps the last capture and takes the empty iteration.
 */
const KNOWN_DIVERGENCES: Array<[string, string]> = [
  ['(?:(a)|b)+', 'ab'],
  ['(|a)+', 'aa'],
];

export function knownDivergences(): RegexCase[] {
  return KNOWN_DIVERGENCES.map(([pattern, haystack]) => ({ pattern, haystack }));
}

export function regexBattery(): RegexCase[] {
  return CASES.flatMap(([pattern, haystacks]) => haystacks.map((haystack) => ({ pattern, haystack })));
}

/** A Nickel string literal for any text. */
export function nickelString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '"' || ch === '%') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0) || cp === 0x2028 || cp === 0x2029 || cp === 0xfeff) out += `\\u{${cp.toString(16)}}`;
    else out += ch;
  }
  return out + '"';
}

/** The program asking every regex function of the standard library about one case. */
export function batteryProgram(c: RegexCase): string {
  return [
    `let pattern = ${nickelString(c.pattern)} in`,
    `let haystack = ${nickelString(c.haystack)} in`,
    '{',
    '  is_match = std.string.is_match pattern haystack,',
    '  find = std.string.find pattern haystack,',
    '  find_all = std.string.find_all pattern haystack,',
    '  replaced = std.string.replace_regex pattern "<>" haystack,',
    '}',
  ].join('\n');
}
