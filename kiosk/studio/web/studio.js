// Kiosk studio: the page. It keeps the playlist in memory, saves every edit to the server
// (which writes playlist.json), and shows what the kiosk's own renderer draws from the saved file.
import {api, url, el, getAt, setAt, pathWithin, ApiError} from './api.js';
import {renderFields, showMessages} from './fields.js';
import {drawBoxes, clearBoxes, nudge} from './boxes.js';

export const LANG_NAMES = {
    he: 'עברית', en: 'English', ar: 'العربية', ru: 'Русский', am: 'አማርኛ', fr: 'Français',
    uk: 'Українська', es: 'Español', de: 'Deutsch',
};
export function langName(code) {
    const base = code.split('-')[0];
    return LANG_NAMES[base] ? `${LANG_NAMES[base]} (${code})` : code;
}

const $ = (id) => document.getElementById(id);

export const st = {
    playlist: null,
    revision: 0,
    dir: '',
    screen: {width: 1920, height: 1080},
    sel: {kind: 'slide', index: 0},
    box: null,          // path of the selected box, such as "slides[0].texts[1]"
    lang: null,
    allLangs: false,
    messages: [],
    undo: [],
    redo: [],
    lastEditKey: null,
    lastEditTime: 0,
    saveTimer: null,
    saving: false,
    saveAgain: false,
    saveGen: 0,
    styles: [],
    templates: {slides: [], pages: []},
    thumbs: new Map(),  // "slide:3" -> {key, src}
    previewSeq: 0,
    previewUrl: null,
};

// ---- selection -------------------------------------------------------------------------------

export function selPath(sel = st.sel) {
    if (sel.kind === 'slide') return `slides[${sel.index}]`;
    if (sel.kind === 'page') return `pages[${sel.index}]`;
    return '';
}

export function selItem() {
    const p = st.playlist;
    if (!p) return null;
    if (st.sel.kind === 'slide') return (p.slides || [])[st.sel.index] || null;
    if (st.sel.kind === 'page') return (p.pages || [])[st.sel.index] || null;
    return null;
}

function fixSelection() {
    const p = st.playlist;
    const n = st.sel.kind === 'slide' ? (p.slides || []).length :
        st.sel.kind === 'page' ? (p.pages || []).length : 1;
    if (st.sel.kind !== 'playlist' && st.sel.index >= n) {
        if (n > 0) st.sel.index = n - 1;
        else st.sel = {kind: 'slide', index: 0};
    }
    if (st.box && !getAt(p, st.box)) st.box = null;
    const langs = p.languages || [];
    if (!langs.includes(st.lang)) st.lang = langs[0] || 'he';
}

export function select(sel, box = null) {
    st.sel = sel;
    st.box = box;
    renderList();
    renderFields(ctx);
    showMessages(ctx);
    refreshPreview();
}

export function selectBox(path) {
    st.box = path;
    renderFields(ctx);
    showMessages(ctx);
    drawBoxes(ctx, st.lastBoxes || []);
}

// ---- editing, undo, saving ---------------------------------------------------------------------

// Every change goes through here: one undo state per edit (typing in one field within a second
// and a half is one edit), then a save in 150 ms.
export function edit(change, {key = null, rerender = false} = {}) {
    const now = Date.now();
    if (!(key && key === st.lastEditKey && now - st.lastEditTime < 1500)) {
        st.undo.push(JSON.stringify(st.playlist));
        if (st.undo.length > 300) st.undo.shift();
    }
    st.lastEditKey = key;
    st.lastEditTime = now;
    st.redo = [];
    change(st.playlist);
    fixSelection();
    updateUndoButtons();
    // Saving first: the list keeps the old thumbnails until the new state is on disk.
    scheduleSave();
    if (rerender) {
        renderList();
        renderFields(ctx);
        showMessages(ctx);
    }
}

export function setField(path, value, opts = {}) {
    edit((p) => setAt(p, path, value), {key: path, ...opts});
    if (path.endsWith('.id') || path === 'name') renderList();
}

