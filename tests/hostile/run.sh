#!/usr/bin/env bash
# Hostile inputs: one case per threat, each asserting kbcheck's exact
# messages and exit status.  The inputs are made here, at test time (big,
# sparse, symlinked and FIFO files cannot be committed); a case is a
# function case_<name> that fills $dir and sets args=(...), optionally
# followed by check_<name>, which runs extra assertions.  The expected
# output is tests/hostile/expected/<name>.{stdout,stderr,status}, with the
# temporary directory shown as TMP.  KB_UPDATE_GOLDEN=1 rewrites them;
# review the diff before committing it.
#   tests/hostile/run.sh path/to/kbcheck [CASE...]
set -uo pipefail
kbcheck=$(realpath "$1")
shift
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d /tmp/kbhostile.XXXXXX)
listener=
cleanup() {
  [ -n "$listener" ] && kill "$listener" 2>/dev/null
  chmod -R u+rwX "$tmp" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
export NO_COLOR=1 KBCHECK_RULES="$root/rules"
unset SOURCE_DATE_EPOCH
pass=0 fail=0

note_fail() { echo "FAIL $name: $*"; ok=0; }

# A file of the shop's answers that every case can hold beside its hostile
# one: its claims disagree with nothing unless a case adds a contradiction.
good_md() {
  mkdir -p "$(dirname "$1")"
  printf '# Orders\n\n## Can I cancel my order?\n\nYes, you can cancel your order within 24 hours.\n' > "$1"
}

# ---- XML external entities -------------------------------------------------

# A file URL: the file exists and holds a secret; it must never be read.
case_xxe_file() {
  echo "KBCHECK-SECRET-7f3a" > "$tmp/secret.txt"
  mkdir -p "$dir/bot"
  cat > "$dir/bot/shop.aiml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE aiml [
  <!ENTITY secret SYSTEM "file://$tmp/secret.txt">
  <!ENTITY param SYSTEM "$tmp/secret.txt">
  <!ENTITY shop "ACME">
]>
<aiml version="1.0">
<category>
  <pattern>CAN I CANCEL MY ORDER</pattern>
  <template>Yes, within 24 hours. &secret; &param; Thanks from &shop;.</template>
</category>
</aiml>
EOF
  args=(units bot)
}
check_xxe_file() {
  if grep -q "KBCHECK-SECRET" "$out" "$err"; then note_fail "the secret file's content was shown"; fi
  (cd "$dir" && "$kbcheck" units --format json bot 2>/dev/null) | grep -q "KBCHECK-SECRET" &&
    note_fail "the secret file's content is in the JSON units"
  (cd "$dir" && "$kbcheck" units --format json bot 2>/dev/null) | grep -q "Thanks from ACME" ||
    note_fail "the internal entity was not expanded"
}

# Network URLs (an external DTD, a parameter entity, a general entity) to a
# port that listens: nothing may connect.
case_xxe_network() {
  local portfile="$tmp/port"
  perl -MIO::Socket::INET -e '
    my $s = IO::Socket::INET->new(Listen => 5, LocalAddr => "127.0.0.1", LocalPort => 0,
                                  Proto => "tcp", ReuseAddr => 1) or die "listen: $!";
    open(my $p, ">", $ARGV[0]) or die; print $p $s->sockport, "\n"; close $p;
    $SIG{ALRM} = sub { exit 0 }; alarm 600;
    while (my $c = $s->accept) {
      open(my $l, ">>", $ARGV[1]) or die; print $l "connection\n"; close $l; close $c;
    }' "$portfile" "$tmp/connections" &
  listener=$!
  for _ in $(seq 50); do [ -s "$portfile" ] && break; sleep 0.1; done
  port=$(cat "$portfile" 2>/dev/null || echo 9)
  url="http://127.0.0.1:$port"
  mkdir -p "$dir/bot" "$dir/help"
  cat > "$dir/bot/remote.aiml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE aiml SYSTEM "$url/aiml.dtd" [
  <!ENTITY % remote SYSTEM "$url/remote.ent">
  %remote;
  <!ENTITY net SYSTEM "$url/secret.txt">
]>
<aiml version="1.0">
<category>
  <pattern>CAN I RETURN IT</pattern>
  <template>Returns are accepted within 30 days. &net;</template>
</category>
</aiml>
EOF
  cat > "$dir/help/remote.html" <<EOF
<!DOCTYPE html SYSTEM "$url/xhtml.dtd">
<html><body><h2>Can I return it?</h2><p>Returns are accepted within 30 days.</p>
<script src="$url/x.js"></script><img src="$url/x.png"></body></html>
EOF
  args=(check .)
}
check_xxe_network() {
  sed -i "s|127.0.0.1:$port|127.0.0.1:PORT|g" "$out" "$err"
  sleep 0.2
  [ -s "$tmp/connections" ] && note_fail "kbcheck connected to the listener"
  kill "$listener" 2>/dev/null
  listener=
  if command -v strace > /dev/null 2>&1; then
    (cd "$dir" && strace -f -qq -e trace=connect -o "$tmp/strace" "$kbcheck" check . > /dev/null 2>&1)
    grep -q 'AF_INET' "$tmp/strace" 2>/dev/null && note_fail "strace saw a network connect"
  fi
}

# ---- expansion bombs ---------------------------------------------------------

case_xml_billion_laughs() {
  mkdir -p "$dir/bot"
  {
    echo '<?xml version="1.0"?>'
    echo '<!DOCTYPE aiml ['
    echo ' <!ENTITY lol "lol">'
    prev=lol
    for i in 1 2 3 4 5 6 7 8 9; do
      printf ' <!ENTITY lol%s "%s">\n' "$i" "$(for _ in 1 2 3 4 5 6 7 8 9 10; do printf '&%s;' "$prev"; done)"
      prev=lol$i
    done
    echo ']>'
    echo '<aiml version="1.0"><category><pattern>LAUGH</pattern>'
    echo '<template>Ha &lol9; ha. Orders ship within 2 days.</template></category></aiml>'
  } > "$dir/bot/laughs.aiml"
  good_md "$dir/help/orders.md"
  args=(check .)
}

