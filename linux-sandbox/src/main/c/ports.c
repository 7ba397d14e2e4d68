/*
 * Published ports: the shim listens in the host's network namespace and, for each TCP
 * connection or UDP peer, opens a socket inside the container's namespace (by setns'ing
 * there just for the socket() call) to 127.0.0.1:<container port>, then copies bytes both
 * ways. Runs in the shim's single-threaded poll loop.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "stevedore.h"

#define MAX_CONN 64
#define MAX_FLOWS 64
#define BUF 8192

struct listener {
    int fd;
    uint32_t proto, container_port, host_port;
};

struct conn {
    int used;
    int out, in; /* out: the client on the host; in: the socket inside the container */
    int connecting;
    char to_in[BUF], to_out[BUF];
    size_t to_in_len, to_out_len;
    int out_eof, in_eof;
};

struct flow {
    int used;
    int listener;
    struct sockaddr_storage peer;
    socklen_t peer_len;
    int in;
    time_t last;
};

static struct listener listeners[MAX_PORTS];
static int nlisteners;
static struct conn conns[MAX_CONN];
static struct flow flows[MAX_FLOWS];
static int netns = -1, hostns = -1;

/* what each pollfd slot filled by ports_fill_pollfds stands for */
enum slot_kind { SLOT_LISTENER, SLOT_CONN_OUT, SLOT_CONN_IN, SLOT_FLOW };
static struct {
    int kind, index;
} slots[MAX_PORTS + 2 * MAX_CONN + MAX_FLOWS];

int ports_count(void) {
    return nlisteners;
}

int ports_listen(struct config *c, char *why, size_t whycap) {
    for (int i = 0; i < c->nports; i++) {
        struct port_spec *p = &c->ports[i];
        int v6 = 0;
        for (const char *s = p->host_ip; *s; s++) v6 |= *s == ':';
        int type = p->proto == 17 ? SOCK_DGRAM : SOCK_STREAM;
        int fd = socket(v6 ? AF_INET6 : AF_INET, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) goto fail;
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        struct sockaddr_storage ss = {0};
        socklen_t len;
        if (v6) {
            struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
            a->sin6_family = AF_INET6;
            a->sin6_port = htons((uint16_t)p->host_port);
            if (inet_pton(AF_INET6, p->host_ip, &a->sin6_addr) != 1) {
                errno = EINVAL;
                goto fail_fd;
            }
            len = sizeof(*a);
        } else {
            struct sockaddr_in *a = (struct sockaddr_in *)&ss;
            a->sin_family = AF_INET;
            a->sin_port = htons((uint16_t)p->host_port);
            if (inet_pton(AF_INET, p->host_ip, &a->sin_addr) != 1) {
                errno = EINVAL;
                goto fail_fd;
            }
            len = sizeof(*a);
        }
        if (bind(fd, (struct sockaddr *)&ss, len) < 0) goto fail_fd;
        if (type == SOCK_STREAM && listen(fd, 128) < 0) goto fail_fd;
        len = sizeof(ss);
        getsockname(fd, (struct sockaddr *)&ss, &len);
        listeners[nlisteners].fd = fd;
        listeners[nlisteners].proto = p->proto;
        listeners[nlisteners].container_port = p->container_port;
        listeners[nlisteners].host_port =
            ntohs(v6 ? ((struct sockaddr_in6 *)&ss)->sin6_port : ((struct sockaddr_in *)&ss)->sin_port);
        nlisteners++;
        continue;
    fail_fd:;
        int e = errno;
        close(fd);
        errno = e;
    fail:;
        char num[16];
        s_copy(why, whycap, p->host_ip);
        s_cat(why, whycap, ":");
        s_fmt_u64(num, sizeof(num), p->host_port);
        s_cat(why, whycap, num);
        s_cat(why, whycap, p->proto == 17 ? "/udp" : "/tcp");
        return -1;
    }
    return 0;
}

int ports_bound(uint32_t i, uint32_t *proto, uint32_t *container_port, uint32_t *host_port) {
    if ((int)i >= nlisteners) return -1;
    *proto = listeners[i].proto;
    *container_port = listeners[i].container_port;
    *host_port = listeners[i].host_port;
    return 0;
}

