# Mutation check of the jsondec tests: applies each deliberate bug below to the package, one
# at a time, runs the tests, and prints CAUGHT when they fail (as they must) or MISSED.
# The sources are restored after each run. From internal/jsondec:
#
#     python3 testdata/mutants.py ['TestDifferential|TestEdges|TestPointersDistinct']
#
# Each entry: file, text to replace (exactly once), replacement, name.
import subprocess, sys
muts = [
 ("slice.go", "\t\t*s = []T{}\n", "\t\t*s = nil\n", "empty array -> nil"),
 ("slice.go", "\t\tif i < cap(*s) {", "\t\tif false {", "no stale exposure"),
 ("slice.go", "\tif n < len(*s) {\n\t\t*s = (*s)[:n]", "\tif n < len(*s) {\n\t\t*s = (*s)[:n:n]", "truncate drops cap"),
 ("fold.go", "dst = utf8.AppendRune(dst, foldRune(r))", "dst = utf8.AppendRune(dst, r)", "no unicode fold"),
 ("number.go", "\tif !isInt {", "\tif false && !isInt {", "fraction accepted as int"),
 ("number.go", "if u > 1<<63 {", "if u > 1<<63-1 {", "min int64 rejected"),
 ("string.go", "return dec, 12", "return unicode.ReplacementChar, 6", "pairs not joined"),
 ("string.go", "if r == utf8.RuneError && n == 1 {\n\t\t\tbreak", "if r == utf8.RuneError && n == 0 {\n\t\t\tbreak", "invalid utf8 kept"),
 ("decoder.go", "if d.depth > maxDepth {", "if d.depth > maxDepth+1 {", "depth off by one"),
 ("string.go", "\tcase 'n':\n\t\treturn d.literal(\"null\")\n\t}\n\treturn d.mismatch(\"string\")\n}\n\n// StringPtrOf", "\tcase 'n':\n\t\t*p = \"\"\n\t\treturn d.literal(\"null\")\n\t}\n\treturn d.mismatch(\"string\")\n}\n\n// StringPtrOf", "null clears string"),
 ("skip.go", "\tcase '\"', '\\\\', '/', 'b', 'f', 'n', 'r', 't':", "\tcase '\"', '\\\\', '/', 'b', 'f', 'n', 'r', 't', '\\'':", "accept \\' escape"),
 ("number.go", "if i < len(data) && (data[i] == '+' || data[i] == '-') {", "if i < len(data) && (data[i] == '+') {", "exponent minus rejected"),
 ("decoder.go", "\t\tif serr := Valid(data); serr != nil {\n\t\t\treturn serr\n\t\t}", "", "no revalidation"),
 ("slab.go", "\tp := &s.free[0]\n\ts.free = s.free[1:]", "\tp := &s.free[0]", "slab hands out one element twice"),
 ("number.go", "if !ok || int64(T(n)) != n {", "if !ok {", "no width check"),
 ("skip.go", "\t\t\tif d.next() == '}' {\n\t\t\t\td.pos++\n\t\t\t\td.depth--\n\t\t\t\tbreak\n\t\t\t}", "\t\t\tif d.next() == '}' {\n\t\t\t\td.pos++\n\t\t\t\tbreak\n\t\t\t}", "skip leaks depth"),
 ("string.go", "\tif !utf16.IsSurrogate(r) {", "\tif r < 0xdc00 {", "low surrogate kept"),
]
for f, a, b, name in muts:
    src = open(f).read()
    if src.count(a) != 1:
        print("BAD PATTERN", name, src.count(a)); continue
    open(f, 'w').write(src.replace(a, b))
    try:
        r = subprocess.run(["go", "test", "-count=1", "-short", "-run", sys.argv[1] if len(sys.argv) > 1 else 'TestDifferential|TestEdges|TestPointersDistinct', "."], capture_output=True, text=True)
        out = r.stdout + r.stderr
        status = "CAUGHT" if r.returncode != 0 else "MISSED"
        line = next((l for l in out.splitlines() if "differ" in l or "decoder" in l or "encoding/json" in l), out.strip().splitlines()[-1] if out.strip() else "")
        print(f"{status:7} {name}: {line[:160]}")
    finally:
        open(f, 'w').write(src)
