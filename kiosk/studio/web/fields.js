// The right-hand pane: the fields of the selected slide or page (or of the playlist), each one
// tied to its JSON path so that `kiosk check`'s messages appear beside it.
import {api, url, el, getAt, pathWithin} from './api.js';

const TRANSITIONS = ['cut', 'crossfade', 'push'];
const DAYS = [['sun', 'Sun · א׳'], ['mon', 'Mon · ב׳'], ['tue', 'Tue · ג׳'], ['wed', 'Wed · ד׳'],
    ['thu', 'Thu · ה׳'], ['fri', 'Fri · ו׳'], ['sat', 'Sat · ש׳']];
const RTL = ['he', 'ar', 'fa', 'ur', 'yi'];

let ctx;

// ---- small builders ----------------------------------------------------------------------------

// A labelled field; `path` is what check's messages are matched against.
function field(label, path, control, help) {
    return el('div', {class: 'field', 'data-field': path},
        el('label', {class: 'field-label'}, label, control),
        help ? el('p', {class: 'help muted', text: help}) : null,
        el('div', {class: 'msgs'}));
}

function textInput(path, {multiline = false, placeholder = '', dir = 'auto', lang} = {}) {
    const value = getAt(ctx.st.playlist, path);
    const input = el(multiline ? 'textarea' : 'input', {
        type: multiline ? undefined : 'text', dir, lang, placeholder, 'data-path': path,
        rows: multiline ? 3 : undefined,
    });
    input.value = typeof value === 'string' ? value : '';
    input.addEventListener('input', () => ctx.setField(path, input.value));
    return input;
}

function numberInput(path, {min, max, step = 'any', placeholder = '', onEmpty = undefined} = {}) {
    const value = getAt(ctx.st.playlist, path);
    const input = el('input', {type: 'number', min, max, step, placeholder, 'data-path': path,
        inputmode: 'decimal'});
    input.value = typeof value === 'number' ? String(value) : '';
    input.addEventListener('input', () => {
        const v = input.value.trim();
        ctx.setField(path, v === '' || Number.isNaN(Number(v)) ? onEmpty : Number(v));
    });
    return input;
}

function select(path, options, {empty = null, onchange} = {}) {
    const value = getAt(ctx.st.playlist, path);
    const s = el('select', {'data-path': path});
    if (empty !== null) s.append(el('option', {value: '', text: empty}));
    for (const o of options) {
        const [v, label] = Array.isArray(o) ? o : [o, o];
        s.append(el('option', {value: v, text: label}));
    }
    if (value !== undefined && typeof value === 'string' &&
        !options.some((o) => (Array.isArray(o) ? o[0] : o) === value)) {
        s.append(el('option', {value, text: value}));
    }
    s.value = typeof value === 'string' ? value : '';
    s.addEventListener('change', () => {
        if (onchange) onchange(s.value);
        else ctx.setField(path, s.value === '' ? undefined : s.value, {rerender: true});
    });
    return s;
}

function checkbox(path, label, {onchange} = {}) {
    const input = el('input', {type: 'checkbox', 'data-path': path});
    input.checked = getAt(ctx.st.playlist, path) === true;
    input.addEventListener('change', () => {
        if (onchange) onchange(input.checked);
        else ctx.setField(path, input.checked ? true : undefined);
    });
    return el('label', {class: 'check'}, input, ` ${label}`);
}

// The texts of one block in every language, side by side.
function langTexts(path, label, {multiline = true} = {}) {
    const langs = ctx.st.playlist.languages || [];
    const grid = el('div', {class: 'lang-grid'});
    for (const lang of langs) {
        const p = `${path}.${lang}`;
        const input = textInput(p, {multiline, lang,
            placeholder: RTL.includes(lang.split('-')[0]) ? 'כתבו כאן…' : 'Write here…'});
        grid.append(el('div', {class: 'field lang-field', 'data-field': p},
            el('label', {class: 'field-label'}, el('span', {class: 'lang-name', text: ctx.langName(lang)}), input),
            el('div', {class: 'msgs'})));
    }
    return el('div', {class: 'field', 'data-field': path},
        el('div', {class: 'field-label', text: label}), grid, el('div', {class: 'msgs'}));
}

