/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Bridge options (bridge-options.h): lookups, values, BRIDGING_OPTS, renderings. */
#include "bridge-options.h"

#include <errno.h>
#include <string.h>

#include "json.h"
#include "strutil.h"

void br_opt_problem_free(BrOptProblem *p)
{
        if (!p)
                return;
        g_free(p->key);
        g_free(p->message);
        g_free(p->hint);
        g_free(p);
}

const BrOptDesc *br_opt_lookup(const char *name, BrOptScope scope)
{
        if (!name)
                return NULL;
        for (int i = 0; i < _BR_OPT_MAX; i++) {
                const BrOptDesc *d = br_opt_desc(i);

                if (d->scope == scope &&
                    (strcmp(d->name, name) == 0 || (d->alias && strcmp(d->alias, name) == 0)))
                        return d;
        }
        return NULL;
}

const char *br_opt_suggest(const char *name, BrOptScope scope)
{
        const char *best = NULL;
        unsigned bd = 3;

        for (int i = 0; i < _BR_OPT_MAX; i++) {
                const BrOptDesc *d = br_opt_desc(i);
                unsigned dist;

                if (d->scope != scope)
                        continue;
                dist = str_edit_distance(name, d->name);
                if (dist < bd) {
                        bd = dist;
                        best = d->name;
                }
        }
        return best;
}

static const char *unit_words(BrOptUnit u)
{
        return u == BR_UNIT_SECONDS ? "a number of seconds"
               : u == BR_UNIT_CENTI ? "a number of hundredths of a second"
                                    : "a number";
}

char *br_opt_describe_values(const BrOptDesc *d)
{
        GString *s;

        switch (d->type) {
        case BR_OPT_TYPE_BOOL:
                return g_strdup(d->id == BR_OPT_PORT_HAIRPIN_MODE ? "0 or 1 (also on, off, yes, no)"
                                                                  : "0 or 1");
        case BR_OPT_TYPE_MAC:
                return g_strdup("a MAC address 01:80:c2:00:00:0X");
        case BR_OPT_TYPE_ENUM:
                s = g_string_new(NULL);
                for (const BrOptEnumValue *v = d->values; v->name; v++)
                        g_string_append_printf(s, "%s%s", v != d->values ? ", " : "", v->name);
                return g_string_free(s, FALSE);
        case BR_OPT_TYPE_UINT:
        default:
                return g_strdup_printf("%s from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT,
                                       unit_words(d->unit), d->min, d->max);
        }
}

/* Decimal digits only (no sign, no blanks), into *out; false on overflow. */
static bool parse_u64(const char *s, uint64_t *out)
{
        uint64_t v = 0;

        if (!*s)
                return false;
        for (const char *p = s; *p; p++) {
                if (!g_ascii_isdigit(*p) || v > (G_MAXUINT64 - 9) / 10)
                        return false;
                v = v * 10 + (uint64_t)(*p - '0');
        }
        *out = v;
        return true;
}

static int parse_mac48(const char *s, uint64_t *out)
{
        uint64_t v = 0;

        for (int i = 0; i < 6; i++) {
                int hi = g_ascii_xdigit_value(s[0]), lo = hi < 0 ? -1 : g_ascii_xdigit_value(s[1]);

                if (hi < 0 || lo < 0 || (i < 5 ? s[2] != ':' : s[2] != '\0'))
                        return -EINVAL;
                v = (v << 8) | (uint64_t)(hi << 4 | lo);
                s += 3;
        }
        *out = v;
        return 0;
}

