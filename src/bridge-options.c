/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Bridge options (bridge-options.h): values, units, BRIDGING_OPTS, renderings. */
#include "bridge-options.h"

#include <errno.h>
#include <string.h>

#include "hwaddr.h"
#include "json.h"

/* ---- values in kernel units --------------------------------------------- */

static uint64_t width_max(BridgeNlaKind k)
{
        switch (k) {
        case BRIDGE_NLA_U8:
                return UINT8_MAX;
        case BRIDGE_NLA_U16:
        case BRIDGE_NLA_BE16:
                return UINT16_MAX;
        case BRIDGE_NLA_U32:
                return UINT32_MAX;
        case BRIDGE_NLA_MAC:
                return (1ull << 48) - 1;
        default:
                return UINT64_MAX;
        }
}

int bridge_opt_check(const BridgeOptDesc *d, uint64_t value)
{
        if (!d)
                return -EINVAL;
        if (d->flags & BRIDGE_OPT_F_STP_RANGE)
                return value > width_max(d->nla) ? -ERANGE : 0;
        if (value < d->min || value > d->max)
                return -ERANGE;
        if (d->type == BRIDGE_OPT_TYPE_ENUM) {
                for (const BridgeOptEnumValue *e = d->values; e->name; e++)
                        if (e->value == value)
                                return 0;
                return -ERANGE;
        }
        /* br_set_group_fwd_mask(): the STP, MAC pause and LACP groups
         * (BR_GROUPFWD_RESTRICTED) are never forwarded; br_setport(): a port
         * never forwards MAC pause (BR_GROUPFWD_MACPAUSE) */
        if (d->id == BRIDGE_OPT_GROUP_FWD_MASK && (value & 0x7))
                return -ERANGE;
        if (d->id == BRIDGE_PORT_OPT_GROUP_FWD_MASK && (value & 0x2))
                return -ERANGE;
        return 0;
}

int bridge_opt_set(BridgeOptValues *o, BridgeOptId id, uint64_t value)
{
        const BridgeOptDesc *d = bridge_opt_desc(id);
        int r;

        if (!d || !o)
                return -EINVAL;
        r = bridge_opt_check(d, value);
        if (r < 0)
                return r;
        o->v[id] = value;
        o->line[id] = 0;
        o->mask |= BRIDGE_OPT_MASK(id);
        return 0;
}

uint64_t bridge_opt_get(const BridgeOptValues *o, BridgeOptId id)
{
        const BridgeOptDesc *d = bridge_opt_desc(id);

        if (!d)
                return 0;
        return o && bridge_opt_has(o, id) ? o->v[id] : d->def;
}

int bridge_opt_to_kernel(const BridgeOptDesc *d, uint64_t written, uint64_t *kernel)
{
        if (!d || !kernel)
                return -EINVAL;
        if (d->unit != BRIDGE_UNIT_SECONDS) {
                *kernel = written;
                return 0;
        }
        if (written > UINT64_MAX / BRIDGE_USER_HZ)
                return -ERANGE;
        *kernel = written * BRIDGE_USER_HZ;
        return 0;
}

/* ---- text ----------------------------------------------------------------- */

/* Decimal digits only (no sign, no blanks), into *out; false on overflow. */
static bool parse_u64(const char *s, uint64_t *out)
{
        uint64_t v = 0;

        if (!*s)
                return false;
        for (const char *p = s; *p; p++) {
                unsigned digit = (unsigned)(*p - '0');

                if (!g_ascii_isdigit(*p) || v > (UINT64_MAX - digit) / 10)
                        return false;
                v = v * 10 + digit;
        }
        *out = v;
        return true;
}

/* A MAC option's value is the address as a 48-bit number. */
static int parse_mac48(const char *s, uint64_t *out)
{
        uint8_t mac[HWADDR_ETHER_LEN];
        uint64_t v = 0;

        if (hwaddr_parse_kernel(s, mac) < 0)
                return -EINVAL;
        for (int i = 0; i < HWADDR_ETHER_LEN; i++)
                v = (v << 8) | mac[i];
        *out = v;
        return 0;
}

static char *format_mac48(uint64_t v)
{
        uint8_t mac[HWADDR_ETHER_LEN];

        for (int i = HWADDR_ETHER_LEN - 1; i >= 0; i--, v >>= 8)
                mac[i] = (uint8_t)v;
        return hwaddr_format(mac, sizeof(mac));
}