function restore(from, to) {
    if (from.length === 0) return;
    to.push(JSON.stringify(st.playlist));
    st.playlist = JSON.parse(from.pop());
    st.lastEditKey = null;
    fixSelection();
    updateUndoButtons();
    scheduleSave();
    const focused = document.activeElement && document.activeElement.dataset &&
        document.activeElement.dataset.path;
    renderAll();
    if (focused) {
        const again = document.querySelector(`[data-path="${CSS.escape(focused)}"]`);
        if (again) again.focus();
    }
}
export const undo = () => restore(st.undo, st.redo);
export const redo = () => restore(st.redo, st.undo);

function updateUndoButtons() {
    $('undo').disabled = st.undo.length === 0;
    $('redo').disabled = st.redo.length === 0;
}

function setStatus(text, kind = '') {
    const s = $('save-status');
    s.textContent = text;
    s.className = kind || 'muted';
}

function scheduleSave() {
    clearTimeout(st.saveTimer);
    st.saveGen++;
    setStatus('Saving…');
    st.saveTimer = setTimeout(() => {
        st.saveTimer = null;
        save();
    }, 150);
}

async function save() {
    if (st.saving) {
        st.saveAgain = true;
        return;
    }
    st.saving = true;
    st.saveGen++;
    const body = {playlist: st.playlist, base_revision: st.revision};
    try {
        const r = await api.put('/api/playlist', body);
        st.revision = r.revision;
        document.body.dataset.revision = String(st.revision);
        setStatus('Saved', 'ok');
        if (Array.isArray(r.messages)) setMessages(r.messages);
        else loadMessages();
    } catch (e) {
        if (e instanceof ApiError && e.status === 409 && e.body && e.body.playlist) {
            takeFromDisk(e.body.playlist, e.body.revision);
            notice('playlist.json was changed outside the studio; reloaded. ' +
                'Your last change was not saved over it.', 'warn');
        } else {
            setStatus('Not saved', 'error');
            notice(`Could not save: ${e.message}`, 'error');
        }
    } finally {
        st.saving = false;
        st.saveGen++;
    }
    if (st.saveAgain) {
        st.saveAgain = false;
        save();
        return;
    }
    if (!st.saveTimer) {
        refreshPreview();
        updateThumbs();
    }
}

function takeFromDisk(playlist, revision) {
    if (st.playlist) st.undo.push(JSON.stringify(st.playlist));
    st.redo = [];
    st.playlist = playlist;
    st.revision = revision;
    document.body.dataset.revision = String(st.revision);
    st.thumbs.clear();
    fixSelection();
    updateUndoButtons();
    setStatus('Saved', 'ok');
    renderAll();
    loadMessages();
}

// Notices a hand edit of playlist.json (the server counts outside changes in the revision).
async function poll() {
    if (st.saving || st.saveTimer || !st.playlist) return;
    const gen = st.saveGen;
    let r;
    try {
        r = await api.get('/api/state');
    } catch (e) {
        setStatus('The studio is not answering', 'error');
        return;
    }
    if (gen !== st.saveGen || st.saving || st.saveTimer) return;
    if (r.revision !== st.revision) {
        const full = await api.get('/api/playlist');
        if (gen !== st.saveGen || st.saving || st.saveTimer) return;
        takeFromDisk(full.playlist, full.revision);
        notice('playlist.json was changed outside the studio; reloaded', 'warn');
    } else if ($('save-status').className === 'error') {
        setStatus('Saved', 'ok');
    }
}

// ---- messages ----------------------------------------------------------------------------------

function setMessages(messages) {
    st.messages = messages || [];
    renderListMarks();
    showMessages(ctx);
}

export async function loadMessages() {
    try {
        const r = await api.get('/api/check');
        setMessages(r.messages);
    } catch (e) {
        /* the save status already says it */
    }
}

let noticeTimer = null;
export function notice(text, kind = 'info') {
    const n = $('notice');
    $('notice-text').textContent = text;
    n.className = kind;
    n.hidden = false;
    clearTimeout(noticeTimer);
    if (kind === 'info') noticeTimer = setTimeout(() => (n.hidden = true), 6000);
}