int br_opt_parse_value(const BrOptDesc *d, const char *text, uint64_t *out)
{
        uint64_t v;

        if (!d || !text)
                return -EINVAL;
        switch (d->type) {
        case BR_OPT_TYPE_BOOL:
                /* handle_bridge_option(): 0/1; hairpin_mode is an "extended
                 * bool" there, also on/off/yes/no */
                if (strcmp(text, "0") == 0 || strcmp(text, "1") == 0) {
                        *out = text[0] == '1';
                        return 0;
                }
                if (d->id == BR_OPT_PORT_HAIRPIN_MODE) {
                        if (!g_ascii_strcasecmp(text, "on") || !g_ascii_strcasecmp(text, "yes")) {
                                *out = 1;
                                return 0;
                        }
                        if (!g_ascii_strcasecmp(text, "off") || !g_ascii_strcasecmp(text, "no")) {
                                *out = 0;
                                return 0;
                        }
                }
                return -EINVAL;
        case BR_OPT_TYPE_ENUM:
                for (const BrOptEnumValue *e = d->values; e->name; e++)
                        if (g_ascii_strcasecmp(e->name, text) == 0) {
                                *out = e->value;
                                return 0;
                        }
                /* the number, as sysfs prints it (0x8100 for vlan_protocol) */
                if (g_str_has_prefix(text, "0x") && text[2]) {
                        char *end = NULL;

                        v = g_ascii_strtoull(text + 2, &end, 16);
                        if (*end)
                                return -EINVAL;
                } else if (!parse_u64(text, &v)) {
                        return -EINVAL;
                }
                for (const BrOptEnumValue *e = d->values; e->name; e++)
                        if (e->value == v) {
                                *out = v;
                                return 0;
                        }
                return -EINVAL;
        case BR_OPT_TYPE_MAC:
                if (parse_mac48(text, &v) < 0)
                        return -EINVAL;
                /* br_changelink(): is_link_local_ether_addr() */
                if ((v & ~0xfull) != 0x0180c2000000ull)
                        return -ERANGE;
                *out = v;
                return 0;
        case BR_OPT_TYPE_UINT:
        default:
                if (!parse_u64(text, &v))
                        return -EINVAL;
                if (v < d->min || v > d->max)
                        return -ERANGE;
                /* br_set_group_fwd_mask(): the STP, MAC pause and LACP groups
                 * (BR_GROUPFWD_RESTRICTED) are never forwarded */
                if (d->id == BR_OPT_GROUP_FWD_MASK && (v & 0x7))
                        return -ERANGE;
                *out = v;
                return 0;
        }
}

char *br_opt_format_value(const BrOptDesc *d, uint64_t num)
{
        switch (d->type) {
        case BR_OPT_TYPE_ENUM:
                for (const BrOptEnumValue *e = d->values; e->name; e++)
                        if (e->value == num)
                                return g_strdup(e->name);
                return g_strdup_printf("%" G_GUINT64_FORMAT, num);
        case BR_OPT_TYPE_MAC:
                return g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x",
                                       (unsigned)(num >> 40) & 0xff, (unsigned)(num >> 32) & 0xff,
                                       (unsigned)(num >> 24) & 0xff, (unsigned)(num >> 16) & 0xff,
                                       (unsigned)(num >> 8) & 0xff, (unsigned)num & 0xff);
        default:
                return g_strdup_printf("%" G_GUINT64_FORMAT, num);
        }
}

uint64_t br_opt_kernel_value(const BrOptDesc *d, uint64_t num)
{
        return d->unit == BR_UNIT_SECONDS ? num * 100 : num;
}

static void problem(GPtrArray *problems, const char *key, char *hint, const char *fmt, ...)
        G_GNUC_PRINTF(4, 5);

static void problem(GPtrArray *problems, const char *key, char *hint, const char *fmt, ...)
{
        BrOptProblem *p;
        va_list ap;

        if (!problems) {
                g_free(hint);
                return;
        }
        p = g_new0(BrOptProblem, 1);
        p->key = g_strdup(key);
        p->hint = hint;
        va_start(ap, fmt);
        p->message = g_strdup_vprintf(fmt, ap);
        va_end(ap);
        g_ptr_array_add(problems, p);
}

/* A name of the other scope: say which file it belongs in. */
static char *wrong_scope_hint(const char *key, BrOptScope scope)
{
        if (!br_opt_lookup(key, scope == BR_OPT_FOR_BRIDGE ? BR_OPT_FOR_PORT : BR_OPT_FOR_BRIDGE))
                return NULL;
        return g_strdup_printf(scope == BR_OPT_FOR_BRIDGE
                                       ? "%s is a port option: put it in BRIDGING_OPTS of the "
                                         "port's file (the one with BRIDGE=)"
                                       : "%s is a bridge option: put it in BRIDGING_OPTS of the "
                                         "bridge's file (TYPE=Bridge)",
                               key);
}

