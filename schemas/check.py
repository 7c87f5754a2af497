#!/usr/bin/env python3
"""Checks that the Nickel contracts and the JSON Schemas in schemas/ agree,
and that every layer of the shipped catalog passes both.

Agreement is shown three ways:
  1. every regular expression the contracts use is the same text as the
     `pattern` of the JSON Schema definition that mirrors it;
  2. sample documents under schemas/examples/ are judged by both sides:
     a `good/` sample must pass the Nickel contract and the JSON Schema, a
     `bad/` sample must be refused by both, and the Nickel error must name
     the field given in its `# expect:` header;
  3. every layer's build_directives.ncl and workflow.ncl exports through its
     contract, and the exported JSON validates against the JSON Schema; so
     does every ADR under adr/, whose grep constraints are then run.
It also runs the catalog-wide rules a single file cannot show (known
references, name = folder, donors are dependency layers, bases allowed per
class, platforms a subset of the parents', no cycles), so the shipped catalog
is known to satisfy what the loader will check.

Uses the reference Nickel (the `nickel` Python module) and `jsonschema`.
Run from anywhere: python3 schemas/check.py [--dump FILE] [--apt]
(`--dump` writes every judged JSON document with its expected verdict, for
schemas/check-ajv.mjs; `--apt` also asks this machine's apt whether every
layer's pinned Debian packages exist and install together.)
"""
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import nickel
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from referencing import Registry, Resource

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
LAYERS = ROOT / "layers"
CONTRACTS = SCHEMAS / "contracts.ncl"
ANSI = re.compile(r"\x1b\[[0-9;]*m")

failures: list[str] = []
# Every JSON document judged, with the verdict expected of a JSON Schema
# validator, for `--dump FILE` (read by check-ajv.mjs to run the same
# documents through ajv).
judged: list[dict] = []


def fail(message: str) -> None:
    failures.append(message)
    print(f"  FAIL {message}")


def nickel_export(source: str):
    """Evaluates a Nickel program; returns (json, None) or (None, error text)."""
    try:
        return json.loads(nickel.run(source, [])), None
    except nickel.NickelException as error:
        return None, ANSI.sub("", str(error))


def load_validators():
    schemas = {p.name: json.loads(p.read_text()) for p in SCHEMAS.glob("*.schema.json")}
    for name, schema in schemas.items():
        Draft202012Validator.check_schema(schema)
    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
    )
    def validator(schema):
        return Draft202012Validator(schema, registry=registry)
    build = schemas["build-directives.schema.json"]
    by_class = {
        cls: validator({"$ref": f"{build['$id']}#/$defs/{home}"})
        for cls, home in (("toolchain", "toolchain"), ("source-dep", "sourceDep"), ("native-dep", "nativeDep"))
    }
    return schemas, {
        "build-directives": validator(build),
        "build-directives-by-class": by_class,
        "workflow": validator(schemas["workflow.schema.json"]),
        "adr": validator(schemas["adr.schema.json"]),
    }


def schema_errors(validator, document, by_class=None) -> list[str]:
    """The errors, each reduced to its most specific cause (oneOf/anyOf
    failures otherwise only say "not valid under any of the given schemas").
    Build directives are judged by the whole schema (its `oneOf`); when that
    fails and `class` names a known class, the message comes from that
    class's schema, which is what a layer author needs to read."""
    if by_class is not None and not validator.is_valid(document):
        branch = by_class.get(document.get("class")) if isinstance(document, dict) else None
        if branch is not None and not branch.is_valid(document):
            validator = branch
    def describe(error):
        if error.context:
            error = best_match(error.context)
        return f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message[:160]}"
    return [describe(e) for e in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))]


def by_class(validators, schema):
    return validators["build-directives-by-class"] if schema == "build-directives" else None


# -- 0. the module itself ----------------------------------------------------

def check_module() -> None:
    """Every name the contracts module exports evaluates (a self-referencing
    field such as `X = X` would only fail when a layer first touched it)."""
    print("contracts module: every export evaluates")
    kinds, error = nickel_export(
        f'let kinds = fun r => std.record.map (fun k v => std.typeof v) r in '
        f'let c = import "{CONTRACTS}" in {{ top = kinds c, string_contracts = kinds c.predicates }}'
    )
    if error:
        fail(f"contracts.ncl: {error[:400]}")
        return
    print(f"  {len(kinds['top'])} exports, {len(kinds['string_contracts'])} string contracts")


