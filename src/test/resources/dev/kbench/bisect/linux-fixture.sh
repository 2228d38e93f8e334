#!/bin/sh
# A Linux git repository for bisection tests, made from Debian's linux-source-6.1 tarball:
# the tarball as one commit, then three ranges of commits branching from it.
#   single (6 commits): one makes getppid costlier, one does not build, the rest are harmless;
#     git's bisection proposes the broken one first, then its fix, then the culprit
#   spread (3 commits): two commits each add part of that cost, the one between them is harmless
#   long:   16 commits, one of which makes getppid costlier
# Tags name what a bisection must find (single-culprit, single-broken, spread-1, spread-2,
# long-culprit) and each range's ends (base, single-bad, spread-bad, long-bad).
# Usage: linux-fixture.sh TARBALL DIR   (DIR must not exist; made once, then reused by its caller)
set -eu
tarball=$1
dir=$2
partial="$dir.partial"
rm -rf "$partial"
mkdir -p "$partial"
tar -xJf "$tarball" -C "$partial" --strip-components=1
cd "$partial"
# Debian's tree ignores everything at its top level (its packaging keeps the source elsewhere):
# drop that block, or git would track nothing.
sed -i '/^# Debian packaging: ignore everything at the top level/,$d' .gitignore
sed -i -e :a -e '/^\n*$/{$d;N;ba' -e '}' .gitignore
sed -i '${/^#$/d}' .gitignore
git init -q -b fixture .
git config user.name "kbench fixture"
git config user.email "fixture@kbench.invalid"
git config core.autocrlf false
git config gc.auto 0
n=0
commit() {
    n=$((n + 1))
    GIT_AUTHOR_DATE="$(date -u -d "2024-01-01 00:00:00 UTC + $n hours" '+%Y-%m-%dT%H:%M:%SZ')"
    GIT_COMMITTER_DATE="$GIT_AUTHOR_DATE"
    export GIT_AUTHOR_DATE GIT_COMMITTER_DATE
    git add -A
    git commit -q -m "$1"
}
commit "Linux 6.1 as Debian's linux-source-6.1 ships it"
git tag base

# The loop the culprits add: a few cheap instructions per pass in getppid's path, which
# kbench's getppid workload (about 385 guest instructions a call) sees as a few percent: one
# pass is the culprit of the single and long ranges, one then two the spread range's pair.
spin() { # $1: passes
    if grep -q 'kbench_spin' kernel/sys.c; then
        sed -i "s/kbench_spin < [0-9]*;/kbench_spin < $1;/" kernel/sys.c
    else
        perl -0pi -e 's/(SYSCALL_DEFINE0\(getppid\)\n\{\n\tint pid;\n)/$1\tvolatile unsigned int kbench_spin;\n\n\tfor (kbench_spin = 0; kbench_spin < '"$1"'; kbench_spin++)\n\t\t;\n/' kernel/sys.c
    fi
    grep -q "kbench_spin < $1;" kernel/sys.c
}
note() { # $1: file, $2: text appended as a comment (C) or a line (text)
    case "$1" in
        *.c|*.h) printf '/* %s */\n' "$2" >>"$1" ;;
        *) printf '%s\n' "$2" >>"$1" ;;
    esac
}

git checkout -q -b single base
note Documentation/process/howto.rst "A note on reading the documentation first."
commit "docs: howto: a note on reading first"
note kernel/sys.c "getppid's neighbours are unchanged by this commit."
commit "kernel/sys.c: a comment"
printf 'int kbench_fixture_broken(void) { return 0 }\n' >>kernel/fork.c
commit "fork: a helper that does not compile"
git tag single-broken
sed -i '/kbench_fixture_broken/d' kernel/fork.c
commit "fork: drop the helper that does not compile"
spin 1
commit "getppid: spin a little on the way"
git tag single-culprit
note README "A last harmless line."
commit "README: a line"
git tag single-bad

git checkout -q -b spread base
spin 1
commit "getppid: spin a little"
git tag spread-1
note kernel/sys.c "A comment in kernel/sys.c."
commit "kernel/sys.c: a comment"
spin 2
commit "getppid: spin a little more"
git tag spread-2
git tag spread-bad

git checkout -q -b long base
i=1
while [ $i -le 16 ]; do
    if [ $i -eq 11 ]; then
        spin 1
        commit "getppid: spin a little on the way"
        git tag long-culprit
    else
        case $((i % 4)) in
            0) note kernel/sys.c "Comment $i in kernel/sys.c."; commit "kernel/sys.c: comment $i" ;;
            1) note Documentation/process/howto.rst "Note $i."; commit "docs: howto: note $i" ;;
            2) note kernel/fork.c "Comment $i in kernel/fork.c."; commit "fork: comment $i" ;;
            3) note drivers/net/ethernet/intel/e1000e/netdev.c "Comment $i."; commit "e1000e: comment $i" ;;
        esac
    fi
    i=$((i + 1))
done
git tag long-bad
git checkout -q --detach base
cd /
mv "$partial" "$dir"