// ---- the list of slides and pages -------------------------------------------------------------

function itemLabel(item) {
    const p = st.playlist;
    const lang = (p.languages || [])[0];
    for (const t of item.texts || []) {
        if (t.text && typeof t.text[lang] === 'string' && t.text[lang].trim()) return t.text[lang];
    }
    return '';
}

function hashString(s) {
    let h = 2166136261;
    for (let i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i);
        h = Math.imul(h, 16777619);
    }
    return (h >>> 0).toString(36);
}

// What a thumbnail depends on: the item, its place, and the playlist-wide looks.
function thumbKey(kind, index, item) {
    const p = st.playlist;
    return hashString(JSON.stringify([kind, index, item, p.styles, p.colors, p.defaults, p.screen,
        p.interactive, p.languages, p.fonts]));
}

function thumbSrc(kind, index, item) {
    const k = `${kind}:${index}`;
    const key = thumbKey(kind, index, item);
    const have = st.thumbs.get(k);
    if (have && have.key === key) return have.src;
    // Until the edit is saved, the old picture of the same slide (never another one's, which
    // moved to this place) stands in.
    if (st.saveTimer || st.saving) return have && have.id === item.id ? have.src : '';
    const params = kind === 'slide' ? {slide: index} : {page: item.id};
    params.lang = (st.playlist.languages || [])[0] || 'he';
    params.t = st.revision;
    const src = url('/api/preview.png', params);
    st.thumbs.set(k, {key, src, id: item.id});
    return src;
}

function updateThumbs() {
    for (const img of document.querySelectorAll('.items img.thumb')) {
        const kind = img.dataset.kind;
        const index = Number(img.dataset.index);
        const item = (kind === 'slide' ? st.playlist.slides : st.playlist.pages)[index];
        if (!item) continue;
        const src = thumbSrc(kind, index, item);
        if (src && img.getAttribute('src') !== src) img.src = src;
        else if (!src) img.removeAttribute('src');
    }
}

function uniqueId(base, taken) {
    base = (base || 'item').toLowerCase().replace(/[^a-z0-9_-]+/g, '-').slice(0, 56) || 'item';
    if (!taken.includes(base)) return base;
    const stem = base.replace(/-\d+$/, '');
    for (let n = 2; ; n++) if (!taken.includes(`${stem}-${n}`)) return `${stem}-${n}`;
}

function listKey(kind) {
    return kind === 'slide' ? 'slides' : 'pages';
}

function duplicateItem(kind, index) {
    const key = listKey(kind);
    edit((p) => {
        const copy = JSON.parse(JSON.stringify(p[key][index]));
        copy.id = uniqueId(copy.id, p[key].map((s) => s.id));
        p[key].splice(index + 1, 0, copy);
    });
    select({kind, index: index + 1});
}

function deleteItem(kind, index) {
    const key = listKey(kind);
    const item = st.playlist[key][index];
    if (kind === 'slide' && st.playlist.slides.length <= 1) {
        notice('A playlist needs at least one slide.', 'warn');
        return;
    }
    edit((p) => {
        p[key].splice(index, 1);
        if (key === 'pages' && p.pages.length === 0) delete p.pages;
    });
    notice(`Deleted ${kind} "${item.id}". Undo brings it back.`);
    const n = (st.playlist[key] || []).length;
    if (n === 0) select({kind: 'slide', index: 0});
    else select({kind, index: Math.min(index, n - 1)});
}

