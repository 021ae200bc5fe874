/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The link kinds bondcfg stacks on bonds: see link-kind.h. */
#include "link-kind.h"

static const LinkKind *const kinds[] = { &link_kind_vlan, &link_kind_bridge };

const LinkKind *link_kind_by_name(const char *name)
{
        for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++)
                if (g_strcmp0(kinds[i]->name, name) == 0)
                        return kinds[i];
        return NULL;
}
