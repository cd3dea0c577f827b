// Follows a run until it ends: GET /api/runs/{id}/events (server-sent events read with fetch, as
// EventSource cannot send a bearer header), or, where the server has no stream, polling
// GET /api/runs/{id} once a second. Returns a function that stops following.
import * as api from '../api.js';
import * as session from '../session.js';

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
const POLL_MS = 1000;

export function watchRun(runId, { onRun, onMode, onError }) {
  const abort = new AbortController();
  let timer = null;
  const path = `/api/runs/${encodeURIComponent(runId)}`;

  async function poll() {
    try {
      const run = await api.get(path, { signal: abort.signal });
      onRun(run);
      if (!TERMINAL.has(run.status)) timer = setTimeout(poll, POLL_MS);
    } catch (e) {
      if (e.name !== 'AbortError') onError(e);
    }
  }

  async function stream() {
    let response;
    try {
      response = await fetch(`${path}/events`, {
        headers: { Accept: 'text/event-stream', Authorization: `Bearer ${session.current()?.token}` },
        credentials: 'omit', cache: 'no-store', signal: abort.signal,
      });
    } catch (e) {
      if (e.name === 'AbortError') return;
      response = null;
    }
    if (!response || !response.ok || !(response.headers.get('Content-Type') || '').startsWith('text/event-stream')) {
      onMode(`Live updates are unavailable (GET ${path}/events: ${response ? response.status : 'no answer'}); polling the run every second.`);
      poll();
      return;
    }
    onMode('Live: following the run as it changes.');
    try {
      await readEvents(response.body, (event, data) => {
        if (event === 'snapshot' || event === 'run') onRun(JSON.parse(data));
      });
    } catch (e) {
      if (e.name !== 'AbortError') onError(e);
      return;
    }
    poll(); // the stream ended (event: end, or cut off): one read settles the final state
  }

  stream();
  return () => {
    abort.abort();
    clearTimeout(timer);
  };
}

/** Calls onEvent(name, data) for each event of a text/event-stream body until it ends. */
async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let event = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue; // heartbeat
        const [name, ...rest] = line.split(':');
        const text = rest.join(':').replace(/^ /, '');
        if (name === 'event') event = text;
        if (name === 'data') data.push(text);
      }
      if (event === 'end') return;
      if (data.length) onEvent(event, data.join('\n'));
    }
  }
}
