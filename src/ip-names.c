/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Names of route tables, protocols, scopes, types and IP protocols. */
#include "ip-names.h"

#include <errno.h>
#include <string.h>
#include <linux/rtnetlink.h>

#include "ip-args.h"

/* iproute2's built-in rt_protos names (lib/rt_names.c rtnl_rtprot_tab). */
static const char *const builtin_protos[256] = {
        [0] = "unspec",    [1] = "redirect", [2] = "kernel", [3] = "boot",   [4] = "static",
        [8] = "gated",     [9] = "ra",       [10] = "mrt",   [11] = "zebra", [12] = "bird",
        [13] = "dnrouted", [14] = "xorp",    [15] = "ntk",   [16] = "dhcp",  [18] = "keepalived",
        [42] = "babel",    [186] = "bgp",    [187] = "isis", [188] = "ospf", [189] = "rip",
        [192] = "eigrp",
};

struct IpNames {
        GHashTable *tables; /* name -> uint32_t* */
        char *protos[256];  /* id -> name, NULL: the built-in one */
};

static void add_table(IpNames *n, const char *name, uint32_t id)
{
        uint32_t *v = g_new(uint32_t, 1);

        *v = id;
        g_hash_table_insert(n->tables, g_strdup(name), v);
}

IpNames *ip_names_new(void)
{
        IpNames *n = g_new0(IpNames, 1);

        n->tables = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        add_table(n, "default", RT_TABLE_DEFAULT);
        add_table(n, "main", RT_TABLE_MAIN);
        add_table(n, "local", RT_TABLE_LOCAL);
        return n;
}

void ip_names_free(IpNames *n)
{
        if (!n)
                return;
        g_hash_table_unref(n->tables);
        for (unsigned i = 0; i < 256; i++)
                g_free(n->protos[i]);
        g_free(n);
}

/* ---- reading iproute2's files -------------------------------------------- */

typedef enum { DB_TABLES, DB_PROTOS } NameDb;

/*
 * One "ID NAME" line as rt_names.c's fread_id_name() takes it: ID is 0x hex
 * or decimal (possibly negative: then skipped), NAME the next word, the rest
 * of the line ignored.  -EINVAL: malformed.
 */
static int parse_name_line(const char *line, int64_t *id, char **name)
{
        g_auto(GStrv) w = ip_split_words(line);
        uint64_t v;
        bool neg;
        const char *num;

        if (!w[0] || !w[1])
                return -EINVAL;
        neg = w[0][0] == '-';
        num = neg ? w[0] + 1 : w[0];
        if (g_str_has_prefix(num, "0x") ? ip_parse_uint(num + 2, 16, UINT32_MAX, &v) < 0 || neg
                                        : ip_parse_decimal(num, INT32_MAX, &v) < 0)
                return -EINVAL;
        *id = neg ? -(int64_t)v : (int64_t)v;
        *name = g_strdup(w[1]);
        return 0;
}

