/*
 * Screens are addressed by the URL hash (#/lesson/PACK/LESSON, #/sandbox, …) so a reload
 * returns to the same screen and the browser's back button moves between screens.
 * Pure parse/format functions; App.svelte listens for hashchange.
 */
export type Route =
  | { screen: 'library' }
  | { screen: 'lesson'; packId: string; lessonId: string }
  | { screen: 'sandbox' }
  | { screen: 'experiments' }
  | { screen: 'progress' }
  | { screen: 'author' }
  | { screen: 'settings' };

export type Screen = Route['screen'];

export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((p) => p.length > 0)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  switch (parts[0]) {
    case 'lesson':
      return parts.length === 3 ? { screen: 'lesson', packId: parts[1], lessonId: parts[2] } : { screen: 'library' };
    case 'sandbox':
    case 'experiments':
    case 'progress':
    case 'author':
    case 'settings':
      return { screen: parts[0] };
    default:
      return { screen: 'library' };
  }
}

export function formatRoute(r: Route): string {
  if (r.screen === 'lesson') return `#/lesson/${encodeURIComponent(r.packId)}/${encodeURIComponent(r.lessonId)}`;
  return `#/${r.screen}`;
}
