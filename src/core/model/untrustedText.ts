// Text from library files and notes made safe for the two places that would read it as more than text.

/**
 * The text with no Markdown link left in it, for a notification, a warning or a view's message.
 * VS Code turns `[label](command:…)` there into a link that runs the command when clicked, and
 * has no escape for it; a link needs `](` side by side, so a zero-width space goes between them.
 * A file name, a key or a title shows as it is written.
 */
export function notificationText(text: string): string {
  return text.replaceAll('](', ']\u200b(');
}

/**
 * The C0 and C1 control characters (but tab and line breaks) and the bidirectional overrides,
 * by which text written to a terminal could move the cursor, retitle the window, hide what
 * follows or reorder what is shown.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Our own styles, which the CLI writes around titles: bold, dim and back to normal. */
// eslint-disable-next-line no-control-regex -- our own escape, let through
const OWN_STYLE = /^\u001b\[(?:1|2|22)m/;

/**
 * The text as a terminal should show it: each control character (see `TERMINAL_CONTROLS`)
 * replaced by `�`, but the escapes that start bold or dim and end them (harmless, whoever wrote them).
 */
export function terminalText(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (c, at: number) => (c === '\u001b' && OWN_STYLE.test(text.slice(at, at + 5)) ? c : '\ufffd'));
}

/** JSON for a terminal: `JSON.stringify` escapes C0 controls but not C1 ones or bidirectional overrides, which this escapes too. */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
