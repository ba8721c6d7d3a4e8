/* Run a command at a terminal: a new pseudo-terminal of 100x40 as its
 * stdin, stdout and stderr; what it writes is read and discarded, as a
 * terminal would take it. Exits with the command's exit status.
 *
 *     ttyrun COMMAND [ARG...]
 *
 * bench/run.py compiles this (cc -O2 ttyrun.c -lutil) into its work folder
 * to time commands "at a terminal": hyperfine's own output is never one, and
 * rich draws boxes and colour only at a terminal. util-linux script(1) does
 * the same but waits ~20 ms at exit, which would blur the ratios; ttyrun
 * costs about a fork. Window size: $BENCH_TTY_COLUMNS x $BENCH_TTY_LINES. */
#include <errno.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

static unsigned short from_env(const char *name, unsigned short fallback) {
    const char *value = getenv(name);
    long number = value ? strtol(value, NULL, 10) : 0;
    return number > 0 && number < 10000 ? (unsigned short)number : fallback;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: ttyrun COMMAND [ARG...]\n");
        return 2;
    }
    struct winsize size = {0};
    size.ws_col = from_env("BENCH_TTY_COLUMNS", 100);
    size.ws_row = from_env("BENCH_TTY_LINES", 40);
    int master;
    pid_t child = forkpty(&master, NULL, NULL, &size);
    if (child < 0) {
        perror("ttyrun: forkpty");
        return 127;
    }
    if (child == 0) {
        execvp(argv[1], argv + 1);
        perror("ttyrun: exec");
        _exit(127);
    }
    char buffer[65536];
    for (;;) {
        ssize_t got = read(master, buffer, sizeof buffer);
        if (got > 0) continue;
        if (got < 0 && errno == EINTR) continue;
        break; /* EIO: every copy of the terminal's other end is closed */
    }
    int status = 0;
    while (waitpid(child, &status, 0) < 0) {
        if (errno != EINTR) {
            perror("ttyrun: waitpid");
            return 127;
        }
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}
