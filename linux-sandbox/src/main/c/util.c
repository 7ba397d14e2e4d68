/* String helpers that never allocate and are safe after fork(). */
#include "stevedore.h"

size_t s_len(const char *s) {
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

int s_eq(const char *a, const char *b) {
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

int s_startswith(const char *s, const char *prefix) {
    while (*prefix) {
        if (*s++ != *prefix++) return 0;
    }
    return 1;
}

char *s_copy(char *dst, size_t cap, const char *src) {
    size_t i = 0;
    if (cap == 0) return dst;
    while (src[i] && i + 1 < cap) {
        dst[i] = src[i];
        i++;
    }
    dst[i] = 0;
    return dst;
}

char *s_cat(char *dst, size_t cap, const char *src) {
    size_t n = s_len(dst);
    if (n < cap) s_copy(dst + n, cap - n, src);
    return dst;
}

int s_fmt_u64(char *dst, size_t cap, uint64_t v) {
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v && n < (int)sizeof(tmp));
    int len = 0;
    while (n > 0 && (size_t)len + 1 < cap) dst[len++] = tmp[--n];
    if (cap) dst[len] = 0;
    return len;
}

int s_parse_u64(const char *s, uint64_t *out) {
    uint64_t v = 0;
    if (!*s) return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return -1;
        uint64_t next = v * 10 + (uint64_t)(*s - '0');
        if (next / 10 != v) return -1; /* overflow */
        v = next;
    }
    *out = v;
    return 0;
}

const char *env_get(const char *const *envp, const char *name) {
    size_t n = s_len(name);
    for (; *envp; envp++) {
        const char *e = *envp;
        size_t i = 0;
        while (i < n && e[i] == name[i]) i++;
        if (i == n && e[i] == '=') return e + n + 1;
    }
    return 0;
}
