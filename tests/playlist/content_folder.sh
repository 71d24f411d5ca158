#!/usr/bin/env bash
# shellcheck disable=SC2016,SC2034 # check's conditions are evaluated later (tests/lib/check.sh)
# The playlist folder is the boundary of content (docs/playlist.md, "The playlist folder"):
#  - every shipped demo playlist, and every template as `kiosk new` makes it, is bundled with
#    `kiosk bundle`, signed with minisign and imported with `kiosk import`: each one installs, so
#    what check passes the kiosk installs;
#  - the demos' copies of their pictures equal the ones media/generate.sh writes;
#  - a signed bundle whose playlist names ../../../../../../../../tmp/x.png is refused at import,
#    and a file that exists there is not installed or shown;
#  - `kiosk check` and `kiosk bundle` refuse links that lead out of the folder, and links inside
#    it, with the fix; `kiosk check` names every file in one run.
#
#   content_folder.sh KIOSK SOURCE_DIR TMP
set -u
kiosk=$1 src=$2 tmp=$3
rm -rf "$tmp"
mkdir -p "$tmp/keys"
# shellcheck source=tests/lib/check.sh
source "$(dirname "$0")/../lib/check.sh"

minisign -G -W -p "$tmp/keys/city.pub" -s "$tmp/city.key" >/dev/null </dev/null

# sign STICK VERSION GROUP: signs STICK/KIOSK/bundle.tar as staff would.
sign() {
    minisign -S -s "$tmp/city.key" -m "$1/KIOSK/bundle.tar" \
        -t "kiosk-bundle version=$2 group=$3" >/dev/null </dev/null
}
# import STICK GROUP STATE: sets $out and $rc.
import() {
    out=$("$kiosk" import "$1" --state "$3" --keys "$tmp/keys" --group "$2" --reserve 0 2>&1)
    rc=$?
}

# Every shipped demo, bundled, signed and imported into its own state folder.
demos=0
for dir in "$src"/playlists/*/; do
    city=$(basename "$dir")
    demos=$((demos + 1))
    stick="$tmp/stick-$city"
    bundle_out=$("$kiosk" bundle "$dir" --version 3 --group "$city" --out "$stick" 2>&1)
    bundle_rc=$?
    check "$city bundles ($bundle_out)" '[ $bundle_rc = 0 ] && [ -s "$stick/KIOSK/bundle.tar" ]'
    sign "$stick" 3 "$city"
    import "$stick" "$city" "$tmp/state-$city"
    check "$city installs ($out)" '[ $rc = 0 ] && [[ "$out" == *"installed: version 3 of group \"$city\""* ]]'
    check "$city: every picture is installed" \
        'diff -r "$dir/media" "$tmp/state-$city/current/content/media" >/dev/null'
    # the installed copy plays: the player's own check of it finds nothing wrong
    check "$city: the installed playlist checks clean" \
        '"$kiosk" check "$tmp/state-$city/current/content" >/dev/null 2>&1'
done
check "the four demo cities are there ($demos)" '[ $demos -ge 4 ]'

# Every template, as `kiosk new` makes it, in a right-to-left and a left-to-right first language.
for tdir in "$src"/templates/*/; do
    [ -e "$tdir/playlist.json" ] || continue
    template=$(basename "$tdir")
    for langs in he,ar,en,ru en,he; do
        made="$tmp/new-$template-$langs"
        new_out=$("$kiosk" new "$made" --city Akko --langs "$langs" --template "$template" 2>&1)
        new_rc=$?
        check "kiosk new --template $template --langs $langs ($new_out)" '[ $new_rc = 0 ]'
        stick="$tmp/stick-$template-$langs"
        bundle_out=$("$kiosk" bundle "$made" --version 3 --group akko --out "$stick" 2>&1)
        bundle_rc=$?
        check "template $template ($langs) bundles ($bundle_out)" '[ $bundle_rc = 0 ]'
        sign "$stick" 3 akko
        import "$stick" akko "$tmp/state-$template-$langs"
        check "template $template ($langs) installs ($out)" \
            '[ $rc = 0 ] && [[ "$out" == *"installed: version 3 of group \"akko\""* ]]'
    done
done

