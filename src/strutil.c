/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Small string helpers shared by the readers (strutil.h). */
#include "strutil.h"

#include <string.h>
#include <glib.h>

unsigned str_edit_distance(const char *a, const char *b, unsigned max)
{
        size_t la = strlen(a), lb = strlen(b);
        g_autofree unsigned *row = NULL;

        /* the distance is at least the difference of the lengths */
        if ((la > lb ? la - lb : lb - la) > max)
                return max + 1;
        row = g_new(unsigned, lb + 1);

        for (size_t j = 0; j <= lb; j++)
                row[j] = (unsigned)j;
        for (size_t i = 1; i <= la; i++) {
                unsigned diag = row[0], least;

                row[0] = least = (unsigned)i;
                for (size_t j = 1; j <= lb; j++) {
                        unsigned up = row[j];
                        unsigned best = diag + (a[i - 1] != b[j - 1]);

                        best = MIN(best, up + 1);
                        best = MIN(best, row[j - 1] + 1);
                        row[j] = best;
                        least = MIN(least, best);
                        diag = up;
                }
                /* every alignment passes through this row */
                if (least > max)
                        return max + 1;
        }
        return MIN(row[lb], max + 1);
}
