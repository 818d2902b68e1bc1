"""Scripts the shell must run exactly as dash does, by section of POSIX XCU
chapter 2 and by builtin.  run_tests.py runs each with `sh -c SCRIPT` in a
scratch directory, under the shell tested and under dash, and compares
stdout, whether stderr is empty, and the exit status.

Each entry: (name, script).  The scratch directory holds files a, b, c.txt,
.hidden and a directory d/ with d/x and d/y (see run_tests.py)."""

SECTIONS = {}


def section(name, *cases):
    SECTIONS[name] = list(cases)


section("2.2 quoting",
    ("backslash-space", r"echo a\ \ b"),
    ("backslash-newline", "echo a\\\nb"),
    ("single-literal", r"""echo '$HOME \ "x" `y`'"""),
    ("double-dollar", r'x=1; echo "$x ${x} \$x"'),
    ("double-backslash", r'echo "a\b \\ \" \` \$"'),
    ("double-keeps-single", r'''echo "it's"'''),
    ("mixed", r'''x=v; echo 'a'"$x"\c"d"'e' '''),
    ("empty-quotes-field", r'''set -- "" ''; echo $#'''),
    ("quoted-newline", "echo 'a\nb' \"c\nd\""),
    ("backslash-in-single", r"echo 'a\nb'" + " | wc -c"),
    ("dollar-single-quote", r"""echo "'$1'" x"""),
    ("quote-glob", r"""echo "*" '?' \[a]"""),
    ("quoted-keyword", r"""'if' true 2>/dev/null; echo $?"""),
    ("backslash-end", r"""echo a\\"""),
)

section("2.3 tokens and comments",
    ("comment-after-word", "echo a#b # c"),
    ("comment-line", "# x\necho y"),
    ("operators-no-space", "echo a;echo b&&echo c||echo d"),
    ("io-number", "echo x 1>&2 2>/dev/null; echo y 2>&1"),
    ("io-number-not", "echo 12 a>/dev/null; echo done"),
    ("dsemi", "case a in a) echo A;; b) echo B;; esac"),
    ("newlines-between", "\n\n echo a\n\n\necho b\n"),
    ("semicolon-end", "echo a;"),
    ("amp-end", "echo a & wait"),
)

section("2.4 reserved words",
    ("bang-arg", "echo a ! b"),
    ("bang-first", "! true; echo $?"),
    ("bang-double", "! ! false; echo $?"),
    ("bang-pipeline", "! echo x | grep -q y; echo $?"),
    ("keyword-as-arg", "echo if then else fi do done case esac"),
    ("brace-arg", "echo { }"),
    ("in-as-command-arg", "echo in"),
    ("keyword-after-semicolon", "true; if true; then echo y; fi"),
    ("fi-without-if", "fi"),
    ("done-without-do", "echo a; done"),
    ("then-missing", "if true; echo x; fi"),
    ("empty-if-body", "if true; then fi"),
    ("empty-brace", "{ }"),
    ("brace-needs-separator", "{ echo a; }; { echo b\n}"),
    ("esac-alone", "esac"),
)

section("2.5 parameters",
    ("positional-1-9", "set -- a b c d e f g h i j k; echo $1 $9 ${10} ${11}"),
    ("positional-10-bare", "set -- a b c d e f g h i j k; echo $10"),
    ("ulimit", "ulimit -n; ulimit -f; ulimit -n 64; ulimit -n; ulimit -a | wc -l >/dev/null"),
    ("ulimit-bad", "ulimit -n abc; echo $?"),
    ("hash", "set -- a 'b c' d; echo $#"),
    ("hash-none", "set --; echo $#"),
    ("at-unquoted", "set -- 'a b' c; for x in $@; do echo [$x]; done"),
    ("at-quoted", "set -- 'a b' c; for x in \"$@\"; do echo [$x]; done"),
    ("star-quoted", "set -- 'a b' c; for x in \"$*\"; do echo [$x]; done"),
    ("star-ifs", "set -- a b c; IFS=:; echo \"$*\""),
    ("star-ifs-empty", "set -- a b c; IFS=; echo \"$*\""),
    ("at-empty", "set --; for x in \"$@\"; do echo [$x]; done; echo end"),
    ("at-prefix-suffix", "set -- a b; for x in \"x$@y\"; do echo [$x]; done"),
    ("at-empty-params", "set -- '' ''; for x in \"$@\"; do echo [$x]; done"),
    ("at-empty-unquoted", "set -- '' ''; for x in $@; do echo [$x]; done; echo end"),
    ("question", "false; echo $?; true; echo $?"),
    ("question-pipeline", "true | false; echo $?"),
    ("dollar-dollar", "test $$ -gt 0 && echo ok"),
    ("dollar-dollar-subshell", "a=$$; b=$(echo $$); test $a = $b && echo same"),
    ("bang", "sleep 0 & test $! -gt 0 && echo ok; wait"),
    ("zero", "echo ${0##*/} >/dev/null; echo ok"),
    ("minus", "set -f; case $- in *f*) echo f;; esac"),
    ("minus-u", "set -u; case $- in *u*) echo u;; esac"),
    ("unset-var", "echo [$nosuchvar]"),
    ("name-chars", "a_1=x; echo $a_1 ${a_1}"),
    ("name-ends", "x=1; echo $x-y $x.y $x/y"),
    ("lone-dollar", "echo $ $; echo \"$\""),
    ("dollar-digit-word", "set -- one; echo $1x"),
)

section("2.6.1 tilde",
    ("tilde-home", "HOME=/h; echo ~ ~/a"),
    ("tilde-quoted", "HOME=/h; echo \"~\" '~' \\~"),
    ("tilde-mid", "HOME=/h; echo a~ a/~"),
    ("tilde-assign", "HOME=/h; x=~; echo $x"),
    ("tilde-user", "echo ~root ~nosuchuser-x"),
    ("tilde-user-path", "echo ~root/x"),
    ("tilde-unset-home", "unset HOME; echo ~"),
)

