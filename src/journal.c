/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The crash journal (journal.h). */
#include "journal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "plan-save.h"
#include "state-file.h"
#include "trust.h"

#define RUN_FILE "run"
/* "%10u\n": a count rewritten in place, always the same length */
#define MARK_LEN 11

struct Journal {
        char *dir;
        GKeyFile *kf;     /* the run file: [run] */
        GPtrArray *bonds; /* char*: in the order they were added */
        GHashTable *fds;  /* bond -> mark file descriptor (GINT_TO_POINTER(fd + 1)) */
};

char *journal_dir(void)
{
        return state_dir("journal");
}

static void close_fd(gpointer p)
{
        close(GPOINTER_TO_INT(p) - 1);
}

/* Remove every file of dir (the journal has no subdirectories). */
static int empty_dir(const char *dir)
{
        g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
        const char *name;
        int r = 0;

        if (!d)
                return errno == ENOENT ? 0 : -errno;
        while ((name = g_dir_read_name(d))) {
                g_autofree char *path = g_build_filename(dir, name, NULL);

                if (unlink(path) < 0 && errno != ENOENT)
                        r = -errno;
        }
        return r;
}

static char *mark_name(const char *bond)
{
        return g_strconcat(bond, ".step", NULL);
}

int journal_begin(const char *command, Journal **out)
{
        g_autoptr(Journal) j = g_new0(Journal, 1);
        int r;

        j->dir = journal_dir();
        j->kf = g_key_file_new();
        j->bonds = g_ptr_array_new_with_free_func(g_free);
        j->fds = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, close_fd);
        if (g_mkdir_with_parents(j->dir, 0700) < 0)
                return -errno;
        r = empty_dir(j->dir);
        if (r < 0)
                return r;
        g_key_file_set_int64(j->kf, "run", "pid", getpid());
        g_key_file_set_string(j->kf, "run", "command", command);
        g_key_file_set_string(j->kf, "run", "version", BONDCFG_VERSION);
        g_key_file_set_int64(j->kf, "run", "started", g_get_real_time());
        *out = g_steal_pointer(&j);
        return 0;
}

static char *plan_name(const char *bond)
{
        return g_strconcat(bond, ".plan", NULL);
}

int journal_add(Journal *j, const char *bond, const Plan *p, const Snapshot *before)
{
        g_autofree char *mark = mark_name(bond);
        g_autofree char *plan = plan_name(bond);
        g_autofree char *path = g_build_filename(j->dir, mark, NULL);
        g_autoptr(GKeyFile) kf = g_key_file_new();
        g_autofree char *text = NULL;
        int fd, r;

        if (!state_name_valid(bond))
                return -EINVAL;
        /* a bond planned again in the same run starts over */
        g_hash_table_remove(j->fds, bond);
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0)
                return -errno;
        g_hash_table_insert(j->fds, g_strdup(bond), GINT_TO_POINTER(fd + 1));
        r = journal_mark(j, bond, 0);
        if (r < 0)
                return r;
        /* the bond's plan first, then the run that names it */
        plan_save(p, kf, bond);
        if (before)
                plan_save_before(p, before, kf, bond);
        text = g_key_file_to_data(kf, NULL, NULL);
        r = state_write(j->dir, plan, text);
        if (r < 0)
                return r;
        g_clear_pointer(&text, g_free);
        if (!g_ptr_array_find_with_equal_func(j->bonds, bond, g_str_equal, NULL))
                g_ptr_array_add(j->bonds, g_strdup(bond));
        g_ptr_array_add(j->bonds, NULL);
        g_key_file_set_string_list(j->kf, "run", "bonds", (const char *const *)j->bonds->pdata,
                                   j->bonds->len - 1);
        g_ptr_array_remove_index(j->bonds, j->bonds->len - 1);
        text = g_key_file_to_data(j->kf, NULL, NULL);
        return state_write(j->dir, RUN_FILE, text);
}

int journal_mark(Journal *j, const char *bond, guint n)
{
        int fd = GPOINTER_TO_INT(g_hash_table_lookup(j->fds, bond)) - 1;
        char buf[MARK_LEN + 1];

        if (fd < 0)
                return -ENOENT;
        g_snprintf(buf, sizeof(buf), "%10u\n", n);
        if (pwrite(fd, buf, MARK_LEN, 0) != MARK_LEN)
                return -errno;
        return 0;
}

void journal_end(Journal *j)
{
        if (!j)
                return;
        g_hash_table_remove_all(j->fds);
        journal_discard(false, 0);
}

void journal_free(Journal *j)
{
        if (!j)
                return;
        g_free(j->dir);
        g_key_file_unref(j->kf);
        g_ptr_array_unref(j->bonds);
        g_hash_table_unref(j->fds);
        g_free(j);
}

/* ---- reading what a dead run left --------------------------------------- */

static void journal_bond_free(gpointer p)
{
        JournalBond *b = p;

        g_free(b->bond);
        plan_free(b->plan);
        snapshot_free(b->before);
        g_free(b);
}