# The demos' pictures are copies of media/<city>/ (media/generate.sh writes both).
for dir in "$src"/media/*/; do
    city=$(basename "$dir")
    check "playlists/$city/media equals media/$city" \
        'diff -r "$dir" "$src/playlists/$city/media" >/dev/null'
done

# A signed playlist whose picture is outside its folder is refused at import, and the file
# there is neither installed nor shown.
mkdir -p "$tmp/escape/media" "$tmp/raw/KIOSK"
cp "$src/tests/playlist/valid/media/landscape.png" "$tmp/x.png"
cp "$src/tests/playlist/valid/media/landscape.png" "$tmp/escape/media/ok.png"
cat >"$tmp/escape/playlist.json" <<'JSON'
{
  "format": 1,
  "name": "escape",
  "screen": {"width": 640, "height": 360},
  "languages": ["en"],
  "slides": [
    {"id": "ok", "duration": 3, "image": {"src": "media/ok.png"}},
    {"id": "elsewhere", "duration": 3, "image": {"src": "../../../../../../../../tmp/x.png"}}
  ]
}
JSON
# the victim file at /tmp/x.png, where the path leads from any state folder
had_tmp_x=0
[ -e /tmp/x.png ] && had_tmp_x=1
[ $had_tmp_x = 1 ] || cp "$tmp/x.png" /tmp/x.png
tar -C "$tmp/escape" -cf "$tmp/raw/KIOSK/bundle.tar" .
sign "$tmp/raw" 4 akko
import "$tmp/raw" akko "$tmp/state-escape"
check "a path out of the folder is refused at import ($out)" \
    '[ $rc = 1 ] && [[ "$out" == *"refused: "*"slides[1].image.src: \"../../../../../../../../tmp/x.png\" is outside the playlist folder"* ]]'
check "nothing was installed" '[ ! -e "$tmp/state-escape/current" ]'
[ $had_tmp_x = 1 ] || rm -f /tmp/x.png

# check and bundle: the same message, with the fix
out=$("$kiosk" check "$tmp/escape" 2>&1)
check "check names the path and the fix ($out)" \
    '[[ "$out" == *"playlist.json:8:"*"slides[1].image.src: \"../../../../../../../../tmp/x.png\" is outside the playlist folder (\"..\" leads out of it); a kiosk receives only the playlist folder, so every file the playlist uses must be inside it: copy x.png into the playlist folder, e.g. media/x.png, and write \"src\": \"media/x.png\""* ]]'
out=$("$kiosk" bundle "$tmp/escape" --version 5 --group akko --out "$tmp/stick-escape" 2>&1)
check "bundle refuses it too ($out)" \
    '[ ! -e "$tmp/stick-escape/KIOSK/bundle.tar" ] && [[ "$out" == *"is outside the playlist folder"* ]]'

# Links: one that leads out of the folder, one that stays inside; both are refused (a bundle
# carries plain files only), the first named as leaving the folder.
mkdir -p "$tmp/links/media"
cp "$tmp/escape/media/ok.png" "$tmp/links/media/ok.png"
ln -s "$tmp/x.png" "$tmp/links/media/out.png"
ln -s ok.png "$tmp/links/media/in.png"
cat >"$tmp/links/playlist.json" <<'JSON'
{
  "format": 1,
  "name": "links",
  "screen": {"width": 640, "height": 360},
  "languages": ["en"],
  "slides": [
    {"id": "out", "duration": 3, "image": {"src": "media/out.png"}},
    {"id": "in", "duration": 3, "image": {"src": "media/in.png"}}
  ]
}
JSON
out=$("$kiosk" check "$tmp/links" 2>&1)
check "check: a link out of the folder ($out)" \
    '[[ "$out" == *"playlist.json:7:"*"slides[0].image.src: \"media/out.png\" is outside the playlist folder (a link leads to $tmp/x.png);"*"copy out.png into the playlist folder"* ]]'
check "check: a link inside the folder ($out)" \
    '[[ "$out" == *"playlist.json:8:"*"slides[1].image.src: \"media/in.png\" is reached through a link; a bundle for the kiosk carries only plain files and folders: put the file itself at media/in.png"* ]]'
check "check: both in one run ($out)" '[[ "$out" == *"2 errors"* ]]'

# A file the playlist does not use, but that a bundle cannot carry: check says so as bundle does.
mkdir -p "$tmp/odd/media"
cp "$tmp/escape/media/ok.png" "$tmp/odd/media/ok.png"
echo "notes" >"$tmp/odd/media/notes photo.txt"
cat >"$tmp/odd/playlist.json" <<'JSON'
{
  "format": 1,
  "name": "odd name",
  "screen": {"width": 640, "height": 360},
  "languages": ["en"],
  "slides": [{"id": "ok", "duration": 3, "image": {"src": "media/ok.png"}}]
}
JSON
out=$("$kiosk" check "$tmp/odd" 2>&1)
status=$?
check "check refuses a name a bundle cannot carry ($out)" \
    '[ $status = 1 ] && [[ "$out" == *"kiosk: check: $tmp/odd/media/notes photo.txt: the name has "* ]]'
out=$("$kiosk" bundle "$tmp/odd" --version 5 --group akko --out "$tmp/stick-odd" 2>&1)
check "and so does bundle ($out)" '[[ "$out" == *"kiosk: bundle: $tmp/odd/media/notes photo.txt: the name has "* ]]'

finish