/* An enum's name, or its number as sysfs prints it (0x8100 for vlan_protocol). */
static int parse_enum(const BridgeOptDesc *d, const char *text, uint64_t *out)
{
        uint64_t v;

        for (const BridgeOptEnumValue *e = d->values; e->name; e++)
                if (g_ascii_strcasecmp(e->name, text) == 0) {
                        *out = e->value;
                        return 0;
                }
        if (g_str_has_prefix(text, "0x") && text[2]) {
                char *end = NULL;

                v = g_ascii_strtoull(text + 2, &end, 16);
                if (*end)
                        return -EINVAL;
        } else if (!parse_u64(text, &v)) {
                return -EINVAL;
        }
        /* a number that names no value is no value, not out of range */
        if (bridge_opt_check(d, v) < 0)
                return -EINVAL;
        *out = v;
        return 0;
}

/* handle_bridge_option(): 0/1; hairpin_mode is an "extended bool" there,
 * also on/off/yes/no. */
static int parse_bool(const BridgeOptDesc *d, const char *text, uint64_t *out)
{
        if (strcmp(text, "0") == 0 || strcmp(text, "1") == 0) {
                *out = text[0] == '1';
                return 0;
        }
        if (d->id != BRIDGE_PORT_OPT_HAIRPIN)
                return -EINVAL;
        if (!g_ascii_strcasecmp(text, "on") || !g_ascii_strcasecmp(text, "yes")) {
                *out = 1;
                return 0;
        }
        if (!g_ascii_strcasecmp(text, "off") || !g_ascii_strcasecmp(text, "no")) {
                *out = 0;
                return 0;
        }
        return -EINVAL;
}

int bridge_opt_parse_value(const BridgeOptDesc *d, const char *text, uint64_t *out)
{
        uint64_t v;

        if (!d || !text || !out)
                return -EINVAL;
        switch (d->type) {
        case BRIDGE_OPT_TYPE_BOOL:
                return parse_bool(d, text, out);
        case BRIDGE_OPT_TYPE_ENUM:
                return parse_enum(d, text, out);
        case BRIDGE_OPT_TYPE_MAC:
                if (parse_mac48(text, &v) < 0)
                        return -EINVAL;
                break;
        case BRIDGE_OPT_TYPE_UINT:
        default:
                if (!parse_u64(text, &v))
                        return -EINVAL;
                if (bridge_opt_to_kernel(d, v, &v) < 0)
                        return -ERANGE;
                break;
        }
        /* the range as written (forward_delay's 2-30 s too: NetworkManager
         * checks it whether STP is on or not) */
        if (v < d->min || v > d->max || bridge_opt_check(d, v) < 0)
                return -ERANGE;
        *out = v;
        return 0;
}

char *bridge_opt_format_value(const BridgeOptDesc *d, uint64_t value)
{
        switch (d->type) {
        case BRIDGE_OPT_TYPE_ENUM:
                for (const BridgeOptEnumValue *e = d->values; e->name; e++)
                        if (e->value == value)
                                return g_strdup(e->name);
                return g_strdup_printf("%" G_GUINT64_FORMAT, value);
        case BRIDGE_OPT_TYPE_MAC:
                return format_mac48(value);
        default:
                if (d->unit == BRIDGE_UNIT_SECONDS && value % BRIDGE_USER_HZ)
                        return g_strdup_printf("%" G_GUINT64_FORMAT ".%02u", value / BRIDGE_USER_HZ,
                                               (unsigned)(value % BRIDGE_USER_HZ));
                if (d->unit == BRIDGE_UNIT_SECONDS)
                        value /= BRIDGE_USER_HZ;
                return g_strdup_printf("%" G_GUINT64_FORMAT, value);
        }
}

static const char *unit_words(BridgeOptUnit u)
{
        return u == BRIDGE_UNIT_SECONDS   ? "a number of seconds"
               : u == BRIDGE_UNIT_CLOCK_T ? "a number of hundredths of a second"
                                          : "a number";
}

char *bridge_opt_describe_values(const BridgeOptDesc *d)
{
        g_autofree char *min = NULL, *max = NULL;
        GString *s;

        switch (d->type) {
        case BRIDGE_OPT_TYPE_BOOL:
                return g_strdup(d->id == BRIDGE_PORT_OPT_HAIRPIN ? "0 or 1 (also on, off, yes, no)"
                                                                 : "0 or 1");
        case BRIDGE_OPT_TYPE_MAC:
                return g_strdup("a MAC address 01:80:c2:00:00:0X");
        case BRIDGE_OPT_TYPE_ENUM:
                s = g_string_new(NULL);
                for (const BridgeOptEnumValue *v = d->values; v->name; v++)
                        g_string_append_printf(s, "%s%s", v != d->values ? ", " : "", v->name);
                return g_string_free(s, FALSE);
        case BRIDGE_OPT_TYPE_UINT:
        default:
                min = bridge_opt_format_value(d, d->min);
                max = bridge_opt_format_value(d, d->max);
                return g_strdup_printf("%s from %s to %s", unit_words(d->unit), min, max);
        }
}

