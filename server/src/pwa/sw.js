// Warta's service worker. The server fills in VERSION (changes with every deployment) and PRECACHE
// (the app shell: the offline page, icons, and the hashed files under /pkg).
//
// What it keeps on the device:
//   shell-VERSION  the app shell, replaced whole by the next version;
//   pages-HOLDER   the last copy of the signed-in pages one person opened (and the items on their
//                  desk), so that they read offline. One person's copies only: a page for someone
//                  else, or for nobody (signed out), deletes them. Signing out clears the device
//                  from the server's side too (Clear-Site-Data).
// Never kept: server functions and the live stream (/api/), anything but GET, other sites.
'use strict';

const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const SHELL = 'shell-' + VERSION;
const PAGES = 'pages-';
const OFFLINE = '/offline';
// With a last copy at hand, a page the network has not answered in this long is shown from it
// (the network's answer still refreshes the copy).
const NETWORK_PATIENCE_MS = 3500;
// The items on a person's desk are fetched again at most this often.
const DESK_REFRESH_MS = 5 * 60 * 1000;
const DESK_MAX = 40;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(PRECACHE)));
});

// A new version waits until the person chooses "Muat ulang" (or every Warta window is closed):
// pages are never switched under someone's hands.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'activate') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('shell-') && key !== SHELL) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (req.mode === 'navigate') {
    event.respondWith(page(event, url));
  } else if (PRECACHE.includes(url.pathname)) {
    event.respondWith(caches.open(SHELL).then((c) => c.match(req)).then((hit) => hit || fetch(req)));
  }
});

// A page: from the network, kept as the last copy; without the network (or while it keeps the
// person waiting), the last copy marked with its age; else the offline page.
async function page(event, url) {
  const copy = lastCopy(url);
  const network = fetch(event.request).then(async (res) => {
    await remember(url, res.clone());
    if (url.pathname === '/') event.waitUntil(refreshDesk(res.clone()));
    return res;
  });
  event.waitUntil(network.catch(() => {}));
  const patience = copy.then((c) => c && new Promise((resolve) => setTimeout(() => resolve(c), NETWORK_PATIENCE_MS)));
  try {
    const first = await Promise.race([network, patience.then((c) => c || network)]);
    return first;
  } catch (_) {
    const c = await copy;
    if (c) return c;
    const offline = await caches.open(SHELL).then((cache) => cache.match(OFFLINE));
    return offline || Response.error();
  }
}

async function pagesCache() {
  const key = (await caches.keys()).find((k) => k.startsWith(PAGES));
  return key ? caches.open(key) : null;
}

async function lastCopy(url) {
  const cache = await pagesCache();
  const hit = cache && (await cache.match(url.pathname + url.search));
  if (!hit) return null;
  const saved = hit.headers.get('x-warta-saved') || '';
  const html = (await hit.text()).replace('data-copy-saved=""', 'data-copy-saved="' + saved + '"');
  return new Response(html, { status: 200, headers: hit.headers });
}

// Keeps a signed-in page's answer for its holder (`x-warta-holder`, set by the server on Warta's
// own pages); a page drawn for nobody removes every kept page.
async function remember(url, res) {
  const holder = res.headers.get('x-warta-holder');
  if (holder === null) return;
  const mine = PAGES + holder;
  for (const key of await caches.keys()) {
    if (key.startsWith(PAGES) && key !== mine) await caches.delete(key);
  }
  if (holder === '' || res.status !== 200 || res.type !== 'basic') return;
  const headers = new Headers(res.headers);
  headers.set('x-warta-saved', String(Date.now()));
  const body = await res.blob();
  await (await caches.open(mine)).put(url.pathname + url.search, new Response(body, { status: 200, headers }));
}

// After "Tugas Saya" came from the network: the items on the desk, so that they read offline too.
async function refreshDesk(res) {
  const holder = res.headers.get('x-warta-holder');
  if (!holder) return;
  const html = await res.text();
  const ids = [...new Set([...html.matchAll(/href="\/materi\/([A-Za-z0-9_-]+)"/g)].map((m) => m[1]))]
    .filter((id) => id !== 'baru')
    .slice(0, DESK_MAX);
  const cache = await caches.open(PAGES + holder);
  for (const id of ids) {
    const path = '/materi/' + id;
    const kept = await cache.match(path);
    const age = kept ? Date.now() - Number(kept.headers.get('x-warta-saved') || 0) : Infinity;
    if (age < DESK_REFRESH_MS) continue;
    try {
      const item = await fetch(path, { credentials: 'same-origin', headers: { accept: 'text/html' } });
      await remember(new URL(path, self.location.origin), item);
    } catch (_) {
      return;
    }
  }
}

// Push: the server's message names what happened and the page to open.
self.addEventListener('push', (event) => {
  let msg = {};
  try {
    msg = event.data ? event.data.json() : {};
  } catch (_) {
    msg = { body: event.data ? event.data.text() : '' };
  }
  event.waitUntil(self.registration.showNotification(msg.title || 'Warta', {
    body: msg.body || '',
    tag: msg.tag || undefined,
    lang: msg.lang || 'id',
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-96.png',
    data: { url: msg.url || '/' },
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openPage(event.notification.data && event.notification.data.url));
});

// Opens one of Warta's own pages: in a Warta window already open, else in a new one.
async function openPage(where) {
  const target = new URL(where || '/', self.location.origin);
  if (target.origin !== self.location.origin) return null;
  const windows = await self.clients.matchAll({ type: 'window' });
  for (const w of windows) {
    try {
      const moved = await w.navigate(target.href);
      if (moved) {
        try { await moved.focus(); } catch (_) { /* focus needs the click's activation */ }
        return moved;
      }
    } catch (_) { /* not controlled by this worker: try the next, else a new window */ }
  }
  return self.clients.openWindow(target.href);
}
