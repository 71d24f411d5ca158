#include "cli/sign_file.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>

#include "base/file.h"
#include "base/xmalloc.h"

struct password_source {
    const char *key_path;
    const char *password; /* the caller's; NULL: none */
};

/* The key's password: the caller's, else $KIOSK_KEY_PASSWORD, else asked on the terminal
 * without echo. */
static char *get_password(void *data)
{
    const struct password_source *src = data;
    if (src->password)
        return xstrdup(src->password);
    const char *env = getenv("KIOSK_KEY_PASSWORD");
    if (env)
        return xstrdup(env);
    FILE *tty = fopen("/dev/tty", "r+");
    if (!tty)
        return NULL;
    fprintf(tty, "Password for %s: ", src->key_path);
    fflush(tty);
    struct termios old, quiet;
    bool echo_off = tcgetattr(fileno(tty), &old) == 0;
    if (echo_off) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
    }
    char buf[1024];
    char *line = fgets(buf, sizeof buf, tty);
    if (echo_off)
        tcsetattr(fileno(tty), TCSAFLUSH, &old);
    fputc('\n', tty);
    fclose(tty);
    if (!line)
        return NULL;
    buf[strcspn(buf, "\r\n")] = '\0';
    char *pw = xstrdup(buf);
    sodium_memzero(buf, sizeof buf);
    return pw;
}

bool cli_sign_file(const char *command, const char *key_path, const char *password,
                   const char *comment, const uint8_t hash[MINISIG_HASH_BYTES],
                   const char *sig_path, FILE *msgs)
{
    char err[1024];
    char *text = NULL;
    size_t len = 0;
    if (!file_read_all(key_path, MINISIG_FILE_MAX, &text, &len, err, sizeof err)) {
        fprintf(msgs, "kiosk: %s: %s\n", command, err);
        return false;
    }
    struct minisig_seckey *key = sodium_malloc(sizeof *key);
    struct password_source src = {key_path, password};
    bool ok =
        key && minisig_seckey_parse(text, len, key_path, get_password, &src, key, err, sizeof err);
    sodium_memzero(text, len);
    free(text);
    if (!ok) {
        fprintf(msgs, "kiosk: %s: %s\n", command, key ? err : "out of secure memory");
    } else {
        char *sig = minisig_sign(key, hash, comment);
        ok = file_write_atomic(sig_path, sig, strlen(sig), err, sizeof err);
        if (!ok)
            fprintf(msgs, "kiosk: %s: %s\n", command, err);
        free(sig);
    }
    if (key)
        sodium_free(key);
    return ok;
}
