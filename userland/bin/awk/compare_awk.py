#!/usr/bin/env python3
"""Ringel's awk, built for the host (glibc, the libc's regex, ASan/UBSan),
against GNU awk in POSIX mode (gawk --posix) on a table of programs and
inputs: one-liners, fields and records, numeric output, regular
expressions static and dynamic, getline, pipes, errors.  A case passes when
standard output is the same and the exit status is the same (any non-zero
status counts as the same: the awks word their errors differently).

    compare_awk.py AWK [ORACLE]

Prints one line per differing case, then "N passed, N failed".
"""
import os, subprocess, sys, tempfile

ours = os.path.abspath(sys.argv[1])
oracle = sys.argv[2] if len(sys.argv) > 2 else "gawk"
env = dict(os.environ, LC_ALL="C", ASAN_OPTIONS="detect_leaks=1", AWKTEST="env-value",
           AWKNUM="  42 ")
passed = failed = 0

FILES = {
    "emp": "Beth 4.00 0\nDan 3.75 0\nKathy 4.00 10\nMark 5.00 20\nMary 5.50 22\nSusie 4.25 18\n",
    "nums": "10\n2\n33\n-4\n5.5\n1e3\n0x10\n 7 \nabc\n\n",
    "words": "the quick brown fox\njumps over the lazy dog\nThe Dog barks\nfoo bar foo baz foo\n",
    "passwd": "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
              "bob:x:1000:1000:Bob,,,:/home/bob:/bin/sh\nalice:x:1001:1001::/home/alice:/bin/zsh\n",
    "para": "\n\nname: a\nage: 1\n\n\n\nname: b\nage: 2\nx y\n\nlast\n\n\n",
    "csv": "id,name,score\n1,ann,90\n2,bo,85.5\n3,,70\n4,\"q\",\n",
    "tabs": "a\tb\tc\n1\t\t3\n\tlead\n",
    "mixed": "  lead  space  \nx\n\ty z\t\n1 2 3 4 5 6 7 8 9 10\n",
    "noeol": "one\ntwo\nthree",
    "prog1": "BEGIN { n = 0 }\n{ n += NF }\nEND { print \"fields:\", n }\n",
    "prog2": "function twice(x) { return 2 * x }\n",
    "dup": "b\na\nb\nc\na\nb\n",
    "cols": "3 c x\n1 a y\n2 b z\n10 j w\n",
}

CASES = []
KNOWN = {}      # program -> why ours differs from gawk --posix on purpose
OURS_ONLY = []  # programs gawk cannot judge (it never stops): ours must fail cleanly


def case(prog, *operands, stdin="", opts=(), sort=False):
    CASES.append((list(opts), prog, list(operands), stdin, sort))


def known(why, prog, *operands, **kw):
    KNOWN[prog] = why
    case(prog, *operands, **kw)


