#!/usr/bin/python3
"""kiosk studio in a real browser (Debian's chromium, chromium-driver and python3-selenium).

What a marketing person does, from an empty folder to a signed stick that a kiosk installs:
start from the template, add slides until there are five, type a Hebrew title with an English
brand name and a phone number, drop a picture, drag a box, cause and fix an error, add a page
with a button and a QR code, preview every language, undo and redo, make a signed stick into a
folder, and install it with `kiosk import`. Each step is checked in playlist.json on disk and in
the preview the kiosk's renderer draws, and leaves a screenshot in OUT.

usage: browser.py KIOSK OUT      exits 77 (skipped) when chromium or chromedriver is missing.
"""
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

SKIP = 77
TITLE = "עיריית אופקים – Ofakim Smart City 08-9928500"
QR_URL = "https://www.ofakim.org.il/smart-city"


def find(*names):
    for n in names:
        p = shutil.which(n) or (n if os.path.exists(n) else None)
        if p:
            return p
    return None


CHROMIUM = find("chromium", "/usr/bin/chromium", "chromium-browser")
DRIVER = find("chromedriver", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
if not CHROMIUM or not DRIVER:
    print("SKIP: chromium or chromedriver is not installed (apt install chromium chromium-driver)")
    sys.exit(SKIP)
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    # chromium is here, so the test must run: a missing driver library is a broken set-up.
    print(f"FAIL: {sys.executable} cannot import selenium: apt install python3-selenium "
          "(and run this with Debian's /usr/bin/python3)")
    sys.exit(1)

KIOSK = os.path.abspath(sys.argv[1])
OUT = os.path.abspath(sys.argv[2])
shutil.rmtree(OUT, ignore_errors=True)
os.makedirs(OUT)
WORK = tempfile.mkdtemp(prefix="studio-browser-")
PLAYLIST = os.path.join(WORK, "ofakim")
STICK = os.path.join(WORK, "stick")
KEYS = os.path.join(WORK, "keys")
shot_no = 0
step_name = "start"


def step(name):
    global step_name
    step_name = name
    print(f"--- {name}", flush=True)


def shot(driver, name):
    global shot_no
    shot_no += 1
    driver.save_screenshot(os.path.join(OUT, f"{shot_no:02d}-{name}.png"))


def on_disk():
    with open(os.path.join(PLAYLIST, "playlist.json"), encoding="utf-8") as f:
        return json.load(f)


def wait_for(what, cond, timeout=15):
    end = time.time() + timeout
    last = None
    while time.time() < end:
        try:
            last = cond()
            if last:
                return last
        except (OSError, ValueError, KeyError, IndexError, TypeError):
            pass
        time.sleep(0.1)
    raise AssertionError(f"{step_name}: timed out waiting for {what} (last: {last!r})")


def check(cond, what):
    if not cond:
        raise AssertionError(f"{step_name}: {what}")
    print(f"ok: {what}", flush=True)


# ---- the studio ---------------------------------------------------------------------------------

# The studio refuses to run as root; under root (containers, CI) it runs as nobody, in folders
# nobody owns.
as_root = os.geteuid() == 0
home = os.path.join(WORK, "home")
os.makedirs(home)
os.makedirs(STICK)
os.makedirs(KEYS)
subprocess.run(["minisign", "-G", "-W", "-p", os.path.join(KEYS, "city.pub"),
                "-s", os.path.join(WORK, "city.key")], check=True, stdin=subprocess.DEVNULL,
               stdout=subprocess.DEVNULL)
if as_root:
    for root, dirs, files in os.walk(WORK):
        for n in dirs + files:
            os.chown(os.path.join(root, n), 65534, 65534)
    os.chown(WORK, 65534, 65534)
env = dict(os.environ, HOME=home, XDG_STATE_HOME=os.path.join(home, "state"), LANG="C.UTF-8")
env.pop("DISPLAY", None)
env.pop("WAYLAND_DISPLAY", None)
cmd = [KIOSK, "studio", PLAYLIST, "--port", "0", "--no-browser", "--city", "Ofakim",
       "--langs", "he,en"]
if as_root:
    cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + cmd
studio = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, cwd=WORK)
studio_log = []
url_found = threading.Event()
studio_url = None


