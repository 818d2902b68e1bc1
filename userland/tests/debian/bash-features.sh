# Debian's bash-static: the language features people write bash for.  Run as
# the first process on Ringel (boot.*.bash: init=/opt/debian/bash) and, as the
# oracle, by the same binary on Linux (scripts/bbcompare.py, which compares
# the "## NAME" sections).  The commands around bash's features (sleep,
# sed, mkdir...) are Debian's busybox (PATH holds its links).
shopt -s extglob   # (at parse time: the globbing section uses !(...))
export TZ=UTC LC_ALL=C HOME=/
T=/tmp/bst
/opt/debian/busybox mkdir -p /tmp/bsbin && /opt/debian/busybox --install -s /tmp/bsbin
export PATH=/tmp/bsbin

sec() { echo "## $1"; }

arrays() {
	sec arrays
	a=(zero one "two words" three)
	echo "${#a[@]} ${a[2]} ${a[-1]} ${!a[*]}"
	a+=(four); a[10]=ten; echo "${#a[@]} ${!a[*]}"
	unset 'a[1]'; echo "${a[*]}"
	for x in "${a[@]:1:2}"; do echo "slice <$x>"; done
	b=("${a[@]/o/0}"); echo "${b[*]}"
	printf '%s|' "${a[@]^^}"; echo
	sec assoc
	declare -A m=([apple]=red [banana]=yellow)
	m[cherry]=dark; m+=([date]=brown)
	for k in $(printf '%s\n' "${!m[@]}" | sort); do echo "$k=${m[$k]}"; done
	echo "${#m[@]} ${m[apple]} ${m[nothing]:-none}"
	[[ -v m[banana] ]] && echo "has banana"; unset 'm[banana]'; [[ -v m[banana] ]] || echo "no banana"
	sec mapfile-read-a
	printf 'l1\nl2\nl3\n' > $T/lines
	mapfile -t L < $T/lines; echo "${#L[@]} ${L[1]}"
	readarray -s 1 -n 1 M < $T/lines; printf '%q\n' "${M[0]}"
	read -r -a W <<< "alpha beta  gamma"; echo "${#W[@]} ${W[2]}"
	IFS=, read -r -a C <<< "a,b,,d"; echo "${#C[@]} <${C[2]}>"
	read -r x y <<< "first rest of line"; echo "$x|$y"
}

