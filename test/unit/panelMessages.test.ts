import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SNIPPET_STYLES } from '../../src/core/notes/citationSnippet';
import { MAX_KEY_LENGTH, parsePanelState, parseWebviewMessage, type WebviewMessage } from '../../src/shared/panelMessages';

/** Written apart from the parser: what a well-formed webview message looks like. */
function isWellFormed(message: WebviewMessage): boolean {
  const fields = Object.keys(message).sort().join(',');
  const keyOk = (key: unknown) => typeof key === 'string' && key.length > 0 && key.length <= MAX_KEY_LENGTH && ![...key].some((c) => c < ' ' || c === '\x7f');
  switch (message.type) {
    case 'ready':
      return fields === 'type';
    case 'insertCitation':
      return fields === 'key,style,type' && keyOk(message.key) && SNIPPET_STYLES.includes(message.style);
    case 'copyKey':
    case 'openPaper':
    case 'literatureNote':
    case 'openPdf':
      return fields === 'key,type' && keyOk(message.key);
    case 'openExternal':
      return fields === 'type,url' && typeof message.url === 'string' && /^https?:\/\/[^\s/]/i.test(message.url) && !/\s/.test(message.url);
    default:
      return false;
  }
}

const key = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,40}$/);
const wellFormed: fc.Arbitrary<WebviewMessage> = fc.oneof(
  fc.constant({ type: 'ready' as const }),
  fc.record({ type: fc.constant('insertCitation' as const), key, style: fc.constantFrom(...SNIPPET_STYLES) }),
  fc.record({ type: fc.constantFrom('copyKey' as const, 'openPaper' as const, 'literatureNote' as const, 'openPdf' as const), key }),
  fc.record({ type: fc.constant('openExternal' as const), url: fc.webUrl({ withQueryParameters: true, withFragments: true }) }),
);

describe('panel messages', () => {
  it('accepts each well-formed webview message as it is', () => {
    const messages: WebviewMessage[] = [
      { type: 'ready' },
      { type: 'insertCitation', key: 'limo', style: 'pandoc' },
      { type: 'insertCitation', key: 'measure-intelligence', style: 'custom' },
      { type: 'copyKey', key: 'orca' },
      { type: 'openPaper', key: 'b-star' },
      { type: 'openExternal', url: 'https://doi.org/10.1000/cook' },
      { type: 'literatureNote', key: 'limo' },
      { type: 'openPdf', key: 'Anonymous:2010p7822' },
    ];
    for (const message of messages) assert.deepEqual(parseWebviewMessage(message), message);
  });

  it('rejects malformed messages', () => {
    const rejected: unknown[] = [
      undefined,
      null,
      'ready',
      42,
      [],
      ['ready'],
      {},
      { type: 'Ready' },
      { type: 'showPaper', key: 'limo' },
      { type: 'openPdf', key: 'limo', path: '/bin/sh' },
      { type: 'openPdf', key: '' },
      { type: 'literatureNote' },
      { type: 'toString' },
      { type: '__proto__' },
      { type: 'insertCitation', key: 'limo' },
      { type: 'insertCitation', key: 'limo', style: 'bibtex' },
      { type: 'insertCitation', key: 'limo', style: ['pandoc'] },
      { type: 'copyKey' },
      { type: 'copyKey', key: '' },
      { type: 'copyKey', key: 7 },
      { type: 'copyKey', key: { toString: () => 'limo' } },
      { type: 'copyKey', key: 'x'.repeat(MAX_KEY_LENGTH + 1) },
      { type: 'copyKey', key: 'limo\nrm -rf' },
      { type: 'openPaper', key: 'limo', command: 'workbench.action.quit' },
      { type: 'ready', extra: true },
      { type: 'openExternal' },
      { type: 'openExternal', url: 'command:workbench.action.quit' },
      { type: 'openExternal', url: 'file:///etc/passwd' },
      { type: 'openExternal', url: 'https://doi.org/10.1000/cook', key: 'limo' },
      JSON.parse('{"type":"openPaper","key":"limo","__proto__":{"polluted":true}}'),
    ];
    for (const value of rejected) assert.equal(parseWebviewMessage(value), undefined, JSON.stringify(value));
  });

  it('accepts the longest allowed key', () => {
    const longest = 'k'.repeat(MAX_KEY_LENGTH);
    assert.deepEqual(parseWebviewMessage({ type: 'openPaper', key: longest }), { type: 'openPaper', key: longest });
  });

  it('never throws on arbitrary JSON, and whatever it accepts is well-formed', () => {
    const messageLike = fc.record(
      { type: fc.constantFrom('ready', 'insertCitation', 'copyKey', 'openPaper', 'openExternal', 'showPaper', ''), key: fc.jsonValue(), style: fc.jsonValue(), url: fc.oneof(fc.jsonValue(), fc.webUrl()), extra: fc.jsonValue() },
      { requiredKeys: ['type'] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), messageLike), (value) => {
        const parsed = parseWebviewMessage(value);
        if (parsed !== undefined) assert.ok(isWellFormed(parsed), JSON.stringify(parsed));
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every well-formed message, through a JSON round trip as postMessage does', () => {
    fc.assert(
      fc.property(wellFormed, (message) => {
        assert.deepEqual(parseWebviewMessage(JSON.parse(JSON.stringify(message))), { ...message });
      }),
    );
  });

  it('reads a saved panel state, keeping only a known style', () => {
    assert.deepEqual(parsePanelState({ key: 'limo', style: 'title' }), { key: 'limo', style: 'title' });
    assert.deepEqual(parsePanelState({ key: 'limo', style: 'bibtex' }), { key: 'limo' });
    for (const state of [undefined, null, 'limo', {}, { key: '' }, { key: 3 }]) assert.equal(parsePanelState(state), undefined);
  });
});