# Nine aliases to a list of nine aliases to ...: 9^9 nodes once resolved.
yaml_bomb() {
  printf 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
  local prev=a
  for k in b c d e f g h i; do
    printf '%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n' $k $k $prev $prev $prev $prev $prev $prev $prev $prev $prev
    prev=$k
  done
}
case_yaml_alias_bomb() {
  mkdir -p "$dir/kb/bot" "$dir/rules"
  { yaml_bomb; printf 'responses:\n  utter_cancel:\n  - text: "You can cancel within 24 hours."\n'; } \
    > "$dir/kb/bot/domain.yml"
  { printf 'kbcheck: rules/1\npack: bomb\n'; yaml_bomb | sed 's/^/# /'; yaml_bomb | sed '1s/^a:/x-a:/'; printf 'topics: {}\n'; } \
    > "$dir/rules/bomb.yml"
  { yaml_bomb; printf 'ignore: ["drafts/**"]\n'; } > "$dir/kb/kbcheck.yml"
  good_md "$dir/kb/help/orders.md"
  args=(check --rules rules/bomb.yml kb)
}

# ---- nesting -----------------------------------------------------------------

case_deep_nesting() {
  mkdir -p "$dir/macros" "$dir/bot" "$dir/help"
  perl -e 'print "{\"macros\": ", "[" x 100000, "]" x 100000, "}\n"' > "$dir/macros/deep.json"
  perl -e 'print "responses:\n  utter_deep:\n  - text: ", "[" x 100000, "\n"' > "$dir/bot/domain.yml"
  perl -e 'print "<h2>Deep?</h2>", "<div>" x 100000, "Orders ship within 2 days.", "</div>" x 100000, "\n"' \
    > "$dir/help/deep.html"
  perl -e 'print "<aiml><category><pattern>DEEP</pattern><template>", "<think>" x 100000,
              "x", "</think>" x 100000, "</template></category></aiml>\n"' > "$dir/bot/deep.aiml"
  perl -e 'print "# Deep?\n\n", "> " x 100000, "Orders ship within 2 days.\n\n",
              "## Lists?\n\n", map({ "  " x $_ . "- x\n" } 0..2999), "\n## Emphasis?\n\n",
              "*" x 100000, "a", "_" x 100000, "[" x 100000, "\n"' > "$dir/help/deep.md"
  good_md "$dir/help/orders.md"
  args=(check .)
}

# ---- size --------------------------------------------------------------------

case_huge_file() {
  mkdir -p "$dir/help"
  truncate -s 200M "$dir/help/huge.md"
  good_md "$dir/help/orders.md"
  args=(check .)
}

# max_file_size in kbcheck.yml: a file over it is named, with the limit.
case_max_file_size() {
  mkdir -p "$dir/help"
  printf 'max_file_size: 100KiB\n' > "$dir/kbcheck.yml"
  truncate -s 200M "$dir/help/huge.md"
  perl -e 'print "# Can I cancel my order?\n\n", "You can cancel your order within 12 hours.\n" x 4000' \
    > "$dir/help/big.md"
  good_md "$dir/help/orders.md"
  args=(check .)
}

case_long_line() {
  mkdir -p "$dir/help"
  perl -e 'print "# Can I cancel my order?\n\n", "You can cancel your order within 24 hours. " x 240000, "\n"' \
    > "$dir/help/long.md"
  args=(check .)
}

# ---- encodings ---------------------------------------------------------------

case_bad_utf8() {
  mkdir -p "$dir/help"
  # overlong '/', an 0xFF, a UTF-16 surrogate, a truncated euro sign
  printf '# Can I cancel my order?\n\nYes \xC0\xAF you can \xFF cancel \xED\xA0\x80 within 24 hours \xE2\x82\n\n## Can I return it?\n\nReturns are accepted within 30 days.\n' \
    > "$dir/help/bad.md"
  good_md "$dir/help/orders.md"
  args=(check .)
}

utf16() { # FILE le|be: the shop's answers in UTF-16 with a byte order mark
  local bom text
  text=$'# Orders\n\n## Can I cancel my order?\n\nYes, you can cancel your order within 12 hours. \xf0\x9f\x98\x80 Th\xc3\xa0nks.\n'
  if [ "$2" = le ]; then bom='\xff\xfe'; else bom='\xfe\xff'; fi
  { printf "$bom"; printf '%s' "$text" | iconv -f UTF-8 -t "UTF-16${2^^}"; } > "$1"
}
case_utf16() {
  mkdir -p "$dir/help"
  utf16 "$dir/help/le.md" le
  utf16 "$dir/help/be.md" be
  good_md "$dir/help/orders.md"
  # UTF-32 is refused; a lone surrogate is read as '?'
  printf '\xff\xfe\x00\x00#\x00\x00\x00' > "$dir/help/utf32.md"
  { printf '\xff\xfe'; printf '# Q?\n\nYes ' | iconv -f UTF-8 -t UTF-16LE; printf '\x00\xd8'
    printf ' within 2 days.\n' | iconv -f UTF-8 -t UTF-16LE; } > "$dir/help/surrogate.md"
  args=(check .)
}

case_nul_bytes() {
  mkdir -p "$dir/help"
  printf '# Can I cancel my order?\n\nYes, you can\0 cancel your order within 12 hours.\n' > "$dir/help/one-nul.md"
  head -c 4096 /dev/zero > "$dir/help/zeros.md"
  good_md "$dir/help/orders.md"
  args=(check .)
}