# ---- one-liners people use daily
case('{ print $1 }', "emp")
case('{ print $NF }', "emp")
case('{ print NR ": " $0 }', "emp")
case('END { print NR }', "emp")
case('NR == 3', "emp")
case('NR % 2 == 0', "emp")
case('NF > 3', "mixed")
case('$3 > 15', "emp")
case('$3 > 0 { print $1, $2 * $3 }', "emp")
case('$3 == 0 { print $1 }', "emp")
case('{ s += $2 * $3 } END { print s, s / NR }', "emp")
case('$2 > max { max = $2; who = $1 } END { print max, who }', "emp")
case('{ names = names $1 " " } END { print names }', "emp")
case('{ print length($1), $1 }', "emp")
case('length($0) > 18', "words")
case('/fox/', "words")
case('!/the/', "words")
case('/^The/,/foo/', "words")
case('NR==2,NR==3 { print NR, $0 }', "emp")
case('/Dan/,/Dan/', "emp")
case('/Kathy/,0', "emp")
case('{ $1 = ""; print }', "emp")
case('{ print $2, $1 }', "emp")
case('{ tmp = $1; $1 = $2; $2 = tmp; print }', "emp")
case('{ print NF }', "mixed")
case('{ print $(NF-1) }', "emp")
case('{ line[NR] = $0 } END { for (i = NR; i > 0; i--) print line[i] }', "emp")
case('!seen[$0]++', "dup")
case('{ c[$0]++ } END { for (k in c) print k, c[k] }', "dup", sort=True)
case('{ w += NF; c += length($0) + 1 } END { print NR, w, c }', "words")
case('{ for (i = 1; i <= NF; i++) n[$i]++ } END { for (w in n) print w, n[w] }', "words", sort=True)
case('{ for (i = NF; i > 0; i--) printf "%s%s", $i, (i > 1 ? " " : "\\n") }', "words")
case('{ $1 = $1; print }', "mixed")
case('{ sub(/^[ \\t]+/, ""); print }', "mixed")
case('{ gsub(/^[ \\t]+|[ \\t]+$/, ""); print "[" $0 "]" }', "mixed")
case('NF', "nums")
case('{ print toupper(substr($0, 1, 1)) substr($0, 2) }', "words")
case('BEGIN { FS = ":" } { print $1, $7 }', "passwd")
case('{ print $1 }', "passwd", opts=["-F:"])
case('$3 >= 1000 { print $1 }', "passwd", opts=["-F", ":"])
case('{ print NR, NF }', "csv", opts=["-F,"])
case('{ print $2 }', "tabs", opts=["-F", "\\t"])
case('BEGIN { OFS = "-" } { $1 = $1; print }', "emp")
case('BEGIN { OFS = ":"; ORS = "|\\n" } { print $1, $2 }', "emp")
case('{ printf "%-10s %6.2f\\n", $1, $2 }', "emp")
case('{ printf("%s earns %d\\n", $1, $2 * $3) }', "emp")
case('END { print $0 }', "emp")
case('{ last = $0 } END { print last }', "noeol")
case('{ print }', "noeol")
case('{ print FILENAME, FNR, NR }', "emp", "noeol")
case('FNR == 1 { print FILENAME }', "emp", "words", "noeol")
case('{ print v, $1 }', "v=1", "noeol", "v=2", "emp")
case('END { print v }', "emp", "v=last")
case('BEGIN { print v }', opts=["-v", "v=hello"])
case('BEGIN { print v + 1 }', opts=["-v", "v=41"])
case('BEGIN { print v }', opts=["-v", "v=a\\tb"])
case('{ print x }', "x=a\\nb", "noeol")
case('', "emp", opts=["-f", "prog1"])
case('', "emp", opts=["-f", "prog2", "-f", "prog1"])
case('BEGIN { print twice(21) }', opts=[])
case('{ print }', stdin="from stdin\n")
case('{ print FILENAME "|" $0 }', "-", stdin="x\n")
case('{ print }', "emp", "-", stdin="in the middle\n")
case('BEGIN { while ((getline line < "emp") > 0) n++; print n }')
case('BEGIN { getline; print "first:", $0; getline x; print "second:", x, NR }', "emp")
case('NR == 1 { getline; print "after:", $0, NR }', "emp")
case('NR == 2 { getline x; print x, $0, NR, FNR }', "emp")
case('{ "echo cmd-" NR | getline out; print out; close("echo cmd-" NR) }', "emp")
case('BEGIN { "date +%Y >/dev/null; echo fixed" | getline d; print d }')
case('BEGIN { while (("printf \'a\\\\nb\\\\nc\\\\n\'" | getline l) > 0) print "got " l; print NR }')
case('BEGIN { cmd = "sort"; print "b" | cmd; print "a" | cmd; close(cmd); print "done" }')
case('{ print $1 | "sort -r" }', "emp")
case('{ print $1 > "out.txt" } END { close("out.txt"); while ((getline l < "out.txt") > 0) print "read", l }', "emp")
case('BEGIN { print "x" > "o2"; print "y" >> "o2"; close("o2"); while ((getline l < "o2") > 0) print l }')
case('BEGIN { printf "a" > "/dev/stderr"; print "b" }')
known("/dev/stdout is awk's own name for standard output (gawk --posix opens the file of that name)",
      'BEGIN { print "to stdout" > "/dev/stdout"; close("/dev/stdout") }')
known("system() gives the exit status, as gawk without --posix and BWK awk (gawk --posix: the wait status)",
      'BEGIN { r = system("exit 3"); print "status", r }')
case('BEGIN { system("echo from system"); print "after" }')
case('BEGIN { print "before"; system(""); print "after" }')
case('BEGIN { print close("never-opened") }')
case('BEGIN { print "x" | "cat"; r = close("cat"); print "closed", r }')
known("close() of a pipe gives its exit status, as gawk without --posix (gawk --posix: 0)",
      'BEGIN { print "x" | "cat 1>&2; exit 5"; r = close("cat 1>&2; exit 5"); print "closed", r }')
case('BEGIN { print fflush() }')
case('BEGIN { if ((getline l < "no-such-file") < 0) print "cannot" }')
case('BEGIN { print ENVIRON["AWKTEST"] }')
case('BEGIN { print ENVIRON["AWKNUM"] + 1, (ENVIRON["AWKNUM"] == 42) }')
case('BEGIN { print ARGC; for (i = 1; i < ARGC; i++) print i, ARGV[i] }', "a", "b=c", "d")
case('BEGIN { ARGV[1] = "emp"; ARGC = 2 } { print $1 }', "nothing")
case('BEGIN { ARGV[1] = "" } { print FILENAME, $1 }', "nothing", "noeol")
case('BEGIN { ARGV[ARGC++] = "noeol" } { print }')
case('{ print; nextfile }', "emp", "words")
case('FNR == 2 { nextfile } { print FILENAME, $1 }', "emp", "words")
case('{ if (NR > 2) exit; print }', "emp")
case('{ print } NR == 2 { exit 3 }', "emp")
case('BEGIN { exit 4 } END { print "end runs" }')
case('BEGIN { exit } END { print "end", NR }', "emp")
case('END { exit NR }', "emp")
case('{ exit 1 } END { print "end"; exit }', "emp")
case('NR == 1 { next } { print }', "emp")
case('function f() { next } NR == 2 { f() } { print NR }', "emp")

