/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Bonding options: table access, value parsing and formatting, and the
 * BONDING_OPTS parser.  The table itself is in bond-options-table.c.
 */
#include "bond-options-internal.h"
#include "hwaddr.h"
#include "strutil.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

/* ---- table access ------------------------------------------------------ */

const BondOptDesc *bond_opt_desc(BondOptId id)
{
        if ((unsigned)id >= _BOND_OPT_MAX)
                return NULL;
        return &bond_opt_table[id];
}

const BondOptDesc *bond_opt_lookup(const char *name)
{
        if (!name)
                return NULL;
        for (unsigned i = 0; i < _BOND_OPT_MAX; i++) {
                const BondOptDesc *d = &bond_opt_table[i];

                if (strcmp(d->name, name) == 0 || (d->alias && strcmp(d->alias, name) == 0))
                        return d;
        }
        return NULL;
}

#define SUGGEST_MAX_DISTANCE 2

const char *bond_opt_suggest(const char *name)
{
        const char *best = NULL;
        unsigned best_d = SUGGEST_MAX_DISTANCE + 1;

        if (!name || !*name)
                return NULL;
        for (unsigned i = 0; i < _BOND_OPT_MAX; i++) {
                const char *cands[] = { bond_opt_table[i].name, bond_opt_table[i].alias };

                for (unsigned k = 0; k < G_N_ELEMENTS(cands); k++) {
                        unsigned dist;

                        if (!cands[k])
                                continue;
                        dist = str_edit_distance(name, cands[k], SUGGEST_MAX_DISTANCE);
                        if (dist < best_d) {
                                best_d = dist;
                                best = cands[k];
                        }
                }
        }
        if (best || strlen(name) < 3)
                return best;
        /* A cut-short name ("xmit_hash", "lacp"): the first option it
         * begins, in table order.  Only a suggestion; lookups stay exact. */
        for (unsigned i = 0; i < _BOND_OPT_MAX; i++)
                if (g_str_has_prefix(bond_opt_table[i].name, name))
                        return bond_opt_table[i].name;
        return NULL;
}

/* ---- enum values ------------------------------------------------------- */

