/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * VLAN_INGRESS_PRIORITY_MAP / VLAN_EGRESS_PRIORITY_MAP (cfg_vlan_qos_parse())
 * on any text: the first byte picks the map (bit 0: egress, whose TO is a
 * priority 0-7; ingress bounds FROM), the rest is the value.  A map that
 * parses is within its bounds and, written back (cfg_vlan_qos_to_string()),
 * parses to the same map.
 */
#include "fuzz.h"
#include "config-stack.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        fuzz_glib_init();
        return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        g_autoptr(GArray) map = g_array_new(FALSE, FALSE, sizeof(CfgVlanQos));
        g_autoptr(GArray) again = g_array_new(FALSE, FALSE, sizeof(CfgVlanQos));
        g_autofree char *text = NULL, *bad = NULL, *shown = NULL;
        uint32_t from_max, to_max;

        if (size < 1)
                return 0;
        from_max = data[0] & 1 ? G_MAXUINT32 : 7;
        to_max = data[0] & 1 ? 7 : G_MAXUINT32;
        text = fuzz_cstr(data + 1, size - 1);
        if (cfg_vlan_qos_parse(text, from_max, to_max, map, &bad) < 0) {
                g_assert_nonnull(bad);
                return 0;
        }
        g_assert_null(bad);
        for (guint i = 0; i < map->len; i++) {
                const CfgVlanQos *q = &g_array_index(map, CfgVlanQos, i);

                g_assert_cmpuint(q->from, <=, from_max);
                g_assert_cmpuint(q->to, <=, to_max);
        }
        shown = cfg_vlan_qos_to_string(map);
        if (cfg_vlan_qos_parse(shown, from_max, to_max, again, &bad) < 0 ||
            again->len != map->len ||
            (map->len && memcmp(again->data, map->data, map->len * sizeof(CfgVlanQos)) != 0))
                g_error("'%s' does not read back as the same map", shown);
        return 0;
}