static void load_file(IpNames *n, NameDb db, const char *path, DiagList *diags)
{
        g_autofree char *text = NULL;
        g_auto(GStrv) lines = NULL;

        if (!g_file_get_contents(path, &text, NULL, NULL))
                return;
        lines = g_strsplit(text, "\n", -1);
        for (guint i = 0; lines[i]; i++) {
                const char *p = lines[i];
                g_autofree char *name = NULL;
                int64_t id;

                while (*p == ' ' || *p == '\t')
                        p++;
                if (*p == '#' || *p == '\0')
                        continue;
                if (parse_name_line(p, &id, &name) < 0) {
                        if (diags)
                                diag_add(diags, DIAG_WARNING, path, i + 1, NULL,
                                         "write each name as 'NUMBER NAME'",
                                         "malformed line; ip stops reading the file here");
                        return;
                }
                if (id < 0)
                        continue;
                if (db == DB_TABLES) {
                        add_table(n, name, (uint32_t)id);
                } else if (id < 256) {
                        g_free(n->protos[id]);
                        n->protos[id] = g_steal_pointer(&name);
                }
        }
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the .conf files in dir, sorted (readdir order is arbitrary; sorted is stable). */
static GPtrArray *conf_files(const char *dir)
{
        GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
        g_autoptr(GDir) d = dir ? g_dir_open(dir, 0, NULL) : NULL;
        const char *e;

        while (d && (e = g_dir_read_name(d)))
                if (e[0] != '.' && strlen(e) > 5 && g_str_has_suffix(e, ".conf"))
                        g_ptr_array_add(names, g_strdup(e));
        g_ptr_array_sort(names, cmp_str);
        return names;
}

static void load_db(IpNames *n, NameDb db, const char *etc, const char *usr, DiagList *diags)
{
        const char *file = db == DB_TABLES ? "rt_tables" : "rt_protos";
        g_autofree char *ddir = g_strconcat(file, ".d", NULL);
        g_autofree char *etc_file = etc ? g_build_filename(etc, file, NULL) : NULL;
        g_autofree char *etc_d = etc ? g_build_filename(etc, ddir, NULL) : NULL;
        g_autofree char *usr_d = usr ? g_build_filename(usr, ddir, NULL) : NULL;
        g_autoptr(GPtrArray) usr_confs = conf_files(usr_d);
        g_autoptr(GPtrArray) etc_confs = conf_files(etc_d);

        if (etc_file && g_file_test(etc_file, G_FILE_TEST_EXISTS)) {
                load_file(n, db, etc_file, diags);
        } else if (usr) {
                g_autofree char *usr_file = g_build_filename(usr, file, NULL);

                load_file(n, db, usr_file, diags);
        }
        for (guint i = 0; i < usr_confs->len; i++) {
                g_autofree char *over =
                        etc_d ? g_build_filename(etc_d, usr_confs->pdata[i], NULL) : NULL;
                g_autofree char *path = g_build_filename(usr_d, usr_confs->pdata[i], NULL);

                if (!over || !g_file_test(over, G_FILE_TEST_EXISTS))
                        load_file(n, db, path, diags);
        }
        for (guint i = 0; i < etc_confs->len; i++) {
                g_autofree char *path = g_build_filename(etc_d, etc_confs->pdata[i], NULL);

                load_file(n, db, path, diags);
        }
}

int ip_names_load(IpNames *n, const char *etc_dir, const char *usr_dir, DiagList *diags)
{
        load_db(n, DB_TABLES, etc_dir, usr_dir, diags);
        load_db(n, DB_PROTOS, etc_dir, usr_dir, diags);
        return 0;
}

/* ---- text -> number ------------------------------------------------------- */

int ip_table_from_string(const IpNames *n, const char *s, uint32_t *out)
{
        const uint32_t *v;
        uint64_t num;

        if (!s)
                return -EINVAL;
        v = n ? g_hash_table_lookup(n->tables, s) : NULL;
        if (v) {
                *out = *v;
                return 0;
        }
        for (uint32_t t = RT_TABLE_DEFAULT; !n && t <= RT_TABLE_LOCAL; t++) {
                if (g_str_equal(s, ip_table_name(t))) {
                        *out = t;
                        return 0;
                }
        }
        /* rtnl_rttable_a2n(): strtoul base 0, up to RT_TABLE_MAX */
        if (ip_parse_uint(s, 0, UINT32_MAX, &num) < 0)
                return -EINVAL;
        *out = (uint32_t)num;
        return 0;
}

int ip_proto_from_string(const IpNames *n, const char *s, uint8_t *out)
{
        uint64_t num;

        if (!s)
                return -EINVAL;
        /* rtnl_rtprot_a2n(): the first id whose name matches */
        for (unsigned i = 0; i < 256; i++) {
                const char *name = n && n->protos[i] ? n->protos[i] : builtin_protos[i];

                if (name && g_str_equal(name, s)) {
                        *out = (uint8_t)i;
                        return 0;
                }
        }
        if (ip_parse_uint(s, 0, 255, &num) < 0)
                return -EINVAL;
        *out = (uint8_t)num;
        return 0;
}

static const struct {
        const char *name;
        uint8_t scope;
} scopes[] = {
        { "global", RT_SCOPE_UNIVERSE }, { "nowhere", RT_SCOPE_NOWHERE }, { "host", RT_SCOPE_HOST },
        { "link", RT_SCOPE_LINK },       { "site", RT_SCOPE_SITE },
};

int ip_scope_from_string(const char *s, uint8_t *out)
{
        uint64_t num;

        for (size_t i = 0; s && i < G_N_ELEMENTS(scopes); i++) {
                if (g_str_equal(s, scopes[i].name)) {
                        *out = scopes[i].scope;
                        return 0;
                }
        }
        if (ip_parse_uint(s, 0, 255, &num) < 0)
                return -EINVAL;
        *out = (uint8_t)num;
        return 0;
}

int ip_dsfield_from_string(const char *s, uint8_t *out)
{
        uint64_t num;

        /* rtnl_dsfield_a2n(): strtoul base 16, so "10" is 0x10 */
        if (!s || !g_ascii_isxdigit(s[0]))
                return -EINVAL;
        if (ip_parse_uint(s, 16, 255, &num) < 0)
                return -EINVAL;
        *out = (uint8_t)num;
        return 0;
}

static const struct {
        const char *name;
        uint8_t proto;
} ipprotos[] = {
        { "icmp", 1 },       { "igmp", 2 },   { "tcp", 6 },       { "udp", 17 },
        { "dccp", 33 },      { "gre", 47 },   { "esp", 50 },      { "ah", 51 },
        { "ipv6-icmp", 58 }, { "sctp", 132 }, { "udplite", 136 },
};

int ip_ipproto_from_string(const char *s, uint8_t *out)
{
        uint64_t num;

        /* inet_proto_a2n(): a decimal number, else a protocol name */
        if (ip_parse_decimal(s, 255, &num) == 0) {
                *out = (uint8_t)num;
                return 0;
        }
        for (size_t i = 0; s && i < G_N_ELEMENTS(ipprotos); i++) {
                if (g_str_equal(s, ipprotos[i].name)) {
                        *out = ipprotos[i].proto;
                        return 0;
                }
        }
        return -EINVAL;
}

/* rtnl_rtntype_a2n()'s order: it decides what an abbreviation means. */
static const IpKeyword rtntypes[] = {
        { "local", false, RTN_LOCAL },        { "nat", false, RTN_NAT },
        { "broadcast", true, RTN_BROADCAST }, { "brd", false, RTN_BROADCAST },
        { "anycast", true, RTN_ANYCAST },     { "multicast", true, RTN_MULTICAST },
        { "prohibit", true, RTN_PROHIBIT },   { "unreachable", true, RTN_UNREACHABLE },
        { "blackhole", true, RTN_BLACKHOLE }, { "xresolve", true, RTN_XRESOLVE },
        { "unicast", true, RTN_UNICAST },     { "throw", false, RTN_THROW },
};

int ip_rtntype_from_string(const char *s, bool allow_number, uint8_t *out)
{
        const IpKeyword *k = s ? ip_keyword_find(rtntypes, G_N_ELEMENTS(rtntypes), s) : NULL;
        uint64_t num;

        if (k) {
                *out = (uint8_t)k->id;
                return 0;
        }
        if (!allow_number || ip_parse_uint(s, 0, 255, &num) < 0)
                return -EINVAL;
        *out = (uint8_t)num;
        return 0;
}

/* ---- number -> text ------------------------------------------------------- */

const char *ip_table_name(uint32_t table)
{
        switch (table) {
        case RT_TABLE_DEFAULT:
                return "default";
        case RT_TABLE_MAIN:
                return "main";
        case RT_TABLE_LOCAL:
                return "local";
        default:
                return NULL;
        }
}

const char *ip_proto_name(uint8_t proto)
{
        return builtin_protos[proto];
}

const char *ip_scope_name(uint8_t scope)
{
        for (size_t i = 0; i < G_N_ELEMENTS(scopes); i++)
                if (scopes[i].scope == scope)
                        return scopes[i].name;
        return NULL;
}

const char *ip_rtntype_name(uint8_t type)
{
        static const char *const names[] = {
                [RTN_UNSPEC] = "unspec",
                [RTN_UNICAST] = "unicast",
                [RTN_LOCAL] = "local",
                [RTN_BROADCAST] = "broadcast",
                [RTN_ANYCAST] = "anycast",
                [RTN_MULTICAST] = "multicast",
                [RTN_BLACKHOLE] = "blackhole",
                [RTN_UNREACHABLE] = "unreachable",
                [RTN_PROHIBIT] = "prohibit",
                [RTN_THROW] = "throw",
                [RTN_NAT] = "nat",
                [RTN_XRESOLVE] = "xresolve",
        };

        return type < G_N_ELEMENTS(names) ? names[type] : NULL;
}

const char *ip_ipproto_name(uint8_t proto)
{
        for (size_t i = 0; i < G_N_ELEMENTS(ipprotos); i++)
                if (ipprotos[i].proto == proto)
                        return ipprotos[i].name;
        return NULL;
}
