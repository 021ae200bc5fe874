/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

/*
 * Hardware addresses as text: the one place that parses and formats them.
 * Ethernet addresses have 6 bytes, IPoIB (InfiniBand) ones 20: a 4-byte
 * queue pair number and a 16-byte GID, whose last 8 bytes are the port
 * GUID.
 */

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HWADDR_ETHER_LEN      6
#define HWADDR_INFINIBAND_LEN 20
#define HWADDR_MAX_LEN        20

/*
 * Parse "52:54:00:AB:cd:01" (':' or '-' between two-digit hex pairs, one
 * separator kind throughout) into bytes; *len gets the byte count.
 * Returns 0, or -EINVAL (not that syntax, or more than HWADDR_MAX_LEN bytes).
 */
int hwaddr_parse(const char *s, uint8_t out[HWADDR_MAX_LEN], size_t *len);

/* An Ethernet address: hwaddr_parse() of exactly six bytes.  0 or -EINVAL. */
int hwaddr_parse_ether(const char *s, uint8_t mac[HWADDR_ETHER_LEN]);

/*
 * An Ethernet address as the kernel's mac_pton() reads the bonding and
 * bridge options: "xx:xx:xx:xx:xx:xx", colons only.  0 or -EINVAL.
 */
int hwaddr_parse_kernel(const char *s, uint8_t mac[HWADDR_ETHER_LEN]);

/* Lower-case "xx:xx:..."; caller frees. */
char *hwaddr_format(const uint8_t *a, size_t len);

/* The text of an address of len bytes, with its NUL. */
#define HWADDR_STRLEN(len) ((len) ? (len)*3 : 1)
/* hwaddr_format() into buf, of HWADDR_STRLEN(len) bytes; returns buf. */
char *hwaddr_format_buf(const uint8_t *a, size_t len, char *buf);

/* The canonical form of s if it has want_len bytes, else NULL. */
char *hwaddr_canonical(const char *s, size_t want_len);

/*
 * Do two textual addresses name the same NIC?  Equal bytes; for two IPoIB
 * addresses only the port GUID (the last 8 bytes), since the queue pair
 * number changes (NetworkManager's nm_utils_hwaddr_matches() does the same).
 */
bool hwaddr_matches(const char *a, const char *b);