# The same knowledge base with LF, CRLF, CR and mixed line ends: the same
# findings at the same lines and columns.
case_line_ends() {
  for v in lf crlf cr mixed; do
    mkdir -p "$dir/$v"
    cp -r "$root/corpora/demo-shop/." "$dir/$v/"
    rm -rf "$dir/$v/.kbcheck"
  done
  find "$dir/crlf" -type f -exec perl -pi -e 's/\n/\r\n/' {} +
  find "$dir/cr" -type f -exec perl -pi -e 's/\n/\r/' {} +
  # (never a CR right before an LF line end: that would be one CRLF)
  find "$dir/mixed" -type f -exec perl -pi -e 's/\n/("\r", "\r\n", "\n")[$. % 3]/e' {} +
  args=(check lf)
}
check_line_ends() {
  for v in crlf cr mixed; do
    (cd "$dir" && timeout 300 "$kbcheck" check "$v" > "$tmp/$v.out" 2> "$tmp/$v.err")
    sed "s|^$v/|lf/|; s|^  $v/|  lf/|" "$tmp/$v.out" > "$tmp/$v.norm"
    diff -q "$out" "$tmp/$v.norm" > /dev/null || note_fail "$v line ends give other findings"
    [ -s "$tmp/$v.err" ] && note_fail "$v line ends give messages: $(head -1 "$tmp/$v.err")"
  done
}

# ---- files that are not what they seem -----------------------------------------

case_symlinks() {
  mkdir -p "$dir/kb/help/sub" "$dir/outside"
  good_md "$dir/kb/help/orders.md"
  printf '# Can I cancel my order?\n\nYes, within 12 hours.\n' > "$dir/outside/other.md"
  (cd "$dir/kb/help" &&
    ln -s ../../outside/other.md outside.md &&  # a file outside the KB
    ln -s ../../outside outside-dir &&          # a folder outside the KB
    ln -s /etc/passwd passwd.md &&              # an absolute path outside
    ln -s loop-b.md loop-a.md && ln -s loop-a.md loop-b.md &&
    ln -s self.md self.md &&
    ln -s .. up &&                              # a loop through a parent
    ln -s ../../help sub/again &&               # the same folder twice
    ln -s orders.md same.md &&                  # the same file twice
    ln -s missing.md dangling.md &&
    mkdir folder.md &&                          # a directory named like a file
    good_md folder.md/inside.md &&
    mkfifo fifo.md)                             # would block a reader
  args=(check kb)
}

# Files the user cannot read: as root, run kbcheck as nobody (setpriv), since
# permissions do not stop root; otherwise as the user.
case_unreadable() {
  mkdir -p "$dir/help/locked-dir"
  good_md "$dir/help/orders.md"
  good_md "$dir/help/locked.md"
  good_md "$dir/help/locked-dir/inside.md"
  chmod 000 "$dir/help/locked.md" "$dir/help/locked-dir"
  chmod 755 "$tmp" "$dir" "$dir/help"
  args=(check .)
  as_user=()
  if [ "$(id -u)" -eq 0 ]; then
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  fi
}

# ---- rules -------------------------------------------------------------------

case_regex_backtracking() {
  mkdir -p "$dir/kb/help" "$dir/rules"
  perl -e 'print "# Can I cancel my order?\n\n", "a" x 5000, "! You can cancel your order within 24 hours.\n"' \
    > "$dir/kb/help/long-word.md"
  cat > "$dir/rules/slow.yml" <<'EOF'
kbcheck: rules/1
pack: slow
topics:
  slow.topic:
    about:
      answer: {en: ['(a+)+$', '(?:a|aa)*c']}
    attributes:
      on:
        type: bool
        yes: {en: ['\bon\b']}
EOF
  args=(check --rules rules/slow.yml kb)
}

# ---- archives ------------------------------------------------------------------

case_zip() {
  mkdir -p "$dir"
  cp "$here/data/truncated.zip" "$here/data/lying-size.zip" "$here/data/bomb.zip" \
    "$here/data/bomb-total.zip" "$dir/"
  printf 'PK\003\004 not really a zip\n' > "$dir/fake.zip"
  good_md "$dir/help/orders.md"
  printf 'max_file_size: 1MiB\n' > "$dir/kbcheck.yml"
  args=(check .)
}

# ---- settings files ------------------------------------------------------------