def read_studio():
    global studio_url
    for line in studio.stdout:
        studio_log.append(line)
        m = re.search(r"(http://127\.0\.0\.1:\d+/\?token=[0-9a-f]+)", line)
        if m and not studio_url:
            studio_url = m.group(1)
            url_found.set()


threading.Thread(target=read_studio, daemon=True).start()
driver = None


def finish(code):
    if driver:
        driver.quit()
    if studio.poll() is None:
        studio.send_signal(signal.SIGTERM)
        try:
            studio.wait(10)
        except subprocess.TimeoutExpired:
            studio.kill()
    with open(os.path.join(OUT, "studio.log"), "w", encoding="utf-8") as f:
        f.write("".join(studio_log))
    if code == 0:
        shutil.rmtree(WORK, ignore_errors=True)
    else:
        print(f"studio's output:\n{''.join(studio_log)[-3000:]}\nfolder kept: {WORK}")
    sys.exit(code)


def preview_hash(params):
    """The preview PNG as the studio serves it, by its bytes."""
    token = studio_url.split("token=")[1]
    base = studio_url.split("/?")[0]
    q = "&".join(f"{k}={urllib.parse.quote(str(v))}" for k, v in params.items())
    req = urllib.request.Request(f"{base}/api/preview.png?{q}", headers={"X-Studio-Token": token})
    with urllib.request.urlopen(req, timeout=20) as r:
        return hashlib.sha256(r.read()).hexdigest()


def shown_preview_hash(driver):
    """The pixels of the picture the page shows in its centre (the page's CSP keeps scripts
    from fetching its blob: address, so they are read through a canvas)."""
    data = driver.execute_script("""
        const img = document.getElementById('preview');
        if (!img.getAttribute('src') || !img.complete || !img.naturalWidth) return '';
        const c = document.createElement('canvas');
        c.width = img.naturalWidth;
        c.height = img.naturalHeight;
        c.getContext('2d').drawImage(img, 0, 0);
        return c.toDataURL('image/png');
    """)
    return hashlib.sha256(data.encode()).hexdigest() if data else ""


def saved(driver):
    """The page has nothing left to save."""
    return driver.execute_script(
        "return document.getElementById('save-status').textContent") == "Saved"


def check_console(driver):
    """No script error on the page so far (a failed request is the studio's to report)."""
    errors = [e["message"] for e in driver.get_log("browser")
              if e["level"] == "SEVERE" and ("Uncaught" in e["message"] or
                                             "Content Security Policy" in e["message"])]
    check(not errors, f"no script errors on the page {errors}")


def field(driver, path):
    return driver.find_element(By.CSS_SELECTOR, f'[data-path="{path}"]')


def set_text(driver, path, text):
    e = field(driver, path)
    e.click()
    e.send_keys(Keys.CONTROL, "a")
    e.send_keys(Keys.DELETE)
    if text:
        e.send_keys(text)
    return e


def select_item(driver, kind, index):
    driver.find_element(By.CSS_SELECTOR,
                        f'#{kind}-list li[data-index="{index}"] .label').click()
    WebDriverWait(driver, 10).until(lambda d: d.find_element(
        By.CSS_SELECTOR, f'#{kind}-list li[data-index="{index}"]').get_attribute("class")
        .startswith("selected"))
    wait_preview(driver)


def wait_preview(driver):
    """The page has saved everything and shows the preview (and boxes) of what it saved."""
    WebDriverWait(driver, 20).until(lambda d: d.execute_script(
        "const b = document.body.dataset;"
        "return document.getElementById('save-status').textContent === 'Saved' && "
        "document.getElementById('preview-status').textContent === '' && "
        "b.revision === b.previewRevision && "
        "!!document.getElementById('preview').getAttribute('src')"))


