#!/bin/sh
# TEST-ONLY: there is no root; the evidence hook powers off before mount.
# root is set by parse-root-opts.sh; dracut's init reads rootok.
# shellcheck disable=SC2154,SC2034
[ "$root" = bondcfgtest ] && rootok=1