void ports_set_netns(int fd) {
    netns = fd;
    if (hostns < 0) hostns = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
}

/* A socket inside the container's network namespace, connected (or connecting) to 127.0.0.1:port. */
static int inner_socket(int type, uint32_t port) {
    if (netns < 0 || hostns < 0) return -1;
    if (setns(netns, CLONE_NEWNET) < 0) return -1;
    int s = socket(AF_INET, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int e = errno;
    if (setns(hostns, CLONE_NEWNET) < 0) {
        /* We cannot get home: better to stop forwarding than to listen in the wrong place. */
        if (s >= 0) close(s);
        _exit(70);
    }
    if (s < 0) {
        errno = e;
        return -1;
    }
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(s, (struct sockaddr *)&a, sizeof(a)) < 0 && errno != EINPROGRESS) {
        close(s);
        return -1;
    }
    return s;
}

static void conn_close(struct conn *c) {
    if (c->out >= 0) close(c->out);
    if (c->in >= 0) close(c->in);
    c->used = 0;
}

static void accept_tcp(struct listener *l) {
    int fd = accept4(l->fd, 0, 0, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return;
    for (int i = 0; i < MAX_CONN; i++) {
        struct conn *c = &conns[i];
        if (c->used) continue;
        c->in = inner_socket(SOCK_STREAM, l->container_port);
        if (c->in < 0) break;
        c->used = 1;
        c->out = fd;
        c->connecting = 1;
        c->to_in_len = c->to_out_len = 0;
        c->out_eof = c->in_eof = 0;
        return;
    }
    close(fd); /* no slot or no inner socket: refuse this one */
}

static struct flow *flow_for(int li, struct sockaddr_storage *peer, socklen_t len) {
    struct flow *oldest = &flows[0];
    for (int i = 0; i < MAX_FLOWS; i++) {
        struct flow *f = &flows[i];
        if (f->used && f->listener == li && f->peer_len == len) {
            const unsigned char *a = (const unsigned char *)&f->peer, *b = (const unsigned char *)peer;
            int same = 1;
            for (socklen_t k = 0; k < len; k++) same &= a[k] == b[k];
            if (same) return f;
        }
        if (!f->used || (oldest->used && f->last < oldest->last)) oldest = f;
    }
    if (oldest->used) close(oldest->in);
    oldest->used = 0;
    oldest->in = inner_socket(SOCK_DGRAM, listeners[li].container_port);
    if (oldest->in < 0) return 0;
    oldest->used = 1;
    oldest->listener = li;
    oldest->peer = *peer;
    oldest->peer_len = len;
    return oldest;
}

static void relay_udp_in(int li) {
    static char buf[65536];
    for (;;) {
        struct sockaddr_storage peer;
        socklen_t len = sizeof(peer);
        ssize_t n = recvfrom(listeners[li].fd, buf, sizeof(buf), 0, (struct sockaddr *)&peer, &len);
        if (n < 0) return;
        struct flow *f = flow_for(li, &peer, len);
        if (!f) continue;
        f->last = time(0);
        (void)send(f->in, buf, (size_t)n, 0);
    }
}

static void relay_udp_out(struct flow *f) {
    static char buf[65536];
    for (;;) {
        ssize_t n = recv(f->in, buf, sizeof(buf), 0);
        if (n < 0) return;
        f->last = time(0);
        (void)sendto(listeners[f->listener].fd, buf, (size_t)n, 0, (struct sockaddr *)&f->peer, f->peer_len);
    }
}

int ports_fill_pollfds(void *vp, int max) {
    struct pollfd *p = vp;
    int n = 0;
    for (int i = 0; i < nlisteners && n < max; i++) {
        p[n].fd = listeners[i].fd;
        p[n].events = POLLIN;
        slots[n].kind = SLOT_LISTENER;
        slots[n++].index = i;
    }
    for (int i = 0; i < MAX_CONN && n + 2 <= max; i++) {
        struct conn *c = &conns[i];
        if (!c->used) continue;
        p[n].fd = c->out;
        p[n].events = (short)((!c->out_eof && c->to_in_len < BUF && !c->connecting ? POLLIN : 0) |
                              (c->to_out_len ? POLLOUT : 0));
        slots[n].kind = SLOT_CONN_OUT;
        slots[n++].index = i;
        p[n].fd = c->in;
        p[n].events = (short)(c->connecting ? POLLOUT
                                            : ((!c->in_eof && c->to_out_len < BUF ? POLLIN : 0) |
                                               (c->to_in_len ? POLLOUT : 0)));
        slots[n].kind = SLOT_CONN_IN;
        slots[n++].index = i;
    }
    for (int i = 0; i < MAX_FLOWS && n < max; i++) {
        if (!flows[i].used) continue;
        p[n].fd = flows[i].in;
        p[n].events = POLLIN;
        slots[n].kind = SLOT_FLOW;
        slots[n++].index = i;
    }
    return n;
}

/* Moves bytes from `from` into buf, then from buf to `to`; returns -1 when the pair is finished. */
static void pump(int from, int to, char *buf, size_t *len, int *eof, int readable, int writable) {
    if (readable && !*eof && *len < BUF) {
        ssize_t r = read(from, buf + *len, BUF - *len);
        if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) *eof = 1;
        else if (r > 0) *len += (size_t)r;
    }
    if (writable && *len) {
        ssize_t w = write(to, buf, *len);
        if (w > 0) {
            for (size_t k = (size_t)w; k < *len; k++) buf[k - (size_t)w] = buf[k];
            *len -= (size_t)w;
        } else if (w < 0 && errno != EAGAIN && errno != EINTR) {
            *eof = 1;
            *len = 0;
        }
    }
}

