#!/usr/bin/env bash
# `cmake --install` into a temporary prefix: the binary finds the installed
# rule packs by itself (KBCHECK_RULES unset), and the man page renders and
# documents every command and every option that `--help` lists.
set -uo pipefail
kbcheck=$(realpath "$1")
# Under ASan/UBSan a sanitizer error must not pass for exit 1 (findings).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=86"
build=$(dirname "$kbcheck")
root=${KB_SOURCE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
unset KBCHECK_RULES
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # name, condition
  if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1"; fi
}

cmake --install "$build" --prefix "$tmp/prefix" > "$tmp/install.log" 2>&1
check "cmake --install" '[ $? -eq 0 ] || { cat "$tmp/install.log"; false; }'
bin="$tmp/prefix/bin/kbcheck"
man="$tmp/prefix/share/man/man1/kbcheck.1"
check "binary installed" '[ -x "$bin" ]'
check "man page installed" '[ -f "$man" ]'
check "rule packs installed" 'ls "$tmp/prefix/share/kbcheck/rules/"*.yml > /dev/null 2>&1'

"$bin" rules list > "$tmp/rules" 2>"$tmp/err"
check "installed kbcheck rules list" '[ $? -eq 0 ] && grep -q "^order.cancel " "$tmp/rules"'
# Which packs: --verbose names them; they must be the installed ones.
mkdir -p "$tmp/kb" && printf '## Can I cancel?\n\nYou can cancel your order within 24 hours.\n' > "$tmp/kb/a.md"
(cd "$tmp" && "$bin" check -v kb) > /dev/null 2>"$tmp/err"
check "installed kbcheck loads the installed packs, and only them" \
  'grep -q "^kbcheck: rule pack $tmp/prefix/bin/../share/kbcheck/rules/" "$tmp/err" &&
   ! grep "^kbcheck: rule pack " "$tmp/err" | grep -qv "rule pack $tmp/prefix/"'

# Shell completion: installed where each shell looks, valid, and (bash,
# fish) completing commands, options and formats from the binary's --help.
bash_c="$tmp/prefix/share/bash-completion/completions/kbcheck"
zsh_c="$tmp/prefix/share/zsh/site-functions/_kbcheck"
fish_c="$tmp/prefix/share/fish/vendor_completions.d/kbcheck.fish"
check "completions installed" '[ -f "$bash_c" ] && [ -f "$zsh_c" ] && [ -f "$fish_c" ]'
check "bash completion parses" 'bash -n "$bash_c"'
comp_bash() { # words...: the candidates for the last one
  PATH="$tmp/prefix/bin:$PATH" bash -c 'source "$1"; shift; COMP_WORDS=("$@");
    COMP_CWORD=$(($# - 1)); _kbcheck; printf "%s\n" "${COMPREPLY[@]}"' _ "$bash_c" "$@" | tr '\n' ' '
}
check "bash: commands" '[ "$(comp_bash kbcheck ch)" = "check " ] && [ "$(comp_bash kbcheck help ba)" = "baseline " ]'
check "bash: options of the command" '[ "$(comp_bash kbcheck check --fa)" = "--fail-on " ] &&
  [ "$(comp_bash kbcheck baseline create --bas)" = "--baseline " ]'
check "bash: values" '[ "$(comp_bash kbcheck check --format sa)" = "sarif " ] &&
  [ "$(comp_bash kbcheck check --fail-on w)" = "warning " ]'
if command -v zsh > /dev/null 2>&1; then
  check "zsh completion parses" 'zsh -n "$zsh_c"'
fi
if command -v fish > /dev/null 2>&1; then
  check "fish completion parses" 'fish --no-execute "$fish_c"'
  comp_fish() { PATH="$tmp/prefix/bin:$PATH" fish -c "source $fish_c; complete -C '$1'" | cut -f1 | tr '\n' ' '; }
  check "fish: commands, options, formats" '[ "$(comp_fish "kbcheck ch")" = "check " ] &&
    [ "$(comp_fish "kbcheck check --fa")" = "--fail-on " ] && [ "$(comp_fish "kbcheck check --format sa")" = "sarif " ]'
fi

# The man page renders without warnings.
if command -v groff > /dev/null 2>&1; then
  groff -man -Tutf8 -ww -z "$man" 2>"$tmp/groff.err"
  check "groff renders the man page without warnings" '[ $? -eq 0 ] && [ ! -s "$tmp/groff.err" ] || { cat "$tmp/groff.err"; false; }'
fi
if command -v man > /dev/null 2>&1; then
  MANWIDTH=80 man -l "$man" > "$tmp/man.txt" 2>"$tmp/man.err"
  check "man -l renders the man page" '[ $? -eq 0 ] && grep -q "EXIT STATUS" "$tmp/man.txt"'
fi

# Every command and every long option of its --help is in the man page.
commands=$("$bin" --help | awk '/^commands:/ {on = 1; next} on && /^  [a-z]/ {print $1}')
check "kbcheck --help lists commands" '[ -n "$commands" ]'
for c in $commands; do
  case $c in
    baseline) help=$("$bin" baseline create --help) ;;
    *) help=$("$bin" "$c" --help) ;;
  esac
  check "man page has a section for $c" 'grep -q "^\.SS \"kbcheck $c" "$man"'
  for opt in $(printf '%s\n' "$help" | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
    roff=$(printf '%s' "$opt" | sed 's/-/\\-/g')
    check "man page documents $c $opt" 'grep -qF -- "$roff" "$man"'
  done
done

echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