function addFromTemplate(kind, template) {
    const key = listKey(kind);
    const fresh = JSON.parse(JSON.stringify(template[kind] || template.slide || template.page || {}));
    for (const list of ['texts', 'buttons']) {
        for (const b of fresh[list] || []) if (b.style === undefined) delete b.style;
    }
    const langs = st.playlist.languages || [];
    // The template writes its texts in the template's languages; keep only the playlist's.
    const trim = (obj) => {
        if (!obj || typeof obj !== 'object') return;
        for (const k of ['text', 'label', 'caption']) {
            if (obj[k] && typeof obj[k] === 'object' && !Array.isArray(obj[k])) {
                const src = obj[k];
                const out = {};
                for (const l of langs) {
                    out[l] = src[l] !== undefined ? src[l] :
                        (src.en !== undefined ? src.en : Object.values(src)[0]);
                }
                if (Object.values(out).some((v) => v !== undefined)) obj[k] = out;
            }
        }
        // A button that switches to a language the playlist does not have would be an error.
        if (Array.isArray(obj.buttons)) {
            obj.buttons = obj.buttons.filter((b) => !(typeof b.action === 'string' &&
                b.action.startsWith('language:') && !langs.includes(b.action.slice(9))));
            if (langs.length < 2) {
                obj.buttons = obj.buttons.filter((b) => !String(b.action).startsWith('language:'));
            }
        }
        for (const v of Object.values(obj)) if (v && typeof v === 'object') trim(v);
    };
    trim(fresh);
    let index = 0;
    edit((p) => {
        if (!p[key]) p[key] = [];
        fresh.id = uniqueId(fresh.id || template.name, p[key].map((s) => s.id));
        index = st.sel.kind === kind ? st.sel.index + 1 : p[key].length;
        p[key].splice(index, 0, fresh);
    });
    select({kind, index});
}

function itemMark(prefix) {
    let mark = '';
    for (const m of st.messages) {
        if (!m.path || !pathWithin(m.path, prefix)) continue;
        if (m.severity === 'error') return 'error';
        mark = 'warning';
    }
    return mark;
}

function renderListMarks() {
    for (const li of document.querySelectorAll('.items li')) {
        const mark = itemMark(`${listKey(li.dataset.kind)}[${li.dataset.index}]`);
        li.classList.toggle('has-error', mark === 'error');
        li.classList.toggle('has-warning', mark === 'warning');
        const badge = li.querySelector('.mark');
        badge.textContent = mark === 'error' ? 'Error' : mark === 'warning' ? 'Warning' : '';
        badge.title = mark ? 'See the messages beside the fields' : '';
    }
}

export function renderList() {
    const p = st.playlist;
    $('playlist-name').textContent = p.name || '';
    $('playlist-settings').classList.toggle('selected', st.sel.kind === 'playlist');
    for (const kind of ['slide', 'page']) {
        const list = $(`${kind}-list`);
        list.replaceChildren();
        (p[listKey(kind)] || []).forEach((item, index) => {
            const selected = st.sel.kind === kind && st.sel.index === index;
            const li = el('li', {
                class: selected ? 'selected' : '',
                'data-kind': kind,
                'data-index': String(index),
                'data-id': item.id || '',
                tabindex: '0',
                'aria-selected': selected ? 'true' : 'false',
                onclick: () => select({kind, index}),
                onkeydown: (e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        select({kind, index});
                    }
                },
            },
            el('span', {class: 'num', text: String(index + 1)}),
            el('img', {class: 'thumb', alt: '', 'data-kind': kind, 'data-index': String(index),
                src: thumbSrc(kind, index, item) || undefined,
                onerror: (e) => e.target.classList.add('broken'),
                onload: (e) => e.target.classList.remove('broken')}),
            el('span', {class: 'label'},
                el('span', {class: 'id', text: item.id || '(no id)'}),
                el('span', {class: 'text', dir: 'auto', text: itemLabel(item)}),
                el('span', {class: 'mark'})),
            el('span', {class: 'item-actions'},
                el('button', {class: 'icon dup', title: `Duplicate this ${kind}`,
                    'aria-label': `Duplicate ${item.id}`, text: 'Duplicate',
                    onclick: (e) => { e.stopPropagation(); duplicateItem(kind, index); }}),
                el('button', {class: 'icon del', title: `Delete this ${kind}`,
                    'aria-label': `Delete ${item.id}`, text: 'Delete',
                    onclick: (e) => { e.stopPropagation(); deleteItem(kind, index); }})));
            list.append(li);
        });
    }
    renderListMarks();
}

