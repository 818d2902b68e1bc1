# The shell's language on a running system: /etc/sh-test.sh in the default
# initramfs, run by the boot.*.shell sessions on both architectures (and by
# host.sh under dash and under the host build, which must agree).  Each
# check compares what a construct gave with what it must give; the last
# line says how many passed.
passed=0 failed=0
check() {
	if [ "$2" = "$3" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "sh-test: FAIL $1: got [$2], want [$3]"
	fi
}

# compound commands
out=
for i in 1 2 3; do out="$out$i"; done
check for "$out" 123
n=0
while [ $n -lt 5 ]; do n=$((n + 1)); done
check while $n 5
until [ $n -eq 0 ]; do n=$((n - 1)); done
check until $n 0
if false; then r=if; elif true; then r=elif; else r=else; fi
check if-elif $r elif
case hello.c in *.h) r=header ;; *.c|*.s) r=source ;; *) r=other ;; esac
check case $r source
r=$(for a in 1 2; do for b in x y; do [ $b = y ] && continue 2; printf %s $a$b; done; done)
check continue-2 "$r" 1x2x
r=$( (echo sub; exit 3); echo "st=$?")
check subshell "$r" "sub
st=3"
{ r=group; }
check group $r group

# functions, positional parameters, local, return
add() { local sum=0; for x; do sum=$((sum + x)); done; echo $sum; }
check function "$(add 1 2 3 4)" 10
fact() { [ $1 -le 1 ] && { echo 1; return; }; echo $(($1 * $(fact $(($1 - 1))))); }
check recursion "$(fact 10)" 3628800
f() { return 7; }
f
check return $? 7
set -- "a b" c
check dollar-at "$(for a in "$@"; do printf '[%s]' "$a"; done)" "[a b][c]"
check dollar-hash $# 2

# expansions
p=/usr/lib/libc.so.6
check trim "${p##*/} ${p%/*} ${p%%.*}" "libc.so.6 /usr/lib /usr/lib/libc"
unset u
check default "${u:-def} ${u-d2} ${#p}" "def d2 18"
check arith "$((7 * 6)) $((1 << 10)) $((17 % 5)) $((2 > 1 ? 9 : 8))" "42 1024 2 9"
check nested-subst "$(echo $(echo $(echo deep)))" deep
check backquote "`echo back`" back
IFS=: read a b c <<EOF
one:two:three
EOF
check read-ifs "$a $b $c" "one two three"
x="  spaced   out  "
set -- $x
check split $# 2
check glob "$(cd /bin && echo s[h])" sh

# here-documents and redirections
cat > /tmp/sh-test.out <<-END
	tab-stripped $((1 + 1))
	END
check heredoc "$(cat /tmp/sh-test.out)" "tab-stripped 2"
exec 3>/tmp/sh-test.out
echo via-fd-3 >&3
exec 3>&-
check fd-dup "$(cat /tmp/sh-test.out)" via-fd-3
check stderr "$(( $(ls /no-such-dir 2>&1 >/dev/null | wc -l) ))" 1

# builtins
check printf "$(printf '%s-%03d|%x' ab 7 255)" "ab-007|ff"
check test "$([ -d / ] && [ abc != abd ] && echo ok)" ok
eval 'ev=evaluated'
check eval $ev evaluated
r=$(trap 'echo trapped' EXIT; echo body)
check trap-exit "$r" "body
trapped"
r=$(set -e; false; echo not-reached)
check set-e "$r" ""
rm -f /tmp/sh-test.out

# listings that read back as commands; dash's numbers and messages
check trap-list "$(trap 'echo it'"'"'s' USR1; trap)" "trap -- 'echo it'\"'\"'s' USR1"
check export-unset "$(unset zz; export zz; export -p | grep -w zz)" "export zz"
check readonly-list "$(ro=1; readonly ro; readonly -p | grep -w ro)" "readonly ro='1'"
set -- ab c
check length-at "${#@}" 4
f300() { return 300; }
f300
check return-300 $? 300
i=0
while [ $i -lt 3000 ]; do eval 'i=$((i + 1))'; done
check eval-loop $i 3000
case $(nosuchcmd-z 2>&1) in
*": nosuchcmd-z: not found") r=dash-message ;;
*) r=other ;;
esac
check not-found-message $r dash-message
case $( : 2>&1 > /no/such/dir/f) in
"$0: "*": cannot create /no/such/dir/f: Directory nonexistent") r=dash-message ;;
*) r=other ;;
esac
check redirect-message $r dash-message

echo "sh-test: $passed passed, $failed failed"