section("2.6.2 parameter expansion",
    ("default-unset", "unset x; echo ${x:-def} ${x-def}"),
    ("default-null", "x=; echo [${x:-def}] [${x-def}]"),
    ("default-set", "x=v; echo ${x:-def} ${x-def}"),
    ("assign-unset", "unset x; echo ${x:=new}; echo $x"),
    ("assign-null", "x=; echo ${x:=new} ${y=other}; echo $x $y"),
    ("assign-null-colonless", "x=; echo [${x=new}]; echo [$x]"),
    ("error-unset", "unset x; echo ${x:?gone}; echo not-reached"),
    ("error-status", "unset x; (echo ${x?}); echo $?"),
    ("error-set", "x=1; echo ${x:?no}"),
    ("error-null", "x=; echo ${x?ok-null}; echo [${x:?null}]"),
    ("alt-set", "x=v; echo [${x:+alt}] [${x+alt}]"),
    ("alt-null", "x=; echo [${x:+alt}] [${x+alt}]"),
    ("alt-unset", "unset x; echo [${x:+alt}] [${x+alt}]"),
    ("length", "x=hello; echo ${#x}"),
    ("length-unset", "unset x; echo ${#x}"),
    ("length-positional", "set -- a b c; echo ${#}"),
    ("prefix-short", "x=a/b/c; echo ${x#*/}"),
    ("prefix-long", "x=a/b/c; echo ${x##*/}"),
    ("suffix-short", "x=a.b.c; echo ${x%.*}"),
    ("suffix-long", "x=a.b.c; echo ${x%%.*}"),
    ("trim-nomatch", "x=abc; echo ${x#z} ${x%z}"),
    ("trim-quoted-pattern", "x='a*b'; echo ${x#\"a*\"} ${x#a*}"),
    ("trim-bracket", "x=abc123; echo ${x%%[0-9]*} ${x##[a-z]*[a-z]}"),
    ("trim-question", "x=abcd; echo ${x#??} ${x%?}"),
    ("nested-default", "unset x y; echo ${x:-${y:-deep}}"),
    ("default-quoted-space", "unset U; for w in \"${U:-\"a b\"}\"; do echo [$w]; done"),
    ("default-unquoted-split", "unset U; for w in ${U:-a b}; do echo [$w]; done"),
    ("default-word-quoted", "unset U; for w in ${U:-\"a b\"}; do echo [$w]; done"),
    ("braces-positional", "set -- a b c d e f g h i j; echo ${10}"),
    ("bad-substitution", "echo ${x!}"),
    ("default-expands-cmd", "unset x; echo ${x:-$(echo sub)}"),
    ("default-not-evaluated", "x=1; echo ${x:-$(echo no >&2)}"),
    ("assign-special-error", "echo ${1=x}"),
    ("length-utf8-free", "x='a b  c'; echo ${#x}"),
    ("braced-special", "set -- a b; echo ${#} ${@} ${*} ${?}"),
    ("unterminated-quote-default", r'''echo "${Unset:-"a b"}"'''),
)

section("2.6.3 command substitution",
    ("dollar-paren", "echo $(echo hi)"),
    ("backquote", "echo `echo hi`"),
    ("nested", "echo $(echo $(echo deep))"),
    ("nested-backquote", "echo `echo \\`echo deep\\``"),
    ("trailing-newlines", "x=$(printf 'a\\n\\n\\n'); echo \"[$x]\""),
    ("inner-newlines", "x=$(printf 'a\\n\\nb'); echo \"[$x]\""),
    ("split-result", "for w in $(echo a b c); do echo [$w]; done"),
    ("quoted-result", "for w in \"$(echo a b c)\"; do echo [$w]; done"),
    ("status", "x=$(exit 3); echo $?"),
    ("status-empty-command", "$(exit 4); echo $?"),
    ("subshell-vars", "x=1; y=$(x=2; echo $x); echo $x $y"),
    ("with-quotes", "echo \"$(echo 'a  b')\""),
    ("with-case", "x=$(case a in a) echo A;; esac); echo $x"),
    ("backquote-dollar", "x=v; echo `echo \\$x`"),
    ("in-double-quotes-backquote", "echo \"`echo 'a  b'`\""),
    ("pipeline-inside", "echo $(echo abc | tr a-c x-z)"),
    ("multiline", "x=$(echo a\necho b); echo $x"),
    ("paren-subshell-inside", "echo $( (echo sub) )"),
    ("exit-inside", "echo $(exit 1; echo no) done"),
)

