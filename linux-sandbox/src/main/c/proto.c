/* Framed events to the JVM: [u8 type][u32 little-endian length][payload]. */
#include <errno.h>
#include <unistd.h>

#include "stevedore.h"

int jvm_out = 1;

int write_full(int fd, const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int read_full(int fd, void *buf, size_t len) {
    char *p = buf;
    while (len > 0) {
        ssize_t n = read(fd, p, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (n == 0) return 1; /* EOF before the whole record */
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static void put_u32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

/* One write() per frame, so small frames reach the pipe atomically. */
int send_frame(int type, const void *payload, uint32_t len) {
    static unsigned char frame[5 + 65536];
    if (jvm_out < 0) return -1;
    frame[0] = (unsigned char)type;
    put_u32(frame + 1, len);
    if (len <= sizeof(frame) - 5) {
        const unsigned char *p = payload;
        for (uint32_t i = 0; i < len; i++) frame[5 + i] = p[i];
        return write_full(jvm_out, frame, 5 + len);
    }
    if (write_full(jvm_out, frame, 5) < 0) return -1;
    return write_full(jvm_out, payload, len);
}

int send_error(int step, int err, const char *detail) {
    unsigned char buf[8 + 1024];
    uint32_t n = 0;
    put_u32(buf, (uint32_t)step);
    put_u32(buf + 4, (uint32_t)err);
    if (detail) {
        while (detail[n] && n < 1024) {
            buf[8 + n] = (unsigned char)detail[n];
            n++;
        }
    }
    return send_frame(EV_ERROR, buf, 8 + n);
}
