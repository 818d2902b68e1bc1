# Debian's busybox-static, its applets used the way people use them.  Run by
# that busybox's sh as the first process (pid 1), on Ringel (boot.*.busybox,
# init=/opt/debian/busybox) and on Linux as the oracle (the same binary in a
# private user, mount and pid namespace; under qemu-aarch64 for arm64).
# scripts/bbcompare.py compares the two outputs section by section ("## NAME"
# lines); its table says which machine-specific figures it normalises.
# Everything happens in a scratch directory, so the output depends only on
# busybox and the kernel.  Lines left out for a system call Ringel lacks say
# which one in a comment.
export TZ=UTC LC_ALL=C HOME=/
exec </dev/null   # no terminal on either side (Ringel's init has the console)
T=/tmp/bbt
# The applets as links in a directory on PATH, as `busybox --install` makes
# them (it finds itself through /proc/self/exe): tar runs gzip by PATH.
mkdir -p /tmp/bbbin && /opt/debian/busybox --install -s /tmp/bbbin
export PATH=/tmp/bbbin

sec() { echo "## $1"; }

shell_language() {
	sec functions
	fact() { if [ "$1" -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(( $1 - 1 ))) )); fi; }
	echo "fact 10 = $(fact 10)"
	count() { local n=0; for x in "$@"; do n=$((n + 1)); done; echo "$n args"; }
	count a "b c" d
	sec loops
	i=0; while [ $i -lt 5 ]; do i=$((i + 1)); [ $i -eq 2 ] && continue; printf '%s ' $i; done; echo
	for w in one two three; do case $w in t*) echo "t-word $w" ;; o*) echo "o-word $w" ;; esac; done
	n=0; until [ $n -ge 3 ]; do n=$((n + 1)); done; echo "until $n"
	sec case
	for f in a.tar.gz b.txt c; do
		case $f in *.tar.gz) echo "$f tarball" ;; *.txt | *.md) echo "$f text" ;; *) echo "$f other" ;; esac
	done
	sec heredoc
	v=expanded
	cat <<EOF
here $v $((2 + 3))
EOF
	cat <<'EOF'
here $v not
EOF
	cat <<-EOF
		tabs stripped
	EOF
	sec expansions
	s=/usr/local/lib/libfoo.so.1
	echo "${s##*/} ${s%/*} ${s#/usr} ${#s} ${unset:-default} ${s%%.*}"
	set -- x y z; echo "$# $2 $*"; shift; echo "$@"
	echo $(( (7 + 3) * 2 % 7 )) $(( 1 << 10 )) $(( 0x10 + 010 ))
	sec traps
	sh -c 'trap "echo caught USR1" USR1; kill -USR1 $$; echo after'
	sh -c 'trap "echo exit trap" EXIT; echo body'
	(trap 'echo subshell TERM; exit 7' TERM; kill -TERM $(sh -c 'echo $PPID'); sleep 5); echo "status $?"
	sec subshells
	x=outer; (x=inner; echo $x); echo $x
	echo "$(echo a; echo b)" | wc -l
	{ echo one; echo two; } | tail -n 1
	false || echo "or ran"; true && echo "and ran"; ! false && echo negated
	sec read
	printf 'k1=v1\nk2=v2\n' | while IFS== read -r k v; do echo "$v<-$k"; done
	sec set-e
	sh -c 'set -e; false; echo not reached'; echo "set -e status $?"
	sh -c 'set -u; echo $nope' 2>/dev/null; echo "set -u status $?"
}

