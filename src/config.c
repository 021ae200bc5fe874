/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The configuration model: discover bonds and ports in a directory of ifcfg
 * files and turn their keys into typed values.  Every problem becomes a
 * diagnostic at file:line; nothing is printed.
 */
#include "config-internal.h"
#include "hwaddr.h"
#include "ifcfg-keys.h"
#include "trust.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

/* ---- small helpers ------------------------------------------------------ */

static void cfg_ethtool_free(CfgEthtool *e);

static void cfg_bond_free(gpointer p)
{
        CfgBond *b = p;

        g_free(b->name);
        g_free(b->uuid);
        g_free(b->nm_name);
        bond_options_free(b->opts);
        g_ptr_array_unref(b->ports);
        g_free(b->macaddr);
        cfg_l3_free(b->l3);
        cfg_ethtool_free(b->ethtool);
        g_free(b->chipset_check);
        if (b->files)
                g_ptr_array_unref(b->files);
        g_free(b->bridge);
        g_free(b);
}

static void cfg_ethtool_free(CfgEthtool *e)
{
        if (!e)
                return;
        g_ptr_array_unref(e->runs);
        g_array_unref(e->set);
        g_free(e);
}

/*
 * initscripts' ethtool_set(): ETHTOOL_OPTS split at ';'; a part that holds
 * a '-' anywhere (its test is [[ $opts =~ [[:space:]]*- ]]) is passed to
 * ethtool as it is, any other goes after "-s DEV".  Words are split at
 * blanks, as the unquoted $opts is.  NULL when the key is absent.
 */
static CfgEthtool *load_ethtool(const IfcfgFile *f, DiagList *diags)
{
        const char *v = cfg_get_str(f, "ETHTOOL_OPTS");
        const char *d = cfg_get_str(f, "ETHTOOL_DELAY");
        g_auto(GStrv) parts = NULL;
        CfgEthtool *e;

        if (!v)
                return NULL;
        e = g_new0(CfgEthtool, 1);
        e->runs = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
        e->set = g_array_new(FALSE, FALSE, sizeof(gboolean));
        if (d && !cfg_parse_decimal(d, 60000000, &e->delay_us))
                cfg_err_key(diags, f, "ETHTOOL_DELAY",
                            g_strdup("give microseconds, e.g. ETHTOOL_DELAY=500000"),
                            "ETHTOOL_DELAY=%s is not a number of microseconds", d);
        parts = g_strsplit(v, ";", -1);
        for (char **part = parts; *part; part++) {
                g_auto(GStrv) words = g_strsplit_set(*part, " \t\n", -1);
                GPtrArray *argv = g_ptr_array_new();
                gboolean set = strchr(*part, '-') == NULL;

                for (char **w = words; *w; w++)
                        if (**w)
                                g_ptr_array_add(argv, g_strdup(*w));
                if (argv->len == 0) {
                        g_ptr_array_free(argv, TRUE);
                        continue; /* an empty part: nothing to run */
                }
                g_ptr_array_add(argv, NULL);
                g_ptr_array_add(e->runs, g_ptr_array_free(argv, FALSE));
                g_array_append_val(e->set, set);
        }
        return e;
}

static void cfg_port_free(gpointer p)
{
        CfgPort *port = p;

        g_free(port->name);
        g_free(port->hwaddr);
        g_free(port->master);
        bond_opt_value_clear(&port->queue_id);
        bond_opt_value_clear(&port->prio);
        cfg_ethtool_free(port->ethtool);
        g_free(port);
}

/*
 * Is the file a bond?  NetworkManager's rule (nms-ifcfg-rh-reader.c,
 * connection_from_file_full() and is_bond_device()): TYPE=Bond; no TYPE and
 * BONDING_MASTER=yes; TYPE=Ethernet or no TYPE with a non-empty
 * BONDING_OPTS ("initscripts consider these as bond controllers":
 * is_available() in network-functions loads the bonding driver for any
 * device with BONDING_OPTS).  BONDING_MASTER=yes with another TYPE is an
 * error there ("only allowed in TYPE=bond connections"), and BONDING_OPTS
 * with a TYPE other than Ethernet is read as that type by NetworkManager
 * but as a bond by initscripts: both are errors here.  Such a file is still
 * taken as a bond, so that its ports resolve and report no second error.
 */
