/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/* Small string helpers shared by the readers. */

/*
 * Levenshtein distance between a and b, for "did you mean" hints, if it is
 * at most max; else max + 1, found at once when the lengths alone differ
 * by more than max (a hint is only given for a close name, and a long
 * unknown word must not cost its length times each name's).
 */
unsigned str_edit_distance(const char *a, const char *b, unsigned max);