files() {
	sec mkdir
	mkdir -p $T/a/b/c && cd $T && echo ok
	sec touch-ls
	touch -d '2024-03-01 10:20:30' a/b/c/file1
	echo hello > a/b/f2; touch -d '2023-12-31 23:59:59' a/b/f2
	chmod 640 a/b/f2; chmod u+x,g-r a/b/c/file1
	ls -l a/b/c/file1 a/b/f2 | sed 's/  */ /g'
	ls -1 a/b; ls -a a/b/c; ls -R a | head -n 6
	ls -ld a/b | cut -c1-10
	sec stat
	stat -c '%n %s %a %F' a/b/f2 a/b a/b/c/file1
	stat -c '%y %Y' a/b/f2
	sec ln-readlink
	ln -s b/f2 a/link; readlink a/link; readlink -f a/link | sed "s|$T|T|"
	ln a/b/f2 a/hard; stat -c '%h' a/b/f2; cat a/link
	realpath a/b/../b/f2 | sed "s|$T|T|"
	sec cp-mv-rm
	cp -a a acopy; ls -l acopy/b/f2 | sed 's/  */ /g'; readlink acopy/link
	mv acopy/b/f2 acopy/moved; ls acopy acopy/b
	cp -r a a2 && rm -r a2 && echo "a2 gone: $(ls -d a2 2>&1 | grep -c 'No such')"
	rm -f acopy/moved; rmdir acopy/b/c 2>&1 | sed 's/.*rmdir/rmdir/'
	rm -rf acopy; [ ! -e acopy ] && echo removed
	sec find
	mkdir -p f/x f/y; touch f/x/1.c f/x/2.h f/y/3.c f/top.c
	find f -name '*.c' | sort
	find f -type d | sort
	find f -name '*.h' -exec echo found {} \;
	find f -type f -newer f/x/1.c | wc -l
	find f -maxdepth 1 -type f
	sec basename-dirname
	basename /a/b/c.txt .txt; basename /a/b/; dirname /a/b/c; dirname c
	sec mktemp
	d=$(mktemp -d $T/tmp.XXXXXX) && [ -d "$d" ] && echo "mktemp dir ok" && rmdir "$d"
	sec du
	dd if=/dev/zero of=$T/blk bs=1024 count=8 2>/dev/null
	du -k $T/blk | sed "s|$T|T|"
	sec truncate
	truncate -s 100 $T/tr; stat -c %s $T/tr; truncate -s 10 $T/tr; stat -c %s $T/tr
	sec pwd
	cd $T/a/b && pwd && cd - >/dev/null && pwd
	sec link-unlink
	link a/b/f2 a/l2 && unlink a/l2 && echo link-unlink
	sec fifo
	mkfifo $T/ff; stat -c %F $T/ff; (echo through fifo > $T/ff &); cat $T/ff; rm $T/ff
}