/* ---- BRIDGING_OPTS -------------------------------------------------------- */

void bridge_opt_problem_free(BridgeOptProblem *p)
{
        if (!p)
                return;
        g_free(p->key);
        g_free(p->message);
        g_free(p->hint);
        g_free(p);
}

static void problem(GPtrArray *problems, const char *key, char *hint, const char *fmt, ...)
        G_GNUC_PRINTF(4, 5);

static void problem(GPtrArray *problems, const char *key, char *hint, const char *fmt, ...)
{
        BridgeOptProblem *p;
        va_list ap;

        if (!problems) {
                g_free(hint);
                return;
        }
        p = g_new0(BridgeOptProblem, 1);
        p->key = g_strdup(key);
        p->hint = hint;
        va_start(ap, fmt);
        p->message = g_strdup_vprintf(fmt, ap);
        va_end(ap);
        g_ptr_array_add(problems, p);
}

/* The row BRIDGING_OPTS takes key for: its name or its sysfs file, not
 * iproute2's keyword (ifup-eth writes the key to sysfs). */
static const BridgeOptDesc *ifcfg_lookup(const char *key, bool port)
{
        const BridgeOptDesc *d = bridge_opt_lookup(key, port);

        if (d && (strcmp(d->name, key) == 0 || (d->alias && strcmp(d->alias, key) == 0)))
                return d;
        return NULL;
}

/* Why key is unknown, when the table knows better: an option of the other
 * side (say which file it belongs in) or iproute2's spelling of one. */
static char *unknown_hint(const char *key, bool port)
{
        const BridgeOptDesc *d = bridge_opt_lookup(key, port);
        const char *s;

        if (d)
                return g_strdup_printf("%s is iproute2's name; BRIDGING_OPTS takes %s", key,
                                       d->name);
        if (ifcfg_lookup(key, !port))
                return g_strdup_printf(!port ? "%s is a port option: put it in BRIDGING_OPTS of "
                                               "the port's file (the one with BRIDGE=)"
                                             : "%s is a bridge option: put it in BRIDGING_OPTS of "
                                               "the bridge's file (TYPE=Bridge)",
                                       key);
        s = bridge_opt_suggest(key, port);
        return s ? g_strdup_printf("did you mean '%s'?", s)
                 : g_strdup("'bondcfg options --bridge' lists the bridge options");
}

/* handle_bridging_opts() (NetworkManager) and ifup-eth's loop: words split
 * at blanks, key up to the first '=', the value after it. */
int bridge_opts_parse(const char *text, bool port, unsigned line, BridgeOptValues *out,
                      GPtrArray *problems)
{
        g_auto(GStrv) words = NULL;
        int r = 0;

        if (!text || !out)
                return -EINVAL;
        words = g_strsplit_set(text, " \t\n", -1);
        for (char **w = words; *w; w++) {
                const char *eq = strchr(*w, '=');
                g_autofree char *key = NULL;
                const BridgeOptDesc *d;
                const char *val;
                uint64_t num = 0;
                int e;

                if (!**w)
                        continue;
                if (!eq || eq == *w || !eq[1]) {
                        problem(problems, *w,
                                g_strdup("write NAME=VALUE, e.g. BRIDGING_OPTS=\"priority=32768\""),
                                "'%s' in BRIDGING_OPTS is not NAME=VALUE", *w);
                        r = -EINVAL;
                        continue;
                }
                key = g_strndup(*w, (gsize)(eq - *w));
                val = eq + 1;
                d = ifcfg_lookup(key, port);
                if (!d) {
                        problem(problems, key, unknown_hint(key, port), "unknown %s option '%s'",
                                port ? "bridge port" : "bridge", key);
                        r = -EINVAL;
                        continue;
                }
                e = bridge_opt_parse_value(d, val, &num);
                if (e < 0) {
                        g_autofree char *accepted = bridge_opt_describe_values(d);

                        problem(problems, d->name,
                                g_strdup_printf("%s takes %s%s", d->name, accepted,
                                                d->unit == BRIDGE_UNIT_SECONDS && e == -ERANGE
                                                        ? " (seconds, as NetworkManager reads "
                                                          "it, not the hundredths sysfs takes)"
                                                        : ""),
                                "%s=%s: %s", d->name, val,
                                e == -ERANGE ? "out of range" : "invalid value");
                        r = -EINVAL;
                        continue;
                }
                out->v[d->id] = num;
                out->line[d->id] = line;
                out->mask |= BRIDGE_OPT_MASK(d->id);
        }
        return r;
}