static bool file_is_bond(const IfcfgFile *f, DiagList *diags)
{
        const char *type = cfg_get_str(f, "TYPE");
        bool master = cfg_get_bool(f, "BONDING_MASTER", false, diags);
        bool opts = cfg_get_str(f, "BONDING_OPTS") != NULL;
        bool bond = type ? g_ascii_strcasecmp(type, "Bond") == 0 : master;

        if (!bond && opts && (!type || g_ascii_strcasecmp(type, "Ethernet") == 0))
                bond = true;
        if (!bond && (master || opts)) {
                const char *key = master ? "BONDING_MASTER" : "BONDING_OPTS";

                cfg_err_key(
                        diags, f, key,
                        g_strdup_printf("set TYPE=Bond for a bond, or remove %s from a port", key),
                        "%s makes this a bond, but TYPE=%s",
                        master ? "BONDING_MASTER=yes" : "BONDING_OPTS", type);
        }
        return bond || master || opts;
}

static CfgBond *load_bond(const IfcfgFile *f, const Config *c, DiagList *diags)
{
        CfgBond *b = g_new0(CfgBond, 1);
        const char *v, *path = ifcfg_path(f);
        unsigned opts_line = ifcfg_line(f, "BONDING_OPTS");

        b->name = cfg_file_ifname(f);
        b->ifcfg = f;
        b->uuid = g_strdup(cfg_get_str(f, "UUID"));
        b->nm_name = g_strdup(cfg_get_str(f, "NAME"));
        b->ports = g_ptr_array_new();
        b->files = g_ptr_array_new_with_free_func(g_free);
        b->onboot = cfg_get_bool(f, "ONBOOT", true, diags);

        b->opts = bond_options_new();
        v = cfg_get_str(f, "BONDING_OPTS");
        if (v)
                bond_options_parse(b->opts, v, path, opts_line, diags);
        /* A BONDING_OPTS the reader refused is already an error; guessing a
         * default for it would only add noise. */
        if (!ifcfg_refused(f, "BONDING_OPTS"))
                bond_options_apply_defaults(b->opts, path, opts_line, diags);

        b->mtu = cfg_load_mtu(f, diags);
        b->macaddr = cfg_load_mac(f, "MACADDR", HWADDR_ETHER_LEN, diags);
        v = cfg_get_str(f, "BOOTPROTO");
        if (v && g_ascii_strcasecmp(v, "dhcp") != 0 && g_ascii_strcasecmp(v, "bootp") != 0 &&
            g_ascii_strcasecmp(v, "none") != 0 && g_ascii_strcasecmp(v, "static") != 0)
                cfg_err_key(diags, f, "BOOTPROTO", g_strdup("use BOOTPROTO=none, static or dhcp"),
                            "BOOTPROTO=%s is not supported", v);
        /* ifup-eth: "ip link set dev DEV arp on|off" for ARP=yes|no */
        v = cfg_get_str(f, "ARP");
        b->arp = v ? cfg_get_bool(f, "ARP", true, diags) : -1;
        /* ifup-eth sleeps LINKDELAY seconds after bringing the bond up */
        v = cfg_get_str(f, "LINKDELAY");
        if (v && !cfg_parse_decimal(v, 3600, &b->linkdelay))
                cfg_err_key(diags, f, "LINKDELAY", g_strdup("give whole seconds, e.g. LINKDELAY=5"),
                            "LINKDELAY=%s is not a number of seconds", v);

        v = cfg_get_str(f, "BONDCFG_CHIPSET_CHECK");
        if (v) {
                if (g_str_equal(v, "strict") || g_str_equal(v, "warn") || g_str_equal(v, "off"))
                        b->chipset_check = g_strdup(v);
                else
                        cfg_err_key(diags, f, "BONDCFG_CHIPSET_CHECK",
                                    g_strdup("use BONDCFG_CHIPSET_CHECK=strict, warn or off"),
                                    "BONDCFG_CHIPSET_CHECK=%s is not a known value", v);
        }
        b->ethtool = load_ethtool(f, diags);
        b->l3 = cfg_l3_load(f, c->network, c->dir, c->listing, b->name, diags);
        /* ifup-ipv6 sets IPV6_MTU as the link's MTU, after MTU */
        if (b->l3->link_mtu)
                b->mtu = b->l3->link_mtu;
        for (guint i = 0; i < b->l3->files->len; i++)
                g_ptr_array_add(b->files, g_strdup(b->l3->files->pdata[i]));
        return b;
}