# -- 1. patterns ------------------------------------------------------------

# Nickel pattern name -> where the JSON Schema keeps the same expression.
PATTERN_HOMES = {
    "layer_name": [("layerName", "pattern")],
    "image": [("pinnedImage", "allOf", 0, "pattern")],
    "floating_tag": [("pinnedImage", "allOf", 1, "not", "pattern")],
    "sha256": [("sha256", "pattern")],
    "version": [("version", "pattern")],
    "https_url": [("httpsUrl", "pattern")],
    "tag": [("tag", "pattern")],
    "registry": [("registry", "pattern")],
    "absolute_path": [("absolutePath", "allOf", 0, "pattern")],
    "relative_path": [("relativePath", "allOf", 0, "pattern")],
    "parent_segment": [("absolutePath", "allOf", 1, "not", "pattern"), ("relativePath", "allOf", 1, "not", "pattern")],
    "env_name": [("env", "propertyNames", "allOf", 0, "pattern")],
    "credential_name": [("env", "propertyNames", "allOf", 1, "not", "pattern")],
    "deb_package_name": [("debPackageName", "pattern")],
    "deb_version": [("debVersion", "pattern")],
    "pinned_deb_package": [("pinnedDebPackage", "pattern")],
    "crate_name": [("crateName", "pattern")],
    "rust_target": [("rustTarget", "pattern")],
    "cargo_feature": [("cargoFeature", "pattern")],
    "cargo_profile": [("cargoProfile", "pattern")],
    "s3_bucket": [("s3Bucket", "pattern")],
    "s3_region": [("s3Region", "pattern")],
    "s3_key_prefix": [("s3KeyPrefix", "pattern")],
    "secret_id": [("secretId", "pattern")],
    "adr_id": [("adrId", "pattern")],
    "date": [("date", "pattern")],
    "language_tag": [("languageTag", "pattern")],
}


def check_patterns(defs_schema) -> int:
    print("patterns: Nickel predicates vs defs.schema.json")
    patterns, error = nickel_export(f'(import "{SCHEMAS / "contracts/predicates.ncl"}").patterns')
    if error:
        fail(f"cannot export predicate patterns: {error[:400]}")
        return 0
    compared = 0
    for name, pattern in patterns.items():
        homes = PATTERN_HOMES.get(name)
        if homes is None:
            fail(f"pattern `{name}` has no JSON Schema counterpart listed in check.py")
            continue
        for home in homes:
            node = defs_schema["$defs"]
            for step in home:
                node = node[step]
            compared += 1
            if node != pattern:
                fail(f"pattern `{name}` differs: Nickel {pattern!r} vs JSON Schema {'/'.join(map(str, home))} {node!r}")
    for name in PATTERN_HOMES:
        if name not in patterns:
            fail(f"check.py lists pattern `{name}` that predicates.ncl does not export")
    # The pinned form is the name, `=`, the version: one expression must not drift from the others.
    name, version, pinned = (patterns.get(k, "") for k in ("deb_package_name", "deb_version", "pinned_deb_package"))
    if pinned != name.removesuffix("$") + "=" + version.removeprefix("^"):
        fail(f"pattern `pinned_deb_package` is not `deb_package_name` `=` `deb_version`: {pinned!r}")
    print(f"  {compared} pattern pairs compared")
    return compared


# -- 2. samples -------------------------------------------------------------

HEADER = re.compile(r"^#\s*(contract|schema|expect|beyond-json-schema):\s*(.+?)\s*$", re.M)


