// A run's steps on one time axis (SVG): a bar per step from its start for its duration, coloured
// by status, with its attempts; the axis spans the run from queued to finished (or now).
import { s } from '../dom.js';

const ROW = 26;
const LABEL = 140;
const WIDTH = 900;

/** The bars' geometry, pure: [{nodeId, status, x, width, attempts}] on a 0..span axis in px. */
export function timelineBars(run, now = Date.now()) {
  const steps = (run.steps || []).filter((st) => st.startedAt);
  const t0 = start(run, steps);
  const scale = (WIDTH - LABEL - 10) / timelineSpan(run, now);
  return steps.map((st) => ({
    nodeId: st.nodeId, status: st.status, attempts: st.attempts ?? 1,
    x: Math.max(0, (Date.parse(st.startedAt) - t0) * scale),
    width: Math.max(2, (st.durationMs ?? Math.max(0, now - Date.parse(st.startedAt))) * scale),
  }));
}

function start(run, steps) {
  return Date.parse(run.startedAt || run.queuedAt || steps[0]?.startedAt);
}

/** How long the axis lasts in ms: from the run's start to its end (or its last step's). */
function timelineSpan(run, now = Date.now()) {
  const steps = (run.steps || []).filter((st) => st.startedAt);
  const t0 = start(run, steps);
  const ends = steps.map((st) => Date.parse(st.startedAt) + (st.durationMs ?? Math.max(0, now - Date.parse(st.startedAt))));
  return Math.max(run.finishedAt ? Date.parse(run.finishedAt) : 0, ...ends, t0 + 1) - t0;
}

export function stepTimeline(run) {
  const bars = timelineBars(run);
  if (bars.length === 0) return null;
  const height = bars.length * ROW + 22;
  const span = timelineSpan(run);
  return s('svg', { class: 'timeline-chart', id: 'step-timeline', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img',
    'aria-label': `Step timeline: ${bars.map((b) => `${b.nodeId} ${b.status}`).join(', ')}` },
  bars.map((b, i) => s('g', { class: `bar ${b.status}` },
    s('text', { x: 4, y: i * ROW + 18, class: 'bar-label' }, b.nodeId),
    s('rect', { x: LABEL + b.x, y: i * ROW + 5, width: b.width, height: ROW - 8, rx: 3 },
      s('title', {}, `${b.nodeId}: ${b.status}, ${b.attempts} attempt${b.attempts === 1 ? '' : 's'}`)),
    b.attempts > 1 ? s('text', { x: LABEL + b.x + b.width + 4, y: i * ROW + 18, class: 'bar-label' }, `×${b.attempts}`) : null)),
  s('text', { x: LABEL, y: height - 4, class: 'axis' }, '0 ms'),
  s('text', { x: WIDTH - 10, y: height - 4, class: 'axis', 'text-anchor': 'end' }, `${span} ms`));
}