text() {
	cd $T
	printf 'banana 3\napple 10\ncherry 7\napple 2\n' > fruit
	sec sort-uniq
	sort fruit; sort -k2 -n fruit; sort -r fruit | head -n 2
	cut -d' ' -f1 fruit | sort | uniq -c | sed 's/^ *//'
	cut -d' ' -f1 fruit | sort -u
	sec cut-tr-paste
	echo a:b:c:d | cut -d: -f2,4; echo abcdef | cut -c2-4
	echo "Hello World" | tr a-z A-Z; echo "a  b   c" | tr -s ' '; echo hello | tr -d l
	printf '1\n2\n' > c1; printf 'x\ny\n' > c2; paste c1 c2; paste -d, c1 c2
	sec grep
	grep apple fruit; grep -c a fruit; grep -v a fruit; grep -n cherry fruit
	grep -E '^(apple|cherry) [0-9]+$' fruit | wc -l; grep -i BANANA fruit; grep -o '[0-9]*' fruit | head -n 2
	echo "x.y" | fgrep .; echo "aaa" | egrep 'a{3}'; grep -l apple fruit c1; grep -q nothing fruit || echo "no match"
	grep -r apple . 2>/dev/null | sort
	sec sed
	sed 's/apple/APPLE/g' fruit; sed -n '2p' fruit; sed '1d;3d' fruit; sed -e '/cherry/i\
inserted' fruit | head -n 4
	echo "path/to/file" | sed 's|/|\\|g'; echo aaa | sed 's/a/b/2'
	sed -n '$=' fruit; printf 'x\n' > sedf; sed -i 's/x/y/' sedf; cat sedf
	echo "one two" | sed -E 's/(\w+) (\w+)/\2 \1/'
	sec awk
	awk '{ s += $2 } END { print "sum", s, NR }' fruit
	awk -F: '{ print $2 }' <<EOF
a:b:c
EOF
	awk '$2 > 5 { print $1 }' fruit; awk 'BEGIN { printf "%5.2f|%-4s|%d\n", 3.14159, "ab", 42 }'
	awk '{ n[$1] += $2 } END { for (k in n) print k, n[k] }' fruit | sort
	awk 'BEGIN { print length("hello"), substr("hello", 2, 3), toupper("x"), index("abc", "c") }'
	awk 'BEGIN { split("a,b,c", p, ","); print p[3]; x = "aXbXc"; gsub(/X/, "-", x); print x }'
	seq 5 | awk 'NR % 2'; echo "3 4" | awk '{ print $1 * $2, $1 / $2, $1 % $2 }'
	sec wc-head-tail
	wc -l fruit; wc -w < fruit; wc -c fruit; head -n 2 fruit; tail -n 1 fruit; tail -c 5 fruit
	seq 100 | head -n 3; seq 100 | tail -n +98; head -c 3 fruit; echo
	sec seq-expr
	seq 3; seq 2 2 8; seq -s, 5; seq 3 -1 1
	expr 7 \* 6; expr length hello; expr substr hello 2 3; expr 10 / 3; expr 5 \> 3; expr index abc c
	expr "abc123" : '[a-z]*'; expr 1 = 2; echo "expr status $?"
	sec test
	test -f fruit && echo file; test -d . && echo dir; [ -s fruit ] && echo nonempty
	[ abc = abc ] && echo streq; [ 3 -gt 2 ] && echo gt; [ -z "" ] && echo empty
	[ -n x -a 1 -eq 1 ] && echo and; [ ! -e nothing ] && echo missing; [[ abc == a* ]] && echo glob
	true; echo "true $?"; false; echo "false $?"
	sec printf-echo
	printf '%s-%d-%05.1f-%x-%o-%c-%%\n' str 42 3.14159 255 8 z
	printf '%-6s|%6s|\n' ab cd; printf '%b\n' 'tab\there'; echo -n no-newline; echo; echo -e 'a\tb'
	sec diff-cmp
	printf 'a\nb\nc\n' > d1; printf 'a\nB\nc\nd\n' > d2
	diff d1 d2 | grep -v '^[-+][-+][-+] '; echo "diff status $?"
	diff d1 d1 && echo same
	cmp d1 d2; echo "cmp status $?"; cmp -s d1 d1 && echo cmp-same
	sec patch
	diff -u d1 d2 > p.diff; cp d1 d3; patch d3 < p.diff >/dev/null; cmp d2 d3 && echo patched
	sec tac-rev-nl-fold
	tac d1; echo abc | rev; nl d1 | sed 's/^ *//'; echo abcdefghij | fold -w 4
	printf 'a\tb\n' | expand -t 4 | od -c | head -n 1; printf 'a       b\n' | unexpand -a | od -c | head -n 1
	sec tee-yes
	echo teed | tee tee1 > /dev/null; cat tee1; yes y | head -n 3; yes | head -n 2
	sec strings
	printf 'ab\000hello world\001\002xyz\000longer string\n' > bin1; strings bin1
	sec factor-bc-dc
	factor 360 97 1001
	echo '2^64; scale=5; 22/7; sqrt(2)' | bc
	echo '3 4 + 5 * p' | dc
	sec dos2unix
	printf 'a\r\nb\r\n' > dos; dos2unix dos; od -c dos | head -n 1; unix2dos dos; od -c dos | head -n 1
	sec getopt
	getopt -o ab:c --long long:,flag -- -a -b val --long=x --flag file
	sec cal
	cal 2 2024
	sec ed
	printf 'line1\nline2\n' > edf; printf '2s/line/LINE/\nw\nq\n' | ed edf; cat edf
}

