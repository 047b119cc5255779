/**
 * Timeline renderers for scenario results (LANGUAGE.md §7–§9): the text timeline of
 * `simulate --format text`, the SVG of `--format svg` and of the editor's timeline view, the
 * side-by-side `compare` table, and the one-line summary the code lens shows.
 *
 * Plain TypeScript: imports nothing but the model types (no Langium, Node or DOM APIs).
 */
export { renderTextTimeline, STATE_GLYPHS, type TextTimelineOptions } from './text.js';
export { summaryLine, EXTENT_STATES, EVENT_OUTCOMES, outcomeClass, type OutcomeClass } from './common.js';
export { formatDuration, formatSize, formatHex, formatTag, formatOutcome, formatPoint, formatPath } from './format.js';
export { renderSvgTimeline, escapeXml, STATE_COLORS, type SvgTimelineOptions } from './svg.js';
export { renderCompareText, type CompareTextOptions } from './compare.js';