section("2.6.4 arithmetic",
    ("add", "echo $((1+2))"),
    ("precedence", "echo $((2+3*4)) $(((2+3)*4))"),
    ("division", "echo $((7/2)) $((-7/2)) $((7%3)) $((-7%3))"),
    ("div-zero", "echo $((1/0)); echo after"),
    ("mod-zero", "echo $((1%0))"),
    ("variables", "x=5; echo $((x*2)) $(($x*2))"),
    ("unset-zero", "unset x; echo $((x+1))"),
    ("assign", "echo $((x=4)) $x"),
    ("assign-ops", "x=10; echo $((x+=5)) $((x-=3)) $((x*=2)) $((x/=4)) $((x%=4)) $x"),
    ("shift-ops", "x=1; echo $((x<<=4)) $((x>>=2)) $((1<<10)) $((256>>4))"),
    ("bit-ops", "echo $((6&3)) $((6|3)) $((6^3)) $((~0))"),
    ("bit-assign", "x=12; echo $((x&=10)) $((x|=1)) $((x^=3))"),
    ("compare", "echo $((1<2)) $((2<1)) $((2<=2)) $((3>=4)) $((1==1)) $((1!=1)) $((5>3))"),
    ("logical", "echo $((1&&0)) $((1||0)) $((0||0)) $((!0)) $((!5))"),
    ("short-circuit", "x=1; echo $((0 && (x=5))) $x $((1 || (x=7))) $x"),
    ("ternary", "echo $((1?2:3)) $((0?2:3))"),
    ("ternary-nested", "x=2; echo $((x==1?10:x==2?20:30))"),
    ("unary", "echo $((-3)) $((+3)) $((- -3)) $((-(-3)))"),
    ("hex-octal", "echo $((0x1F)) $((010)) $((0))"),
    ("spaces", "echo $((  1  +  2  ))"),
    ("nested-parens", "echo $((((1+2))*3))"),
    ("in-quotes", "echo \"$((1+1))\""),
    ("with-param", "set -- 3 4; echo $(($1*$2))"),
    ("large", "echo $((9223372036854775807)) $((1<<62))"),
    ("overflow-wraps", "echo $((9223372036854775807+1))"),
    ("bad-expr", "echo $((1+)); echo after"),
    ("bad-var-value", "x=abc; echo $((x+1))"),
    ("negative-var", "x=-5; echo $((x*2))"),
    ("empty", "echo $(()) x"),
    ("cmdsubst-inside", "echo $(( $(echo 3) + 1 ))"),
    ("assign-in-var", "echo $((y=2+3)); echo $y"),
    ("comparison-chain", "echo $((1<2<3)) $((3>2>1))"),
    ("loop-counter", "i=0; while [ $i -lt 5 ]; do i=$((i+1)); done; echo $i"),
)

section("2.6.5 field splitting",
    ("default-ifs", "x='  a  b\tc\n d '; for w in $x; do echo [$w]; done"),
    ("colon", "IFS=:; x='a:b::c:'; for w in $x; do echo [$w]; done"),
    ("colon-leading", "IFS=:; x=':a'; for w in $x; do echo [$w]; done"),
    ("mixed-ifs", "IFS=' :'; x=' a : b :: c '; for w in $x; do echo [$w]; done"),
    ("empty-ifs", "IFS=; x='a b c'; for w in $x; do echo [$w]; done"),
    ("unset-ifs", "unset IFS; x='a  b'; for w in $x; do echo [$w]; done"),
    ("only-expansions-split", "IFS=:; x=a:b; for w in c:d$x; do echo [$w]; done"),
    ("empty-expansion-no-field", "e=; for w in $e; do echo [$w]; done; echo end"),
    ("empty-expansion-joined", "e=; for w in a$e; do echo [$w]; done"),
    ("quoted-empty-joined", "e=; for w in \"\"$e; do echo [$w]; done"),
    ("whitespace-only", "x='   '; for w in $x; do echo [$w]; done; echo end"),
    ("ifs-nonwhite-only", "IFS=:; x=':'; for w in $x; do echo [$w]; done; echo end"),
    ("ifs-double-delim", "IFS=:; x='a::b'; set -- $x; echo $#"),
    ("ifs-in-assignment-not-split", "x='a b'; y=$x; echo \"$y\""),
    ("ifs-cmdsubst", "IFS=,; for w in $(echo a,b,c); do echo [$w]; done"),
    ("ifs-backslash-literal", "x='a\\b'; echo $x"),
    ("ifs-tab", "IFS=\"$(printf '\\t')\"; x=\"a\tb c\"; for w in $x; do echo [$w]; done"),
)

section("2.6.6 pathname expansion",
    ("star", "echo *"),
    ("star-ext", "echo *.txt"),
    ("question", "echo ?"),
    ("bracket", "echo [ab]"),
    ("bracket-negate", "echo [!a]"),
    ("bracket-range", "echo [a-b]"),
    ("bracket-class", "echo [[:alpha:]]"),
    ("no-match-stays", "echo *.nomatch [z]q"),
    ("dotfiles-hidden", "echo *"),
    ("dotfiles-explicit", "echo .h*"),
    ("dir-component", "echo d/*"),
    ("star-slash", "echo */"),
    ("star-in-dir-pattern", "echo */x"),
    ("quoted-no-glob", "echo '*' \"*\" \\*"),
    ("var-globs", "x='*.txt'; echo $x"),
    ("var-quoted-no-glob", "x='*.txt'; echo \"$x\""),
    ("noglob", "set -f; echo *; set +f; echo *.txt"),
    ("absolute", "echo /dev/nul?"),
    ("sorted", "touch zz aa mm; echo ?? | tr ' ' '\\n' | head -3"),
    ("bracket-unterminated", "echo [a"),
    ("partial-quote", "echo \"c\"*"),
    ("for-glob", "for f in *.txt; do echo file $f; done"),
    ("case-glob-not-files", "case x in *) echo any;; esac"),
)

