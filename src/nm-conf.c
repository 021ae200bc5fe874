/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "nm-conf.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>

#include "state-file.h"

GHashTable *nm_conf_records(const char *state_dir, int *err)
{
        g_autoptr(GHashTable) t =
                g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_strfreev);
        g_autoptr(GError) e = NULL;
        g_autoptr(GDir) d = g_dir_open(state_dir, 0, &e);
        const char *name;

        *err = 0;
        if (!d) {
                if (g_error_matches(e, G_FILE_ERROR, G_FILE_ERROR_NOENT))
                        return g_steal_pointer(&t);
                *err = -EIO;
                return NULL;
        }
        while ((name = g_dir_read_name(d))) {
                g_autofree char *path = g_build_filename(state_dir, name, NULL);
                g_autofree char *text = NULL;
                char **devs;

                if (!state_name_valid(name) || !g_file_get_contents(path, &text, NULL, NULL))
                        continue;
                devs = g_strsplit_set(g_strstrip(text), "\n", -1);
                g_hash_table_insert(t, g_strdup(name), devs);
        }
        return g_steal_pointer(&t);
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

char *nm_conf_format(GHashTable *records)
{
        g_autoptr(GPtrArray) names = g_ptr_array_new();
        g_autoptr(GString) s = g_string_new(NULL);
        GHashTableIter it;
        gpointer k, v;

        g_hash_table_iter_init(&it, records);
        while (g_hash_table_iter_next(&it, &k, &v))
                for (char **d = v; *d; d++)
                        if (**d && !g_ptr_array_find_with_equal_func(names, *d, g_str_equal, NULL))
                                g_ptr_array_add(names, *d);
        if (!names->len)
                return NULL;
        g_ptr_array_sort(names, cmp_str);
        g_string_append(s, "# Written by bondcfg: the bonds and ports it brings up, which\n"
                           "# NetworkManager leaves alone.  'bondcfg down BOND' gives a bond's\n"
                           "# devices back.  Do not edit: bondcfg rewrites this file.\n"
                           "[keyfile]\nunmanaged-devices+=");
        for (guint i = 0; i < names->len; i++)
                g_string_append_printf(s, "%sinterface-name:%s", i ? ";" : "",
                                       (char *)names->pdata[i]);
        g_string_append_c(s, '\n');
        return g_string_free(g_steal_pointer(&s), FALSE);
}

int nm_conf_set(const char *state_dir, const char *conf_dir, const char *bond,
                const char *const *devices, bool *changed)
{
        g_autoptr(GHashTable) records = NULL;
        g_autofree char *path = g_build_filename(conf_dir, NM_CONF_NAME, NULL);
        g_autofree char *want = NULL, *have = NULL;
        int r;

        *changed = false;
        if (!state_name_valid(bond))
                return -EINVAL;
        if (devices && devices[0]) {
                g_autofree char *joined = g_strjoinv("\n", (char **)devices);
                g_autofree char *text = g_strconcat(joined, "\n", NULL);

                r = state_write(state_dir, bond, text);
        } else {
                r = state_remove(state_dir, bond);
        }
        if (r < 0)
                return r;
        records = nm_conf_records(state_dir, &r);
        if (!records)
                return r;
        want = nm_conf_format(records);
        if (!g_file_get_contents(path, &have, NULL, NULL))
                have = NULL;
        if (g_strcmp0(want, have) == 0)
                return 0;
        *changed = true;
        if (!want)
                return g_unlink(path) < 0 && errno != ENOENT ? -errno : 0;
        if (g_mkdir_with_parents(conf_dir, 0755) < 0)
                return -errno;
        return state_write(conf_dir, NM_CONF_NAME, want);
}
