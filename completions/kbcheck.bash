# bash completion for kbcheck (installed by `make install` into
# share/bash-completion/completions/kbcheck).  Commands, options and
# formats are read from kbcheck's own --help, so they never drift from the
# binary; everything else completes to files.

# The --help of the command being typed ("baseline" means baseline create).
_kbcheck_help()
{
	case $1 in
	baseline) kbcheck baseline create --help 2>/dev/null ;;
	*) kbcheck "$1" --help 2>/dev/null ;;
	esac
}

_kbcheck()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local commands
	commands=$(kbcheck --help 2>/dev/null |
		awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')
	if [ "$COMP_CWORD" -eq 1 ] || { [ "$COMP_CWORD" -eq 2 ] && [ "$prev" = help ]; }; then
		COMPREPLY=($(compgen -W "$commands help" -- "$cur"))
		return
	fi
	local cmd=${COMP_WORDS[1]}
	case $prev in
	-f | --format)
		COMPREPLY=($(compgen -W "$(_kbcheck_help "$cmd" |
			awk '/^Formats:/ { on = 1; next } on && /^  [a-z]/ { print $1 }') text json" -- "$cur"))
		return ;;
	--fail-on) COMPREPLY=($(compgen -W "error warning note" -- "$cur")); return ;;
	--color | --colour) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_kbcheck_help "$cmd" | grep -o -- '--[a-z][a-z0-9-]*' | sort -u)" -- "$cur"))
		return
	fi
	if [ "$cmd" = baseline ] && [ "$COMP_CWORD" -eq 2 ]; then
		COMPREPLY=($(compgen -W "create" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _kbcheck kbcheck
