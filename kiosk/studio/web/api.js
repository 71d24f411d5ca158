// The studio's HTTP calls. The token comes from the page's own address (?token=...), as the
// server printed it; every /api/ call carries it in a header (images, which cannot send headers,
// carry it in the query).

const token = new URLSearchParams(location.search).get('token') || '';

export class ApiError extends Error {
    constructor(status, body) {
        super((body && body.error) || `the studio answered ${status}`);
        this.status = status;
        this.body = body;
    }
}

async function call(method, path, body, raw) {
    const headers = {'X-Studio-Token': token};
    let payload;
    if (raw !== undefined) {
        payload = raw;
        headers['Content-Type'] = 'application/octet-stream';
    } else if (body !== undefined) {
        payload = JSON.stringify(body);
        headers['Content-Type'] = 'application/json';
    }
    let res;
    try {
        res = await fetch(path, {method, headers, body: payload, cache: 'no-store'});
    } catch (e) {
        throw new ApiError(0, {error: 'the studio is not answering: is `kiosk studio` still running?'});
    }
    let data = null;
    const text = await res.text();
    try {
        data = text ? JSON.parse(text) : null;
    } catch (e) {
        data = {error: text.slice(0, 300)};
    }
    if (!res.ok) throw new ApiError(res.status, data);
    return data;
}

export const api = {
    get: (path) => call('GET', path),
    put: (path, body) => call('PUT', path, body),
    post: (path, body) => call('POST', path, body),
    upload: (path, bytes) => call('POST', path, undefined, bytes),
};

// An address for an <img> or a download link: the token rides in the query.
export function url(path, params = {}) {
    const q = new URLSearchParams(params);
    q.set('token', token);
    return `${path}?${q.toString()}`;
}

// "slides[2].texts[0].text.he" -> ["slides", 2, "texts", 0, "text", "he"]
export function parsePath(path) {
    const out = [];
    const re = /([^.[\]]+)|\[(\d+)\]|\["([^"]*)"\]/g;
    let m;
    while ((m = re.exec(path)) !== null) {
        if (m[1] !== undefined) out.push(m[1]);
        else if (m[2] !== undefined) out.push(Number(m[2]));
        else out.push(m[3]);
    }
    return out;
}

export function getAt(obj, path) {
    let o = obj;
    for (const k of typeof path === 'string' ? parsePath(path) : path) {
        if (o == null) return undefined;
        o = o[k];
    }
    return o;
}

// Sets a value, making the objects on the way; undefined deletes the key.
export function setAt(obj, path, value) {
    const keys = typeof path === 'string' ? parsePath(path) : path;
    let o = obj;
    for (let i = 0; i < keys.length - 1; i++) {
        if (o[keys[i]] == null || typeof o[keys[i]] !== 'object') {
            o[keys[i]] = typeof keys[i + 1] === 'number' ? [] : {};
        }
        o = o[keys[i]];
    }
    const last = keys[keys.length - 1];
    if (value === undefined) {
        if (Array.isArray(o)) o.splice(last, 1);
        else delete o[last];
    } else {
        o[last] = value;
    }
}

// Is message path `p` about `prefix` or something inside it?
export function pathWithin(p, prefix) {
    if (!p.startsWith(prefix)) return false;
    const next = p.charAt(prefix.length);
    return next === '' || next === '.' || next === '[';
}

export function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
        if (v === undefined || v === null || v === false) continue;
        if (k === 'class') e.className = v;
        else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
        else if (k === 'text') e.textContent = v;
        else if (k in e && k !== 'list' && typeof v !== 'string') e[k] = v;
        else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
        if (c === null || c === undefined || c === false) continue;
        e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
}
