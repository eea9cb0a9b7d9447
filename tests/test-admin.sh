#!/bin/sh
# test-admin.sh: runs the built madoguchi-admin for every command and checks its output and exit codes (TAP)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-admin.sh PATH-TO-madoguchi-admin
#
# Uses $MADOGUCHI_TEST_DATA (tests/data): phrases-small holds one set "demo" with the genres
# "first" and "second", three phrases each; phrases-broken holds the broken files that
# test-phrase-reader.c describes.
set -u

admin=$1
data=$MADOGUCHI_TEST_DATA
small=$data/phrases-small
work=$(mktemp -d "${TMPDIR:-/tmp}/madoguchi-admin-test-XXXXXX")
trap 'rm -rf "$work"' EXIT
export MADOGUCHI_DB="$work/phrases.db"
export MADOGUCHI_PHRASE_DIR="$small"

n=0
failed=0

# run ARGS...: runs the tool, leaving its exit status in $status and its output in out/err.
run () {
  "$admin" "$@" >"$work/out" 2>"$work/err"
  status=$?
}

# check DESCRIPTION COMMAND...: one TAP line for whether COMMAND succeeds.
check () {
  description=$1
  shift
  n=$((n + 1))
  if "$@"; then
    echo "ok $n - $description"
  else
    echo "not ok $n - $description"
    echo "# exit status: $status"
    sed 's/^/# stdout: /' "$work/out"
    sed 's/^/# stderr: /' "$work/err"
    failed=1
  fi
}

status_is () { [ "$status" -eq "$1" ]; }
out_has () { grep -qF -- "$1" "$work/out"; }
err_has () { grep -qF -- "$1" "$work/err"; }
out_lacks () { ! grep -qF -- "$1" "$work/out"; }
out_lines_matching () { [ "$(grep -c -- "$1" "$work/out")" -eq "$2" ]; }

# Help and usage
run --help
check "--help lists the commands" eval 'status_is 0 && out_has "Commands:" && out_has "validate" && out_has "seed"'
for command in validate export import search sets seed; do
  run "$command" --help
  check "$command --help" eval "status_is 0 && out_has 'Usage:' && out_has '$command' && out_has '--database'"
done
run help import
check "help COMMAND shows that command's help" eval 'status_is 0 && out_has "import FILE"'
run
check "no command is a usage error" eval 'status_is 2 && err_has "Commands:"'
run frobnicate
check "an unknown command is a usage error" eval 'status_is 2 && err_has "“frobnicate” is not a command"'
run search --no-such-option x
check "an unknown option is a usage error" eval 'status_is 2 && err_has "madoguchi-admin search:"'

# validate
run validate "$small"
check "validate a good tree" eval 'status_is 0 && out_has "Read 1 set, 2 genres and 6 phrases: no problems."'
run validate
check "validate defaults to the phrase folder" eval 'status_is 0 && out_has "Read 1 set, 2 genres and 6 phrases: no problems."'
run validate "$small/demo"
check "validate one set folder" eval 'status_is 0 && out_has "Read 1 set, 2 genres and 6 phrases: no problems."'
run validate "$small/demo/first.xml"
check "validate one genre file" eval 'status_is 0 && out_has "Read 0 sets, 1 genre and 3 phrases: no problems."'
run validate "$data/phrases-broken"
check "validate a broken tree lists every problem and fails" eval 'status_is 1 &&
  out_has "phrases-broken/broken/empty-text.xml:44:5: the Thai (th) text is empty" &&
  out_has "phrases-broken/broken/duplicate-id.xml:52:3: phrase id 001 is already used on line 18" &&
  out_has "phrases-broken/broken/truncated.xml:45:" &&
  out_has "phrases-broken/no-set: the set folder has no set.xml" &&
  out_has "Read 1 set, 10 genres and 22 phrases: 16 problems."'
run validate "$data/phrases-broken/broken/zawgyi.xml" "$data/phrases-broken/broken/missing-language.xml"
check "validate several files" eval 'status_is 1 && out_has "zawgyi.xml:45:5:" && out_has "missing-language.xml:35:3: phrase 002 has no text in ne (Nepali)" &&
  out_has "Read 0 sets, 2 genres and 4 phrases: 2 problems."'
run validate "$work/no-such-file.xml"
check "validate a missing file" eval 'status_is 1 && out_has "no-such-file.xml: cannot read the file"'

# Commands that need a database say so before there is one
run sets
check "sets without a database" eval 'status_is 1 && err_has "There is no phrase database at $work/phrases.db"'

# The database the kiosk is configured with comes before $MADOGUCHI_DB, as in the app.
mkdir -p "$work/config/glib-2.0/settings"
printf "[jp/madoguchi/Kiosk]\ndatabase-path='%s'\n" "$work/configured.db" >"$work/config/glib-2.0/settings/keyfile"
XDG_CONFIG_HOME="$work/config" GSETTINGS_BACKEND=keyfile run sets
check "the configured database path is used" eval 'status_is 1 && err_has "There is no phrase database at $work/configured.db"'
XDG_CONFIG_HOME="$work/config" GSETTINGS_BACKEND=keyfile run sets --database "$work/phrases.db"
check "--database overrides the configured path" eval 'status_is 1 && err_has "There is no phrase database at $work/phrases.db"'

# seed
run seed
check "seed adds the set" eval 'status_is 0 && out_has "demo: added version 1 (2 genres, 6 phrases)"'
run seed
check "seed again changes nothing" eval 'status_is 0 && out_has "demo: already at version 1"'
run seed --phrases "$data/phrases-broken"
check "seed from broken files reports them and fails" eval 'status_is 1 && err_has "empty-text.xml:44:5:" && out_has "broken: added version 1 (10 genres, 22 phrases)"'

