# fish completion for kbcheck (installed by `make install` into
# share/fish/vendor_completions.d/kbcheck.fish).  Commands, options and
# formats are read from kbcheck's own --help; everything else is files.

function __kbcheck_help
    set -l cmd (commandline -opc)[2]
    if test "$cmd" = baseline
        kbcheck baseline create --help 2>/dev/null
    else
        kbcheck $cmd --help 2>/dev/null
    end
end

function __kbcheck_commands
    kbcheck --help 2>/dev/null | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { c = $1; $1 = ""; sub(/^ +/, ""); print c "\t" $0 }'
    printf 'help\tdescribe a command\n'
end

function __kbcheck_options
    __kbcheck_help | string match -r -a -- '--[a-z][a-z0-9-]*' | sort -u
end

function __kbcheck_formats
    __kbcheck_help | awk '/^Formats:/ { on = 1; next } on && /^  [a-z]/ { print $1 }'
end

complete -c kbcheck -f -n __fish_use_subcommand -a '(__kbcheck_commands)'
complete -c kbcheck -f -n '__fish_seen_subcommand_from help' -a '(__kbcheck_commands)'
complete -c kbcheck -f -n 'not __fish_use_subcommand; and string match -q -- "-*" (commandline -ct)' -a '(__kbcheck_options)'
complete -c kbcheck -x -s f -l format -a '(__kbcheck_formats)'
complete -c kbcheck -x -l fail-on -a 'error warning note'
complete -c kbcheck -x -l color -a 'auto always never'
