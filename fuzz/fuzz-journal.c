/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The crash journal's plan files (plan_load(), plan_load_before() in
 * src/plan-save.c) on any bytes: the next run reads what a killed one left,
 * and a damaged file must be refused, never crash it (every later apply
 * would).  What loads is saved again, and that text loads back to the same
 * text.
 */
#include "fuzz.h"
#include "plan-save.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
        fuzz_glib_init();
        return 0;
}

/* plan p (and before, if any) saved as text */
static char *save(const Plan *p, const Snapshot *before)
{
        g_autoptr(GKeyFile) kf = g_key_file_new();

        plan_save(p, kf, "bond0");
        if (before)
                plan_save_before(p, before, kf, "bond0");
        return g_key_file_to_data(kf, NULL, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        g_autoptr(GKeyFile) kf = g_key_file_new();
        g_autoptr(Plan) p = NULL;
        g_autoptr(Snapshot) s = NULL;
        g_autofree char *err = NULL, *err2 = NULL;
        g_autofree char *once = NULL;

        if (!g_key_file_load_from_data(kf, (const char *)data, size, G_KEY_FILE_NONE, NULL))
                return 0;
        if (plan_load(kf, "bond0", &p, &err) < 0) {
                g_assert_nonnull(err);
                g_assert_null(p);
                return 0;
        }
        if (plan_load_before(kf, "bond0", &s, &err2) < 0)
                g_assert_nonnull(err2);
        else
                g_ptr_array_unref(plan_touched_links(p, s));
        once = save(p, s);
        {
                g_autoptr(GKeyFile) again = g_key_file_new();
                g_autoptr(Plan) p2 = NULL;
                g_autoptr(Snapshot) s2 = NULL;
                g_autofree char *e = NULL, *twice = NULL;

                g_assert_true(
                        g_key_file_load_from_data(again, once, (gsize)-1, G_KEY_FILE_NONE, NULL));
                if (plan_load(again, "bond0", &p2, &e) < 0)
                        g_error("saved plan does not load back: %s", e);
                if (s && plan_load_before(again, "bond0", &s2, &e) < 0)
                        g_error("saved state does not load back: %s", e);
                twice = save(p2, s2);
                if (g_strcmp0(once, twice) != 0)
                        g_error("saved twice, the text differs:\n%s\n---\n%s", once, twice);
        }
        return 0;
}