/* ---- ports -------------------------------------------------------------- */

static void load_port_opt(CfgPort *p, BondOptId id, BondOptValue *val, const IfcfgFile *f,
                          DiagList *diags)
{
        const BondOptDesc *d = bond_opt_desc(id);
        const char *text = cfg_get_str(f, d->ifcfg_key);
        g_autofree char *err = NULL;

        if (!text)
                return;
        if (bond_opt_parse_value(d, text, val, &err) < 0) {
                g_autofree char *accepted = bond_opt_describe_values(d);

                cfg_err_key(diags, f, d->ifcfg_key,
                            g_strdup_printf("%s takes %s", d->ifcfg_key, accepted), "%s=%s: %s",
                            d->ifcfg_key, text, err ? err : "invalid value");
                bond_opt_value_clear(val);
                return;
        }
        val->line = ifcfg_line(f, d->ifcfg_key);
}

static char *known_bonds_hint(const GPtrArray *bonds)
{
        g_autoptr(GString) s = g_string_new(NULL);

        if (bonds->len == 0)
                return g_strdup("no bond is defined in this directory (a bond has TYPE=Bond)");
        g_string_append(s, "known bonds: ");
        for (guint i = 0; i < bonds->len; i++) {
                const CfgBond *b = bonds->pdata[i];

                g_string_append_printf(s, "%s%s", i ? ", " : "", b->name);
                if (b->nm_name && !g_str_equal(b->nm_name, b->name))
                        g_string_append_printf(s, " (NAME=%s)", b->nm_name);
        }
        return g_string_free(g_steal_pointer(&s), FALSE);
}

/*
 * Bonds by DEVICE name, NAME= and UUID= (case-insensitive), so that
 * resolving MASTER stays linear in the number of files.  The first bond
 * with a given key wins, as a scan in file order would find it.
 */
typedef struct {
        GHashTable *by_name, *by_nm_name, *by_uuid;
} BondIndex;

static void bond_index_init(BondIndex *ix)
{
        ix->by_name = g_hash_table_new(g_str_hash, g_str_equal);
        ix->by_nm_name = g_hash_table_new(g_str_hash, g_str_equal);
        ix->by_uuid = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
}