function boxInputs(path) {
    const row = el('div', {class: 'box-inputs'});
    const names = ['from left', 'from top', 'width', 'height'];
    for (let i = 0; i < 4; i++) {
        const input = numberInput(`${path}[${i}]`, {min: 0, max: 1, step: 0.01, onEmpty: 0});
        row.append(el('label', {class: 'mini'}, el('span', {text: names[i]}), input));
    }
    return field('Place on the screen (fractions: 0.5 is half the screen)', path, row,
        'Or drag the box on the preview.');
}

function removeButton(text, listPath, index) {
    return el('button', {class: 'icon danger', title: text, 'aria-label': text, text: '✕ Remove',
        onclick: () => {
            ctx.edit((p) => {
                const list = getAt(p, listPath);
                list.splice(index, 1);
                if (list.length === 0) {
                    const keys = listPath.split('.');
                    const last = keys.pop();
                    delete getAt(p, keys.join('.'))[last];
                }
            }, {rerender: true});
            ctx.st.box = null;
            ctx.refreshPreview();
        }});
}

function section(title, path, ...children) {
    const sel = ctx.st.box === path;
    const sec = el('section', {class: `block${sel ? ' selected' : ''}`, 'data-block': path},
        el('h3', {}, title), ...children);
    sec.addEventListener('focusin', () => {
        if (ctx.st.box !== path && getAt(ctx.st.playlist, `${path}.box`)) {
            ctx.st.box = path;
            for (const s of document.querySelectorAll('section.block')) {
                s.classList.toggle('selected', s === sec);
            }
            for (const b of document.querySelectorAll('#overlay .box')) {
                b.classList.toggle('selected', b.dataset.path === path);
            }
        }
    });
    return sec;
}

function styleNames() {
    const names = new Set(ctx.st.styles || []);
    for (const k of Object.keys(ctx.st.playlist.styles || {})) names.add(k);
    return [...names];
}

async function pickPicture(input, path) {
    const r = await ctx.upload(input.files[0]);
    input.value = '';
    if (r) ctx.setPicture(path, r.src);
}

function pictureField(path, label, {remove = true} = {}) {
    const img = getAt(ctx.st.playlist, path);
    const src = img && img.src;
    const input = el('input', {type: 'file', accept: 'image/jpeg,image/png,image/webp',
        'data-path': `${path}.src`, class: 'file'});
    input.addEventListener('change', () => pickPicture(input, path));
    const drop = el('div', {class: 'dropzone', 'data-drop-path': path},
        src ? el('img', {class: 'pic', alt: '', src: url(`/api/media/${src}`)}) : null,
        el('div', {},
            el('div', {dir: 'ltr', class: 'src', text: src || 'No picture'}),
            el('p', {class: 'muted small', text: 'Drop a picture here, or '}),
            el('label', {class: 'button'}, 'Choose a file…', input)));
    const out = el('div', {class: 'field', 'data-field': path},
        el('div', {class: 'field-label', text: label}), drop, el('div', {class: 'msgs'}));
    const srcField = el('div', {class: 'field', 'data-field': `${path}.src`}, el('div', {class: 'msgs'}));
    out.append(srcField);
    if (src) {
        out.append(field('Fit', `${path}.fit`, select(`${path}.fit`,
            [['cover', 'Fill the space (crops)'], ['contain', 'Show all of it']], {empty: 'Default'})));
        if (remove) {
            out.append(el('button', {class: 'icon danger', text: '✕ Remove the picture', onclick: () => {
                ctx.setField(path, undefined, {rerender: true});
                ctx.refreshPreview();
            }}));
        }
    }
    return out;
}

function transitionField(path) {
    const t = getAt(ctx.st.playlist, path);
    const type = el('select', {'data-path': `${path}.type`});
    type.append(el('option', {value: '', text: 'As the playlist'}));
    for (const v of TRANSITIONS) type.append(el('option', {value: v, text: v}));
    type.value = t && t.type ? t.type : '';
    type.addEventListener('change', () => {
        if (!type.value) ctx.setField(path, undefined, {rerender: true});
        else if (type.value === 'cut') ctx.setField(path, {type: 'cut'}, {rerender: true});
        else ctx.setField(path, {type: type.value, duration: (t && t.duration) || 1.0}, {rerender: true});
    });
    const row = el('div', {class: 'row'}, type);
    if (t && t.type && t.type !== 'cut') {
        row.append(el('label', {class: 'mini'}, el('span', {text: 'seconds'}),
            numberInput(`${path}.duration`, {min: 0, max: 5, step: 0.1})));
    }
    return field('Transition into it', path, row);
}

