/* utests: System V IPC -- shared memory segments, semaphore sets (with
 * SEM_UNDO at exit), message queues: keys and IPC_PRIVATE, IPC_CREAT and
 * IPC_EXCL, removal under waiters (EIDRM), Linux's errors for bad ids,
 * sizes, values and pointers, and every page back afterwards.  The same
 * binary runs on Linux, the oracle. */
#include "utests.h"
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/sem.h>
#include <sys/msg.h>
#include <sys/wait.h>

#define PG 4096L

static void pages_back(long free0)
{
	long free1 = free_pages();
	if (!on_linux)
		CHECK(free1 + 4 >= free0, "free pages %ld before, %ld after", free0, free1);
}

/* A key of this run's own (other runs and programs may hold keys). */
static key_t key_for(int n)
{
	return (key_t)(0x52000000 | ((getpid() & 0xffff) << 8) | n);
}

/* ================================================================ shm */
static void shm_child(void *arg)
{
	int id = *(int *)arg;
	char *m = shmat(id, NULL, 0);
	CHECK(m != (void *)-1, "child shmat: %s", errname(errno));
	CHECK(!strcmp(m + 2 * PG, "parent"), "child sees '%s'", m + 2 * PG);
	strcpy(m + 3 * PG, "child");
	CHECK_OK(shmdt(m));
}

UTEST(sysv_shm)
{
	long free0 = free_pages();
	int id = shmget(IPC_PRIVATE, 3 * PG + 1, IPC_CREAT | 0640);
	CHECK_OK(id);
	struct shmid_ds ds;
	CHECK_OK(shmctl(id, IPC_STAT, &ds));
	CHECK(ds.shm_segsz == 3 * PG + 1 && (ds.shm_perm.mode & 0777) == 0640 && ds.shm_nattch == 0 &&
	      ds.shm_cpid == getpid(), "IPC_STAT: size %lu mode %o nattch %lu cpid %d",
	      (unsigned long)ds.shm_segsz, ds.shm_perm.mode, (unsigned long)ds.shm_nattch, ds.shm_cpid);
	char *m = shmat(id, NULL, 0);
	CHECK(m != (void *)-1, "shmat: %s", errname(errno));
	CHECK(m[0] == 0 && m[3 * PG] == 0, "a new segment reads as zeros");
	strcpy(m + 2 * PG, "parent");
	CHECK_OK(shmctl(id, IPC_STAT, &ds));
	CHECK(ds.shm_nattch == 1 && ds.shm_lpid == getpid(), "nattch %lu", (unsigned long)ds.shm_nattch);
	int pid = spawn(shm_child, &id);
	int s = wait_timeout(pid, 5000);
	CHECK(WIFEXITED(s) && WEXITSTATUS(s) == 0, "child: %s", status_str(s));
	CHECK(!strcmp(m + 3 * PG, "child"), "the child's write: '%s'", m + 3 * PG);
	CHECK_OK(shmctl(id, IPC_STAT, &ds));
	CHECK(ds.shm_nattch == 1, "nattch after the child: %lu", (unsigned long)ds.shm_nattch);
	/* read-only and at a chosen address */
	char *ro = shmat(id, NULL, SHM_RDONLY);
	CHECK(ro != (void *)-1 && !strcmp(ro + 3 * PG, "child"), "SHM_RDONLY");
	CHECK_ERR(mprotect(ro, PG, PROT_READ | PROT_WRITE), EACCES);
	CHECK_OK(shmdt(ro));
	CHECK_ERR(shmat(id, m + 1, 0), EINVAL);          /* unaligned */
	CHECK_ERR(shmat(id, m, 0), EINVAL);              /* taken */
	CHECK_ERR(shmdt(m + PG), EINVAL);                /* not the start */
	CHECK_ERR(shmdt((char *)PG), EINVAL);
	CHECK_OK(shmdt(m));
	CHECK_ERR(shmdt(m), EINVAL);
	char *at = shmat(id, m + 5, SHM_RND);            /* rounded down */
	CHECK(at == m, "SHM_RND: %p for %p", (void *)at, (void *)m);
	CHECK_OK(shmdt(at));
	/* IPC_SET, errors, removal */
	ds.shm_perm.mode = 0600;
	CHECK_OK(shmctl(id, IPC_SET, &ds));
	CHECK_OK(shmctl(id, IPC_STAT, &ds));
	CHECK((ds.shm_perm.mode & 0777) == 0600, "IPC_SET mode %o", ds.shm_perm.mode);
	CHECK_ERR(shmctl(id, IPC_STAT, (struct shmid_ds *)8), EFAULT);
	for (const struct bad_addr *b = arch_bad_pointers; b->what; b++)
		CHECK_ERR(shmctl(id, IPC_STAT, (struct shmid_ds *)b->addr), EFAULT);
	CHECK_ERR(shmctl(id, 4242, &ds), EINVAL);
	CHECK_ERR(shmctl(-1, IPC_STAT, &ds), EINVAL);
	CHECK_ERR(shmctl(id + 1, IPC_STAT, &ds), EINVAL);
	/* removed while attached: still there by id until the last detach */
	m = shmat(id, NULL, 0);
	CHECK(m != (void *)-1, "shmat");
	CHECK_OK(shmctl(id, IPC_RMID, NULL));
	CHECK_OK(shmctl(id, IPC_STAT, &ds));
	CHECK((ds.shm_perm.mode & SHM_DEST) && ds.shm_perm.__key == IPC_PRIVATE && ds.shm_nattch == 1,
	      "after IPC_RMID: mode %o key %d nattch %lu", ds.shm_perm.mode, ds.shm_perm.__key,
	      (unsigned long)ds.shm_nattch);
	char *again = shmat(id, NULL, 0);
	CHECK(again != (void *)-1 && !strcmp(again + 3 * PG, "child"), "shmat of a removed segment");
	CHECK_OK(shmdt(again));
	CHECK_OK(shmctl(id, IPC_RMID, NULL));          /* again: no harm */
	CHECK_OK(shmdt(m));
	CHECK_ERR(shmctl(id, IPC_STAT, &ds), EINVAL);
	CHECK_ERR(shmat(id, NULL, 0), EINVAL);
	pages_back(free0);
}

