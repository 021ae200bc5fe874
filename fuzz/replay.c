/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The replay driver: a main() for a harness built without libFuzzer, with
 * the ordinary compiler and AddressSanitizer/UBSan (`make check-build`).
 * It feeds each file named on the command line, or each file of each
 * directory named, to LLVMFuzzerTestOneInput() once, and prints how many
 * it replayed:
 *
 *   build/fuzz-replay/fuzz-ifcfg fuzz/corpus/ifcfg fuzz/crashes/ifcfg
 *   replayed 123 inputs
 *
 * A crash, a sanitizer report or a leak ends the process with an error
 * (after "replaying FILE" on stderr, naming the input).  Exit status 0:
 * every input went through; 2: a file could not be read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "fuzz.h"

static int replay_file(const char *path, unsigned *n)
{
        g_autoptr(GError) err = NULL;
        g_autofree char *data = NULL;
        gsize len = 0;

        if (!g_file_get_contents(path, &data, &len, &err)) {
                fprintf(stderr, "replay: %s\n", err->message);
                return -EIO;
        }
        fprintf(stderr, "replaying %s\n", path);
        /* an exact-size copy, as libFuzzer passes it: a read past the
         * input is caught */
        {
                g_autofree uint8_t *exact = g_memdup2(data, len);

                LLVMFuzzerTestOneInput(exact, len);
        }
        (*n)++;
        return 0;
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_dir(const char *dir, unsigned *n)
{
        g_autoptr(GError) err = NULL;
        g_autoptr(GDir) d = g_dir_open(dir, 0, &err);
        g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
        const char *name;

        if (!d) {
                fprintf(stderr, "replay: %s\n", err->message);
                return -EIO;
        }
        while ((name = g_dir_read_name(d)))
                if (name[0] != '.')
                        g_ptr_array_add(names, g_build_filename(dir, name, NULL));
        g_ptr_array_sort(names, cmp_str);
        for (guint i = 0; i < names->len; i++)
                if (replay_file(names->pdata[i], n) < 0)
                        return -EIO;
        return 0;
}

int main(int argc, char **argv)
{
        unsigned n = 0;

        LLVMFuzzerInitialize(&argc, &argv);
        for (int i = 1; i < argc; i++) {
                int r = g_file_test(argv[i], G_FILE_TEST_IS_DIR) ? replay_dir(argv[i], &n)
                                                                 : replay_file(argv[i], &n);

                if (r < 0)
                        return 2;
        }
        printf("replayed %u inputs\n", n);
        return 0;
}
