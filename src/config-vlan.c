/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A VLAN's ifcfg file, read as initscripts' ifup (its "Ethernet 802.1Q
 * VLAN support" block) and NetworkManager's make_vlan_setting()
 * (nms-ifcfg-rh-reader.c) read it.  Where the two disagree and both
 * readings are possible, the file is an error that names both.
 */
#include "config-internal.h"
#include "hwaddr.h"
#include "strutil.h"

#include <errno.h>
#include <string.h>
#include <linux/if_ether.h>
#include <linux/if_vlan.h>

bool cfg_file_is_vlan(const IfcfgFile *f)
{
        const char *type = cfg_get_str(f, "TYPE");
        const char *vlan = cfg_get_str(f, "VLAN");

        /* connection_from_file_full(): TYPE=Vlan; without TYPE,
         * is_vlan_device() (VLAN=yes).  ifup tests is_true "$VLAN" whatever
         * TYPE says, so TYPE=Ethernet with VLAN=yes is a VLAN there too. */
        if (type && g_ascii_strcasecmp(type, "Vlan") == 0)
                return true;
        return vlan && ifcfg_parse_bool(vlan) == 1 &&
               (!type || g_ascii_strcasecmp(type, "Ethernet") == 0);
}

void cfg_vlan_free(CfgVlan *v)
{
        if (!v)
                return;
        g_free(v->name);
        g_free(v->parent);
        if (v->ingress)
                g_array_unref(v->ingress);
        if (v->egress)
                g_array_unref(v->egress);
        g_free(v->macaddr);
        cfg_l3_free(v->l3);
        g_free(v->bridge);
        g_free(v);
}

int cfg_vlan_qos_parse(const char *text, uint32_t from_max, uint32_t to_max, GArray *out,
                       char **bad)
{
        g_auto(GStrv) items = NULL;

        if (!text || !out)
                return -EINVAL;
        /* parse_prio_map_list(): items split at ','; ifup hands the value
         * unquoted to `ip link set ... egress`, which takes blank-separated
         * items: both are accepted */
        items = g_strsplit_set(text, ", \t", -1);
        for (char **it = items; *it; it++) {
                const char *colon = strchr(*it, ':');
                g_autofree char *from = NULL;
                CfgVlanQos q;
                unsigned a, b;

                if (!**it)
                        continue;
                if (colon)
                        from = g_strndup(*it, (gsize)(colon - *it));
                if (!colon || !cfg_parse_decimal(from, from_max, &a) ||
                    !cfg_parse_decimal(colon + 1, to_max, &b)) {
                        if (bad)
                                *bad = g_strdup(*it);
                        return -EINVAL;
                }
                q.from = a;
                q.to = b;
                g_array_append_val(out, q);
        }
        return 0;
}

char *cfg_vlan_qos_to_string(const GArray *map)
{
        GString *s = g_string_new(NULL);

        for (guint i = 0; map && i < map->len; i++) {
                const CfgVlanQos *q = &g_array_index(map, CfgVlanQos, i);

                g_string_append_printf(s, "%s%u:%u", i ? "," : "", q->from, q->to);
        }
        return g_string_free(s, FALSE);
}

char *cfg_vlan_flags_to_string(uint32_t flags)
{
        static const struct {
                uint32_t bit;
                const char *name;
        } names[] = {
                { VLAN_FLAG_REORDER_HDR, "reorder_hdr" },
                { VLAN_FLAG_GVRP, "gvrp" },
                { VLAN_FLAG_LOOSE_BINDING, "loose_binding" },
                { VLAN_FLAG_MVRP, "mvrp" },
        };
        GString *s = g_string_new(NULL);

        for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
                if (flags & names[i].bit)
                        g_string_append_printf(s, "%s%s", s->len ? "," : "", names[i].name);
        return g_string_free(s, FALSE);
}

/*
 * The id and parent that DEVICE gives.  ifup: a name matching
 * '^.+\.[0-9]{1,4}$' is PHYSDEV.VID, split at the last '.' (${DEVICE%.*});
 * a name matching '^vlan[0-9]{1,4}' is vlanVID (leading zeros dropped), and
 * then PHYSDEV must be set.  make_vlan_setting() splits at the first '.',
 * which differs only for a VLAN on a VLAN (bond0.100.200), where
 * initscripts' reading is the one that works.
 */
static bool id_from_name(const char *name, unsigned *id, char **parent)
{
        const char *dot = strrchr(name, '.');
        size_t n;

        *parent = NULL;
        if (dot && dot != name) {
                n = strlen(dot + 1);
                if (n >= 1 && n <= 4 && cfg_parse_decimal(dot + 1, 9999, id)) {
                        *parent = g_strndup(name, (gsize)(dot - name));
                        return true;
                }
        }
        if (g_str_has_prefix(name, "vlan")) {
                n = strlen(name + 4);
                if (n >= 1 && n <= 4 && cfg_parse_decimal(name + 4, 9999, id))
                        return true;
        }
        return false;
}

/* VLAN_FLAGS, GVRP, MVRP, REORDER_HDR (make_vlan_setting(); ifup's
 * "reorder_hdr off" for is_false REORDER_HDR and "gvrp on" for is_true GVRP). */
static uint32_t read_flags(const IfcfgFile *f, DiagList *diags)
{
        static const char *const known[] = { "GVRP", "LOOSE_BINDING", "NO_REORDER_HDR", "MVRP" };
        const char *fl = cfg_get_str(f, "VLAN_FLAGS");
        const char *gvrp_s = cfg_get_str(f, "GVRP");
        const char *reorder_s = cfg_get_str(f, "REORDER_HDR");
        uint32_t flags = VLAN_FLAG_REORDER_HDR;
        bool gvrp = cfg_get_bool(f, "GVRP", false, diags);

        if (gvrp)
                flags |= VLAN_FLAG_GVRP;
        if (fl) {
                g_auto(GStrv) words = g_strsplit_set(fl, ", ", -1);

                for (char **w = words; *w; w++) {
                        if (!**w)
                                continue;
                        if (g_str_equal(*w, "GVRP") && !gvrp_s)
                                flags |= VLAN_FLAG_GVRP;
                        else if (g_str_equal(*w, "LOOSE_BINDING"))
                                flags |= VLAN_FLAG_LOOSE_BINDING;
                        else if (g_str_equal(*w, "NO_REORDER_HDR"))
                                flags &= ~(uint32_t)VLAN_FLAG_REORDER_HDR;
                        else if (g_str_equal(*w, "MVRP"))
                                flags |= VLAN_FLAG_MVRP; /* NetworkManager reads MVRP=yes only */
                        else if (!g_str_equal(*w, "GVRP")) {
                                const char *best = NULL;
                                unsigned bd = 3;

                                for (size_t i = 0; i < G_N_ELEMENTS(known); i++) {
                                        g_autofree char *up = g_ascii_strup(*w, -1);
                                        unsigned d = str_edit_distance(up, known[i], 2);

                                        if (d < bd) {
                                                bd = d;
                                                best = known[i];
                                        }
                                }
                                cfg_err_key(diags, f, "VLAN_FLAGS",
                                            best ? g_strdup_printf("did you mean '%s'?", best)
                                                 : g_strdup("VLAN_FLAGS takes GVRP, "
                                                            "LOOSE_BINDING, NO_REORDER_HDR, MVRP"),
                                            "unknown VLAN flag '%s' in VLAN_FLAGS", *w);
                        }
                }
        }
        if (reorder_s) {
                bool reorder = cfg_get_bool(f, "REORDER_HDR", true, diags);

                /* NetworkManager warns that REORDER_HDR is deprecated and keeps
                 * VLAN_FLAGS' choice; initscripts knows only REORDER_HDR */
                if (reorder != !!(flags & VLAN_FLAG_REORDER_HDR))
                        diag_add(diags, DIAG_WARNING, ifcfg_path(f), ifcfg_line(f, "REORDER_HDR"),
                                 "REORDER_HDR",
                                 reorder ? "remove NO_REORDER_HDR from VLAN_FLAGS, or REORDER_HDR"
                                         : "add NO_REORDER_HDR to VLAN_FLAGS and remove "
                                           "REORDER_HDR",
                                 "REORDER_HDR=%s: bondcfg and initscripts follow it, "
                                 "NetworkManager ignores it for VLAN_FLAGS",
                                 reorder_s);
                if (reorder)
                        flags |= VLAN_FLAG_REORDER_HDR;
                else
                        flags &= ~(uint32_t)VLAN_FLAG_REORDER_HDR;
        }
        if (cfg_get_bool(f, "MVRP", false, diags))
                flags |= VLAN_FLAG_MVRP;
        return flags;
}

static GArray *read_qos(const IfcfgFile *f, const char *key, uint32_t from_max, uint32_t to_max,
                        DiagList *diags)
{
        GArray *map = g_array_new(FALSE, FALSE, sizeof(CfgVlanQos));
        const char *v = cfg_get_str(f, key);
        g_autofree char *bad = NULL;

        if (v && cfg_vlan_qos_parse(v, from_max, to_max, map, &bad) < 0)
                cfg_err_key(diags, f, key,
                            g_strdup_printf("write FROM:TO items separated by commas, FROM %s, TO "
                                            "%s, e.g. %s=0:1,5:5",
                                            from_max == 7 ? "0-7" : "a number",
                                            to_max == 7 ? "0-7" : "a number", key),
                            "'%s' in %s is not a priority mapping", bad, key);
        return map;
}

/* VLAN_PROTOCOL, as make_vlan_setting() reads it: "802.1Q" (the default)
 * or "802.1ad" (a service VLAN, QinQ); initscripts does not read it. */
static uint16_t read_protocol(const IfcfgFile *f, DiagList *diags)
{
        const char *v = cfg_get_str(f, "VLAN_PROTOCOL");

        if (!v || g_str_equal(v, "802.1Q"))
                return ETH_P_8021Q;
        if (g_str_equal(v, "802.1ad"))
                return ETH_P_8021AD;
        cfg_err_key(diags, f, "VLAN_PROTOCOL", g_strdup("use VLAN_PROTOCOL=802.1Q or 802.1ad"),
                    "VLAN_PROTOCOL=%s is not a VLAN protocol", v);
        return ETH_P_8021Q;
}

/* Report a disagreement between initscripts' and NetworkManager's reading. */
static void disagree(DiagList *diags, const IfcfgFile *f, const char *key, const char *what,
                     const char *ini, const char *nm)
{
        g_autofree char *hint = g_strdup_printf("make %s and DEVICE agree, or remove %s", key, key);

        cfg_err_key(diags, f, key, g_steal_pointer(&hint),
                    "%s: DEVICE=%s gives %s (initscripts' reading), %s=%s gives %s "
                    "(NetworkManager's)",
                    what, cfg_get_str(f, "DEVICE"), ini, key, cfg_get_str(f, key), nm);
}

CfgVlan *cfg_vlan_read(const IfcfgFile *f, const Config *c, DiagList *diags, char **why)
{
        g_autofree char *name_parent = NULL;
        const char *dev = cfg_get_str(f, "DEVICE");
        const char *physdev = cfg_get_str(f, "PHYSDEV");
        const char *vid = cfg_get_str(f, "VLAN_ID");
        const char *ini_vid = cfg_get_str(f, "VID");
        unsigned name_id = 0, key_id = 0, ini_id = 0;
        bool has_name_id = dev && id_from_name(dev, &name_id, &name_parent);
        CfgVlan *v;

        if (vid && !cfg_parse_decimal(vid, 99999, &key_id)) {
                cfg_err_key(diags, f, "VLAN_ID", g_strdup("give a number from 1 to 4094"),
                            "VLAN_ID=%s is not a number", vid);
                vid = NULL;
        }
        if (ini_vid && !cfg_parse_decimal(ini_vid, 99999, &ini_id)) {
                cfg_err_key(diags, f, "VID", g_strdup("give a number from 1 to 4094"),
                            "VID=%s is not a number", ini_vid);
                ini_vid = NULL;
        }
        /* ifup: with VID, "PHYSDEV should be set for device ${DEVICE}" */
        if (ini_vid && !physdev) {
                *why = g_strdup("VID is set without PHYSDEV: ifup refuses it (\"PHYSDEV should "
                                "be set\"); set PHYSDEV, or use VLAN_ID");
                return NULL;
        }
        if (!has_name_id && !vid && !dev) /* ifcfg-bond0.100 without DEVICE */
                has_name_id = id_from_name(ifcfg_suffix(f), &name_id, &name_parent);
        /* ifup: "PHYSDEV should be set for device ${DEVICE}";
         * make_vlan_setting(): "Failed to determine VLAN parent/ID" */
        if (!physdev && !name_parent) {
                *why = g_strdup("it has no parent: set PHYSDEV, or name it PARENT.ID; ifup and "
                                "NetworkManager refuse it too");
                return NULL;
        }
        if (!has_name_id && !vid && !ini_vid) {
                *why = g_strdup("it has no VLAN id: set VLAN_ID, or name it PARENT.ID; "
                                "NetworkManager refuses it too");
                return NULL;
        }

        v = g_new0(CfgVlan, 1);
        v->ifcfg = f;
        /* make_vlan_setting(): "The explicit VLAN_ID option takes precedence";
         * ifup knows only the id in DEVICE */
        v->id = vid ? key_id : ini_vid ? ini_id : name_id;
        v->id_line = ifcfg_line(f, vid ? "VLAN_ID" : ini_vid ? "VID" : "DEVICE");
        /* ifup: VID, when set, is the id and DEVICE's is not looked at;
         * NetworkManager does not read VID: both must say the same */
        if (ini_vid && (vid ? key_id : has_name_id ? name_id : ini_id) != ini_id) {
                g_autofree char *hint = g_strdup_printf("make VID and %s agree, or remove VID",
                                                        vid ? "VLAN_ID" : "DEVICE");

                cfg_err_key(diags, f, "VID", g_steal_pointer(&hint),
                            "two VLAN ids: VID=%s gives VLAN %u (initscripts' reading), %s=%s "
                            "gives VLAN %u (NetworkManager's)",
                            ini_vid, ini_id, vid ? "VLAN_ID" : "DEVICE", vid ? vid : dev,
                            vid ? key_id : name_id);
        }
        if (vid && has_name_id && key_id != name_id) {
                g_autofree char *a = g_strdup_printf("VLAN %u", name_id);
                g_autofree char *b = g_strdup_printf("VLAN %u", key_id);

                disagree(diags, f, "VLAN_ID", "two VLAN ids", a, b);
        }
        /* "Parent interface from PHYSDEV takes precedence" (make_vlan_setting());
         * ifup sets PHYSDEV=${DEVICE%.*} over the file's for a DEVICE like bond0.100 */
        v->parent = g_strdup(physdev ? physdev : name_parent);
        v->parent_line = ifcfg_line(f, physdev ? "PHYSDEV" : "DEVICE");
        if (physdev && name_parent && !g_str_equal(physdev, name_parent))
                disagree(diags, f, "PHYSDEV", "two parents", name_parent, physdev);

        /* NetworkManager names a VLAN without DEVICE PARENT.ID
         * (nm_utils_new_vlan_name(); it shortens the parent to fit, bondcfg
         * does not); with neither, the file name's suffix, as for a bond */
        if (dev)
                v->name = g_strdup(dev);
        else if (vid || ini_vid)
                v->name = g_strdup_printf("%s.%u", v->parent, v->id);
        else
                v->name = g_strdup(ifcfg_suffix(f));

        v->flags = read_flags(f, diags);
        v->protocol = read_protocol(f, diags);
        /* nm_setting_vlan_add_priority_str(): ingress FROM is an 802.1p
         * priority (0-7), egress TO is one */
        v->ingress = read_qos(f, "VLAN_INGRESS_PRIORITY_MAP", 7, G_MAXUINT32, diags);
        v->egress = read_qos(f, "VLAN_EGRESS_PRIORITY_MAP", G_MAXUINT32, 7, diags);
        v->mtu = cfg_load_mtu(f, diags);
        v->macaddr = cfg_load_mac(f, "MACADDR", HWADDR_ETHER_LEN, diags);
        v->onboot = cfg_get_bool(f, "ONBOOT", true, diags);
        v->l3 = cfg_l3_load(f, c->network, c->dir, c->listing, v->name, diags);
        if (v->l3->link_mtu) /* ifup-ipv6's ipv6_set_mtu(), after MTU */
                v->mtu = v->l3->link_mtu;
        return v;
}
