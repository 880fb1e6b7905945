import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createNonce, escapeHtml, panelHtml, panelTitle, type PanelHtmlOptions } from '../../src/features/panelHtml';

const options: PanelHtmlOptions = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'AbC123+/xyz',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.css',
  title: 'LIMO: Less is More for Reasoning',
};

const HOSTILE = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[x](command:workbench.action.quit)', '"><script>alert(1)</script>', '</title><script>alert(1)</script>'];

/** The policy as the browser reads it: the meta tag's content, entities decoded. */
function policyOf(html: string): Map<string, string[]> {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  assert.ok(content, 'a CSP meta tag');
  const decoded = content.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
  return new Map(decoded.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

const tags = (html: string) => [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1].toLowerCase());

describe('panel HTML', () => {
  it('has a strict Content-Security-Policy with a nonce', () => {
    const policy = policyOf(panelHtml(options));
    assert.deepEqual(policy.get('default-src'), ["'none'"]);
    assert.deepEqual(policy.get('script-src'), [`'nonce-${options.nonce}'`]);
    assert.deepEqual(policy.get('style-src'), [options.cspSource, `'nonce-${options.nonce}'`]);
    assert.deepEqual(policy.get('font-src'), [options.cspSource]);
    assert.deepEqual(policy.get('img-src'), [options.cspSource]);
    for (const values of policy.values()) assert.ok(!values.some((v) => /unsafe|\*|https?:$|data:/.test(v)), values.join(' '));
  });

  it('loads only the one nonce’d script and our stylesheet', () => {
    const html = panelHtml(options);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.deepEqual(scripts, [`<script nonce="${options.nonce}" src="${options.scriptUri}">`]);
    assert.match(html, new RegExp(`<link rel="stylesheet" href="${options.styleUri.replace(/[.+]/g, '\\$&')}"`));
    // FAST reads the nonce from this tag for the one <style> element it adds.
    assert.match(html, new RegExp(`<meta property="csp-nonce" content="${options.nonce.replace(/[+]/g, '\\+')}">`));
  });

  it('shows hostile titles as inert text', () => {
    const baseline = tags(panelHtml(options));
    for (const title of HOSTILE) {
      const html = panelHtml({ ...options, title });
      assert.deepEqual(tags(html), baseline, title);
      assert.ok(html.includes(`<title>${escapeHtml(title)}</title>`), title);
      assert.doesNotMatch(html, /<a\b|href="command:|onerror=alert\(1\)>|<script>alert/);
    }
  });

  it('adds no markup for any title', () => {
    const baseline = panelHtml({ ...options, title: '' });
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (title) => {
        const html = panelHtml({ ...options, title });
        assert.equal(html.split('<').length, baseline.split('<').length);
        assert.equal(html.split('"').length, baseline.split('"').length);
        const shown = /<title>([^<]*)<\/title>/.exec(html)?.[1];
        assert.equal(shown?.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))), title);
      }),
    );
  });

  it('makes a fresh, valid nonce each time', () => {
    const nonces = Array.from({ length: 50 }, createNonce);
    assert.equal(new Set(nonces).size, nonces.length);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9+/]{24}$/);
  });

  it('shortens long titles at a word for the tab', () => {
    assert.equal(panelTitle('LIMO: Less is More for Reasoning'), 'LIMO: Less is More for Reasoning');
    assert.equal(panelTitle('Orca: Progressive Learning from Complex Explanation Traces of GPT-4'), 'Orca: Progressive Learning from Complex…');
    assert.equal(panelTitle('  Spaced\n  out  '), 'Spaced out');
    fc.assert(
      fc.property(fc.string(), (title) => {
        assert.ok(panelTitle(title).length <= 40);
      }),
    );
  });
});
