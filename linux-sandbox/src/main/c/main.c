/*
 * stevedore-init entry point. The JVM starts us from a sealed memfd with the configuration
 * frame on stdin. We make ourselves non-dumpable before anything else (cf. CVE-2019-5736),
 * then run as the shim of a new sandbox or as the shim of an exec into a running one.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "stevedore.h"

static unsigned char config_buf[CONFIG_MAX];
static struct config cfg;

int main(void) {
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0) {
        send_error(STEP_CONFIG, errno, "cannot make the shim non-dumpable");
        return 1;
    }
    unsigned char head[5];
    if (read_full(0, head, 5) != 0 || head[0] != CMD_CONFIG) {
        send_error(STEP_CONFIG, EPROTO, "expected a configuration frame on stdin");
        return 1;
    }
    uint32_t len = (uint32_t)head[1] | (uint32_t)head[2] << 8 | (uint32_t)head[3] << 16 | (uint32_t)head[4] << 24;
    if (len > CONFIG_MAX || read_full(0, config_buf, len) != 0) {
        send_error(STEP_CONFIG, E2BIG, "configuration too large or truncated");
        return 1;
    }
    const char *why = 0;
    if (config_parse(&cfg, config_buf, len, &why) < 0) {
        send_error(STEP_CONFIG, EINVAL, why);
        return 1;
    }
    return cfg.mode == MODE_EXEC ? exec_shim_main(&cfg) : shim_main(&cfg);
}
