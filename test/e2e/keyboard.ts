/**
 * A citizen at the keyboard: Tab from control to control of `<applicant-form>` and answer each
 * with what a person would press (typing, Space, arrow keys, Enter on "Weiter"), taking the
 * answers from a data object and the choices' order from the definition's schema. Shared by the
 * end-to-end tests of every service.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/** Inverse of the element's `idFor`: the data pointer of a control's id. */
export function pointerOf(id: string): string {
  return id
    .slice(1)
    .replace(/_([0-9a-f]+)_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function valueAt(data: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>(
      (value, token) => (value as Record<string, unknown> | undefined)?.[token],
      data,
    );
}

export interface Focused {
  tag: string;
  type: string;
  id: string;
  name: string;
  checked: boolean;
  text: string;
  value: string;
  classes: string;
  listId: string;
  items: number;
  inputMode: string;
}

/** The element that has focus, through the shadow roots. */
export async function focused(page: Page): Promise<Focused | undefined> {
  return page.evaluate(() => {
    let el = document.activeElement as HTMLElement | null;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
    if (!el) return undefined;
    const input = el as HTMLInputElement;
    const list = el.closest('fieldset.list');
    return {
      tag: el.tagName.toLowerCase(),
      type: input.type ?? '',
      id: el.id,
      name: input.name ?? '',
      checked: Boolean(input.checked),
      text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      value: input.value ?? '',
      classes: el.className,
      listId: list?.id ?? '',
      items: list ? list.querySelectorAll(':scope > fieldset.item').length : 0,
      inputMode: el.getAttribute('inputmode') ?? '',
    };
  });
}

/** The error summary's text, for a failure message. */
export async function summary(page: Page): Promise<string> {
  const box = page.locator('applicant-form .summary');
  return (await box.count()) > 0
    ? ((await box.textContent()) ?? '').replace(/\s+/g, ' ')
    : '(no summary)';
}

/** The index of a value among a field's options (`oneOf` with `const`), found in `schema`. */
export function choiceIndex(schema: unknown, pointer: string, value: unknown): number {
  const name = pointer.split('/').pop()!;
  const found: number[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, sub] of Object.entries(node)) {
        if (key === name && sub && typeof sub === 'object' && Array.isArray((sub as any).oneOf)) {
          const i = (sub as any).oneOf.findIndex((o: any) => o.const === value);
          if (i >= 0) found.push(i);
        }
        walk(sub);
      }
    }
  };
  walk(schema);
  assert.ok(found.length > 0, `no choice ${String(value)} for ${pointer}`);
  return found[0]!;
}

export interface Citizen {
  page: Page;
  /** The answers to give. */
  data: unknown;
  /** The definition's schema, for the order of choices. */
  schema: unknown;
  /** The labels of a yes/no question's two radios, in the page's language. */
  yesNo?: [string, string];
}

/**
 * Answers the focused control from `data`, as a person at the keyboard would. Returns whether
 * the control was one to answer (a field, or the "add" button of a list), and whether focus
 * stays where it is (a new list entry takes it) rather than moving on with Tab.
 */
export async function answerFocused(
  citizen: Citizen,
  f: Focused,
): Promise<{ answered: boolean; keepFocus?: boolean }> {
  const { page, data, schema } = citizen;
  const key = (k: string) => page.keyboard.press(k);
  if ((f.tag === 'input' && ['text', 'email', 'tel'].includes(f.type)) || f.tag === 'textarea') {
    const want = valueAt(data, pointerOf(f.id));
    if (want !== undefined && f.value === '') {
      if (typeof want === 'string' && /^\d{4}-\d\d-\d\d$/.test(want)) {
        // A date as on German papers, day first, whatever the browser's own language.
        await page.keyboard.type(want.split('-').reverse().join('.'));
      } else if (typeof want === 'number') {
        // As a German writes a number: with a decimal comma.
        await page.keyboard.type(String(want).replace('.', ','));
      } else {
        await page.keyboard.type(String(want));
      }
    }
    return { answered: true };
  }
  if (f.tag === 'input' && f.type === 'radio') {
    const pointer = pointerOf(f.name);
    const want = valueAt(data, pointer);
    if (want !== undefined) {
      const choices = await page.evaluate((name) => {
        const form = document.querySelector('applicant-form')!.shadowRoot!;
        return [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)].map((r) => ({
          id: r.id,
          label: form.querySelector(`label[for="${r.id}"]`)!.textContent!.trim(),
          checked: r.checked,
        }));
      }, f.name);
      const [yes, no] = citizen.yesNo ?? ['Ja', 'Nein'];
      const wanted = choices.findIndex((c) =>
        typeof want === 'boolean'
          ? c.label === (want ? yes : no)
          : c.id.endsWith(`-${choiceIndex(schema, pointer, want)}`),
      );
      assert.ok(wanted >= 0, `no option for ${pointer}=${String(want)}`);
      const current = choices.findIndex((c) => c.id === f.id);
      if (!choices[current]!.checked && current === wanted) await key('Space');
      for (let n = 0; n < (wanted - current + choices.length) % choices.length; n++)
        await key('ArrowDown');
    }
    return { answered: true };
  }
  if (f.tag === 'input' && f.type === 'checkbox') {
    const want = f.id === 'remember' ? false : valueAt(data, pointerOf(f.id));
    if (want === true && !f.checked) await key('Space');
    return { answered: true };
  }
  if (f.tag === 'select') {
    const pointer = pointerOf(f.id);
    const want = valueAt(data, pointer);
    if (want !== undefined) {
      const index = choiceIndex(schema, pointer, want);
      for (let n = 0; n <= index; n++) await key('ArrowDown');
    }
    return { answered: true };
  }
  if (f.tag === 'button' && f.classes.includes('add')) {
    const list = valueAt(data, pointerOf(f.listId));
    if (Array.isArray(list) && f.items < list.length) {
      await key('Enter');
      return { answered: true, keepFocus: true };
    }
    return { answered: true };
  }
  return { answered: false };
}

/** Enter on the focused "Weiter": the next step's heading takes focus, or the test fails. */
export async function nextStep(page: Page): Promise<void> {
  await page.keyboard.press('Enter');
  await page.waitForTimeout(50);
  const now = await focused(page);
  if (now?.id !== 'step-heading') assert.fail(`the step was not accepted: ${await summary(page)}`);
}

/**
 * From the step heading, Tab through the steps answering every control and pressing "Weiter"
 * (by `next`, its label) until a button labelled `until` has focus. Returns how many steps were
 * completed.
 */
export async function completeSteps(
  citizen: Citizen,
  until: string,
  next = ['Weiter'],
): Promise<number> {
  const { page } = citizen;
  await page.locator('applicant-form #step-heading').focus();
  let steps = 0;
  for (let i = 0; i < 600; i++) {
    const f = await focused(page);
    assert.ok(f, 'something has focus');
    if (f.tag === 'button' && f.text === until) return steps;
    const { answered, keepFocus } = await answerFocused(citizen, f);
    if (!answered && f.tag === 'button' && next.includes(f.text)) {
      await nextStep(page);
      steps++;
      continue;
    }
    if (!keepFocus) await page.keyboard.press('Tab');
  }
  return assert.fail(`no "${until}" after ${steps} steps`);
}