section("2.7 redirection",
    ("out", "echo a > f; cat f"),
    ("append", "echo a > f; echo b >> f; cat f"),
    ("in", "echo data > f; read x < f; echo $x"),
    ("dup-out", "echo err 1>&2 2>/dev/null"),
    ("dup-err-to-out", "ls /nonexistent 2>&1 | wc -l"),
    ("order", "ls /nonexistent 2>&1 >/dev/null | wc -l"),
    ("close-out", "echo x >&-; echo $?"),
    ("close-n", "exec 3>f; echo x >&3; exec 3>&-; cat f"),
    ("rdwr", "echo abc > f; exec 3<> f; read x <&3; echo $x"),
    ("rdwr-creates", "true <> newf; test -f newf && echo made"),
    ("dup-in", "echo line > f; exec 4< f; read x <&4; echo $x"),
    ("clobber-option", "echo a > f; set -C; echo b > f; echo $?; cat f"),
    ("clobber-override", "echo a > f; set -C; echo b >| f; cat f"),
    ("n-greater", "echo x 3>f >&3; cat f"),
    ("redir-before-command", ">f echo x; cat f"),
    ("redir-middle", "echo a >f b; cat f"),
    ("redirect-group", "{ echo a; echo b; } > f; cat f"),
    ("redirect-subshell", "(echo a; echo b) > f; cat f"),
    ("redirect-loop", "for i in 1 2; do echo $i; done > f; cat f"),
    ("redirect-while-read", "printf 'a\\nb\\n' > f; while read l; do echo [$l]; done < f"),
    ("redirect-if", "if true; then echo in; fi > f; cat f"),
    ("redirect-function", "f() { echo fn; }; f > out; cat out"),
    ("redirect-function-def", "f() { echo fn; } > out; f; cat out"),
    ("exec-persistent", "exec > f; echo hidden; exec >&2; cat f >&2"),
    ("exec-restore", "exec 3>&1; exec > f; echo a; exec 1>&3; cat f"),
    ("missing-file", "cat < /nonexistent; echo $?"),
    ("missing-dir-out", "echo x > /no/dir/f; echo $?"),
    ("redirect-builtin-fail", "echo x > /no/dir/f || echo failed"),
    ("target-expanded", "n=f; echo x > $n; cat f"),
    ("target-glob-no", "echo x > '*'; ls"),
    ("bad-fd", "echo x >&9; echo $?"),
    ("heredoc", "cat <<EOF\nhello\nworld\nEOF"),
    ("heredoc-expand", "x=v; cat <<EOF\n$x ${x} $(echo c) $((1+1))\nEOF"),
    ("heredoc-quoted", "x=v; cat <<'EOF'\n$x `no` \\$\nEOF"),
    ("heredoc-dquoted", "x=v; cat <<\"EOF\"\n$x\nEOF"),
    ("heredoc-backslash-delim", "x=v; cat <<\\EOF\n$x\nEOF"),
    ("heredoc-dash", "cat <<-EOF\n\tindented\n\t\tmore\n\tEOF"),
    ("heredoc-two", "cat <<A; cat <<B\na1\nA\nb1\nB"),
    ("heredoc-two-one-command", "cat <<A 3<<B\nfirst\nA\nsecond\nB"),
    ("heredoc-backslash", "cat <<EOF\na\\$x \\\\ \\n \"q\"\nEOF"),
    ("heredoc-continuation", "cat <<EOF\nab\\\ncd\nEOF"),
    ("heredoc-pipe", "cat <<EOF | tr a-z A-Z\nshout\nEOF"),
    ("heredoc-in-loop", "for i in 1 2; do cat <<EOF\nline $i\nEOF\ndone"),
    ("heredoc-in-function", "f() {\ncat <<EOF\nin $1\nEOF\n}\nf x; f y"),
    ("heredoc-fd", "cat 0<<EOF\nzero\nEOF"),
    ("heredoc-read", "read a b <<EOF\none two three\nEOF\necho $a/$b"),
    ("heredoc-empty", "cat <<EOF\nEOF\necho after"),
    ("heredoc-quotes-literal", "cat <<EOF\n'single' \"double\"\nEOF"),
    ("heredoc-last-line", "cat <<EOF\nno newline after the delimiter\nEOF"),
    ("heredoc-missing-delimiter", "cat <<EOF\nbody only"),
    ("heredoc-no-body", "cat <<EOF; echo x"),
    ("heredoc-large", "{ i=0; echo 'cat <<EOF'; while [ $i -lt 2000 ]; do echo line$i; i=$((i+1)); done; echo EOF; } > s; . ./s | tail -1"),
)

section("2.8 exit status and errors",
    ("not-found", "nosuchcommand-x; echo $?"),
    ("not-executable", "echo 'echo x' > nx; chmod -x nx; ./nx; echo $?"),
    ("directory", "./d; echo $?"),
    ("syntax-error-status", "echo a; if; echo b"),
    ("syntax-error-later-line", "echo a\nfi\necho b"),
    ("syntax-unclosed-paren", "(echo a"),
    ("syntax-unclosed-brace", "{ echo a"),
    ("syntax-unclosed-quote", "echo 'a"),
    ("syntax-eval", "eval 'if'; echo after"),
    ("exit-status-range", "sh -c 'exit 300'; echo $?"),
    ("signal-status", "sh -c 'kill -TERM $$'; echo $?"),
    ("special-builtin-error-exits", "shift 5; echo not-reached"),
    ("regular-builtin-error-continues", "cd /nonexistent; echo reached"),
    ("redirect-error-special", ": > /no/dir/f; echo reached"),
    ("expansion-error-exits", "unset x; echo ${x?}; echo not-reached"),
    ("set-u", "set -u; echo $nosuch; echo not-reached"),
    ("set-u-default-ok", "set -u; echo ${nosuch:-ok}"),
    ("set-u-at-ok", "set -u; echo \"$@\" ok"),
    ("set-n", "set -n; echo not-run"),
)

section("2.9.1 simple commands",
    ("assign-only", "x=1; echo $x"),
    ("assign-several", "x=1 y=2; echo $x $y"),
    ("assign-prefix-temporary", "x=1; x=2 true; echo $x"),
    ("assign-prefix-env", "x=in sh -c 'echo $x'; echo [$x]"),
    ("assign-order", "x=1 y=$x; echo $y"),
    ("assign-no-split", "x='a  b'; y=$x; echo \"$y\""),
    ("assign-no-glob", "x=*; echo \"$x\""),
    ("assign-prefix-special", "x=1; x=2 :; echo $x"),
    ("assign-prefix-function", "f() { echo in $x; }; x=1; x=2 f; echo $x"),
    ("command-from-expansion", "c=echo; $c hello"),
    ("empty-command-expansion", "e=; $e echo hi"),
    ("status-of-assign-subst", "x=$(false); echo $?"),
    ("path-search", "PATH=/usr/bin:/bin; ls / >/dev/null && echo ok"),
    ("empty-path-entry", "PATH=; ls 2>/dev/null; echo $?"),
    ("empty-path-entry-dot", "printf '#!/bin/sh\\necho dot\\n' > prog; chmod +x prog; PATH=:/bin prog"),
    ("path-unset-builtins", "unset PATH; echo still"),
    ("xtrace", "set -x; echo traced 2>/dev/null"),
    ("script-no-shebang", "printf 'echo from-script $1\\n' > s; chmod +x s; ./s arg"),
)