function setupSortable() {
    if (!window.Sortable) return;
    for (const kind of ['slide', 'page']) {
        window.Sortable.create($(`${kind}-list`), {
            animation: 150,
            filter: '.item-actions',
            preventOnFilter: false,
            onEnd: (e) => {
                if (e.oldIndex === e.newIndex) return;
                const key = listKey(kind);
                const selId = selItem() && selItem().id;
                edit((p) => {
                    const [moved] = p[key].splice(e.oldIndex, 1);
                    p[key].splice(e.newIndex, 0, moved);
                });
                if (st.sel.kind === kind) {
                    st.sel.index = st.playlist[key].findIndex((s) => s.id === selId);
                    if (st.sel.index < 0) st.sel.index = e.newIndex;
                }
                st.box = null;
                select(st.sel);
            },
        });
    }
}

// Layouts made for the other orientation would need every box moved: offer those that fit the
// playlist's screen (the templates named "portrait..." are upright), and always a blank one.
function fitsScreen(t) {
    const portrait = st.screen.height > st.screen.width;
    if (t.screen && t.screen.width) return (t.screen.height > t.screen.width) === portrait;
    return String(t.name || '').startsWith('portrait') === portrait;
}

function blankTemplates(kind) {
    const names = Object.keys(st.playlist.styles || {});
    const style = ['title', 'heading', 'body'].find((n) => names.includes(n));
    const text = (value) => Object.fromEntries((st.playlist.languages || []).map((l) => [l, value]));
    if (kind === 'slide') {
        return [{name: 'blank', label: 'Blank slide with a title', slide: {id: 'slide', texts: [
            {id: 'title', style, box: [0.08, 0.1, 0.84, 0.22], text: text('…')}]}}];
    }
    return [{name: 'blank', label: 'Blank page with a title', page: {id: 'page', texts: [
        {id: 'title', style, box: [0.08, 0.08, 0.84, 0.16], text: text('…')}]}}];
}

function renderTemplateMenus() {
    for (const kind of ['slide', 'page']) {
        const menu = $(`${kind}-templates`);
        menu.replaceChildren();
        const offered = (st.templates[listKey(kind)] || []).filter(fitsScreen);
        for (const t of offered.concat(blankTemplates(kind))) {
            menu.append(el('button', {
                class: 'menu-item',
                'data-template': t.name,
                text: t.label || t.name,
                onclick: () => {
                    menu.hidden = true;
                    addFromTemplate(kind, t);
                },
            }));
        }
        if (!menu.children.length) menu.append(el('p', {class: 'muted', text: 'No layouts.'}));
    }
}

// ---- the preview -------------------------------------------------------------------------------

function previewParams(lang) {
    const item = selItem();
    if (!item) return null;
    const params = st.sel.kind === 'slide' ? {slide: st.sel.index} : {page: item.id};
    params.lang = lang;
    params.t = st.revision;
    return params;
}

export function fitFrame() {
    const stage = $('stage');
    const frame = $('frame');
    const W = st.screen.width;
    const H = st.screen.height;
    const avail = {w: stage.clientWidth - 8, h: stage.clientHeight - 8};
    const scale = Math.max(0.05, Math.min(avail.w / W, avail.h / H));
    frame.style.width = `${Math.floor(W * scale)}px`;
    frame.style.height = `${Math.floor(H * scale)}px`;
    st.scale = Math.floor(W * scale) / W;
}