# ---- records: RS
case('BEGIN { RS = "" } { print NR ": " $0 "|" NF }', "para")
case('BEGIN { RS = "" } { print $1, $NF }', "para")
case('BEGIN { RS = ""; FS = ":" } { for (i = 1; i <= NF; i++) print NR, i, $i }', "para")
case('BEGIN { RS = "" } END { print NR }', "para")
case('BEGIN { RS = ";" } { print NR, $0 }', stdin="a;b;c\n")
case('BEGIN { RS = "e" } { print "<" $0 ">" }', "emp")
case('BEGIN { RS = ":" } NR <= 5', "passwd")
known("an RS longer than one character is an ERE (gawk without --posix; POSIX leaves it open)",
      'BEGIN { RS = "\\n\\n+" } { print NR ": " $0 }', stdin="a\nb\n\n\nc\n")
case('{ print NR ": [" $0 "]" }', stdin="\n\nx\n\n")
case('BEGIN { RS = "" } { print NR ": [" $0 "]" }', stdin="\n")

# ---- fields and FS
case('{ print NF, $1, $2 }', stdin="  a   b  \n\t\tc\td\n")
case('BEGIN { FS = "," } { print NF, $2 }', "csv")
case('BEGIN { FS = ",+" } { print NF }', stdin="a,,b,,,c\n,x\n")
case('BEGIN { FS = "[0-9]" } { print NF, $1, $2 }', stdin="ab1cd2ef\n123\n")
case('BEGIN { FS = "|" } { print $2 }', stdin="a|b|c\n")
case('BEGIN { FS = "." } { print $2 }', stdin="a.b.c\n")
case('BEGIN { FS = "\\\\|" } { print $2 }', stdin="a|b|c\n")
case('BEGIN { FS = "[ ]" } { print NF; for (i = 1; i <= NF; i++) printf "[%s]", $i; print "" }',
     stdin=" a  b \n")
case('BEGIN { FS = "\\t" } { print NF, $2 }', "tabs")
case('BEGIN { FS = "a" } { print NF, $1 "|" $2 }', stdin="banana\n")
known("FS = \"\" splits into characters (gawk without --posix, BWK awk; POSIX leaves it open)",
      'BEGIN { FS = "" } { print NF, $1, $3 }', stdin="abc\n")
case('{ FS = ":"; print $1 }', stdin="a:b c\nd:e f\n")
case('{ $3 = "X"; print; print NF }', stdin="a b\n")
case('{ $5 = "E"; print; print NF }', stdin="a b c\n")
case('{ NF = 2; print; print NF }', "emp")
case('{ NF = 5; print; $1 = $1; print }', stdin="a b c\n")
case('BEGIN { OFS = "," } { NF = NF; print }', stdin="a b  c\n")
case('BEGIN { OFS = "," } { NF += 1; $NF = "new"; print }', stdin="a b\n")
case('{ $0 = "x y z"; print NF, $2 }', "noeol")
case('{ $2 = ""; print; print NF }', stdin="a b c\n")
case('{ print $0; $0 = toupper($0); print $1 }', stdin="ab cd\n")
case('{ $(1+1) = "two"; print }', stdin="a b c\n")
case('{ i = 1; print $i++; print i }', stdin="a b c\n")
case('{ print $NF-1, $(NF-1) }', stdin="7 8 9\n")
case('{ print $ NF }', stdin="7 8 9\n")
case('{ x = $1; $1 = "changed"; print x, $0 }', stdin="orig rest\n")
case('{ n = split($0, a); print n, a[1], a[n] }', "words")
case('{ n = split($0, a, ":"); print n, a[1], a[7] }', "passwd")
case('BEGIN { n = split("a1b22c333d", a, /[0-9]+/); for (i = 1; i <= n; i++) print i, a[i] }')
case('BEGIN { n = split("  x  y  ", a); print n, "[" a[1] "]" }')
case('BEGIN { n = split("", a); print n, length(a[1]) }')
case('BEGIN { n = split("a:b", a, ""); print n }')
case('BEGIN { n = split("abc", a, ""); print n, a[1], a[3] }')
case('BEGIN { n = split("a.b.c", a, "."); print n, a[2] }')
case('BEGIN { a[9] = 1; n = split("x y", a); print n, (9 in a) }')
case('BEGIN { n = split("2 10 x", a); print (a[1] < a[2]), (a[3] > a[1]) }')