def check_samples(validators) -> tuple[int, int]:
    print("samples: schemas/examples/{good,bad}")
    counts = [0, 0, 0]
    for verdict in ("good", "bad"):
        for sample in sorted((SCHEMAS / "examples" / verdict).glob("*.ncl")):
            headers = dict(HEADER.findall(sample.read_text()))
            contract, schema = headers.get("contract"), headers.get("schema")
            if not contract or schema not in validators:
                fail(f"{sample.name}: needs `# contract:` and `# schema:` headers")
                continue
            raw, raw_error = nickel_export(f'import "{sample}"')
            if raw_error:
                fail(f"{sample.name}: the sample itself does not evaluate: {raw_error[:300]}")
                continue
            checked, nickel_error = nickel_export(
                f'let c = import "{CONTRACTS}" in (import "{sample}") | c.{contract}'
            )
            json_errors = schema_errors(validators[schema], raw, by_class(validators, schema))
            # A bad sample may break a rule JSON Schema cannot state (e.g. one pin per Debian
            # package: items are compared whole). Its header says who enforces it instead; the
            # schema must then accept it, so the list of such gaps stays true.
            beyond = headers.get("beyond-json-schema")
            judged.append({"what": f"examples/{verdict}/{sample.name}", "schema": schema, "valid": verdict == "good" or beyond is not None, "document": raw})
            if verdict == "good" and checked is not None:
                judged.append({"what": f"examples/{verdict}/{sample.name} (defaults filled)", "schema": schema, "valid": True, "document": checked})
            if verdict == "good":
                counts[0] += 1
                if nickel_error:
                    fail(f"{sample.name}: Nickel refuses a good sample: {nickel_error[:400]}")
                if json_errors:
                    fail(f"{sample.name}: JSON Schema refuses a good sample: {json_errors[:3]}")
                if checked is not None:
                    filled = schema_errors(validators[schema], checked, by_class(validators, schema))
                    if filled:
                        fail(f"{sample.name}: export with defaults fails the JSON Schema: {filled[:3]}")
                status = "both accept"
            else:
                counts[1] += 1
                expect = headers.get("expect", "")
                if nickel_error is None:
                    fail(f"{sample.name}: Nickel accepts a bad sample")
                elif expect and f"`{expect.split('.')[-1]}`" not in nickel_error:
                    fail(f"{sample.name}: Nickel error does not name `{expect}`: {nickel_error[:300]}")
                if beyond is not None:
                    if json_errors:
                        fail(f"{sample.name}: marked beyond JSON Schema, yet the schema refuses it (drop the header): {json_errors[:3]}")
                elif not json_errors:
                    fail(f"{sample.name}: JSON Schema accepts a bad sample")
                elif expect and not any(expect.split(".")[-1] in error for error in json_errors):
                    fail(f"{sample.name}: JSON Schema errors do not name `{expect}`: {json_errors[:3]}")
                blamed = " / ".join(line.strip() for line in (nickel_error or "-").splitlines()[:2])
                if beyond is not None:
                    counts[2] += 1
                    status = f"Nickel refuses: {blamed}; beyond JSON Schema (accepted), enforced by {beyond}"
                else:
                    status = f"both refuse; Nickel: {blamed}; JSON Schema: {json_errors[0] if json_errors else '-'}"
            print(f"  {verdict:4} {sample.name}: {status}")
    return counts[0], counts[1], counts[2]


# -- 3. layers --------------------------------------------------------------

def check_layers(validators) -> dict:
    print("layers: export through the contracts, validate against the JSON Schemas")
    layers = {}
    started = time.perf_counter()
    for folder in sorted(p for p in LAYERS.iterdir() if p.is_dir()):
        entry = {}
        for stem, schema in (("build_directives", "build-directives"), ("workflow", "workflow")):
            path = folder / f"{stem}.ncl"
            if not path.exists():
                fail(f"{folder.name}: missing {stem}.ncl")
                continue
            value, error = nickel_export(f'import "{path}"')
            if error:
                fail(f"{folder.name}/{stem}.ncl: {error[:600]}")
                continue
            errors = schema_errors(validators[schema], value, by_class(validators, schema))
            judged.append({"what": f"layers/{folder.name}/{stem}.ncl", "schema": schema, "valid": True, "document": value})
            if errors:
                fail(f"{folder.name}/{stem}.ncl: JSON Schema: {errors[:5]}")
            if value.get("name") != folder.name:
                fail(f"{folder.name}/{stem}.ncl: name `{value.get('name')}` is not the folder name")
            entry[stem] = value
        if len(entry) == 2:
            layers[folder.name] = entry
            bd, wf = entry["build_directives"], entry["workflow"]
            print(f"  ok {folder.name:14} {bd['class']:10} build_base={wf['build_base'][:40]:40} donors={wf['donors']}")
    elapsed = time.perf_counter() - started
    print(f"  {len(layers)} layers, {2 * len(layers)} files in {elapsed:.2f} s")
    return layers