tests_arith() {
	sec double-brackets
	s=hello.tar.gz
	[[ $s == *.tar.gz ]] && echo glob
	[[ $s =~ ^([a-z]+)\.(.*)$ ]] && echo "re ${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"
	[[ -z "" && -n x || false ]] && echo logic
	[[ abc < abd ]] && echo lexical; [[ 10 -gt 9 ]] && echo numeric
	[[ ! -e /nonexistent ]] && echo absent
	sec arithmetic
	(( x = 5 * 3, y = x % 4 )); echo "$x $y"
	(( x > 10 )) && echo big; (( z = x++ + ++y )); echo "$x $y $z"
	echo $(( 2 ** 16 )) $(( 16#ff )) $(( 2#1010 )) $(( -7 / 2 )) $(( -7 % 2 )) $(( 1 < 2 ? 10 : 20 ))
	i=0; while (( i < 5 )); do (( i++ )); done; echo "i=$i"
	declare -i n=3; n+=4; n=n*2; echo "n=$n"
	let "q = 7 << 2" "r = q ^ 5"; echo "$q $r"
	for ((j = 10; j > 0; j -= 3)); do printf '%d ' $j; done; echo
}

functions() {
	sec functions
	greet() { local who=${1:-world}; echo "hello $who"; return 3; }
	greet; echo "status $?"; greet you
	outer() { local v=outer; inner; echo "after inner: $v"; }
	inner() { v=changed; local w=local; }
	outer; echo "w is ${w:-unset}"
	fib() { local n=$1; (( n < 2 )) && { echo $n; return; }; echo $(( $(fib $((n - 1))) + $(fib $((n - 2))) )); }
	echo "fib 12 = $(fib 12)"
	count_args() { echo "$# args, last ${!#}"; }; count_args a b "c d"
	declare -f greet | head -n 1
	f_nameref() { local -n ref=$1; ref=assigned; }; target=old; f_nameref target; echo "$target"
	recurse() { (( $1 > 0 )) && recurse $(( $1 - 1 )); echo -n "$1 "; }; recurse 4; echo
	echo "FUNCNAME in a function: $(f() { echo ${FUNCNAME[0]}; }; f)"
}

expansions() {
	sec braces
	echo {a,b,c}-{1,2}; echo {1..5} {a..e} {10..0..5} {01..03}
	echo file{,.bak}; mkdir -p $T/br/{x,y}/z && ls $T/br | tr '\n' ' '; echo
	sec parameters
	v="The quick brown fox"
	echo "${v//o/0}" "${v/quick/slow}" "${v#* }" "${v##* }" "${v%% *}" "${v% *}"
	echo "${v^^}" "${v,,}" "${v:4:5}" "${v: -3}" "${#v}"
	echo "${unset_var:-default} ${unset_var:=assigned} $unset_var ${v:+alt}"
	arr=(a b c); echo "${arr[@]/#/pre-}" "${arr[@]/%/-post}"
	name=v; echo "${!name}"
	printf -v out '%05d-%s' 42 "${v%% *}"; echo "$out"
	printf -v hex '%x' 255; echo "$hex"
	echo "${v@Q}"; x='a b'; echo "${x@Q}"
	sec here-strings
	tr a-z A-Z <<< "here string"
	while read -r line; do echo "got: $line"; done <<EOF
one
two $((1 + 1))
EOF
	cat <<'EOF'
literal $v
EOF
	sec quoting
	echo $'tab\there' "dq \$v" 'sq $v'
	set -- "a b" c; for w in "$@"; do echo "[$w]"; done; for w in $*; do echo "($w)"; done
	IFS=: read -r p1 p2 <<< "x:y"; echo "$p1 $p2"
	sec globbing
	mkdir -p $T/g && cd $T/g && touch a.c b.c c.h .hidden
	echo *.c; echo *.[ch]; echo ?.h
	shopt -s nullglob; echo none: *.zzz; shopt -u nullglob
	shopt -s dotglob; echo * ; shopt -u dotglob
	echo !(*.c); echo @(a|b).c
	cd /
	sec command-substitution
	echo "$(echo nested $(echo deep))" `echo backquote`
	x=$(printf 'trailing\n\n\n'); echo "[$x]"
	sec process-substitution
	# (through /dev/fd: a pipe reopened by its /proc/self/fd link)
	diff <(echo a) <(echo a) && echo same
	while read -r l; do echo "got $l"; done < <(printf 'x\ny\n')
}

control() {
	sec case
	for f in x.txt y.jpg z; do
		case $f in
		*.txt) echo "$f text" ;;&
		x*) echo "$f starts with x" ;;
		*.jpg | *.png) echo "$f image" ;;
		*) echo "$f other" ;;
		esac
	done
	sec loops
	for i in 1 2 3 4 5; do (( i == 2 )) && continue; (( i == 4 )) && break; echo -n "$i "; done; echo
	select x in a b; do break; done <<< "2" 2>/dev/null; echo "select $x"
	until false; do echo once; break; done
	sec traps
	trap 'echo "exit trap"' EXIT; trap - EXIT
	( trap 'echo "in EXIT trap of subshell"' EXIT; echo subshell body )
	( trap 'echo "USR1 caught"' USR1; kill -USR1 $BASHPID; echo "after kill" )
	( trap 'echo "ERR trap on line $LINENO"' ERR; false; echo continued ) | sed 's/line [0-9]*/line N/'
	f() { trap 'echo RETURN trap' RETURN; echo in f; }; ( set -T; f )
	( trap 'echo "DEBUG"' DEBUG; : ) | head -n 1
	sec errexit-pipefail
	( set -e; false; echo not reached ); echo "set -e: $?"
	( set -o pipefail; false | true; echo "pipefail: $?" )
	( set -u; echo "$undefined_var" ) 2>/dev/null; echo "set -u: $?"
	echo "${PIPESTATUS[*]}"; true | false | true; echo "${PIPESTATUS[*]}"
	sec subshells
	x=1; ( x=2; echo "in $x" ); echo "out $x"
	{ x=3; }; echo "group $x"
	echo "$BASH_SUBSHELL $(echo $BASH_SUBSHELL)"
	echo pipe | { read -r l; echo "read $l"; }
	shopt -s lastpipe; set +m; echo last | read -r lp; echo "lastpipe $lp"; shopt -u lastpipe
	sec redirections
	echo out > $T/r1; echo more >> $T/r1; cat < $T/r1
	{ echo to-stderr >&2; } 2>&1 | cat
	exec 3> $T/r3; echo fd3 >&3; exec 3>&-; cat $T/r3
	exec {fd}< $T/r1; read -r first <&$fd; exec {fd}<&-; echo "named fd read $first"
	echo both &> $T/r4; cat $T/r4
	cat <<< "$(< $T/r1)"
}