# ---- numbers and output formats
for expr in ["1", "-1", "0.1", "1/3", "2/3*3", "1e6", "1e16", "1e17", "123456789012", "0.000001",
             "1e-7", "100000", "1234567", "3.0", "-0", "0.1+0.2", "2^53", "2^53+1", "17/7",
             "1e300*10", "-1e300*10", "log(-1)", "int(3.9)", "int(-3.9)", "int(\"4.7xyz\")",
             "\"3x\"+0", "\"x3\"+0", "\".5\"+0", "\"+1.5e2\"+0", "\"1e\"+0", "\" 12 \"+0",
             "10 % 3", "-10 % 3", "10 % -3", "5.5 % 2", "2^10", "2^0.5", "(-8)^(1/3)",
             "-2^2", "2^-1", "!0", "!1", "!\"\"", "!\"a\"", "- -3", "1 - -1", "1e3 \"\"",
             "0.1 \"\"", "123456789 \"\"", "1234567.5 \"\"", "12345678.9", "length(12345678.9)",
             "substr(123456, 2, 3)", "index(12345, 34)", "3 \" \" -1", "1 \" \" 2"]:
    case('BEGIN { print %s }' % expr)
for fmt in ["%d", "%i", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%x", "%X", "%#x", "%o",
            "%#o", "%u", "%c", "%5c|", "%e", "%.2e", "%E", "%f", "%.0f", "%.10f", "%10.3f",
            "%-10.3f|", "%g", "%.3g", "%G", "%#g", "%s", "%10s|", "%-10s|", "%.2s", "%5.1s|",
            "%%", "%5%|"]:
    for val in ["42", "-42", "3.14159", "\"65\"", "\"hello\"", "0", "255.9", "1e10"]:
        case('BEGIN { printf "%s\\n", %s }' % (fmt, val))
case('BEGIN { printf "%*d|%-*d|%.*f\\n", 5, 42, 4, 7, 2, 3.14159 }')
case('BEGIN { printf "%d|%+30d|%-25i|%x|%o\\n", 2^70, 2^70, -2^70, 2^70, -2^65 }')
case('BEGIN { print 2^53, 2^64, 1e18, 1e19, 12345678901234567890, -2^80 }')
case('BEGIN { printf "%d %d %d\\n", "nan", "-inf", "+inf" }')
case('{ print $1 + 0, ($1 < 2) }', stdin="0x1A\n+inf\n-nan\nnan\ninfinity\n")
case('BEGIN { printf "%c%c%c\\n", 72, "i!", 10 + 23 }')
case('BEGIN { printf "%s %s %s\\n", "a", 1, 2.5 }')
case('BEGIN { printf "no newline" }')
case('BEGIN { printf "%d %d\\n", "12abc", "abc" }')
case('BEGIN { printf "%5.2f%%\\n", 99.5 }')
case('BEGIN { printf "%s\\n" }')
case('{ printf "%c", $1 } END { print "" }', stdin="65\n66\n")
case('BEGIN { x = sprintf("%03d-%s", 7, "x"); print x, length(x) }')
case('BEGIN { OFMT = "%.2f"; x = 3.14159; print x; print x "" }')
case('BEGIN { CONVFMT = "%.2f"; x = 3.14159; y = x ""; print y; print x }')
case('BEGIN { CONVFMT = "%d"; a[12.9] = 1; for (k in a) print k }')
case('BEGIN { OFMT = "%.2f"; print 17, 17.0, 17.123 }')
case('BEGIN { CONVFMT = "%.3g"; x = 1234.5678; print (x "") }')
case('BEGIN { x = 0.1; a[x] = 1; for (k in a) print k }')
case('{ $2 = 3.14159265; print }', stdin="a b c\n")
case('BEGIN { OFMT = "%.2f" } { $2 = 3.14159265; print; print $2 }', stdin="a b c\n")
case('BEGIN { print 1e6, 1e7, 123456.7, 1234567.8 }')
case('BEGIN { print 100 / 3 }')
case('BEGIN { x = "3.0"; print x, x + 0, (x == 3) }')
case('BEGIN { print length() }', stdin="")
case('{ print length }', "emp")
case('{ print length() }', "emp")

# ---- comparisons: numbers, strings and strnums
vals = ["10", "9", "10.0", "abc", "1e1", " 10 ", "", "-0", "+5", "0x1A"]
for i, a in enumerate(vals):
    for b in vals[i:i + 4]:
        case('{ print ($1 < $2), ($1 == $2), ($1 > $2) }', stdin="%s\t%s\n" % (a, b), opts=["-F", "\\t"])
for a, b in [('10', '9'), ('"10"', '9'), ('"10"', '"9"'), ('10', '"9"'), ('"abc"', '"abd"'),
             ('"a"', '"B"'), ('2', '"10"'), ('x', '0'), ('x', '""'), ('"1e3"', '1000'),
             ('1e3', '"1000"'), ('"A"', '"a"'), ('substr("10", 1)', '9')]:
    case('BEGIN { print (%s < %s), (%s == %s), (%s >= %s) }' % (a, b, a, b, a, b))
