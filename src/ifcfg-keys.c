/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ifcfg key table: lookups, the warnings, and its renderings. */
#include "ifcfg-keys.h"

#include <stdint.h>
#include <string.h>

#include "json.h"
#include "strutil.h"

/* KEY matches "KEY#" rows as KEY, KEY0 ... KEY255 (no leading zero). */
static bool name_matches(const char *pattern, const char *key)
{
        size_t n = strlen(pattern);
        const char *d;

        if (pattern[n - 1] != '#')
                return strcmp(pattern, key) == 0;
        if (strncmp(pattern, key, n - 1) != 0)
                return false;
        d = key + n - 1;
        if (!*d)
                return true;
        if (d[0] == '0' && d[1])
                return false;
        for (const char *p = d; *p; p++)
                if (!g_ascii_isdigit(*p) || p - d >= 3)
                        return false;
        return true;
}

/* The table's rows by name ("KEY#" rows under KEY): a GArray of row
 * indices, ascending, per name.  Built once; every key of every file is
 * looked up. */
static GHashTable *row_index(void)
{
        static gsize once;
        static GHashTable *ix;

        if (g_once_init_enter(&once)) {
                size_t n;
                const IfcfgKeyDesc *t = ifcfg_keys(&n);
                GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify)g_array_unref);

                for (size_t i = 0; i < n; i++) {
                        char *base = g_strdup(t[i].name);
                        size_t l = strlen(base);
                        GArray *rows;

                        if (l && base[l - 1] == '#')
                                base[l - 1] = '\0';
                        rows = g_hash_table_lookup(h, base);
                        if (!rows) {
                                rows = g_array_new(FALSE, FALSE, sizeof(size_t));
                                g_hash_table_insert(h, base, rows);
                        } else {
                                g_free(base);
                        }
                        g_array_append_val(rows, i);
                }
                ix = h;
                g_once_init_leave(&once, 1);
        }
        return ix;
}

/* The first row (in table order) for key and one of roles: the rows named
 * key, and the "BASE#" rows when key is BASE and digits. */
static const IfcfgKeyDesc *find(const char *key, unsigned roles)
{
        size_t n, best = SIZE_MAX, l = strlen(key), b = l;
        const IfcfgKeyDesc *t = ifcfg_keys(&n);
        GHashTable *ix = row_index();
        const GArray *lists[2] = { g_hash_table_lookup(ix, key), NULL };
        g_autofree char *base = NULL;

        while (b > 0 && l - b < 3 && g_ascii_isdigit(key[b - 1]))
                b--;
        if (b < l && b > 0) {
                base = g_strndup(key, b);
                lists[1] = g_hash_table_lookup(ix, base);
        }
        for (size_t k = 0; k < G_N_ELEMENTS(lists); k++)
                for (guint i = 0; lists[k] && i < lists[k]->len; i++) {
                        size_t r = g_array_index(lists[k], size_t, i);

                        if (r < best && (t[r].roles & roles) && name_matches(t[r].name, key))
                                best = r;
                }
        return best == SIZE_MAX ? NULL : &t[best];
}

const IfcfgKeyDesc *ifcfg_key_lookup(const char *key, KeyRole role)
{
        return key ? find(key, role) : NULL;
}

/* The known key closest to key (at most two edits), or NULL. */
static const char *suggest(const char *key)
{
        size_t n;
        const IfcfgKeyDesc *t = ifcfg_keys(&n);
        const char *best = NULL;
        unsigned bd = 3;

        for (size_t i = 0; i < n; i++) {
                g_autofree char *name = g_strdup(t[i].name);
                size_t l = strlen(name);
                unsigned d;

                if (name[l - 1] == '#')
                        name[l - 1] = '\0';
                d = str_edit_distance(key, name, 2);
                if (d < bd) {
                        bd = d;
                        best = g_intern_string(name);
                }
        }
        return best;
}

/* "DNS#" -> "DNSn", for messages. */
static char *display_name(const char *name)
{
        char *s = g_strdup(name);
        size_t n = strlen(s);

        if (n && s[n - 1] == '#')
                s[n - 1] = 'n';
        return s;
}

/* Keys validate.c already reports on a port (addresses belong on the bond). */
static bool port_ip_key(const char *key)
{
        static const char *const pre[] = { "IPADDR",   "PREFIX",         "NETMASK",  "GATEWAY",
                                           "IPV6ADDR", "IPV6_DEFAULTGW", "BOOTPROTO" };

        for (size_t i = 0; i < G_N_ELEMENTS(pre); i++)
                if (g_str_has_prefix(key, pre[i]))
                        return true;
        return false;
}

static bool is_quiet(const IfcfgKeyDesc *k, const char *value)
{
        int a, b;

        if (!k->quiet)
                return false;
        a = ifcfg_parse_bool(k->quiet);
        b = ifcfg_parse_bool(value);
        if (a >= 0 && b >= 0)
                return a == b;
        return g_ascii_strcasecmp(k->quiet, value) == 0;
}

static const char *role_name(KeyRole role)
{
        return role == KEY_ROLE_BOND     ? "a bond's file"
               : role == KEY_ROLE_PORT   ? "a port's file"
               : role == KEY_ROLE_VLAN   ? "a VLAN's file"
               : role == KEY_ROLE_BRIDGE ? "a bridge's file"
                                         : "/etc/sysconfig/network";
}