def main():
    global driver
    step("the studio starts from an empty folder")
    if not url_found.wait(30):
        raise AssertionError("kiosk studio printed no address")
    check(os.path.exists(os.path.join(PLAYLIST, "playlist.json")),
          "the new folder has a playlist.json from the template")

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1600,1000",
              "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--lang=en-US",
              f"--user-data-dir={os.path.join(WORK, 'chromium')}"]:
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    driver.set_script_timeout(20)
    driver.get(studio_url)
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
    wait_preview(driver)
    WebDriverWait(driver, 40).until(lambda d: d.execute_script(
        "const t = [...document.querySelectorAll('.items img.thumb')];"
        "return t.length > 0 && t.every(i => i.complete && i.naturalWidth > 0)"))
    check(True, "every slide and page has its thumbnail in the list")
    shot(driver, "start")
    check_console(driver)

    step("add slides until there are five")
    slides = lambda: driver.find_elements(By.CSS_SELECTOR, "#slide-list li")
    start_count = len(slides())
    check(start_count >= 1, f"the template has {start_count} slides")
    while len(slides()) < 5:
        n = len(slides())
        driver.find_element(By.ID, "add-slide").click()
        driver.find_element(By.CSS_SELECTOR, "#slide-templates .menu-item").click()
        WebDriverWait(driver, 10).until(lambda d: len(slides()) == n + 1)
    wait_for("five slides in playlist.json", lambda: len(on_disk()["slides"]) == 5 and saved(driver))
    ids = [s["id"] for s in on_disk()["slides"]]
    check(len(set(ids)) == 5, f"five slides with their own ids: {ids}")
    shot(driver, "five-slides")

    step("type a Hebrew title with an English brand name and a phone number")
    select_item(driver, "slide", 0)
    before = preview_hash({"slide": 0, "lang": "he"})
    shown_before = shown_preview_hash(driver)
    set_text(driver, "slides[0].texts[0].text.he", TITLE)
    wait_for("the title in playlist.json",
             lambda: on_disk()["slides"][0]["texts"][0]["text"]["he"] == TITLE)
    check(True, "playlist.json holds the title exactly as typed")
    wait_for("a new preview on the page",
             lambda: (lambda h: h if h not in ("", shown_before) else None)(
                 shown_preview_hash(driver)), 30)
    check(preview_hash({"slide": 0, "lang": "he"}) != before, "the preview PNG changed")
    shot(driver, "hebrew-title")

    step("drop a picture")
    jpeg = os.path.join(WORK, "festival.jpg")
    subprocess.run(["convert", "-size", "800x500", "gradient:#f7b733-#0a4d8c",
                    "-fill", "#ffffff", "-draw", "circle 400,250 400,120", jpeg], check=True)
    select_item(driver, "slide", 4)
    before = preview_hash({"slide": 4, "lang": "he"})
    field(driver, "slides[4].image.src").send_keys(jpeg)
    src = wait_for("the picture in playlist.json",
                   lambda: on_disk()["slides"][4].get("image", {}).get("src"))
    check(src.startswith("media/") and os.path.isfile(os.path.join(PLAYLIST, src)),
          f"the picture was copied into the playlist folder as {src}")
    wait_for("the saved picture in the preview",
             lambda: saved(driver) and preview_hash({"slide": 4, "lang": "he"}) != before)
    thumb = driver.find_element(By.CSS_SELECTOR, '#slide-list li[data-index="4"] img.thumb')
    wait_for("the new thumbnail in the list", lambda: "&t=1&" not in thumb.get_attribute("src")
             and thumb.get_attribute("complete") and thumb.get_attribute("naturalWidth") != "0")
    wait_preview(driver)
    shot(driver, "picture")

    step("drag a box")
    select_item(driver, "slide", 0)
    path = "slides[0].texts[1]"
    box_before = on_disk()["slides"][0]["texts"][1]["box"]
    hash_before = preview_hash({"slide": 0, "lang": "he"})
    box = driver.find_element(By.CSS_SELECTOR, f'#overlay .box[data-path="{path}"]')
    ActionChains(driver).click_and_hold(box).move_by_offset(20, 10).move_by_offset(40, 30) \
        .release().perform()
    box_after = wait_for("the moved box in playlist.json",
                         lambda: (lambda b: b if b != box_before else None)(
                             on_disk()["slides"][0]["texts"][1]["box"]))
    check(box_after[2:] == box_before[2:], f"moving kept the size: {box_before} -> {box_after}")
    check(box_after[1] > box_before[1], "the box moved down")
    check(all(0 <= v <= 1 for v in box_after) and box_after[0] + box_after[2] <= 1,
          "the box is still fractions of the screen")
    wait_for("the preview with the moved box",
             lambda: saved(driver) and preview_hash({"slide": 0, "lang": "he"}) != hash_before)
    wait_preview(driver)
    shot(driver, "box-moved")
    # A corner handle resizes.
    wait_preview(driver)
    handle = driver.find_element(By.CSS_SELECTOR,
                                 f'#overlay .box[data-path="{path}"] .handle.h-se')
    ActionChains(driver).click_and_hold(handle).move_by_offset(-30, -20).move_by_offset(-40, -10) \
        .release().perform()
    resized = wait_for("the resized box in playlist.json",
                       lambda: (lambda b: b if b != box_after else None)(
                           on_disk()["slides"][0]["texts"][1]["box"]))
    check(resized[2] < box_after[2] and resized[3] < box_after[3] and
          resized[:2] == box_after[:2], f"the corner handle made it smaller: {resized}")
    # The arrow keys move the selected box by 1% of the screen.
    wait_preview(driver)
    driver.find_element(By.CSS_SELECTOR, "#centre .hint").click()
    ActionChains(driver).send_keys(Keys.ARROW_UP).perform()
    nudged = wait_for("the box moved up by the arrow key", lambda: (lambda b: b if b != resized
                                                                     else None)(
        on_disk()["slides"][0]["texts"][1]["box"]))
    check(abs(nudged[1] - (resized[1] - 0.01)) < 0.0015 and nudged[0] == resized[0],
          f"the up arrow moved it 1% up: {nudged}")

    step("cause an error and fix it")
    select_item(driver, "slide", 1)
    set_text(driver, "slides[1].duration", "0")
    wait_for("duration 0 in playlist.json", lambda: on_disk()["slides"][1].get("duration") == 0)
    msg = WebDriverWait(driver, 15).until(lambda d: d.find_element(
        By.CSS_SELECTOR, '.field[data-field="slides[1].duration"] .msg.error'))
    check("duration" in msg.text or "1" in msg.text, f"the message beside the field: {msg.text!r}")
    WebDriverWait(driver, 10).until(lambda d: "has-error" in d.find_element(
        By.CSS_SELECTOR, '#slide-list li[data-index="1"]').get_attribute("class"))
    check(True, "the slide is marked in the list")
    shot(driver, "error")
    set_text(driver, "slides[1].duration", "6")
    wait_for("duration 6 in playlist.json", lambda: on_disk()["slides"][1].get("duration") == 6)
    WebDriverWait(driver, 15).until(lambda d: not d.find_elements(
        By.CSS_SELECTOR, '.field[data-field="slides[1].duration"] .msg.error'))
    WebDriverWait(driver, 10).until(lambda d: "has-error" not in d.find_element(
        By.CSS_SELECTOR, '#slide-list li[data-index="1"]').get_attribute("class"))
    check(True, "the message and the mark are gone once fixed")
    shot(driver, "error-fixed")

    step("add a page with a button and a QR code")
    pages = lambda: driver.find_elements(By.CSS_SELECTOR, "#page-list li")
    n = len(pages())
    driver.find_element(By.ID, "add-page").click()
    driver.find_element(By.CSS_SELECTOR, '#page-templates .menu-item[data-template="blank"]').click()
    WebDriverWait(driver, 10).until(lambda d: len(pages()) == n + 1)
    index = int(driver.find_element(By.CSS_SELECTOR, "#page-list li.selected")
                .get_attribute("data-index"))
    base = f"pages[{index}]"
    set_text(driver, f"{base}.id", "smart-city")
    set_text(driver, f"{base}.texts[0].text.he", "עיר חכמה: השירותים שלנו ברשת")
    set_text(driver, f"{base}.texts[0].text.en", "Smart city: our services online")
    driver.find_element(By.CSS_SELECTOR, '[data-add="qr"]').click()
    qrs = wait_for("the QR code's fields", lambda: driver.find_elements(
        By.CSS_SELECTOR, f'[data-path^="{base}.qrs["][data-path$="].data"]'))
    qr_path = qrs[-1].get_attribute("data-path")
    set_text(driver, qr_path, QR_URL)
    qr_base = qr_path[:-len(".data")]
    set_text(driver, f"{qr_base}.caption.he", "סרקו לפרטים")
    set_text(driver, f"{qr_base}.caption.en", "Scan for details")
    driver.find_element(By.CSS_SELECTOR, '[data-add="button"]').click()
    labels = wait_for("the button's fields", lambda: driver.find_elements(
        By.CSS_SELECTOR, f'[data-path^="{base}.buttons["][data-path$="].label.he"]'))
    label_path = labels[-1].get_attribute("data-path")
    button_path = label_path[:-len(".label.he")]
    set_text(driver, label_path, "חזרה לשקופיות")
    set_text(driver, f"{button_path}.label.en", "Back to the slides")
    from selenium.webdriver.support.select import Select
    Select(field(driver, f"{button_path}.action")).select_by_value("back")

    def page_ok():
        pg = on_disk()["pages"][index]
        qr = [q for q in pg.get("qrs", []) if q.get("data") == QR_URL]
        bt = [b for b in pg.get("buttons", []) if b.get("action") == "back"
              and b["label"].get("en") == "Back to the slides"]
        return qr and bt and pg
    page = wait_for("the page, its QR code and its button in playlist.json", page_ok)
    check(page["id"] == "smart-city", f"page {page['id']} with a QR code for {QR_URL} and a "
          "back button")
    wait_for("everything saved", lambda: saved(driver))
    wait_preview(driver)
    shot(driver, "page-qr-button")
    # In English the page is mirrored (mirror_rtl): a box dragged to the right is written
    # further from the right in the Hebrew layout, that is with a smaller x.
    driver.find_element(By.CSS_SELECTOR, '#lang-buttons button[data-lang="en"]').click()
    wait_preview(driver)
    title_before = on_disk()["pages"][index]["texts"][0]["box"]
    title = driver.find_element(By.CSS_SELECTOR, f'#overlay .box[data-path="{base}.texts[0]"]')
    ActionChains(driver).click_and_hold(title).move_by_offset(5, 0).move_by_offset(-60, 0) \
        .release().perform()
    title_after = wait_for("the mirrored drag in playlist.json", lambda: (lambda b: b if b != title_before else None)(
        on_disk()["pages"][index]["texts"][0]["box"]))
    check(title_after[0] > title_before[0] and title_after[1:] == title_before[1:],
          f"dragged left in the mirrored English page, the Hebrew layout's box moved right: "
          f"{title_before} -> {title_after}")
    driver.find_element(By.CSS_SELECTOR, '#lang-buttons button[data-lang="he"]').click()
    wait_preview(driver)
    # A slide's button leads to the new page.
    select_item(driver, "slide", 4)
    driver.find_element(By.CSS_SELECTOR, '[data-add="button"]').click()
    labels = wait_for("the slide button's fields", lambda: driver.find_elements(
        By.CSS_SELECTOR, '[data-path^="slides[4].buttons["][data-path$="].label.he"]'))
    label_path = labels[-1].get_attribute("data-path")
    button_path = label_path[:-len(".label.he")]
    set_text(driver, label_path, "עיר חכמה")
    set_text(driver, f"{button_path}.label.en", "Smart city")
    Select(field(driver, f"{button_path}.action")).select_by_value(f"page:{page['id']}")
    wait_for("the slide's button in playlist.json", lambda: any(
        b.get("action") == f"page:{page['id']}" for b in on_disk()["slides"][4].get("buttons", [])))

    step("preview every language")
    driver.find_element(By.ID, "all-langs").click()
    langs = on_disk()["languages"]
    WebDriverWait(driver, 20).until(lambda d: len(d.find_elements(
        By.CSS_SELECTOR, "#all-stage img.loaded")) == len(langs))
    check(True, f"the slide is shown in {langs}")
    shot(driver, "every-language")
    driver.find_element(By.ID, "all-langs").click()
    wait_preview(driver)

    step("undo and redo")
    wait_for("everything saved", lambda: saved(driver))
    done = on_disk()
    driver.find_element(By.ID, "undo").click()
    undone = wait_for("the undone edit on disk", lambda: (lambda p: p if p != done else None)(
        on_disk()))
    driver.find_element(By.ID, "redo").click()
    wait_for("the redone edit on disk", lambda: on_disk() == done)
    check(True, "undo changed playlist.json and redo brought it back")
    # The keys do the same.
    ActionChains(driver).key_down(Keys.CONTROL).send_keys("z").key_up(Keys.CONTROL).perform()
    wait_for("Ctrl+Z on disk", lambda: on_disk() == undone)
    ActionChains(driver).key_down(Keys.CONTROL).key_down(Keys.SHIFT).send_keys("z") \
        .key_up(Keys.SHIFT).key_up(Keys.CONTROL).perform()
    wait_for("Ctrl+Shift+Z on disk", lambda: on_disk() == done)
    check(True, "Ctrl+Z and Ctrl+Shift+Z undo and redo")
    wait_for("everything saved", lambda: saved(driver))

    step("a hand edit of playlist.json is reloaded, not overwritten")
    time.sleep(0.3)
    hand = on_disk()
    hand["name"] = "Ofakim — edited by hand"
    path_json = os.path.join(PLAYLIST, "playlist.json")
    with open(path_json + ".hand", "w", encoding="utf-8") as f:
        json.dump(hand, f, ensure_ascii=False, indent=2)
    os.replace(path_json + ".hand", path_json)
    WebDriverWait(driver, 15).until(lambda d: "changed outside the studio" in d.find_element(
        By.ID, "notice-text").text)
    WebDriverWait(driver, 5).until(lambda d: d.find_element(By.ID, "playlist-name").text ==
                                   hand["name"])
    check(on_disk()["name"] == hand["name"], "the hand edit stays and the page shows it")
    shot(driver, "reloaded")

    step("the approval sheet")
    driver.find_element(By.ID, "sheet-open").click()
    links = driver.find_elements(By.CSS_SELECTOR, "#sheet-links a[download]")
    check(len(links) == len(langs), "one sheet to download per language")
    driver.find_element(By.CSS_SELECTOR, "#sheet-links button").click()
    WebDriverWait(driver, 30).until(lambda d: d.execute_script(
        "const i = document.getElementById('sheet-img'); return i.complete && i.naturalWidth > 0"))
    shot(driver, "sheet")
    driver.find_element(By.ID, "sheet-close").click()

    step("make a signed stick")
    wait_for("no error left", lambda: not driver.find_elements(
        By.CSS_SELECTOR, "#slide-list li.has-error, #page-list li.has-error"))
    driver.find_element(By.ID, "stick-open").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "stick-version")
                                    .get_attribute("value") == "1")
    driver.find_element(By.ID, "stick-folder-radio").click()
    driver.find_element(By.ID, "stick-folder").send_keys(STICK)
    driver.find_element(By.ID, "stick-group").clear()
    driver.find_element(By.ID, "stick-group").send_keys("ofakim")
    driver.find_element(By.ID, "stick-key").clear()
    driver.find_element(By.ID, "stick-key").send_keys(os.path.join(WORK, "city.key"))
    shot(driver, "stick-dialog")
    driver.find_element(By.ID, "stick-make").click()
    result = WebDriverWait(driver, 60).until(lambda d: (lambda e: e if "ok" in e.get_attribute(
        "class") or "error" in e.get_attribute("class") else None)(d.find_element(By.ID, "stick-result")))
    shot(driver, "stick-made")
    check("ok" in result.get_attribute("class"), f"the stick is made: {result.text!r}")
    check("1" in result.text and "ofakim" in result.text,
          "the summary names the version and the group")

    step("a kiosk installs the stick")
    state = os.path.join(WORK, "kiosk-state")
    r = subprocess.run([KIOSK, "import", STICK, "--state", state, "--keys", KEYS,
                        "--group", "ofakim", "--reserve", "0"], capture_output=True, text=True,
                       timeout=60)
    print(r.stdout + r.stderr)
    check(r.returncode == 0 and 'installed: version 1 of group "ofakim"' in r.stdout + r.stderr,
          "kiosk import installed version 1")
    with open(os.path.join(state, "current", "content", "playlist.json"), encoding="utf-8") as f:
        installed = json.load(f)
    check(installed == on_disk(), "the kiosk has the playlist made in the studio")
    check(installed["slides"][0]["texts"][0]["text"]["he"] == TITLE, "with the Hebrew title")
    check(len(installed["slides"]) == 5, "and its five slides")
    check_console(driver)


try:
    t0 = time.time()
    main()
    print(f"all steps passed in {time.time() - t0:.0f} s; screenshots in {OUT}")
    finish(0)
except Exception as e:  # every broken step fails the test, with a last screenshot
    import traceback
    traceback.print_exc()
    if driver:
        try:
            shot(driver, "failed")
        except Exception:
            pass
    print(f"FAILED at step: {step_name}: {e}")
    finish(1)