/* ---- renderings ------------------------------------------------------------ */

static const char *side_name(const BridgeOptDesc *d)
{
        return d->port ? "port" : "bridge";
}

/* Whether d is one of names (by name, alias or iproute2 keyword); all if none. */
static bool named(const BridgeOptDesc *d, const char *const *names)
{
        if (!names || !*names)
                return true;
        for (const char *const *n = names; *n; n++)
                if (strcmp(d->name, *n) == 0 || (d->alias && strcmp(d->alias, *n) == 0) ||
                    strcmp(d->ip_name, *n) == 0)
                        return true;
        return false;
}

char *bridge_opts_text(const char *const *names)
{
        GString *s = g_string_new(NULL);

        for (int i = 0; i < _BRIDGE_OPT_MAX; i++) {
                const BridgeOptDesc *d = bridge_opt_desc(i);
                g_autofree char *acc = NULL, *def = NULL;

                if (!named(d, names))
                        continue;
                acc = bridge_opt_describe_values(d);
                def = bridge_opt_format_value(d, d->def);
                g_string_append_printf(s, "%-34s %-6s %s (default %s): %s\n", d->name, side_name(d),
                                       acc, def, d->help);
        }
        return g_string_free(s, FALSE);
}

char *bridge_opts_completion(void)
{
        g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        GString *s = g_string_new(NULL);

        for (int i = 0; i < _BRIDGE_OPT_MAX; i++) {
                const BridgeOptDesc *d = bridge_opt_desc(i);

                for (const BridgeOptEnumValue *e = d->values; e && e->name; e++) {
                        char *w = g_strdup_printf("%s=%s", d->name, e->name);

                        if (g_hash_table_add(seen, w))
                                g_string_append_printf(s, "%s\n", w);
                }
                if (g_hash_table_add(seen, g_strdup_printf("%s=", d->name)))
                        g_string_append_printf(s, "%s=\n", d->name);
        }
        return g_string_free(s, FALSE);
}

void bridge_opts_to_json(JsonDoc *b)
{
        json_begin_array_member(b, "bridge_options");
        for (int i = 0; i < _BRIDGE_OPT_MAX; i++) {
                const BridgeOptDesc *d = bridge_opt_desc(i);
                g_autofree char *acc = bridge_opt_describe_values(d);
                g_autofree char *def = bridge_opt_format_value(d, d->def);

                json_obj_begin(b);
                json_set_string(b, "name", d->name);
                json_set_string(b, "alias", d->alias);
                json_set_string(b, "iproute2", d->ip_name);
                json_set_string(b, "ifcfg_key", d->ifcfg_key);
                json_set_string(b, "applies_to", side_name(d));
                json_set_string(b, "values", acc);
                json_set_string(b, "default", def);
                json_set_int(b, "ifla", d->ifla);
                json_set_int(b, "kernel_default", (gint64)d->def);
                json_set_bool(b, "stp_only", d->flags & BRIDGE_OPT_F_STP_ONLY);
                json_set_bool(b, "initscripts", !(d->flags & BRIDGE_OPT_F_NOT_INITSCRIPTS));
                json_set_bool(b, "networkmanager", !(d->flags & BRIDGE_OPT_F_NOT_NM));
                json_set_string(b, "help", d->help);
                json_obj_end(b);
        }
        json_arr_end(b);
}

char *bridge_opts_man(void)
{
        GString *s = g_string_new(NULL);

        for (int i = 0; i < _BRIDGE_OPT_MAX; i++) {
                const BridgeOptDesc *d = bridge_opt_desc(i);
                g_autofree char *acc = bridge_opt_describe_values(d);
                g_autofree char *def = bridge_opt_format_value(d, d->def);
                g_autofree char *line =
                        g_strdup_printf("(%s) %s; %s, default %s%s%s.", side_name(d), d->help, acc,
                                        def, d->alias ? "; also " : "", d->alias ? d->alias : "");

                g_string_append_printf(s, ".TP\n.B %s\n", d->name);
                for (const char *p = line; *p; p++) {
                        if (*p == '-' || *p == '\\')
                                g_string_append_c(s, '\\');
                        g_string_append_c(s, *p == '\\' ? 'e' : *p);
                }
                g_string_append_c(s, '\n');
        }
        return g_string_free(s, FALSE);
}
