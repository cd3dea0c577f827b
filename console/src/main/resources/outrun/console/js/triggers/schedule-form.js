// The schedule form: a cron or an interval, its time zone, overlap policy and catch-up window, and
// a live preview as you type: the cron's description and next runs from the API
// (GET .../triggers/schedule/preview), an interval's computed here.
import { h, field, replace } from '../dom.js';
import * as api from '../api.js';
import { choice, text, whole, numberOf, defined } from './controls.js';

const OVERLAP = ['skip', 'buffer_one', 'allow_all'];
const PREVIEW_DELAY_MS = 300;
const PREVIEW_COUNT = 5;

export function scheduleForm(config, { workflowId }) {
  const byInterval = config.intervalSeconds !== undefined && config.cron === undefined;
  const kind = choice('timing', 'Fires', ['cron', 'interval'], byInterval ? 'interval' : 'cron');
  const cron = text('cron', 'Cron (minute hour day month weekday)', config.cron ?? '0 9 * * 1-5',
    '5-field Unix cron, or @hourly, @daily, @weekly, @monthly, @yearly');
  const interval = whole('intervalSeconds', 'Every (seconds)', config.intervalSeconds ?? 300, 1);
  const zones = h('datalist', { id: 'trigger-zones' }, timeZones().map((z) => h('option', { value: z })));
  const zone = text('timezone', 'Time zone', config.timezone ?? 'UTC', 'an IANA time zone', { list: 'trigger-zones' });
  const overlap = choice('overlapPolicy', 'If the last run still goes', OVERLAP, config.overlapPolicy || 'skip',
    'skip this tick, buffer one, or allow all');
  const catchup = whole('catchupWindowSeconds', 'Catch-up window (seconds)', config.catchupWindowSeconds, 0, undefined,
    'ticks missed while down for less than this still run');
  const preview = h('section', { class: 'preview', id: 'schedule-preview', 'aria-live': 'polite', 'aria-label': 'Next runs' });
  let timer = null;
  let inFlight = null;

  function show() {
    cron.element.hidden = kind.control.value !== 'cron';
    interval.element.hidden = kind.control.value !== 'interval';
    clearTimeout(timer);
    timer = setTimeout(refresh, PREVIEW_DELAY_MS);
  }

  async function refresh() {
    const zoneName = zone.control.value.trim() || 'UTC';
    if (kind.control.value === 'interval') {
      const seconds = numberOf(interval.control);
      if (!(seconds >= 1)) return replace(preview, h('p', { class: 'field-error' }, 'An interval is a whole number of seconds, at least 1.'));
      const now = Date.now();
      const next = Array.from({ length: PREVIEW_COUNT }, (_, i) => new Date(now + (i + 1) * seconds * 1000).toISOString());
      return replace(preview, previewView(intervalDescription(seconds), next, zoneName, 'counted from when it is enabled'));
    }
    inFlight?.abort();
    inFlight = new AbortController();
    try {
      const answer = await api.get(api.withQuery(`/api/workflows/${encodeURIComponent(workflowId)}/triggers/schedule/preview`,
        { cron: cron.control.value, timezone: zoneName, count: PREVIEW_COUNT }), { signal: inFlight.signal });
      replace(preview, previewView(answer.description, answer.nextRuns, zoneName));
    } catch (e) {
      if (e.name === 'AbortError') return;
      replace(preview, h('div', { class: 'field-error', id: 'schedule-preview-error' },
        e.errors.length ? e.errors.map((err) => h('p', {}, `${err.field}: ${err.message}`)) : api.describe(e)));
    }
  }

  for (const c of [kind.control, cron.control, interval.control, zone.control]) c.addEventListener('input', show);
  kind.control.addEventListener('change', show);
  show();
  return {
    element: h('div', { class: 'trigger-form', 'data-form': 'schedule' }, kind.element, cron.element, interval.element,
      zone.element, zones, overlap.element, catchup.element, field('Preview', preview)),
    config: () => defined({
      cron: kind.control.value === 'cron' ? cron.control.value.trim() : undefined,
      intervalSeconds: kind.control.value === 'interval' ? numberOf(interval.control) : undefined,
      timezone: zone.control.value.trim() || undefined,
      overlapPolicy: overlap.control.value,
      catchupWindowSeconds: numberOf(catchup.control),
    }),
  };
}

function previewView(description, nextRuns, zoneName, note) {
  const format = zoneFormat(zoneName);
  return [
    h('p', { id: 'schedule-description' }, h('strong', {}, description), note ? ` (${note})` : ''),
    h('ol', { id: 'schedule-next-runs' }, nextRuns.map((iso) =>
      h('li', {}, h('time', { datetime: iso }, `${format(iso)} (${zoneName})`)))),
  ];
}

/** "every 5 minutes", "every 90 seconds", "every 2 hours". */
export function intervalDescription(seconds) {
  const units = [[86400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']];
  const [size, unit] = units.find(([s]) => seconds % s === 0);
  const n = seconds / size;
  return n === 1 ? `every ${unit}` : `every ${n} ${unit}s`;
}

function zoneFormat(zoneName) {
  try {
    const f = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: zoneName });
    return (iso) => f.format(new Date(iso));
  } catch {
    return (iso) => iso; // a zone this browser does not know: the API still says whether it is one
  }
}

function timeZones() {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
}