section("2.9.2 pipelines",
    ("simple", "echo a | cat"),
    ("three", "echo abc | tr a x | tr b y"),
    ("status-last", "false | true; echo $?; true | false; echo $?"),
    ("negate", "! true | false; echo $?"),
    ("builtin-in-pipeline", "echo a b | read x y; echo [$x]"),
    ("compound-in-pipeline", "for i in 1 2 3; do echo $i; done | wc -l"),
    ("pipeline-into-compound", "printf '1\\n2\\n' | while read n; do echo got $n; done"),
    ("subshell-in-pipeline", "(echo a; echo b) | sort -r"),
    ("newline-after-pipe", "echo a |\n\ncat"),
    ("pipeline-group", "{ echo x; echo y; } | tail -1"),
    ("function-in-pipeline", "f() { echo fx; }; f | tr f g"),
)

section("2.9.3 lists",
    ("and", "true && echo yes; false && echo no"),
    ("or", "false || echo yes; true || echo no"),
    ("chain", "false && echo a || echo b && echo c"),
    ("precedence", "true || false && echo x"),
    ("async", "echo bg & wait; echo fg"),
    ("async-status", "false & echo $?"),
    ("async-list", "{ sleep 0.1; echo late; } & echo early; wait"),
    ("newline-separated", "echo a\necho b"),
    ("and-newline", "true &&\necho cont"),
    ("or-newline", "false ||\n\necho cont"),
    ("semicolons", "echo a; echo b;echo c"),
    ("status-and", "false && true; echo $?"),
)

section("2.9.4 compound commands",
    ("subshell", "(echo in)"),
    ("subshell-isolated", "x=1; (x=2; echo $x); echo $x"),
    ("subshell-cd", "(cd /); pwd | grep -q / && echo ok"),
    ("subshell-exit", "(exit 3); echo $?"),
    ("subshell-nested", "( (echo deep) )"),
    ("group", "{ echo a; echo b; }"),
    ("group-shares", "x=1; { x=2; }; echo $x"),
    ("group-newlines", "{\necho a\necho b\n}"),
    ("group-exit", "{ exit 4; }; echo no"),
    ("if-true", "if true; then echo y; fi"),
    ("if-false", "if false; then echo y; fi; echo $?"),
    ("if-else", "if false; then echo y; else echo n; fi"),
    ("if-elif", "if false; then echo 1; elif true; then echo 2; else echo 3; fi"),
    ("if-elif-chain", "x=3; if [ $x = 1 ]; then echo 1; elif [ $x = 2 ]; then echo 2; elif [ $x = 3 ]; then echo 3; fi"),
    ("if-status", "if false; then :; else (exit 5); fi; echo $?"),
    ("if-cond-list", "if false; true; then echo last-counts; fi"),
    ("if-newlines", "if true\nthen\necho a\nelse\necho b\nfi"),
    ("if-nested", "if true; then if false; then echo a; else echo b; fi; fi"),
    ("while", "i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done"),
    ("while-false", "while false; do echo never; done; echo $?"),
    ("until", "i=0; until [ $i -ge 3 ]; do echo $i; i=$((i+1)); done"),
    ("while-break", "while true; do echo once; break; done"),
    ("while-continue", "i=0; while [ $i -lt 4 ]; do i=$((i+1)); [ $i = 2 ] && continue; echo $i; done"),
    ("break-n", "for a in 1 2; do for b in x y; do echo $a$b; break 2; done; done; echo out"),
    ("continue-n", "for a in 1 2; do for b in x y; do echo $a$b; continue 2; done; echo never; done"),
    ("break-too-many", "for a in 1; do for b in 2; do break 5; done; done; echo out"),
    ("break-outside", "break; echo still"),
    ("loop-status", "for i in 1 2; do false; done; echo $?"),
    ("for-in", "for i in a b c; do echo $i; done"),
    ("for-no-in", "set -- x y; for i; do echo $i; done"),
    ("for-no-in-newline", "set -- x y; for i\ndo echo $i; done"),
    ("for-empty-list", "for i in; do echo never; done; echo $?"),
    ("for-var-after", "for i in a b; do :; done; echo $i"),
    ("for-expands", "x='1 2'; for i in $x 3; do echo $i; done"),
    ("for-newlines", "for i in a b\ndo\necho $i\ndone"),
    ("for-keyword-names", "for in in in; do echo $in; done"),
    ("for-bad-name", "for 1x in a; do echo $1x; done"),
    ("case-basic", "case b in a) echo A;; b) echo B;; esac"),
    ("case-alternatives", "case y in x|y|z) echo xyz;; esac"),
    ("case-default", "case q in a) echo A;; *) echo other;; esac"),
    ("case-no-match", "case q in a) echo A;; esac; echo $?"),
    ("case-first-wins", "case a in a) echo 1;; a) echo 2;; esac"),
    ("case-paren", "case a in (a) echo paren;; esac"),
    ("case-last-no-dsemi", "case a in a) echo last\nesac"),
    ("case-empty-body", "case a in a) ;; esac; echo $?"),
    ("case-patterns", "for w in abc a1 x.txt '' ; do case $w in a[0-9]) echo digit;; *.txt) echo txt;; a*) echo a-word;; '') echo empty;; esac; done"),
    ("case-quoted-pattern", "case '*' in '*') echo star;; esac; case x in '*') echo no;; *) echo yes;; esac"),
    ("case-var-pattern", "p='a*'; case abc in $p) echo match;; esac; case abc in \"$p\") echo no;; *) echo lit;; esac"),
    ("case-status", "case a in a) false;; esac; echo $?"),
    ("case-newlines", "case a\nin\na)\necho yes\n;;\nesac"),
    ("case-word-expanded", "x=hello; case $x in hel*) echo ok;; esac"),
    ("case-bracket-negate", "case b in [!a]) echo not-a;; esac"),
    ("case-esac-pattern", "case esac in esac) echo e;; esac"),
    ("case-in-loop-break", "for i in 1 2 3; do case $i in 2) break;; esac; echo $i; done"),
    ("compound-and-or", "if true; then echo a; fi && echo b"),
    ("compound-pipe", "if true; then echo a; fi | cat"),
    ("while-read-lines", "printf 'x y\\nz\\n' | while read a b; do echo \"[$a][$b]\"; done"),
    ("nested-loops", "for i in 1 2; do j=0; while [ $j -lt 2 ]; do echo $i$j; j=$((j+1)); done; done"),
)