archives() {
	cd $T
	sec gzip
	seq 1000 > nums; cp nums nums.orig
	gzip -9 nums; [ -f nums.gz ] && [ ! -f nums ] && echo gzipped
	gzip -t nums.gz && echo intact; zcat nums.gz | tail -n 1; gunzip nums.gz; cmp nums nums.orig && echo roundtrip
	echo stream | gzip | gunzip
	sec bzip2-lzop
	bzip2 -k nums && bunzip2 -c nums.bz2 | md5sum; bzcat nums.bz2 | wc -l
	lzop -c nums > nums.lzo && lzop -dc nums.lzo | md5sum
	sec tar
	mkdir -p td/sub; echo one > td/one; echo two > td/sub/two; touch -d '2024-01-01 00:00:00' td/one td/sub/two td/sub td
	tar cf t.tar td; tar tf t.tar | sort; tar tvf t.tar | awk '{print $1, $3, $4, $5, $6}' | sort
	mkdir x1 && tar xf t.tar -C x1 && cat x1/td/sub/two
	tar czf t.tgz td && tar tzf t.tgz | wc -l; tar xzf t.tgz -O td/one
	tar cjf t.tbz td && tar xjf t.tbz -O td/sub/two
	sec cpio
	(cd td && find . | sort | cpio -o -H newc 2>/dev/null) > t.cpio; cpio -t < t.cpio 2>/dev/null | sort
	mkdir cx && cd cx && cpio -id < ../t.cpio 2>/dev/null && cat sub/two; cd ..
	sec sums
	md5sum nums; sha1sum nums; sha256sum nums; sha512sum nums | cut -c1-32; sha3sum nums | cut -c1-32
	md5sum nums > nums.md5; md5sum -c nums.md5; crc32 nums
	echo -n abc | sha256sum
	sec base64-uu
	echo 'hello base64' | base64; echo aGVsbG8K | base64 -d
	echo uu | uuencode -m name | uudecode -o - ; echo binary | uuencode f | head -n 1
	sec dd-od-hexdump
	printf 'ABCDEFGHIJKLMNOP' > raw
	dd if=raw of=raw2 bs=4 skip=1 count=2 2>/dev/null; cat raw2; echo
	dd if=raw bs=1 count=3 2>&1 | grep records
	dd if=/dev/zero bs=512 count=4 2>/dev/null | wc -c
	od -c raw | head -n 2; od -An -tx1 raw | head -n 1; od -Ad -tu2 raw | head -n 1
	hexdump -C raw; hexdump -n 4 -e '4/1 "%02x" "\n"' raw; printf 'AB' | xxd
	sec shred-fallocate
	echo secret > sh1; shred -u sh1; [ ! -e sh1 ] && echo shredded
	fallocate -l 8192 fa && stat -c %s fa
}