case('{ print ($1 == 1), ($1 == "1.0"), ($1 < 2) }', stdin="1.0\n")
case('BEGIN { x = "10"; y = 9; print (x < y) }')
case('{ x = $1; print (x < 9) }', stdin="10\n")
case('{ a[$1]; for (k in a) print (k < 9) }', stdin="10\n")
case('BEGIN { print (u == 0), (u == ""), length(u) }')
case('{ print ($1 == 0), ($1 == "") }', stdin="\n")
case('{ print ($2 == 0), ($2 == "") }', stdin="x\n")
case('{ if ($1 ~ /^[0-9]+$/) print "num", $1; else print "str", $1 }', "nums")
case('{ print ($0 < 5) }', "nums")
case('$1 > 5', "nums")
case('{ s = s + $1 } END { print s }', "nums")
case('{ print $1 + 0 }', "nums")

# ---- operators and precedence
for e in ["1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-3 ^ 2", "10 - 4 - 3", "24 / 4 / 2",
          "1 < 2 ? \"y\" : \"n\"", "0 ? 1 : 0 ? 2 : 3", "1 || 0 && 0", "!1 || 1", "1 2 + 3",
          "1 \" \" 2 * 3", "\"a\" > \"b\" ? 1 : 2", "1 == 1 == 1", "2 < 1 < 3",
          "\"x\" ~ \"x\" \"y\"", "\"ab\" ~ /b$/ && 1", "\"3\" + \"4\"", "\"3\" \"4\" + 1",
          "-\"3\"", "+\"3x\"", "x = y = 5", "(x = 2) + x", "x += 3", "i++ + ++i", "7 - - 2",
          "1 - 1 - 1", "2 * -3", "\"a\" (1 > 0)", "10 % 4 * 3", "2 ^ 2 * 3", "!x + 1",
          "1 in a", "(1,2) in a", "\"\" in a", "u++ ; u"]:
    case('BEGIN { a[1]; a[1, 2]; print %s }' % e if "; u" not in e else 'BEGIN { %s }' % e.replace("; u", "; print u"))
case('BEGIN { x = 5; x -= 2; print x; x *= 4; print x; x /= 3; print x; x %= 3; print x; x ^= 3; print x }')
case('BEGIN { x = 1; print x++, x, ++x, x--, --x, x }')
case('BEGIN { a["x"]++; a["x"] += 5; print a["x"] }')
case('BEGIN { $0 = "1 2 3"; $2++; print; $3 += 10; print }')
case('BEGIN { print 1 > 2 ? "gt" : "le" }')
case('BEGIN { print (1 > 2) ? "gt" : "le" }')
case('BEGIN { print 1, 2 > "out3"; close("out3"); getline l < "out3"; print "[" l "]" }')
case('BEGIN { print(1)(2) }')
case('BEGIN { print (1, 2) }')
case('BEGIN { x = "A"; y = "B"; print x y, x "" y }')
case('BEGIN { n = 3; print n " items"; print n-1 }')
case('BEGIN { print 1==1, 1!=1, "a"<"b" }')
case('BEGIN { print !"0", !0, !"", !" " }')
case('{ print !$1 }', stdin="0\n0.0\n \na\n")
case('BEGIN { print 1; print 2 }')
case('BEGIN { a = 1 ; b = 2 ; print a \\\n  + b }')
case('BEGIN {\n  x = 1 +\n 2\n  if (x == 3 &&\n x > 0)\n print "ok"\n}')
case('BEGIN { if (1) { print "a" } else { print "b" } }')
case('BEGIN { if (0) print "a"; else print "b" }')
case('BEGIN { if (0)\n print "a"\n else\n print "b" }')
case('BEGIN { if (1) if (0) print "x"; else print "inner else" }')
case('BEGIN { while (i < 3) { i++; if (i == 2) continue; print i } }')
case('BEGIN { do { print "once" } while (0) }')
case('BEGIN { do x++; while (x < 5); print x }')
case('BEGIN { for (i = 0; i < 10; i++) { if (i == 4) break; print i } }')
case('BEGIN { for (;;) { if (++n > 3) break }; print n }')
case('BEGIN { for (i = 0; i < 3; i++); print i }')
case('BEGIN { while (n++ < 2) ; print n }')
case('BEGIN { a[1]; a[2]; a[3]; for (k in a) delete a[k]; for (k in a) n++; print n + 0 }')
known("length(array) is allowed (POSIX.1-2024, gawk and BWK awk without --posix)",
      'BEGIN { a[1]; a[2]; a[3]; delete a[2]; print length(a) }')