# Files kbcheck.yml names (rule packs, the policy) and kbcheck.yml itself
# are read as the walker reads: regular files only (a device never grows
# the run, a FIFO never blocks it), within max_file_size, and never out of
# the KB unless named on the command line; nothing of them is quoted.
case_settings_reads() {
  mkdir -p "$dir/kb/rules" "$dir/outside"
  good_md "$dir/kb/help/orders.md"
  printf 'kbcheck: rules/1\npack: secret\n# KBCHECK-SECRET-91c2\ntopics: {KBCHECK-SECRET-91c2: [x]}\n' > "$dir/outside/secret.yml"
  ln -s ../../outside/secret.yml "$dir/kb/rules/link.yml"
  mkfifo "$dir/kb/rules/fifo.yml"
  cat > "$dir/kb/kbcheck.yml" <<'EOF2'
rules: ["/etc/passwd", "/dev/zero", "rules/fifo.yml", "rules/link.yml", "../outside/secret.yml"]
policy: /dev/urandom
EOF2
  args=(check --no-cache kb)
}
check_settings_reads() {
  grep -q "KBCHECK-SECRET\|root:" "$out" "$err" && note_fail "a file outside the KB was quoted"
  local e="$tmp/settings.err"
  # A pack named on the command line may be anywhere, but must be a file.
  (cd "$dir" && timeout 60 "$kbcheck" check --no-cache --rules /dev/zero --rules outside/secret.yml kb \
    > /dev/null 2> "$e")
  grep -q "^/dev/zero: error: rule pack: not a regular file (a device, FIFO or socket): not read" "$e" ||
    note_fail "--rules /dev/zero: $(head -3 "$e")"
  grep -q "^outside/secret.yml:" "$e" || note_fail "--rules outside/secret.yml was not read"
  # kbcheck.yml itself a link out of the KB; a policy.yml that is a FIFO;
  # a pack over max_file_size.
  mkdir -p "$dir/kb2" "$dir/kb3/rules" "$dir/kb4"
  good_md "$dir/kb2/help/orders.md"
  ln -s ../outside/secret.yml "$dir/kb2/kbcheck.yml"
  (cd "$dir/kb2" && timeout 60 "$kbcheck" check --no-cache . > /dev/null 2> "$e")
  grep -q "^kbcheck.yml: error: the config file: outside the knowledge base ($dir/outside/secret.yml)" "$e" ||
    note_fail "kbcheck.yml as a link out: $(head -3 "$e")"
  # .kbcheckignore a link out of the KB: refused, never quoted.
  mkdir -p "$dir/kb5"
  good_md "$dir/kb5/help/orders.md"
  : > "$dir/kb5/kbcheck.yml"
  ln -s ../outside/secret.yml "$dir/kb5/.kbcheckignore"
  (cd "$dir/kb5" && timeout 60 "$kbcheck" check --no-cache . > /dev/null 2> "$e")
  grep -q "^.kbcheckignore: error: the ignore file: outside the knowledge base ($dir/outside/secret.yml)" "$e" ||
    note_fail ".kbcheckignore as a link out: $(head -3 "$e")"
  grep -q "KBCHECK-SECRET" "$e" && note_fail ".kbcheckignore's target was quoted"
  good_md "$dir/kb3/help/orders.md"
  printf 'max_file_size: 1KiB\nrules: [rules/big.yml]\n' > "$dir/kb3/kbcheck.yml"
  { printf 'kbcheck: rules/1\npack: big\n'; for i in $(seq 100); do printf '# padding line %s\n' $i; done; } > "$dir/kb3/rules/big.yml"
  (cd "$dir" && timeout 60 "$kbcheck" check --no-cache kb3 > /dev/null 2> "$e")
  grep -q "rules/big.yml: error: rule pack: over the limit of 1024 bytes (max_file_size in kbcheck.yml): not read" "$e" ||
    note_fail "a pack over max_file_size: $(head -3 "$e")"
  good_md "$dir/kb4/help/orders.md"
  mkfifo "$dir/kb4/policy.yml"
  (cd "$dir" && timeout 60 "$kbcheck" check --no-cache kb4 > /dev/null 2> "$e")
  [ $? = 2 ] && grep -q "^kb4/policy.yml: error: the policy file: not a regular file" "$e" ||
    note_fail "a FIFO as policy.yml: $(head -3 "$e")"
}

# ---- the history database --------------------------------------------------------

case_not_sqlite() {
  printf 'kbcheck history? no: a text file\n' > "$dir/history.sqlite"
  head -c 8192 /dev/urandom > "$dir/random.sqlite"
  args=(db runs --db history.sqlite)
}
check_not_sqlite() {
  cmp -s "$dir/history.sqlite" <(printf 'kbcheck history? no: a text file\n') ||
    note_fail "the file that is not a database was changed"
  cp "$dir/random.sqlite" "$tmp/random.copy"
  (cd "$dir" && "$kbcheck" db runs --db random.sqlite > /dev/null 2> "$tmp/random.err")
  [ $? = 2 ] && grep -q "^random.sqlite: error: cannot read the database: not an SQLite database" "$tmp/random.err" ||
    note_fail "random bytes as a database: $(cat "$tmp/random.err")"
  cmp -s "$dir/random.sqlite" "$tmp/random.copy" || note_fail "the random file was changed"
}

# ---- every failure keeps the rest ------------------------------------------------

# The demo shop with a hostile file of each kind among its files: every
# finding of the clean shop is still reported, and the exit status is 2.
case_keeps_the_rest() {
  mkdir -p "$dir/clean" "$dir/mixed"
  cp -r "$root/corpora/demo-shop/." "$dir/clean/"
  cp -r "$root/corpora/demo-shop/." "$dir/mixed/"
  rm -rf "$dir/clean/.kbcheck" "$dir/mixed/.kbcheck"
  local h="$dir/mixed/help/en"
  printf '# Broken?\n\nYes \xff within \0 2 days.\n' > "$h/bad-bytes.md"
  head -c 2048 /dev/zero > "$h/binary.md"
  perl -e 'print "<h2>Deep?</h2>", "<div>" x 100000, "</div>" x 100000' > "$h/deep.html"
  { yaml_bomb; printf 'responses:\n  utter_x:\n  - text: "hi"\n'; } > "$dir/mixed/chatbot/rasa/bomb-domain.yml"
  printf '{"macros": [{"id": 1, "title": "x", "actions": [' > "$dir/mixed/macros/zendesk/broken.json"
  printf '<aiml><category><pattern>X</pattern><template>unclosed' > "$dir/mixed/chatbot/broken.aiml"
  ln -s nowhere.md "$h/dangling.md"
  printf '\xff\xfe\x00\x00' > "$h/utf32.md"
  args=(check mixed)
}
check_keeps_the_rest() {
  (cd "$dir" && "$kbcheck" check clean > "$tmp/clean.out" 2> /dev/null)
  sed 's|^mixed/|clean/|; s|^  mixed/|  clean/|' "$out" | grep -v '^[0-9]* findings' > "$tmp/mixed.norm"
  grep -v '^[0-9]* findings' "$tmp/clean.out" > "$tmp/clean.norm"
  diff -u "$tmp/clean.norm" "$tmp/mixed.norm" > "$tmp/keeps.diff" ||
    note_fail "findings differ from the clean shop's: $(head -20 "$tmp/keeps.diff")"
}

# ---- injection through names and text -------------------------------------------