jobs_signals() {
	sec jobs
	# (each job is given a moment to start before it is signalled: the
	# oracle's qemu-user loses a signal that arrives while it starts up)
	sleep 5 & pid=$!; sleep 0.2; kill $pid; wait $pid; echo "killed: $?"
	sleep 0.1 & wait $!; echo "waited: $?"
	( exit 7 ) & wait $!; echo "exit code: $?"
	sleep 5 & sleep 5 & jobs | sed 's/Running *//'; sleep 0.2; kill %1 %2; wait 2>/dev/null; echo "jobs done"
	# (which of two jobs ends first is the scheduler's choice: wait for one by
	# pid, then wait -n for the other)
	( sleep 0.3; exit 3 ) & ( exit 4 ) & p=$!; wait $p; echo "wait pid: $?"; wait -n; echo "wait -n: $?"
	sec job-control
	# set -m: each background job in its own process group; the shell
	# reports them.  (bash's job control needs no tty for this.)
	( set -m; sleep 5 & p=$!; [[ $(ps_pgid $p) != $(ps_pgid $BASHPID) ]] && echo "own group"
	  jobs -l
	  kill -STOP $p; kill -CONT $p; kill $p; wait $p; echo "status $?" ) 2>&1
	sec kill-signals
	( trap 'echo TERM; exit 1' TERM; kill -TERM $BASHPID; echo no ); echo "sub: $?"
	kill -l 9; kill -l SIGUSR2
	( sleep 5 & kill -9 $!; wait $!; echo "killed by $(kill -l $?)" ) 2>/dev/null
	sec timeout-read
	sleep 0.5 | { read -r -t 0.1 nothing || echo "read timed out: $?"; }
}

# /proc/PID/stat's process group (field 5), read with bash alone
ps_pgid() { local s; read -r s < /proc/$1/stat; s=${s#*) }; set -- $s; echo $3; }

builtins() {
	sec builtins
	type -t echo; type -t ps_pgid; type -t if; command -v cd
	printf '%s=%d\n' a 1 b 2; printf '%-5s|%5.2f|%#o\n' x 3.14159 8
	echo "$((RANDOM >= 0))" "${#BASH_VERSINFO[@]}" "${BASH_VERSINFO[0]}"
	declare -r ro=1; ( ro=2 ) 2>/dev/null || echo "readonly"
	declare -l lower=MiXeD; declare -u upper=MiXeD; echo "$lower $upper"
	x=5; declare -p x; unset x; declare -p x 2>/dev/null || echo "unset x"
	getopts_test() { local OPTIND o; while getopts "ab:" o; do echo "opt $o ${OPTARG:-}"; done; }
	getopts_test -a -b val
	cd $T && pwd && cd - > /dev/null && pwd; pushd $T > /dev/null; dirs | wc -w; popd > /dev/null
	hash -r; umask 027; umask; umask -S; umask 022
	eval 'echo "eval $((6 * 7))"'
	echo "$SECONDS" | grep -q '^[0-9]*$' && echo seconds
	source /dev/stdin <<< 'echo sourced from stdin'
	echo 'echo sourced' > $T/src; source $T/src
	enable -a | grep -c 'enable echo'
	time_out=$( { time -p : ; } 2>&1 ); echo "${time_out%% *}"
	sec files
	mkdir -p $T/f; echo data > $T/f/a; [[ -f $T/f/a && -s $T/f/a && ! -x $T/f/a ]] && echo "test ops"
	[[ $T/f/a -nt /nonexistent ]] && echo newer
	echo > /dev/null; [[ -c /dev/null ]] && echo "char dev"
	cd $T/f && for f in *; do echo "file $f"; done; cd /
}

main() {
	rm -rf $T; mkdir -p $T
	arrays
	tests_arith
	functions
	expansions
	control
	jobs_signals
	builtins
	rm -rf $T /tmp/bsbin
	sec end
}

echo "=== bash features begin"
main 2>&1 | cat
echo "=== bash features end"
