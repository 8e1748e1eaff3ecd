import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Flow, stepIndexOf, type FlowLayout, type StageChange } from '../../src/core/flow.js';

function flowOf(layout: FlowLayout) {
  const changes: StageChange[] = [];
  const flow = new Flow(
    () => layout,
    (c) => changes.push(c),
  );
  return { flow, changes, layout };
}

const sequences: [string, FlowLayout, string[]][] = [
  [
    'submission',
    { steps: [0, 1, 2], documents: false, payment: false },
    ['step:0', 'step:1', 'step:2', 'review', 'outcome'],
  ],
  [
    'submission with documents and payment',
    { steps: [0, 1], documents: true, payment: true },
    ['step:0', 'step:1', 'documents', 'review', 'payment', 'outcome'],
  ],
  [
    'appointment (checklist as the outcome, documents brought)',
    { steps: [0, 1], documents: false, payment: false },
    ['step:0', 'step:1', 'review', 'outcome'],
  ],
  [
    'first party of a hand-off (the outcome is the hand-off)',
    { steps: [0, 1], documents: true, payment: false },
    ['step:0', 'step:1', 'documents', 'review', 'outcome'],
  ],
  [
    'second party (their steps only)',
    { steps: [2], documents: false, payment: false },
    ['step:2', 'review', 'outcome'],
  ],
];

for (const [name, layout, expected] of sequences) {
  test(`stages and step-change ids: ${name}`, () => {
    const { flow, changes } = flowOf(layout);
    assert.deepEqual(flow.stages(), expected);
    assert.equal(flow.current, expected[0]);
    // Next walks every stage once, each change named by the stages' own ids.
    while (flow.next());
    assert.equal(flow.current, 'outcome');
    assert.deepEqual(
      changes,
      expected.slice(1).map((to, i) => ({ from: expected[i], to })),
    );
    // No way back from the outcome.
    assert.equal(flow.back(), undefined);
  });

  test(`back walks every stage before the outcome in reverse: ${name}`, () => {
    const { flow, changes } = flowOf(layout);
    const beforeOutcome = expected.at(-2)!;
    flow.goTo(beforeOutcome as never);
    changes.length = 0;
    while (flow.back());
    assert.equal(flow.current, expected[0]);
    const walked = expected.slice(0, -1).reverse();
    assert.deepEqual(
      changes,
      walked.slice(1).map((to, i) => ({ from: walked[i], to })),
    );
  });
}

test('entering the documents page, leaving it and entering it again each report "documents"', () => {
  const { flow, changes } = flowOf({ steps: [0, 1], documents: true, payment: false });
  flow.goTo('step:1');
  flow.next();
  flow.next();
  flow.back();
  assert.deepEqual(changes.slice(1), [
    { from: 'step:1', to: 'documents' },
    { from: 'documents', to: 'review' },
    { from: 'review', to: 'documents' },
  ]);
});

test('a step opened from the review leads back to it, also after Back', () => {
  const { flow } = flowOf({ steps: [0, 1, 2], documents: true, payment: false });
  flow.goTo('review');
  flow.goTo('step:1', true);
  assert.equal(flow.returning, true);
  flow.back();
  assert.equal(flow.current, 'step:0');
  assert.equal(flow.returning, true);
  flow.next();
  assert.equal(flow.current, 'review');
  assert.equal(flow.returning, false);
  flow.back();
  assert.equal(flow.current, 'documents');
});

test('going to the stage the flow is at reports nothing', () => {
  const { flow, changes } = flowOf({ steps: [0], documents: false, payment: false });
  assert.equal(flow.goTo('step:0'), undefined);
  assert.deepEqual(changes, []);
});

test('progress counts steps, documents and review; payment shares the review number', () => {
  const { flow } = flowOf({ steps: [0, 1], documents: true, payment: true });
  const seen: unknown[] = [];
  do seen.push(flow.progress());
  while (flow.next());
  assert.deepEqual(seen, [[1, 4], [2, 4], [3, 4], [4, 4], [4, 4], undefined]);
});

test('the stages follow the layout as the answers change', () => {
  const layout: FlowLayout = { steps: [0, 1], documents: true, payment: false };
  const flow = new Flow(() => layout);
  flow.goTo('step:1');
  layout.documents = false;
  flow.next();
  assert.equal(flow.current, 'review');
  layout.documents = true;
  flow.back();
  assert.equal(flow.current, 'documents');
});

test('a draft restores the stage; what no longer exists falls back', () => {
  const layout: FlowLayout = { steps: [0, 1, 2], documents: true, payment: true };
  const flow = new Flow(() => layout);
  const cases: [{ stage?: string; returning?: boolean }, string, boolean][] = [
    [{ stage: 'documents' }, 'documents', false],
    [{ stage: 'payment' }, 'payment', false],
    [{ stage: 'step:1', returning: true }, 'step:1', true],
    [{ stage: 'review', returning: true }, 'review', false],
    [{ stage: 'outcome' }, 'step:0', false],
    [{ stage: 'step:9' }, 'step:2', false],
    [{ stage: 'nonsense' }, 'review', false],
    [{}, 'step:0', false],
  ];
  for (const [saved, stage, returning] of cases) {
    flow.restore(saved);
    assert.equal(flow.current, stage, JSON.stringify(saved));
    assert.equal(flow.returning, returning, JSON.stringify(saved));
    assert.deepEqual(flow.save(), { stage, returning });
  }
  layout.documents = false;
  flow.restore({ stage: 'documents' });
  assert.equal(flow.current, 'review');
});

test('step stage ids', () => {
  assert.equal(stepIndexOf('step:12'), 12);
  assert.equal(stepIndexOf('review'), undefined);
  assert.equal(stepIndexOf('step:x'), undefined);
  assert.equal(stepIndexOf(undefined), undefined);
});