UTEST(sysv_shm_keys)
{
	key_t k = key_for(1);
	int id = shmget(k, PG, IPC_CREAT | IPC_EXCL | 0600);
	CHECK_OK(id);
	CHECK_ERR(shmget(k, PG, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	CHECK(shmget(k, PG, IPC_CREAT | 0600) == id, "IPC_CREAT finds it");
	CHECK(shmget(k, 0, 0) == id, "size 0 finds it");
	CHECK_ERR(shmget(k, 2 * PG, 0), EINVAL);        /* larger than the segment */
	CHECK_ERR(shmget(key_for(2), PG, 0), ENOENT);
	CHECK_ERR(shmget(IPC_PRIVATE, 0, IPC_CREAT | 0600), EINVAL);
	CHECK_ERR(shmget(key_for(3), 0, IPC_CREAT | 0600), EINVAL);
	CHECK_OK(shmctl(id, IPC_RMID, NULL));
	CHECK_ERR(shmget(k, PG, 0), ENOENT);
	int id2 = shmget(k, PG, IPC_CREAT | 0600);
	CHECK(id2 >= 0 && id2 != id, "a new segment has a new id");
	CHECK_OK(shmctl(id2, IPC_RMID, NULL));
}

/* ================================================================ sem */
static int semval(int id, int n) { return semctl(id, n, GETVAL); }

static void sem_poster(void *arg)
{
	sleep_ms(100);
	struct sembuf op = { 0, 1, 0 };
	CHECK_OK(semop(*(int *)arg, &op, 1));
}

static void sem_undoer(void *arg)
{
	struct sembuf ops[2] = { { 1, 2, SEM_UNDO }, { 2, -1, SEM_UNDO } };
	CHECK_OK(semop(*(int *)arg, ops, 2));
	/* exit: +2 and -1 are reversed */
}

static void sem_waiter(void *arg)
{
	struct sembuf op = { 0, -1, 0 };
	CHECK_ERR(semop(*(int *)arg, &op, 1), EIDRM);
}

UTEST(sysv_sem)
{
	long free0 = free_pages();
	int id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
	CHECK_OK(id);
	struct semid_ds ds;
	CHECK_OK(semctl(id, 0, IPC_STAT, &ds));
	CHECK(ds.sem_nsems == 3 && (ds.sem_perm.mode & 0777) == 0600, "IPC_STAT nsems %lu mode %o",
	      (unsigned long)ds.sem_nsems, ds.sem_perm.mode);
	CHECK(semval(id, 0) == 0, "new semaphores are 0");
	CHECK_OK(semctl(id, 0, SETVAL, 5));
	CHECK(semval(id, 0) == 5 && semctl(id, 0, GETPID) == getpid(), "SETVAL");
	unsigned short all[3] = { 1, 2, 3 }, got[3] = { 0 };
	CHECK_OK(semctl(id, 0, SETALL, all));
	CHECK_OK(semctl(id, 0, GETALL, got));
	CHECK(got[0] == 1 && got[1] == 2 && got[2] == 3, "GETALL %d %d %d", got[0], got[1], got[2]);
	/* all or nothing */
	struct sembuf two[2] = { { 0, -1, 0 }, { 1, -5, IPC_NOWAIT } };
	CHECK_ERR(semop(id, two, 2), EAGAIN);
	CHECK(semval(id, 0) == 1, "a failed semop changed a value");
	struct sembuf dec = { 0, -1, 0 };
	CHECK_OK(semop(id, &dec, 1));
	struct sembuf zero = { 0, 0, 0 };
	CHECK_OK(semop(id, &zero, 1));                   /* it is 0: no wait */
	dec.sem_flg = IPC_NOWAIT;
	CHECK_ERR(semop(id, &dec, 1), EAGAIN);
	dec.sem_flg = 0;
	struct timespec ts = { 0, 30 * 1000000 };
	CHECK_ERR(semtimedop(id, &dec, 1, &ts), EAGAIN);
	/* a wait ended by another process */
	int pid = spawn(sem_poster, &id);
	CHECK_OK(semop(id, &dec, 1));
	CHECK(semctl(id, 0, GETPID) == getpid(), "GETPID");
	CHECK(WIFEXITED(wait_timeout(pid, 5000)), "poster");
	/* SEM_UNDO: the child's changes go when it exits */
	pid = spawn(sem_undoer, &id);
	int s = wait_timeout(pid, 5000);
	CHECK(WIFEXITED(s) && WEXITSTATUS(s) == 0, "undoer: %s", status_str(s));
	CHECK(semval(id, 1) == 2 && semval(id, 2) == 3, "after SEM_UNDO: %d %d", semval(id, 1), semval(id, 2));
	/* errors */
	CHECK_ERR(semctl(id, 0, SETVAL, 40000), ERANGE);
	CHECK_ERR(semctl(id, 0, SETVAL, -1), ERANGE);
	CHECK_ERR(semctl(id, 3, GETVAL), EINVAL);
	CHECK_ERR(semctl(id, 0, 4242), EINVAL);
	CHECK_ERR(semctl(id, 0, IPC_STAT, (struct semid_ds *)8), EFAULT);
	CHECK_ERR(semctl(id, 0, GETALL, (unsigned short *)8), EFAULT);
	struct sembuf bad = { 3, 1, 0 };
	CHECK_ERR(semop(id, &bad, 1), EFBIG);
	CHECK_ERR(semop(id, &bad, 0), EINVAL);
	static struct sembuf many[501];
	CHECK_ERR(semop(id, many, 501), E2BIG);
	CHECK_ERR(semop(id, (struct sembuf *)8, 1), EFAULT);
	for (const struct bad_addr *b = arch_bad_pointers; b->what; b++)
		CHECK_ERR(semop(id, (struct sembuf *)b->addr, 1), EFAULT);
	CHECK_ERR(semop(-1, &dec, 1), EINVAL);
	ts.tv_nsec = 1000000000;
	CHECK_ERR(semtimedop(id, &dec, 1, &ts), EINVAL);
	CHECK_OK(semctl(id, 0, SETVAL, 1));
	struct sembuf up = { 0, 32767, 0 };
	CHECK_ERR(semop(id, &up, 1), ERANGE);
	/* keys and sizes */
	key_t k = key_for(4);
	int kid = semget(k, 2, IPC_CREAT | IPC_EXCL | 0600);
	CHECK_OK(kid);
	CHECK_ERR(semget(k, 2, IPC_CREAT | IPC_EXCL), EEXIST);
	CHECK_ERR(semget(k, 3, 0), EINVAL);
	CHECK(semget(k, 1, 0) == kid && semget(k, 0, 0) == kid, "semget finds it");
	CHECK_ERR(semget(key_for(5), 1, 0), ENOENT);
	CHECK_ERR(semget(IPC_PRIVATE, 0, IPC_CREAT), EINVAL);
	CHECK_ERR(semget(IPC_PRIVATE, -1, IPC_CREAT), EINVAL);
	CHECK_ERR(semget(IPC_PRIVATE, 40000, IPC_CREAT), EINVAL);
	CHECK_OK(semctl(kid, 0, IPC_RMID));
	/* removal wakes a waiter with EIDRM */
	CHECK_OK(semctl(id, 0, SETVAL, 0));
	pid = spawn(sem_waiter, &id);
	for (int i = 0; i < 500 && semctl(id, 0, GETNCNT) == 0; i++)
		sleep_ms(10);
	CHECK(semctl(id, 0, GETNCNT) == 1, "GETNCNT %d", semctl(id, 0, GETNCNT));
	CHECK_OK(semctl(id, 0, IPC_RMID));
	s = wait_timeout(pid, 5000);
	CHECK(WIFEXITED(s) && WEXITSTATUS(s) == 0, "waiter: %s", status_str(s));
	CHECK_ERR(semctl(id, 0, GETVAL), EINVAL);
	pages_back(free0);
}

/* ================================================================ msg */
struct text_msg {
	long type;
	char text[64];
};

static long send_str(int id, long type, const char *s)
{
	struct text_msg m = { type, "" };
	strcpy(m.text, s);
	return msgsnd(id, &m, strlen(s) + 1, IPC_NOWAIT);
}

static void msg_late_sender(void *arg)
{
	sleep_ms(100);
	CHECK_OK(send_str(*(int *)arg, 9, "late"));
}

static void msg_waiter(void *arg)
{
	struct text_msg m;
	CHECK_ERR(msgrcv(*(int *)arg, &m, sizeof m.text, 0, 0), EIDRM);
}

UTEST(sysv_msg)
{
	long free0 = free_pages();
	int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	CHECK_OK(id);
	CHECK_OK(send_str(id, 2, "two"));
	CHECK_OK(send_str(id, 1, "one"));
	CHECK_OK(send_str(id, 3, "three"));
	struct msqid_ds ds;
	CHECK_OK(msgctl(id, IPC_STAT, &ds));
	CHECK(ds.msg_qnum == 3 && ds.__msg_cbytes == 14 && ds.msg_qbytes == 16384 && ds.msg_lspid == getpid(),
	      "IPC_STAT qnum %lu cbytes %lu qbytes %lu", (unsigned long)ds.msg_qnum,
	      (unsigned long)ds.__msg_cbytes, (unsigned long)ds.msg_qbytes);
	struct text_msg m;
	CHECK(msgrcv(id, &m, sizeof m.text, 0, 0) == 4 && m.type == 2 && !strcmp(m.text, "two"), "type 0");
	CHECK(msgrcv(id, &m, sizeof m.text, -3, 0) == 4 && m.type == 1, "type -3: the lowest");
	CHECK(msgrcv(id, &m, sizeof m.text, 3, 0) == 6 && !strcmp(m.text, "three"), "type 3");
	CHECK_ERR(msgrcv(id, &m, sizeof m.text, 0, IPC_NOWAIT), ENOMSG);
	CHECK_OK(send_str(id, 5, "five"));
	CHECK_OK(send_str(id, 6, "six"));
	CHECK(msgrcv(id, &m, sizeof m.text, 5, MSG_EXCEPT) == 4 && m.type == 6, "MSG_EXCEPT");
	CHECK_ERR(msgrcv(id, &m, 2, 5, 0), E2BIG);       /* and it stays */
	CHECK(msgrcv(id, &m, 2, 5, MSG_NOERROR) == 2 && m.text[0] == 'f' && m.text[1] == 'i', "MSG_NOERROR");
	/* a full queue */
	static struct { long type; char text[8192]; } big = { 1, "" };
	CHECK_OK(msgsnd(id, &big, 8192, IPC_NOWAIT));
	CHECK_OK(msgsnd(id, &big, 8192, IPC_NOWAIT));
	CHECK_ERR(msgsnd(id, &big, 1, IPC_NOWAIT), EAGAIN);
	CHECK_ERR(msgsnd(id, &big, 8193, IPC_NOWAIT), EINVAL);
	CHECK(msgrcv(id, &big, 8192, 0, 0) == 8192 && msgrcv(id, &big, 8192, 0, 0) == 8192, "drain");
	/* a receiver woken by a later sender */
	int pid = spawn(msg_late_sender, &id);
	CHECK(msgrcv(id, &m, sizeof m.text, 9, 0) == 5 && !strcmp(m.text, "late"), "late message");
	CHECK(WIFEXITED(wait_timeout(pid, 5000)), "sender");
	/* errors */
	struct text_msg z = { 0, "x" };
	CHECK_ERR(msgsnd(id, &z, 2, 0), EINVAL);         /* type 0 */
	CHECK_ERR(msgsnd(id, (void *)8, 2, 0), EFAULT);
	CHECK_ERR(msgrcv(id, &m, (size_t)-1, 0, IPC_NOWAIT), EINVAL);
	CHECK_OK(send_str(id, 1, "x"));
	CHECK_ERR(msgrcv(id, (void *)8, 8, 0, IPC_NOWAIT), EFAULT);
	/* the message is lost, as on Linux (qemu-user checks the buffer
	 * before the call and keeps it) */
	if (exec_wrapper)
		(void)msgrcv(id, &m, 8, 0, IPC_NOWAIT);
	CHECK_ERR(msgrcv(id, &m, 8, 0, IPC_NOWAIT), ENOMSG);
	CHECK_OK(send_str(id, 1, "x"));
	for (const struct bad_addr *b = arch_bad_pointers; b->what; b++)
		CHECK_ERR(msgsnd(id, (void *)b->addr, 2, 0), EFAULT);
	CHECK_ERR(msgctl(id, IPC_STAT, (struct msqid_ds *)8), EFAULT);
	CHECK_ERR(msgctl(id, 4242, &ds), EINVAL);
	CHECK_ERR(msgsnd(-1, &m, 2, 0), EINVAL);
	CHECK_ERR(msgrcv(12345678, &m, 2, 0, 0), EINVAL);
	key_t k = key_for(6);
	int kid = msgget(k, IPC_CREAT | IPC_EXCL | 0600);
	CHECK_OK(kid);
	CHECK_ERR(msgget(k, IPC_CREAT | IPC_EXCL), EEXIST);
	CHECK(msgget(k, 0) == kid, "msgget finds it");
	CHECK_ERR(msgget(key_for(7), 0), ENOENT);
	CHECK_OK(msgctl(kid, IPC_RMID, NULL));
	/* removal wakes a waiting receiver with EIDRM, messages and all */
	CHECK(msgrcv(id, &m, sizeof m.text, 0, 0) == 2, "the x");
	pid = spawn(msg_waiter, &id);
	CHECK(wait_sleeping(pid, 5000), "the receiver never waited");
	CHECK_OK(msgctl(id, IPC_RMID, NULL));
	int s = wait_timeout(pid, 5000);
	CHECK(WIFEXITED(s) && WEXITSTATUS(s) == 0, "waiter: %s", status_str(s));
	CHECK_ERR(msgctl(id, IPC_STAT, &ds), EINVAL);
	pages_back(free0);
}

/* The tables are finite: the next object is ENOSPC, and removing one
 * makes room.  (Linux's limits are in the tens of thousands: Ringel only.) */
UTEST(sysv_limits)
{
	if (on_linux)
		skip("Linux's MSGMNI is 32000");
	long free0 = free_pages();
	static int ids[1024];
	int n = 0;
	while (n < 1024 && (ids[n] = msgget(IPC_PRIVATE, IPC_CREAT | 0600)) >= 0)
		n++;
	CHECK(n < 1024 && errno == ENOSPC, "after %d queues: %s", n, errname(errno));
	CHECK_OK(msgctl(ids[0], IPC_RMID, NULL));
	ids[0] = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	CHECK_OK(ids[0]);
	for (int i = 0; i < n; i++)
		CHECK_OK(msgctl(ids[i], IPC_RMID, NULL));
	pages_back(free0);
}

/* Ringel's /proc/meminfo CommitAvail, in pages. */
static long commit_avail(void)
{
	int fd = open("/proc/meminfo", O_RDONLY);
	CHECK_OK(fd);
	static char buf[4096];
	long n = read(fd, buf, sizeof buf - 1);
	close(fd);
	CHECK(n > 0, "read meminfo");
	buf[n] = 0;
	char *p = strstr(buf, "CommitAvail:");
	CHECK(p, "no CommitAvail");
	return strtol(p + 12, NULL, 10) / 4;
}

static void shm_toucher(void *arg)
{
	char *m = arg;
	for (long i = 0; i < 64; i++)
		m[i * PG] = 2;
}

/* A segment is committed once and whole at shmget, like MAP_SHARED
 * anonymous memory: touching it, in any process, commits nothing more;
 * the charge goes with the segment. */
UTEST(sysv_shm_commit)
{
	if (on_linux)
		skip("Ringel's commit accounting (CommitAvail)");
	long free0 = free_pages(), c0 = commit_avail();
	int id = shmget(IPC_PRIVATE, 64 * PG, IPC_CREAT | 0600);
	CHECK_OK(id);
	long c1 = commit_avail();
	CHECK(c0 - c1 == 64, "shmget committed %ld pages, not 64", c0 - c1);
	char *m = shmat(id, NULL, 0);
	CHECK(m != (void *)-1, "shmat");
	for (long i = 0; i < 64; i++)
		m[i * PG] = 1;
	CHECK(commit_avail() == c1, "touching committed %ld more", c1 - commit_avail());
	int pid = spawn(shm_toucher, m);
	CHECK(WIFEXITED(wait_timeout(pid, 5000)), "toucher");
	CHECK(commit_avail() == c1 && m[63 * PG] == 2, "a child's touch committed %ld more", c1 - commit_avail());
	CHECK_OK(shmctl(id, IPC_RMID, NULL));
	CHECK(commit_avail() == c1, "still attached: the charge stays");
	CHECK_OK(shmdt(m));
	CHECK(commit_avail() == c0, "the charge did not go back: %ld of %ld", commit_avail(), c0);
	CHECK_ERR(shmget(IPC_PRIVATE, (size_t)(c0 + 16) * PG, IPC_CREAT | 0600), ENOMEM);
	CHECK(commit_avail() == c0, "a refused shmget kept a charge");
	pages_back(free0);
}
