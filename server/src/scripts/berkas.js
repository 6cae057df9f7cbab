// The material's photos and documents as the tablet sends them (issue 17): the upload form on the
// item page (`form.media-add`, drawn by the server; without this script it is a plain form) takes
// several files at once, from the picker, the camera or dropped on it, and sends each with its
// progress shown. A file chosen without a connection, or whose sending the connection broke, waits
// in this device's queue (IndexedDB, with the item, caption and alt text) and is sent when the
// connection returns, on any page of Warta that loads this script (`pwa.js` does while the queue
// holds something). The server judges each file as it does a plain form's: a refused one is said
// with the server's reason and leaves the queue. Signing out clears the queue with the rest of
// the site's data. Texts come from the form.
'use strict';

const DB = 'warta-berkas';
const QUEUE = 'antrian';
// Tells `pwa.js`, without opening IndexedDB, that the queue holds something.
const WAITING = 'warta-berkas-menunggu';

const open = () =>
  new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(QUEUE, { keyPath: 'key', autoIncrement: true });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

const inStore = async (mode, act) => {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(QUEUE, mode);
    const req = act(tx.objectStore(QUEUE));
    tx.oncomplete = () => resolve(req && req.result);
    tx.onerror = () => reject(tx.error);
  });
};

const queued = () => inStore('readonly', (s) => s.getAll());
const keep = (entry) => inStore('readwrite', (s) => s.add(entry));
const drop = (key) => inStore('readwrite', (s) => s.delete(key));
const mark = async () => {
  const left = (await queued()).length;
  if (left) localStorage.setItem(WAITING, '1');
  else localStorage.removeItem(WAITING);
  return left;
};

// The form of this page (its token, its texts), if it has one.
const form = () => document.querySelector('form.media-add');
const token = () => {
  const f = form() || document.querySelector('input[name="token"]')?.form;
  return f ? f.querySelector('input[name="token"]').value : '';
};
const say = (key) => form()?.dataset[key] ?? '';

// The list of this page's uploads, under the form.
const row = (name) => {
  const f = form();
  if (!f) return null;
  let list = f.querySelector('.upload-list');
  if (!list) {
    list = document.createElement('ul');
    list.className = 'upload-list';
    list.setAttribute('aria-live', 'polite');
    f.append(list);
  }
  const li = document.createElement('li');
  li.dataset.testid = 'upload';
  const label = document.createElement('span');
  label.textContent = name + ' ';
  const bar = document.createElement('progress');
  bar.max = 100;
  bar.value = 0;
  const state = document.createElement('span');
  state.className = 'upload-state';
  li.append(label, bar, ' ', state);
  list.append(li);
  return {
    progress: (p) => (bar.value = p),
    state: (text, kind) => {
      if (kind === 'refused') state.setAttribute('role', 'alert');
      state.textContent = text;
      li.dataset.state = kind;
      if (kind !== 'sending') bar.hidden = kind !== 'done';
    },
  };
};

// Sends one entry; resolves 'done', 'refused' (with the server's reason) or 'offline'.
const send = (entry, shown) =>
  new Promise((resolve) => {
    const body = new FormData();
    body.append('token', token());
    body.append('file', entry.file, entry.name);
    body.append('caption', entry.caption);
    body.append('alt', entry.alt);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/materi/${encodeURIComponent(entry.item)}/berkas`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => e.lengthComputable && shown?.progress(Math.round((100 * e.loaded) / e.total));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve({ outcome: 'done' });
      if (xhr.status >= 400 && xhr.status < 500) {
        let reason = '';
        try {
          reason = JSON.parse(xhr.responseText).message || '';
        } catch {}
        return resolve({ outcome: 'refused', reason });
      }
      // The server could not take it now: it stays queued.
      resolve({ outcome: 'offline' });
    };
    xhr.onerror = () => resolve({ outcome: 'offline' });
    xhr.ontimeout = () => resolve({ outcome: 'offline' });
    xhr.send(body);
  });

// The rows of this page's uploads, by queue key (one row a file, however often it is tried).
const rows = new Map();
const rowOf = (entry) => {
  if (!rows.has(entry.key)) rows.set(entry.key, row(entry.name));
  return rows.get(entry.key);
};

let draining = false;
// Sends what the queue holds, oldest first; what the connection drops stays for next time.
const drain = async () => {
  if (draining || !navigator.onLine) return;
  draining = true;
  let sent = 0;
  try {
    for (const entry of await queued()) {
      const shown = rowOf(entry);
      shown?.state(say('sending'), 'sending');
      const r = await send(entry, shown);
      if (r.outcome === 'offline') {
        shown?.state(say('waiting'), 'waiting');
        break;
      }
      await drop(entry.key);
      if (r.outcome === 'done') {
        sent += 1;
        shown?.state(say('done'), 'done');
      } else {
        shown?.state(`${say('refused')} ${r.reason}`, 'refused');
      }
    }
  } finally {
    draining = false;
  }
  const left = await mark();
  // The files are the server's now: the page shows them as it draws them (with their forms).
  const here = form();
  if (sent && !left && here && document.querySelectorAll('.upload-list [data-state="refused"]').length === 0) {
    location.reload();
  }
};

// The form: its files go to the queue, then out.
const take = async (files) => {
  const f = form();
  const item = f.dataset.item;
  const caption = f.querySelector('input[name="caption"]').value;
  const alt = f.querySelector('input[name="alt"]').value;
  for (const file of files) {
    const key = await keep({ item, name: file.name, file, caption, alt, at: Date.now() });
    const shown = rowOf({ key, name: file.name });
    shown?.state(say(navigator.onLine ? 'sending' : 'waiting'), navigator.onLine ? 'sending' : 'waiting');
  }
  await mark();
  f.reset();
  await drain();
};

const f = form();
if (f) {
  const input = f.querySelector('input[type="file"]');
  input.multiple = true;
  // Dropped files stand in for picked ones: the form checks its own fields.
  f.noValidate = true;
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!input.files.length) {
      input.setCustomValidity(say('choose'));
      input.reportValidity();
      input.setCustomValidity('');
      return;
    }
    take([...input.files]);
  });
  f.addEventListener('dragover', (e) => {
    e.preventDefault();
    f.classList.add('dropping');
  });
  f.addEventListener('dragleave', () => f.classList.remove('dropping'));
  f.addEventListener('drop', (e) => {
    e.preventDefault();
    f.classList.remove('dropping');
    if (e.dataTransfer?.files?.length) take([...e.dataTransfer.files]);
  });
  const hint = document.createElement('p');
  hint.className = 'muted drop-hint';
  hint.textContent = say('drop');
  f.prepend(hint);
}

window.addEventListener('online', drain);
drain();
