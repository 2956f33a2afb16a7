/*
 * Text from packs and scenarios reaches the terminal through these: titles, notes, quoted
 * keys and messages may hold control characters, and an escape sequence could clear the
 * screen or print a fake "OK: 0 errors". Every control character except newline and tab
 * (C0, DEL, C1, and the line and paragraph separators) is shown as a visible escape.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}