known("** and **= are spellings of ^ and ^= (gawk and BWK awk without --posix)", 'BEGIN { x = 2**3; x **= 2; print x }')
case('BEGIN { a[1]; a[2]; delete a; for (k in a) print k; print "empty" }')
case('BEGIN { a["x"] = 1; delete a["x"]; print ("x" in a) }')
case('BEGIN { a["x"]; if ("y" in a) print "no"; for (k in a) n++; print n }')
case('BEGIN { a[1, 2] = 3; for (k in a) { split(k, p, SUBSEP); print p[1], p[2], a[k] } }')
case('BEGIN { SUBSEP = ":"; a[1, 2] = 3; for (k in a) print k }')
case('BEGIN { a[1,"x"]; print ((1, "x") in a), ((1, "y") in a) }')
case('BEGIN { a[01] = "one"; print a[1], a["01"] "|" }')
case('BEGIN { a[0.5 + 0.5] = 1; print (1 in a), ("1" in a) }')
case('BEGIN { for (i = 0; i < 5; i++) a[i] = i * i; s = 0; for (k in a) s += a[k]; print s }')

# ---- regular expressions
for re, s in [("a+b", "xaaab"), ("^a.c$", "abc"), ("[[:digit:]]+", "ab12"), ("(ab)+$", "xabab"),
              ("a|b", "c"), ("[^a-c]", "abc"), ("x*", ""), ("\\.", "a.b"), ("a{2}", "aa"),
              ("[[:upper:]][[:lower:]]", "xAb"), ("\\$", "a$"), ("^$", ""), ("a.b", "a\nb"),
              ("[/]", "a/b"), ("\\/", "a/b"), ("a\\+", "a+"), ("[.]", "a"), ("(a|ab)(c|bcd)", "abcd"),
              ("[]a]", "]"), ("[a-]", "-"), ("\\t", "a\tb"), ("[[:space:]]", "a b"),
              ("^(foo|bar)baz", "barbaz"), ("o+", "foo")]:
    case('BEGIN { s = "%s"; print (s ~ /%s/), match(s, /%s/), RSTART, RLENGTH }'
         % (s.replace("\n", "\\n").replace("\t", "\\t"), re, re))
    case('BEGIN { s = "%s"; r = "%s"; print (s ~ r), match(s, r), RSTART, RLENGTH }'
         % (s.replace("\n", "\\n").replace("\t", "\\t"), re.replace("\\", "\\\\"), ))
case('$0 ~ "^[A-Z]"', "words")
case('$1 ~ /^[KM]/', "emp")
case('$1 !~ /a/', "emp")
case('{ re = "^" $1; if ("Beth" ~ re) print "yes", $1 }', "emp")
case('BEGIN { r = "b+"; s = "abbbc"; gsub(r, "X", s); print s }')
case('{ if (match($0, /o+/)) print RSTART, RLENGTH, substr($0, RSTART, RLENGTH) }', "words")
case('BEGIN { print match("aaa", /b/), RSTART, RLENGTH }')
case('BEGIN { print match("abc", //), RSTART, RLENGTH }')
case('BEGIN { print match("xabc", /$/), RSTART, RLENGTH }')
case('/a/ && /o/', "words")
case('/fox/ || /dog/', "words")
case('!/o/ { print "no o:", $0 }', "words")
case('BEGIN { x = "a.b"; print (x ~ "a.b"), (x ~ "a\\\\.b"), ("axb" ~ "a\\\\.b") }')
case('BEGIN { print ("/" ~ /\\//), ("a/b" ~ "a/b") }')
case('BEGIN { print ("\\"" ~ /"/), ("a" ~ /[\\"a]/) }')

# ---- sub, gsub, string functions
for repl in ['"[&]"', '"\\\\&"', '"x\\\\\\\\&y"', '"-"', '""', '"&&"', '"\\\\\\\\"', '"a\\\\b"']:
    for re in ["/o/", "/o+/", "/x*/", "/^/", "/$/", "/[a-z]+/"]:
        case('{ n = gsub(%s, %s); print n, $0 }' % (re, repl), stdin="foo boo\n")
    case('{ n = sub(/o+/, %s); print n, $0 }' % repl, stdin="foo boo\n")