void journal_record_free(JournalRecord *r)
{
        if (!r)
                return;
        g_free(r->dir);
        g_free(r->command);
        g_free(r->version);
        if (r->bonds)
                g_ptr_array_unref(r->bonds);
        g_free(r);
}

/* The count in dir/BOND.step (none: 0, nothing was done). */
static int read_mark(const char *dir, const char *bond, guint *out)
{
        g_autofree char *mark = mark_name(bond);
        g_autofree char *path = g_build_filename(dir, mark, NULL);
        g_autofree char *text = NULL;
        guint64 n;

        *out = 0;
        if (!g_file_get_contents(path, &text, NULL, NULL))
                return 0;
        g_strstrip(text);
        if (!*text)
                return 0;
        if (!g_ascii_string_to_unsigned(text, 10, 0, G_MAXUINT, &n, NULL))
                return -EINVAL;
        *out = (guint)n;
        return 0;
}

/* The file must be one bondcfg trusts (trust.h: root's, no one else's to
 * write), and a regular file. */
static int check_owner(const char *path, char **err)
{
        g_autofree char *why = NULL;
        struct stat st;

        if (lstat(path, &st) < 0)
                return -errno;
        if (!S_ISREG(st.st_mode))
                why = g_strdup_printf("it is %s, not a regular file", trust_file_type(st.st_mode));
        else
                why = trust_file_problem(&st);
        if (why) {
                *err = g_strdup_printf("%s: %s", path, why);
                return -EINVAL;
        }
        return 0;
}

int journal_read(JournalRecord **out, char **err)
{
        g_autoptr(JournalRecord) rec = g_new0(JournalRecord, 1);
        g_autoptr(GKeyFile) kf = g_key_file_new();
        g_autoptr(GError) e = NULL;
        g_autofree char *path = NULL;
        g_auto(GStrv) bonds = NULL;
        int r;

        rec->dir = journal_dir();
        path = g_build_filename(rec->dir, RUN_FILE, NULL);
        r = check_owner(path, err);
        if (r < 0)
                return r;
        if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &e)) {
                *err = g_strdup_printf("%s: %s", path, e->message);
                return -EINVAL;
        }
        rec->pid = (pid_t)g_key_file_get_int64(kf, "run", "pid", NULL);
        rec->command = g_key_file_get_string(kf, "run", "command", NULL);
        rec->version = g_key_file_get_string(kf, "run", "version", NULL);
        rec->started = g_key_file_get_int64(kf, "run", "started", NULL);
        bonds = g_key_file_get_string_list(kf, "run", "bonds", NULL, NULL);
        rec->bonds = g_ptr_array_new_with_free_func(journal_bond_free);
        if (!rec->command || !bonds) {
                *err = g_strdup_printf("%s: [run] has no command or no bonds", path);
                return -EINVAL;
        }
        for (guint i = 0; bonds[i]; i++) {
                JournalBond *b = g_new0(JournalBond, 1);
                g_autoptr(GKeyFile) bk = g_key_file_new();
                g_autofree char *name = NULL, *file = NULL, *why = NULL;

                g_ptr_array_add(rec->bonds, b);
                b->bond = g_strdup(bonds[i]);
                if (!state_name_valid(b->bond)) {
                        *err = g_strdup_printf("%s: a bond name that is not one: '%s'", path,
                                               b->bond);
                        return -EINVAL;
                }
                name = plan_name(b->bond);
                file = g_build_filename(rec->dir, name, NULL);
                r = check_owner(file, err);
                if (r < 0) {
                        if (r != -EINVAL)
                                *err = g_strdup_printf("%s: %s", file, g_strerror(-r));
                        return -EINVAL;
                }
                if (!g_key_file_load_from_file(bk, file, G_KEY_FILE_NONE, &e)) {
                        *err = g_strdup_printf("%s: %s", file, e->message);
                        return -EINVAL;
                }
                if (plan_load(bk, b->bond, &b->plan, &why) < 0 ||
                    plan_load_before(bk, b->bond, &b->before, &why) < 0 ||
                    read_mark(rec->dir, b->bond, &b->done) < 0) {
                        *err = g_strdup_printf("%s: %s", file,
                                               why ? why : "the step count is not a number");
                        return -EINVAL;
                }
                b->done = MIN(b->done, b->plan->steps->len);
        }
        *out = g_steal_pointer(&rec);
        return 0;
}

int journal_discard(bool broken, pid_t pid)
{
        g_autofree char *dir = journal_dir();
        g_autofree char *aside = NULL;
        int r;

        if (!broken) {
                r = empty_dir(dir);
                if (rmdir(dir) < 0 && errno != ENOENT && r == 0)
                        r = -errno;
                return r;
        }
        aside = g_strdup_printf("%s.broken-%ld", dir, (long)pid);
        if (rename(dir, aside) < 0 && errno != ENOENT)
                return -errno;
        return 0;
}