/* handle_bridging_opts() (NetworkManager) and ifup-eth's loop: words split
 * at blanks, key up to the first '=', the value after it. */
int bridge_opts_parse(const char *text, BrOptScope scope, unsigned line, BrOptions *out,
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
                const BrOptDesc *d;
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
                d = br_opt_lookup(key, scope);
                if (!d) {
                        char *hint = wrong_scope_hint(key, scope);
                        const char *s = hint ? NULL : br_opt_suggest(key, scope);

                        if (!hint)
                                hint = s ? g_strdup_printf("did you mean '%s'?", s)
                                         : g_strdup("'bondcfg options --bridge' lists the bridge "
                                                    "options");
                        problem(problems, key, hint, "unknown %s option '%s'",
                                scope == BR_OPT_FOR_BRIDGE ? "bridge" : "bridge port", key);
                        r = -EINVAL;
                        continue;
                }
                e = br_opt_parse_value(d, val, &num);
                if (e < 0) {
                        g_autofree char *accepted = br_opt_describe_values(d);

                        problem(problems, d->name,
                                g_strdup_printf("%s takes %s%s", d->name, accepted,
                                                d->unit == BR_UNIT_SECONDS && e == -ERANGE
                                                        ? " (seconds, as NetworkManager reads "
                                                          "it, not the hundredths sysfs takes)"
                                                        : ""),
                                "%s=%s: %s", d->name, val,
                                e == -ERANGE ? "out of range" : "invalid value");
                        r = -EINVAL;
                        continue;
                }
                out->v[d->id].set = true;
                out->v[d->id].num = num;
                out->v[d->id].line = line;
        }
        return r;
}

/* ---- renderings ------------------------------------------------------------ */

static const char *scope_name(BrOptScope s)
{
        return s == BR_OPT_FOR_BRIDGE ? "bridge" : "port";
}

static char *default_text(const BrOptDesc *d)
{
        return br_opt_format_value(d, d->def);
}

char *br_opts_text(void)
{
        GString *s = g_string_new(NULL);

        for (int i = 0; i < _BR_OPT_MAX; i++) {
                const BrOptDesc *d = br_opt_desc(i);
                g_autofree char *acc = br_opt_describe_values(d);
                g_autofree char *def = default_text(d);

                g_string_append_printf(s, "%-34s %-6s %s (default %s): %s\n", d->name,
                                       scope_name(d->scope), acc, def, d->help);
        }
        return g_string_free(s, FALSE);
}

char *br_opts_json(void)
{
        GString *s = g_string_new("{\"bridge_options\":[");

        for (int i = 0; i < _BR_OPT_MAX; i++) {
                const BrOptDesc *d = br_opt_desc(i);
                g_autofree char *acc = br_opt_describe_values(d);
                g_autofree char *def = default_text(d);

                g_string_append(s, i ? ",{\"name\":" : "{\"name\":");
                json_append_string(s, d->name);
                g_string_append(s, ",\"alias\":");
                json_append_string(s, d->alias);
                g_string_append(s, ",\"applies_to\":");
                json_append_string(s, scope_name(d->scope));
                g_string_append(s, ",\"values\":");
                json_append_string(s, acc);
                g_string_append(s, ",\"default\":");
                json_append_string(s, def);
                g_string_append_printf(s, ",\"ifla\":%d,\"stp_only\":%s,\"help\":", d->ifla,
                                       d->flags & BR_OPT_F_STP_ONLY ? "true" : "false");
                json_append_string(s, d->help);
                g_string_append_c(s, '}');
        }
        g_string_append(s, "]}");
        return g_string_free(s, FALSE);
}

char *br_opts_man(void)
{
        GString *s = g_string_new(NULL);

        for (int i = 0; i < _BR_OPT_MAX; i++) {
                const BrOptDesc *d = br_opt_desc(i);
                g_autofree char *acc = br_opt_describe_values(d);
                g_autofree char *def = default_text(d);

                g_autofree char *line = g_strdup_printf("(%s) %s; %s, default %s.",
                                                        scope_name(d->scope), d->help, acc, def);

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