system() {
	cd $T
	sec date
	date -u -d @0; date -u -d '2024-02-29 12:34:56' +%s; date -u -d @1700000000 '+%Y-%m-%d %H:%M:%S %a %j'
	date -u -d '2024-01-01' '+%A %B %d'; d=$(date +%s); [ "$d" -gt 1700000000 ] && echo "clock set"
	sec hostname
	hostname bbtest && hostname && uname -n; dnsdomainname 2>/dev/null; echo "dns status $?"
	sec uname
	uname -s; uname -m; uname -r; uname -n; arch
	sec id
	id; id -u; id -g; whoami 2>&1; groups 2>&1
	sec nproc
	nproc
	sec env
	env -i A=1 B=2 env | sort; env -u HOME env | grep -c '^HOME='; X=1 env | grep '^X='
	sec sleep-timeout
	sleep 0.2; echo slept; usleep 1000; echo usleep
	timeout 1 sleep 5; echo "timeout status $?"; timeout 5 true; echo "no timeout $?"
	sec kill
	# (each job is given a moment to start before it is signalled: the
	# oracle's qemu-user loses a signal that arrives while it starts up.
	# Whether ash says "Terminated" for a killed job depends on when it
	# reaps it, in wait or at its next SIGCHLD: a race on Linux too, so the
	# shells' stderr is not compared here; the statuses are)
	( sleep 10 & p=$!; sleep 0.2; kill $p; wait $p; echo "killed $?" ) 2>/dev/null
	( sleep 10 & p=$!; kill -9 $p; wait $p; echo "killed -9 $?" ) 2>/dev/null
	kill -l 15; kill -l | head -n 1 | cut -c1-20
	( sleep 10 & p=$!; sleep 0.2; kill -STOP $p; kill -CONT $p; kill $p; wait $p; echo "stop-cont $?" ) 2>/dev/null
	sec pidof-killall
	( sleep 7 & p=$!; sleep 0.2; pidof sleep | wc -w; killall sleep; s=$?; kill $p; wait $p; echo "killall $s $?" ) 2>/dev/null
	sec jobs
	sleep 3 & sleep 3 & jobs | sed 's/Running  */Running /'; sleep 0.2; kill %1 %2; wait 2>/dev/null; echo "jobs done"
	sec xargs
	printf 'a\nb\nc\n' | xargs echo; printf 'a b c d\n' | xargs -n 2 echo; printf '1\n2\n' | xargs -I{} echo item {}
	find $T/f -name '*.c' | sort | xargs basename -a; echo x | xargs -0 printf '[%s]'; echo
	sec ps
	# (timeout's watcher of "timeout 5 true" above lives up to a second more: left out)
	# (into a file first: a pipeline's later commands may be caught mid-exec.
	# No comm: busybox names its applets with prctl(PR_SET_NAME), which
	# comes with branch ipc; add "-o comm" and keep the "{comm}" prefix
	# that ps puts before a renamed process's arguments after the merge)
	ps -o args > ps.out; grep -v 'timeout' ps.out | sed 's/^{[^}]*} //; s/ *$//'
	sec top
	top -bn1 | head -n 4
	sec free
	free; free -m | head -n 1
	sec uptime
	uptime
	sec mount-df
	mkdir -p $T/mnt && mount -t tmpfs -o size=1m tmpfs $T/mnt && echo mounted
	echo data > $T/mnt/f; df -k $T/mnt | sed "s|$T|T|"; df $T/mnt | tail -n 1 | awk '{ print $1, $2 }'
	mount | grep " $T/mnt " | sed "s|$T|T|"
	grep " $T/mnt " /proc/mounts | sed "s|$T|T|"
	umount $T/mnt && echo unmounted; [ -e $T/mnt/f ] || echo "file gone with the mount"
	sec proc
	cat /proc/self/cmdline | tr '\0' ' '; echo
	readlink /proc/self/exe | sed 's|.*/||'
	# (Name: and the comm of stat are set by prctl(PR_SET_NAME): branch ipc;
	# print them after the merge)
	grep -c '^Pid:' /proc/self/status; grep '^State:' /proc/self/status
	awk '{ print $3, $4 == PROCINFO_PPID_unused }' /proc/self/stat
	sec maps
	grep -c ' r-xp .*busybox' /proc/self/maps
	awk 'NF == 6 && $6 ~ /busybox/ { print $2, $3 }' /proc/self/maps | sort -u
	sec vi
	printf 'first line\nsecond line\n' > vf
	# keys typed apart: vi takes ESC and what follows within 50 ms for one
	# key; the first ESC answers its query of the screen size (ESC [ 6 n)
	keys() { for k in "$@"; do printf "$k"; sleep 0.2; done; }
	keys '\033' 'dd' 'iinserted ' '\033' ':wq\n' | vi vf >/dev/null 2>&1; cat vf
	keys '\033' 'G' 'yyp' ':%%s/line/LINE/g\n' ':wq\n' | vi vf >/dev/null 2>&1; cat vf
	keys '\033' 'inew file' '\033' ':w\n' ':q\n' | vi vnew >/dev/null 2>&1; cat vnew
	sec sync
	sync && echo synced
	sec misc
	which ls 2>&1; echo "which status $?"; tty 2>&1; echo "tty status $?"
	mkpasswd -m sha512 password saltsalt; hostid | wc -c; ascii | head -n 2 | cut -c1-20
	run-parts --test $T 2>&1 | head -n 1; echo "run-parts status $?"
	setsid sh -c 'echo "in new session"'; taskset -p $$ >/dev/null && echo taskset
	time -p true 2>&1 | cut -d' ' -f1
}

main() {
	rm -rf $T; mkdir -p $T
	shell_language
	files
	text
	archives
	system
	cd / && rm -rf $T /tmp/bbbin
	sec end
}

echo "=== busybox applets begin"
main 2>&1 | cat
echo "=== busybox applets end"