def check_catalog_rules(layers) -> None:
    print("catalog rules (what the loader will enforce)")
    classes = {name: layer["build_directives"]["class"] for name, layer in layers.items()}
    def is_layer_ref(ref: str) -> bool:
        return ref != "scratch" and "/" not in ref and ":" not in ref
    # Which classes each class may build on / be shipped in / take files from.
    allowed_build = {"toolchain": {"toolchain"}, "source-dep": {"toolchain"}, "native-dep": {"toolchain"}}
    edges: dict[str, set[str]] = {name: set() for name in layers}
    for name, layer in layers.items():
        wf, bd = layer["workflow"], layer["build_directives"]
        cls = classes[name]
        for role in ("build_base", "runtime_base"):
            ref = wf[role]
            if not is_layer_ref(ref):
                continue
            if ref not in layers:
                fail(f"{name}: {role} `{ref}` is not a layer of the catalog")
                continue
            edges[name].add(ref)
            if role == "build_base" and classes[ref] not in allowed_build[cls]:
                fail(f"{name}: a {cls} layer may not build on the {classes[ref]} layer `{ref}`")
        for donor in wf["donors"]:
            if donor not in layers:
                fail(f"{name}: donor `{donor}` is not a layer of the catalog")
                continue
            edges[name].add(donor)
            if classes[donor] not in ("source-dep", "native-dep"):
                fail(f"{name}: donor `{donor}` is a {classes[donor]} layer; donors must be dependency layers")
        for parent in edges[name]:
            missing = set(wf["platforms"]) - set(layers[parent]["workflow"]["platforms"])
            if missing:
                fail(f"{name}: platforms {sorted(missing)} are not built by its parent `{parent}`")
        if cls == "source-dep":
            recipe = LAYERS / name / bd["recipe"]["path"]
            for needed in ("Cargo.toml", "Cargo.lock"):
                if not (recipe / needed).is_file():
                    fail(f"{name}: recipe has no {needed} at {recipe.relative_to(ROOT)}")
        if cls == "native-dep" and bd["build"]["system"] == "custom" and not bd["build"]["commands"]:
            fail(f"{name}: a custom build needs `commands`")
    # Cycles: depth-first search with colours.
    state: dict[str, int] = {}
    def visit(node, path):
        state[node] = 1
        for parent in sorted(edges[node]):
            if state.get(parent) == 1:
                fail(f"cycle: {' -> '.join(path + [parent])}")
            elif parent in edges and state.get(parent) is None:
                visit(parent, path + [parent])
        state[node] = 2
    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    counts = {}
    for cls in classes.values():
        counts[cls] = counts.get(cls, 0) + 1
    print(f"  {sum(len(e) for e in edges.values())} edges, classes {counts}")


# -- 3b. apt pins (optional) -------------------------------------------------

def check_apt_pins(layers) -> None:
    """`--apt`: every layer's pinned Debian packages, together with those of
    the layers it builds on, resolve with this machine's apt (meant for a
    Debian bookworm host with the sources debian:bookworm-slim has; point
    APT_CONFIG at another configuration for another architecture). apt
    simulates the install on an empty dpkg status, so a pin that the
    archive no longer serves, or pins that cannot be installed together,
    fail here instead of in the middle of an image build."""
    arch = subprocess.run(["apt-config", "shell", "A", "APT::Architecture"], capture_output=True, text=True, check=True).stdout.strip()
    arch = arch.removeprefix("A=").strip("'")
    print(f"apt pins: simulated install with this machine's apt ({arch or 'default architecture'})")
    def own(name):
        return layers[name]["build_directives"]["system_packages"]
    def inherited(name, seen=()):
        base = layers[name]["workflow"]["build_base"]
        parent = inherited(base, seen + (name,)) if base in layers and base not in seen else []
        return parent + [p for p in own(name) if p not in parent]
    empty = Path(subprocess.run(["mktemp"], capture_output=True, text=True, check=True).stdout.strip())
    try:
        checked = 0
        for name in sorted(layers):
            if not own(name):
                continue
            pins = inherited(name)
            result = subprocess.run(
                ["apt-get", "install", "--simulate", "--no-install-recommends", "-o", f"Dir::State::status={empty}", *pins],
                capture_output=True, text=True,
            )
            if result.returncode != 0:
                reason = " / ".join(line for line in result.stderr.splitlines() if line.startswith("E:"))[:400]
                fail(f"{name}: apt cannot install {' '.join(own(name))}: {reason}")
                continue
            checked += 1
            print(f"  ok {name:14} {len(own(name))} pins (+{len(pins) - len(own(name))} from its build bases)")
        print(f"  {checked} layers' pins resolve")
    finally:
        empty.unlink()


