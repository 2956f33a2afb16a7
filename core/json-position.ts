/*
 * Where a value sits in a JSON text, found only when a message needs it. Documents in
 * JSON are parsed with JSON.parse (fast, no positions); when a diagnostic must point at
 * `steps[3].read.addr`, this scanner walks the text along that path, skipping everything
 * else without building it, and returns the offset and line:column.
 */

/** Offset of the value (or, with `key`, of the key) at `path`, or of its deepest existing ancestor. */
export function jsonOffset(text: string, path: (string | number)[], key = false): number {
  let i = skipSpace(text, 0);
  for (let depth = 0; depth < path.length; depth++) {
    const part = path[depth];
    const c = text[i];
    if (c === '{') {
      let j = skipSpace(text, i + 1);
      let found = -1;
      while (j < text.length && text[j] === '"') {
        const keyStart = j;
        const keyEnd = skipString(text, j);
        const name = JSON.parse(text.slice(keyStart, keyEnd)) as string;
        j = skipSpace(text, keyEnd);
        if (text[j] !== ':') return i;
        j = skipSpace(text, j + 1);
        if (name === String(part)) {
          found = key && depth === path.length - 1 ? keyStart : j;
          break;
        }
        j = skipSpace(text, skipValue(text, j));
        if (text[j] === ',') j = skipSpace(text, j + 1);
      }
      if (found < 0) return i;
      i = found;
      if (key && depth === path.length - 1) return i;
    } else if (c === '[' && typeof part === 'number') {
      let j = skipSpace(text, i + 1);
      let k = 0;
      while (k < part && j < text.length && text[j] !== ']') {
        j = skipSpace(text, skipValue(text, j));
        if (text[j] === ',') j = skipSpace(text, j + 1);
        k++;
      }
      if (k < part || text[j] === ']' || j >= text.length) return i;
      i = j;
    } else return i;
  }
  return i;
}

/** 1-based line and column of an offset. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let p = text.indexOf('\n'); p >= 0 && p < offset; p = text.indexOf('\n', p + 1)) {
    line++;
    start = p + 1;
  }
  return { line, col: offset - start + 1 };
}

function skipSpace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i++;
  }
  return i;
}

function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === '"') return j + 1;
  }
  return text.length;
}

/** Offset just past the value starting at i. */
function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (d === '"') j = skipString(text, j) - 1;
      else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return text.length;
  }
  let j = i;
  while (j < text.length && !',]} \t\r\n'.includes(text[j])) j++;
  return j;
}
