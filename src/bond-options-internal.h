/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * Private to bond-options*.c: the option table itself and the generic
 * enum value lookups.  Everyone else goes through bond-options.h.
 */

#include "bond-options.h"

extern const BondOptDesc bond_opt_table[_BOND_OPT_MAX];

/* Generic lookups over a {NULL, 0}-terminated BondOptEnumValue table. */
const char *bond_enum_to_string(const BondOptEnumValue *tbl, uint64_t v);
/* Exact kernel name, or a decimal number that is one of the values. */
int bond_enum_from_string(const BondOptEnumValue *tbl, const char *s, uint64_t *out);

/*
 * Like systemd's DEFINE_STRING_TABLE_LOOKUP: a typed <name>_to_string() /
 * <name>_from_string() pair over one enum value table.
 */
#define DEFINE_BOND_ENUM_LOOKUP(name, type, table)                                                 \
        const char *name##_to_string(type v)                                                       \
        {                                                                                          \
                return bond_enum_to_string(table, (uint64_t)v);                                    \
        }                                                                                          \
        int name##_from_string(const char *s)                                                      \
        {                                                                                          \
                uint64_t v;                                                                        \
                int r = bond_enum_from_string(table, s, &v);                                       \
                return r < 0 ? r : (int)v;                                                         \
        }
