// The boxes drawn over the preview: select, drag to move, corner and edge handles to resize,
// snapping to a grid and to the other boxes' edges. A finished drag writes the box back to the
// playlist as fractions of the screen.
import {el, getAt} from './api.js';

const GRID = 0.02;        // fraction of the screen
const SNAP_PX = 8;        // on the page, whatever the zoom
const HANDLES = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

let drag = null;

export function clearBoxes() {
    document.getElementById('overlay').replaceChildren();
}

function kindLabel(kind) {
    return {text: 'text', image: 'picture', button: 'button', qr: 'QR code', clock: 'clock',
        ticker: 'ticker'}[kind] || kind;
}

export function drawBoxes(ctx, boxes) {
    const {st} = ctx;
    // A new preview arriving mid-drag must not pull the box from under the pointer; the drag's
    // own save brings the next one.
    if (drag) return;
    const overlay = document.getElementById('overlay');
    overlay.replaceChildren();
    const s = st.scale || 1;
    for (const b of boxes) {
        const block = getAt(st.playlist, b.path);
        const id = block && block.id ? ` · ${block.id}` : '';
        const selected = st.box === b.path;
        const div = el('div', {
            class: `box kind-${b.kind}${selected ? ' selected' : ''}`,
            'data-path': b.path,
            title: `${kindLabel(b.kind)}${id}: drag to move`,
        }, el('span', {class: 'tag', text: `${kindLabel(b.kind)}${id}`}));
        place(div, b, s);
        if (selected) {
            for (const h of HANDLES) {
                div.append(el('span', {class: `handle h-${h}`, 'data-handle': h}));
            }
        }
        div.addEventListener('pointerdown', (e) => start(ctx, e, b, div, boxes));
        overlay.append(div);
    }
}

function place(div, r, s) {
    div.style.left = `${r.x * s}px`;
    div.style.top = `${r.y * s}px`;
    div.style.width = `${Math.max(r.w * s, 4)}px`;
    div.style.height = `${Math.max(r.h * s, 4)}px`;
}

