/*
 * The page's Content-Security-Policy, in one place: the main process sends it as a header
 * (electron/main/security.ts), and both renderer builds write it into index.html's <meta>
 * (cspMetaPlugin in electron.vite.config.mts and vite.web.config.mts), so the two cannot
 * differ. Kept free of imports: the build configs load it too.
 *
 * style-src allows inline styles because Svelte and @xyflow/svelte position graph nodes
 * with style attributes; scripts, by contrast, come only from the app's own files.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

/** As a header it also carries frame-ancestors, which a <meta> cannot. */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

/** The placeholder renderer/index.html holds where the policy goes. */
export const CSP_PLACEHOLDER = '%PAGEWALK_CSP%';

/** A Vite plugin writing the policy into index.html's <meta>. */
export function cspMetaPlugin(): { name: string; transformIndexHtml(html: string): string } {
  return {
    name: 'pagewalk-csp-meta',
    transformIndexHtml: (html) => {
      if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`renderer/index.html has no ${CSP_PLACEHOLDER} for the Content-Security-Policy`);
      return html.replace(CSP_PLACEHOLDER, CONTENT_SECURITY_POLICY);
    },
  };
}
