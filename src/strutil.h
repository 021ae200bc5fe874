/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/* Small string helpers shared by the readers. */

/* Levenshtein distance between a and b, for "did you mean" hints. */
unsigned str_edit_distance(const char *a, const char *b);
