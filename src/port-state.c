/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Records of the ports' state before bondcfg enslaved them. */
#include "port-state.h"
#include "state-file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void port_state_free(PortState *ps)
{
        if (!ps)
                return;
        g_free(ps->bond);
        g_free(ps->perm_mac);
        g_free(ps);
}

char *port_state_dir(void)
{
        return state_dir("ports");
}

char *port_state_format(const PortState *ps)
{
        GString *s = g_string_new("# bondcfg: this port before it was enslaved; "
                                  "'bondcfg down' restores it\n");

        g_string_append_printf(s, "ifindex=%d\n", ps->ifindex);
        if (ps->bond)
                g_string_append_printf(s, "bond=%s\n", ps->bond);
        g_string_append_printf(s, "up=%d\n", ps->up ? 1 : 0);
        if (ps->mtu)
                g_string_append_printf(s, "mtu=%u\n", ps->mtu);
        if (ps->perm_mac)
                g_string_append_printf(s, "perm_mac=%s\n", ps->perm_mac);
        return g_string_free(s, FALSE);
}

static bool parse_uint(const char *v, unsigned long max, unsigned long *out)
{
        char *end;

        if (!g_ascii_isdigit(*v))
                return false;
        errno = 0;
        *out = strtoul(v, &end, 10);
        return errno == 0 && *end == '\0' && *out <= max;
}

int port_state_parse(const char *text, PortState **out)
{
        g_autoptr(PortState) ps = g_new0(PortState, 1);
        g_auto(GStrv) lines = g_strsplit(text ? text : "", "\n", -1);
        bool have_index = false, have_up = false;

        for (char **l = lines; *l; l++) {
                char *eq = strchr(*l, '=');
                const char *v;
                unsigned long n;

                if (**l == '#' || **l == '\0')
                        continue;
                if (!eq)
                        return -EINVAL;
                *eq = '\0';
                v = eq + 1;
                if (strcmp(*l, "ifindex") == 0) {
                        if (!parse_uint(v, G_MAXINT, &n) || n == 0)
                                return -EINVAL;
                        ps->ifindex = (int)n;
                        have_index = true;
                } else if (strcmp(*l, "up") == 0) {
                        if (!parse_uint(v, 1, &n))
                                return -EINVAL;
                        ps->up = n == 1;
                        have_up = true;
                } else if (strcmp(*l, "mtu") == 0) {
                        if (!parse_uint(v, G_MAXUINT, &n))
                                return -EINVAL;
                        ps->mtu = (unsigned)n;
                } else if (strcmp(*l, "bond") == 0) {
                        g_free(ps->bond);
                        ps->bond = *v ? g_strdup(v) : NULL;
                } else if (strcmp(*l, "perm_mac") == 0) {
                        g_free(ps->perm_mac);
                        ps->perm_mac = *v ? g_strdup(v) : NULL;
                }
        }
        if (!have_index || !have_up)
                return -EINVAL;
        *out = g_steal_pointer(&ps);
        return 0;
}

int port_state_load(const char *dir, const char *ifname, PortState **out)
{
        g_autofree char *path = NULL, *text = NULL;
        g_autoptr(GError) err = NULL;

        if (!state_name_valid(ifname))
                return -EINVAL;
        path = g_build_filename(dir, ifname, NULL);
        if (!g_file_get_contents(path, &text, NULL, &err))
                return g_error_matches(err, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? -ENOENT : -EIO;
        return port_state_parse(text, out);
}

int port_state_save(const char *dir, const char *ifname, const PortState *ps)
{
        g_autoptr(PortState) old = NULL;
        g_autofree char *path = NULL, *tmp = NULL, *text = NULL;
        int have, r;

        if (!state_name_valid(ifname))
                return -EINVAL;
        if (g_mkdir_with_parents(dir, 0755) < 0)
                return -errno;
        have = port_state_load(dir, ifname, &old);
        if (have == 0 && old->ifindex == ps->ifindex)
                return 0;
        text = port_state_format(ps);
        r = state_write_temp(dir, ifname, text, &tmp);
        if (r < 0)
                return r;
        path = g_build_filename(dir, ifname, NULL);
        if (have == -ENOENT) {
                /* link() does not replace: a record made meanwhile is kept. */
                r = link(tmp, path) < 0 ? (errno == EEXIST ? 0 : -errno) : 1;
                unlink(tmp);
                return r;
        }
        /* A stale (other ifindex) or unreadable record: replace it. */
        r = rename(tmp, path) < 0 ? -errno : 1;
        if (r < 0)
                unlink(tmp);
        return r;
}

int port_state_remove(const char *dir, const char *ifname)
{
        return state_remove(dir, ifname);
}

GHashTable *port_state_load_ports(const char *dir, const Snapshot *s, const char *bond)
{
        GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify)port_state_free);
        const SnapLink *b = snapshot_link_by_name(s, bond);
        g_autoptr(GPtrArray) ports = NULL;

        if (!b)
                return t;
        ports = snapshot_ports_of(s, b->ifindex);
        for (guint i = 0; i < ports->len; i++) {
                const SnapLink *l = ports->pdata[i];
                PortState *ps = NULL;

                if (port_state_load(dir, l->name, &ps) < 0)
                        continue;
                if (ps->ifindex == l->ifindex)
                        g_hash_table_insert(t, g_strdup(l->name), ps);
                else
                        port_state_free(ps);
        }
        return t;
}

int port_state_record(const char *dir, const Snapshot *before, const char *ifname, const char *bond)
{
        const SnapLink *l = snapshot_link_by_name(before, ifname);
        const SnapLink *b = snapshot_link_by_name(before, bond);
        PortState ps;

        if (!l)
                return -ENODEV;
        if (b && l->master == b->ifindex)
                return 0; /* already in this bond: what it was before is unknown here */
        ps = (PortState){
                .ifindex = l->ifindex,
                .bond = (char *)bond,
                .up = l->up,
                .mtu = l->mtu,
                .perm_mac = l->perm_mac ? l->perm_mac : l->mac,
        };
        return port_state_save(dir, ifname, &ps);
}
