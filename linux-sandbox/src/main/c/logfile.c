/*
 * The container log in Docker's json-file format: one JSON object per line,
 * {"log":"...","stream":"stdout","time":"RFC 3339 with nanoseconds"}, capped at a size
 * and rotated through a fixed number of files (container.log, container.log.1, ...).
 * Lines longer than 16 KiB are split, as Docker does.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "stevedore.h"

#define LINE_MAX_BYTES 16384

static int log_fd = -1;
static char log_path[4096];
static uint64_t max_size, cur_size;
static uint32_t max_files;
static char pending[2][LINE_MAX_BYTES];
static size_t pending_len[2];
static char entry[LINE_MAX_BYTES * 6 + 128];

int log_open(const char *dir, uint64_t size, uint32_t files) {
    s_copy(log_path, sizeof(log_path), dir);
    s_cat(log_path, sizeof(log_path), "/container.log");
    max_size = size;
    max_files = files ? files : 1;
    log_fd = open(log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (log_fd < 0) return -1;
    off_t end = lseek(log_fd, 0, SEEK_END);
    cur_size = end > 0 ? (uint64_t)end : 0;
    return 0;
}

static void rotated_name(char *buf, size_t cap, uint32_t i) {
    char num[16];
    s_copy(buf, cap, log_path);
    if (i > 0) {
        s_fmt_u64(num, sizeof(num), i);
        s_cat(buf, cap, ".");
        s_cat(buf, cap, num);
    }
}

static void rotate(void) {
    static char from[4200], to[4200];
    close(log_fd);
    if (max_files <= 1) {
        log_fd = open(log_path, O_WRONLY | O_TRUNC | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    } else {
        for (uint32_t i = max_files - 1; i > 0; i--) {
            rotated_name(from, sizeof(from), i - 1);
            rotated_name(to, sizeof(to), i);
            rename(from, to);
        }
        log_fd = open(log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    }
    cur_size = 0;
}

/* Days since 1970-01-01 to a civil date (proleptic Gregorian). */
static void civil(int64_t days, int64_t *y, unsigned *m, unsigned *d) {
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    unsigned doe = (unsigned)(days - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t year = (int64_t)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = year + (*m <= 2);
}

static size_t put_digits(char *p, uint64_t v, int width) {
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return (size_t)width;
}

/* Writes the current time as 2006-01-02T15:04:05.999999999Z; returns its length (30). */
size_t format_now(char *p) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    int64_t secs = ts.tv_sec;
    int64_t days = secs / 86400;
    int64_t rem = secs % 86400;
    if (rem < 0) {
        rem += 86400;
        days--;
    }
    int64_t y;
    unsigned m, d;
    civil(days, &y, &m, &d);
    size_t n = 0;
    n += put_digits(p + n, (uint64_t)y, 4);
    p[n++] = '-';
    n += put_digits(p + n, m, 2);
    p[n++] = '-';
    n += put_digits(p + n, d, 2);
    p[n++] = 'T';
    n += put_digits(p + n, (uint64_t)(rem / 3600), 2);
    p[n++] = ':';
    n += put_digits(p + n, (uint64_t)(rem / 60 % 60), 2);
    p[n++] = ':';
    n += put_digits(p + n, (uint64_t)(rem % 60), 2);
    p[n++] = '.';
    n += put_digits(p + n, (uint64_t)ts.tv_nsec, 9);
    p[n++] = 'Z';
    return n;
}

static void emit(int stream, const char *line, size_t len) {
    static const char hex[] = "0123456789abcdef";
    size_t n = 0;
    const char *head = "{\"log\":\"";
    while (*head) entry[n++] = *head++;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)line[i];
        switch (ch) {
        case '"': entry[n++] = '\\'; entry[n++] = '"'; break;
        case '\\': entry[n++] = '\\'; entry[n++] = '\\'; break;
        case '\n': entry[n++] = '\\'; entry[n++] = 'n'; break;
        case '\r': entry[n++] = '\\'; entry[n++] = 'r'; break;
        case '\t': entry[n++] = '\\'; entry[n++] = 't'; break;
        default:
            if (ch < 0x20) {
                entry[n++] = '\\';
                entry[n++] = 'u';
                entry[n++] = '0';
                entry[n++] = '0';
                entry[n++] = hex[ch >> 4];
                entry[n++] = hex[ch & 15];
            } else {
                entry[n++] = (char)ch;
            }
        }
    }
    const char *mid = stream == 1 ? "\",\"stream\":\"stdout\",\"time\":\"" : "\",\"stream\":\"stderr\",\"time\":\"";
    while (*mid) entry[n++] = *mid++;
    n += format_now(entry + n);
    entry[n++] = '"';
    entry[n++] = '}';
    entry[n++] = '\n';
    if (log_fd < 0) return;
    if (max_size > 0 && cur_size > 0 && cur_size + n > max_size) rotate();
    if (log_fd >= 0 && write_full(log_fd, entry, n) == 0) cur_size += n;
}

void log_write(int stream, const char *data, size_t len) {
    int s = stream == 1 ? 0 : 1;
    for (size_t i = 0; i < len; i++) {
        pending[s][pending_len[s]++] = data[i];
        if (data[i] == '\n' || pending_len[s] == LINE_MAX_BYTES) {
            emit(stream, pending[s], pending_len[s]);
            pending_len[s] = 0;
        }
    }
}

void log_flush_partial(void) {
    for (int s = 0; s < 2; s++) {
        if (pending_len[s]) {
            emit(s == 0 ? 1 : 2, pending[s], pending_len[s]);
            pending_len[s] = 0;
        }
    }
}

void log_close(void) {
    log_flush_partial();
    if (log_fd >= 0) close(log_fd);
    log_fd = -1;
}