# A file name with line ends and a runner command, answers with ESC, OSC
# and BEL: nothing kbcheck writes for people or runners holds a control
# character or a line a runner obeys; Vietnamese and Thai text is shown as
# it is.
case_control_chars() {
  mkdir -p "$dir/help"
  good_md "$dir/help/orders.md"
  printf '# Orders\n\n## Can I cancel?\n\nYou can \e]0;pwned\a cancel \e[2J your order within 12 hours.\r\n' \
    > "$dir/help/esc.md"
  printf '# Đơn hàng\n\n## Tôi có thể hủy đơn không?\n\nBạn có thể hủy đơn trong vòng 24 giờ.\n' > "$dir/help/vi.md"
  printf '# คำสั่งซื้อ\n\n## ยกเลิกได้ไหม\n\nยกเลิกคำสั่งซื้อได้ภายใน 24 ชั่วโมง\n' > "$dir/help/th.md"
  printf '# Broken\n\nYes \xff within 2 days.\n' > "$dir/help/x
::stop-commands::pwn
.md"
  args=(check .)
}
check_control_chars() {
  local f fp
  fp=$(sed -n 's/.*= fingerprint: \([0-9a-f]*\).*/\1/p' "$out" | head -1)
  (cd "$dir" && "$kbcheck" units . > "$tmp/units.out" 2> "$tmp/units.err")
  (cd "$dir" && "$kbcheck" claims . > "$tmp/claims.out" 2> "$tmp/claims.err")
  (cd "$dir" && "$kbcheck" explain "$fp" . > "$tmp/explain.out" 2> "$tmp/explain.err")
  (cd "$dir" && "$kbcheck" check -f github . > "$tmp/github.out" 2> "$tmp/github.err")
  for f in "$out" "$err" "$tmp"/units.* "$tmp"/claims.* "$tmp"/explain.* "$tmp/github.err"; do
    LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$f" && note_fail "$(basename "$f"): a control character: $(grep -a $'[\x1b\x07\r]' "$f" | cat -v | head -3)"
    grep -q '^::' "$f" && note_fail "$(basename "$f"): a line a runner would obey: $(grep '^::' "$f" | head -2)"
  done
  grep -q '^::stop-commands' "$tmp/github.out" && note_fail "github: ::stop-commands:: at a line start"
  grep -qF 'You can \x1b]0;pwned\x07 cancel \x1b[2J your order' "$tmp/explain.out" ||
    note_fail "explain does not show the escapes: $(grep -a answer "$tmp/explain.out" | cat -v)"
  grep -qF 'help/x\n::stop-commands::pwn\n.md:3:5: error' "$err" ||
    note_fail "the diagnostic does not name the file escaped"
  grep -qF 'help/x\n::stop-commands::pwn\n.md:1:1:' "$tmp/units.out" ||
    note_fail "units does not name the file escaped"
  grep -q 'Bạn có thể hủy đơn trong vòng 24 giờ' "$tmp/units.out" && grep -q 'ยกเลิกคำสั่งซื้อได้ภายใน 24 ชั่วโมง' "$tmp/units.out" ||
    note_fail "Vietnamese or Thai text was changed"
}

# ---- writes that would leave the KB --------------------------------------------

# A KB with one contradiction (a finding to acknowledge) and, outside it,
# the maintainer's shell start-up file.
contradicting_kb() {
  mkdir -p "$dir/kb/help" "$dir/home"
  good_md "$dir/kb/help/orders.md"
  printf '# Orders\n\n## Can I cancel?\n\nYou can cancel your order within 12 hours.\n' > "$dir/kb/help/other.md"
  printf 'export PATH=/usr/bin\n' > "$dir/home/.bashrc"
  cp "$dir/home/.bashrc" "$tmp/bashrc.orig"
}
fingerprint_of() { (cd "$dir" && "$kbcheck" check --no-cache --format json "$1" 2>/dev/null) |
  sed -n 's/.*"fingerprint": "\([0-9a-f]*\)".*/\1/p' | head -1; }
home_untouched() {
  cmp -s "$dir/home/.bashrc" "$tmp/bashrc.orig" || note_fail "a file outside the KB was changed: $(cat "$dir/home/.bashrc")"
  [ "$(ls -A "$dir/home")" = .bashrc ] || note_fail "files were made outside the KB: $(ls -A "$dir/home")"
}

# The committed acknowledgements file is a link to ~/.bashrc, and a rule pack
# names a topic with shell code in it: `kbcheck ack` must refuse both.
case_ack_through_symlink() {
  contradicting_kb
  mkdir -p "$dir/kb/.kbcheck" "$dir/kb/rules"
  ln -s ../../home/.bashrc "$dir/kb/.kbcheck/acks.yml"
  cat > "$dir/kb/rules/evil.yml" <<'EOF2'
kbcheck: rules/1
pack: evil
topics:
  "$(touch /tmp/kbcheck-pwned)":
    about: {question: {en: ['\bcancel']}}
    attributes:
      window: {type: duration, cue: {en: ['\bcancel']}}
EOF2
  printf 'rules: [rules/evil.yml]\n' > "$dir/kb/kbcheck.yml"
  args=(ack "$(fingerprint_of kb)" --reason "r" --by tester kb)
}
check_ack_through_symlink() {
  home_untouched
  [ -L "$dir/kb/.kbcheck/acks.yml" ] || note_fail "the link was replaced"
  [ -e /tmp/kbcheck-pwned ] && note_fail "a command ran"
}

# .kbcheck itself is a link out of the KB: ack makes nothing there.
case_ack_folder_symlink() {
  contradicting_kb
  ln -s ../home "$dir/kb/.kbcheck"
  args=(ack "$(fingerprint_of kb)" --reason "r" --by tester kb)
}
check_ack_folder_symlink() { home_untouched; }

