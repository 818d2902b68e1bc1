/* AF_UNIX addresses.  A name is either a path, for which bind makes an
 * S_IFSOCK node in the file system (stat and ls see it, unlink removes it;
 * the socket keeps a reference to the node and connect finds the socket by
 * the node its path leads to), or, when sun_path starts with a NUL, a name
 * in the abstract namespace: the bytes after the NUL, as many as the
 * address length says, held by the socket alone and gone when it closes.
 * Abstract names are kept apart per socket type, as Linux hashes them.
 * bind with the family alone (an address length of 2) picks a free
 * abstract name of five hex digits ("autobind"). */
#include "unix.h"

#define SUN_OFF 2u                  /* offsetof(struct sockaddr_un, sun_path) */

static struct usock *bound;         /* every socket with a name */
static unsigned autobind_next;

static bool abstract_taken(const struct linux_sockaddr_storage *a, size_t len, int type)
{
	for (struct usock *u = bound; u; u = u->bound_next)
		if (!u->node && u->type == type && u->addrlen == len && memcmp(&u->addr, a, len) == 0)
			return true;
	return false;
}

static void add_name(struct usock *u, const struct linux_sockaddr_storage *a, size_t len, struct vnode *node)
{
	u->addr = *a;
	u->addrlen = len;
	u->node = node;
	u->named = true;
	u->bound_next = bound;
	bound = u;
}

void unix_unbind(struct usock *u)
{
	if (u->named) {
		for (struct usock **pp = &bound; *pp; pp = &(*pp)->bound_next) {
			if (*pp == u) {
				*pp = u->bound_next;
				break;
			}
		}
		u->named = false;
	}
	if (u->node) {
		vnode_put(u->node);
		u->node = NULL;
	}
}

static int autobind(struct usock *u)
{
	struct linux_sockaddr_storage a;
	memset(&a, 0, sizeof a);
	a.ss_family = AF_UNIX;
	char *name = (char *)&a + SUN_OFF;
	for (unsigned tries = 0; tries < 0x100000; tries++) {   /* preemption point */
		snprintf(name + 1, 6, "%05x", autobind_next++ & 0xfffff);
		name[0] = 0;
		if (!abstract_taken(&a, SUN_OFF + 6, u->type)) {
			add_name(u, &a, SUN_OFF + 6, NULL);
			return 0;
		}
	}
	return -ENOSPC;
}

/* Check an address; for a path, NUL-terminate it in *a and give its
 * length as Linux reports it (the family, the path and one NUL). */
static int check_addr(const void *addr, size_t len, struct linux_sockaddr_storage *a, size_t *alen)
{
	if (len <= SUN_OFF || len > sizeof(struct linux_sockaddr_un))
		return -EINVAL;
	memset(a, 0, sizeof *a);
	memcpy(a, addr, len);
	if (a->ss_family != AF_UNIX)
		return -EINVAL;
	char *path = (char *)a + SUN_OFF;
	if (path[0] == 0) {
		*alen = len;
		return 0;
	}
	*alen = SUN_OFF + strlen(path) + 1;     /* the storage is zeroed past len */
	return 0;
}

static unsigned umask_now(void)
{
	return current && current->fs ? current->fs->umask : 022;
}

int unix_bind(struct socket *s, const void *addr, size_t len)
{
	struct usock *u = s->priv;
	const struct linux_sockaddr_storage *in = addr;
	if (len == SUN_OFF && in->ss_family == AF_UNIX) {
		if (u->addrlen)
			return -EINVAL;
		return autobind(u);
	}
	struct linux_sockaddr_storage a;
	size_t alen;
	int err = check_addr(addr, len, &a, &alen);
	if (err)
		return err;
	if (u->addrlen)
		return -EINVAL;         /* bound already */
	char *path = (char *)&a + SUN_OFF;
	if (path[0] == 0) {
		if (abstract_taken(&a, alen, u->type))
			return -EADDRINUSE;
		add_name(u, &a, alen, NULL);
		return 0;
	}
	err = vfs_mknodat(NULL, path, S_IFSOCK | (0777 & ~umask_now()), 0);
	if (err)
		return err == -EEXIST ? -EADDRINUSE : err;
	struct vnode *v;
	err = vfs_lookup(NULL, path, 0, &v);
	if (err)
		return err;
	add_name(u, &a, alen, v);
	return 0;
}

int unix_find(const void *addr, size_t len, int type, struct usock **out)
{
	struct linux_sockaddr_storage a;
	size_t alen;
	int err = check_addr(addr, len, &a, &alen);
	if (err)
		return err;
	char *path = (char *)&a + SUN_OFF;
	struct vnode *v = NULL;
	if (path[0] != 0) {
		err = vfs_lookup(NULL, path, LOOKUP_FOLLOW, &v);
		if (err)
			return err;
		if (!((v->mode & S_IFMT) == S_IFSOCK)) {
			vnode_put(v);
			return -ECONNREFUSED;
		}
	}
	struct usock *found = NULL;
	for (struct usock *u = bound; u; u = u->bound_next) {
		if (v ? u->node == v
		      : (!u->node && u->type == type && u->addrlen == alen && memcmp(&u->addr, &a, alen) == 0)) {
			found = u;
			break;
		}
	}
	if (v)
		vnode_put(v);
	if (!found)
		return -ECONNREFUSED;
	if (found->type != type)
		return -EPROTOTYPE;
	*out = usock_get(found);
	return 0;
}