export async function refreshPreview() {
    if (!st.playlist) return;
    if (st.playlist.screen) st.screen = st.playlist.screen;
    const seq = ++st.previewSeq;
    $('all-stage').hidden = !st.allLangs;
    $('stage').hidden = st.allLangs;
    $('frame').hidden = st.sel.kind === 'playlist' || !selItem();
    if (st.sel.kind === 'playlist' || !selItem()) {
        $('preview').removeAttribute('src');
        $('all-stage').hidden = true;
        clearBoxes();
        $('preview-status').textContent = 'Choose a slide or page on the left to see it.';
        return;
    }
    if (st.allLangs) {
        renderAllLangs(seq);
        return;
    }
    fitFrame();
    const params = previewParams(st.lang);
    $('preview-status').textContent = 'Drawing…';
    try {
        // Without its boxes the preview is still worth showing.
        const [blob, boxes] = await Promise.all([
            fetchBlob(url('/api/preview.png', params)),
            api.get(url('/api/boxes', params)).catch(() => ({boxes: []})),
        ]);
        if (seq !== st.previewSeq) return;
        const old = st.previewUrl;
        st.previewUrl = URL.createObjectURL(blob);
        const img = $('preview');
        img.src = st.previewUrl;
        img.dataset.revision = String(st.revision);
        document.body.dataset.previewRevision = String(st.revision);
        img.dataset.params = JSON.stringify(params);
        if (old) setTimeout(() => URL.revokeObjectURL(old), 1000);
        st.lastBoxes = boxes.boxes || [];
        drawBoxes(ctx, st.lastBoxes);
        $('preview-status').textContent = '';
        $('frame').classList.remove('failed');
    } catch (e) {
        if (seq !== st.previewSeq) return;
        // Another slide's last picture would mislead: keep only this one's, dimmed.
        const same = (a, b) => a && b && a.slide === b.slide && a.page === b.page && a.lang === b.lang;
        let shown = null;
        try {
            shown = JSON.parse($('preview').dataset.params || 'null');
        } catch (err) { /* none */ }
        if (!same(shown, params)) {
            $('preview').removeAttribute('src');
            $('preview').dataset.params = '';
            clearBoxes();
        }
        $('frame').classList.add('failed');
        $('preview-status').textContent = `The preview could not be drawn: ${e.message}`;
    }
}

async function fetchBlob(address) {
    const res = await fetch(address, {cache: 'no-store'});
    if (!res.ok) {
        let text = `the studio answered ${res.status}`;
        try {
            text = (await res.json()).error || text;
        } catch (e) { /* not JSON */ }
        throw new Error(text);
    }
    return res.blob();
}

function renderAllLangs(seq) {
    const box = $('all-stage');
    const langs = st.playlist.languages || [];
    box.replaceChildren();
    box.style.gridTemplateColumns = langs.length > 2 ? 'repeat(2, 1fr)' : `repeat(${langs.length}, 1fr)`;
    for (const lang of langs) {
        const img = el('img', {alt: `Preview in ${langName(lang)}`, 'data-lang': lang});
        const fig = el('figure', {class: 'lang-preview'}, img,
            el('figcaption', {text: langName(lang)}));
        box.append(fig);
        fetchBlob(url('/api/preview.png', previewParams(lang))).then((blob) => {
            if (seq !== st.previewSeq) return;
            img.src = URL.createObjectURL(blob);
            img.classList.add('loaded');
        }).catch((e) => fig.append(el('p', {class: 'msg error', text: e.message})));
    }
    $('preview-status').textContent = '';
}

function renderLangButtons() {
    const box = $('lang-buttons');
    box.replaceChildren();
    for (const lang of st.playlist.languages || []) {
        box.append(el('button', {
            class: lang === st.lang ? 'on' : '',
            'data-lang': lang,
            'aria-pressed': lang === st.lang ? 'true' : 'false',
            text: langName(lang),
            onclick: () => {
                st.lang = lang;
                st.allLangs = false;
                $('all-langs').checked = false;
                renderLangButtons();
                refreshPreview();
            },
        }));
    }
}

export function renderAll() {
    renderList();
    renderLangButtons();
    renderFields(ctx);
    showMessages(ctx);
    refreshPreview();
}

// ---- pictures ----------------------------------------------------------------------------------

export async function upload(file) {
    if (!file) return null;
    setStatus(`Copying ${file.name}…`);
    try {
        const r = await api.upload(url('/api/media', {name: file.name}), file);
        setStatus('Saved', 'ok');
        notice(`${file.name} was copied into the playlist folder as ${r.src}` +
            (r.width ? ` (${r.width}×${r.height})` : '') + '.');
        return r;
    } catch (e) {
        setStatus('Saved', 'ok');
        notice(`${file.name} cannot be used: ${e.message}`, 'error');
        return null;
    }
}