# A committed acks.yml that is not kbcheck's (shell code, another format)
# is never changed, and a real one is extended atomically (ack_layouts
# tries every layout).
case_ack_not_acks_file() {
  contradicting_kb
  mkdir -p "$dir/kb/.kbcheck"
  printf 'export PATH=/usr/bin\n' > "$dir/kb/.kbcheck/acks.yml"
  args=(ack "$(fingerprint_of kb)" --reason "r" --by tester kb)
}
check_ack_not_acks_file() {
  [ "$(cat "$dir/kb/.kbcheck/acks.yml")" = "export PATH=/usr/bin" ] || note_fail "the file was changed"
  local fp; fp=$(fingerprint_of kb)
  printf 'kbcheck: acks/1\nacks:\n  - {fingerprint: "0000000000000000", reason: old}' > "$dir/kb/.kbcheck/acks.yml"
  (cd "$dir" && "$kbcheck" ack "$fp" --reason "new one" --by t kb > /dev/null 2>&1) ||
    note_fail "ack on a file without a final newline failed"
  (cd "$dir" && "$kbcheck" check kb > /dev/null 2> "$tmp/after.err")
  [ $? -eq 0 ] && grep -q "stale acknowledgement: no finding has fingerprint 0000000000000000" "$tmp/after.err" ||
    note_fail "after ack: not exit 0 with the old entry kept: $(cat "$tmp/after.err")"
}

# Expiry dates kbcheck cannot read never keep a finding hidden: each bad
# `expires` is an error at its place, its ack does not apply (the finding
# is reported), and `kbcheck ack --expires` takes only real ISO dates.
case_ack_dates() {
  contradicting_kb
  ack_fp=$(fingerprint_of kb)
  mkdir -p "$dir/kb/.kbcheck"
  {
    printf 'kbcheck: acks/1\nacks:\n'
    for e in '2027-3-1' '"2027/03/01"' '"March 1, 2027"' '99999-01-01' '2027-02-30' \
             '1969-12-31' '"2027-03-01 "' '[2027-03-01]' '{y: 2027}' '' '20270301' '"٢٠٢٧-٠٣-٠١"'; do
      printf '  - fingerprint: "%s"\n    reason: r\n    expires: %s\n' "$ack_fp" "$e"
    done
  } > "$dir/kb/.kbcheck/acks.yml"
  args=(check --now 2026-12-01 kb)
}
check_ack_dates() {
  grep -q "^kb/help/" "$out" || note_fail "the finding was hidden by an unreadable date"
  local bad
  for bad in 2027-2-3 2027-02-30 2027-02-29 99999-01-01 1969-12-31 ' 2027-03-01' 2027-03-01x 2027-03; do
    (cd "$dir" && "$kbcheck" ack "$ack_fp" --reason r --by t --expires "$bad" kb > /dev/null 2> "$tmp/ack.err")
    [ $? -eq 2 ] && grep -q "^kbcheck: --expires takes a date written YYYY-MM-DD" "$tmp/ack.err" ||
      note_fail "ack --expires '$bad' was accepted: $(cat "$tmp/ack.err")"
  done
  # A real date, a leap day, still applies until it has passed.
  printf 'kbcheck: acks/1\nacks:\n  - {fingerprint: "%s", reason: r, expires: 2028-02-29}\n' "$ack_fp" \
    > "$dir/kb/.kbcheck/acks.yml"
  (cd "$dir" && "$kbcheck" check --now 2028-02-29 kb > "$tmp/leap.out" 2>&1) ||
    note_fail "a leap-day expiry did not apply on its day: $(cat "$tmp/leap.out")"
  (cd "$dir" && "$kbcheck" check --now 2028-03-01 kb > "$tmp/leap.out" 2>&1)
  [ $? -eq 1 ] && grep -q "expired on 2028-02-29" "$tmp/leap.out" ||
    note_fail "a leap-day expiry did not expire: $(cat "$tmp/leap.out")"
}

# `kbcheck ack` on valid acknowledgement files of every layout: the entry
# is added through the YAML tree, comments and layout kept where the text
# allows, the file still reads (old entries kept, the new one applies), and
# nothing else changes.  Each resulting file is compared with
# expected/ack_layouts.files.
ack_layout() { # NAME CONTENT
  local f="$dir/kb/.kbcheck/acks.yml"
  printf '%b' "$2" > "$f"
  (cd "$dir" && SOURCE_DATE_EPOCH=1796083200 "$kbcheck" ack "$ack_fp" --reason $'tab\t"q" esc\e' --by t kb \
    > /dev/null 2> "$tmp/layout.err")
  local st=$?
  printf '==== %s (ack: %s)\n' "$1" "$st" >> "$tmp/layouts"
  sed 's/\x1b/<ESC>/g; s/\t/<TAB>/g' "$f" >> "$tmp/layouts"
  printf '\n' >> "$tmp/layouts"
  case $1 in json*) python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$f" ||
    note_fail "$1: not JSON any more";; esac
  [ $st -eq 0 ] || note_fail "$1: ack failed: $(cat "$tmp/layout.err")"
  (cd "$dir" && "$kbcheck" check kb > /dev/null 2> "$tmp/layout.err")
  [ $? -eq 0 ] || note_fail "$1: check after ack does not pass: $(cat "$tmp/layout.err")"
  [ "$1" = flow-empty ] || grep -q "^kb/.kbcheck/acks.yml:[0-9]*: warning: stale acknowledgement: no finding has fingerprint 0000000000000000" \
    "$tmp/layout.err" || note_fail "$1: the old entry was lost: $(cat "$tmp/layout.err")"
}
case_ack_layouts() {
  contradicting_kb
  ack_fp=$(fingerprint_of kb)
  mkdir -p "$dir/kb/.kbcheck"
  printf 'kbcheck: acks/1\nacks: []\n' > "$dir/kb/.kbcheck/acks.yml"
  args=(ack "$ack_fp" --reason "first one" --by tester kb)
}
check_ack_layouts() {
  [ "$(grep -c fingerprint "$dir/kb/.kbcheck/acks.yml")" = 1 ] || note_fail "acks: [] was not extended"
  : > "$tmp/layouts"
  local old='{fingerprint: "0000000000000000", reason: old}'
  ack_layout flow-empty 'kbcheck: acks/1\nacks: []\n'
  ack_layout flow-one "kbcheck: acks/1\nacks: [$old]\n"
  ack_layout no-final-newline "kbcheck: acks/1\nacks:\n  - $old"
  ack_layout indent-4 "# top comment\nkbcheck: acks/1  # marker\nacks:\n    # first\n    - fingerprint: \"0000000000000000\"\n      reason: old\n    - {fingerprint: \"1111111111111111\", reason: two}   # trailing\n"
  ack_layout not-last "kbcheck: acks/1\nacks:\n- $old\n# notes below\nnotes: kept\n"
  ack_layout json '{"kbcheck": "acks/1", "acks": [{"fingerprint": "0000000000000000", "reason": "old"}]}\n'
  ack_layout json-lines '{\n  "kbcheck": "acks/1",\n  "acks": [\n    {"fingerprint": "0000000000000000", "reason": "old"}\n  ]\n}\n'
  ack_layout two-documents "kbcheck: acks/1\nacks:\n  - $old\n---\nnotes: second document\n"
  ack_layout block-scalar "kbcheck: acks/1\nacks:\n  - fingerprint: \"0000000000000000\"\n    reason: |\n      two\n      lines\n"
  # A trailing comma in a flow list: no place in the text, the tree is
  # written (libfyaml 0.7 drops the comment).
  ack_layout trailing-comma "# lost comment\nkbcheck: acks/1\nacks: [$old, ]\n"
  if [ "${KB_UPDATE_GOLDEN:-}" = 1 ]; then cp "$tmp/layouts" "$here/expected/ack_layouts.files"; fi
  diff -u "$here/expected/ack_layouts.files" "$tmp/layouts" > "$tmp/diff" ||
    { note_fail "the files written differ"; head -60 "$tmp/diff"; }
}

