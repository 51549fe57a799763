// The browser this build is for: `npm run build:firefox` builds in vite mode "firefox"
// (vite.config.ts). A constant, so the other browser's branch drops out of each bundle.
export const FIREFOX_BUILD = import.meta.env.MODE === 'firefox';
