/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench/parse: parse and validate 1,000 bonds with 4,000 port files.
 *
 * Target: <= 100 ms per full load+validate on the reference machine.
 * Baseline measured in the same run: reading the same 5,000 files into
 * memory (open/read/close) — the I/O floor that no parser can beat.
 * A benchmark, not a test: it reports figures and never fails the build.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

#include "config.h"
#include "validate.h"

#define N_BONDS 1000
#define PORTS_PER_BOND 4
#define RUNS 15

static double now_ms(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void write_file(const char *dir, const char *name, const char *text)
{
        g_autofree char *path = g_build_filename(dir, name, NULL);
        g_autoptr(GError) err = NULL;

        if (!g_file_set_contents(path, text, -1, &err)) {
                fprintf(stderr, "bench/parse: %s\n", err->message);
                exit(2);
        }
}

static void generate(const char *dir)
{
        for (int b = 0; b < N_BONDS; b++) {
                g_autofree char *name = g_strdup_printf("ifcfg-bond%d", b);
                g_autofree char *text = g_strdup_printf(
                        "# bond %d\nDEVICE=bond%d\nNAME=bond%d\nTYPE=Bond\nBONDING_MASTER=yes\n"
                        "BONDING_OPTS=\"mode=802.3ad miimon=100 lacp_rate=fast "
                        "xmit_hash_policy=layer3+4 updelay=200\"\n"
                        "IPADDR=10.%d.%d.1\nPREFIX=24\nIPV6ADDR=2001:db8:%x::1/64\n"
                        "ONBOOT=yes\nBOOTPROTO=none\n",
                        b, b, b, b / 250, b % 250, b);

                write_file(dir, name, text);
                for (int p = 0; p < PORTS_PER_BOND; p++) {
                        g_autofree char *pn = g_strdup_printf("ifcfg-eth%d", b * PORTS_PER_BOND + p);
                        g_autofree char *pt = g_strdup_printf(
                                "DEVICE=eth%d\nNAME='port %d'\nTYPE=Ethernet\nBOOTPROTO=none\n"
                                "ONBOOT=yes\nMASTER=bond%d\nSLAVE=yes\n",
                                b * PORTS_PER_BOND + p, p, b);

                        write_file(dir, pn, pt);
                }
        }
}

static size_t raw_read_all(const char *dir)
{
        DIR *d = opendir(dir);
        struct dirent *de;
        size_t total = 0;
        char buf[8192];

        while ((de = readdir(d))) {
                g_autofree char *path = NULL;
                int fd;
                ssize_t n;

                if (de->d_name[0] == '.')
                        continue;
                path = g_build_filename(dir, de->d_name, NULL);
                fd = open(path, O_RDONLY | O_CLOEXEC);
                while ((n = read(fd, buf, sizeof(buf))) > 0)
                        total += n;
                close(fd);
        }
        closedir(d);
        return total;
}

static int cmp_double(const void *a, const void *b)
{
        double x = *(const double *)a, y = *(const double *)b;

        return (x > y) - (x < y);
}

int main(void)
{
        g_autofree char *dir = g_dir_make_tmp("bondcfg-bench-XXXXXX", NULL);
        double t_parse[RUNS], t_raw[RUNS];
        unsigned nbonds = 0, nports = 0, nerr = 0;

        generate(dir);
        for (int i = 0; i < RUNS; i++) {
                g_autoptr(DiagList) diags = diag_list_new();
                g_autoptr(Config) c = NULL;
                double t0 = now_ms();

                raw_read_all(dir);
                t_raw[i] = now_ms() - t0;

                t0 = now_ms();
                if (config_load_dir(dir, &c, diags) < 0) {
                        fprintf(stderr, "bench/parse: cannot load %s\n", dir);
                        return 2;
                }
                validate_config(c, diags);
                t_parse[i] = now_ms() - t0;
                nbonds = c->bonds->len;
                nports = c->ports->len;
                nerr = diag_count(diags, DIAG_ERROR);
        }
        qsort(t_parse, RUNS, sizeof(double), cmp_double);
        qsort(t_raw, RUNS, sizeof(double), cmp_double);

        printf("bench/parse: %u bonds, %u ports, %u errors, median of %d runs\n", nbonds, nports,
               nerr, RUNS);
        printf("  baseline: read the %u files          %8.2f ms\n", nbonds + nports,
               t_raw[RUNS / 2]);
        printf("  bondcfg:  load + validate            %8.2f ms   (%.1fx baseline)\n",
               t_parse[RUNS / 2], t_parse[RUNS / 2] / t_raw[RUNS / 2]);
        printf("  target:   <= 100 ms                  %s\n",
               t_parse[RUNS / 2] <= 100.0 ? "met" : "MISSED");

        {
                g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", dir);
                if (system(cmd) != 0)
                        fprintf(stderr, "bench/parse: could not remove %s\n", dir);
        }
        return 0;
}