# The cache's folder, or the folder above it, is a link out of the KB, or
# its .gitignore is: check writes nothing outside, and says why it does
# without a cache.
case_cache_through_symlink() {
  contradicting_kb
  mkdir -p "$dir/kb/.kbcheck"
  ln -s ../../home "$dir/kb/.kbcheck/cache"
  mkdir -p "$dir/kb2/help" "$dir/kb3/.kbcheck/cache"
  cp "$dir/kb/help/"*.md "$dir/kb2/help/"
  cp -r "$dir/kb2/help" "$dir/kb3/"
  ln -s ../home "$dir/kb2/.kbcheck"
  ln -s ../../../home/.bashrc "$dir/kb3/.kbcheck/cache/.gitignore"
  args=(check kb)
}
check_cache_through_symlink() {
  (cd "$dir" && "$kbcheck" check -q kb2 > /dev/null 2>&1)
  (cd "$dir" && "$kbcheck" check -q kb3 > /dev/null 2>&1)
  home_untouched
  [ -f "$dir/kb3/.kbcheck/cache/kbcheck.cache" ] || note_fail "kb3: a real cache folder was not used"
}

# An output named like a committed link: the link is replaced by the
# report, never written through.
case_output_over_symlink() {
  contradicting_kb
  ln -s ../home/.bashrc "$dir/kb/report.json"
  args=(check -q --format json --output kb/report.json kb)
}
check_output_over_symlink() {
  home_untouched
  [ -f "$dir/kb/report.json" ] && [ ! -L "$dir/kb/report.json" ] &&
    grep -q '"schema": 1' "$dir/kb/report.json" || note_fail "the report is not where it was asked"
}

# ---- numbers and times --------------------------------------------------------

# A minus sign is a sign ("within -48 hours" is no 48 hours), and a number
# past any real value (20 digits, 400 digits) is no value: no finding says
# "inf seconds", "-nan hours" or 9,223,372,036,854,775,808, in any format
# or suggested fix.  --busy-timeout takes a real number of seconds, and
# `check --db` takes it too.
case_numbers() {
  mkdir -p "$dir/kb/help"
  good_md "$dir/kb/help/orders.md"
  printf '# Cancel\n\n## Can I cancel my order?\n\nYou can cancel your order within -48 hours.\n' \
    > "$dir/kb/help/minus.md"
  printf '# Cancel\n\n## Can I cancel my order?\n\nYou can cancel your order within %s hours.\n' \
    "$(printf '9%.0s' $(seq 400))" > "$dir/kb/help/huge.md"
  printf '# Cancel\n\n## Can I cancel my order?\n\nYou can cancel your order within 99999999999999999999 hours.\n' \
    > "$dir/kb/help/big.md"
  args=(check --no-cache kb)
}
check_numbers() {
  local f
  for f in json sarif github text; do
    (cd "$dir" && "$kbcheck" check --no-cache -f "$f" kb > "$tmp/numbers.$f" 2>&1)
    grep -wiE 'inf|-?nan|9,?223,?372' "$tmp/numbers.$f" && note_fail "-f $f shows an impossible number"
  done
  for cmd in "check --busy-timeout nan kb" "check --busy-timeout inf kb" "audit --busy-timeout nan --db h.sqlite" \
             "db runs --busy-timeout nan --db h.sqlite"; do
    (cd "$dir" && "$kbcheck" $cmd > /dev/null 2> "$tmp/busy.err")
    [ $? -eq 2 ] && grep -q "takes seconds" "$tmp/busy.err" || note_fail "'$cmd' was accepted"
  done
  (cd "$dir" && "$kbcheck" check -q --busy-timeout 2.5 --db h.sqlite kb > /dev/null 2> "$tmp/busy.err") ||
    note_fail "check --busy-timeout 2.5 --db failed: $(cat "$tmp/busy.err")"
  [ -s "$dir/h.sqlite" ] || note_fail "check --db recorded nothing"
}

# ---- silent emptiness ------------------------------------------------------------