# -- 4. ADRs ----------------------------------------------------------------

def glob_regex(pattern: str) -> re.Pattern:
    """`**/` any folders (or none), `*` within a segment, `?` one character."""
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return re.compile(out + r"\Z")


def repository_files() -> list[str]:
    """Files git would consider: tracked, or untracked but not ignored (so
    build output, caches and benchmark scratch folders are left out)."""
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        capture_output=True, check=True,
    ).stdout.decode()
    return sorted({f for f in listed.split("\0") if f and (ROOT / f).is_file()})


def check_adrs(validators) -> int:
    print("ADRs: export through c.Adr, validate, run the grep constraints")
    folder = ROOT / "adr"
    if not folder.is_dir():
        print("  (no adr/ folder)")
        return 0
    files = None
    count = 0
    for path in sorted(folder.glob("*.ncl")):
        value, error = nickel_export(f'import "{path}"')
        if error:
            fail(f"adr/{path.name}: {error[:600]}")
            continue
        errors = schema_errors(validators["adr"], value)
        judged.append({"what": f"adr/{path.name}", "schema": "adr", "valid": True, "document": value})
        if errors:
            fail(f"adr/{path.name}: JSON Schema: {errors[:5]}")
        if not path.name.startswith(value["id"].removeprefix("ADR-") + "-"):
            fail(f"adr/{path.name}: id {value['id']} does not match the file name")
        results = []
        for constraint in value["constraints"]:
            check = constraint["check"]
            if check["kind"] != "Grep":
                results.append(f"{constraint['id']}: graph rule `{check['rule']}` (loader)")
                continue
            if files is None:
                files = repository_files()
            globs = [glob_regex(g) for g in check["paths"]]
            searched = [f for f in files if any(g.match(f) for g in globs)]
            pattern = re.compile(check["pattern"])
            hits = [f for f in searched if any(pattern.search(line) for line in (ROOT / f).read_text(errors="replace").splitlines())]
            if check["must"] == "absent" and hits:
                (fail if constraint["severity"] == "Hard" else print)(f"  {value['id']} {constraint['id']}: pattern found in {hits[:5]}")
            if check["must"] == "present":
                missing = sorted(set(searched) - set(hits))
                if missing:
                    (fail if constraint["severity"] == "Hard" else print)(f"  {value['id']} {constraint['id']}: pattern missing from {missing[:5]}")
            results.append(f"{constraint['id']}: grep over {len(searched)} files, {check['must']} holds" if not (check["must"] == "absent" and hits) else f"{constraint['id']}: violated")
        count += 1
        print(f"  ok {value['id']} {value['title'][:60]}")
        for line in results:
            print(f"       {line}")
    return count


def main() -> int:
    schemas, validators = load_validators()
    print(f"JSON Schemas: {', '.join(sorted(schemas))} (2020-12 meta-schema: valid)")
    check_module()
    check_patterns(schemas["defs.schema.json"])
    good, bad, beyond = check_samples(validators)
    layers = check_layers(validators)
    check_catalog_rules(layers)
    if "--apt" in sys.argv:
        check_apt_pins(layers)
    adrs = check_adrs(validators)
    if "--dump" in sys.argv:
        target = Path(sys.argv[sys.argv.index("--dump") + 1])
        target.write_text(json.dumps(judged, indent=1))
        print(f"wrote {len(judged)} judged documents to {target}")
    print()
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print(f"all agreed: {good} good and {bad} bad samples judged alike by Nickel and JSON Schema "
          f"({beyond} bad by a rule JSON Schema cannot state: Nickel and the loader refuse, the schema accepts); "
          f"{len(layers)} layers and {adrs} ADRs pass both")
    return 0


if __name__ == "__main__":
    sys.exit(main())
