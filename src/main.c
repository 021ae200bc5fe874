/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bondcfg: turn RHEL ifcfg bonding files into a running bond.
 *
 *   bondcfg [GLOBAL OPTIONS] COMMAND [COMMAND OPTIONS] [BOND...]
 *
 * Global options may also follow the command.  Command dispatch is a table;
 * each command gets one GOptionContext holding the global and its own
 * options, so `--help` is accurate per command.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "config.h"

static const BondcfgCommand commands[] = {
        { "check", "[BOND...]", "Read and validate the ifcfg files and the member NICs",
          cmd_check },
        { "show", "[BOND...]", "Print the effective configuration", cmd_show },
        { "apply", "[--dry-run] [--boot] [BOND...]", "Bring the kernel to the configured state",
          cmd_apply },
        { "down", "[--stack] BOND|VLAN|BRIDGE...",
          "Release the ports and delete the bond (or a VLAN or bridge above it)", cmd_down },
        { "stop", "", "Take the bonds down, unless the root file system needs them", cmd_stop },
        { "wait-online", "[--timeout=S] [BOND...]",
          "Wait until the bonds have carrier and usable addresses", cmd_wait_online },
        { "status", "[BOND...]", "Show the live bond and its drift from the config", cmd_status },
        { "options", "[--bridge] [OPTION...]",
          "Describe the bonding (or bridge) options bondcfg knows", cmd_options },
        { "keys", "[--man]", "The ifcfg keys, and what bondcfg does with each", cmd_keys },
        { "role", "FILE", "What an ifcfg file is to bondcfg, in one shell-readable line",
          cmd_role },
        { "files", "[--null] [BOND...]",
          "What bringing the bonds up needs (bonds, files, modules, libraries), one record a line",
          cmd_files },
};

static const BondcfgCommand *find_command(const char *name)
{
        for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
                if (strcmp(commands[i].name, name) == 0)
                        return &commands[i];
        return NULL;
}

static gboolean opt_quiet(const char *name, const char *value, gpointer data, GError **error)
{
        ((BondcfgCtx *)data)->verbosity = -1;
        return TRUE;
}

static gboolean opt_verbose(const char *name, const char *value, gpointer data, GError **error)
{
        ((BondcfgCtx *)data)->verbosity = 1;
        return TRUE;
}

static GOptionGroup *global_group(BondcfgCtx *ctx, gboolean *version)
{
        GOptionEntry entries[] = {
                { "root", 0, 0, G_OPTION_ARG_FILENAME, &ctx->root,
                  "Operate on the files below DIR (offline authoring)", "DIR" },
                { "config-dir", 0, 0, G_OPTION_ARG_FILENAME, &ctx->config_dir,
                  "Read ifcfg files from DIR (default " BONDCFG_DEFAULT_CONFIG_DIR ")", "DIR" },
                { "json", 0, 0, G_OPTION_ARG_NONE, &ctx->json, "Machine-readable output", NULL },
                { "quiet", 'q', G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, opt_quiet,
                  "Print errors only", NULL },
                { "verbose", 'v', G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, opt_verbose,
                  "Print more detail", NULL },
                { "offline", 0, 0, G_OPTION_ARG_NONE, &ctx->offline,
                  "Do not inspect this machine's NICs (implied by --root)", NULL },
                { "force", 0, 0, G_OPTION_ARG_NONE, &ctx->force,
                  "Turn NIC check errors into warnings", NULL },
                { "wait-lock", 0, 0, G_OPTION_ARG_INT, &ctx->wait_lock,
                  "Wait up to SECONDS for another bondcfg run (default 10)", "SECONDS" },
                { "version", 0, 0, G_OPTION_ARG_NONE, version, "Print the version", NULL },
                { NULL }
        };
        GOptionGroup *g =
                g_option_group_new("global", "Global options:", "Show global options", ctx, NULL);

        g_option_group_add_entries(g, entries);
        return g;
}

static char *commands_description(void)
{
        GString *s = g_string_new("Commands:\n");

        for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
                g_string_append_printf(s, "  %-11s %-31s %s\n", commands[i].name, commands[i].args,
                                       commands[i].summary);
        g_string_append(s, "\nRun 'bondcfg COMMAND --help' for the options of a command.\n"
                           "Exit status: 0 ok, 1 invalid configuration, 2 usage or I/O error,\n"
                           "3 kernel refused (rolled back), 4 status found drift.\n");
        return g_string_free(s, FALSE);
}

/* Index of the first non-option argument (the command), or 0 if none. */
static int command_index(int argc, char **argv)
{
        static const char *const with_arg[] = { "--root", "--config-dir", "--wait-lock" };

        for (int i = 1; i < argc; i++) {
                const char *a = argv[i];

                if (strcmp(a, "--") == 0)
                        return i + 1 < argc ? i + 1 : 0;
                if (a[0] != '-')
                        return i;
                for (size_t k = 0; k < G_N_ELEMENTS(with_arg); k++)
                        if (strcmp(a, with_arg[k]) == 0)
                                i++;
        }
        return 0;
}

