/* SPDX-License-Identifier: GPL-2.0-or-later */
/* BONDING_OPTS: the words of the key, read through the option table, and
 * the defaults NetworkManager applies. */
#include "bond-options-internal.h"
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

/* NetworkManager's miimon when neither miimon nor arp_interval is set. */
#define BOND_DEFAULT_MIIMON 100

/* The spelling each option was given in, for two names of one setting. */
typedef struct {
        char *key[_BOND_OPT_MAX];
} Spellings;

static void spellings_clear(Spellings *sp)
{
        for (int i = 0; i < _BOND_OPT_MAX; i++)
                g_clear_pointer(&sp->key[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Spellings, spellings_clear)

/*
 * The option given again (cur holds the earlier value, nv the new one).
 * Under another of its names (num_grat_arp and num_unsol_na are one kernel
 * setting) a different value is an error, as NetworkManager's bond setting
 * refuses it, and the same value is fine; under the same name the last one
 * wins, with a warning.
 */
static void given_again(const BondOptDesc *d, const char *key, const char *text,
                        const BondOptValue *cur, const BondOptValue *nv, const char *earlier,
                        const char *file, unsigned line, DiagList *diags, bool *failed)
{
        g_autofree char *old = bond_opt_format_value(d, cur);

        if (earlier && strcmp(earlier, key) != 0) {
                g_autofree char *hint = NULL;

                if (bond_opt_value_equal(d, cur, nv))
                        return;
                *failed = true;
                hint = g_strdup_printf("%s and %s are one kernel setting: keep one of them",
                                       earlier, key);
                diag_add(diags, DIAG_ERROR, file, line, key, hint,
                         "%s=%s and %s=%s set the same option to different values", earlier, old,
                         key, text);
                return;
        }
        diag_add(diags, DIAG_WARNING, file, line, d->name, "remove all but one of them",
                 "bonding option '%s' is given more than once; the last value (%s) replaces %s",
                 d->name, text, old);
}

static void parse_one(BondOptions *o, const char *tok, const char *file, unsigned line,
                      DiagList *diags, Spellings *sp, bool *failed)
{
        const char *eq = strchr(tok, '=');
        g_autofree char *key = NULL;
        g_autofree char *err = NULL;
        g_autofree char *hint = NULL;
        const BondOptDesc *d;
        BondOptValue *cur;
        BondOptValue nv = { 0 };
        int r;

        if (!eq || eq == tok) {
                *failed = true;
                diag_add(diags, DIAG_ERROR, file, line, eq ? "BONDING_OPTS" : tok,
                         "write each option as key=value, e.g. miimon=100",
                         eq ? "bonding option '%s' has no name" : "bonding option '%s' has no '='",
                         tok);
                return;
        }
        key = g_strndup(tok, (gsize)(eq - tok));
        d = bond_opt_lookup(key);
        if (!d) {
                const char *s = bond_opt_suggest(key);

                *failed = true;
                hint = s ? g_strdup_printf("did you mean '%s'?", s)
                         : g_strdup("'bondcfg options' lists the known options");
                diag_add(diags, DIAG_ERROR, file, line, key, hint, "unknown bonding option '%s'",
                         key);
                return;
        }
        if (d->flags & BOND_OPT_F_MODULE_ONLY) {
                *failed = true;
                hint = g_strdup_printf("set it in /etc/modprobe.d (options bonding %s)", tok);
                diag_add(diags, DIAG_ERROR, file, line, key, hint,
                         "'%s' is a bonding module parameter, not a per-bond option", key);
                return;
        }
        if (d->flags & BOND_OPT_F_PORT) {
                *failed = true;
                hint = g_strdup_printf("set %s=%s in the port's ifcfg file", d->ifcfg_key, eq + 1);
                diag_add(diags, DIAG_ERROR, file, line, key, hint,
                         "'%s' is a per-port option, not a bond option", key);
                return;
        }

        cur = &o->v[d->id];
        if (d->flags & BOND_OPT_F_LIST) {
                r = bond_opt_parse_value(d, eq + 1, cur, &err);
                if (r == 0)
                        cur->line = line;
        } else {
                r = bond_opt_parse_value(d, eq + 1, &nv, &err);
                if (r == 0) {
                        if (cur->set && !cur->defaulted)
                                given_again(d, key, eq + 1, cur, &nv, sp->key[d->id], file, line,
                                            diags, failed);
                        bond_opt_value_clear(cur);
                        *cur = nv;
                        cur->line = line;
                        g_free(sp->key[d->id]);
                        sp->key[d->id] = g_strdup(key);
                }
        }
        if (r < 0) {
                g_autofree char *vals = bond_opt_describe_values(d);

                *failed = true;
                hint = g_strdup_printf("%s takes %s", d->name, vals);
                diag_add(diags, DIAG_ERROR, file, line, d->name, hint, "%s", err);
        }
}

int bond_options_parse(BondOptions *o, const char *text, const char *file, unsigned line,
                       DiagList *diags)
{
        g_auto(GStrv) toks = NULL;
        g_auto(Spellings) sp = { 0 };
        bool failed = false;

        if (!text)
                return 0;
        toks = g_strsplit_set(text, " \t\n\r\v\f", -1);
        for (char **t = toks; *t; t++)
                if (**t)
                        parse_one(o, *t, file, line, diags, &sp, &failed);
        return failed ? -EINVAL : 0;
}

void bond_options_apply_defaults(BondOptions *o, const char *file, unsigned line, DiagList *diags)
{
        BondOptValue *mii = &o->v[BOND_OPT_MIIMON];
        const BondOptValue *arp = &o->v[BOND_OPT_ARP_INTERVAL];

        if (arp->set && arp->num > 0)
                return;
        if (mii->set) {
                if (mii->num == 0)
                        diag_add(diags, DIAG_WARNING, file, mii->line ? mii->line : line, "miimon",
                                 "set miimon=100, or arp_interval with arp_ip_target",
                                 "link monitoring is off (miimon=0, no arp_interval): failed "
                                 "ports will not be detected");
                return;
        }
        diag_add(diags, DIAG_WARNING, file, line, "miimon",
                 "set miimon=100 (or arp_interval with arp_ip_target) in BONDING_OPTS",
                 "neither miimon nor arp_interval is set; using miimon=%d as NetworkManager does",
                 BOND_DEFAULT_MIIMON);
        bond_opt_value_clear(mii);
        mii->set = true;
        mii->defaulted = true;
        mii->num = BOND_DEFAULT_MIIMON;
        mii->line = line;
}