section("2.9.5 functions",
    ("define-call", "f() { echo called; }; f"),
    ("args", "f() { echo $# $1 $2; }; f a b"),
    ("positional-restored", "set -- x y; f() { set -- 1; echo $1; }; f; echo $1 $#"),
    ("zero-unchanged", "f() { echo ${0##*/} >/dev/null; echo ok; }; f"),
    ("return-status", "f() { return 3; }; f; echo $?"),
    ("return-default", "f() { false; return; }; f; echo $?"),
    ("return-stops", "f() { echo a; return; echo b; }; f"),
    ("return-in-loop", "f() { for i in 1 2 3; do [ $i = 2 ] && return $i; echo $i; done; }; f; echo $?"),
    ("status-last", "f() { false; }; f; echo $?"),
    ("globals", "f() { x=set; }; f; echo $x"),
    ("local", "x=out; f() { local x=in; echo $x; }; f; echo $x"),
    ("local-unset-after", "f() { local y=1; }; f; echo [${y-unset}]"),
    ("recursion", "f() { [ $1 -le 0 ] && return; echo $1; f $(($1-1)); }; f 3"),
    ("fact", "fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(($1-1))) )); fi; }; fact 10"),
    ("subshell-body", "f() ( x=2; echo $x ); x=1; f; echo $x"),
    ("if-body", "f() if true; then echo if-body; fi; f"),
    ("redefine", "f() { echo 1; }; f() { echo 2; }; f"),
    ("unset-f", "f() { echo 1; }; unset -f f; f 2>/dev/null; echo $?"),
    ("function-over-path", "ls() { echo mine; }; ls"),
    ("command-skips-function", "echo() { printf 'fn\\n'; }; command echo real"),
    ("newline-before-body", "f()\n{\necho nl\n}\nf"),
    ("break-in-function-loop", "f() { while true; do break; done; echo after; }; f"),
    ("function-then-later-line", "f() { echo $1; }\nf one\nf two"),
    ("function-pipe-args", "f() { cat; }; echo piped | f"),
    ("nested-definition", "outer() { inner() { echo inner; }; }; outer; inner"),
    ("dollar-at-in-function", "f() { for a in \"$@\"; do echo [$a]; done; }; f 'a b' c"),
    ("function-exit", "f() { exit 7; }; f; echo no"),
)

section("2.11 signals and trap",
    ("trap-exit", "trap 'echo bye' EXIT; echo hi"),
    ("trap-exit-status", "trap 'echo bye' EXIT; exit 3"),
    ("trap-exit-0", "trap 'echo zero' 0; true"),
    ("trap-reset", "trap 'echo x' EXIT; trap - EXIT; echo done"),
    ("trap-signal", "trap 'echo got' USR1; kill -USR1 $$; echo after"),
    ("trap-ignore", "trap '' TERM; kill -TERM $$; echo survived"),
    ("trap-print", "trap 'echo a' INT; trap"),
    ("trap-subshell-reset", "trap 'echo parent' EXIT; (echo child)"),
    ("trap-exit-in-function", "f() { trap 'echo fexit' EXIT; }; f; echo main"),
    ("trap-status-preserved", "trap 'false' USR1; kill -USR1 $$; echo $?"),
    ("trap-bad-signal", "trap 'x' NOSUCH; echo $?"),
)

section("builtins: special",
    ("colon", ": a b c; echo $?"),
    ("dot", "echo 'x=from-dot' > inc; . ./inc; echo $x"),
    ("dot-return", "printf 'echo a\\nreturn 4\\necho b\\n' > inc; . ./inc; echo $?"),
    ("dot-missing", ". ./nosuch; echo not-reached"),
    ("dot-path", "mkdir -p p; echo 'echo via-path' > p/inc; PATH=$PWD/p:$PATH; . inc"),
    ("eval", "eval 'echo a; echo b'"),
    ("eval-vars", "x='y=5'; eval $x; echo $y"),
    ("eval-quote", "eval \"echo 'q  q'\""),
    ("eval-status", "eval false; echo $?; eval; echo $?"),
    ("exec-cmd", "exec echo replaced; echo never"),
    ("exec-status-notfound", "exec nosuchcmd-y; echo never"),
    ("exit", "exit 5"),
    ("exit-default", "false; exit"),
    ("exit-bad", "exit abc; echo after"),
    ("exit-in-subshell", "(exit 2); echo $?"),
    ("export", "export E=1; sh -c 'echo $E'"),
    ("export-then-set", "export E; E=2; sh -c 'echo $E'"),
    ("export-print", "export ZZ_T=1; export -p | grep ZZ_T"),
    ("export-bad-name", "export 1x=2; echo after"),
    ("readonly", "readonly r=1; r=2; echo not-reached"),
    ("readonly-unset", "readonly r=1; unset r; echo $?"),
    ("readonly-print", "readonly rr=5; readonly -p | grep rr"),
    ("readonly-in-function", "readonly r=1; f() { r=2; }; f; echo after"),
    ("return-outside", "return 3; echo no"),
    ("set-positional", "set -- a b c; echo $# $2"),
    ("set-clear-positional", "set -- a; set --; echo $#"),
    ("set-e", "set -e; false; echo not-reached"),
    ("set-e-if", "set -e; if false; then :; fi; echo reached"),
    ("set-e-and", "set -e; false && true; echo reached"),
    ("set-e-or", "set -e; false || true; echo reached"),
    ("set-e-not", "set -e; ! true; echo reached"),
    ("set-e-while", "set -e; while false; do :; done; echo reached"),
    ("set-e-pipeline", "set -e; false | true; echo reached; true | false; echo no"),
    ("set-e-subshell", "set -e; (false); echo no"),
    ("set-e-function", "set -e; f() { false; echo no; }; f; echo no2"),
    ("set-e-off", "set -e; set +e; false; echo reached"),
    ("set-o", "set -o errexit; false; echo no"),
    ("set-x", "set -x; echo hi; set +x; echo quiet"),
    ("set-f", "set -f; echo *"),
    ("set-bad-option", "set -Z; echo after"),
    ("shift", "set -- a b c; shift; echo $@; shift 2; echo $#"),
    ("shift-too-many", "set -- a; shift 2; echo no"),
    ("shift-zero", "set -- a b; shift 0; echo $@"),
    ("trap-builtin", "trap 'echo t' EXIT"),
    ("unset-var", "x=1; unset x; echo [${x-unset}]"),
    ("unset-several", "a=1 b=2; unset a b; echo [$a$b]"),
    ("unset-not-set", "unset nosuch; echo $?"),
    ("times", "times >/dev/null; echo $?"),
)