case('{ sub(/o/, "0", $2); print; print $2 }', stdin="foo boo zoo\n")
case('{ gsub(/o/, "0", $2); print NF, $0 }', stdin="foo  boo  zoo\n")
case('{ a[1] = $0; gsub(/ /, "_", a[1]); print a[1] }', "words")
case('BEGIN { s = "aaa"; print gsub(/a/, "b", s), s }')
case('BEGIN { s = "hello"; print sub(/z/, "y", s), s }')
case('BEGIN { s = "abc"; gsub("", "-", s); print s }')
case('BEGIN { s = "a.b.c"; gsub(".", "-", s); print s }')
case('BEGIN { s = "a.b.c"; gsub(/\\./, "-", s); print s }')
case('BEGIN { s = "banana"; print gsub(/ana/, "X", s), s }')
case('BEGIN { s = "hello world"; gsub(/o/, "&&", s); print s }')
case('{ gsub(/[aeiou]/, "<&>"); print }', "words")
case('{ $0 = "a b c"; gsub(/b/, "B"); print $2, NF }', "noeol")
case('BEGIN { s = "Hello"; print toupper(s), tolower(s), s }')
case('BEGIN { print tolower(123), toupper("a1b2") }')
case('BEGIN { print index("abc", "c"), index("abc", ""), index("", "a"), index("abcabc", "ca") }')
case('BEGIN { print length("abc"), length(""), length(12.50), length(1/4) }')
for m, n in [("1", ""), ("0", ""), ("-1", ""), ("2", "3"), ("0", "2"), ("-1", "3"), ("1.5", "2"),
             ("2.5", "1.5"), ("5", "10"), ("10", "1"), ("2", "-1"), ("\"2\"", "\"2\""), ("1", "0.5"),
             ("0.5", "1"), ("3", "1e10")]:
    case('BEGIN { s = "hello"; print "[" substr(s, %s%s) "]" }' % (m, (", " + n) if n else ""))
case('BEGIN { print substr(12345, 2, 2) + 1 }')

# ---- math
for f in ["sin(0)", "cos(0)", "sin(1)", "cos(3.14159265)", "atan2(0, -1)", "atan2(1, 1)",
          "atan2(-1, 0)", "exp(0)", "exp(1)", "exp(10)", "log(1)", "log(2.718281828)", "log(100)",
          "sqrt(16)", "sqrt(2)", "sqrt(0)", "int(7.9)", "int(-0.5)", "int(\"12abc\")", "exp(-1)",
          "sin(-2.5)", "cos(100)", "atan2(3, 4)", "log(0.5)", "sqrt(1e10)"]:
    case('BEGIN { print %s; printf "%%.10g\\n", %s }' % (f, f))
case('BEGIN { srand(1); x = rand(); srand(1); y = rand(); print (x == y), (x >= 0 && x < 1) }')
case('BEGIN { print srand(5); print srand(7) }')
case('BEGIN { srand(); n = 0; for (i = 0; i < 100; i++) if (rand() < 1) n++; print n }')
case('BEGIN { srand(2); for (i = 0; i < 1000; i++) { r = int(rand() * 6) + 1; c[r]++ } for (k = 1; k <= 6; k++) if (c[k] < 100) print "skew", k; for (k in c) n++; print n }')

# ---- user functions
case('function f(x) { x = 5 } BEGIN { y = 1; f(y); print y }')
case('function f(a) { a["k"] = "v" } BEGIN { f(arr); print arr["k"] }')
case('function f(a) { a[1] = 1 } BEGIN { b[2] = 2; f(b); for (k in b) n++; print n }')
case('function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) } BEGIN { print fact(10), fact(20) }')
case('function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) } BEGIN { print fib(20) }')
case('function f(a, b, c) { c = a + b; return c } BEGIN { print f(1, 2), c "|" }')
case('function f(loc,  k, n) { loc[1] = 1; for (k in loc) n++; return n } BEGIN { print f(), f() }')
case('function g() { return } BEGIN { x = g(); print "[" x "]", length(x) }')
case('function max(a, b) { return a > b ? a : b } { m = max(m, $2) } END { print m }', "emp")
case('function p(s) { print "p:" s } { p($1) }', "emp")
case('function swap(a, i, j,  t) { t = a[i]; a[i] = a[j]; a[j] = t }\n'
     'BEGIN { x[1] = "a"; x[2] = "b"; swap(x, 1, 2); print x[1], x[2] }')
case('function isort(A, n,   i, j, t) { for (i = 2; i <= n; i++) { t = A[i]; for (j = i; j > 1 && A[j-1] > t; j--) A[j] = A[j-1]; A[j] = t } }\n'
     '{ a[NR] = $1 } END { isort(a, NR); for (i = 1; i <= NR; i++) print a[i] }', "emp")
case('function f(n) { if (n > 0) { print n; f(n - 1) } } BEGIN { f(3) }')
case('function outer(a) { inner(a) } function inner(b) { b["deep"] = 1 } BEGIN { outer(z); print ("deep" in z) }')
case('function f(x) { return x * 2 }\nBEGIN { print f(f(f(1))) }')
case('function cnt(s, c,   n) { n = gsub(c, "", s); return n } { print cnt($0, "o") }', "words")
case('function f(s) { sub(/a/, "b", s); return s } BEGIN { t = "aa"; print f(t), t }')
case('function f() { exit 7 } BEGIN { f(); print "no" }')
case('function r(n) { return n ? r(n - 1) + 1 : 0 } BEGIN { print r(200) }')

