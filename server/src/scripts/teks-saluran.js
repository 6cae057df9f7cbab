// The page of channel texts (/materi/{id}/saluran): each text counted, checked against its
// channel's limits and previewed as it is typed, by the server's own check
// (POST /api/item/channel-text/check: the limits are the ones saving checks), and the post as
// previewed copied in one click. Texts come from the page. Without this script the page works as
// plain forms; with the connection gone, the last count the server gave stays.

for (const form of document.querySelectorAll('form.channel-text-form')) {
  const { item, channel } = form.dataset;
  const area = form.querySelector('textarea');
  const count = form.querySelector('[data-testid="text-count"]');
  const over = form.querySelector('[data-testid="text-over"]');
  const preview = form.querySelector('[data-testid="post-text"]');
  let timer = 0;
  let asked = 0;
  const check = async () => {
    const mine = ++asked;
    try {
      const res = await fetch('/api/item/channel-text/check', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: item, channel, text: area.value }),
      });
      // An answer overtaken by a later keystroke is not shown.
      if (!res.ok || mine !== asked) return;
      const shown = await res.json();
      count.textContent = shown.count;
      over.textContent = shown.over ?? '';
      if (shown.over) area.setAttribute('aria-invalid', 'true');
      else area.removeAttribute('aria-invalid');
      preview.textContent = shown.posted;
    } catch {
      // Offline: the count stays as it was; saving checks again.
    }
  };
  area.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(check, 250);
  });

  const row = form.querySelector('.copy-row');
  const button = row.querySelector('button');
  const status = row.querySelector('[role="status"]');
  row.hidden = !navigator.clipboard;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(preview.textContent);
      status.textContent = button.dataset.copied;
    } catch {
      status.textContent = button.dataset.failed;
    }
  });
}