section("builtins: regular",
    ("cd-pwd", "cd d; pwd | sed 's|.*/||'"),
    ("cd-dash", "cd d; cd /; cd - >/dev/null; basename $(pwd)"),
    ("cd-dash-prints", "cd d; cd /; cd - | sed 's|.*/||'"),
    ("cd-home", "HOME=/; cd; pwd"),
    ("cdpath", "CDPATH=$PWD; cd / && cd d >/dev/null && basename $PWD"),
    ("ulimit", "ulimit -n; ulimit -f; ulimit -n 64; ulimit -n; ulimit -a | wc -l >/dev/null"),
    ("ulimit-bad", "ulimit -n abc; echo $?"),
    ("hash", "hash; echo $?; hash ls; echo $?"),
    ("cd-no-home", "unset HOME; cd; echo $?"),
    ("cd-error", "cd /nonexistent; echo $?"),
    ("cd-sets-pwd", "cd /; echo $PWD"),
    ("cd-oldpwd", "cd /; cd /tmp; echo $OLDPWD"),
    ("pwd", "cd /; pwd"),
    ("echo-n", "echo -n a; echo b"),
    ("echo-escapes", "echo 'a\\tb\\nc'"),
    ("echo-c", "echo 'a\\cb'; echo next"),
    ("echo-dash", "echo - -- -x"),
    ("echo-empty", "echo; echo ''"),
    ("printf-s", "printf '%s-%s\\n' a b"),
    ("printf-reuse", "printf '%s\\n' a b c"),
    ("printf-d", "printf '%d %i %5d|%-5d|\\n' 42 -7 3 4"),
    ("printf-x-o", "printf '%x %X %o %#x\\n' 255 255 8 16"),
    ("printf-c", "printf '%c%c\\n' abc d"),
    ("printf-b", "printf '%b\\n' 'a\\tb'"),
    ("printf-percent", "printf '100%%\\n'"),
    ("printf-missing-args", "printf '%s|%d|\\n'"),
    ("printf-char-code", "printf '%d\\n' \"'A\""),
    ("printf-width-string", "printf '[%5s][%-5s][%.2s]\\n' ab cd efg"),
    ("printf-bad-number", "printf '%d\\n' abc; echo $?"),
    ("printf-escapes", "printf 'a\\101\\n'"),
    ("printf-no-newline", "printf abc; echo"),
    ("test-string", "test abc && echo yes; test '' || echo no"),
    ("test-n-z", "test -n x && echo n; test -z '' && echo z"),
    ("test-eq", "test 1 -eq 1 && echo eq; test 1 -ne 2 && echo ne"),
    ("test-lt-gt", "[ 1 -lt 2 ] && [ 3 -gt 2 ] && [ 2 -le 2 ] && [ 2 -ge 2 ] && echo ok"),
    ("test-strings", "[ a = a ] && [ a != b ] && echo ok"),
    ("test-files", "[ -f a ] && [ -d d ] && [ -e a ] && [ ! -e nosuch ] && echo ok"),
    ("test-rwx", "[ -r a ] && [ -w a ] && echo rw; [ -x a ] || echo not-x"),
    ("test-s", "[ -s c.txt ] && echo nonempty; [ -s a ] || echo empty"),
    ("test-not", "[ ! a = b ] && echo ok"),
    ("test-and-or", "[ a = a -a b = b ] && echo and; [ a = b -o b = b ] && echo or"),
    ("test-parens", "[ \\( a = a \\) ] && echo ok"),
    ("test-missing-bracket", "[ a = a; echo $?"),
    ("test-bad-number", "[ x -eq 1 ]; echo $?"),
    ("test-one-arg", "[ -n ] && echo one-arg-true"),
    ("test-empty", "[ ]; echo $?"),
    ("test-h", "ln -s a lnk; [ -h lnk ] && [ -L lnk ] && echo link"),
    ("test-t", "[ -t 5 ]; echo $?"),
    ("read-basic", "echo 'a b c' | { read x y; echo \"[$x][$y]\"; }"),
    ("read-p-not-tty", "echo v | { read -p 'prompt> ' x; echo $x; }"),
    ("read-r", "printf 'a\\\\b\\n' | { read -r x; echo \"$x\"; }"),
    ("read-backslash", "printf 'a\\\\b\\n' | { read x; echo \"$x\"; }"),
    ("read-continuation", "printf 'a\\\\\\nb\\n' | { read x; echo \"$x\"; }"),
    ("read-eof", "printf 'partial' | { read x; echo $? \"$x\"; }"),
    ("read-empty-eof", "read x < /dev/null; echo $?"),
    ("read-ifs", "echo 'a:b:c' | { IFS=: read x y; echo \"[$x][$y]\"; }"),
    ("read-more-vars", "echo 'one' | { read a b c; echo \"[$a][$b][$c]\"; }"),
    ("read-leading-space", "echo '   lead  trail  ' | { read x; echo \"[$x]\"; }"),
    ("read-ifs-restored", "IFS=' '; echo 'a:b' | { IFS=: read x y; echo \"[$IFS]\"; }"),
    ("read-loop-file", "printf '1\\n2\\n3\\n' > f; s=0; while read n; do s=$((s+n)); done < f; echo $s"),
    ("getopts", "set -- -a -b val arg; while getopts ab: o; do echo $o ${OPTARG-}; done; echo $OPTIND"),
    ("getopts-bundle", "set -- -ab; while getopts ab o; do echo $o; done"),
    ("getopts-unknown", "set -- -z; getopts ab o; echo $o $?"),
    ("getopts-silent", "set -- -z; getopts :ab o; echo $o $OPTARG"),
    ("getopts-missing-arg", "set -- -b; getopts :b: o; echo $o $OPTARG"),
    ("getopts-end", "set -- a; getopts ab o; echo $? $o"),
    ("getopts-double-dash", "set -- -- -a; getopts a o; echo $? $OPTIND"),
    ("command-v", "command -v echo; command -v sh >/dev/null && echo found"),
    ("command-v-missing", "command -v nosuchcmd; echo $?"),
    ("command-runs", "command echo via-command"),
    ("type", "type echo >/dev/null && echo ok; type nosuch >/dev/null 2>&1; echo $?"),
    ("alias-print", "alias ll='ls -l'; alias ll"),
    ("alias-missing", "alias nosuch; echo $?"),
    ("alias-expand", "alias say='echo said'\nsay hi"),
    ("alias-self", "alias ls='ls -d'\nls d"),
    ("alias-same-line", "alias x='echo y'; x 2>/dev/null; echo $?"),
    ("alias-not-argument", "alias a1='echo no'\necho a1"),
    ("alias-chain", "alias a2=a3 a3='echo chained'\na2"),
    ("unalias", "alias x=y; unalias x; alias x; echo $?"),
    ("umask", "umask 022; umask; umask 077; umask"),
    ("umask-effect", "umask 077; : > f; ls -l f | cut -c1-10"),
    ("wait-status", "sh -c 'exit 6' & wait $!; echo $?"),
    ("wait-all", "sleep 0.1 & sleep 0.1 & wait; echo $?"),
    ("kill-self-term", "kill -TERM $$; echo no"),
    ("kill-l", "kill -l 9"),
    ("true-false", "true; echo $?; false; echo $?"),
    ("local-outside", "local x=1; echo $?"),
    ("jobs-noninteractive", "jobs; echo $?"),
)

