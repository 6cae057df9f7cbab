// The page's side of the installed app: registers the service worker, offers a new version
// ("Versi baru tersedia — muat ulang"), and says when the page is the device's last copy and how
// old it is. Texts come from the page (the server writes them in its language).
'use strict';

if ('serviceWorker' in navigator) {
  const offer = document.getElementById('app-update');
  let asked = false;
  const show = (waiting) => {
    if (!offer || !navigator.serviceWorker.controller) return;
    offer.hidden = false;
    offer.querySelector('button').onclick = () => {
      asked = true;
      waiting.postMessage({ type: 'activate' });
    };
  };
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (asked) location.reload();
  });
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).then((reg) => {
    if (reg.waiting) show(reg.waiting);
    reg.addEventListener('updatefound', () => {
      const next = reg.installing;
      if (!next) return;
      next.addEventListener('statechange', () => {
        if (next.state === 'installed') show(next);
      });
    });
    // A tablet that keeps Warta open for days still learns of a new version.
    setInterval(() => reg.update().catch(() => {}), 60 * 60 * 1000);
  }).catch(() => {});
  // What the device keeps (drafts typed without a connection, the last copies) is not to be
  // cleared by the browser when its storage runs low: asked once, the browser decides.
  if (navigator.storage && navigator.storage.persist) {
    navigator.storage.persisted().then((kept) => kept || navigator.storage.persist()).catch(() => {});
  }
}

// The service worker marks a page it served from the device with the time it was saved.
const copy = document.getElementById('offline-copy');
if (copy && copy.dataset.copySaved) {
  const saved = new Date(Number(copy.dataset.copySaved));
  const lang = document.documentElement.lang || 'id';
  const tell = () => {
    const minutes = Math.round((saved.getTime() - Date.now()) / 60000);
    const rel = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
    const ago = Math.abs(minutes) < 60 ? rel.format(minutes, 'minute')
      : Math.abs(minutes) < 48 * 60 ? rel.format(Math.round(minutes / 60), 'hour')
      : rel.format(Math.round(minutes / 1440), 'day');
    const when = saved.toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
    copy.querySelector('[data-age]').textContent = ago + ' (' + when + ')';
  };
  tell();
  copy.hidden = false;
  setInterval(tell, 60000);
}

// Push notifications on this device (the bell's section, drawn by the server with the VAPID key
// and whether the person switched push off). The server keeps the subscription per device and
// session; signing out removes it.
const push = document.getElementById('push');
if (push && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window) {
  const api = async (name, body) => {
    const res = await fetch('/api/push/' + name, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error('push/' + name + ': ' + res.status);
  };
  const keep = (sub) => {
    const json = sub.toJSON();
    return api('subscribe', { endpoint: json.endpoint, p256dh: json.keys.p256dh, auth: json.keys.auth });
  };
  const show = (state) => {
    push.hidden = false;
    push.dataset.state = state;
    for (const el of push.querySelectorAll('[data-when]')) el.hidden = el.dataset.when !== state;
    push.querySelector('[data-do="on"]').hidden = !['ready', 'off', 'failed'].includes(state);
    push.querySelector('[data-do="off"]').hidden = state !== 'on';
  };
  const settle = async () => {
    const reg = await navigator.serviceWorker.ready;
    const sub = await reg.pushManager.getSubscription();
    if (Notification.permission === 'denied') return show('blocked');
    if (push.dataset.off === 'true') return show('off');
    if (!sub) return show('ready');
    // A device subscribed in an earlier session: kept again for this one (once per tab).
    const mark = 'warta-push:' + sub.endpoint;
    if (sessionStorage.getItem(mark) !== '1') {
      await keep(sub);
      sessionStorage.setItem(mark, '1');
    }
    show('on');
  };
  push.querySelector('[data-do="on"]').addEventListener('click', async () => {
    try {
      if ((await Notification.requestPermission()) !== 'granted') return show('blocked');
      const reg = await navigator.serviceWorker.ready;
      const sub = (await reg.pushManager.getSubscription())
        || (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: push.dataset.key }));
      await keep(sub);
      push.dataset.off = 'false';
      show('on');
    } catch (_) {
      show('failed');
    }
  });
  push.querySelector('[data-do="off"]').addEventListener('click', async () => {
    try {
      await api('off', {});
      const sub = await (await navigator.serviceWorker.ready).pushManager.getSubscription();
      if (sub) await sub.unsubscribe();
      push.dataset.off = 'true';
      show('off');
    } catch (_) {
      show('failed');
    }
  });
  settle().catch(() => {});
}

// The material's uploads (`/berkas.js`): on a page with the upload form, and on any page while
// the device's queue holds files taken without a connection (sent when it returns).
const uploadsWaiting = () => {
  try {
    return localStorage.getItem('warta-berkas-menunggu') !== null;
  } catch {
    return false;
  }
};
if (document.querySelector('form.media-add') || uploadsWaiting()) {
  import('/berkas.js').catch(() => {});
}