int main(int argc, char **argv)
{
        BondcfgCtx ctx = { .wait_lock = 10, .timeout = 120 };
        gboolean version = FALSE, want_json = FALSE;
        g_autoptr(GError) error = NULL;
        g_autoptr(GOptionContext) oc = NULL;
        g_autofree char *desc = NULL;
        const BondcfgCommand *cmd = NULL;
        int idx, r;

        /* `bondcfg --version` alone, as `ip -V`: no option parser, no help
         * text built (scripts call it to check what is installed) */
        if (argc == 2 && strcmp(argv[1], "--version") == 0) {
                printf("bondcfg " BONDCFG_VERSION "\n");
                return EXIT_OK;
        }
        desc = commands_description();

        /* No setlocale(): bondcfg has no translations, and its output
         * (numbers, JSON) must not change with the locale. */
        /* --json asks for errors in JSON too, even those of the command line */
        for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
                want_json |= strcmp(argv[i], "--json") == 0;
        ctx.json = want_json;
        idx = command_index(argc, argv);
        if (idx > 0) {
                cmd = find_command(argv[idx]);
                if (!cmd && ctx.json)
                        return cmd_fail(&ctx, EXIT_USAGE, "'bondcfg --help' lists the commands",
                                        "unknown command '%s'", argv[idx]);
                if (!cmd) {
                        fprintf(stderr, "bondcfg: unknown command '%s'\n%s", argv[idx], desc);
                        return EXIT_USAGE;
                }
        }

        if (cmd) {
                g_autofree char *param = g_strdup_printf("%s %s", cmd->name, cmd->args);

                oc = g_option_context_new(param);
                g_option_context_set_summary(oc, cmd->summary);
        } else {
                oc = g_option_context_new("COMMAND [BOND...]");
                g_option_context_set_summary(oc,
                                             "Turn RHEL ifcfg bonding files into a running bond.");
                g_option_context_set_description(oc, desc);
        }
        g_option_context_set_main_group(oc, global_group(&ctx, &version));
        if (cmd && strcmp(cmd->name, "apply") == 0) {
                GOptionEntry apply_entries[] = {
                        { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &ctx.dry_run,
                          "Print the plan and change nothing", NULL },
                        { "boot", 0, 0, G_OPTION_ARG_NONE, &ctx.boot,
                          "As at boot: wait for missing ports ([boot] port_timeout), then bring "
                          "up each bond on its own",
                          NULL },
                        { NULL }
                };
                g_option_context_add_main_entries(oc, apply_entries, NULL);
        }
        if (cmd && strcmp(cmd->name, "down") == 0) {
                GOptionEntry down_entries[] = {
                        { "stack", 0, 0, G_OPTION_ARG_NONE, &ctx.stack,
                          "Take down the VLANs above the bond too (top-down)", NULL },
                        { NULL }
                };
                g_option_context_add_main_entries(oc, down_entries, NULL);
        }
        if (cmd && strcmp(cmd->name, "wait-online") == 0) {
                GOptionEntry wait_entries[] = { { "timeout", 0, 0, G_OPTION_ARG_INT, &ctx.timeout,
                                                  "Give up after SECONDS (default 120)",
                                                  "SECONDS" },
                                                { NULL } };
                g_option_context_add_main_entries(oc, wait_entries, NULL);
        }
        /* their --man and --completion are theirs to read */
        if (cmd && (strcmp(cmd->name, "options") == 0 || strcmp(cmd->name, "keys") == 0 ||
                    strcmp(cmd->name, "files") == 0))
                g_option_context_set_ignore_unknown_options(oc, TRUE);

        if (!g_option_context_parse(oc, &argc, &argv, &error)) {
                /* GOption puts back the flags it had set: --json is not lost */
                ctx.json = want_json;
                return cmd_fail(&ctx, EXIT_USAGE, "try 'bondcfg --help'", "%s", error->message);
        }
        if (version) {
                printf("bondcfg " BONDCFG_VERSION "\n");
                return EXIT_OK;
        }
        if (!cmd && ctx.json)
                return cmd_fail(&ctx, EXIT_USAGE, "'bondcfg --help' lists the commands",
                                "no command given");
        if (!cmd) {
                g_autofree char *help = g_option_context_get_help(oc, TRUE, NULL);

                fputs(help, stderr);
                return EXIT_USAGE;
        }
        if (ctx.wait_lock < 0)
                return cmd_fail(&ctx, EXIT_USAGE, NULL, "--wait-lock must be 0 or more seconds");

        if (ctx.root)
                ctx.offline = true;
        ctx.dir = config_dir_resolve(ctx.root, ctx.config_dir);
        /* After parsing, argv holds the command and its positional arguments. */
        idx = 1;
        while (idx < argc && strcmp(argv[idx], cmd->name) != 0)
                idx++;
        r = cmd->run(&ctx, argc - idx, argv + idx);

        g_free(ctx.root);
        g_free(ctx.config_dir);
        g_free(ctx.dir);
        return r;
}
