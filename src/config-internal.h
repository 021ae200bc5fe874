/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/* Private to config.c and config-values.c: typed values from ifcfg keys. */

#include "config.h"

/* The value of key, or NULL if it is absent or empty (as NetworkManager reads it). */
const char *cfg_get_str(const IfcfgFile *f, const char *key);
/* An error at the line of key.  Takes ownership of hint. */
void cfg_err_key(DiagList *diags, const IfcfgFile *f, const char *key, char *hint, const char *fmt,
                 ...) G_GNUC_PRINTF(5, 6);
/* yes/no key; an invalid value is an error and gives def. */
bool cfg_get_bool(const IfcfgFile *f, const char *key, bool def, DiagList *diags);
/* Decimal digits only, value <= max. */
bool cfg_parse_decimal(const char *s, unsigned max, unsigned *out);
/* A MAC address key of len bytes (6, or 20 for IPoIB), canonical lower-case,
 * or NULL (absent or invalid: an error). */
char *cfg_load_mac(const IfcfgFile *f, const char *key, size_t len, DiagList *diags);
/* The MTU key (68 to 65535), or 0 (absent, or invalid: an error). */
unsigned cfg_load_mtu(const IfcfgFile *f, DiagList *diags);
/* The interface name: DEVICE, else the file name's suffix.  Caller frees. */
char *cfg_file_ifname(const IfcfgFile *f);

/* ---- the stack on the bonds (config-stack.c, config-vlan.c, config-bridge.c) ---- */

/* Read the VLANs and bridges above the bonds, after the bonds and ports. */
void cfg_stack_load(Config *c, DiagList *diags);
/* Free vlans, bridges and unmanaged. */
void cfg_stack_free(Config *c);

/* TYPE=Vlan, or VLAN=yes (NetworkManager's is_vlan_device(), ifup's test). */
bool cfg_file_is_vlan(const IfcfgFile *f);
/* TYPE=Bridge. */
bool cfg_file_is_bridge(const IfcfgFile *f);
/*
 * A VLAN's own keys: name, parent, id, flags, maps, MTU, MACADDR, ONBOOT,
 * and its addresses.  Neither parent nor bond is resolved.  NULL when its
 * id or its parent cannot be told; *why (caller frees) then says which.
 */
CfgVlan *cfg_vlan_read(const IfcfgFile *f, const Config *c, DiagList *diags, char **why);
void cfg_vlan_free(CfgVlan *v);
/* A bridge's own keys: STP, DELAY, BRIDGING_OPTS, MTU, MACADDR, ONBOOT, addresses. */
CfgBridge *cfg_bridge_read(const IfcfgFile *f, const Config *c, DiagList *diags);
void cfg_bridge_free(CfgBridge *br);
/* A port of br read from its file (BRIDGING_OPTS in port scope); added to br->ports. */
CfgBridgePort *cfg_bridge_add_port(CfgBridge *br, CfgBridgePortKind kind, void *dev,
                                   const IfcfgFile *f, DiagList *diags);