void ifcfg_keys_check(const IfcfgFile *f, KeyRole role, DiagList *diags)
{
        g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);

        for (guint i = 0; i < ifcfg_n_vars(f); i++) {
                const IfcfgVar *v = ifcfg_var(f, i);
                const IfcfgKeyDesc *k;

                if (!*v->value || !g_hash_table_add(seen, v->key))
                        continue;
                k = find(v->key, role);
                if (k) {
                        if ((k->disp == KEY_WARN || k->disp == KEY_HANDOFF) &&
                            !is_quiet(k, v->value)) {
                                g_autofree char *dn = display_name(k->name);
                                g_autofree char *hint = g_strdup_printf(
                                        "'bondcfg keys' says what initscripts, NetworkManager "
                                        "and bondcfg do with %s; remove it to silence this",
                                        dn);

                                diag_add(diags, DIAG_WARNING, ifcfg_path(f), v->line, v->key, hint,
                                         "%s", k->bondcfg);
                        }
                        continue;
                }
                if (role == KEY_ROLE_NETWORK)
                        continue;
                if (find(v->key, KEY_ROLE_BOND | KEY_ROLE_PORT | KEY_ROLE_NETWORK | KEY_ROLE_VLAN |
                                         KEY_ROLE_BRIDGE)) {
                        if (role == KEY_ROLE_PORT && port_ip_key(v->key))
                                continue;
                        diag_add(diags, DIAG_WARNING, ifcfg_path(f), v->line, v->key,
                                 "move it to the file it belongs in, or remove it",
                                 "%s is not used in %s (neither initscripts nor bondcfg reads "
                                 "it there)",
                                 v->key, role_name(role));
                        continue;
                }
                {
                        const char *s = suggest(v->key);
                        g_autofree char *hint =
                                s ? g_strdup_printf("did you mean '%s'?", s)
                                  : g_strdup("'bondcfg keys' lists the keys bondcfg reads");

                        diag_add(diags, DIAG_WARNING, ifcfg_path(f), v->line, v->key, hint,
                                 "unknown key %s: neither initscripts nor NetworkManager reads "
                                 "it, and bondcfg ignores it",
                                 v->key);
                }
        }
}

/* ---- renderings ------------------------------------------------------------ */

static const char *disp_name(KeyDisposition d)
{
        static const char *const names[] = { "done", "handed over", "warning", "nothing to do" };

        return names[d];
}

static char *roles_text(unsigned r)
{
        GString *s = g_string_new(NULL);

        if (r & KEY_ROLE_BOND)
                g_string_append(s, "bond");
        if (r & KEY_ROLE_PORT)
                g_string_append_printf(s, "%sport", s->len ? "," : "");
        if (r & KEY_ROLE_NETWORK)
                g_string_append_printf(s, "%snetwork", s->len ? "," : "");
        if (r & KEY_ROLE_VLAN)
                g_string_append_printf(s, "%svlan", s->len ? "," : "");
        if (r & KEY_ROLE_BRIDGE)
                g_string_append_printf(s, "%sbridge", s->len ? "," : "");
        return g_string_free(s, FALSE);
}

static void troff_text(GString *s, const char *t)
{
        for (const char *p = t; *p; p++) {
                if (*p == '\\')
                        g_string_append(s, "\\e");
                else if (*p == '-')
                        g_string_append(s, "\\-");
                else
                        g_string_append_c(s, *p);
                if (p == t && (*p == '.' || *p == '\''))
                        g_string_insert(s, (gssize)s->len - 1, "\\&");
        }
}

char *ifcfg_keys_man(void)
{
        GString *s = g_string_new(NULL);
        size_t n;
        const IfcfgKeyDesc *t = ifcfg_keys(&n);

        for (size_t i = 0; i < n; i++) {
                g_autofree char *roles = roles_text(t[i].roles);

                g_string_append(s, ".TP\n.B ");
                troff_text(s, t[i].name);
                g_string_append_printf(s, " \\fR(%s; %s)\n", roles, disp_name(t[i].disp));
                g_string_append(s, "initscripts: ");
                troff_text(s, t[i].initscripts);
                g_string_append(s, ".\n.br\nNetworkManager: ");
                troff_text(s, t[i].nm);
                g_string_append(s, ".\n.br\nbondcfg: ");
                troff_text(s, t[i].bondcfg);
                g_string_append(s, ".\n");
        }
        return g_string_free(s, FALSE);
}

void ifcfg_keys_to_json(JsonDoc *b)
{
        size_t n;
        const IfcfgKeyDesc *t = ifcfg_keys(&n);

        json_begin_array_member(b, "keys");
        for (size_t i = 0; i < n; i++) {
                g_autofree char *roles = roles_text(t[i].roles);

                json_obj_begin(b);
                json_set_string(b, "key", t[i].name);
                json_set_string(b, "files", roles);
                json_set_string(b, "bondcfg_does", disp_name(t[i].disp));
                json_set_string(b, "initscripts", t[i].initscripts);
                json_set_string(b, "networkmanager", t[i].nm);
                json_set_string(b, "bondcfg", t[i].bondcfg);
                json_obj_end(b);
        }
        json_arr_end(b);
}

char *ifcfg_keys_text(void)
{
        GString *s = g_string_new(NULL);
        size_t n;
        const IfcfgKeyDesc *t = ifcfg_keys(&n);

        for (size_t i = 0; i < n; i++) {
                g_autofree char *roles = roles_text(t[i].roles);

                g_string_append_printf(s, "%-22s %-13s %-13s %s\n", t[i].name, roles,
                                       disp_name(t[i].disp), t[i].bondcfg);
        }
        return g_string_free(s, FALSE);
}