// A picture dropped anywhere but on a picture field becomes the selected slide's picture.
function setupDrop() {
    document.addEventListener('dragover', (e) => {
        if (e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files')) {
            e.preventDefault();
            document.body.classList.add('dragging-file');
        }
    });
    document.addEventListener('dragleave', (e) => {
        if (!e.relatedTarget) document.body.classList.remove('dragging-file');
    });
    document.addEventListener('drop', async (e) => {
        document.body.classList.remove('dragging-file');
        if (!e.dataTransfer || !e.dataTransfer.files.length) return;
        e.preventDefault();
        const target = e.target.closest && e.target.closest('[data-drop-path]');
        const path = target ? target.dataset.dropPath : (selPath() ? `${selPath()}.image` : null);
        if (!path) {
            notice('Choose a slide or page first, then drop the picture on it.', 'warn');
            return;
        }
        const r = await upload(e.dataTransfer.files[0]);
        if (r) setPicture(path, r.src);
    });
}

export function setPicture(path, src) {
    edit((p) => {
        const cur = getAt(p, path);
        if (cur && typeof cur === 'object') cur.src = src;
        else setAt(p, path, {src, fit: 'cover'});
    }, {rerender: true});
}

// ---- dialogs -----------------------------------------------------------------------------------

async function openStick() {
    const dlg = $('stick-dialog');
    $('stick-result').hidden = true;
    const drives = $('stick-drives');
    drives.replaceChildren(el('p', {class: 'muted', text: 'Looking for USB sticks…'}));
    dlg.showModal();
    let r = {drives: [], last: null};
    try {
        r = await api.get('/api/sticks');
    } catch (e) {
        drives.replaceChildren(el('p', {class: 'msg error', text: e.message}));
    }
    drives.replaceChildren();
    for (const d of r.drives || []) {
        drives.append(el('label', {class: 'row'},
            el('input', {type: 'radio', name: 'stick-target', value: d.path}),
            ` ${d.label || d.path} `, el('span', {class: 'muted', dir: 'ltr', text: d.path})));
    }
    if (!(r.drives || []).length) {
        drives.append(el('p', {class: 'muted',
            text: 'No USB stick is plugged in (or it is not mounted). Plug one in and open this again, or write a folder below.'}));
    }
    const first = drives.querySelector('input[type=radio]');
    (first || $('stick-folder-radio')).checked = true;
    const last = r.last;
    $('stick-version').value = last && last.version ? last.version + 1 : 1;
    if (last && last.group && !$('stick-group').value) $('stick-group').value = last.group;
    if (last && last.key && !$('stick-key').value) $('stick-key').value = last.key;
}

async function makeStick(e) {
    e.preventDefault();
    const form = $('stick-form');
    if (!form.reportValidity()) return;
    const choice = form.querySelector('input[name=stick-target]:checked');
    const dir = !choice || choice.value === 'folder' ? $('stick-folder').value.trim() : choice.value;
    const out = $('stick-result');
    if (!dir) {
        out.hidden = false;
        out.className = 'result error';
        out.textContent = 'Choose a USB stick, or write the folder to put the bundle in.';
        return;
    }
    const btn = $('stick-make');
    btn.disabled = true;
    btn.textContent = 'Making the stick…';
    out.hidden = false;
    out.className = 'result';
    out.textContent = 'Checking the playlist, packing and signing…';
    try {
        const r = await api.post('/api/stick', {
            dir, version: Number($('stick-version').value), group: $('stick-group').value.trim(),
            key: $('stick-key').value.trim(), password: $('stick-password').value,
        });
        out.className = 'result ok';
        out.textContent = r.summary;
        $('stick-password').value = '';
    } catch (err) {
        out.className = 'result error';
        out.textContent = err.message;
    } finally {
        btn.disabled = false;
        btn.textContent = 'Make the stick';
    }
}