# sets
run sets
check "sets lists versions, review status and counts" eval 'status_is 0 &&
  out_lines_matching "^demo  *1  needs-native-review  *2  *6  *0  *0  学校 / School$" 1 &&
  out_lines_matching "^broken " 1'

# search
run search 早退
check "search finds phrases and prints Japanese and English" eval 'status_is 0 && out_has "demo.second.002" && out_has "demo.second.003" &&
  out_has "  ja        早退の理由と、お迎えに来る時間を教えてください。" &&
  out_has "  en        Please tell us why your child is leaving early and what time you will come to pick them up."'
run search 早退 --limit 1 --set demo
check "search --limit and --set" eval 'status_is 0 && out_lines_matching "^demo\." 1'
run search 早退 --language th --set demo
check "search --language shows that language" eval 'status_is 0 && out_has "  th        " && out_lacks "  en        "'
LC_ALL=C run search 早退 --set demo
check "search output is UTF-8 under the C locale" eval 'status_is 0 && out_has "  ja        早退の理由と"'
run search zzzzqqq
check "search without results says so" eval 'status_is 0 && err_has "No phrase matches “zzzzqqq”."'
run search 早退 --limit 0
check "search --limit 0 is a usage error" eval 'status_is 2'
run search 早退 --language tlh
check "search with an unknown language is a usage error" eval 'status_is 2 && err_has "“tlh” is not a language code"'

# export
run export "$work/book.csv" --set demo
check "export csv" eval 'status_is 0 && out_has "Exported 6 phrases to $work/book.csv."'
check "the csv starts with a byte order mark and the header" eval '[ "$(head -c 8 "$work/book.csv" | od -An -tx1 | tr -d " \n")" = "efbbbf226964222c" ]'
check "the csv has CRLF line ends" eval '[ "$(head -n 1 "$work/book.csv" | tail -c 2 | od -An -tx1 | tr -d " \n")" = "0d0a" ]'
run export "$work/book.json"
check "export json" eval 'status_is 0 && out_has "Exported 28 phrases to" && grep -qF "\"id\" : \"demo.first.001\"" "$work/book.json"'
run export - --format csv --set demo
check "export to standard output" eval 'status_is 0 && out_has "\"demo.second.003\",\"demo\",\"second\"" && err_has "Exported 6 phrases."'
run export "$work/book.txt"
check "export with an unknown extension is a usage error" eval 'status_is 2 && err_has "--format csv"'
run export "$work/book.csv" --set nowhere
check "export of an unknown set fails" eval 'status_is 1 && err_has "no phrase set “nowhere”"'
run export
check "export without a file is a usage error" eval 'status_is 2'

# import
run import "$work/book.csv"
check "importing an unchanged export changes nothing" eval 'status_is 0 && out_has "0 added, 0 edited, 0 updated, 6 unchanged."'
printf 'id,en\r\ndemo.first.001,Please phone us before 8.\r\ndemo.first.002,ok\r\n,x\r\n' >"$work/bad.csv"
run import "$work/bad.csv"
check "a file with a bad row is refused whole" eval 'status_is 1 && err_has "bad.csv:4:" && err_has "nothing was imported"'
run search "phone us before" --set demo
check "nothing of the refused file was written" eval 'status_is 0 && out_lacks "demo.first.001"'
printf 'id,en\r\ndemo.first.001,Please phone us before 8.\r\n' >"$work/edit.csv"
run import "$work/edit.csv"
check "import an edit" eval 'status_is 0 && out_has "0 added, 1 edited, 0 updated, 0 unchanged."'
printf '[\n  { "set": "demo", "genre": "second", "ja": "体操服を忘れました。", "en": "I forgot my gym clothes." }\n]\n' >"$work/new.json"
run --database "$work/phrases.db" import "$work/new.json"
check "import a new phrase from json, --database before the command" eval 'status_is 0 && out_has "1 added, 0 edited, 0 updated, 0 unchanged."'
run sets --database "$work/phrases.db"
check "sets counts the edit and the local phrase" eval 'status_is 0 && out_lines_matching "^demo  *1  needs-native-review  *2  *7  *1  *1 " 1'
run import "$work/new.json" --format json
check "importing the same new phrase again is refused" eval 'status_is 1 && err_has "this genre already has this Japanese text"'
run import "$work/missing.csv"
check "import of a missing file fails" eval 'status_is 1 && err_has "Cannot import"'
run import "$work/new.json" --format xml
check "import with an unknown format is a usage error" eval 'status_is 2 && err_has "“xml” is not a format"'

# talk: one turn through a local gateway started for the database
run talk --from en --to ja --text "I forgot my gym clothes"
check "talk with typed text goes through the phrase memory" eval 'status_is 0 && out_has "Translation:      体操服を忘れました。" && out_has "registered phrase"'
espeak-ng -v en-us -w "$work/spoken.wav" "I forgot my gym clothes."
run talk --from en --to ja --wav "$work/spoken.wav"
check "talk with a WAV is recognised, then translated, with timings" eval 'status_is 0 && out_has "Recognised:       i forgot my gym clothes" && out_has "Translation:      体操服を忘れました。" && out_has "inside the gateway"'
run talk --from en --to ja --text "something nobody registered"
check "talk that cannot be translated says why" eval 'status_is 1 && err_has "no_translation"'
run talk --from en --to vi --text "hello"
check "talk needs Japanese on one side" eval 'status_is 2 && err_has "one of them ja"'
run talk --from en --to ja --wav "$work/missing.wav"
check "talk with a missing WAV fails clearly" eval 'status_is 1 && err_has "missing.wav"'

echo "1..$n"
exit $failed