void ports_handle(void *vp, int n) {
    struct pollfd *p = vp;
    for (int k = 0; k < n; k++) {
        short re = p[k].revents;
        if (!re) continue;
        int i = slots[k].index;
        if (slots[k].kind == SLOT_LISTENER) {
            if (listeners[i].proto == 17) relay_udp_in(i);
            else accept_tcp(&listeners[i]);
        } else if (slots[k].kind == SLOT_FLOW) {
            if (flows[i].used) relay_udp_out(&flows[i]);
        } else {
            struct conn *c = &conns[i];
            if (!c->used) continue;
            if (slots[k].kind == SLOT_CONN_IN && c->connecting) {
                int err = 0;
                socklen_t len = sizeof(err);
                getsockopt(c->in, SOL_SOCKET, SO_ERROR, &err, &len);
                if (err || (re & (POLLERR | POLLHUP))) {
                    conn_close(c);
                    continue;
                }
                c->connecting = 0;
                continue;
            }
            int hup = (re & (POLLERR | POLLHUP)) != 0;
            if (slots[k].kind == SLOT_CONN_OUT) {
                pump(c->out, c->in, c->to_in, &c->to_in_len, &c->out_eof, (re & POLLIN) || hup, 0);
                pump(c->in, c->out, c->to_out, &c->to_out_len, &c->in_eof, 0, (re & POLLOUT) != 0);
            } else {
                pump(c->in, c->out, c->to_out, &c->to_out_len, &c->in_eof, (re & POLLIN) || hup, 0);
                pump(c->out, c->in, c->to_in, &c->to_in_len, &c->out_eof, 0, (re & POLLOUT) != 0);
            }
            /* Flush what we hold, then pass each half-close on. */
            if (!c->connecting) {
                if (c->to_in_len) pump(c->out, c->in, c->to_in, &c->to_in_len, &c->out_eof, 0, 1);
                if (c->to_out_len) pump(c->in, c->out, c->to_out, &c->to_out_len, &c->in_eof, 0, 1);
            }
            if (c->out_eof && !c->to_in_len) shutdown(c->in, SHUT_WR);
            if (c->in_eof && !c->to_out_len) shutdown(c->out, SHUT_WR);
            if (c->out_eof && c->in_eof && !c->to_in_len && !c->to_out_len) conn_close(c);
        }
    }
}

void ports_close(void) {
    for (int i = 0; i < nlisteners; i++) close(listeners[i].fd);
    nlisteners = 0;
    for (int i = 0; i < MAX_CONN; i++)
        if (conns[i].used) conn_close(&conns[i]);
    for (int i = 0; i < MAX_FLOWS; i++)
        if (flows[i].used) {
            close(flows[i].in);
            flows[i].used = 0;
        }
}