// A colour as a picker beside its text (#rrggbb, #rrggbbaa or a name of the playlist's
// colours); the picker keeps the opacity the text had.
function resolveColor(value) {
    const named = (ctx.st.playlist.colors || {})[value];
    const c = typeof named === 'string' ? named : value;
    return typeof c === 'string' && /^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/.test(c) ? c : null;
}

function colorInput(path) {
    const text = textInput(path, {dir: 'ltr', placeholder: '#0b2540'});
    const picker = el('input', {type: 'color', class: 'swatch', title: 'Pick a colour',
        'aria-label': 'Pick a colour'});
    const sync = () => {
        const c = resolveColor(text.value.trim());
        picker.value = c ? c.slice(0, 7).toLowerCase() : '#000000';
        picker.classList.toggle('unknown', !c);
    };
    sync();
    text.addEventListener('input', sync);
    picker.addEventListener('input', () => {
        const old = resolveColor(text.value.trim());
        const alpha = old && old.length === 9 ? old.slice(7) : '';
        text.value = picker.value + alpha;
        ctx.setField(path, text.value);
    });
    // The text first: a click on the field's label then goes to it, not to the picker.
    return el('div', {class: 'row color-row'}, text, picker);
}

function colorsField() {
    const colors = ctx.st.playlist.colors || {};
    const names = Object.keys(colors);
    if (!names.length) return null;
    const rows = names.map((n) => el('label', {class: 'mini color-name'},
        el('span', {text: n}), colorInput(`colors.${n}`)));
    return field('The playlist\'s colours', 'colors', el('div', {class: 'colors'}, ...rows),
        'Styles, panels and buttons use these by name: change "brand" here and they all follow.');
}

function backgroundField(path) {
    const bg = getAt(ctx.st.playlist, path);
    if (bg && typeof bg === 'object') {
        return field('Background (gradient)', path, el('div', {class: 'row'},
            colorInput(`${path}.gradient[0]`), colorInput(`${path}.gradient[1]`),
            el('label', {class: 'mini'}, el('span', {text: 'angle'}),
                numberInput(`${path}.angle`, {min: 0, max: 360, step: 1}))));
    }
    const colors = Object.keys(ctx.st.playlist.colors || {});
    const hint = colors.length ? `Or a colour name: ${colors.join(', ')}. Empty: as the playlist.` :
        'Empty: as the playlist.';
    return field('Background colour', path, colorInput(path), hint);
}

// ---- the schedule -------------------------------------------------------------------------------