/* Strict unsigned decimal: digits only, no sign, no spaces. */
static int parse_u64(const char *s, uint64_t *out)
{
        uint64_t v = 0;

        if (!s || !*s)
                return -EINVAL;
        for (const char *p = s; *p; p++) {
                if (!g_ascii_isdigit(*p))
                        return -EINVAL;
                if (v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
                        return -ERANGE;
                v = v * 10 + (uint64_t)(*p - '0');
        }
        *out = v;
        return 0;
}

const char *bond_enum_to_string(const BondOptEnumValue *tbl, uint64_t v)
{
        for (; tbl && tbl->name; tbl++)
                if (tbl->value == v)
                        return tbl->name;
        return NULL;
}

int bond_enum_from_string(const BondOptEnumValue *tbl, const char *s, uint64_t *out)
{
        uint64_t n;
        bool numeric;

        if (!tbl || !s)
                return -EINVAL;
        numeric = parse_u64(s, &n) == 0;
        for (; tbl->name; tbl++) {
                if (strcmp(tbl->name, s) == 0 || (numeric && tbl->value == n)) {
                        *out = tbl->value;
                        return 0;
                }
        }
        return -EINVAL;
}

const char *bond_opt_enum_to_string(const BondOptDesc *d, uint64_t v)
{
        return d ? bond_enum_to_string(d->values, v) : NULL;
}

int bond_opt_enum_from_string(const BondOptDesc *d, const char *s, uint64_t *out)
{
        return d ? bond_enum_from_string(d->values, s, out) : -EINVAL;
}

bool bond_opt_applies_to_mode(const BondOptDesc *d, BondMode m)
{
        if (!d || (unsigned)m >= _BOND_MODE_MAX)
                return false;
        return (d->modes & BOND_MODE_BIT(m)) != 0;
}

/* ---- values ------------------------------------------------------------ */

void bond_opt_value_clear(BondOptValue *v)
{
        if (!v)
                return;
        g_free(v->str);
        if (v->list)
                g_ptr_array_unref(v->list);
        memset(v, 0, sizeof(*v));
}

BondOptions *bond_options_new(void)
{
        return g_new0(BondOptions, 1);
}

void bond_options_free(BondOptions *o)
{
        if (!o)
                return;
        for (unsigned i = 0; i < _BOND_OPT_MAX; i++)
                bond_opt_value_clear(&o->v[i]);
        g_free(o);
}

static void value_copy(BondOptValue *dst, const BondOptValue *src)
{
        *dst = *src;
        dst->str = g_strdup(src->str);
        dst->list = NULL;
        if (src->list) {
                dst->list = g_ptr_array_new_with_free_func(g_free);
                for (guint i = 0; i < src->list->len; i++)
                        g_ptr_array_add(dst->list, g_strdup(src->list->pdata[i]));
        }
}

BondOptions *bond_options_copy(const BondOptions *o)
{
        BondOptions *c;

        if (!o)
                return NULL;
        c = bond_options_new();
        for (unsigned i = 0; i < _BOND_OPT_MAX; i++)
                value_copy(&c->v[i], &o->v[i]);
        return c;
}

static int fail(char **err, int r, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static int fail(char **err, int r, const char *fmt, ...)
{
        va_list ap;

        if (err) {
                va_start(ap, fmt);
                *err = g_strdup_vprintf(fmt, ap);
                va_end(ap);
        }
        return r;
}

static int list_find(const GPtrArray *l, const char *addr)
{
        for (guint i = 0; l && i < l->len; i++)
                if (strcmp(l->pdata[i], addr) == 0)
                        return (int)i;
        return -1;
}

/* Canonical text of an acceptable target (bond_is_ip{,6}_target_ok). */
static char *parse_target(BondOptType type, const char *text)
{
        char buf[INET6_ADDRSTRLEN];

        if (type == BOND_OPT_TYPE_IP4_LIST) {
                struct in_addr a;
                uint32_t h;

                if (inet_pton(AF_INET, text, &a) != 1)
                        return NULL;
                h = ntohl(a.s_addr);
                if (h == 0xffffffffu || (h >> 24) == 0) /* broadcast, 0.0.0.0/8 */
                        return NULL;
                return g_strdup(inet_ntop(AF_INET, &a, buf, sizeof(buf)));
        } else {
                struct in6_addr a;

                if (inet_pton(AF_INET6, text, &a) != 1)
                        return NULL;
                if (IN6_IS_ADDR_UNSPECIFIED(&a) || IN6_IS_ADDR_LOOPBACK(&a) ||
                    IN6_IS_ADDR_MULTICAST(&a))
                        return NULL;
                return g_strdup(inet_ntop(AF_INET6, &a, buf, sizeof(buf)));
        }
}

static int parse_list(const BondOptDesc *d, const char *text, BondOptValue *v, char **err)
{
        g_auto(GStrv) items = g_strsplit(text, ",", -1);
        g_autoptr(GPtrArray) l = g_ptr_array_new_with_free_func(g_free);
        const char *what = d->type == BOND_OPT_TYPE_IP4_LIST ? "IPv4" : "IPv6";

        /* Work on a copy so that a failure leaves v untouched. */
        for (guint i = 0; v->list && i < v->list->len; i++)
                g_ptr_array_add(l, g_strdup(v->list->pdata[i]));

        for (char **it = items; *it; it++) {
                const char *item = *it;
                char op = '+';
                g_autofree char *addr = NULL;
                int idx;

                if (*item == '+' || *item == '-')
                        op = *item++;
                if (!*item)
                        return fail(err, -EINVAL, "empty entry in %s list '%s'", d->name, text);
                addr = parse_target(d->type, item);
                if (!addr)
                        return fail(err, -EINVAL, "'%s' is not a usable %s target address", item,
                                    what);
                idx = list_find(l, addr);
                if (op == '-') {
                        if (idx < 0)
                                return fail(err, -EINVAL, "cannot remove %s: not in %s", addr,
                                            d->name);
                        g_ptr_array_remove_index(l, (guint)idx);
                        continue;
                }
                if (idx >= 0)
                        return fail(err, -EINVAL, "%s target %s is listed twice", what, addr);
                if (l->len >= d->max)
                        return fail(err, -ERANGE, "too many %s entries: at most %" G_GUINT64_FORMAT,
                                    d->name, d->max);
                g_ptr_array_add(l, g_steal_pointer(&addr));
        }
        if (v->list)
                g_ptr_array_unref(v->list);
        v->list = g_steal_pointer(&l);
        v->set = true;
        return 0;
}

static int parse_mac(const char *text, char **out)
{
        uint8_t mac[HWADDR_ETHER_LEN];

        if (hwaddr_parse_kernel(text, mac) < 0)
                return -EINVAL;
        *out = hwaddr_format(mac, sizeof(mac));
        return 0;
}

int bond_opt_parse_value(const BondOptDesc *d, const char *text, BondOptValue *v, char **err)
{
        uint64_t n;
        int r;

        if (!d || !text || !v)
                return fail(err, -EINVAL, "invalid arguments");
        if (d->type != BOND_OPT_TYPE_IP4_LIST && d->type != BOND_OPT_TYPE_IP6_LIST && !*text)
                return fail(err, -EINVAL, "empty value for %s", d->name);

        switch (d->type) {
        case BOND_OPT_TYPE_ENUM:
                if (bond_enum_from_string(d->values, text, &n) < 0)
                        return fail(err, -EINVAL, "invalid value '%s' for %s", text, d->name);
                break;
        case BOND_OPT_TYPE_BOOL:
                if (strcmp(text, "0") == 0 || strcmp(text, "1") == 0)
                        n = (uint64_t)(text[0] - '0');
                else if (bond_enum_from_string(d->values, text, &n) < 0 || n > 1)
                        return fail(err, -EINVAL, "invalid value '%s' for %s", text, d->name);
                break;
        case BOND_OPT_TYPE_UINT:
                r = parse_u64(text, &n);
                if (r == -EINVAL && text[0] == '-' && parse_u64(text + 1, &n) != -EINVAL)
                        r = -ERANGE; /* negative */
                else if (r == -EINVAL)
                        return fail(err, r, "invalid value '%s' for %s: not a number", text,
                                    d->name);
                if (r < 0 || n < d->min || n > d->max)
                        return fail(err, -ERANGE, "%s=%s is out of range", d->name, text);
                break;
        case BOND_OPT_TYPE_INT: {
                const char *digits = text[0] == '-' || text[0] == '+' ? text + 1 : text;
                int64_t s;

                r = parse_u64(digits, &n);
                if (r == -EINVAL)
                        return fail(err, r, "invalid value '%s' for %s: not a number", text,
                                    d->name);
                if (r < 0 || n > (uint64_t)INT64_MAX)
                        return fail(err, -ERANGE, "%s=%s is out of range", d->name, text);
                s = text[0] == '-' ? -(int64_t)n : (int64_t)n;
                if (s < (int64_t)d->min || s > (int64_t)d->max)
                        return fail(err, -ERANGE, "%s=%s is out of range", d->name, text);
                n = (uint64_t)s;
                break;
        }
        case BOND_OPT_TYPE_IFNAME:
                for (const char *p = text; *p; p++)
                        if (g_ascii_isspace(*p))
                                return fail(err, -EINVAL, "invalid interface name '%s'", text);
                g_free(v->str);
                v->str = g_strdup(text);
                v->set = true;
                return 0;
        case BOND_OPT_TYPE_MAC: {
                char *mac = NULL;

                if (parse_mac(text, &mac) < 0)
                        return fail(err, -EINVAL, "invalid MAC address '%s' for %s", text, d->name);
                g_free(v->str);
                v->str = mac;
                v->set = true;
                return 0;
        }
        case BOND_OPT_TYPE_IP4_LIST:
        case BOND_OPT_TYPE_IP6_LIST:
                return parse_list(d, text, v, err);
        default:
                return fail(err, -EINVAL, "option %s has no value type", d->name);
        }
        v->num = n;
        v->set = true;
        return 0;
}

/* ---- formatting -------------------------------------------------------- */

static uint64_t effective_num(const BondOptDesc *d, const BondOptValue *v)
{
        return v && v->set ? v->num : d->def;
}

char *bond_opt_format_value(const BondOptDesc *d, const BondOptValue *v)
{
        uint64_t n;

        if (!d)
                return NULL;
        n = effective_num(d, v);
        switch (d->type) {
        case BOND_OPT_TYPE_ENUM: {
                const char *s = bond_enum_to_string(d->values, n);

                return s ? g_strdup(s) : g_strdup_printf("%" G_GUINT64_FORMAT, n);
        }
        case BOND_OPT_TYPE_UINT:
        case BOND_OPT_TYPE_BOOL:
                return g_strdup_printf("%" G_GUINT64_FORMAT, n);
        case BOND_OPT_TYPE_INT:
                return g_strdup_printf("%" G_GINT64_FORMAT, (int64_t)n);
        case BOND_OPT_TYPE_IFNAME:
        case BOND_OPT_TYPE_MAC:
                if (v && v->set && v->str)
                        return g_strdup(v->str);
                return g_strdup(d->type == BOND_OPT_TYPE_MAC ? "00:00:00:00:00:00" : "");
        case BOND_OPT_TYPE_IP4_LIST:
        case BOND_OPT_TYPE_IP6_LIST: {
                g_autoptr(GString) s = g_string_new(NULL);

                for (guint i = 0; v && v->list && i < v->list->len; i++)
                        g_string_append_printf(s, "%s%s", i ? "," : "",
                                               (const char *)v->list->pdata[i]);
                return g_string_free(g_steal_pointer(&s), FALSE);
        }
        default:
                return NULL;
        }
}

static bool list_subset(const GPtrArray *a, const GPtrArray *b)
{
        for (guint i = 0; a && i < a->len; i++)
                if (list_find(b, a->pdata[i]) < 0)
                        return false;
        return true;
}

bool bond_opt_value_equal(const BondOptDesc *d, const BondOptValue *a, const BondOptValue *b)
{
        switch (d->type) {
        case BOND_OPT_TYPE_IFNAME:
        case BOND_OPT_TYPE_MAC: {
                g_autofree char *fa = bond_opt_format_value(d, a);
                g_autofree char *fb = bond_opt_format_value(d, b);

                return g_ascii_strcasecmp(fa, fb) == 0;
        }
        case BOND_OPT_TYPE_IP4_LIST:
        case BOND_OPT_TYPE_IP6_LIST: {
                const GPtrArray *la = a && a->set ? a->list : NULL;
                const GPtrArray *lb = b && b->set ? b->list : NULL;

                return (la ? la->len : 0) == (lb ? lb->len : 0) && list_subset(la, lb);
        }
        default:
                return effective_num(d, a) == effective_num(d, b);
        }
}

BondMode bond_options_mode(const BondOptions *o)
{
        if (o && o->v[BOND_OPT_MODE].set && o->v[BOND_OPT_MODE].num < _BOND_MODE_MAX)
                return (BondMode)o->v[BOND_OPT_MODE].num;
        return BOND_MODE_BALANCE_RR;
}