static void bond_index_clear(BondIndex *ix)
{
        g_clear_pointer(&ix->by_name, g_hash_table_unref);
        g_clear_pointer(&ix->by_nm_name, g_hash_table_unref);
        g_clear_pointer(&ix->by_uuid, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(BondIndex, bond_index_clear)

static void bond_index_add(BondIndex *ix, CfgBond *b)
{
        if (b->name && !g_hash_table_contains(ix->by_name, b->name))
                g_hash_table_insert(ix->by_name, b->name, b);
        if (b->nm_name && !g_hash_table_contains(ix->by_nm_name, b->nm_name))
                g_hash_table_insert(ix->by_nm_name, b->nm_name, b);
        if (b->uuid) {
                char *key = g_ascii_strdown(b->uuid, -1);

                if (g_hash_table_contains(ix->by_uuid, key))
                        g_free(key);
                else
                        g_hash_table_insert(ix->by_uuid, key, b);
        }
}

/*
 * MASTER= matches DEVICE, then NAME=, then UUID; MASTER_UUID= matches UUID,
 * then DEVICE (NetworkManager stores either in connection.master, which
 * takes a UUID or an interface name).
 */
static CfgBond *resolve_master(const BondIndex *ix, const char *text, bool uuid_first)
{
        g_autofree char *key = g_ascii_strdown(text, -1);
        CfgBond *b = uuid_first ? g_hash_table_lookup(ix->by_uuid, key) : NULL;

        if (!b)
                b = g_hash_table_lookup(ix->by_name, text);
        if (!b && !uuid_first)
                b = g_hash_table_lookup(ix->by_nm_name, text);
        return b ? b : g_hash_table_lookup(ix->by_uuid, key);
}

/* TYPE=InfiniBand (initscripts' source_config() also takes "infiniband"). */
static bool file_is_infiniband(const IfcfgFile *f)
{
        const char *type = cfg_get_str(f, "TYPE");

        return type && g_ascii_strcasecmp(type, "InfiniBand") == 0;
}

/*
 * A port's interface name:
 *  - DEVICE if present;
 *  - else, if HWADDR is present, none: the NIC is found at apply time by its
 *    permanent MAC address (NetworkManager matches HWADDR the same way);
 *  - else the file name suffix (ifcfg-eth0 -> eth0), as initscripts and
 *    NetworkManager do when DEVICE is missing.
 * Its bond: MASTER_UUID if present, else MASTER, as NetworkManager's
 * check_if_bond_port() reads them (initscripts knows MASTER alone).
 */
static CfgPort *load_port(const IfcfgFile *f, const GPtrArray *bonds, const BondIndex *ix,
                          DiagList *diags)
{
        CfgPort *p = g_new0(CfgPort, 1);
        const char *master = cfg_get_str(f, "MASTER");
        const char *muuid = cfg_get_str(f, "MASTER_UUID");
        const char *mkey = muuid ? "MASTER_UUID" : "MASTER";
        const char *hw = cfg_get_str(f, "HWADDR");
        const char *slave = cfg_get_str(f, "SLAVE");

        p->ifcfg = f;
        p->infiniband = file_is_infiniband(f);
        if (cfg_get_str(f, "DEVICE") || !hw)
                p->name = cfg_file_ifname(f);
        p->hwaddr = cfg_load_mac(f, "HWADDR",
                                 p->infiniband ? HWADDR_INFINIBAND_LEN : HWADDR_ETHER_LEN, diags);
        p->master = g_strdup(muuid ? muuid : master);
        p->master_line = ifcfg_line(f, mkey);
        p->bond = resolve_master(ix, p->master, muuid != NULL);
        if (!p->bond) {
                g_autofree char *hint = known_bonds_hint(bonds);

                diag_add(diags, DIAG_ERROR, ifcfg_path(f), p->master_line, mkey, hint,
                         "%s=%s does not name a bond configured here", mkey, p->master);
        } else if (muuid && master) {
                CfgBond *other = resolve_master(ix, master, false);

                if (other != p->bond) {
                        g_autofree char *hint = g_strdup_printf(
                                "remove MASTER, or make it name %s as MASTER_UUID does",
                                p->bond->name);

                        diag_add(diags, DIAG_WARNING, ifcfg_path(f), ifcfg_line(f, "MASTER"),
                                 "MASTER", hint,
                                 "MASTER=%s is ignored: MASTER_UUID=%s names %s, and takes "
                                 "precedence (as in NetworkManager)",
                                 master, muuid, p->bond->name);
                }
        }
        if (!slave)
                diag_add(diags, DIAG_WARNING, ifcfg_path(f), p->master_line, "SLAVE",
                         "add SLAVE=yes: initscripts' ifup-eth enslaves only ports with "
                         "SLAVE=yes (NetworkManager and bondcfg enslave this one without it)",
                         "SLAVE=yes is missing on a port of %s", p->master);
        load_port_opt(p, BOND_OPT_PORT_QUEUE_ID, &p->queue_id, f, diags);
        load_port_opt(p, BOND_OPT_PORT_PRIO, &p->prio, f, diags);
        p->ethtool = load_ethtool(f, diags);
        /* network-functions' is_available_wait(): DEVTIMEOUT seconds for the
         * device to appear; a value with a non-digit means no wait */
        hw = cfg_get_str(f, "DEVTIMEOUT");
        if (hw && !cfg_parse_decimal(hw, 3600, &p->devtimeout))
                diag_add(diags, DIAG_WARNING, ifcfg_path(f), ifcfg_line(f, "DEVTIMEOUT"),
                         "DEVTIMEOUT", "give whole seconds, e.g. DEVTIMEOUT=10",
                         "DEVTIMEOUT=%s is not a number of seconds: not waited for, as "
                         "is_available_wait() does",
                         hw);
        return p;
}

/*
 * SLAVE=no on a file with MASTER=: initscripts' ifup-eth does not enslave it
 * (it enslaves only when is_true "$SLAVE"), and neither does bondcfg.  An
 * invalid value is an error.  Returns true if the file is not a port.
 */
static bool port_refused(const IfcfgFile *f, DiagList *diags)
{
        const char *slave = cfg_get_str(f, "SLAVE");
        const char *master = cfg_get_str(f, "MASTER_UUID");
        int v;

        if (!slave)
                return false;
        if (!master)
                master = cfg_get_str(f, "MASTER");
        v = ifcfg_parse_bool(slave);
        if (v < 0) {
                cfg_err_key(diags, f, "SLAVE", g_strdup("use SLAVE=yes for a port of a bond"),
                            "SLAVE=%s is not yes or no", slave);
                return false;
        }
        if (v == 0) {
                g_autofree char *hint = g_strdup_printf(
                        "set SLAVE=yes to make it a port of %s, or remove MASTER", master);

                diag_add(diags, DIAG_WARNING, ifcfg_path(f), ifcfg_line(f, "SLAVE"), "SLAVE", hint,
                         "SLAVE=%s: not a port of %s, as initscripts' ifup-eth reads it; "
                         "bondcfg leaves the device alone",
                         slave, master);
                return true;
        }
        return false;
}

/* ---- directory ---------------------------------------------------------- */

static gint strcmp_ptr(gconstpointer a, gconstpointer b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

static gint bond_cmp(gconstpointer a, gconstpointer b)
{
        const CfgBond *x = *(CfgBond *const *)a, *y = *(CfgBond *const *)b;

        return strcmp(x->name, y->name);
}

/* The config files of dir, and the name of every file in it (for the
 * route, rule, alias and range files of each device: config-l3*.c), each
 * sorted; one directory read for all. */
static int list_dir(const char *dir, GPtrArray *names, GPtrArray *listing)
{
        DIR *d = opendir(dir);
        struct dirent *de;
        int r;

        if (!d)
                return -errno;
        while ((errno = 0, de = readdir(d))) {
                /* a directory named ifcfg-* is read, and refused, as a file
                 * is: an error that says what it is */
                if (de->d_type == DT_DIR && !ifcfg_filename_is_config(de->d_name))
                        continue;
                g_ptr_array_add(listing, g_strdup(de->d_name));
                if (ifcfg_filename_is_config(de->d_name))
                        g_ptr_array_add(names, g_strdup(de->d_name));
        }
        r = -errno;
        closedir(d);
        g_ptr_array_sort(names, strcmp_ptr);
        g_ptr_array_sort(listing, strcmp_ptr);
        return r;
}

/*
 * /etc/sysconfig/network: the directory's "../network", which initscripts'
 * ifup-eth and ifup-ipv6 source before the ifcfg file.  None is no error.
 */
static void load_network_file(Config *c, DiagList *diags)
{
        g_autofree char *dir = g_strdup(c->dir);
        g_autofree char *parent = NULL, *path = NULL;
        size_t n = strlen(dir);
        int r;

        while (n > 1 && dir[n - 1] == '/')
                dir[--n] = '\0';
        parent = g_path_get_dirname(dir);
        path = g_build_filename(parent, "network", NULL);

        if (!g_file_test(path, G_FILE_TEST_EXISTS))
                return;
        r = ifcfg_parse_file(path, &c->network, diags);
        if (r < 0)
                trust_read_failed(diags, path, r);
        else
                ifcfg_keys_check(c->network, KEY_ROLE_NETWORK, diags);
}

int config_load_dir(const char *dir, Config **out, DiagList *diags)
{
        g_autoptr(Config) c = g_new0(Config, 1);
        g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
        g_auto(BondIndex) ix = { 0 };
        int r;

        if (!dir)
                return -EINVAL;
        c->dir = g_strdup(dir);
        c->files = g_ptr_array_new_with_free_func((GDestroyNotify)ifcfg_free);
        c->bonds = g_ptr_array_new_with_free_func(cfg_bond_free);
        c->ports = g_ptr_array_new_with_free_func(cfg_port_free);
        c->listing = g_ptr_array_new_with_free_func(g_free);

        r = list_dir(dir, names, c->listing);
        if (r >= 0)
                trust_check_dir(dir, diags);
        if (r < 0)
                return r;
        load_network_file(c, diags);

        for (guint i = 0; i < names->len; i++) {
                g_autofree char *path = g_build_filename(dir, names->pdata[i], NULL);
                IfcfgFile *f = NULL;

                /* a FIFO, device or directory named ifcfg-*: an error, never
                 * a hang (trust_read_file() does not block on it) */
                r = ifcfg_parse_file(path, &f, diags);
                if (r < 0) {
                        trust_read_failed(diags, path, r);
                        continue;
                }
                g_ptr_array_add(c->files, f);
        }

        /* bonds first, so that ports can resolve MASTER in any file order */
        bond_index_init(&ix);
        for (guint i = 0; i < c->files->len; i++) {
                const IfcfgFile *f = c->files->pdata[i];
                CfgBond *b, *other;

                if (!file_is_bond(f, diags))
                        continue;
                b = load_bond(f, c, diags);
                other = g_hash_table_lookup(ix.by_name, b->name);
                if (other && g_str_equal(other->name, b->name)) {
                        g_autofree char *hint = g_strdup_printf(
                                "give each bond its own DEVICE, or remove one of %s and %s",
                                ifcfg_path(other->ifcfg), ifcfg_path(f));

                        diag_add(diags, DIAG_ERROR, ifcfg_path(f), ifcfg_line(f, "DEVICE"),
                                 "DEVICE", hint, "bond %s is already defined in %s", b->name,
                                 ifcfg_path(other->ifcfg));
                        cfg_bond_free(b);
                        continue;
                }
                g_ptr_array_add(c->bonds, b);
                bond_index_add(&ix, b);
                ifcfg_keys_check(f, KEY_ROLE_BOND, diags);
                if (c->network)
                        g_ptr_array_add(b->files, g_strdup(ifcfg_path(c->network)));
        }

        for (guint i = 0; i < c->files->len; i++) {
                const IfcfgFile *f = c->files->pdata[i];
                CfgPort *p;

                if (!cfg_get_str(f, "MASTER") && !cfg_get_str(f, "MASTER_UUID"))
                        continue;
                if (port_refused(f, diags))
                        continue;
                p = load_port(f, c->bonds, &ix, diags);
                ifcfg_keys_check(f, KEY_ROLE_PORT, diags);
                g_ptr_array_add(c->ports, p);
                if (p->bond)
                        g_ptr_array_add(p->bond->ports, p);
        }
        g_ptr_array_sort(c->bonds, bond_cmp);
        cfg_stack_load(c, diags);
        *out = g_steal_pointer(&c);
        return 0;
}

void config_free(Config *c)
{
        if (!c)
                return;
        /* the stack, ports and bonds point into files: free them first */
        cfg_stack_free(c);
        g_clear_pointer(&c->ports, g_ptr_array_unref);
        g_clear_pointer(&c->bonds, g_ptr_array_unref);
        g_clear_pointer(&c->files, g_ptr_array_unref);
        g_clear_pointer(&c->network, ifcfg_free);
        g_clear_pointer(&c->listing, g_ptr_array_unref);
        g_free(c->dir);
        g_free(c);
}

CfgBond *config_find_bond(const Config *c, const char *name)
{
        if (!c || !name)
                return NULL;
        for (guint i = 0; i < c->bonds->len; i++) {
                CfgBond *b = c->bonds->pdata[i];

                if (g_str_equal(b->name, name))
                        return b;
        }
        return NULL;
}

char *config_dir_resolve(const char *root, const char *config_dir)
{
        if (config_dir && *config_dir)
                return g_strdup(config_dir);
        if (root && *root)
                return g_build_filename(root, BONDCFG_DEFAULT_CONFIG_DIR, NULL);
        return g_strdup(BONDCFG_DEFAULT_CONFIG_DIR);
}

const char *cfg_port_label(const CfgPort *p)
{
        g_autofree char *label = NULL;

        if (p->name)
                return p->name;
        /* interned: lives as long as the process, one copy per distinct MAC */
        label = g_strdup_printf("HWADDR=%s", p->hwaddr  ? p->hwaddr
                                             : p->ifcfg ? ifcfg_get(p->ifcfg, "HWADDR")
                                                        : "?");
        return g_intern_string(label);
}
