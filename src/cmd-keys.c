/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bondcfg keys [--man]: the ifcfg keys, what initscripts and NetworkManager
 * do with each and what bondcfg does (ifcfg-keys.h).  --man gives the table
 * of bondcfg(8), --json one object per key.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "ifcfg-keys.h"

int cmd_keys(BondcfgCtx *ctx, int argc, char **argv)
{
        g_autofree char *out = NULL;
        bool man = false;

        for (int i = 1; i < argc; i++) {
                if (strcmp(argv[i], "--man") == 0) {
                        man = true;
                        continue;
                }
                fprintf(stderr, "bondcfg keys: unknown argument '%s'\n", argv[i]);
                return EXIT_USAGE;
        }
        if (ctx->json) {
                g_autoptr(JsonDoc) b = json_doc_new();

                ifcfg_keys_to_json(b);
                json_doc_print(b);
                return EXIT_OK;
        }
        if (man)
                out = ifcfg_keys_man();
        else
                out = ifcfg_keys_text();
        fputs(out, stdout);
        return EXIT_OK;
}