section("scripts",
    ("fizzbuzz", """
i=1
while [ $i -le 15 ]; do
    if [ $((i % 15)) -eq 0 ]; then echo FizzBuzz
    elif [ $((i % 3)) -eq 0 ]; then echo Fizz
    elif [ $((i % 5)) -eq 0 ]; then echo Buzz
    else echo $i
    fi
    i=$((i + 1))
done
"""),
    ("word-count", """
count() {
    n=0
    for w in $1; do n=$((n + 1)); done
    echo $n
}
count "the quick brown fox"
count ""
"""),
    ("path-parts", """
p=/usr/local/lib/libfoo.so.1
echo dir=${p%/*} base=${p##*/} ext=${p##*.} stem=${p%%.*}
"""),
    ("case-dispatch", """
for arg in -v --help file.c other; do
    case $arg in
        -v|--verbose) echo verbose ;;
        --help) echo help ;;
        *.c) echo "c source: $arg" ;;
        *) echo "unknown: $arg" ;;
    esac
done
"""),
    ("heredoc-function-loop", """
greet() {
    cat <<EOF
Hello, $1!
EOF
}
for n in a b; do greet $n; done
"""),
    ("sum-lines", """
total=0
while read -r n; do
    total=$((total + n))
done <<EOF
10
20
30
EOF
echo total=$total
"""),
    ("string-reverse", """
s=abcdef r=
while [ -n "$s" ]; do
    rest=${s#?}
    r=${s%"$rest"}$r
    s=$rest
done
echo $r
"""),
    ("getopts-script", """
parse() {
    OPTIND=1
    while getopts "vo:" opt "$@"; do
        case $opt in
            v) echo verbose ;;
            o) echo "out=$OPTARG" ;;
        esac
    done
    shift $((OPTIND - 1))
    echo "rest: $*"
}
parse -v -o file a b
"""),
    ("trap-cleanup", """
tmp=./tmpfile
trap 'rm -f $tmp; echo cleaned' EXIT
echo data > $tmp
cat $tmp
"""),
    ("long-function", "f() {\n" + "".join(f"  x=$((x + {i}))\n" for i in range(1, 401)) + "}\nf; echo $x"),
    ("subshell-pipeline-status", """
out=$( { echo one; echo two; } | sort -r | head -1 )
echo "$out"
"""),
    ("eval-indirect", """
set_var() { eval "$1=\\$2"; }
set_var color blue
echo $color
"""),
    ("nested-quotes", """
x="a 'b' \\"c\\""
echo "$x"
echo "$(echo "$x")"
"""),
)


def all_cases():
    for sec, cases in SECTIONS.items():
        for name, script in cases:
            yield sec, name, script


# The script the boot.*.shell tests run in the guest: the same under dash.
import os as _os
with open(_os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "guest.sh")) as _f:
    SECTIONS["scripts"].append(("guest-sh-test", _f.read()))