function isoDay(d) {
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function scheduleRowText(row) {
    if (typeof row === 'string') return row;
    const when = `${row.time || ''} ${row.weekday || ''}`.trim();
    const event = row.event ? `${row.event} — ` : '';
    const what = Array.isArray(row.eligible) ?
        (row.eligible.length ? `shows: ${row.eligible.join(', ')}` : 'shows none') : '';
    const fallback = row.shows ? `; shows ${row.shows}` : '';
    return `${when}  ${event}${what}${fallback}`;
}

function hours(seconds) {
    const h = seconds / 3600;
    return h >= 48 ? `${Math.round(h / 24)} days` : `${Math.round(h)} hours`;
}

function scheduleField(path, id) {
    const sch = getAt(ctx.st.playlist, path);
    const always = !sch;
    const wrap = el('div', {class: 'schedule'});
    wrap.append(el('label', {class: 'check'},
        el('input', {type: 'checkbox', checked: always, 'data-path': `${path}:always`, onchange: (e) => {
            ctx.setField(path, e.target.checked ? undefined : {days: ['sun', 'mon', 'tue', 'wed', 'thu']},
                {rerender: true});
        }}), ' Always shown'));
    if (!always) {
        const days = el('div', {class: 'days'});
        const cur = new Set((sch.days || []).map((d) => d.slice(0, 3).toLowerCase()));
        for (const [d, label] of DAYS) {
            days.append(el('label', {class: 'check day'}, el('input', {type: 'checkbox', checked: cur.has(d),
                onchange: (e) => {
                    const now = new Set((getAt(ctx.st.playlist, `${path}.days`) || []).map((x) => x.slice(0, 3).toLowerCase()));
                    if (e.target.checked) now.add(d);
                    else now.delete(d);
                    const list = DAYS.map(([k]) => k).filter((k) => now.has(k));
                    ctx.setField(`${path}.days`, list.length ? list : undefined);
                }}), ` ${label}`));
        }
        wrap.append(field('Days', `${path}.days`, days));
        const times = (sch.times || [])[0] || {};
        const timeIn = (k) => {
            const i = el('input', {type: 'time', value: times[k] || '', 'data-path': `${path}.times[0].${k}`});
            i.addEventListener('change', () => {
                const t = {...((getAt(ctx.st.playlist, `${path}.times`) || [])[0] || {})};
                if (i.value) t[k] = i.value;
                else delete t[k];
                ctx.setField(`${path}.times`, t.from || t.to ? [t] : undefined);
            });
            return i;
        };
        wrap.append(field('Hours', `${path}.times`, el('div', {class: 'row'}, 'from ', timeIn('from'), ' to ', timeIn('to'))));
        const dates = (sch.dates || [])[0] || {};
        const dateIn = (k) => {
            const i = el('input', {type: 'date', value: dates[k] || '', 'data-path': `${path}.dates[0].${k}`});
            i.addEventListener('change', () => {
                const t = {...((getAt(ctx.st.playlist, `${path}.dates`) || [])[0] || {})};
                if (i.value) t[k] = i.value;
                else delete t[k];
                ctx.setField(`${path}.dates`, t.from || t.to ? [t] : undefined);
            });
            return i;
        };
        wrap.append(field('Dates', `${path}.dates`, el('div', {class: 'row'}, 'from ', dateIn('from'), ' to ', dateIn('to'))));
        wrap.append(field('Shabbat and holidays', `${path}.rest_days`, select(`${path}.rest_days`,
            [['only', 'Only on Shabbat and holidays'], ['never', 'Not on Shabbat and holidays']],
            {empty: 'Either'})));
        const more = Object.keys(sch).filter((k) => !['days', 'times', 'dates', 'rest_days'].includes(k));
        if (more.length) {
            wrap.append(el('p', {class: 'muted small', dir: 'auto',
                text: `Also: ${more.map((k) => `${k} ${JSON.stringify(sch[k])}`).join('; ')}`}));
        }
    }
    const out = el('div', {class: 'schedule-view'});
    wrap.append(el('button', {type: 'button', text: 'Show the next three weeks', onclick: async () => {
        const from = new Date();
        const to = new Date(Date.now() + 21 * 86400e3);
        out.replaceChildren(el('p', {class: 'muted', text: 'Working it out…'}));
        try {
            const r = await api.get(url('/api/schedule', {from: isoDay(from), to: isoDay(to)}));
            const rows = r.rows || r.changes || r.lines || [];
            const list = el('ol', {class: 'schedule-rows'});
            for (const row of rows) {
                const mine = Array.isArray(row.eligible) && row.eligible.includes(id);
                list.append(el('li', {class: mine ? 'mine' : '', dir: 'ltr', text: scheduleRowText(row)}));
            }
            out.replaceChildren(rows.length ? list : el('p', {text: 'No changes: the same slides all along.'}));
            const mine = (r.slides || []).find((x) => x.id === id);
            if (mine) {
                out.prepend(el('p', {class: 'small', text: mine.eligible_seconds > 0 ?
                    `In the next three weeks "${id}" may show for ${hours(mine.eligible_seconds)}` +
                    (mine.stretches > 1 ? `, in ${mine.stretches} stretches.` : '.') :
                    `"${id}" is not shown at all in the next three weeks.`}));
            }
            if (r.zone) out.append(el('p', {class: 'muted small', text: `Times in ${r.zone}.`}));
        } catch (e) {
            out.replaceChildren(el('p', {class: 'msg error', text: e.message}));
        }
    }}), out);
    return field('When it is shown', path, wrap);
}

// ---- blocks ---------------------------------------------------------------------------------------

function textBlock(base, i, t) {
    const path = `${base}.texts[${i}]`;
    const kind = t.type || 'text';
    const title = `${kind === 'clock' ? 'Clock' : kind === 'ticker' ? 'Ticker' : 'Text'} ${i + 1}${t.id ? ` · ${t.id}` : ''}`;
    const parts = [];
    if (kind !== 'clock') parts.push(langTexts(`${path}.text`, 'Text in each language'));
    else {
        parts.push(field('Shows', `${path}.format`, select(`${path}.format`,
            ['time', 'date', 'datetime', 'hebrew', 'date+hebrew', 'datetime+hebrew'], {empty: 'time'})));
    }
    parts.push(field('Style', `${path}.style`, select(`${path}.style`, styleNames(), {empty: '(none)'})));
    parts.push(boxInputs(`${path}.box`));
    return section(title, path, ...parts, removeButton(`Remove ${title}`, `${base}.texts`, i));
}

function actionOptions() {
    const p = ctx.st.playlist;
    const opts = (p.pages || []).map((pg) => [`page:${pg.id}`, `Open the page "${pg.id}"`]);
    opts.push(['back', 'Back'], ['home', 'Back to the slides'], ['next', 'Next'], ['prev', 'Previous']);
    for (const l of p.languages || []) opts.push([`language:${l}`, `Language: ${ctx.langName(l)}`]);
    return opts;
}

function buttonBlock(base, i, b) {
    const path = `${base}.buttons[${i}]`;
    const title = `Button ${i + 1}${b.id ? ` · ${b.id}` : ''}`;
    const styleVal = getAt(ctx.st.playlist, `${path}.style`);
    const parts = [
        langTexts(`${path}.label`, 'What it says', {multiline: false}),
        field('What a touch does', `${path}.action`, select(`${path}.action`, actionOptions())),
    ];
    if (styleVal === undefined || typeof styleVal === 'string') {
        parts.push(field('Style', `${path}.style`, select(`${path}.style`, styleNames(), {empty: 'Button look'})));
    }
    parts.push(boxInputs(`${path}.box`));
    return section(title, path, ...parts, removeButton(`Remove ${title}`, `${base}.buttons`, i));
}

function qrBlock(base, i) {
    const path = `${base}.qrs[${i}]`;
    const title = `QR code ${i + 1}`;
    return section(title, path,
        field('Address it opens (URL)', `${path}.data`, textInput(`${path}.data`, {dir: 'ltr',
            placeholder: 'https://www.example.org/'})),
        langTexts(`${path}.caption`, 'Caption under it', {multiline: false}),
        boxInputs(`${path}.box`),
        removeButton(`Remove ${title}`, `${base}.qrs`, i));
}

function imageBlock(base, i) {
    const path = `${base}.images[${i}]`;
    const title = `Picture ${i + 1}`;
    return section(title, path, pictureField(path, 'The picture', {remove: false}),
        boxInputs(`${path}.box`), removeButton(`Remove ${title}`, `${base}.images`, i));
}

function langDefault(value) {
    const out = {};
    for (const l of ctx.st.playlist.languages || []) out[l] = value;
    return out;
}

// A place for a new box that covers none of the others, scanning from the top; the first
// candidate when the slide is full.
function freeSpot(item, w, h, first) {
    const boxes = [];
    for (const k of ['texts', 'images', 'buttons', 'qrs']) {
        for (const b of item[k] || []) if (Array.isArray(b.box)) boxes.push(b.box);
    }
    const overlaps = (x, y) => boxes.some(([bx, by, bw, bh]) =>
        x < bx + bw && bx < x + w && y < by + bh && by < y + h);
    const candidates = [first];
    for (let y = 0.04; y + h <= 0.97; y += 0.04) {
        for (let x = 0.04; x + w <= 0.97; x += 0.04) candidates.push([x, y]);
    }
    const spot = candidates.find(([x, y]) => !overlaps(x, y)) || first;
    return [Math.round(spot[0] * 100) / 100, Math.round(spot[1] * 100) / 100, w, h];
}

function addButtons(base) {
    const p = ctx.st.playlist;
    const add = (key, make) => () => {
        let index = 0;
        ctx.edit((pl) => {
            const item = getAt(pl, base);
            if (!item[key]) item[key] = [];
            item[key].push(make(item[key], item));
            index = item[key].length - 1;
        }, {rerender: false});
        ctx.select(ctx.st.sel, `${base}.${key}[${index}]`);
    };
    const ids = (list) => (list || []).map((x) => x.id);
    const nextId = (list, stem) => {
        for (let n = 1; ; n++) if (!ids(list).includes(`${stem}-${n}`)) return `${stem}-${n}`;
    };
    const firstStyle = (names) => names.find((n) => (p.styles || {})[n]);
    return el('div', {class: 'add-blocks'},
        el('button', {text: '+ Text', 'data-add': 'text', onclick: add('texts', (list, item) => ({
            id: nextId(list, 'text'), style: firstStyle(['body', 'title']) || undefined,
            box: freeSpot(item, 0.6, 0.16, [0.2, 0.4]), text: langDefault('…'),
        }))}),
        el('button', {text: '+ Picture', 'data-add': 'image', onclick: () => {
            const input = el('input', {type: 'file', accept: 'image/*'});
            input.addEventListener('change', async () => {
                const r = await ctx.upload(input.files[0]);
                if (!r) return;
                add('images', (list, item) => ({src: r.src, box: freeSpot(item, 0.2, 0.2, [0.04, 0.05]),
                    fit: 'contain'}))();
            });
            input.click();
        }}),
        el('button', {text: '+ Button', 'data-add': 'button', onclick: add('buttons', (list, item) => ({
            id: nextId(list, 'button'), style: firstStyle(['button']) || undefined,
            box: freeSpot(item, 0.26, 0.12, [0.7, 0.82]),
            action: (p.pages || []).length ? `page:${p.pages[0].id}` : (base.startsWith('pages') ? 'back' : 'next'),
            label: langDefault('…'),
        }))}),
        el('button', {text: '+ QR code', 'data-add': 'qr', onclick: add('qrs', (list, item) => ({
            data: 'https://www.example.org/', box: freeSpot(item, 0.2, 0.4, [0.06, 0.3]),
            caption_style: firstStyle(['small']) || undefined, caption: langDefault('…'),
        }))}));
}

// ---- panes ----------------------------------------------------------------------------------------

function playlistPane() {
    const p = ctx.st.playlist;
    return [
        el('h2', {text: 'Playlist settings'}),
        field('Name', 'name', textInput('name')),
        field('Languages', 'languages', el('div', {dir: 'ltr', class: 'readonly',
            text: (p.languages || []).map((l) => ctx.langName(l)).join(' · ')}),
        'The first one is the main language. To change the list, ask whoever set up the playlist.'),
        checkbox('cycle_languages', 'Show each pass of the slides in the next language'),
        colorsField(),
        field('How long each slide stays (seconds)', 'defaults.duration',
            numberInput('defaults.duration', {min: 1, max: 3600, step: 1, placeholder: '8'})),
        transitionField('defaults.transition'),
        backgroundField('defaults.background'),
        field('Page opened by a touch', 'interactive.home', select('interactive.home',
            (p.pages || []).map((pg) => pg.id), {empty: '(none)'})),
    ];
}

// Renaming a page renames what leads to it: the buttons' "page:ID" and the touch's home page.
function pageIdInput(base) {
    const path = `${base}.id`;
    const input = el('input', {type: 'text', dir: 'ltr', 'data-path': path});
    input.value = getAt(ctx.st.playlist, path) || '';
    input.addEventListener('input', () => {
        ctx.edit((p) => {
            const page = getAt(p, base);
            const old = page.id;
            const now = input.value;
            page.id = now;
            if (!old || old === now || (p.pages || []).some((o) => o !== page && o.id === old)) return;
            for (const item of [...(p.slides || []), ...(p.pages || [])]) {
                for (const b of item.buttons || []) if (b.action === `page:${old}`) b.action = `page:${now}`;
            }
            if (p.interactive && p.interactive.home === old) p.interactive.home = now;
        }, {key: path});
        ctx.renderList();
    });
    return input;
}

function itemPane() {
    const item = ctx.selItem();
    const st = ctx.st;
    const base = ctx.selPath();
    const isSlide = st.sel.kind === 'slide';
    const parts = [
        el('h2', {text: `${isSlide ? 'Slide' : 'Page'} ${st.sel.index + 1}`}),
        field('Name (letters a-z, digits and -)', `${base}.id`, isSlide ?
            textInput(`${base}.id`, {dir: 'ltr'}) : pageIdInput(base)),
    ];
    if (isSlide) {
        parts.push(field('Seconds on screen', `${base}.duration`, numberInput(`${base}.duration`,
            {min: 1, max: 3600, step: 1,
                placeholder: String((st.playlist.defaults && st.playlist.defaults.duration) || 8)}),
        'Empty: as the playlist says.'));
        parts.push(transitionField(`${base}.transition`));
    }
    parts.push(pictureField(`${base}.image`, 'Picture filling the screen'));
    parts.push(backgroundField(`${base}.background`));
    (item.texts || []).forEach((t, i) => parts.push(textBlock(base, i, t)));
    (item.images || []).forEach((t, i) => parts.push(imageBlock(base, i)));
    (item.buttons || []).forEach((b, i) => parts.push(buttonBlock(base, i, b)));
    (item.qrs || []).forEach((q, i) => parts.push(qrBlock(base, i)));
    parts.push(addButtons(base));
    parts.push(scheduleField(`${base}.schedule`, item.id));
    return parts;
}

export function renderFields(c) {
    ctx = c;
    const pane = document.getElementById('fields');
    const scroll = pane.parentElement.scrollTop;
    const other = el('div', {class: 'other-msgs'});
    if (!ctx.st.playlist) return;
    if (ctx.st.sel.kind === 'playlist') pane.replaceChildren(other, ...playlistPane());
    else if (ctx.selItem()) pane.replaceChildren(other, ...itemPane());
    else pane.replaceChildren(other, el('p', {text: 'Choose a slide or a page on the left.'}));
    pane.parentElement.scrollTop = scroll;
    if (ctx.st.box) {
        const sec = pane.querySelector(`section.block[data-block="${CSS.escape(ctx.st.box)}"]`);
        if (sec && !isVisible(sec, pane.parentElement)) sec.scrollIntoView({block: 'nearest'});
    }
}

function isVisible(elem, scroller) {
    const a = elem.getBoundingClientRect();
    const b = scroller.getBoundingClientRect();
    return a.top >= b.top && a.top < b.bottom - 40;
}

function messageText(m) {
    const where = m.line ? ` (playlist.json line ${m.line})` : '';
    const word = m.severity === 'error' ? 'Error' : 'Warning';
    return `${word}: ${m.text}${where}`;
}

// Each message goes beside the field whose path is the longest prefix of its own; messages about
// other slides are listed at the top with a link to them.
export function showMessages(c) {
    ctx = c;
    const pane = document.getElementById('fields');
    for (const box of pane.querySelectorAll('.msgs')) box.replaceChildren();
    for (const f of pane.querySelectorAll('.field.has-error, .field.has-warning')) {
        f.classList.remove('has-error', 'has-warning');
    }
    const fields = [...pane.querySelectorAll('[data-field]')];
    const other = pane.querySelector('.other-msgs');
    if (!other) return;
    other.replaceChildren();
    const elsewhere = [];
    for (const m of ctx.st.messages || []) {
        const path = m.path || '';
        let best = null;
        for (const f of fields) {
            const fp = f.dataset.field;
            if (path && pathWithin(path, fp) && (!best || fp.length > best.dataset.field.length)) best = f;
        }
        const line = el('p', {class: `msg ${m.severity === 'error' ? 'error' : 'warning'}`,
            role: m.severity === 'error' ? 'alert' : undefined, 'data-path': path, dir: 'auto',
            text: messageText(m)});
        if (best) {
            best.querySelector(':scope > .msgs').append(line);
            best.classList.add(m.severity === 'error' ? 'has-error' : 'has-warning');
        } else {
            elsewhere.push([m, line]);
        }
    }
    if (!elsewhere.length) return;
    other.append(el('h3', {text: 'Messages about other parts of the playlist'}));
    for (const [m, line] of elsewhere) {
        const target = where(m.path || '');
        if (target) {
            line.append(' ', el('button', {class: 'link', text: 'Show', onclick: () => ctx.select(target)}));
        }
        other.append(line);
    }
}

function where(path) {
    const m = /^(slides|pages)\[(\d+)\]/.exec(path);
    if (m) return {kind: m[1] === 'slides' ? 'slide' : 'page', index: Number(m[2])};
    if (path) return {kind: 'playlist', index: 0};
    return null;
}