# Nothing read is said, never a quiet "0 files" with exit 0: `ignore: ["*"]`
# (the main run), a folder of files kbcheck does not read, no file at all,
# answers in a locale no rule pack has patterns for, and a cache kbcheck
# cannot read (not "none yet").
case_silent_emptiness() {
  mkdir -p "$dir/ignored" "$dir/unknown" "$dir/nothing" "$dir/klingon/help" "$dir/cached/help"
  good_md "$dir/ignored/help/orders.md"
  printf 'ignore: ["*"]\n' > "$dir/ignored/kbcheck.yml"
  echo 'Cancel within 24 hours.' > "$dir/unknown/notes.weird"
  printf 'x\0y' > "$dir/unknown/logo.bin"
  good_md "$dir/klingon/help/orders.md"
  printf 'sources:\n  - glob: "**"\n    locale: tlh\n' > "$dir/klingon/kbcheck.yml"
  good_md "$dir/cached/help/orders.md"
  args=(check ignored)
}
check_silent_emptiness() {
  local d
  for d in unknown nothing klingon; do
    (cd "$dir" && "$kbcheck" check "$d" >> "$out" 2>> "$err")
    echo "status $?" >> "$out"
  done
  (cd "$dir" && "$kbcheck" units ignored >> "$out" 2>> "$err")
  # The cache: made by the user who then cannot read it.
  local user=()
  [ "$(id -u)" -eq 0 ] && user=(setpriv --reuid=65534 --regid=65534 --clear-groups) &&
    chmod 755 "$tmp" "$dir" && chown -R 65534:65534 "$dir/cached"
  (cd "$dir" && "${user[@]}" "$kbcheck" check -q cached > /dev/null 2>&1)
  [ -f "$dir/cached/.kbcheck/cache/kbcheck.cache" ] || note_fail "no cache was made"
  chmod 000 "$dir/cached/.kbcheck/cache/kbcheck.cache"
  (cd "$dir" && "${user[@]}" "$kbcheck" check -v cached 2>&1 | grep -i 'cache' | grep -v '^kbcheck: rule pack' >> "$err")
  chmod 000 "$dir/cached/.kbcheck/cache"
  (cd "$dir" && "${user[@]}" "$kbcheck" check cached 2>&1 | grep -i 'cache' >> "$err")
  chmod 755 "$dir/cached/.kbcheck/cache"
  grep -q 'none yet' "$err" && note_fail "an unreadable cache was 'none yet'"
  sed -i "s|$tmp|TMP|g" "$out" "$err"
}

# ---- write errors ------------------------------------------------------------------

# Every command's output to a full device (/dev/full) fails the run (exit
# 2, with the reason), and a write that fails (a file size limit: EFBIG)
# leaves the previous baseline whole and no half-written report.
case_write_errors() {
  contradicting_kb
  (cd "$dir" && "$kbcheck" check -q --db h.sqlite kb > /dev/null 2>&1)
  (cd "$dir" && "$kbcheck" baseline create -o kb/base.json kb > /dev/null 2>&1)
  cp "$dir/kb/base.json" "$tmp/base.orig"
  args=(units kb)
}
check_write_errors() {
  local fp cmd st
  fp=$(fingerprint_of kb)
  for cmd in "units kb" "claims kb" "check kb" "explain $fp kb" "audit --db h.sqlite" \
             "db runs --db h.sqlite" "db findings --db h.sqlite" "rules list" "baseline create -o /dev/full kb" \
             "--version"; do
    (cd "$dir" && "$kbcheck" $cmd > /dev/full 2> "$tmp/full.err")
    st=$?
    [ $st -eq 2 ] && grep -q "kbcheck: .*writ" "$tmp/full.err" ||
      note_fail "'$cmd' > /dev/full: exit $st: $(cat "$tmp/full.err")"
  done
  st=$(cd "$dir" && ulimit -f 0 && trap '' XFSZ &&
    "$kbcheck" baseline create -o kb/base.json kb > /dev/null 2>&1; echo $?)
  [ "$st" = 2 ] || note_fail "baseline create with a failing write: exit $st"
  cmp -s "$dir/kb/base.json" "$tmp/base.orig" || note_fail "the baseline was changed by a failed write"
  st=$(cd "$dir" && ulimit -f 0 && trap '' XFSZ &&
    "$kbcheck" check -f sarif -o kb/x.sarif kb > /dev/null 2>&1; echo $?)
  [ "$st" = 2 ] || note_fail "check -o x.sarif with a failing write: exit $st"
  [ -z "$(ls "$dir/kb" | grep -v -x -e help -e base.json)" ] ||
    note_fail "a failed write left files: $(ls "$dir/kb")"
}

# ---- runner ------------------------------------------------------------------------

cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  cases=($(declare -F | awk '{print $3}' | sed -n 's/^case_//p'))
fi
mkdir -p "$here/expected"
for name in "${cases[@]}"; do
  dir="$tmp/$name"
  mkdir -p "$dir"
  args=() as_user=()
  "case_$name"
  out="$tmp/$name.stdout" err="$tmp/$name.stderr"
  (cd "$dir" && timeout 300 "${as_user[@]}" "$kbcheck" "${args[@]}" > "$out" 2> "$err")
  status=$?
  sed -i "s|$tmp|TMP|g" "$out" "$err"
  ok=1
  [ "$status" = 124 ] && note_fail "timed out"
  if declare -F "check_$name" > /dev/null; then "check_$name"; fi
  exp="$here/expected/$name"
  if [ "${KB_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$out" "$exp.stdout"; cp "$err" "$exp.stderr"; echo "$status" > "$exp.status"
  fi
  diff -u "$exp.stdout" "$out" > "$tmp/diff" || { note_fail "stdout differs"; head -40 "$tmp/diff"; }
  diff -u "$exp.stderr" "$err" > "$tmp/diff" || { note_fail "stderr differs"; head -40 "$tmp/diff"; }
  [ "$status" = "$(cat "$exp.status" 2>/dev/null)" ] ||
    note_fail "exit status $status, expected $(cat "$exp.status" 2>/dev/null)"
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "hostile: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
