"""Runs programs through the reference Nickel (py-nickel 1.18) and classifies its errors.

The reference's Python binding returns the JSON export as a string, or raises NickelException
whose text is the rendered diagnostic. Its error *kind* (the `Phase::Variant` name our
diagnostics/kinds.ts uses) is not exposed, so we derive it from the diagnostic's headline (and,
where two kinds share a headline, from its notes and labels), following core/src/error/mod.rs.

One known difference from `nickel export`: the binding evaluates with `eval_full`, which also
forces the values of `not_exported` fields (the serialiser then drops them), while the CLI's
`eval_full_for_export` skips them. So a program whose `not_exported` field fails is an error here
but exports under the CLI; the golden corpus avoids such programs (golden-update.py warns).

As a command: reads JSON lines on stdin, one request each, and prints one JSON line per request:
  {"path": "/abs/file.ncl"}            -> {"path", "ok": true, "output"} | {"path", "ok": false, "kind", "message"}
  {"id": "x", "source": "1 + 1"}       -> same with "id" instead of "path"
"""
import json
import os
import re
import sys

ANSI = re.compile(r'\x1b\[[0-9;]*m')

# Headline patterns of parse errors (ParseError in core/src/error/mod.rs).
PARSE_HEADLINES = [
    (r'^unexpected end of file', 'ParseError::UnexpectedEOF'),
    (r'^unexpected token$', 'ParseError::UnexpectedToken'),
    (r'^superfluous unexpected token', 'ParseError::ExtraToken'),
    (r'^unmatched closing brace', 'ParseError::UnmatchedCloseBrace'),
    (r'^invalid escape sequence', 'ParseError::InvalidEscapeSequence'),
    (r'^invalid ascii escape code', 'ParseError::InvalidAsciiEscapeCode'),
    (r'^invalid unicode escape code', 'ParseError::InvalidUnicodeEscapeCode'),
    (r'^string closing delimiter has too many', 'ParseError::StringDelimiterMismatch'),
    (r'^unbound type variable\(s\)', 'ParseError::UnboundTypeVariables'),
    (r'^invalid record literal', 'ParseError::InvalidRecordType'),
    (r'^recursive destructuring', 'ParseError::RecursiveLetPattern'),
    (r'^destructuring patterns are not currently permitted', 'ParseError::PatternInLetBlock'),
    (r'^statically typed field without a definition', 'ParseError::TypedFieldWithoutDefinition'),
    (r'^string interpolation is forbidden within a query', 'ParseError::InterpolationInStaticPath'),
    (r'^duplicated binding `.*` in record pattern', 'ParseError::DuplicateIdentInRecordPattern'),
    (r'^duplicated binding `.*` in let block', 'ParseError::DuplicateIdentInLetBlock'),
    (r'^interpreter compiled without required features', 'ParseError::DisabledFeature'),
    (r'^invalid contract expression', 'ParseError::InvalidContract'),
    (r'^unknown import format tag', 'ParseError::InvalidImportFormat'),
    (r'^multiple declarations for included field', 'ParseError::MultipleFieldDecls'),
    (r'^the type variable .* is used in conflicting ways', 'ParseError::TypeVariableKindMismatch'),
]

TYPECHECK_HEADLINES = [
    (r'^unbound identifier `', 'TypecheckError::UnboundIdentifier'),
    (r'^type error: missing (field|row) `', 'TypecheckError::MissingRow'),
    (r'^type error: missing dynamic tail', 'TypecheckError::MissingDynTail'),
    (r'^type error: extra row `', 'TypecheckError::ExtraRow'),
    (r'^type error: extra dynamic tail', 'TypecheckError::ExtraDynTail'),
    (r'^unbound type variable `', 'TypecheckError::UnboundTypeVariable'),
    (r'(^|: )incompatible record rows declaration', 'TypecheckError::RecordRowMismatch'),
    (r'(^|: )incompatible enum rows declaration', 'TypecheckError::EnumRowMismatch'),
    (r'^multiple record row declarations', 'TypecheckError::RecordRowConflict'),
    (r'^multiple enum row declarations', 'TypecheckError::EnumRowConflict'),
    (r'^(while matching function types: .*|function types mismatch)$', 'TypecheckError::ArrowTypeMismatch'),
    (r'^values of type `.*` are not guaranteed', 'TypecheckError::ForallParametricityViolation'),
    (r'^types containing user-defined contracts', 'TypecheckError::CtrTypeInTermPos'),
    (r'^invalid polymorphic generalization', 'TypecheckError::VarLevelMismatch'),
    (r'^or-pattern variable mismatch', 'TypecheckError::OrPatternVarsMismatch'),
]

EXPORT_HEADLINES = [
    (r'^non serializable term', 'NonSerializable'),
    (r'^raw export expects a String', 'NotAString'),
    (r"format doesn't support null values", 'UnsupportedNull'),
    (r'^no documentation found', 'NoDocumentation'),
    (r'^The number .* is too large', 'NumberOutOfRange'),
    (r'^serialization failed', 'Other'),
]