# ---- uninitialized, ENVIRON, special variables
case('BEGIN { print x + 0, "[" x "]", length(x) }')
case('BEGIN { print NR, NF, FNR, "[" FILENAME "]", RSTART, RLENGTH }')
case('BEGIN { printf "[%s][%s][%s]\\n", FS, OFS, SUBSEP == "\\034" }')
case('BEGIN { print CONVFMT, OFMT }')
case('END { print NF, $0 }', "emp")
case('{ NR = 10; print NR } END { print NR }', stdin="a\nb\n")
case('BEGIN { getline; print NF, $2 }', stdin="p q r\n")
case('BEGIN { while ((getline line) > 0) n++; print n, NR }', stdin="1\n2\n3\n")
case('BEGIN { getline x < "emp"; print x; getline x < "emp"; print x; close("emp"); getline x < "emp"; print x }')
case('BEGIN { getline < "emp"; print $1, NF, NR }')
case('{ getline line < "words"; print $1, line }', "emp")
case('BEGIN { print getline < "no/such" }')
case('BEGIN { "echo a b c" | getline; print NF, $2, NR }')
case('BEGIN { "echo x" | getline v; print v, NR, NF }')
case('END { print getline, $0 }', "emp")

# ---- errors: a message and a non-zero status
for bad in ['{ print $1', 'BEGIN { x = 1 +* 2 }', 'BEGIN { print 1/0 }', 'BEGIN { print 1%0 }',
            'BEGIN { f() }', 'BEGIN { a[1]; a = 2 }',
            'BEGIN { x = 1; x[1] = 2 }', 'BEGIN { printf "%d %d\\n", 1 }', '{ print > }',
            'BEGIN { getline x < }', 'BEGIN { break }', '@', 'BEGIN { "unterminated }',
            'BEGIN { print /unterminated }', 'BEGIN { $(-1) = 2 }', 'BEGIN { return 1 }',
            'function f(f) { } BEGIN {}', 'BEGIN { print length(1, 2) }', 'BEGIN { print substr("a") }',
            'BEGIN { print "x" > "/no/such/dir/file" }', 'BEGIN { split("a", s); s = 1 }',
            'BEGIN { print ("a" ~ /(/) }', 'BEGIN { r = "["; print ("a" ~ r) }']:
    case(bad)
known("calling a function with more arguments than parameters is an error (gawk --posix runs it)",
      'function f(a) { } BEGIN { f(1, 2) }')
OURS_ONLY.append('function f(x) { return f(x) } BEGIN { f(1) }')
OURS_ONLY.append('BEGIN { while (1) x = x "a" ; }' if False else 'BEGIN { s = "(((((((((("; s = s s s s s; r = s "a" ; print ("a" ~ r) }')
case('{ print }', "no-such-file")
case('{ print }', "emp", "no-such-file", "noeol")


def run(argv, stdin, cwd):
    try:
        p = subprocess.run(argv, input=stdin.encode(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=env, timeout=20, cwd=cwd)
        return p.stdout, p.returncode, p.stderr
    except subprocess.TimeoutExpired:
        return b"<timeout>", -1, b""


def main():
    global passed, failed
    known_diffs = []
    with tempfile.TemporaryDirectory() as root:
        for name, text in FILES.items():
            with open(os.path.join(root, name), "w") as f:
                f.write(text)
        for opts, prog, operands, stdin, sort in CASES:
            args = opts + ([prog] if prog or "-f" not in opts else []) + operands
            mine = run([ours] + args, stdin, root)
            ref = run([oracle, "--posix"] + args, stdin, root)
            out_m, out_r = mine[0], ref[0]
            if sort:
                out_m = b"\n".join(sorted(out_m.split(b"\n")))
                out_r = b"\n".join(sorted(out_r.split(b"\n")))
            same_status = mine[1] == ref[1] or (mine[1] > 0 and ref[1] > 0)
            sanitizer = b"Sanitizer" in mine[2] or b"runtime error" in mine[2]
            if out_m == out_r and same_status and not sanitizer and mine[1] >= 0:
                passed += 1
                if prog in KNOWN:
                    print(f"NOTE known difference no longer differs: {prog!r}")
            elif prog in KNOWN and not sanitizer and mine[1] >= 0:
                known_diffs.append((prog, KNOWN[prog]))
            else:
                failed += 1
                print(f"DIFF awk {' '.join(repr(a) for a in args)} stdin={stdin[:40]!r}\n"
                      f"  ours   {mine[1]} {out_m[:300]!r} {mine[2][:300]!r}\n"
                      f"  gawk   {ref[1]} {out_r[:300]!r}")
        for prog in OURS_ONLY:
            out, status, err = run([ours, prog], "", root)
            if status > 0 and b"Sanitizer" not in err and b"runtime error" not in err and err:
                passed += 1
            else:
                failed += 1
                print(f"FAIL (ours only: a clean error expected) {prog!r}: {status} {err[:300]!r}")
    for prog, why in known_diffs:
        print(f"known difference: {why}\n    {prog}")
    print(f"{len(CASES) + len(OURS_ONLY)} cases: {passed - len(OURS_ONLY) if False else passed} match, "
          f"{len(known_diffs)} known differences, {failed} differ")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


sys.exit(main())
