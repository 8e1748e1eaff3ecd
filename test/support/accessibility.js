/**
 * A test-runner command, `accessibility-node`: what the browser's accessibility tree says about one
 * element, found through shadow roots by a CSS selector — its role, name, description and states
 * (required, invalid, checked, …), with its descendants, unfiltered. What a screen reader is given,
 * not what the DOM attributes claim.
 */
export function accessibilityPlugin() {
  return {
    name: 'accessibility-node',
    async executeCommand({ command, payload, session }) {
      if (command !== 'accessibility-node') return undefined;
      const page = session.browser.getPage(session.id);
      const element = await page.$(`pierce/${payload.selector}`);
      if (!element) throw new Error(`No element matches ${payload.selector}`);
      try {
        return await page.accessibility.snapshot({ root: element, interestingOnly: false });
      } finally {
        await element.dispose();
      }
    },
  };
}