function start(ctx, e, b, div, boxes) {
    if (e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    const {st} = ctx;
    const handle = e.target.dataset.handle || 'move';
    if (st.box !== b.path) {
        ctx.selectBox(b.path);
        // The box was redrawn with its handles; carry on dragging the new one.
        div = document.querySelector(`#overlay .box[data-path="${CSS.escape(b.path)}"]`);
    }
    const fb = getAt(st.playlist, `${b.path}.box`);
    if (!Array.isArray(fb) || fb.length !== 4) return;
    drag = {
        ctx, b, div, handle, fb, x0: e.clientX, y0: e.clientY, r: {...b}, moved: false,
        others: boxes.filter((o) => o.path !== b.path),
    };
    div.setPointerCapture(e.pointerId);
    div.addEventListener('pointermove', move);
    div.addEventListener('pointerup', end);
    div.addEventListener('pointercancel', end);
}

// The nearest line within reach of any of `edges`: returns the shift to apply, or 0.
function snap(edges, lines, reach) {
    let best = 0;
    let dist = reach + 1;
    for (const e of edges) {
        for (const l of lines) {
            const d = Math.abs(l - e);
            if (d < dist) {
                dist = d;
                best = l - e;
            }
        }
    }
    return dist <= reach ? best : 0;
}

function lines(ctx, others, axis) {
    const {width: W, height: H} = ctx.st.screen;
    const size = axis === 'x' ? W : H;
    const out = [];
    for (let f = 0; f <= 1.0001; f += GRID) out.push(f * size);
    for (const o of others) {
        if (axis === 'x') out.push(o.x, o.x + o.w);
        else out.push(o.y, o.y + o.h);
    }
    return out;
}

function move(e) {
    if (!drag) return;
    const {ctx, b, handle} = drag;
    const s = ctx.st.scale || 1;
    const dx = (e.clientX - drag.x0) / s;
    const dy = (e.clientY - drag.y0) / s;
    if (!drag.moved && Math.abs(dx) * s < 3 && Math.abs(dy) * s < 3) return;
    drag.moved = true;
    const {width: W, height: H} = ctx.st.screen;
    const reach = SNAP_PX / s;
    const doSnap = ctx.st.snap !== false;
    let x1 = b.x, y1 = b.y, x2 = b.x + b.w, y2 = b.y + b.h;
    const lx = doSnap ? lines(ctx, drag.others, 'x') : [];
    const ly = doSnap ? lines(ctx, drag.others, 'y') : [];
    if (handle === 'move') {
        x1 += dx; x2 += dx; y1 += dy; y2 += dy;
        const sx = snap([x1, x2], lx, reach);
        const sy = snap([y1, y2], ly, reach);
        x1 += sx; x2 += sx; y1 += sy; y2 += sy;
        const fx = Math.min(0, W - x2) + Math.max(0, -x1);
        const fy = Math.min(0, H - y2) + Math.max(0, -y1);
        x1 += fx; x2 += fx; y1 += fy; y2 += fy;
    } else {
        const min = 0.02;
        if (handle.includes('w')) { x1 = clamp(x1 + dx, 0, x2 - min * W); x1 += snap([x1], lx, reach); }
        if (handle.includes('e')) { x2 = clamp(x2 + dx, x1 + min * W, W); x2 += snap([x2], lx, reach); }
        if (handle.includes('n')) { y1 = clamp(y1 + dy, 0, y2 - min * H); y1 += snap([y1], ly, reach); }
        if (handle.includes('s')) { y2 = clamp(y2 + dy, y1 + min * H, H); y2 += snap([y2], ly, reach); }
    }
    drag.r = {x: x1, y: y1, w: x2 - x1, h: y2 - y1};
    place(drag.div, drag.r, s);
    drag.div.classList.add('dragging');
}

function clamp(v, lo, hi) {
    return Math.min(hi, Math.max(lo, v));
}

const round3 = (v) => Math.round(v * 1000) / 1000;

const RTL = ['he', 'ar', 'fa', 'ur', 'yi'];
const rtl = (lang) => RTL.includes(String(lang).split('-')[0]);

// For a box in the middle, which the drawing cannot tell: a page mirrors (its own "mirror", else
// interactive.mirror_rtl) in a language that reads the other way from the primary one.
function pageMirrored(ctx) {
    const {st} = ctx;
    if (st.sel.kind !== 'page') return false;
    const page = ctx.selItem();
    const inter = st.playlist.interactive || {};
    const mirror = page && typeof page.mirror === 'boolean' ? page.mirror : inter.mirror_rtl === true;
    return mirror && rtl(st.lang) !== rtl((st.playlist.languages || [])[0]);
}

function end(e) {
    if (!drag) return;
    const {ctx, b, fb, r, div} = drag;
    div.removeEventListener('pointermove', move);
    div.removeEventListener('pointerup', end);
    div.removeEventListener('pointercancel', end);
    const moved = drag.moved;
    drag = null;
    if (moved) writeBack(ctx, b, fb, r);
}

// The box `b` as drawn became `r` (screen pixels): write the playlist's fractions `fb` anew.
function writeBack(ctx, b, fb, r) {
    const {width: W, height: H} = ctx.st.screen;
    // The boxes are as drawn: a page mirrored for the other reading direction draws box x at
    // 1 - x - w. Moving its left edge moves the written right edge the other way.
    const straight = Math.abs(b.x - fb[0] * W);
    const mirrored = Math.abs(b.x - (1 - fb[0] - fb[2]) * W);
    const isMirrored = Math.abs(straight - mirrored) > 1 ? mirrored < straight :
        pageMirrored(ctx);
    const dl = (r.x - b.x) / W;
    const dr = (r.x + r.w - (b.x + b.w)) / W;
    const dt = (r.y - b.y) / H;
    const db = (r.y + r.h - (b.y + b.h)) / H;
    let x = isMirrored ? fb[0] - dr : fb[0] + dl;
    let w = fb[2] + (dr - dl);
    let y = fb[1] + dt;
    let h = fb[3] + (db - dt);
    w = clamp(round3(w), 0.01, 1);
    h = clamp(round3(h), 0.01, 1);
    x = clamp(round3(x), 0, round3(1 - w));
    y = clamp(round3(y), 0, round3(1 - h));
    ctx.edit((p) => {
        getAt(p, b.path).box = [x, y, w, h];
    }, {rerender: true});
    b.x = r.x; b.y = r.y; b.w = r.w; b.h = r.h;
}

// The arrow keys move the selected box by 1% of the screen (Shift: 5%), as seen.
export function nudge(ctx, dx, dy) {
    const {st} = ctx;
    const b = (st.lastBoxes || []).find((o) => o.path === st.box);
    const fb = b && getAt(st.playlist, `${b.path}.box`);
    if (!b || !Array.isArray(fb) || fb.length !== 4) return false;
    const {width: W, height: H} = st.screen;
    const x = clamp(b.x + dx * W, 0, W - b.w);
    const y = clamp(b.y + dy * H, 0, H - b.h);
    writeBack(ctx, b, fb, {x, y, w: b.w, h: b.h});
    drawBoxes(ctx, st.lastBoxes);
    return true;
}
