// Debian's Chromium (or CHROME_PATH), started the way this machine needs: no test tool downloads
// a browser, and nothing in the browser reaches out to the network by itself.
export const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