function openSheet() {
    const links = $('sheet-links');
    links.replaceChildren();
    const img = $('sheet-img');
    img.hidden = true;
    for (const lang of st.playlist.languages || []) {
        const href = url('/api/sheet.png', {lang, t: st.revision});
        links.append(el('div', {class: 'sheet-row'},
            el('button', {type: 'button', text: `Show ${langName(lang)}`, onclick: () => {
                img.hidden = false;
                img.src = href;
                img.alt = `Approval sheet in ${langName(lang)}`;
            }}),
            el('a', {class: 'button', href, download: `sheet-${lang}.png`, 'data-lang': lang,
                text: `Download sheet-${lang}.png`})));
    }
    $('sheet-dialog').showModal();
}

// ---- start -------------------------------------------------------------------------------------

export const ctx = {st, edit, setField, select, selectBox, selPath, selItem, upload, setPicture,
    notice, renderList, refreshPreview, langName, loadMessages};

function setupKeys() {
    document.addEventListener('keydown', (e) => {
        if (document.querySelector('dialog[open]')) return;
        const typing = e.target.closest && e.target.closest('input, textarea, select');
        const arrows = {ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1]};
        if (arrows[e.key] && !typing && !e.ctrlKey && !e.metaKey && !e.altKey && st.box &&
            !st.allLangs && !e.target.closest('.items')) {
            const step = e.shiftKey ? 0.05 : 0.01;
            if (nudge(ctx, arrows[e.key][0] * step, arrows[e.key][1] * step)) e.preventDefault();
            return;
        }
        if (!(e.ctrlKey || e.metaKey)) return;
        const k = e.key.toLowerCase();
        if (k === 'z' && !e.shiftKey) {
            e.preventDefault();
            undo();
        } else if ((k === 'z' && e.shiftKey) || k === 'y') {
            e.preventDefault();
            redo();
        }
    });
}

async function start() {
    $('undo').onclick = undo;
    $('redo').onclick = redo;
    $('notice-close').onclick = () => ($('notice').hidden = true);
    $('playlist-settings').onclick = () => select({kind: 'playlist', index: 0});
    $('all-langs').onchange = (e) => {
        st.allLangs = e.target.checked;
        refreshPreview();
    };
    $('snap').onchange = (e) => (st.snap = e.target.checked);
    st.snap = true;
    for (const kind of ['slide', 'page']) {
        $(`add-${kind}`).onclick = (e) => {
            e.stopPropagation();
            const m = $(`${kind}-templates`);
            m.hidden = !m.hidden;
        };
    }
    document.addEventListener('click', (e) => {
        if (!e.target.closest('.add-row')) for (const m of document.querySelectorAll('.menu')) m.hidden = true;
    });
    $('stick-open').onclick = openStick;
    $('stick-make').onclick = makeStick;
    $('sheet-open').onclick = openSheet;
    window.addEventListener('resize', () => {
        if (!st.allLangs && selItem()) {
            fitFrame();
            drawBoxes(ctx, st.lastBoxes || []);
        }
    });
    setupKeys();
    setupDrop();
    setupSortable();
    try {
        // Styles and layouts only help: the page works without them.
        const [pl, styles, templates] = await Promise.all([api.get('/api/playlist'),
            api.get('/api/styles').catch(() => ({styles: []})),
            api.get('/api/templates').catch(() => ({slides: [], pages: []}))]);
        st.playlist = pl.playlist;
        st.revision = pl.revision;
        st.dir = pl.dir;
        if (pl.screen) st.screen = pl.screen;
        st.styles = styles.styles || [];
        st.templates = templates || {slides: [], pages: []};
    } catch (e) {
        setStatus('Not connected', 'error');
        notice(e.status === 403 ?
            'This address has no valid token. Open the address `kiosk studio` printed, with its ?token=…' :
            `Could not load the playlist: ${e.message}`, 'error');
        return;
    }
    $('playlist-dir').textContent = st.dir;
    document.body.dataset.revision = String(st.revision);
    st.lang = (st.playlist.languages || [])[0];
    fixSelection();
    if (st.playlist.screen) st.screen = st.playlist.screen;
    setStatus('Saved', 'ok');
    renderTemplateMenus();
    renderAll();
    loadMessages();
    setInterval(poll, 1000);
    document.body.dataset.ready = 'true';
}

start();