EVAL_HEADLINES = [
    (r'^contract broken by .*sealed by a polymorphic contract', 'EvalError::IllegalPolymorphicTailAccess'),
    (r'^contract broken by ', 'EvalError::BlameError'),
    (r'^missing definition for `', 'EvalError::MissingFieldDef'),
    (r'^missing field `', 'EvalError::FieldMissing'),
    (r'^not a function$', 'EvalError::NotAFunc'),
    (r'^infinite recursion$', 'EvalError::InfiniteRecursion'),
    (r'^non mergeable terms$', 'EvalError::MergeIncompatibleArgs'),
    (r'^destructuring failed$', 'EvalError::FailedDestructuring'),
    (r'^cannot compare values for equality$', 'EvalError::IncomparableValues'),
    (r'^not enough arguments$', 'EvalError::NotEnoughArgs'),
    (r'^internal error', 'InternalError'),
    (r'^tried to query field of a non-record', 'EvalError::QueryNonRecord'),
]


def strip_ansi(text):
    return ANSI.sub('', text)


def classify(message, source=''):
    """The reference's error kind for a rendered (ANSI-free) diagnostic."""
    first = message.split('\n', 1)[0]
    headline = first[len('error: '):] if first.startswith('error: ') else first
    imported = '- imported here' in message or '^ imported here' in message
    notes = [l.strip()[2:] for l in message.split('\n') if l.strip().startswith('= ')]

    for pattern, kind in PARSE_HEADLINES:
        if re.search(pattern, headline):
            return 'ImportError::ParseError' if imported else kind
    if re.match(r'^\w+ parse error: ', headline):
        # A data file that fails to parse is an import error; `std.deserialize` is an eval error.
        return 'ImportError::ParseError' if imported else 'EvalError::DeserializationError'
    if re.match(r'^import of .* failed', headline):
        return 'ImportError::IoError'
    if headline.startswith('tried to import from a package, but no package manifest found'):
        return 'ImportError::NoPackageMap'
    if headline.startswith('unknown package '):
        return 'ImportError::MissingDependency'
    if headline == 'incompatible types':
        if any(n.startswith('Expected a dictionary type') for n in notes):
            return 'TypecheckError::InhomogeneousRecord'
        return 'TypecheckError::TypeMismatch'
    for pattern, kind in TYPECHECK_HEADLINES:
        if re.search(pattern, headline):
            return kind
    for pattern, kind in EXPORT_HEADLINES:
        if re.search(pattern, headline):
            # Inside `std.serialize` the reference wraps this in EvalError::SerializationError; its
            # own test suite (core/tests/integration/main.rs) and the conformance harness name it
            # by the inner export error, and so do we.
            return 'ExportError::' + kind
    if headline == 'dynamic type error':
        if any(re.search(r' expects its argument to be ', n) for n in notes):
            return 'EvalError::UnaryPrimopTypeError'
        if any(re.search(r' expects its \w+ argument to be ', n) for n in notes):
            return 'EvalError::NAryPrimopTypeError'
        return 'EvalError::TypeError'
    if headline == 'unmatched pattern':
        if any("isn't exhaustive, matching only the following pattern" in n for n in notes):
            return 'EvalError::NonExhaustiveEnumMatch'
        return 'EvalError::NonExhaustiveMatch'
    if headline.startswith('contract broken by ') and re.search(
            r'^\s*: cannot \w+ .*sealed by a polymorphic contract$', message, re.M):
        return 'EvalError::IllegalPolymorphicTailAccess'
    for pattern, kind in EVAL_HEADLINES:
        if re.search(pattern, headline):
            return kind
    # EvalError::Other carries a free-form message as its headline.
    return 'EvalError::Other'


def run_file(nickel, path):
    """Evaluates a file like `nickel export FILE`: relative imports resolve from its directory."""
    with open(path, encoding='utf-8') as f:
        source = f.read()
    directory = os.path.dirname(os.path.abspath(path))
    cwd = os.getcwd()
    os.chdir(directory)
    try:
        result = run_source(nickel, source)
    finally:
        os.chdir(cwd)
    if not result['ok']:
        # The binding names the top-level source `python`; show the file's name instead.
        name = os.path.basename(path)
        result['message'] = re.sub(r'(─ )python:', lambda m: m.group(1) + name + ':', result['message'])
        result['message'] = re.sub(r'^(error: unexpected end of file when parsing )python$',
                                   lambda m: m.group(1) + name, result['message'], flags=re.M)
        result['message'] = result['message'].replace(directory + os.sep, '')
    return result


def run_source(nickel, source):
    try:
        return {'ok': True, 'output': nickel.run(source, [])}
    except nickel.NickelException as e:
        message = strip_ansi(str(e)).rstrip() + '\n'
        # Values the reference prints by their internal address (`%45910`) differ from run to run.
        message = re.sub(r'(│ )%\d+\n(\s*│ )-+', r'\1%<value>\n\2--------', message)
        return {'ok': False, 'kind': classify(message, source), 'message': message}


def main():
    sys.setrecursionlimit(10000)
    import nickel
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        request = json.loads(line)
        if 'path' in request:
            answer = {'path': request['path'], **run_file(nickel, request['path'])}
        else:
            answer = {'id': request.get('id'), **run_source(nickel, request['source'])}
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + '\n')
        sys.stdout.flush()


if __name__ == '__main__':
    main()
