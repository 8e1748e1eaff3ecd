// Shared by both benchmark pages: the painted moment and keystroke latency, measured the same way.
export const params = new URLSearchParams(location.search);
export const results = (window.__bench = { ready: false });

/** Resolves after the next frame has been painted. */
export function painted() {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(0);
    }),
  );
}

/** Keystroke → next painted frame, for every key pressed in the page. */
export function recordKeystrokes() {
  results.keystrokes = [];
  addEventListener(
    'keydown',
    (event) => {
      const start = event.timeStamp;
      void painted().then((end) => results.keystrokes.push(end - start));
    },
    { capture: true },
  );
}

export async function fetchJson(url) {
  return (await fetch(url, { cache: 'no-store' })).json();
}
